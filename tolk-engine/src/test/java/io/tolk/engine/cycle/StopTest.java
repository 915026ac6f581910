package io.tolk.engine.cycle;

import io.tolk.engine.mapping.MappingOverrides;
import io.tolk.engine.store.RunOutcome;
import io.tolk.engine.testing.EngineHarness;
import io.tolk.engine.testing.StandardMapping;
import io.tolk.engine.testing.TestOverrides;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A cycle asked to stop while its writes are in flight. */
class StopTest {

    private final EngineHarness h = new EngineHarness();

    /** Waits (at most 5 s) until {@code system} has applied a write: the caller's write then comes after it. */
    private static void after(io.tolk.engine.testing.FakeConnector system) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (system.writeCount() == 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }

    /**
     * Zoho Accounts new to PowerOffice: each is created in PowerOffice and gets its secondary fields mirrored in Zoho in
     * the same cycle. The stop comes once Zoho's update batch is applied, while PowerOffice (one record per request)
     * has sent at most one create: the very next cycle makes the creates not sent, once each (no Account gets two
     * customers), and then there is nothing left to write.
     */
    @Test
    void createsCutShortByAStopAreMadeByTheNextCycleOnceEach() {
        h.mapping = StandardMapping.build(new MappingOverrides(List.of(
                TestOverrides.flow("F1", 1, null, 0, true, 1, List.of(), List.of()))));
        for (int i = 1; i <= 4; i++) {
            h.zoho.put("Accounts", "50" + i, "Account_Name", "Fra Zoho " + i + " AS", "Billing_City", "Oslo",
                    "Billing_Code", "0150", "Billing_Country", "Norway");
        }
        h.po.requestsPerHttpCall(1);
        h.po.beforeEachWrite(() -> after(h.zoho));

        h.clock.advance(Duration.ofMinutes(1));
        CycleReport stopped = h.engine().onStop(() -> h.zoho.writeCount() > 0).runCycle();

        assertThat(stopped.outcome()).isEqualTo(RunOutcome.INTERRUPTED);
        assertThat(h.po.ids("CompanyCustomer")).as("created before the stop").hasSizeLessThan(4);
        h.po.beforeEachWrite(null);
        h.clock.advance(Duration.ofSeconds(1));   // well within the one-minute back-off of a failed write
        h.engine().runCycle();
        assertThat(h.po.ids("CompanyCustomer")).hasSize(4);
        h.writesCleared();
        h.clock.advance(Duration.ofSeconds(1));
        assertThat(h.engine().runCycle().writes()).isEmpty();
    }

    /**
     * Two linked companies, each edited on both sides (phone in PowerOffice, website in Zoho), so each entity's plan
     * writes to both systems. PowerOffice's update batch is applied (and read back: nothing left to read there); the
     * stop comes before Zoho's updates, or before the second of them (Zoho taking one record per request here). What was not sent is due
     * again at once: the next cycle, a second later, makes it, though nothing about the record has changed since.
     */
    @Test
    void anUpdateNotSentBecauseOfAStopIsDueAtOnceEvenWhenItsRecordHasNoNewChange() {
        for (int i = 1; i <= 2; i++) {
            h.po.put("CompanyCustomer", String.valueOf(i), "Name", "Linket " + i + " AS", "PhoneNumber", "100" + i);
        }
        h.sync();
        List<String> accounts = h.zoho.ids("Accounts");
        h.clock.advance(Duration.ofMinutes(5));
        for (int i = 1; i <= 2; i++) {
            h.po.edit("CompanyCustomer", String.valueOf(i), "PhoneNumber", "200" + i);
            h.zoho.edit("Accounts", accounts.get(i - 1), "Website", "https://linket" + i + ".example.no");
        }
        h.writesCleared();
        h.zoho.requestsPerHttpCall(1);
        h.zoho.beforeEachWrite(() -> after(h.po));

        h.clock.advance(Duration.ofMinutes(1));
        CycleReport stopped = h.engine().onStop(() -> h.po.writeCount() > 0).runCycle();

        assertThat(stopped.outcome()).isEqualTo(RunOutcome.INTERRUPTED);
        assertThat(h.zoho.writeCount()).as("Zoho updates sent before the stop").isLessThan(2);
        assertThat(h.po.writeCount()).as("PowerOffice updates sent before the stop").isEqualTo(2);
        h.zoho.beforeEachWrite(null);
        h.clock.advance(Duration.ofSeconds(1));   // well within the one-minute back-off of a failed write
        h.engine().runCycle();
        for (int i = 1; i <= 2; i++) {
            assertThat(h.zoho.field("Accounts", accounts.get(i - 1), "Phone")).isEqualTo("200" + i);
            assertThat(h.po.field("CompanyCustomer", String.valueOf(i), "WebsiteUrl"))
                    .isEqualTo("https://linket" + i + ".example.no");
        }
        h.writesCleared();
        h.clock.advance(Duration.ofSeconds(1));
        assertThat(h.engine().runCycle().writes()).isEmpty();
    }
}
