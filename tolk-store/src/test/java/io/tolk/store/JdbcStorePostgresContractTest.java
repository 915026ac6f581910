package io.tolk.store;

import io.tolk.engine.store.Store;
import io.tolk.engine.testing.StoreContractTest;
import io.tolk.engine.testing.TestClock;

/** The engine's Store contract, on PostgreSQL (a local throw-away server; skipped where PostgreSQL is not installed). */
class JdbcStorePostgresContractTest extends StoreContractTest {

    @Override
    protected Store newStore(TestClock clock) {
        return JdbcStore.open(LocalPostgres.shared().newDatabase(), clock);
    }
}
