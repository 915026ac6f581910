package io.tolk.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes one record type of one system. Each method takes up to {@link #maxBatchSize()} requests and returns
 * exactly one {@link WriteResult} per request, in request order; a refused record is a failed result, not an
 * exception. Methods throw {@link ConnectorException} only when nothing in the call could be attempted
 * (credentials refused, system unreachable after retries, its quota spent).
 *
 * <p>Threading: the engine may call a writer from several threads at once (at most
 * {@link Connector#writeConcurrency()} calls in flight per connector); implementations must be thread-safe.
 *
 * <p>Retries: transient failures are retried inside the call with bounded backoff. A create whose outcome is
 * unknown (the connection was cut after sending) is never blindly repeated: the connector first looks it up
 * with {@link #findCreated}, once the system's reads can show it, and repeats it only if the system answers that it
 * does not exist.
 */
public interface RecordWriter {

    /** The most requests one call accepts (Zoho: 100; PowerOffice: any, sent one per HTTP call). */
    int maxBatchSize();

    /**
     * How many of a call's requests go to the system in one HTTP request (Zoho: the whole call; PowerOffice: 1). The
     * engine hands a call over this many requests at a time, so that when it is asked to stop it sends no further HTTP
     * request, rather than only no further call. Defaults to {@link #maxBatchSize()}: one HTTP request per call.
     */
    default int requestsPerHttpCall() {
        return maxBatchSize();
    }

    /** Creates records; successful results carry the new id. */
    List<WriteResult> create(List<CreateRequest> requests);

    /** Changes only the given fields of existing records. */
    List<WriteResult> update(List<UpdateRequest> requests);

    /** Deletes records by id. A record that is already gone fails with {@link ErrorKind#NOT_FOUND}. */
    List<WriteResult> delete(List<String> ids);

    /**
     * Finds the record an earlier create made, if it exists: by the idempotency key where the system stores it,
     * else by the request's match keys among records created at or after {@code notBefore}. Never guesses: if more
     * than one record fits, this throws {@link ConnectorException} rather than choosing.
     *
     * <p>Empty means certainly not created, so the caller may create again. Where the system's reads trail its writes
     * (a replica), the connector therefore reads no earlier than its read lag after {@code notBefore} (the create is
     * sent right after it), waiting the rest out itself
     * ({@link io.tolk.api.http.ReplicaLag}); a create looked up inside the call that lost its answer waits from the
     * moment the answer was lost.
     */
    Optional<SourceRecord> findCreated(CreateRequest request, Instant notBefore);

    /**
     * Optional capability: whether creates of this type are idempotent by their key, and where the key is kept.
     *
     * <p>Present: every create stores {@link CreateRequest#idempotencyKey()} in the field named (PowerOffice customers:
     * {@code ExternalImportReference}; contact persons: {@code ExternalCode}; Zoho: the configured external-id field),
     * the system refuses a second record with the same key, and {@link #findCreated} finds the create by that key
     * exactly: it finds the record even when its other fields changed since, never another create's record, and
     * {@code notBefore} does not matter.
     *
     * <p>Empty (the default): {@link #findCreated} can only match the request's match keys (a name, an e-mail) among
     * the records created at or after {@code notBefore}. It may then miss a record edited since it was created, or
     * throw when several records fit; a caller that needs certainty asks a person rather than create again.
     *
     * @return the field that holds the idempotency key, or empty when creates of this type cannot be found by it
     */
    default Optional<String> idempotencyKeyField() {
        return Optional.empty();
    }

    /**
     * Optional capability: rules the system enforces that field rules cannot express (PowerOffice refuses an address
     * without both City and ZipCode). Checked before sending; a record with issues is a failure of that record and is
     * not sent. Empty by default.
     *
     * @param fields the values to send (for a create: the whole record)
     * @param create whether this is a create
     */
    default List<FieldIssue> precheck(Map<String, String> fields, boolean create) {
        return List.of();
    }

    /**
     * The credits one call writing {@code records} records costs, where the system charges credits (Zoho), else
     * {@code 0}. For estimates ({@code tolk plan}); the connector's own budget is what refuses calls.
     */
    default long creditCost(WriteOperation operation, int records) {
        return 0;
    }
}
