package io.tolk.app.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code tolk sync --once} process killed with SIGKILL in the middle of its writes (a real child JVM, the simulators
 * slowed down so the cycle takes seconds), then the next run: nothing is duplicated in either system, everything
 * converges, and the cycle after that writes nothing.
 */
class KilledMidCycleTest extends MidCycleBase {

    /**
     * Runs {@code tolk sync --once} in a child JVM against slowed-down simulators and kills it (SIGKILL) once
     * {@code writes} write calls have reached the system {@code counted} belongs to; checks the kill left work undone.
     */
    private void syncKilledAfter(SimAdmin counted, int writes) throws Exception {
        slowSimulators("60ms");
        resetCounters();
        try (ChildTolk child = ChildTolk.start(dir, "sync", "--once", "-c", configFile.toString())) {
            long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
            while (counted.writes() < writes) {
                assertThat(child.isAlive()).as("the cycle ended before the kill point; its output:\n" + child.output())
                        .isTrue();
                assertThat(System.nanoTime()).as("the kill point was not reached in time").isLessThan(deadline);
                Thread.sleep(5);
            }
            child.kill();
        } finally {
            normalSimulators();
        }
        assertThat(notConverged()).as("the kill left work undone (else it was not mid-cycle)").isNotEmpty();
    }

    /**
     * Kill points: after the {@code writes}-th write call has reached {@code system} (counted by the simulator, which
     * applies a call even when its caller has died): early in the PowerOffice creates (one call per customer), at the
     * first Zoho create batch, and among the PowerOffice updates after every create was sent.
     */
    @ParameterizedTest(name = "killed after {1} write calls reached {0}")
    @CsvSource({"poweroffice, 5", "zoho, 1", "poweroffice, 40"})
    void killedMidCycleTheNextRunFinishesWithoutDuplicatesAndThenIsQuiet(String system, int writes) throws Exception {
        worldWithPendingWork();

        syncKilledAfter(system.equals("zoho") ? zoho.admin() : po.admin(), writes);

        Tolk next = tolk;
        Tolk.Result recovery = next.sync();

        assertThat(notConverged()).as("after the next run (exit " + recovery.exitCode() + "):\n" + recovery.all()).isEmpty();
        assertThat(recovery.exitCode()).as(recovery.all()).isZero();
        resetCounters();
        Tolk.Result after = next.syncOk();
        assertThat(writes()).as("write calls {PowerOffice, Zoho} in the cycle after:\n" + after.all()).containsExactly(0, 0);
    }

    /**
     * The crashed process cannot release its cycle lock; the next run, on the same machine, sees that the holder's
     * process has ended and goes on at once (no waiting for the lease to run out), saying so.
     */
    @Test
    void theRunRightAfterAKilledRunIsNotRefusedByTheDeadProcessesLock() throws Exception {
        worldWithPendingWork();
        syncKilledAfter(po.admin(), 5);

        Tolk.Result next = tolk.sync();

        assertThat(next.exitCode()).as("the run right after the killed one:\n" + next.all()).isZero();
        assertThat(next.all()).contains("took over the cycle lock of process");
        assertThat(notConverged()).isEmpty();
    }
}
