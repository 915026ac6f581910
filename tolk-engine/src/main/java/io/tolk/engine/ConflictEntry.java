package io.tolk.engine;

import io.tolk.api.RecordRef;
import io.tolk.engine.store.Conflict;

import java.util.Objects;
import java.util.Optional;

/**
 * A decided conflict with the records it was about, for {@code tolk conflicts}.
 *
 * @param conflict the stored conflict
 * @param winner   the record of the winning side, when its records are still linked
 * @param loser    the record of the losing side, when its records are still linked
 */
public record ConflictEntry(Conflict conflict, Optional<RecordRef> winner, Optional<RecordRef> loser) {
    public ConflictEntry {
        Objects.requireNonNull(conflict, "conflict");
        Objects.requireNonNull(winner, "winner");
        Objects.requireNonNull(loser, "loser");
    }
}
