package io.tolk.sim.zoho;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tolk.sim.common.SimRequest;
import io.tolk.sim.common.SimResponse;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * {@code POST /crm/v8/coql} for the subset {@link CoqlQuery} parses. Lookups come back as {@code {"id"}} only, a
 * selected {@code Account_Name.Account_Name} under that dotted key; at most 10 000 records through limit/offset;
 * 204 when nothing matches.
 */
public final class CoqlApi {
  public static final int MAX_OFFSET_PLUS_LIMIT = 10_000;

  private final ObjectMapper mapper;
  private final FieldCatalog catalog;
  private final LaggedReads reads;
  private final ZohoErrors errors;
  private final ZohoTime time;

  public CoqlApi(ObjectMapper mapper, FieldCatalog catalog, LaggedReads reads, ZohoErrors errors, ZohoTime time) {
    this.mapper = mapper;
    this.catalog = catalog;
    this.reads = reads;
    this.errors = errors;
    this.time = time;
  }

  public SimResponse query(SimRequest rq) {
    RecordStore store = reads.view();
    JsonNode body;
    try {
      body = rq.body().length == 0 ? null : mapper.readTree(rq.body());
    } catch (Exception e) {
      throw errors.badBody("the request body is not valid JSON");
    }
    if (body == null || !body.isObject() || !body.path("select_query").isTextual()) {
      ObjectNode d = errors.details();
      d.put("api_name", "select_query");
      d.put("json_path", "$.select_query");
      throw errors.fail(400, "MANDATORY_NOT_FOUND", ZohoErrors.MANDATORY_MESSAGE, d);
    }
    CoqlQuery q;
    CoqlQuery.Values values = new CoqlQuery.Values() {
      @Override
      public String text(StoredRecord r, String path) {
        return valueOf(store, r, path);
      }

      @Override
      public Instant time(StoredRecord r, String field) {
        return field.equals("Created_Time") ? r.createdTime() : field.equals("Modified_Time") ? r.modifiedTime() : null;
      }
    };
    try {
      q = CoqlQuery.parse(body.get("select_query").asText(), catalog, values);
    } catch (CoqlQuery.Invalid e) {
      ObjectNode d = errors.details();
      if (e.code().equals("SYNTAX_ERROR")) {
        d.put("line", 1);
        d.put("column", e.column());
        d.put("near", e.near());
      } else if (e.near() != null) {
        d.put("near", e.near());
      }
      String message = switch (e.code()) {
        case "SYNTAX_ERROR" -> "error occured while parsing the query";
        case "LIMIT_EXCEEDED" -> e.getMessage();
        default -> "invalid query formed";
      };
      throw errors.fail(400, e.code(), message, d);
    }
    if ((long) q.offset() + q.limit() > MAX_OFFSET_PLUS_LIMIT) {
      ObjectNode d = errors.details();
      d.put("limit", MAX_OFFSET_PLUS_LIMIT);
      throw errors.fail(400, "LIMIT_EXCEEDED", "only the first 10000 records can be fetched with offset", d);
    }
    List<StoredRecord> hits = store.scan(q.module(), q.where(), Integer.MAX_VALUE);
    Comparator<StoredRecord> order = null;
    for (CoqlQuery.Order o : q.orderBy()) {
      Comparator<StoredRecord> c = comparator(store, o.field());
      if (!o.ascending()) c = c.reversed();
      order = order == null ? c : order.thenComparing(c);
    }
    Comparator<StoredRecord> byId = Comparator.comparingLong(StoredRecord::id);
    hits.sort(order == null ? byId : order.thenComparing(byId));
    if (hits.size() <= q.offset()) return SimResponse.empty(204);
    int end = Math.min(hits.size(), q.offset() + q.limit());
    ObjectNode out = mapper.createObjectNode();
    ArrayNode data = out.putArray("data");
    for (StoredRecord r : hits.subList(q.offset(), end)) data.add(render(store, r, q.fields()));
    ObjectNode info = out.putObject("info");
    info.put("count", end - q.offset());
    info.put("more_records", end < hits.size());
    return SimResponse.json(200, out, mapper);
  }

  private Comparator<StoredRecord> comparator(RecordStore store, String field) {
    if (field.equals("id")) return Comparator.comparingLong(StoredRecord::id);
    if (field.equals("Created_Time")) return Comparator.comparing(StoredRecord::createdTime);
    if (field.equals("Modified_Time")) return Comparator.comparing(StoredRecord::modifiedTime);
    return Comparator.comparing(r -> valueOf(store, r, field), Comparator.nullsFirst(String.CASE_INSENSITIVE_ORDER));
  }

  private String valueOf(RecordStore store, StoredRecord r, String path) {
    if (path.equals("id")) return Long.toString(r.id());
    int dot = path.indexOf('.');
    String base = dot < 0 ? path : path.substring(0, dot);
    switch (base) {
      case "Created_Time":
        return time.format(r.createdTime());
      case "Modified_Time":
        return time.format(r.modifiedTime());
      case "Full_Name":
        return r.fullName();
      case "Owner", "Created_By", "Modified_By":
        return ZohoUser.ADMIN.id();
      default:
        break;
    }
    String v = r.value(base);
    if (dot < 0 || v == null) return v;
    FieldDef def = catalog.field(r.module(), base);
    Long id = RecordValidator.parseId(v);
    StoredRecord target = id == null ? null : store.get(def.lookupModule(), id);
    if (target == null) return null;
    String sub = path.substring(dot + 1);
    return sub.equals("id") ? v : valueOf(store, target, sub);
  }

  private ObjectNode render(RecordStore store, StoredRecord r, List<String> fields) {
    ObjectNode n = mapper.createObjectNode();
    for (String f : fields) {
      if (f.equals("id")) continue;
      FieldDef def = f.contains(".") ? null : catalog.field(r.module(), f);
      String v = valueOf(store, r, f);
      if (v == null) {
        n.putNull(f);
      } else if (def != null && (def.type() == FieldType.LOOKUP || def.type() == FieldType.OWNERLOOKUP)) {
        n.putObject(f).put("id", v);
      } else {
        n.put(f, v);
      }
    }
    n.put("id", Long.toString(r.id()));
    return n;
  }
}
