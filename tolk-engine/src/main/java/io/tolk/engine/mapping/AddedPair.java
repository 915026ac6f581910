package io.tolk.engine.mapping;

import java.util.Map;

/**
 * One item of {@code flows.F1.add} (key path {@code flows.F1.add[i]}): a new canonical property (TEXT), bound to one
 * field on each side of the flow. It then appears in the flow's rows, in the documents and in sync. If two flows add
 * the same property with the same field on a type they share, that binding is shared, as in the hub; a field can be
 * bound to one property only.
 *
 * @param property      a new property of the flow's canonical type, e.g. {@code organization.orgNumber}
 * @param fields        system to its field path; every side of the flow needs one
 * @param directionWord {@code both} (when {@code null}) | {@code to<System>} | {@code createOnly}
 * @param line          the 1-based line in tolk.yaml, or 0
 */
public record AddedPair(String property, Map<String, String> fields, String directionWord, int line) {
    public AddedPair {
        fields = fields == null ? Map.of() : Map.copyOf(fields);
    }
}
