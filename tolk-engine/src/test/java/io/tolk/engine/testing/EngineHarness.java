package io.tolk.engine.testing;

import io.tolk.engine.testing.TestOverrides;
import io.tolk.engine.testing.StandardMapping;
import io.tolk.engine.Plan;
import io.tolk.engine.SyncEngine;
import io.tolk.engine.cycle.CycleReport;
import io.tolk.engine.policy.SyncOptions;
import io.tolk.engine.mapping.Mapping;
import io.tolk.engine.store.ConnectionStore;
import io.tolk.engine.store.InMemoryStore;
import io.tolk.engine.store.Store;

import java.time.Duration;

/**
 * An engine over two {@link FakeConnector}s and an in-memory store, on a {@link TestClock}: the quickest way to drive
 * cycles in a test. {@link #sync()} moves the clock one minute, then runs a cycle.
 */
public final class EngineHarness {

    public final TestClock clock = new TestClock();
    public final FakeConnector po = FakeConnector.poweroffice(clock);
    public final FakeConnector zoho = FakeConnector.zoho(clock);
    public final Store store;
    public Mapping mapping = StandardMapping.defaults();
    public SyncOptions options = SyncOptions.defaults();

    public EngineHarness() {
        this.store = new InMemoryStore(clock);
    }

    public EngineHarness(Store store) {
        this.store = store;
    }

    public SyncEngine engine() {
        return new SyncEngine("test", store, java.util.List.of(po, zoho), mapping, options, clock);
    }

    /** One minute later, one cycle. */
    public CycleReport sync() {
        clock.advance(Duration.ofMinutes(1));
        return engine().runCycle();
    }

    /** One minute later, a dry run. */
    public Plan plan() {
        clock.advance(Duration.ofMinutes(1));
        return engine().plan();
    }

    public ConnectionStore db() {
        return store.connection("test");
    }

    /** Cycles until one writes nothing (at most {@code max}); returns how many ran. */
    public int syncUntilQuiet(int max) {
        for (int i = 1; i <= max; i++) {
            if (sync().writes().isEmpty()) {
                return i;
            }
        }
        throw new AssertionError("still writing after " + max + " cycles");
    }

    public void writesCleared() {
        po.clearWrites();
        zoho.clearWrites();
    }

    public long writeCount() {
        return po.writeCount() + zoho.writeCount();
    }
}
