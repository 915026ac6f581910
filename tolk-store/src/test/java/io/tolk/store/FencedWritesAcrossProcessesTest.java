package io.tolk.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tolk.api.RecordRef;
import io.tolk.engine.store.LockLostException;
import io.tolk.engine.store.Snapshot;
import io.tolk.engine.store.ChangeSet;
import io.tolk.engine.store.Store;
import io.tolk.engine.testing.TestClock;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Fenced writes on PostgreSQL between two store objects on one database, as two worker processes have them: the
 * stale one's commit is refused once the other took the lock over, a takeover waits for a fenced commit in progress,
 * and fenced commits are logged with their owner.
 */
class FencedWritesAcrossProcessesTest {

    private static final RecordRef PO_1 = new RecordRef("poweroffice", "CompanyCustomer", "1");
    private static final RecordRef PO_2 = new RecordRef("poweroffice", "CompanyCustomer", "2");

    private final TestClock clock = new TestClock();
    private final List<Store> opened = new ArrayList<>();

    @AfterEach
    void close() {
        opened.forEach(Store::close);
    }

    private Store open(StoreUrl url) {
        Store s = JdbcStore.open(url, clock);
        opened.add(s);
        return s;
    }

    private static Snapshot snapshot(RecordRef ref) {
        return new Snapshot(ref, "h", Map.of("Name", "Fjellvind AS"), Instant.parse("2026-03-02T08:00:00Z"), Map.of(), false);
    }

    @Test
    void aPausedWorkerCannotCommitOnceAnotherTookItsLockOver() {
        StoreUrl url = LocalPostgres.shared().newDatabase();
        Store paused = open(url);
        Store other = open(url);
        assertThat(paused.tryLock("acme", "w1", Duration.ofSeconds(5))).isTrue();
        try (Store.WriteFence fence = paused.fenceWrites("acme", "w1", false)) {
            clock.advance(Duration.ofSeconds(6));
            assertThat(other.tryLock("acme", "w2", Duration.ofSeconds(5))).isTrue();

            assertThatThrownBy(() -> paused.connection("acme").apply(ChangeSet.builder().snapshot(snapshot(PO_1)).build()))
                    .isInstanceOf(LockLostException.class)
                    .satisfies(e -> assertThat(((LockLostException) e).holder()).isEqualTo("w2"));
            other.connection("acme").putSnapshot(snapshot(PO_2));
        }
        assertThat(other.connection("acme").snapshot(PO_1)).isEmpty();
        assertThat(other.connection("acme").snapshot(PO_2)).isPresent();
    }

    @Test
    void aTakeoverWaitsForTheFencedCommitInProgressAndThatCommitLands() throws Exception {
        StoreUrl url = LocalPostgres.shared().newDatabase();
        Store holder = open(url);
        Store taker = open(url);
        holder.tryLock("acme", "w1", Duration.ofSeconds(5));
        clock.advance(Duration.ofSeconds(6));   // expired: a taker may take it
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        CompletableFuture<Boolean> taken;
        try (Store.WriteFence fence = holder.fenceWrites("acme", "w1", false)) {
            CompletableFuture<Void> commit = CompletableFuture.runAsync(() -> holder.connection("acme").inTransaction(tx -> {
                tx.putSnapshot(snapshot(PO_1));
                inside.countDown();
                await(finish);
                return null;
            }));
            assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
            taken = CompletableFuture.supplyAsync(() -> taker.tryLock("acme", "w2", Duration.ofSeconds(5)));
            Thread.sleep(400);
            assertThat(taken).as("the takeover waits while the fenced transaction is open").isNotDone();
            finish.countDown();
            commit.get(10, TimeUnit.SECONDS);
        }
        assertThat(taken.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(taker.connection("acme").snapshot(PO_1)).as("the commit that was in progress landed").isPresent();
    }

    @Test
    void fencedCommitsAreLoggedWithTheirOwnerInTheirOwnTransaction() throws Exception {
        StoreUrl url = LocalPostgres.shared().newDatabase();
        Store store = open(url);
        store.tryLock("acme", "host/1/w1@7~n", Duration.ofSeconds(5));
        try (Store.WriteFence fence = store.fenceWrites("acme", "host/1/w1@7~n", true)) {
            store.connection("acme").apply(ChangeSet.builder().snapshot(snapshot(PO_1)).build());
            store.connection("acme").apply(ChangeSet.builder().build());   // empty: nothing committed, nothing logged
            store.tryLock("zzz", "other", Duration.ofSeconds(5));
            store.takeOverLock("acme", "host/1/w1@7~n", "w2", Duration.ofSeconds(5));
            assertThatThrownBy(() -> store.connection("acme").apply(ChangeSet.builder().snapshot(snapshot(PO_2)).build()))
                    .isInstanceOf(LockLostException.class);
        }
        store.connection("acme").apply(ChangeSet.builder().snapshot(snapshot(PO_2)).build());   // not fenced: not logged

        List<String> log = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
             ResultSet rs = c.createStatement().executeQuery("SELECT connection_name, owner FROM tolk_commit_log")) {
            while (rs.next()) {
                log.add(rs.getString(1) + " " + rs.getString(2));
            }
        }
        assertThat(log).containsExactly("acme host/1/w1@7~n");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
