package io.tolk.engine.mapping;

/**
 * {@code flows.F1.properties.<field>: <direction>}: the direction of every row of that flow the field is in.
 *
 * @param field         a bound field of any side
 * @param directionWord {@code both} | {@code to<System>} | {@code createOnly}
 * @param line          the 1-based line in tolk.yaml, or 0
 */
public record PropertyOverride(String field, String directionWord, int line) {
}
