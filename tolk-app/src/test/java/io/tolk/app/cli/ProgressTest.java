package io.tolk.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ProgressTest {

    private Instant now = Instant.parse("2025-01-10T09:00:00Z");

    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void shortWorkPrintsNothingAndLongWorkAtMostOneLineEveryTwoSeconds() {
        StringWriter text = new StringWriter();
        Progress progress = new Progress(new PrintWriter(text), clock);
        progress.progress("read poweroffice CompanyCustomer", 5000, -1);
        now = now.plus(Duration.ofMillis(1500));
        progress.progress("read poweroffice CompanyCustomer", 10000, -1);
        assertThat(text.toString()).isEmpty();

        now = now.plus(Duration.ofMillis(600));
        progress.progress("write zoho", 100, 400);
        now = now.plus(Duration.ofMillis(100));
        progress.progress("write zoho", 200, 400);
        assertThat(text.toString()).isEqualTo("  ... write zoho: 100 of 400 (2 s)" + System.lineSeparator());
    }
}
