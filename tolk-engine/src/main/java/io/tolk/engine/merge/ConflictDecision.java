package io.tolk.engine.merge;

/**
 * How a property changed on both sides (or found different at linking) was decided.
 *
 * @param property    the canonical property
 * @param winnerSide  the system whose value won
 * @param winnerValue the canonical value that won
 * @param loserSide   the system whose value lost
 * @param loserValue  the canonical value that lost
 * @param reason      why the winner won
 */
public record ConflictDecision(String property, String winnerSide, String winnerValue, String loserSide,
                               String loserValue, ConflictReason reason) {
}
