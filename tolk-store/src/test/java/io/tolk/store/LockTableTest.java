package io.tolk.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Two Database instances on one file stand for two processes. */
class LockTableTest {

    private static final Duration TTL = Duration.ofMinutes(5);
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    Path dir;

    @Test
    void aSecondOwnerIsRefusedUntilTheFirstReleases() {
        StoreUrl url = StoreUrl.parse("sqlite:lock.db", dir, Map.of());
        try (Database one = Database.open(url); Database two = Database.open(url)) {
            assertThat(one.<Boolean>write(c -> LockTable.take(c, "acme", "process-1", T0, TTL))).isTrue();
            assertThat(two.<Boolean>write(c -> LockTable.take(c, "acme", "process-2", T0.plusSeconds(10), TTL))).isFalse();
            assertThat(two.<java.util.Optional<LockTable.Holder>>read(c -> LockTable.holder(c, "acme"))).get()
                    .extracting(LockTable.Holder::owner).isEqualTo("process-1");

            assertThat(two.<Boolean>write(c -> LockTable.release(c, "acme", "process-2"))).isFalse();
            assertThat(one.<Boolean>write(c -> LockTable.release(c, "acme", "process-1"))).isTrue();

            assertThat(two.<Boolean>write(c -> LockTable.take(c, "acme", "process-2", T0.plusSeconds(20), TTL))).isTrue();
        }
    }

    @Test
    void anExpiredLockCanBeTakenOverAndTheOldOwnerCannotRenewIt() {
        StoreUrl url = StoreUrl.parse("sqlite:lock.db", dir, Map.of());
        try (Database one = Database.open(url); Database two = Database.open(url)) {
            one.<Boolean>write(c -> LockTable.take(c, "acme", "process-1", T0, TTL));

            assertThat(two.<Boolean>write(c -> LockTable.take(c, "acme", "process-2", T0.plus(TTL).minusMillis(1), TTL))).isFalse();
            assertThat(two.<Boolean>write(c -> LockTable.take(c, "acme", "process-2", T0.plus(TTL), TTL))).isTrue();

            assertThat(one.<Boolean>write(c -> LockTable.renew(c, "acme", "process-1", T0.plus(TTL), TTL))).isFalse();
            assertThat(one.<Boolean>write(c -> LockTable.take(c, "acme", "process-1", T0.plus(TTL), TTL))).isFalse();
        }
    }

    @Test
    void theOwnerMayRetakeAndRenewItsLock() {
        StoreUrl url = StoreUrl.parse("sqlite:lock.db", dir, Map.of());
        try (Database one = Database.open(url)) {
            assertThat(one.<Boolean>write(c -> LockTable.take(c, "acme", "p1", T0, TTL))).isTrue();
            assertThat(one.<Boolean>write(c -> LockTable.take(c, "acme", "p1", T0.plusSeconds(60), TTL))).isTrue();
            assertThat(one.<Boolean>write(c -> LockTable.renew(c, "acme", "p1", T0.plusSeconds(120), TTL))).isTrue();

            LockTable.Holder h = one.<java.util.Optional<LockTable.Holder>>read(c -> LockTable.holder(c, "acme")).orElseThrow();
            assertThat(h.acquiredAt()).isEqualTo(T0);
            assertThat(h.expiresAt()).isEqualTo(T0.plusSeconds(120).plus(TTL));
        }
    }

    @Test
    void locksOfDifferentConnectionsAreIndependent() {
        StoreUrl url = StoreUrl.parse("sqlite:lock.db", dir, Map.of());
        try (Database one = Database.open(url); Database two = Database.open(url)) {
            assertThat(one.<Boolean>write(c -> LockTable.take(c, "acme", "p1", T0, TTL))).isTrue();
            assertThat(two.<Boolean>write(c -> LockTable.take(c, "fjellvind", "p2", T0, TTL))).isTrue();
        }
    }
}
