package io.tolk.app.sim;

/** A simulator serving in this process. {@link #close()} stops it (and saves its state file, if it has one). */
public interface RunningSimulator extends AutoCloseable {

    SimulatorKind kind();

    /** Where it serves, e.g. {@code http://127.0.0.1:54321} (no trailing slash). */
    String baseUrl();

    @Override
    void close();
}
