package io.tolk.engine;

/**
 * Told about long work as it goes (reading thousands of records, writing batches), so a CLI can print progress.
 * Called on the cycle's thread; must return quickly and not throw.
 */
@FunctionalInterface
public interface ProgressListener {

    /**
     * @param phase what is being done, e.g. {@code read crm/Organisation}, {@code sync}
     * @param done  units finished so far in this phase
     * @param total units in all, or {@code -1} when not known yet
     */
    void progress(String phase, long done, long total);

    ProgressListener NONE = (phase, done, total) -> { };
}
