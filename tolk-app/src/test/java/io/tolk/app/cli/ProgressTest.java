package io.tolk.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tolk.engine.testing.TestClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ProgressTest {

    private final TestClock clock = new TestClock(Instant.parse("2025-01-10T09:00:00Z"));

    @Test
    void workShorterThanASecondPrintsNothing() {
        StringWriter text = new StringWriter();
        try (Progress progress = new Progress(new PrintWriter(text), clock, false, false)) {
            progress.progress("read poweroffice/customers", 5000, -1);
            clock.advance(Duration.ofMillis(900));
            progress.tick();
        }
        assertThat(text.toString()).isEmpty();
    }

    @Test
    void longWorkPrintsALineEverySecondEvenWhileNoNewProgressArrives() {
        StringWriter text = new StringWriter();
        try (Progress progress = new Progress(new PrintWriter(text), clock, false, false)) {
            progress.progress("read poweroffice/customers", 0, -1);
            clock.advance(Duration.ofSeconds(1));
            progress.tick();
            clock.advance(Duration.ofSeconds(1));
            progress.tick();
            progress.progress("write zoho/Accounts", 100, 400);
            clock.advance(Duration.ofMillis(1200));
            progress.tick();
            progress.tick(); // no second line within the same second
        }
        String n = System.lineSeparator();
        assertThat(text.toString()).isEqualTo("  ... read poweroffice/customers: 0 (1 s)" + n
                + "  ... read poweroffice/customers: 0 (2 s)" + n
                + "  ... write zoho/Accounts: 100 of 400 (3 s)" + n);
    }

    @Test
    void theTickerThreadPrintsWithoutBeingAsked() throws Exception {
        StringWriter text = new StringWriter();
        try (Progress progress = new Progress(new PrintWriter(text), java.time.Clock.systemUTC(), false, true)) {
            progress.progress("read zoho/Accounts", 200, -1);
            Thread.sleep(2300);
        }
        assertThat(text.toString()).contains("  ... read zoho/Accounts: 200 (");
    }
}
