package io.tolk.poweroffice;

import com.fasterxml.jackson.databind.JsonNode;
import io.tolk.api.Checkpoint;
import io.tolk.api.ConnectorException;
import io.tolk.api.ErrorKind;
import io.tolk.api.PageSink;
import io.tolk.api.ReadSummary;
import io.tolk.api.RecordReader;
import io.tolk.api.SourceRecord;
import io.tolk.api.http.ApiRequest;
import io.tolk.api.http.ApiResponse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one PowerOffice type.
 *
 * <h2>Change detection: a full scan, on purpose</h2>
 * {@link #readChanges} scans everything and reports {@code complete=true}. PowerOffice's
 * {@code lastChangedDateTimeOffsetGreaterThan} filter compares the entity's own timestamp, which does not move when
 * only the address (or a contact person) changes, so a filtered read would miss address edits; and deletions can
 * only be found by the absence of an id in a complete scan, because v2 has no deleted feed. A full scan is cheap:
 * one call per 20 000 records ({@code PageSize} at the API's maximum) with {@code Fields} narrowed to what the caller
 * needs. The engine's content hashes make unchanged records free downstream.
 *
 * <h2>Paging</h2>
 * Pages are requested {@code OrderBy=Id} (ids only grow, so records created during the scan land after it), from
 * {@code PageNumber=1} until a 204 or a page shorter than {@code PageSize}. A server that does not page as asked
 * (a full page of rows already read, or full pages past its own {@code totalPages}) ends the scan with a
 * {@link ErrorKind#PERMANENT} error rather than an endless loop. A record deleted during the scan shifts
 * later rows forward across the page boundary; when the {@code X-Pagination} header's {@code totalCount} shows the
 * list shrank, the earlier page(s) are read again and the rows that moved past the boundary are delivered too, so no
 * record that existed throughout is missed. Without that header (it is undocumented), or when as many records were
 * created as deleted between two pages, such a record can be missed by this scan and is seen by the next: that is
 * one reason an absence is only a hint, confirmed by {@link #readByIds} before anything is deleted.
 */
final class PowerOfficeReader implements RecordReader {

    private final PoType type;
    /** The types this reader delivers: its own, or both customer types when it reads the customer list for both. */
    private final java.util.Set<PoType> delivers;
    private final PowerOfficeClient client;
    private final RecordMapper mapper;

    PowerOfficeReader(PoType type, PowerOfficeClient client, RecordMapper mapper) {
        this(type, java.util.EnumSet.of(type), client, mapper);
    }

    /** A reader of {@code type}'s list that delivers the records of every type in {@code delivers} (same list). */
    PowerOfficeReader(PoType type, java.util.Set<PoType> delivers, PowerOfficeClient client, RecordMapper mapper) {
        this.type = type;
        this.delivers = java.util.EnumSet.copyOf(delivers);
        this.client = client;
        this.mapper = mapper;
    }

    /** The type a row of this reader's list is, or null when this reader does not deliver it. */
    private PoType typeOf(JsonNode row) {
        for (PoType t : delivers) {
            if (RecordMapper.belongsTo(t, row)) {
                return t;
            }
        }
        return null;
    }

    @Override
    public io.tolk.api.ChangeDetection changeDetection() {
        return io.tolk.api.ChangeDetection.FULL_SCAN;
    }

    @Override
    public ReadSummary readAll(Set<String> fields, PageSink sink) {
        Scan scan = scan(fields, sink);
        return new ReadSummary(scan.records, scan.pages, true, checkpoint(scan.maxModified));
    }

    @Override
    public ReadSummary readChanges(Checkpoint since, Set<String> fields, PageSink sink) {
        return readAll(fields, sink);
    }

    private record Scan(long records, int pages, Instant maxModified) {
    }

    private Scan scan(Set<String> fields, PageSink sink) {
        int pageSize = client.settings().pageSize();
        String selection = selection(fields);
        long records = 0;
        int pages = 0;
        Instant maxModified = null;
        long lastId = Long.MIN_VALUE;
        Long previousTotal = null;
        for (int pageNumber = 1; ; pageNumber++) {
            String operation = "list " + type.typeName + " page " + pageNumber;
            PowerOfficeClient.Page fetched = fetch(pageNumber, pageSize, selection, operation);
            List<JsonNode> rows = fetched.rows();
            List<JsonNode> deliver = new ArrayList<>(rows.size());
            if (previousTotal != null && fetched.totalCount() != null && fetched.totalCount() < previousTotal) {
                // rows were deleted during the scan: rows after them moved forward past this page's start
                long firstId = rows.isEmpty() ? Long.MAX_VALUE : idOf(rows.get(0));
                deliver.addAll(catchUp(pageNumber, pageSize, selection, lastId, firstId));
            }
            previousTotal = fetched.totalCount();
            int fresh = 0;
            for (JsonNode row : rows) {
                if (idOf(row) == Long.MIN_VALUE) {
                    // a row tolk cannot tell apart is no row to skip: skipped, its record would look absent
                    throw new ConnectorException(ErrorKind.RETRYABLE, PowerOfficeConnector.SYSTEM, operation
                            + ": a record without a numeric Id (" + RecordMapper.property(row, "Id") + ") in the answer");
                }
                if (idOf(row) > lastId) {
                    deliver.add(row);
                    fresh++;
                }
            }
            checkPaging(pageNumber, pageSize, rows.size(), fresh, fetched.totalPages(), lastId, operation);
            List<SourceRecord> page = new ArrayList<>(deliver.size());
            for (JsonNode row : deliver) {
                lastId = Math.max(lastId, idOf(row));
                PoType rowType = typeOf(row);
                if (rowType == null) {
                    continue;
                }
                SourceRecord record = toRecord(rowType, row, fields, operation);
                page.add(record);
                if (record.modifiedAt() != null && (maxModified == null || record.modifiedAt().isAfter(maxModified))) {
                    maxModified = record.modifiedAt();
                }
            }
            if (!page.isEmpty()) {
                sink.accept(page);
                records += page.size();
                pages++;
            }
            if (rows.size() < pageSize) {
                return new Scan(records, pages, maxModified);
            }
        }
    }

    /**
     * Stops a scan that would never end because the server does not page as asked: a full page that brings no id
     * above the last one read (the rows of an earlier page again: {@code PageNumber} ignored; ids only grow and a
     * deletion moves later rows forward, so an honest server never does this), or a full page beyond the number of
     * pages the server itself reports in {@code X-Pagination}.
     */
    private static void checkPaging(int pageNumber, int pageSize, int rows, int fresh, Long totalPages, long lastId,
                                    String operation) {
        if (rows < pageSize) {
            return;
        }
        if (fresh == 0 && pageNumber > 1) {
            throw new ConnectorException(ErrorKind.PERMANENT, PowerOfficeConnector.SYSTEM, operation + ": a full page of "
                    + rows + " rows brought no record after Id " + lastId + " (rows of earlier pages again), so the server"
                    + " is not honouring PageNumber; the scan stops instead of reading the same page forever");
        }
        if (totalPages != null && pageNumber > Math.max(totalPages, 1) + 1) {
            throw new ConnectorException(ErrorKind.PERMANENT, PowerOfficeConnector.SYSTEM, operation + ": a full page of "
                    + rows + " rows although the server's X-Pagination says there are " + totalPages + " pages, so it is"
                    + " not paging as asked; the scan stops instead of reading pages forever");
        }
    }

    private PowerOfficeClient.Page fetch(int pageNumber, int pageSize, String selection, String operation) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("PageNumber", Integer.toString(pageNumber));
        query.put("PageSize", Integer.toString(pageSize));
        if (selection != null) {
            query.put("Fields", selection);
        }
        query.put("OrderBy", "Id");
        return client.page(type, query, operation);
    }

    /**
     * Re-reads earlier pages (now shifted) for the rows with {@code lastId < Id < firstId}: those the deletion moved
     * from this page's range into pages already read. Stops at the first page that starts at or before lastId.
     */
    private List<JsonNode> catchUp(int pageNumber, int pageSize, String selection, long lastId, long firstId) {
        List<JsonNode> missed = new ArrayList<>();
        for (int back = pageNumber - 1; back >= 1; back--) {
            List<JsonNode> rows = fetch(back, pageSize, selection, "list " + type.typeName + " page " + back + " again").rows();
            for (JsonNode row : rows) {
                long id = idOf(row);
                if (id > lastId && id < firstId) {
                    missed.add(row);
                }
            }
            if (rows.isEmpty() || idOf(rows.get(0)) <= lastId) {
                break;
            }
        }
        missed.sort(java.util.Comparator.comparingLong(PowerOfficeReader::idOf));
        return missed;
    }

    private static long idOf(JsonNode row) {
        JsonNode id = RecordMapper.property(row, "Id");
        return id == null || !id.canConvertToLong() ? Long.MIN_VALUE : id.asLong();
    }

    private SourceRecord toRecord(JsonNode row, Set<String> fields, String operation) {
        return toRecord(type, row, fields, operation);
    }

    private SourceRecord toRecord(PoType as, JsonNode row, Set<String> fields, String operation) {
        try {
            return mapper.toRecord(as, row, fields);
        } catch (RuntimeException e) {
            throw new ConnectorException(ErrorKind.RETRYABLE, PowerOfficeConnector.SYSTEM,
                    operation + ": unreadable record: " + e.getMessage(), e);
        }
    }

    /** The {@code Fields} selection: the top-level properties of the requested paths plus what the connector needs. */
    String selection(Set<String> fields) {
        if (fields == null || fields.isEmpty()) {
            return null;
        }
        Set<String> top = new LinkedHashSet<>();
        top.add("Id");
        if (type.hasCompositeId()) {
            top.add("ContactId");
        }
        if (type.isCustomer()) {
            top.add("IsPerson");
        }
        top.add("LastChangedDateTimeOffset");
        for (String path : fields) {
            int dot = path.indexOf('.');
            top.add(dot < 0 ? path : path.substring(0, dot));
        }
        return String.join(",", top);
    }

    private static Checkpoint checkpoint(Instant maxModified) {
        return new Checkpoint("fullscan:" + (maxModified == null ? "" : maxModified.toString()));
    }

    /**
     * One {@code GET} per id. Only a 404 (or an id PowerOffice cannot have) makes a record absent, which the engine
     * takes as confirming a deletion. A customer whose {@code IsPerson} was flipped since it was read still exists:
     * it is returned under the type it has now ({@code PersonCustomer} from the {@code CompanyCustomer} reader and the
     * other way round), so its {@code ref().type()} is not this reader's type, and it is not a deletion.
     */
    @Override
    public List<SourceRecord> readByIds(Collection<String> ids, Set<String> fields) {
        List<SourceRecord> found = new ArrayList<>();
        for (String id : new LinkedHashSet<>(ids)) {
            String path = pathOf(type, id);
            if (path == null) {
                continue; // not an id PowerOffice can have: it does not exist
            }
            String operation = "read " + type.typeName;
            ApiResponse response = client.send(ApiRequest.get(operation, id, client.uri(path, Map.of())));
            if (response.status() == 404) {
                continue;
            }
            if (response.status() != 200) {
                throw client.failure(response, operation, id);
            }
            JsonNode dto = client.parse(response, operation, id);
            if (dto == null || !dto.isObject()) {
                throw new ConnectorException(ErrorKind.RETRYABLE, PowerOfficeConnector.SYSTEM,
                        operation + " " + id + ": expected a JSON object");
            }
            // a customer whose IsPerson changed still exists: it is reported under the type it has now, never as absent
            PoType now = RecordMapper.belongsTo(type, dto) ? type : otherCustomerType();
            found.add(toRecord(now, dto, fields, operation + " " + id));
        }
        return found;
    }

    private PoType otherCustomerType() {
        return type == PoType.COMPANY_CUSTOMER ? PoType.PERSON_CUSTOMER : PoType.COMPANY_CUSTOMER;
    }

    /** The API path of one record ({@code Customers/123}, {@code ContactPersons/12/7}), or null for a malformed id. */
    static String pathOf(PoType type, String id) {
        if (type.hasCompositeId()) {
            int colon = id.indexOf(':');
            if (colon <= 0 || !isNumber(id.substring(0, colon)) || !isNumber(id.substring(colon + 1))) {
                return null;
            }
            return type.collection + "/" + id.substring(0, colon) + "/" + id.substring(colon + 1);
        }
        return isNumber(id) ? type.collection + "/" + id : null;
    }

    private static boolean isNumber(String s) {
        if (s.isEmpty() || s.length() > 19) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
