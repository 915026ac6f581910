package io.tolk.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of writing one record. Results come back in request order, one per request.
 *
 * @param request    the request's key: the idempotency key for creates, the id for updates and deletes
 * @param id         the record's id in the system when the write succeeded (the new id for creates)
 * @param readBack   the record as the system returned it after the write, where the API returns it
 *                   (PowerOffice returns the full DTO); the engine prefers values read back over values sent
 * @param modifiedAt the record's modification instant after the write, where the answer carries it without the
 *                   record (Zoho's {@code details.Modified_Time}); with it the engine recognises its own write when
 *                   the record comes back in the next read
 * @param error      why it failed; empty on success
 */
public record WriteResult(String request, Optional<String> id, Optional<SourceRecord> readBack,
                          Optional<Instant> modifiedAt, Optional<WriteError> error) {

    public WriteResult {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(readBack, "readBack");
        Objects.requireNonNull(modifiedAt, "modifiedAt");
        Objects.requireNonNull(error, "error");
    }

    public static WriteResult ok(String request, String id, SourceRecord readBack) {
        return new WriteResult(request, Optional.of(id), Optional.ofNullable(readBack),
                Optional.ofNullable(readBack == null ? null : readBack.modifiedAt()), Optional.empty());
    }

    /** A success whose answer told the record's new modification instant but not its values. */
    public static WriteResult okAt(String request, String id, Instant modifiedAt) {
        return new WriteResult(request, Optional.of(id), Optional.empty(), Optional.ofNullable(modifiedAt), Optional.empty());
    }

    public static WriteResult failed(String request, WriteError error) {
        return new WriteResult(request, Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(error));
    }

    public boolean succeeded() {
        return error.isEmpty();
    }
}
