package io.tolk.app.e2e;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A fatal error is exit code 4, never 1 ("the run finished, some records failed"), and loses nothing. */
class OutOfMemoryTest extends E2eBase {

    @Test
    void runningOutOfMemoryExitsFourSaysSoAndTheNextRunFinishesWithoutDuplicates() throws Exception {
        List<Map<String, Object>> customers = new ArrayList<>();
        for (int i = 1; i <= 4000; i++) {
            customers.add(Map.of("Name", "Minne " + i + " AS", "IsPerson", false, "PhoneNumber", "2200" + (1000 + i)));
        }
        po.admin().loadFixtures(Map.of("customers", customers));

        try (ChildTolk child = ChildTolk.start(dir, List.of("-Xmx16m"), "sync", "--once", "-c", configFile.toString())) {
            int code = child.waitFor(120);
            assertThat(code).as("exit code of a run that ran out of memory\n" + child.output()).isEqualTo(4);
            assertThat(child.output()).contains("tolk ran out of memory", "the next run carries on", "TOLK_JAVA_OPTS=-Xmx");
        }

        tolk.syncOk();
        List<String> names = zoho.all("Accounts").stream().map(a -> a.path("Account_Name").asText()).toList();
        assertThat(names).as("every customer in Zoho exactly once").hasSize(4000).doesNotHaveDuplicates();
        resetCounters();
        tolk.syncOk();
        assertThat(writes()).as("write calls {PowerOffice, Zoho} after the catch-up").containsExactly(0, 0);
    }
}
