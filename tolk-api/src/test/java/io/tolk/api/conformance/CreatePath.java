package io.tolk.api.conformance;

import io.tolk.api.Connector;
import io.tolk.api.CreateRequest;

import java.net.URI;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * One way a connector creates records: a record type, and where it matters a configuration (Zoho with and without an
 * external-id field). {@link ConnectorConformanceTest} cuts the answer of a create on every path and checks the
 * record ends up existing exactly once.
 *
 * @param label         what the path is, for test names and messages ({@code "Contacts, external-id field PowerOffice_Id"})
 * @param type          the record type created
 * @param nameField     the field {@code create} fills with the unique name
 * @param keyField      the field the connector should name in {@link io.tolk.api.RecordWriter#idempotencyKeyField()}
 *                      on this path, or null when its creates cannot be found by their key
 * @param connector     a connector configured for this path whose API calls go to the given base (tokens still come
 *                      straight from the simulator), as {@link ConformanceFixture#connectorWithApiBase} makes them
 * @param create        (idempotency key, unique name) to a create the system accepts; may first put what it needs
 *                      (a parent customer) straight into the simulator
 * @param countOnServer unique name to the number of records of {@code type} whose {@code nameField} holds it, counted
 *                      in the simulator without the connector
 */
public record CreatePath(String label, String type, String nameField, String keyField, Function<URI, Connector> connector,
                         BiFunction<String, String, CreateRequest> create, ToLongFunction<String> countOnServer) {

    @Override
    public String toString() {
        return label;
    }
}
