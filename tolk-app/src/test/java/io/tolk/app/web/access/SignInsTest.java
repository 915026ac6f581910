package io.tolk.app.web.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SignInsTest {

    /** A clock the test moves. */
    private static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-03-02T08:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
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
    }

    private final MovableClock clock = new MovableClock();
    private final SignIns signIns = new SignIns(clock, Duration.ofHours(8), Duration.ofDays(7));

    @Test
    void aSessionEndsWhenUnusedForTheIdleTime() {
        SignIns.Session s = signIns.open();
        clock.now = clock.now.plus(Duration.ofHours(7));
        assertThat(signIns.find(s.id())).isPresent();
        clock.now = clock.now.plus(Duration.ofHours(7));
        assertThat(signIns.find(s.id())).as("used 7 h ago, so still live").isPresent();
        clock.now = clock.now.plus(Duration.ofHours(8));
        assertThat(signIns.find(s.id())).isEmpty();
    }

    @Test
    void aSessionUsedAllTheTimeStillEndsAtItsLifetime() {
        SignIns.Session s = signIns.open();
        for (int i = 0; i < 7 * 24; i++) {
            clock.now = clock.now.plus(Duration.ofHours(1));
            signIns.find(s.id());
        }
        assertThat(signIns.find(s.id())).isEmpty();
    }

    @Test
    void sessionsHaveTheirOwnRandomIdAndCsrfTokenAndSigningOutEndsOne() {
        SignIns.Session a = signIns.open();
        SignIns.Session b = signIns.open();
        assertThat(a.id()).isNotEqualTo(b.id()).isNotEqualTo(a.csrf()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(a.toString()).doesNotContain(a.id()).doesNotContain(a.csrf());

        signIns.close(a.id());
        assertThat(signIns.find(a.id())).isEmpty();
        assertThat(signIns.find(b.id())).isPresent();
        assertThat(signIns.find(null)).isEmpty();
    }
}
