package io.tolk.zoho;

import com.fasterxml.jackson.databind.JsonNode;
import io.tolk.api.Checkpoint;
import io.tolk.api.ConnectorException;
import io.tolk.api.ErrorKind;
import io.tolk.api.PageSink;
import io.tolk.api.ReadSummary;
import io.tolk.api.RecordReader;
import io.tolk.api.SourceRecord;
import io.tolk.api.http.ApiResponse;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one Zoho module.
 *
 * <ul>
 *   <li>{@link #readAll}: {@code GET /{module}?fields=…&sort_by=id&sort_order=asc&per_page=200}, then
 *       {@code page_token} from {@code info.next_page_token} while {@code more_records} (so past the 2 000 records
 *       that {@code page} alone reaches). Ascending ids put records created during the scan at its end.</li>
 *   <li>{@link #readChanges}: {@code sort_by=Modified_Time&sort_order=asc} with {@code If-Modified-Since}, paged the
 *       same way; 304 and 204 mean no changes. The overlap window and the deduplication are described in
 *       {@link ChangeWindow}. Past Zoho's 100 000-record token limit the read restarts from its own high-water
 *       mark instead of failing.</li>
 *   <li>{@link #readAll} past 100 000 records continues with a {@code Modified_Time}-ordered scan that delivers
 *       only ids above the last one delivered, so no module size is too large.</li>
 *   <li>{@link #readByIds}: {@code GET /{module}?ids=…} with up to 100 ids a call; ids Zoho does not return are
 *       absent.</li>
 * </ul>
 * Every page is handed to the sink before the next is asked for.
 */
final class ZohoReader implements RecordReader {

    static final int PER_PAGE = 200;
    static final int IDS_PER_CALL = 100;

    private final ZohoType type;
    private final ZohoApi api;
    private final Duration overlap;
    private final Clock clock;
    private final int pageSize;

    ZohoReader(ZohoType type, ZohoApi api, Duration overlap, Clock clock, int pageSize) {
        this.pageSize = pageSize;
        this.type = type;
        this.api = api;
        this.overlap = overlap;
        this.clock = clock;
    }

    @Override
    public ReadSummary readAll(Set<String> fields, PageSink sink) {
        String op = "read all " + type;
        String fieldsParam = RecordMapper.fieldsParam(type, fields, op);
        Map<String, String> base = new LinkedHashMap<>();
        base.put("fields", fieldsParam);
        base.put("sort_by", "id");
        base.put("sort_order", "asc");
        base.put("per_page", String.valueOf(pageSize));
        long records = 0;
        int pages = 0;
        Instant maxModified = null;
        Instant started = null;
        String token = null;
        String lastId = null;
        while (true) {
            Map<String, String> q = new LinkedHashMap<>(base);
            if (token != null) {
                q.put("page_token", token);
            }
            ApiResponse r = api.get(op, null, type.module(), q, null);
            if (started == null) {
                started = serverTime(r);
            }
            if (r.status() == 204 || r.status() == 304) {
                break;
            }
            if (r.status() == 400 && token != null && lastId != null && "PAGINATION_LIMIT_EXCEEDED".equals(api.code(r))) {
                // Past Zoho's 100 000 records per token chain: the rest are the records with higher ids, found by a
                // Modified_Time-ordered scan (which has no such limit) that skips the ids already delivered.
                String after = lastId;
                long[] counts = new long[2];
                ChangeWindow rest = ChangeWindow.from(Checkpoint.NONE, overlap);
                scanByModifiedTime(op, rest, fieldsParam, s -> compareIds(s.id(), after) > 0, sink, counts);
                records += counts[0];
                pages += (int) counts[1];
                if (rest.highWater() != null && (maxModified == null || rest.highWater().isAfter(maxModified))) {
                    maxModified = rest.highWater();
                }
                break;
            }
            if (r.status() != 200) {
                throw api.failure(r, op + " (page " + (pages + 1) + ")");
            }
            JsonNode body = api.json(r, op);
            List<SourceRecord> page = new ArrayList<>();
            for (JsonNode rec : api.records(body, r, op)) {
                SourceRecord s = RecordMapper.toSource(type, rec);
                page.add(s);
                lastId = s.id();
                if (s.modifiedAt() != null && (maxModified == null || s.modifiedAt().isAfter(maxModified))) {
                    maxModified = s.modifiedAt();
                }
            }
            if (!page.isEmpty()) {
                sink.accept(page);
                records += page.size();
                pages++;
            }
            JsonNode info = body.path("info");
            if (!info.path("more_records").asBoolean(false)) {
                break;
            }
            token = info.path("next_page_token").asText(null);
            if (token == null || token.isEmpty()) {
                throw new ConnectorException(ErrorKind.RETRYABLE, "zoho", op + ": more_records without a next_page_token");
            }
        }
        // A record changed during the scan may have been read before its change: resume change reads from the
        // earlier of the newest change seen and the scan's start (by the server's clock where it says).
        Checkpoint next = Checkpoint.NONE;
        if (maxModified != null) {
            Instant h = started != null && started.isBefore(maxModified) ? started : maxModified;
            next = ChangeWindow.at(h);
        }
        return new ReadSummary(records, pages, true, next);
    }

    @Override
    public ReadSummary readChanges(Checkpoint since, Set<String> fields, PageSink sink) {
        String op = "read changes of " + type;
        ChangeWindow window = ChangeWindow.from(since, overlap);
        boolean fromStart = window.since() == null;
        long[] counts = new long[2];
        scanByModifiedTime(op, window, RecordMapper.fieldsParam(type, fields, op), r -> true, sink, counts);
        return new ReadSummary(counts[0], (int) counts[1], fromStart, window.toCheckpoint(since));
    }

    /**
     * Reads the records modified since {@code window.since()} (all when null) in {@code Modified_Time} order,
     * page by page, delivering those the window has not seen and {@code filter} accepts. When a page-token chain
     * reaches Zoho's 100 000-record limit, starts a new chain from the window's own high-water mark (keyset paging
     * on {@code Modified_Time}), so the read has no size limit. Adds records and pages delivered to {@code counts}.
     */
    private void scanByModifiedTime(String op, ChangeWindow window, String fieldsParam,
                                    java.util.function.Predicate<SourceRecord> filter, PageSink sink, long[] counts) {
        boolean restart = true;
        Instant readStart = null;
        while (restart) {
            restart = false;
            Instant ims = window.since();
            long deliveredBefore = counts[0];
            int seenBefore = window.seenCount();
            Map<String, String> headers = ims == null ? Map.of() : Map.of("If-Modified-Since", ZohoTime.format(ims));
            String token = null;
            while (true) {
                Map<String, String> q = new LinkedHashMap<>();
                q.put("fields", fieldsParam);
                q.put("sort_by", "Modified_Time");
                q.put("sort_order", "asc");
                q.put("per_page", String.valueOf(pageSize));
                if (token != null) {
                    q.put("page_token", token);
                }
                ApiResponse r = api.get(op, null, type.module(), q, headers);
                if (readStart == null && r.status() < 400) {
                    readStart = trustedServerTime(r);
                }
                if (r.status() == 304 || r.status() == 204) {
                    break;
                }
                if (r.status() == 400 && token != null && "PAGINATION_LIMIT_EXCEEDED".equals(api.code(r))) {
                    if (ims != null && ims.equals(window.since()) && counts[0] == deliveredBefore
                            && window.seenCount() == seenBefore) {
                        throw new ConnectorException(ErrorKind.RETRYABLE, "zoho", op + ": cannot page on: more records share"
                                + " the Modified_Time seconds since " + ims + " than Zoho pages through with one token chain");
                    }
                    restart = true;
                    break;
                }
                if (r.status() != 200) {
                    throw api.failure(r, op + " (page " + (counts[1] + 1) + ")");
                }
                JsonNode body = api.json(r, op);
                List<SourceRecord> page = new ArrayList<>();
                for (JsonNode rec : api.records(body, r, op)) {
                    SourceRecord s = RecordMapper.toSource(type, rec);
                    if (window.offer(s.id(), RecordMapper.fingerprint(rec), s.modifiedAt()) && filter.test(s)) {
                        page.add(s);
                    }
                }
                if (!page.isEmpty()) {
                    sink.accept(page);
                    counts[0] += page.size();
                    counts[1]++;
                }
                JsonNode info = body.path("info");
                if (!info.path("more_records").asBoolean(false)) {
                    break;
                }
                token = info.path("next_page_token").asText(null);
                if (token == null || token.isEmpty()) {
                    throw new ConnectorException(ErrorKind.RETRYABLE, "zoho", op + ": more_records without a next_page_token");
                }
            }
        }
        if (readStart != null && window.highWater() != null) {
            window.readCompleteAt(readStart);
        }
    }

    /** Orders Zoho's numeric ids (strings of up to 19 digits) by value. */
    static int compareIds(String a, String b) {
        return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
    }

    @Override
    public List<SourceRecord> readByIds(Collection<String> ids, Set<String> fields) {
        String op = "read " + type + " by id";
        String fieldsParam = RecordMapper.fieldsParam(type, fields, op);
        List<String> unique = new ArrayList<>(new LinkedHashSet<>(ids));
        List<SourceRecord> out = new ArrayList<>();
        for (int i = 0; i < unique.size(); i += IDS_PER_CALL) {
            List<String> chunk = unique.subList(i, Math.min(unique.size(), i + IDS_PER_CALL));
            Map<String, String> q = new LinkedHashMap<>();
            q.put("ids", String.join(",", chunk));
            q.put("fields", fieldsParam);
            String record = chunk.size() == 1 ? chunk.get(0) : chunk.size() + " ids from " + chunk.get(0);
            ApiResponse r = api.get(op, record, type.module(), q, null);
            if (r.status() == 204 || r.status() == 304) {
                continue;
            }
            if (r.status() != 200) {
                throw api.failure(r, op + " " + record);
            }
            Set<String> wanted = Set.copyOf(chunk);
            for (JsonNode rec : api.records(api.json(r, op), r, op)) {
                SourceRecord s = RecordMapper.toSource(type, rec);
                if (wanted.contains(s.id())) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    /** The server's time from the {@code Date} header, else the injected clock's. */
    private Instant serverTime(ApiResponse r) {
        return headerTime(r).orElse(clock.instant());
    }

    /**
     * The server's time from the {@code Date} header, when it agrees with tolk's clock within a minute, else
     * {@code null}: a read's start is only taken from a server whose clock plainly is the one its records are stamped
     * with (a host clock far off, or a test server whose record clock is set apart, gives no such promise).
     */
    private Instant trustedServerTime(ApiResponse r) {
        Instant date = headerTime(r).orElse(null);
        if (date == null || Duration.between(date, clock.instant()).abs().compareTo(Duration.ofMinutes(1)) > 0) {
            return null;
        }
        return date;
    }

    /** The server's time from the {@code Date} header, if it has a readable one. */
    private static java.util.Optional<Instant> headerTime(ApiResponse r) {
        return r.header("Date").flatMap(d -> {
            try {
                return java.util.Optional.of(ZonedDateTime.parse(d, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            } catch (RuntimeException e) {
                return java.util.Optional.empty();
            }
        });
    }
}
