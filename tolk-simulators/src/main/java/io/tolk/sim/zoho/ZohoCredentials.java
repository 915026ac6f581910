package io.tolk.sim.zoho;

import java.util.Objects;

/** The OAuth client and refresh token the simulated accounts server accepts. */
public record ZohoCredentials(String clientId, String clientSecret, String refreshToken) {
  public ZohoCredentials {
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(clientSecret, "clientSecret");
    Objects.requireNonNull(refreshToken, "refreshToken");
  }

  /** client id {@code demo-client}, secret {@code demo-secret}, refresh token {@code demo-refresh}. */
  public static ZohoCredentials demo() {
    return new ZohoCredentials("demo-client", "demo-secret", "demo-refresh");
  }

  @Override
  public String toString() {
    return "ZohoCredentials[clientId=" + clientId + ", clientSecret=***, refreshToken=***]";
  }
}
