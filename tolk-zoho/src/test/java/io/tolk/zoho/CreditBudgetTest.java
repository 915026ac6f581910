package io.tolk.zoho;

import io.tolk.api.ConnectorException;
import io.tolk.api.ErrorKind;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CreditBudgetTest {

    /** A clock the test moves. */
    private static final class MovingClock extends Clock {
        Instant now = Instant.parse("2025-03-01T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void writesCostOneCreditPerStartedTenRecords() {
        assertThat(CreditBudget.costOfWrite(1)).isEqualTo(1);
        assertThat(CreditBudget.costOfWrite(10)).isEqualTo(1);
        assertThat(CreditBudget.costOfWrite(11)).isEqualTo(2);
        assertThat(CreditBudget.costOfWrite(100)).isEqualTo(10);
    }

    @Test
    void creditsSpentMoreThanTwentyFourHoursAgoAreFreeAgain() {
        MovingClock clock = new MovingClock();
        CreditBudget b = new CreditBudget(10, clock);
        b.spend(10, "read");
        assertThatThrownBy(() -> b.spend(1, "read Accounts"))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.kind()).as("credits spent: the work waits").isEqualTo(ErrorKind.QUOTA);
                    assertThat(e.getMessage()).contains("read Accounts").contains("10 of 10")
                            .contains("2025-03-02T10:00:00Z");
                    assertThat(e.retryAt()).as("when the oldest credits free up").contains(java.time.Instant.parse("2025-03-02T10:00:00Z"));
                });

        clock.now = clock.now.plus(Duration.ofHours(24)).plusSeconds(60);

        b.spend(10, "read");
        assertThat(b.used()).isEqualTo(20);
    }

    @Test
    void zohosRemainingCreditFigureStopsCallsBeforeOurOwnBudgetDoes() {
        CreditBudget b = new CreditBudget(1_000, new MovingClock());
        b.reported(2);
        b.spend(2, "read");

        assertThatThrownBy(() -> b.spend(1, "create Accounts")).isInstanceOf(ConnectorException.class)
                .hasMessageContaining("Zoho reports 0 API credits left");
        assertThat(b.remainingReported()).isZero();
    }
}
