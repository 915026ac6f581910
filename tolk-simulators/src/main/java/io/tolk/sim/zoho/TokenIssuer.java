package io.tolk.sim.zoho;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The accounts server's access tokens: issues them for the configured refresh token, checks them, expires them.
 * At most 30 live access tokens per refresh token; the 31st evicts the oldest (as Zoho documents).
 */
public final class TokenIssuer {
  static final int MAX_LIVE_TOKENS = 30;

  /** The outcome of a token request: either a token or Zoho's error code. */
  public record Grant(String accessToken, long expiresInSeconds, String error) {}

  private final ZohoCredentials credentials;
  private final Clock clock;
  private volatile Duration lifetime;
  private final Map<String, Instant> expiries = new ConcurrentHashMap<>();
  private final ArrayDeque<String> order = new ArrayDeque<>();
  private final SecureRandom random = new SecureRandom();
  private final java.util.Set<String> everIssued = ConcurrentHashMap.newKeySet();

  public TokenIssuer(ZohoCredentials credentials, Clock clock, Duration lifetime) {
    this.credentials = credentials;
    this.clock = clock;
    this.lifetime = lifetime;
  }

  public void setLifetime(Duration lifetime) {
    this.lifetime = lifetime;
  }

  /** The refresh-token grant. Errors: unsupported_grant_type, invalid_client, invalid_code. */
  public synchronized Grant refresh(String grantType, String clientId, String clientSecret, String refreshToken) {
    if (!"refresh_token".equals(grantType)) return new Grant(null, 0, "unsupported_grant_type");
    if (!credentials.clientId().equals(clientId) || !credentials.clientSecret().equals(clientSecret)) {
      return new Grant(null, 0, "invalid_client");
    }
    if (!credentials.refreshToken().equals(refreshToken)) return new Grant(null, 0, "invalid_code");
    byte[] a = new byte[16];
    byte[] b = new byte[16];
    random.nextBytes(a);
    random.nextBytes(b);
    String token = "1000." + HexFormat.of().formatHex(a) + "." + HexFormat.of().formatHex(b);
    expiries.put(token, clock.instant().plus(lifetime));
    order.addLast(token);
    everIssued.add(token);
    while (order.size() > MAX_LIVE_TOKENS) expiries.remove(order.removeFirst());
    return new Grant(token, lifetime.toSeconds(), null);
  }

  /** True if the token was issued here and has not expired on the sim clock. */
  public boolean isValid(String token) {
    if (token == null) return false;
    Instant exp = expiries.get(token);
    return exp != null && clock.instant().isBefore(exp);
  }

  /** Every access token issued since the simulator started, expired or not (for tests that look for leaks). */
  public java.util.Set<String> everIssued() {
    return java.util.Set.copyOf(everIssued);
  }

  /** Every issued token becomes expired (admin). */
  public synchronized void expireAll() {
    Instant past = clock.instant().minusSeconds(1);
    expiries.replaceAll((k, v) -> past);
  }
}
