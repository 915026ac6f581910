package io.tolk.zoho;

import com.fasterxml.jackson.databind.JsonNode;
import io.tolk.api.Checkpoint;
import io.tolk.api.ConnectorException;
import io.tolk.api.DeletedFeed;
import io.tolk.api.DeletedPage;
import io.tolk.api.Deletion;
import io.tolk.api.ErrorKind;
import io.tolk.api.RecordRef;
import io.tolk.api.http.ApiResponse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Zoho's deleted-records list: {@code GET /{module}/deleted?type=all&per_page=200&page=n}, with
 * {@code If-Modified-Since} one second before {@code since} (Zoho compares whole seconds), then filtered to
 * deletions at or after {@code since}. 204 and 304 mean none. Recycle-bin entries are restorable; permanent ones not.
 * Zoho keeps recycle-bin entries 60 days and permanent deletions 120 days: a gap longer than that needs a full scan.
 * The checkpoint is the newest {@code deleted_time} seen, as an ISO-8601 instant.
 */
final class ZohoDeletedFeed implements DeletedFeed {

    /** Zoho's limit for {@code page} paging: page × per_page at most 2 000. */
    static final int MAX_PAGES = 10;

    private final ZohoApi api;

    ZohoDeletedFeed(ZohoApi api) {
        this.api = api;
    }

    @Override
    public DeletedPage deletedSince(String typeName, Checkpoint checkpoint) {
        Instant since = null;
        if (checkpoint != null && !checkpoint.isNone()) {
            try {
                since = Instant.parse(checkpoint.value());
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("zoho: not a deleted-feed checkpoint: '" + checkpoint.value() + "'", e);
            }
        }
        List<Deletion> deletions = deletedSince(typeName, since);
        Instant newest = since;
        for (Deletion d : deletions) {
            if (d.deletedAt() != null && (newest == null || d.deletedAt().isAfter(newest))) {
                newest = d.deletedAt();
            }
        }
        return new DeletedPage(deletions, newest == null ? Checkpoint.NONE : new Checkpoint(newest.toString()));
    }

    /** Deletions of {@code typeName} at or after {@code since} (all retained ones when {@code since} is null). */
    List<Deletion> deletedSince(String typeName, Instant since) {
        ZohoType type = ZohoType.of(typeName);
        String op = "read deleted " + type;
        Map<String, String> headers = since == null ? Map.of()
                : Map.of("If-Modified-Since", ZohoTime.format(since.minusSeconds(1)));
        List<Deletion> out = new ArrayList<>();
        for (int page = 1; ; page++) {
            if (page > MAX_PAGES) {
                throw new ConnectorException(ErrorKind.PERMANENT, "zoho", op + ": more than "
                        + (MAX_PAGES * ZohoReader.PER_PAGE) + " deletions since " + since
                        + " (Zoho pages only that far); read the deletions more often or run a full scan");
            }
            Map<String, String> q = new LinkedHashMap<>();
            q.put("type", "all");
            q.put("per_page", String.valueOf(ZohoReader.PER_PAGE));
            q.put("page", String.valueOf(page));
            ApiResponse r = api.get(op, null, type.module() + "/deleted", q, headers);
            if (r.status() == 204 || r.status() == 304) {
                break;
            }
            if (r.status() != 200) {
                throw api.failure(r, op + " (page " + page + ")");
            }
            JsonNode body = api.json(r, op);
            for (JsonNode d : api.records(body, r, op)) {
                Instant at = ZohoTime.parse(d.path("deleted_time").asText(null));
                if (since != null && at != null && at.isBefore(since)) {
                    continue;
                }
                out.add(new Deletion(new RecordRef("zoho", type.module(), d.path("id").asText()), at,
                        "recycle".equals(d.path("type").asText())));
            }
            if (!body.path("info").path("more_records").asBoolean(false)) {
                break;
            }
        }
        return out;
    }
}
