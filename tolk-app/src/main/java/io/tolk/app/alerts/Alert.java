package io.tolk.app.alerts;

import io.tolk.app.health.Health;
import io.tolk.app.health.HealthState;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A change of a connection's health worth telling a person: it turned failing or stale, or recovered.
 *
 * @param connection the connection's name
 * @param previous   the state before, or {@code null} when this is the first the service saw of the connection
 * @param health     the health now (its state is the new state)
 * @param observedAt when the change was seen
 * @param dashboard  the dashboard's address ({@code server.publicUrl}), or {@code null}
 */
public record Alert(String connection, HealthState previous, Health health, Instant observedAt, URI dashboard) {

    public Alert {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(observedAt, "observedAt");
    }

    public HealthState state() {
        return health.state();
    }

    /** Whether a state needs a person: failing or stale. */
    public static boolean bad(HealthState state) {
        return state == HealthState.FAILING || state == HealthState.STALE;
    }

    /** Whether this alert says the connection is well again (ok or degraded after failing or stale). */
    public boolean recovered() {
        return !bad(state());
    }

    /**
     * Since when the new state holds: for failing, the end of the failed cycle; for stale, the moment the time since
     * the last complete cycle passed the limit; after a recovery, the end of the cycle that completed.
     */
    public Instant since() {
        Instant at = switch (state()) {
            case FAILING -> health.lastErrorAt();
            case STALE -> observedAt.minus(health.sinceLastComplete()).plus(health.staleAfter());
            default -> health.lastSuccess();
        };
        return at == null || at.isAfter(observedAt) ? observedAt : at;
    }

    /** How long ago the last cycle completed. */
    public Duration sinceLastComplete() {
        return health.sinceLastComplete();
    }
}
