package io.tolk.sim.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class WriteLogTest {

  private final SimClock clock = new SimClock();

  @Test
  void keepsTheLastEntriesInOrderAndCountsTheOlderOnesItDropped() {
    WriteLog log = new WriteLog(clock, 3);
    for (int i = 1; i <= 5; i++) {
      log.record("Accounts", Integer.toString(i), AppliedWrite.Op.CREATE);
    }

    assertThat(log.entries()).extracting(AppliedWrite::id).containsExactly("3", "4", "5");
    assertThat(log.dropped()).isEqualTo(2);
    assertThat(log.snapshot()).containsEntry("capacity", 3).containsEntry("dropped", 2L);
  }

  @Test
  void anEntryCarriesTheSimulatorsTimeAndTheOperationInLowerCase() {
    clock.set(Instant.parse("2026-03-01T10:15:30.123Z"));
    WriteLog log = new WriteLog(clock, 10);
    log.record("Customers", "100000001", AppliedWrite.Op.UPDATE);

    assertThat(log.entries()).containsExactly(
        new AppliedWrite("Customers", "100000001", AppliedWrite.Op.UPDATE, Instant.parse("2026-03-01T10:15:30.123Z")));
    assertThat(log.snapshot().get("writes")).asList().singleElement().hasToString(
        "{type=Customers, id=100000001, op=update, at=2026-03-01T10:15:30.123Z}");
  }

  @Test
  void clearForgetsTheEntriesAndTheDroppedCount() {
    WriteLog log = new WriteLog(clock, 1);
    log.record("Contacts", "1", AppliedWrite.Op.CREATE);
    log.record("Contacts", "1", AppliedWrite.Op.DELETE);

    log.clear();

    assertThat(log.entries()).isEmpty();
    assertThat(log.dropped()).isZero();
  }

  @Test
  void aLogThatKeepsNothingIsRefused() {
    assertThatThrownBy(() -> new WriteLog(clock, 0)).hasMessageContaining("at least one");
  }
}
