package io.tolk.api;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of writing one record. Results come back in request order, one per request.
 *
 * @param request  the request's key: the idempotency key for creates, the id for updates and deletes
 * @param id       the record's id in the system when the write succeeded (the new id for creates)
 * @param readBack the record as the system returned it after the write, where the API returns it
 *                 (PowerOffice returns the full DTO); the engine prefers values read back over values sent
 * @param error    why it failed; empty on success
 */
public record WriteResult(String request, Optional<String> id, Optional<SourceRecord> readBack, Optional<WriteError> error) {

    public WriteResult {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(readBack, "readBack");
        Objects.requireNonNull(error, "error");
    }

    public static WriteResult ok(String request, String id, SourceRecord readBack) {
        return new WriteResult(request, Optional.of(id), Optional.ofNullable(readBack), Optional.empty());
    }

    public static WriteResult failed(String request, WriteError error) {
        return new WriteResult(request, Optional.empty(), Optional.empty(), Optional.of(error));
    }

    public boolean succeeded() {
        return error.isEmpty();
    }
}
