package io.tolk.store;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * A second process for {@link TwoProcessLockTest}: opens the store file, tries to take the connection's lock, prints
 * {@code acquired} or {@code refused}, and releases what it took before exiting.
 */
public final class LockProbe {
    private LockProbe() {
    }

    public static void main(String[] args) {
        StoreUrl url = StoreUrl.parse("sqlite:" + args[0], Path.of(""), Map.of());
        try (JdbcStore store = JdbcStore.open(url, Clock.systemUTC())) {
            boolean taken = store.tryLock(args[1], args[2], Duration.ofMinutes(5));
            System.out.println(taken ? "acquired" : "refused");
            if (taken) {
                store.release(args[1], args[2]);
            }
        }
    }
}
