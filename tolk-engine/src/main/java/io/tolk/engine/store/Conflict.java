package io.tolk.engine.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A property changed differently on two sides (rule 2), or found different when two records were linked (rule 3),
 * and how it was decided. The loser can be restored.
 *
 * @param id          assigned by the store ({@code 0} before it is stored)
 * @param entityId    the entity
 * @param flowId      its flow
 * @param property    the canonical property
 * @param winnerSide  the system whose value won
 * @param winnerValue the canonical value that won
 * @param loserSide   the system whose value lost
 * @param loserValue  the canonical value that lost
 * @param reason      how it was decided: {@code newer}, {@code tie}, {@code link}, {@code direction}
 * @param at          when
 * @param restored    whether the user restored the loser
 */
public record Conflict(long id, String entityId, String flowId, String property, String winnerSide,
                       String winnerValue, String loserSide, String loserValue, String reason, Instant at,
                       boolean restored) {
    public Conflict {
        Objects.requireNonNull(entityId, "entityId");
        Objects.requireNonNull(property, "property");
    }

    public Conflict withId(long newId) {
        return new Conflict(newId, entityId, flowId, property, winnerSide, winnerValue, loserSide, loserValue, reason, at, restored);
    }

    public Conflict asRestored() {
        return new Conflict(id, entityId, flowId, property, winnerSide, winnerValue, loserSide, loserValue, reason, at, true);
    }
}
