package io.tolk.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.tolk.api.http.CreditLedger.Spend;
import io.tolk.store.JdbcStore;
import io.tolk.store.LocalPostgres;
import io.tolk.store.StoreUrl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An org's API credits, kept in the PostgreSQL store, hold across workers and across a worker's death. */
class StoreCreditLedgerTest {

    private static final Duration DAY = Duration.ofHours(24);
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:30Z");

    private StoreUrl url;

    @BeforeEach
    void newDatabase() {
        url = LocalPostgres.shared().newDatabase();
        JdbcStore.open(url, Clock.systemUTC()).close();   // the schema
    }

    private HikariDataSource pool() {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(url.jdbcUrl());
        c.setUsername(url.user());
        c.setPassword(url.password());
        c.setMaximumPoolSize(4);
        return new HikariDataSource(c);
    }

    @Test
    void twoWorkersSpendingAtOnceNeverSpendMoreThanTheBudgetTogether() throws Exception {
        long budget = 100;
        try (HikariDataSource a = pool(); HikariDataSource b = pool()) {
            List<StoreCreditLedger> workers = List.of(new StoreCreditLedger(a), new StoreCreditLedger(b));
            ExecutorService threads = Executors.newFixedThreadPool(8);
            List<Future<Integer>> spent = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                StoreCreditLedger ledger = workers.get(t % 2);
                Callable<Integer> spender = () -> {
                    int mine = 0;
                    for (int i = 0; i < 40; i++) {   // 8 x 40 calls of 1 credit want 320 of the 100
                        if (ledger.spend("org-a", 1, budget, DAY, T0) instanceof Spend.Spent) {
                            mine++;
                        }
                    }
                    return mine;
                };
                spent.add(threads.submit(spender));
            }
            int total = 0;
            for (Future<Integer> f : spent) {
                total += f.get();
            }
            threads.shutdown();
            assertThat(total).as("credits spent by both workers together").isEqualTo(budget);
            assertThat(workers.get(0).spend("org-a", 1, budget, DAY, T0))
                    .isEqualTo(new Spend.OverBudget(100, 100, Instant.parse("2026-03-02T10:00:00Z")));
            assertThat(workers.get(1).spend("org-b", 1, budget, DAY, T0)).as("another org has its own budget")
                    .isEqualTo(new Spend.Spent(1));
        }
    }

    @Test
    void aWorkerThatStartsAfterAnotherSpentCreditsSeesThemUntilTheyLeaveTheWindow() {
        try (HikariDataSource first = pool()) {
            StoreCreditLedger dies = new StoreCreditLedger(first);
            assertThat(dies.spend("org", 7, 10, DAY, T0)).isEqualTo(new Spend.Spent(7));
            assertThat(dies.spend("org", 2, 10, DAY, T0.plus(Duration.ofHours(1)))).isEqualTo(new Spend.Spent(9));
        }
        try (HikariDataSource second = pool()) {
            StoreCreditLedger takesOver = new StoreCreditLedger(second);
            Instant later = T0.plus(Duration.ofHours(2));
            assertThat(takesOver.spend("org", 2, 10, DAY, later)).as("the first worker's 9 credits count")
                    .isEqualTo(new Spend.OverBudget(9, 10, Instant.parse("2026-03-02T10:00:00Z")));
            assertThat(takesOver.spend("org", 1, 10, DAY, later)).isEqualTo(new Spend.Spent(10));

            Instant nextDay = T0.plus(DAY).plusSeconds(60);
            assertThat(takesOver.spend("org", 5, 10, DAY, nextDay)).as("the first 7 left the window")
                    .isEqualTo(new Spend.Spent(3 + 5));
        }
    }

    @Test
    void theRemainingFigureOneWorkerWasToldStopsTheOthersAndEverySpendLowersIt() {
        try (HikariDataSource a = pool(); HikariDataSource b = pool()) {
            StoreCreditLedger told = new StoreCreditLedger(a);
            StoreCreditLedger other = new StoreCreditLedger(b);
            assertThat(other.remainingReported("org")).as("never reported").isEqualTo(-1);
            told.reported("org", 3);
            assertThat(other.spend("org", 2, 1_000, DAY, T0)).isEqualTo(new Spend.Spent(2));
            assertThat(told.remainingReported("org")).isEqualTo(1);
            assertThat(other.spend("org", 2, 1_000, DAY, T0)).isEqualTo(new Spend.TooFewReported(1));
        }
    }

    @Test
    void aRefundGivesBackTheLatestCredits() {
        try (HikariDataSource a = pool()) {
            StoreCreditLedger ledger = new StoreCreditLedger(a);
            ledger.spend("org", 4, 4, DAY, T0);
            ledger.refund("org", 3);
            assertThat(ledger.spend("org", 3, 4, DAY, T0)).isEqualTo(new Spend.Spent(4));
        }
    }
}
