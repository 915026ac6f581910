package io.tolk.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A record to create.
 *
 * @param idempotencyKey a key unique to this create intent, stable across retries and restarts, at most 50 characters
 *                       of {@code [A-Za-z0-9-]}; the connector stores it where the system allows (PowerOffice:
 *                       {@code ExternalImportReference}; Zoho: the configured external-id field, if any) so an
 *                       unknown outcome can be looked up before the create is ever repeated
 * @param fields         field path to value; {@code null} values are left out of the request
 */
public record CreateRequest(String idempotencyKey, Map<String, String> fields) {
    public CreateRequest {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }
}
