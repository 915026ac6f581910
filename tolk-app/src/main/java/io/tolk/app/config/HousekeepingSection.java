package io.tolk.app.config;

import java.time.Duration;
import java.util.Optional;

/** Reads the {@code housekeeping:} section of tolk.yaml; each mistake names its key and line. */
final class HousekeepingSection {

    /** Housekeeping never shortens history below this: the service's health reads the recent runs. */
    static final Duration SHORTEST = Duration.ofDays(1);

    private HousekeepingSection() {
    }

    static HousekeepingConfig read(YamlSection s) {
        s.allowOnly("keepRuns", "keepActivity", "keepVersions");
        HousekeepingConfig d = HousekeepingConfig.defaults();
        return new HousekeepingConfig(
                age(s, "keepRuns", d.keepRuns()),
                age(s, "keepActivity", d.keepActivity()),
                versions(s, d.keepVersions()),
                s.line());
    }

    /** A duration of at least a day, {@code null} for {@code forever}, {@code fallback} when absent. */
    private static Duration age(YamlSection s, String key, Duration fallback) {
        if (!s.has(key)) {
            return fallback;
        }
        Optional<String> text = s.text(key);
        if (text.isEmpty()) {
            throw s.missing(key, "90d");
        }
        if (text.get().equalsIgnoreCase("forever")) {
            return null;
        }
        Duration d;
        try {
            d = Durations.parse(text.get());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(s.keyPath(key), s.lineOfValue(key), s.shown(key, text.get())
                    + " is not an age; write it like 90d or 12h, or forever");
        }
        if (d.compareTo(SHORTEST) < 0) {
            throw new ConfigException(s.keyPath(key), s.lineOfValue(key), "must be at least 1d (tolk's health and"
                    + " status read the recent runs and history), or forever");
        }
        return d;
    }

    private static int versions(YamlSection s, int fallback) {
        Optional<String> text = s.text("keepVersions");
        if (text.isPresent() && text.get().equalsIgnoreCase("all")) {
            return 0;
        }
        if (text.isPresent() && !text.get().matches("\\d+")) {
            throw new ConfigException(s.keyPath("keepVersions"), s.lineOfValue("keepVersions"), s.shown("keepVersions",
                    text.get()) + " is not a number of history lines per record; write e.g. 200, or all");
        }
        return s.integer("keepVersions", fallback, 1, 1_000_000);
    }
}
