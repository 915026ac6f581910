package io.tolk.sim.common;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Per-operation request counters, readable in-process and through {@code /__sim/counters}. Thread-safe.
 * An operation counts as a read or a write according to the kind it was declared with ({@link #declare}); the
 * server declares every routed operation.
 */
public final class SimCounters {
  private final Map<String, OperationKind> kinds;
  private final Map<String, LongAdder> byOperation = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> writtenByOperation = new ConcurrentHashMap<>();
  private final LongAdder reads = new LongAdder();
  private final LongAdder writes = new LongAdder();
  private final LongAdder recordsWritten = new LongAdder();
  private final LongAdder throttled = new LongAdder();

  public SimCounters() {
    this(new ConcurrentHashMap<>());
  }

  /** Counters that share their operations' kinds with others (every tenant of one server). */
  SimCounters(Map<String, OperationKind> kinds) {
    this.kinds = kinds;
  }

  /** Declares what kind an operation is (done by {@link SimServer#route}). */
  public void declare(String operation, OperationKind kind) {
    kinds.put(operation, kind);
  }

  /** Called by the server for every request routed to an operation. */
  public void count(String operation) {
    byOperation.computeIfAbsent(operation, k -> new LongAdder()).increment();
    OperationKind kind = kinds.get(operation);
    if (kind == OperationKind.READ) {
      reads.increment();
    } else if (kind == OperationKind.WRITE) {
      writes.increment();
    }
  }

  /** Handlers call this for records created/updated/deleted. */
  public void addRecordsWritten(String operation, long n) {
    writtenByOperation.computeIfAbsent(operation, k -> new LongAdder()).add(n);
    recordsWritten.add(n);
  }

  /** A 429 was sent (by the fault handling, the rate limit or a handler's own limit). */
  public void throttled() {
    throttled.increment();
  }

  public long requests(String operation) {
    LongAdder a = byOperation.get(operation);
    return a == null ? 0 : a.sum();
  }

  public long reads() {
    return reads.sum();
  }

  public long writes() {
    return writes.sum();
  }

  public long recordsWritten() {
    return recordsWritten.sum();
  }

  public long throttledCount() {
    return throttled.sum();
  }

  /** {"reads":n,"writes":n,"recordsWritten":n,"throttled":n,"byOperation":{"customers.list":n,...}}. */
  public Map<String, Object> snapshot() {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("reads", reads());
    m.put("writes", writes());
    m.put("recordsWritten", recordsWritten());
    m.put("throttled", throttledCount());
    Map<String, Long> ops = new TreeMap<>();
    byOperation.forEach((k, v) -> ops.put(k, v.sum()));
    m.put("byOperation", ops);
    Map<String, Long> written = new TreeMap<>();
    writtenByOperation.forEach((k, v) -> written.put(k, v.sum()));
    m.put("recordsWrittenByOperation", written);
    return m;
  }

  public void reset() {
    byOperation.clear();
    writtenByOperation.clear();
    reads.reset();
    writes.reset();
    recordsWritten.reset();
    throttled.reset();
  }
}
