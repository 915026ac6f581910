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
    void theSummaryAndTheLogCarryTheWarningNamingTheSystemAndTheReason() {
        StringWriter text = new StringWriter();

        Reports.summary(new PrintWriter(text), "default", reportWithAWarning(false));

        assertThat(text.toString()).contains("Warning: " + WARNING);
        assertThat(log.list).singleElement().satisfies(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.WARN);
            assertThat(e.getFormattedMessage()).isEqualTo("connection 'default': " + WARNING);
        });
    }

    @Test
    void thePlanShowsTheWarningToo() {
        StringWriter text = new StringWriter();

        Reports.planTotals(new PrintWriter(text), "default", new io.tolk.engine.Plan(reportWithAWarning(true), Map.of()), false);

        assertThat(text.toString()).contains("Warning: " + WARNING, "Nothing to do for connection 'default'");
    }
}
