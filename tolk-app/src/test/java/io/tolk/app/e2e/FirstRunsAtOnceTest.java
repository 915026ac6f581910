package io.tolk.app.e2e;

import org.junit.jupiter.api.RepeatedTest;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tolk sync --once} processes started together on one new SQLite store: one migrates and syncs, the others
 * wait for the migration and then either sync after it or say the connection is being synced by another process
 * (exit 1). Never exit 4, never a Flyway error, never a duplicate.
 */
class FirstRunsAtOnceTest extends E2eBase {

    /** Several, so that some of them meet in the migration although each JVM takes its own time to start. */
    private static final int PROCESSES = 4;

    @RepeatedTest(3)
    void firstSyncsStartedTogetherMigrateOnceAndOneSyncsWhileTheOthersWaitOrStepAside() throws Exception {
        for (int i = 1; i <= 5; i++) {
            companyInPowerOffice("Samtidig " + i + " AS");
        }
        assertThat(Files.exists(dir.resolve("tolk.db"))).isFalse();

        List<ChildTolk> runs = new ArrayList<>();
        try {
            for (int i = 0; i < PROCESSES; i++) {
                runs.add(ChildTolk.start(dir, "sync", "--once", "-c", configFile.toString()));
            }
            List<Integer> exits = new ArrayList<>();
            for (ChildTolk c : runs) {
                int exit = c.waitFor(120);
                exits.add(exit);
                assertThat(exit).as(c.output()).isIn(0, 1);
                assertThat(c.output()).doesNotContainIgnoringCase("migrat").doesNotContain("Flyway");
                if (exit == 1) {
                    assertThat(c.output()).contains("is being synced by another tolk process");
                }
            }
            assertThat(exits).as("at least one of them synced").contains(0);
        } finally {
            runs.forEach(ChildTolk::close);
        }

        Map<String, Long> accounts = zoho.all("Accounts").stream()
                .collect(Collectors.groupingBy(r -> r.path("Account_Name").asText(), Collectors.counting()));
        assertThat(accounts).hasSize(5).allSatisfy((name, n) -> assertThat(n).as(name).isEqualTo(1L));
        tolk.syncOk();
        assertThat(zoho.all("Accounts")).hasSize(5);
    }
}
