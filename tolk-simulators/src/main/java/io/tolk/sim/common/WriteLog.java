package io.tolk.sim.common;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The records a simulator changed through its API, one entry per record, in the order they were applied (a handler
 * records while it holds its store's write lock, so the order is the order of the changes). Seeded sample data and
 * admin fixtures are not API writes and are not recorded. Bounded: it keeps the last {@link #capacity()} entries and
 * counts the older ones it dropped. Thread-safe.
 */
public final class WriteLog {
  /** How many entries a simulator keeps unless told otherwise. */
  public static final int DEFAULT_CAPACITY = 50_000;

  private final Clock clock;
  private final int capacity;
  private final ArrayDeque<AppliedWrite> entries = new ArrayDeque<>();
  private long dropped;

  public WriteLog(Clock clock, int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("a write log keeps at least one entry, was given " + capacity);
    }
    this.clock = clock;
    this.capacity = capacity;
  }

  /** Records that {@code type}/{@code id} was changed just now (by the simulator's clock). */
  public synchronized void record(String type, String id, AppliedWrite.Op op) {
    if (entries.size() == capacity) {
      entries.removeFirst();
      dropped++;
    }
    entries.addLast(new AppliedWrite(type, id, op, clock.instant()));
  }

  /** The entries kept, oldest first. */
  public synchronized List<AppliedWrite> entries() {
    return List.copyOf(entries);
  }

  /** How many older entries were dropped to stay within the capacity since the last {@link #clear()}. */
  public synchronized long dropped() {
    return dropped;
  }

  public int capacity() {
    return capacity;
  }

  /** Forgets every entry and the dropped count. */
  public synchronized void clear() {
    entries.clear();
    dropped = 0;
  }

  /** {@code {"capacity":n,"dropped":n,"writes":[{"type","id","op","at"},...]}}, as served at {@code GET /__sim/writes}. */
  public synchronized Map<String, Object> snapshot() {
    List<Map<String, String>> writes = new ArrayList<>(entries.size());
    for (AppliedWrite w : entries) {
      Map<String, String> m = new LinkedHashMap<>();
      m.put("type", w.type());
      m.put("id", w.id());
      m.put("op", w.op().json());
      m.put("at", w.at().toString());
      writes.add(m);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("capacity", capacity);
    out.put("dropped", dropped);
    out.put("writes", writes);
    return out;
  }
}
