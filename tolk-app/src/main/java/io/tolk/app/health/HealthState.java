package io.tolk.app.health;

/** A connection's (or a flow's) health at a glance, worst last. */
public enum HealthState {
    /** The last cycle completed and nothing waits for a person. */
    OK("ok"),
    /** The last cycle completed, but some records failed, deletions were held back or a quota ran out. */
    DEGRADED("degraded"),
    /** The last cycle stopped on an error (a system unreachable, credentials refused, the store failing). */
    FAILING("failing"),
    /** No cycle has completed for longer than the connection's stale limit (or none ever did). */
    STALE("stale");

    private final String code;

    HealthState(String code) {
        this.code = code;
    }

    /** What status, the API, the dashboard and alerts show. */
    public String code() {
        return code;
    }

    /** Whether a change from {@code before} to this state is worth telling a person (turned failing or stale, or recovered). */
    public boolean alertsAfter(HealthState before) {
        if (before == this) {
            return false;
        }
        boolean bad = this == FAILING || this == STALE;
        boolean wasBad = before == FAILING || before == STALE;
        return bad || wasBad;
    }
}
