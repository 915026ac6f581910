package io.tolk.sim.zoho;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

/**
 * The store reads are answered from, for the {@code lag} fault: without lag the primary itself; with lag a replica
 * that receives each change only once {@code lag} has passed on the sim clock (a change at t is visible from t + lag),
 * so a record written less than lag ago is not yet listed, found, searched or queried, an update shows the old
 * values and a deleted record is still there. Writes (and their validation) always see the primary.
 * <p>The replica starts as a copy of the primary when a lag is set ({@link #lagChanged}; the first read catches up
 * otherwise) and is dropped when the lag goes back to zero. Lookup names in rendered records are resolved on the
 * primary. Cost without lag: one volatile read per request.</p>
 */
public final class LaggedReads {
  private record Pending(Instant at, RecordStore.Change change) {}

  private final RecordStore primary;
  private final Clock clock;
  private final Supplier<Duration> lag;
  /** Filled by writers under the primary's write lock; never under this object's monitor (no lock inversion). */
  private final ConcurrentLinkedQueue<Pending> pending = new ConcurrentLinkedQueue<>();
  private volatile RecordStore replica;

  public LaggedReads(RecordStore primary, Clock clock, Supplier<Duration> lag) {
    this.primary = primary;
    this.clock = clock;
    this.lag = lag;
  }

  /** The store to read from now. */
  public RecordStore view() {
    Duration d = lag.get();
    if (d == null || d.isZero()) {
      if (replica != null) reset();
      return primary;
    }
    return catchUp(d);
  }

  private synchronized RecordStore catchUp(Duration d) {
    if (replica == null) {
      replica = primary.journalTo(c -> pending.add(new Pending(clock.instant(), c)));
    }
    Instant visibleUpTo = clock.instant().minus(d);
    for (Pending p = pending.peek(); p != null && !p.at().isAfter(visibleUpTo); p = pending.peek()) {
      pending.poll().change().applyTo(replica);
    }
    return replica;
  }

  /** Starts the replica now if a lag is set (so writes from now on trail), or drops it if none is. */
  public void lagChanged() {
    view();
  }

  /** Drops the replica (after a reset, or when the lag is switched off): the next lagged read starts from a copy. */
  public synchronized void reset() {
    primary.journalTo(null);
    replica = null;
    pending.clear();
  }
}
