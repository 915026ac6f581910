package io.tolk.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.tolk.engine.cycle.CycleReport;
import io.tolk.engine.cycle.FlowCounts;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** How a cycle's warnings reach people: in the summary and the plan, and in the log. */
class ReportsTest {

    private static final String WARNING = "zoho: the field rules of Contacts could not be read (503 after retries);"
            + " values were checked against only the mandatory Last_Name";

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(Reports.class);

    @BeforeEach
    void captureTheLog() {
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void releaseTheLog() {
        logger.detachAppender(log);
    }

    private static CycleReport reportWithAWarning(boolean dryRun) {
        return new CycleReport(dryRun ? 0 : 7, dryRun, Instant.parse("2026-03-02T08:00:00Z"), Duration.ofSeconds(2),
                Map.of("F3", FlowCounts.ZERO), Map.of("zoho", 3L), List.of(), Map.of(), List.of(), null,
                io.tolk.engine.store.RunOutcome.OK, List.of(WARNING));
    }

    @Test
    void theSummaryPrintsEachWarningOnceAndDoesNotLogItAsWellToTheSameTerminal() {
        StringWriter text = new StringWriter();

        Reports.summary(new PrintWriter(text), "default", reportWithAWarning(false));

        assertThat(text.toString()).containsOnlyOnce("Warning: " + WARNING);
        assertThat(log.list).as("only the debug log (-v) has it").allSatisfy(e ->
                assertThat(e.getLevel()).isEqualTo(Level.DEBUG));
    }

    @Test
    void aServiceThatPrintsNoSummaryLogsTheWarningNamingTheConnection() {
        Reports.log("default", reportWithAWarning(false));

        assertThat(log.list).singleElement().satisfies(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.WARN);
            assertThat(e.getFormattedMessage()).isEqualTo("connection 'default': " + WARNING);
        });
    }

    @Test
    void aPairLinkedAfterReviewIsListedApartInTheSummary() {
        io.tolk.api.RecordRef department = new io.tolk.api.RecordRef("poweroffice", "Department", "2");
        io.tolk.api.RecordRef account = new io.tolk.api.RecordRef("zoho", "Accounts", "501");
        io.tolk.engine.cycle.Change afterReview = new io.tolk.engine.cycle.Change(io.tolk.engine.cycle.ChangeKind.LINK,
                "F2", account, "zoho", "Accounts", department, List.of(), "same name; " + department
                + " waited for review and has one match left since, so tolk linked it without being asked", true);
        io.tolk.engine.cycle.Change ordinary = new io.tolk.engine.cycle.Change(io.tolk.engine.cycle.ChangeKind.LINK,
                "F1", new io.tolk.api.RecordRef("zoho", "Accounts", "9"), "zoho", "Accounts",
                new io.tolk.api.RecordRef("poweroffice", "CompanyCustomer", "9"), List.of(), "same name");
        CycleReport report = new CycleReport(7, false, Instant.parse("2026-03-02T08:00:00Z"), Duration.ofSeconds(2),
                Map.of("F2", FlowCounts.ZERO), Map.of(), List.of(ordinary, afterReview),
                Map.of(io.tolk.engine.cycle.ChangeKind.LINK, 2L), List.of(), null, io.tolk.engine.store.RunOutcome.OK,
                List.of());
        StringWriter text = new StringWriter();

        Reports.summary(new PrintWriter(text), "default", report);

        assertThat(text.toString()).contains("Linked after review (1):", "F2 link zoho/Accounts/501 (with "
                + "poweroffice/Department/2)", "without being asked").doesNotContain("CompanyCustomer/9");
    }

    @Test
    void thePlanShowsTheWarningToo() {
        StringWriter text = new StringWriter();

        Reports.planTotals(new PrintWriter(text), "default", new io.tolk.engine.Plan(reportWithAWarning(true), Map.of()), false);

        assertThat(text.toString()).contains("Warning: " + WARNING, "Nothing to do for connection 'default'");
    }
}
