package io.tolk.sim.zoho;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Get Records page tokens: opaque strings naming a server-side position, valid 24 h on the sim clock and bound to the
 * listing's other parameters. Expired tokens are forgotten lazily.
 */
public final class PageTokens {
  public static final Duration VALIDITY = Duration.ofHours(24);

  /**
   * Where a token continues.
   *
   * @param bound     the canonical form of the listing parameters the token was issued for
   * @param cursor    continue strictly after this key (null: from {@code offset} records into the listing)
   * @param offset    records to skip from the start when there is no cursor
   * @param page      the page number the token leads to
   * @param served    records the listing had served before that page (for the 100 000 cap)
   * @param expiry    when the token stops working
   * @param previous  the token of the page before that page (null: none)
   */
  public record State(String bound, SortKey cursor, int offset, int page, long served, Instant expiry, String previous) {}

  private final Clock clock;
  private final Map<String, State> tokens = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();

  public PageTokens(Clock clock) {
    this.clock = clock;
  }

  public String issue(String bound, SortKey cursor, int offset, int page, long served, String previous) {
    byte[] b = new byte[20];
    random.nextBytes(b);
    String token = HexFormat.of().formatHex(b);
    tokens.put(token, new State(bound, cursor, offset, page, served, clock.instant().plus(VALIDITY), previous));
    if (tokens.size() % 1000 == 0) purge();
    return token;
  }

  /** The state, or null if the token was never issued (or was purged long after expiry). */
  public State get(String token) {
    return tokens.get(token);
  }

  public boolean expired(State s) {
    return !clock.instant().isBefore(s.expiry());
  }

  private void purge() {
    Instant cutoff = clock.instant().minus(VALIDITY);
    tokens.values().removeIf(s -> s.expiry().isBefore(cutoff));
  }

  public void clear() {
    tokens.clear();
  }
}
