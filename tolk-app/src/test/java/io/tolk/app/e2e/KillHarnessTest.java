package io.tolk.app.e2e;

import io.tolk.engine.KillPoint;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kill harness: for every {@link KillPoint}, tolk (a child JVM) is made to halt itself at that point
 * ({@code -Dtolk.haltAt=POINT}, {@code Runtime.halt}: no shutdown hook, nothing flushed or released) in a sync with
 * work of every kind pending on both sides; then tolk runs unarmed until it converges, and the four properties are
 * checked ({@link KillHarnessBase#checkTheFourProperties}). One world for all points, killed again and again, so
 * each point also starts from what the kills before it left.
 *
 * <p>A halt that is not reached fails the test: every point is proved to be on the path the round takes.
 */
class KillHarnessTest extends KillHarnessBase {

    /** How a round runs tolk: one {@code sync --once}, or the service with Zoho notifications on. */
    private enum Mode { SYNC, NOTIFIED }

    /** One round: new work, then a child tolk halted at each of {@code halts} in turn (each from where the last left). */
    private record Round(Mode mode, List<String> halts) {
        static Round sync(String... halts) {
            return new Round(Mode.SYNC, List.of(halts));
        }

        String name() {
            return String.join(" then ", halts) + (mode == Mode.NOTIFIED ? " (notification-triggered cycle)" : "");
        }
    }

    /** Points reached before any write is sent: a halt there leaves all the round's work to do. */
    private static final List<KillPoint> BEFORE_WRITES = List.of(KillPoint.LOCK_TAKEN, KillPoint.RETRIES_MARKED,
            KillPoint.INTENTS_SETTLED, KillPoint.PAGE_STAGED, KillPoint.CHECKPOINT_SAVE, KillPoint.CHECKPOINT_SAVED,
            KillPoint.READ_DONE, KillPoint.DELETIONS_DETECTED, KillPoint.CHUNK_LOADED, KillPoint.CHUNK_PLANNED,
            KillPoint.INTENTS_STORE, KillPoint.INTENTS_STORED);

    /** Points among and after the writes of an incremental sync. */
    private static final List<KillPoint> WRITES_AND_AFTER = List.of(KillPoint.CREATE_SEND, KillPoint.CREATE_MID_BATCH,
            KillPoint.CREATE_ANSWERED, KillPoint.UPDATE_SEND, KillPoint.UPDATE_MID_BATCH, KillPoint.UPDATE_ANSWERED,
            KillPoint.DELETE_SEND, KillPoint.DELETE_MID_BATCH, KillPoint.DELETE_ANSWERED, KillPoint.WRITES_ANSWERED,
            KillPoint.CHUNK_COMMIT, KillPoint.CHUNK_COMMITTED, KillPoint.RUN_LOG_SAVE, KillPoint.RUN_LOG_SAVED,
            KillPoint.LOCK_RELEASE);

    /** Points of the notification-triggered cycle ({@code tolk run}). */
    private static final List<KillPoint> NOTIFIED_POINTS = List.of(KillPoint.REREAD_STAGED, KillPoint.NOTIFIED_PLANNED,
            KillPoint.NOTIFIED_DONE);

    /**
     * The rounds, in order: the first sync is halted during its migrations; then each point among the writes, in
     * the suite preceded in its round by a point before the writes (two halts, one convergence: the suite's time
     * budget), in the full variant ({@code -Dtolk.killHarness=full}) each point a round of its own; settling a
     * pending intent needs intents left pending by an earlier halt; the notified points run the service.
     * {@code -Dtolk.killHarness=POINT} runs only the first round and those that halt at {@code POINT}.
     */
    static List<Round> rounds(boolean full) {
        List<Round> rounds = new ArrayList<>();
        rounds.add(Round.sync("MIGRATION_START", "MIGRATION_STEP#2", "MIGRATION_DONE", "CREATE_ANSWERED"));
        if (full) {
            BEFORE_WRITES.forEach(p -> rounds.add(Round.sync(p.name())));
            WRITES_AND_AFTER.forEach(p -> rounds.add(Round.sync(p.name())));
        } else {
            for (int i = 0; i < WRITES_AND_AFTER.size(); i++) {
                String last = WRITES_AND_AFTER.get(i).name();
                rounds.add(i < BEFORE_WRITES.size() ? Round.sync(BEFORE_WRITES.get(i).name(), last) : Round.sync(last));
            }
        }
        if (full) {
            rounds.add(Round.sync("UPDATE_ANSWERED", "INTENT_SETTLING"));
            rounds.add(Round.sync("DELETE_MID_BATCH", "INTENT_SETTLING"));
        } else {   // every call of the chunk answered, none recorded: creates, updates and deletes pending at once
            rounds.add(Round.sync("WRITES_ANSWERED", "INTENT_SETTLING"));
        }
        if (full) {
            NOTIFIED_POINTS.forEach(p -> rounds.add(new Round(Mode.NOTIFIED, List.of(p.name()))));
        } else {
            rounds.add(new Round(Mode.NOTIFIED, NOTIFIED_POINTS.stream().map(KillPoint::name).toList()));
        }
        return rounds;
    }

    /** Every point is in the harness (a new point must be given its place in a round). */
    @org.junit.jupiter.api.Test
    void everyKillPointHasItsRound() {
        for (boolean full : new boolean[] {false, true}) {
            Set<String> covered = new java.util.HashSet<>();
            rounds(full).forEach(r -> r.halts().forEach(h -> covered.add(h.split("#")[0])));
            assertThat(covered).as(full ? "the full variant" : "the suite")
                    .containsExactlyInAnyOrderElementsOf(Arrays.stream(KillPoint.values()).map(KillPoint::name).toList());
        }
    }

    @TestFactory
    Stream<DynamicTest> aHaltAtEveryKillPointLosesDuplicatesAndLeavesUnrecordedNothing() {
        String variant = System.getProperty("tolk.killHarness", "");
        List<Round> all = rounds(variant.equals("full"));
        // -Dtolk.killHarness=POINT: the first round (it makes the world) and the rounds that halt at POINT
        List<Round> rounds = variant.isEmpty() || variant.equals("full") ? all : all.stream()
                .filter(r -> r == all.get(0) || r.halts().stream().anyMatch(h -> h.split("#")[0].equals(variant))).toList();
        return rounds.stream().map(r -> DynamicTest.dynamicTest(r.name(), () -> {
            if (r == rounds.get(0)) {
                firstWorld();
            } else {
                pendingWork();
            }
            for (String halt : r.halts()) {
                if (r.mode() == Mode.SYNC) {
                    haltedSync(halt);
                } else {
                    haltedService(halt);
                }
            }
            checkTheFourProperties("a halt at " + r.name());
        }));
    }

    /** {@code tolk sync --once} in a child JVM armed at {@code halt}: it must halt there. */
    private void haltedSync(String halt) throws Exception {
        try (ChildTolk child = child(halt, "sync", "--once", "--confirm-deletes")) {
            int code = child.waitFor(60);
            assertThat(code).as("exit code of tolk armed at " + halt + " (" + KillPoint.EXIT_CODE
                    + ": halted there); its output:\n" + child.output()).isEqualTo(KillPoint.EXIT_CODE);
        }
    }

    /**
     * {@code tolk run} (the service, Zoho notifications on) in a child JVM armed at {@code halt}; a user edits a Zoho
     * account every 300 ms until the notification-triggered cycle halts.
     */
    private void haltedService(String halt) throws Exception {
        int port = freePort();
        harnessConfig("server:\n  bind: 127.0.0.1\n  port: " + port + "\n  publicUrl: http://127.0.0.1:" + port + "\n");
        try (ChildTolk child = child(halt, "run")) {
            long deadline = System.nanoTime() + 60_000_000_000L;
            int edit = 0;
            while (child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(300);
                userEditsInZohoDuring(++edit);
            }
            int code = child.waitFor(5);
            assertThat(code).as("exit code of tolk run armed at " + halt + "; its output:\n" + child.output())
                    .isEqualTo(KillPoint.EXIT_CODE);
        } finally {
            harnessConfig("");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
