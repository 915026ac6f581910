package io.tolk.app.service;

import io.tolk.engine.cycle.CycleReport;
import java.time.Duration;

/** How one scheduled cycle of a connection went, as the service tells its listeners. */
public sealed interface CycleResult {

    String connection();

    /**
     * The cycle ran to its end (its report says whether records failed, or it was interrupted); {@code notified}: a
     * small cycle of notified records only.
     */
    record Completed(String connection, CycleReport report, boolean notified) implements CycleResult {
    }

    /** The cycle stopped on an error as a whole (the run log has it too); {@code description} is for a person. */
    record Failed(String connection, String description, Duration duration) implements CycleResult {
    }

    /** Another process holds the connection's lock: nothing ran. */
    record Busy(String connection, String description) implements CycleResult {
    }
}
