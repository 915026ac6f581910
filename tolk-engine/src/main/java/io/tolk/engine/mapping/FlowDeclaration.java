package io.tolk.engine.mapping;

import java.util.List;
import java.util.Objects;

/**
 * A flow to compose from the systems' spokes, as the application declares it: its id and one side per system.
 *
 * @param id    the flow's id, e.g. {@code F1}
 * @param sides the sides, in order
 */
public record FlowDeclaration(String id, List<Side> sides) {

    public FlowDeclaration {
        Objects.requireNonNull(id, "id");
        sides = List.copyOf(sides);
    }

    /**
     * One side.
     *
     * @param system     the system
     * @param type       its record type
     * @param createInto whether tolk creates records here by default
     * @param creatable  whether creating records here may be switched on at all
     */
    public record Side(String system, String type, boolean createInto, boolean creatable) {
        public Side {
            Objects.requireNonNull(system, "system");
            Objects.requireNonNull(type, "type");
        }

        /** A side tolk creates records in by default. */
        public static Side createdIn(String system, String type) {
            return new Side(system, type, true, true);
        }

        /** A side where creating can be switched on, off by default. */
        public static Side creatable(String system, String type) {
            return new Side(system, type, false, true);
        }

        /** A side where records are only ever matched, never created. */
        public static Side matchedOnly(String system, String type) {
            return new Side(system, type, false, false);
        }
    }
}
