package io.tolk.api.http;

import io.tolk.api.ConnectorException;
import io.tolk.api.ErrorKind;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How far a system's reads may trail its writes, and the wait that makes a read see a write. A system that serves
 * reads from a replica (PowerOffice documents it and advises waiting 1–2 s after a write before reading it back) can
 * list a just-created record as missing. A connector that concludes "not created" from a lookup after a lost answer
 * must therefore read no earlier than {@link #allowance} after the moment the write could last have been applied,
 * or it sends the create again and makes a duplicate.
 *
 * @param allowance how long after a write its effect is taken to be visible to every read
 * @param clock     the connector's clock
 * @param sleeper   the connector's sleeper (tests record or advance instead of sleeping)
 */
public record ReplicaLag(Duration allowance, Clock clock, Sleeper sleeper) {

    public ReplicaLag {
        Objects.requireNonNull(allowance, "allowance");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(sleeper, "sleeper");
        if (allowance.isNegative()) {
            throw new IllegalArgumentException("allowance must not be negative, was " + allowance);
        }
    }

    /**
     * Returns once a read made now shows every write applied at or before {@code appliedBy}: at once when the
     * allowance has already passed, else after sleeping the rest of it.
     *
     * @throws ConnectorException {@link ErrorKind#UNAVAILABLE} naming {@code system} when the thread is interrupted
     */
    public void awaitReadsShowing(Instant appliedBy, String system) {
        Duration rest = Duration.between(clock.instant(), appliedBy.plus(allowance));
        if (rest.isNegative() || rest.isZero()) {
            return;
        }
        try {
            sleeper.sleep(rest);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorException(ErrorKind.UNAVAILABLE, system, "interrupted while waiting " + rest.toMillis()
                    + " ms for reads to show a write whose answer was lost");
        }
    }
}
