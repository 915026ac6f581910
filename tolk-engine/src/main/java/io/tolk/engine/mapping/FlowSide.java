package io.tolk.engine.mapping;

import java.util.Objects;

/**
 * One system's side of a flow: its record type restricted to the flow's properties, which of its records take part,
 * and whether tolk creates records there.
 *
 * @param binding    the type's binding, holding only the properties this flow carries
 * @param filter     which of the system's records take part ({@link RecordFilter#all()} by default)
 * @param createInto whether tolk creates a record here for an entity that has none
 * @param creatable  whether creating here may ever be switched on (a department is never created from elsewhere)
 */
public record FlowSide(TypeBinding binding, RecordFilter filter, boolean createInto, boolean creatable) {
    public FlowSide {
        Objects.requireNonNull(binding, "binding");
        filter = RecordFilter.requireNonNullOrAll(filter);
        if (createInto && !creatable) {
            throw new IllegalArgumentException(binding.system() + " " + binding.recordType() + " records are never created");
        }
    }

    public String system() {
        return binding.system();
    }

    public String type() {
        return binding.recordType();
    }

    FlowSide with(TypeBinding newBinding, RecordFilter newFilter, boolean newCreateInto) {
        return new FlowSide(newBinding, newFilter, newCreateInto, creatable);
    }
}
