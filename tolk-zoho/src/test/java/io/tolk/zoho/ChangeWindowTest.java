package io.tolk.zoho;

import io.tolk.api.Checkpoint;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChangeWindowTest {

    private static final Duration OVERLAP = Duration.ofSeconds(1);
    private static final Instant T = Instant.parse("2025-03-01T10:00:00Z");

    @Test
    void aFirstReadHasNoSinceAndItsCheckpointRemembersTheVersionsOfTheReReadWindow() {
        ChangeWindow w = ChangeWindow.from(Checkpoint.NONE, OVERLAP);
        assertThat(w.since()).isNull();

        assertThat(w.offer("1", "aa", T.minusSeconds(60))).isTrue();
        assertThat(w.offer("2", "bb", T.minusSeconds(1))).isTrue();
        assertThat(w.offer("3", "cc", T)).isTrue();

        Checkpoint cp = w.toCheckpoint(Checkpoint.NONE);
        ChangeWindow next = ChangeWindow.from(cp, OVERLAP);
        assertThat(next.highWater()).isEqualTo(T);
        assertThat(next.since()).isEqualTo(T.minusSeconds(2));
        assertThat(next.seenCount()).isEqualTo(2); // record 1 is older than the window
        assertThat(cp.value()).isEqualTo("zc1;" + T.getEpochSecond() + ";2:bb:1,3:cc:0");
    }

    @Test
    void theSameVersionIsSkippedButAChangedOneInTheSameSecondIsDelivered() {
        ChangeWindow first = ChangeWindow.from(Checkpoint.NONE, OVERLAP);
        first.offer("1", "aa", T);
        ChangeWindow next = ChangeWindow.from(first.toCheckpoint(Checkpoint.NONE), OVERLAP);

        assertThat(next.offer("1", "aa", T)).as("the version delivered last time").isFalse();
        assertThat(next.offer("1", "a2", T)).as("changed again within the same second").isTrue();
        assertThat(next.offer("2", "bb", T)).as("new in the same second").isTrue();
        assertThat(next.offer("2", "bb", T)).as("met twice at a page boundary").isFalse();
    }

    @Test
    void readingNothingKeepsThePreviousCheckpoint() {
        ChangeWindow first = ChangeWindow.from(Checkpoint.NONE, OVERLAP);
        first.offer("1", "aa", T);
        Checkpoint cp = first.toCheckpoint(Checkpoint.NONE);

        ChangeWindow next = ChangeWindow.from(cp, OVERLAP);
        next.offer("1", "aa", T);

        assertThat(next.toCheckpoint(cp)).isEqualTo(cp);
        assertThat(ChangeWindow.from(Checkpoint.NONE, OVERLAP).toCheckpoint(Checkpoint.NONE)).isEqualTo(Checkpoint.NONE);
    }

    @Test
    void theHighWaterMarkMovesOnAndForgetsVersionsThatLeftTheWindow() {
        ChangeWindow w = ChangeWindow.from(Checkpoint.NONE, OVERLAP);
        w.offer("1", "aa", T);
        w.offer("2", "bb", T.plusSeconds(10));

        ChangeWindow next = ChangeWindow.from(w.toCheckpoint(Checkpoint.NONE), OVERLAP);
        assertThat(next.highWater()).isEqualTo(T.plusSeconds(10));
        assertThat(next.seenCount()).isEqualTo(1);
        assertThat(next.offer("1", "aa", T)).as("older than the window: delivered again, never lost").isTrue();
    }

    @Test
    void aBulkImportWithinOneSecondKeepsTheCheckpointBoundedAndRedeliversRatherThanMisses() {
        ChangeWindow w = ChangeWindow.from(Checkpoint.NONE, OVERLAP);
        for (int i = 0; i < ChangeWindow.MAX_SEEN + 10; i++) {
            w.offer("id" + i, "f", T.minusSeconds(1));
        }
        w.offer("last", "f", T);

        ChangeWindow next = ChangeWindow.from(w.toCheckpoint(Checkpoint.NONE), OVERLAP);
        assertThat(next.seenCount()).isEqualTo(1);
        assertThat(next.offer("id0", "f", T.minusSeconds(1))).isTrue();
        assertThat(next.offer("last", "f", T)).isFalse();
    }

    @Test
    void aCheckpointOfAnotherConnectorIsRefusedNamingZoho() {
        assertThatThrownBy(() -> ChangeWindow.from(new Checkpoint("po:2025-01-01"), OVERLAP))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a Zoho change checkpoint");
        assertThatThrownBy(() -> ChangeWindow.from(new Checkpoint("zc1;x;"), OVERLAP))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unreadable");
    }

    @Test
    void aCompleteReadMovesTheHighWaterMarkToItsOwnStartLessTheOverlapButNeverBack() {
        ChangeWindow w = ChangeWindow.from(Checkpoint.NONE, OVERLAP);
        w.offer("1", "aa", T);
        w.readCompleteAt(T.plusSeconds(30).plusMillis(700));
        assertThat(w.highWater()).isEqualTo(T.plusSeconds(29));
        assertThat(w.since()).as("the next read asks only for what changed since shortly before this one")
                .isEqualTo(T.plusSeconds(27));
        assertThat(w.seenCount()).as("versions left behind the window are forgotten").isZero();

        w.readCompleteAt(T.plusSeconds(5));
        assertThat(w.highWater()).as("never backwards").isEqualTo(T.plusSeconds(29));

        ChangeWindow again = ChangeWindow.from(w.toCheckpoint(Checkpoint.NONE), OVERLAP);
        assertThat(again.since()).isEqualTo(T.plusSeconds(27));
    }
}
