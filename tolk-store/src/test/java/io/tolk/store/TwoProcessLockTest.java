package io.tolk.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The lock between two real processes (this JVM and a child JVM) on one SQLite file. */
class TwoProcessLockTest {

    @TempDir
    Path dir;

    @Test
    void anotherProcessIsRefusedWhileThisOneHoldsTheLockAndGetsItAfterRelease() throws Exception {
        Path file = dir.resolve("shared.db");
        try (JdbcStore store = JdbcStore.open(StoreUrl.parse("sqlite:" + file, dir, Map.of()), Clock.systemUTC())) {
            assertThat(store.tryLock("acme", "tolk-run", Duration.ofMinutes(5))).isTrue();

            assertThat(probe(file, "tolk-sync")).isEqualTo("refused");

            store.release("acme", "tolk-run");
            assertThat(probe(file, "tolk-sync")).isEqualTo("acquired");
            assertThat(store.tryLock("acme", "tolk-run", Duration.ofMinutes(5))).as("the child released it").isTrue();
        }
    }

    private static String probe(Path file, String owner) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                LockProbe.class.getName(), file.toString(), "acme", owner))
                .redirectErrorStream(true).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the probe process did not finish");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.exitValue()).as(out).isZero();
        List<String> lines = out.lines().toList();
        return lines.get(lines.size() - 1);
    }
}
