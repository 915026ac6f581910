package io.tolk.api;

import java.util.Objects;
import java.util.Set;

/**
 * What a connector reads in one pass: a name that stays the same from run to run (the engine keeps a checkpoint per
 * stream under it) and the record types the pass delivers. Most streams carry one type; a system that keeps several
 * types in one list carries them together, so the list is read once (PowerOffice: {@code Customers} delivers
 * {@code CompanyCustomer} and {@code PersonCustomer}).
 *
 * @param name  the stream's name, unique within its connector
 * @param types the record types its records have; not empty
 */
public record ReadStream(String name, Set<String> types) {
    public ReadStream {
        Objects.requireNonNull(name, "name");
        types = Set.copyOf(types);
        if (types.isEmpty()) {
            throw new IllegalArgumentException("stream " + name + " carries no record type");
        }
    }

    /** The stream of one type, named after it. */
    public static ReadStream of(String type) {
        return new ReadStream(type, Set.of(type));
    }
}
