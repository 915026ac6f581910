package io.tolk.app.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.tolk.engine.store.RunOutcome;
import io.tolk.engine.store.RunRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthTest {

    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");
    private static final Duration INTERVAL = Duration.ofMinutes(5);

    private static RunRecord run(int minute, RunOutcome outcome, String error) {
        Instant start = T0.plus(Duration.ofMinutes(minute));
        return new RunRecord(minute, start, start.plusSeconds(10), Map.of(), Map.of(), outcome, error);
    }

    private static Health health(long failing, Instant now, RunRecord... newestFirst) {
        return Health.of(List.of(newestFirst), INTERVAL, failing, T0, now);
    }

    @Test
    void aCompletedCycleWithNothingFailingIsOk() {
        Health h = health(0, T0.plus(Duration.ofMinutes(6)), run(5, RunOutcome.OK, null));
        assertThat(h.state()).isEqualTo(HealthState.OK);
        assertThat(h.lastSuccess()).isEqualTo(T0.plus(Duration.ofMinutes(5)).plusSeconds(10));
        assertThat(h.lastError()).isNull();
        assertThat(h.sinceLastComplete()).isEqualTo(Duration.ofSeconds(50));
    }

    @Test
    void failingRecordsOrAQuotaThatRanOutMakeItDegraded() {
        assertThat(health(3, T0.plus(Duration.ofMinutes(6)), run(5, RunOutcome.OK, null)).state())
                .isEqualTo(HealthState.DEGRADED);
        assertThat(health(0, T0.plus(Duration.ofMinutes(6)), run(5, RunOutcome.WAITING_FOR_QUOTA, null)).state())
                .isEqualTo(HealthState.DEGRADED);
    }

    @Test
    void aCycleThatStoppedOnAnErrorMakesItFailingWithTheErrorAndTheLastSuccessKept() {
        Health h = health(0, T0.plus(Duration.ofMinutes(11)), run(10, RunOutcome.FAILED, "zoho: 503 Service Unavailable"),
                run(5, RunOutcome.OK, null));
        assertThat(h.state()).isEqualTo(HealthState.FAILING);
        assertThat(h.lastError()).isEqualTo("zoho: 503 Service Unavailable");
        assertThat(h.lastSuccess()).isEqualTo(T0.plus(Duration.ofMinutes(5)).plusSeconds(10));
    }

    @Test
    void anInterruptedCycleNeitherFailsNorCountsAsASuccess() {
        Health h = health(0, T0.plus(Duration.ofMinutes(11)), run(10, RunOutcome.INTERRUPTED, null),
                run(5, RunOutcome.OK, null));
        assertThat(h.state()).isEqualTo(HealthState.OK);
        assertThat(h.lastSuccess()).isEqualTo(T0.plus(Duration.ofMinutes(5)).plusSeconds(10));
    }

    @Test
    void noCompleteCycleForLongerThanThreeIntervalsIsStaleEvenWhenTheLastOneWasOk() {
        Instant now = T0.plus(Duration.ofMinutes(5)).plusSeconds(10).plus(Duration.ofMinutes(16));
        assertThat(health(0, now, run(5, RunOutcome.OK, null)).state()).isEqualTo(HealthState.STALE);
        assertThat(health(0, now, run(20, RunOutcome.FAILED, "x"), run(5, RunOutcome.OK, null)).state())
                .isEqualTo(HealthState.STALE);
    }

    @Test
    void aConnectionThatNeverCompletedIsOkAtFirstAndStaleAfterTheLimitCountedFromTheStart() {
        assertThat(health(0, T0.plusSeconds(30)).state()).isEqualTo(HealthState.OK);
        assertThat(health(0, T0.plus(Duration.ofMinutes(16))).state()).isEqualTo(HealthState.STALE);
        assertThat(health(0, T0.plus(Duration.ofMinutes(16))).lastSuccess()).isNull();
    }

    @Test
    void theStaleLimitGrowsWithTheLengthOfTheLastCycleAndIsAtLeastAMinute() {
        assertThat(Health.staleAfter(Duration.ofMinutes(5), Duration.ofMinutes(4))).isEqualTo(Duration.ofMinutes(23));
        assertThat(Health.staleAfter(Duration.ofSeconds(5), Duration.ofSeconds(1))).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void onlyTurningFailingOrStaleOrRecoveringFromThemIsWorthAnAlert() {
        assertThat(HealthState.FAILING.alertsAfter(HealthState.OK)).isTrue();
        assertThat(HealthState.STALE.alertsAfter(HealthState.DEGRADED)).isTrue();
        assertThat(HealthState.OK.alertsAfter(HealthState.FAILING)).isTrue();
        assertThat(HealthState.DEGRADED.alertsAfter(HealthState.STALE)).isTrue();
        assertThat(HealthState.DEGRADED.alertsAfter(HealthState.OK)).isFalse();
        assertThat(HealthState.FAILING.alertsAfter(HealthState.FAILING)).isFalse();
    }
}
