package io.tolk.engine.store;

import io.tolk.engine.testing.StoreContractTest;
import io.tolk.engine.testing.TestClock;

class InMemoryStoreTest extends StoreContractTest {
    @Override
    protected Store newStore(TestClock clock) {
        return new InMemoryStore(clock);
    }
}
