package io.tolk.app.e2e;

import org.junit.jupiter.api.RepeatedTest;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two {@code tolk sync --once} processes started together on one new SQLite store: one migrates and syncs, the other
 * waits for the migration and then either syncs after it or says the connection is being synced by another process
 * (exit 1). Never exit 4, never a Flyway error, never a duplicate.
 */
class FirstRunsAtOnceTest extends E2eBase {

    @RepeatedTest(3)
    void twoFirstSyncsStartedTogetherMigrateOnceAndOneSyncsWhileTheOtherWaitsOrStepsAside() throws Exception {
        for (int i = 1; i <= 5; i++) {
            companyInPowerOffice("Samtidig " + i + " AS");
        }
        assertThat(Files.exists(dir.resolve("tolk.db"))).isFalse();

        try (ChildTolk a = ChildTolk.start(dir, "sync", "--once", "-c", configFile.toString());
             ChildTolk b = ChildTolk.start(dir, "sync", "--once", "-c", configFile.toString())) {
            int ea = a.waitFor(120);
            int eb = b.waitFor(120);

            for (ChildTolk c : List.of(a, b)) {
                int exit = c == a ? ea : eb;
                assertThat(exit).as(c.output()).isIn(0, 1);
                assertThat(c.output()).doesNotContainIgnoringCase("migration").doesNotContain("Flyway");
                if (exit == 1) {
                    assertThat(c.output()).contains("is being synced by another tolk process");
                }
            }
            assertThat(List.of(ea, eb)).as("at least one of them synced").contains(0);
        }

        Map<String, Long> accounts = zoho.all("Accounts").stream()
                .collect(Collectors.groupingBy(r -> r.path("Account_Name").asText(), Collectors.counting()));
        assertThat(accounts).hasSize(5).allSatisfy((name, n) -> assertThat(n).as(name).isEqualTo(1L));
        tolk.syncOk();
        assertThat(zoho.all("Accounts")).hasSize(5);
    }
}
