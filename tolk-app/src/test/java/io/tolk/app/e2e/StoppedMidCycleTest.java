package io.tolk.app.e2e;

import io.tolk.engine.store.RunOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * tolk stopped by SIGINT or SIGTERM in the middle of its writes (a real child JVM, real signals, the simulators slowed
 * down so the cycle takes seconds): it says it is stopping, finishes the calls in flight, records every write the
 * simulators applied (their own per-record write logs joined against tolk's store), ends the run {@code interrupted},
 * releases its lock and exits within 5 s with 130 or 143; the next run carries on from there without duplicating
 * anything, and the run after that writes nothing.
 */
class StoppedMidCycleTest extends MidCycleBase {

    private static final Duration STOP_WITHIN = Duration.ofSeconds(5);

    /** A child tolk that was signalled: how long it took to exit after the signal, its exit code and output. */
    private record Stopped(Duration took, int exitCode, String output) {
    }

    /** Starts {@code tolk <args>} against the slowed-down simulators and waits until {@code counted} shows writes. */
    private ChildTolk startAndAwaitWrites(SimAdmin counted, int writes, String... args) throws Exception {
        ChildTolk child = ChildTolk.start(dir, args);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (counted.writes() < writes) {
            assertThat(child.isAlive()).as("tolk ended before its writes began; its output:\n" + child.output()).isTrue();
            assertThat(System.nanoTime()).as("the writes did not begin in time:\n" + child.output()).isLessThan(deadline);
            Thread.sleep(5);
        }
        return child;
    }

    private static Stopped signalAndWait(ChildTolk child, String signal) throws Exception {
        long sent = System.nanoTime();
        child.signal(signal);
        int code = child.waitFor(30);
        return new Stopped(Duration.ofNanos(System.nanoTime() - sent), code, child.output());
    }

    /** Writes from here on are the ones checked: the simulators' logs and counters start empty. */
    private Instant checkWritesFromNow() {
        po.admin().resetWriteLog();
        zoho.admin().resetWriteLog();
        resetCounters();
        return Instant.now();
    }

    private WriteLedger ledger(Instant since) {
        return WriteLedger.of(dir.resolve("tolk.db"), since,
                Map.of("poweroffice", po.admin().writeLog(), "zoho", zoho.admin().writeLog()));
    }

    /** The next run finishes the work without duplicates and without taking over a lock; the run after writes nothing. */
    private void nextRunCarriesOnAndThenIsQuiet() {
        Tolk.Result next = tolk.sync();
        assertThat(next.exitCode()).as("the run after the stop:\n" + next.all()).isZero();
        assertThat(next.all()).as("a cleanly stopped run leaves no lock to take over").doesNotContain("took over");
        assertThat(notConverged()).as("after the next run:\n" + next.all()).isEmpty();
        resetCounters();
        Tolk.Result after = tolk.syncOk();
        assertThat(writes()).as("write calls {PowerOffice, Zoho} in the cycle after:\n" + after.all()).containsExactly(0, 0);
    }

    /**
     * The signal arrives while writes are in flight: among the PowerOffice creates (one call per customer), and while
     * the first Zoho batch is being applied.
     */
    @ParameterizedTest(name = "SIG{0} once {3} write calls reached {2}: exit {1}")
    @CsvSource({"INT, 130, poweroffice, 5", "TERM, 143, zoho, 1"})
    void aSignalInTheMiddleOfAWriteBatchStopsWithinFiveSecondsWithEveryAppliedWriteRecorded(String signal, int exitCode,
            String system, int writes) throws Exception {
        worldWithPendingWork();
        Instant since = checkWritesFromNow();
        slowSimulators("60ms");
        Stopped stopped;
        try (ChildTolk child = startAndAwaitWrites(system.equals("zoho") ? zoho.admin() : po.admin(), writes,
                "sync", "--once", "-c", configFile.toString())) {
            stopped = signalAndWait(child, signal);
        } finally {
            normalSimulators();
        }

        assertThat(stopped.output()).contains("tolk: SIG" + signal + ": stopping");
        assertThat(stopped.exitCode()).as(stopped.output()).isEqualTo(exitCode);
        assertThat(stopped.took()).as(stopped.output()).isLessThan(STOP_WITHIN);
        assertThat(notConverged()).as("the stop left work undone (else it was not mid-cycle); tolk said:\n"
                + stopped.output()).isNotEmpty();
        WriteLedger ledger = ledger(since);
        assertThat(ledger.creates() + ledger.updates()).as("writes the simulators applied").isPositive();
        assertThat(ledger.unrecorded()).as("applied writes tolk did not record").isEmpty();
        assertThat(ledger.lastRun()).hasValueSatisfying(run -> assertThat(run.outcome()).isEqualTo(RunOutcome.INTERRUPTED));
        assertThat(ledger.lastRunTotal("created")).as("created in the run log").isEqualTo(ledger.creates());
        assertThat(ledger.lastRunTotal("updated")).as("updated in the run log").isEqualTo(ledger.updates());
        assertThat(ledger.lockHolder()).as("the cycle lock after the stop").isEmpty();

        nextRunCarriesOnAndThenIsQuiet();
    }

    /**
     * A second Ctrl-C while the first stop waits for answers (the simulators now take 2 s per call) ends the process at
     * once, with 130; what it had sent and not yet recorded is settled by the next run, which takes over the dead
     * process's lock (saying so once) and duplicates nothing.
     */
    @Test
    void aSecondSigintDuringTheStopEndsAtOnceAndTheNextRunDuplicatesNothing() throws Exception {
        worldWithPendingWork();
        checkWritesFromNow();
        slowSimulators("60ms");
        Stopped stopped;
        try (ChildTolk child = startAndAwaitWrites(po.admin(), 5, "sync", "--once", "-c", configFile.toString())) {
            slowSimulators("2s");
            Thread.sleep(300);   // the calls now in flight wait 2 s for their answers
            child.signal("INT");
            child.awaitOutput(out -> out.contains("SIGINT: stopping"), Duration.ofSeconds(5));
            stopped = signalAndWait(child, "INT");
        } finally {
            normalSimulators();
        }

        assertThat(stopped.output()).contains("SIGINT again: stopping at once");
        assertThat(stopped.exitCode()).as(stopped.output()).isEqualTo(130);
        assertThat(stopped.took()).as("from the second signal to the end").isLessThan(Duration.ofSeconds(1));
        Tolk.Result next = tolk.sync();
        assertThat(next.exitCode()).as("the run after the halt:\n" + next.all()).isZero();
        assertThat(next.all().split("took over the cycle lock", -1)).as("the halted process's lock is taken over,"
                + " and that is said once:\n" + next.all()).hasSize(2);
        assertThat(notConverged()).as("after the next run:\n" + next.all()).isEmpty();
        resetCounters();
        tolk.syncOk();
        assertThat(writes()).as("write calls {PowerOffice, Zoho} in the cycle after").containsExactly(0, 0);
    }

    /** {@code tolk run}: SIGTERM during its first cycle's writes stops the service with every applied write recorded. */
    @Test
    void runStopsOnSigtermWithinFiveSecondsWithEveryAppliedWriteRecorded() throws Exception {
        worldWithPendingWork();
        writeConfig(syncSection(Map.of("createInPoweroffice", "true")), "server:\n  port: 0\n");
        Instant since = checkWritesFromNow();
        slowSimulators("60ms");
        Stopped stopped;
        try (ChildTolk child = startAndAwaitWrites(po.admin(), 5, "run", "-c", configFile.toString())) {
            stopped = signalAndWait(child, "TERM");
        } finally {
            normalSimulators();
        }

        assertThat(stopped.output()).contains("tolk: SIGTERM: stopping").contains("tolk run stopped.");
        assertThat(stopped.exitCode()).as(stopped.output()).isEqualTo(143);
        assertThat(stopped.took()).as(stopped.output()).isLessThan(STOP_WITHIN);
        WriteLedger ledger = ledger(since);
        assertThat(ledger.creates() + ledger.updates()).as("writes the simulators applied").isPositive();
        assertThat(ledger.unrecorded()).as("applied writes tolk did not record").isEmpty();
        assertThat(ledger.lastRun()).hasValueSatisfying(run -> assertThat(run.outcome()).isEqualTo(RunOutcome.INTERRUPTED));
        assertThat(ledger.lockHolder()).as("the cycle lock after the stop").isEmpty();

        nextRunCarriesOnAndThenIsQuiet();
    }

    /**
     * {@code tolk demo}: SIGTERM while its embedded simulators (slowed down through their admin API) take the first
     * cycle's writes stops it within 5 s with 143, saying so.
     */
    @Test
    void demoStopsOnSigtermWithinFiveSeconds() throws Exception {
        Stopped stopped;
        try (ChildTolk child = ChildTolk.start(dir, "demo", "--port", "0", "--records", "60", "--interval", "1s")) {
            String out = child.awaitOutput(o -> o.contains("Zoho CRM sim:"), Duration.ofSeconds(60));
            SimAdmin demoPo = new SimAdmin(url(out, "PowerOffice Go sim:"));
            SimAdmin demoZoho = new SimAdmin(url(out, "Zoho CRM sim:"));
            demoPo.setFaults("latency=60ms");
            demoZoho.setFaults("latency=60ms");
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (demoPo.writes() + demoZoho.writes() == 0) {
                assertThat(System.nanoTime()).as("the demo's writes did not begin:\n" + child.output()).isLessThan(deadline);
                Thread.sleep(5);
            }
            stopped = signalAndWait(child, "TERM");
        }

        assertThat(stopped.output()).contains("tolk: SIGTERM: stopping").contains("tolk demo stopped.");
        assertThat(stopped.exitCode()).as(stopped.output()).isEqualTo(143);
        assertThat(stopped.took()).as(stopped.output()).isLessThan(STOP_WITHIN);
    }

    /** The base URL printed after {@code label} (e.g. {@code http://127.0.0.1:41234} from {@code …/v2}). */
    private static String url(String output, String label) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(label)
                + "\\s+(http://[^/\\s]+)").matcher(output);
        assertThat(m.find()).as("'" + label + "' with a URL in:\n" + output).isTrue();
        return m.group(1);
    }
}
