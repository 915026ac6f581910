package io.tolk.store;

import io.tolk.engine.store.Store;
import io.tolk.engine.testing.StoreContractTest;
import io.tolk.engine.testing.TestClock;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

/** The engine's Store contract, on an SQLite file. */
class JdbcStoreSqliteContractTest extends StoreContractTest {

    @TempDir
    Path dir;

    @Override
    protected Store newStore(TestClock clock) {
        return JdbcStore.open(StoreUrl.parse("sqlite:tolk.db", dir, Map.of()), clock);
    }
}
