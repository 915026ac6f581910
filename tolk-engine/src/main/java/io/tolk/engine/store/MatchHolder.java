package io.tolk.engine.store;

import io.tolk.api.RecordRef;

/**
 * A staged record holding a match key ({@link ConnectionStore#holders}).
 *
 * @param key the match key
 * @param ref the record
 */
public record MatchHolder(String key, RecordRef ref) {
}
