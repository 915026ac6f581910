package io.tolk.sim.poweroffice;

import java.time.Duration;

/**
 * The secrets the simulator accepts and the lifetime of the tokens it issues.
 *
 * @param applicationKey  the integration's application key (Basic user name on the token call)
 * @param clientKey       the Go client's key (Basic password on the token call)
 * @param subscriptionKey the APIM subscription key (Ocp-Apim-Subscription-Key header on every call)
 * @param tokenLifetime   {@code expires_in} of issued tokens; 1200 s on v2 by default
 */
public record PowerOfficeCredentials(String applicationKey, String clientKey, String subscriptionKey,
                                     Duration tokenLifetime) {
  public static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofSeconds(1200);

  public PowerOfficeCredentials {
    if (applicationKey == null || clientKey == null || subscriptionKey == null) {
      throw new IllegalArgumentException("PowerOffice simulator: application key, client key and subscription key are required");
    }
    tokenLifetime = tokenLifetime == null ? DEFAULT_TOKEN_LIFETIME : tokenLifetime;
    if (tokenLifetime.isNegative() || tokenLifetime.isZero()) {
      throw new IllegalArgumentException("PowerOffice simulator: token lifetime must be positive");
    }
  }

  public PowerOfficeCredentials(String applicationKey, String clientKey, String subscriptionKey) {
    this(applicationKey, clientKey, subscriptionKey, DEFAULT_TOKEN_LIFETIME);
  }

  /** application key demo-app, client key demo-client, subscription key demo-sub, 1200 s tokens. */
  public static PowerOfficeCredentials demo() {
    return new PowerOfficeCredentials("demo-app", "demo-client", "demo-sub", DEFAULT_TOKEN_LIFETIME);
  }

  public PowerOfficeCredentials withTokenLifetime(Duration lifetime) {
    return new PowerOfficeCredentials(applicationKey, clientKey, subscriptionKey, lifetime);
  }

  @Override
  public String toString() {
    return "PowerOfficeCredentials[applicationKey=***, clientKey=***, subscriptionKey=***, tokenLifetime=" + tokenLifetime + "]";
  }
}
