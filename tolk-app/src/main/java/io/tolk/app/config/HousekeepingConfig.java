package io.tolk.app.config;

import io.tolk.engine.store.Retention;
import java.time.Duration;
import java.time.Instant;

/**
 * The {@code housekeeping:} section: how long the store keeps its history (see {@link Retention} for exactly what
 * goes and what always stays).
 *
 * @param keepRuns     how long run log rows are kept; {@code null}: forever
 * @param keepActivity how long history lines, restored conflicts and finished create intents are kept; {@code null}: forever
 * @param keepVersions the most history lines kept per record; {@code 0}: no limit
 * @param line         the section's line in tolk.yaml (0 when absent)
 */
public record HousekeepingConfig(Duration keepRuns, Duration keepActivity, int keepVersions, int line) {

    /** Three months of runs (26 000 rows at a 5-minute interval), a year of history, 200 lines per record. */
    public static final Duration DEFAULT_KEEP_RUNS = Duration.ofDays(90);
    public static final Duration DEFAULT_KEEP_ACTIVITY = Duration.ofDays(365);
    public static final int DEFAULT_KEEP_VERSIONS = 200;

    public static HousekeepingConfig defaults() {
        return new HousekeepingConfig(DEFAULT_KEEP_RUNS, DEFAULT_KEEP_ACTIVITY, DEFAULT_KEEP_VERSIONS, 0);
    }

    /** The cut-offs as of {@code now}. */
    public Retention retention(Instant now) {
        return new Retention(keepRuns == null ? null : now.minus(keepRuns),
                keepActivity == null ? null : now.minus(keepActivity), keepVersions);
    }
}
