package io.tolk.app.e2e;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real SIGKILLs at random moments (a child JVM killed with {@code kill -9} a random delay after its first write, the
 * simulators slowed down so the writes take a second or so): twice during a first sync, twice during an incremental one; after each pair
 * tolk runs until it converges and the four properties of the kill harness are checked. The seed is fixed under
 * {@code CI=true} (repeatable), random otherwise; every message names it, so a failure can be run again with
 * {@code -Dtolk.killSeed=N}. {@code -Dtolk.killRounds=N} kills N incremental syncs instead of one (the long variant).
 */
class KilledAtRandomTest extends KillHarnessBase {

    private static final long CI_SEED = 20261203L;

    @Test
    void sigkillsAtRandomMomentsOfAFirstAndAnIncrementalSyncLoseDuplicateAndLeaveUnrecordedNothing() throws Exception {
        long seed = Long.getLong("tolk.killSeed", "true".equals(System.getenv("CI")) ? CI_SEED : new Random().nextLong());
        Random random = new Random(seed);

        firstWorld();
        List<String> first = killTwiceAtRandom(random);
        checkTheFourProperties("SIGKILLs during the first sync at " + first + " (seed " + seed + ")");

        for (int round = 1; round <= Integer.getInteger("tolk.killRounds", 1); round++) {
            pendingWork();
            List<String> incremental = killTwiceAtRandom(random);
            checkTheFourProperties("SIGKILLs during incremental sync " + round + " at " + incremental + " (seed " + seed
                    + ")");
        }
    }

    /**
     * Two child syncs, each SIGKILLed a random 0-600 ms after its first write call reached a simulator (so the moment
     * falls inside the cycle's writes whatever the machine's load), or ended by itself first; what happened to each.
     */
    private List<String> killTwiceAtRandom(Random random) throws Exception {
        List<String> kills = new ArrayList<>();
        po.admin().setFaults("latency=40ms");
        zoho.admin().setFaults("latency=40ms");
        try {
            for (int i = 0; i < 2; i++) {
                long delay = random.nextInt(600);
                resetCounters();
                try (ChildTolk child = child(null, "sync", "--once", "--confirm-deletes")) {
                    long deadline = System.nanoTime() + 60_000_000_000L;
                    while (child.isAlive() && po.admin().writes() + zoho.admin().writes() == 0
                            && System.nanoTime() < deadline) {
                        Thread.sleep(5);
                    }
                    Thread.sleep(delay);
                    boolean alive = child.isAlive();
                    child.kill();
                    kills.add(delay + " ms after its first write" + (alive ? "" : " (it had ended)"));
                }
            }
        } finally {
            po.admin().setFaults("");
            zoho.admin().setFaults("");
        }
        assertThat(kills).as("no kill hit a running tolk").anyMatch(k -> !k.contains("ended"));
        return kills;
    }
}
