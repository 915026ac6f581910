package io.tolk.api;

import java.util.Objects;

/**
 * Names one record in one system: {@code poweroffice/CompanyCustomer/123456789}.
 *
 * @param system the connector's {@link Connector#system()} name
 * @param type   the record type within that system
 * @param id     the system's own id, as a string
 */
public record RecordRef(String system, String type, String id) {
    public RecordRef {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
    }

    @Override
    public String toString() {
        return system + "/" + type + "/" + id;
    }
}
