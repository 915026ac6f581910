package io.tolk.sim.common;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every API request a simulator answered (admin requests and the index excluded), in the order they were answered,
 * with the wall-clock instant it arrived and what it was answered: the status, the injected fault, and the
 * {@code Retry-After} the answer carried. It is how a test sees from the server's side how often a client retried one
 * call and how long it waited after being told to. {@code at} is real time, not the simulator's clock, because
 * {@code Retry-After} and backoffs are real time; a pinned simulator clock does not stop it. Bounded like
 * {@link WriteLog}: it keeps the last {@link #capacity()} entries and counts the ones it dropped. Thread-safe.
 */
public final class RequestLog {
  /** How many entries a simulator keeps unless told otherwise. */
  public static final int DEFAULT_CAPACITY = 50_000;

  /**
   * One answered request.
   *
   * @param at         when it arrived (wall clock)
   * @param method     HTTP method
   * @param target     path and query as sent
   * @param operation  the simulator's operation name, e.g. {@code customers.update}
   * @param bodyHash   the first 16 hex digits of the body's SHA-256 ("" without a body): with method and target it
   *                   tells a retry of one call from another call to the same address
   * @param status     the status answered; 0 when the connection was cut without one ({@code drop})
   * @param fault      the fault injected, {@link FaultKind#NONE} for none
   * @param retryAfter the answer's {@code Retry-After} header, or null
   */
  public record Entry(Instant at, String method, String target, String operation, String bodyHash, int status,
                      FaultKind fault, String retryAfter) {
    /** The call this request makes: method, target and body; two requests with the same key are attempts of one call. */
    public String callKey() {
      return method + " " + target + " " + bodyHash;
    }

    /** Whether the call failed in a way a client retries: no answer, a stalled one, 429 or 5xx. */
    public boolean failed() {
      return status == 0 || fault == FaultKind.STALL || status == 429 || status >= 500;
    }
  }

  private final Clock wallClock;
  private final int capacity;
  private final ArrayDeque<Entry> entries = new ArrayDeque<>();
  private long dropped;

  public RequestLog(Clock wallClock, int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("a request log keeps at least one entry, was given " + capacity);
    }
    this.wallClock = wallClock;
    this.capacity = capacity;
  }

  /** When a request arriving now arrives, for {@link #record}. */
  public Instant now() {
    return wallClock.instant();
  }

  /** Records one answered request. */
  public synchronized void record(Instant at, SimRequest request, String target, String operation, int status,
                                  FaultKind fault, String retryAfter) {
    if (entries.size() == capacity) {
      entries.removeFirst();
      dropped++;
    }
    entries.addLast(new Entry(at, request.method(), target, operation, hash(request.body()), status, fault, retryAfter));
  }

  /** The entries kept, oldest first. */
  public synchronized List<Entry> entries() {
    return List.copyOf(entries);
  }

  public synchronized long dropped() {
    return dropped;
  }

  public int capacity() {
    return capacity;
  }

  public synchronized void clear() {
    entries.clear();
    dropped = 0;
  }

  /**
   * {@code {"capacity":n,"dropped":n,"requests":[{"at","method","target","operation","bodyHash","status","fault",
   * "retryAfter"},...]}}, as served at {@code GET /__sim/requests}.
   */
  public synchronized Map<String, Object> snapshot() {
    List<Map<String, Object>> list = new ArrayList<>(entries.size());
    for (Entry e : entries) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("at", e.at().toString());
      m.put("method", e.method());
      m.put("target", e.target());
      m.put("operation", e.operation());
      m.put("bodyHash", e.bodyHash());
      m.put("status", e.status());
      m.put("fault", e.fault().name().toLowerCase(java.util.Locale.ROOT));
      m.put("retryAfter", e.retryAfter());
      list.add(m);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("capacity", capacity);
    out.put("dropped", dropped);
    out.put("requests", list);
    return out;
  }

  private static String hash(byte[] body) {
    if (body.length == 0) {
      return "";
    }
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
