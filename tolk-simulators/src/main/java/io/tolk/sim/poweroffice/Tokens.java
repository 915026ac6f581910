package io.tolk.sim.poweroffice;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Issued access tokens and their expiry on the simulator's clock. Thread-safe. */
final class Tokens {
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Instant> expiry = new ConcurrentHashMap<>();
  private final java.util.Set<String> everIssued = ConcurrentHashMap.newKeySet();
  private final Clock clock;

  Tokens(Clock clock) {
    this.clock = clock;
  }

  String issue(Duration lifetime) {
    byte[] b = new byte[32];
    random.nextBytes(b);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    expiry.put(token, clock.instant().plus(lifetime));
    everIssued.add(token);
    return token;
  }

  /** True when the token was issued here and has not expired. */
  boolean valid(String token) {
    Instant exp = token == null ? null : expiry.get(token);
    return exp != null && clock.instant().isBefore(exp);
  }

  /** Every token issued since the simulator started, expired or not. */
  java.util.Set<String> everIssued() {
    return java.util.Set.copyOf(everIssued);
  }

  /** Every issued token becomes expired. */
  void expireAll() {
    expiry.clear();
  }
}
