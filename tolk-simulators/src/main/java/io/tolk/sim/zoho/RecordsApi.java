package io.tolk.sim.zoho;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tolk.sim.common.SimCounters;
import io.tolk.sim.common.SimException;
import io.tolk.sim.common.SimRequest;
import io.tolk.sim.common.SimResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The record endpoints of one org: Get Records (list, by id, by ids), insert, update, upsert, delete, deleted records
 * and search. Parameter rules follow spec §2.4-§2.7; see the package README section of the final report for choices.
 */
public final class RecordsApi {
  public static final int MAX_FIELDS = 50;
  public static final int MAX_PER_PAGE = 200;
  public static final int MAX_WRITE_RECORDS = 100;
  public static final int DISCRETE_PAGING_LIMIT = 2000;
  public static final int TOKEN_PAGING_LIMIT = 100_000;
  static final Duration RECYCLE_RETENTION = Duration.ofDays(60);
  static final Duration PERMANENT_RETENTION = Duration.ofDays(120);

  private final ObjectMapper mapper;
  private final FieldCatalog catalog;
  private final RecordStore store;
  private final RecordWriter writer;
  private final RecordJson json;
  private final ZohoErrors errors;
  private final ZohoTime time;
  private final Clock clock;
  private final PageTokens pageTokens;
  private final Notifier notifier;
  private final SimCounters counters;
  private final LaggedReads reads;
  private volatile int tokenPagingLimit = TOKEN_PAGING_LIMIT;

  public RecordsApi(ObjectMapper mapper, FieldCatalog catalog, RecordStore store, RecordWriter writer, RecordJson json,
                    ZohoErrors errors, ZohoTime time, Clock clock, PageTokens pageTokens, Notifier notifier,
                    SimCounters counters, LaggedReads reads) {
    this.mapper = mapper;
    this.catalog = catalog;
    this.store = store;
    this.writer = writer;
    this.json = json;
    this.errors = errors;
    this.time = time;
    this.clock = clock;
    this.pageTokens = pageTokens;
    this.notifier = notifier;
    this.counters = counters;
    this.reads = reads;
  }

  /** Lowers (or restores) the 100 000-record cap of token paging; for tests that prove the cap cheaply. */
  public void setTokenPagingLimit(int limit) {
    if (limit < 1) throw new IllegalArgumentException("token paging limit must be >= 1");
    this.tokenPagingLimit = limit;
  }

  // ------------------------------------------------------------------ reads

  /** {@code GET /crm/v8/{module}}. */
  public SimResponse list(ZohoModule module, SimRequest rq) {
    List<String> fields = requiredFields(module, rq);
    int perPage = intParam(rq, "per_page", MAX_PER_PAGE, 1, MAX_PER_PAGE);
    String pageParam = rq.query("page");
    String token = rq.query("page_token");
    if (token != null && pageParam != null) {
      ObjectNode d = errors.details();
      ArrayNode a = d.putArray("ambiguity_due_to");
      a.addObject().put("param_name", "page");
      a.addObject().put("param_name", "page_token");
      throw errors.fail(400, "AMBIGUITY_DURING_PROCESSING", "page and page_token cannot be given together", d);
    }
    String sortByParam = rq.query("sort_by");
    SortField sortBy = sortByParam == null ? SortField.ID : SortField.parse(sortByParam)
        .orElseThrow(() -> unsupported("sort_by", List.of("id", "Created_Time", "Modified_Time")));
    String sortOrder = rq.query("sort_order") == null ? "desc" : rq.query("sort_order");
    if (!sortOrder.equals("asc") && !sortOrder.equals("desc")) throw unsupported("sort_order", List.of("asc", "desc"));
    Instant modifiedSince = ifModifiedSince(rq);
    Set<Long> ids = idsParam(rq);

    Predicate<StoredRecord> filter = null;
    if (modifiedSince != null) filter = r -> r.modifiedTime().isAfter(modifiedSince);
    if (ids != null) filter = filter == null ? r -> ids.contains(r.id()) : filter.and(r -> ids.contains(r.id()));
    String bound = String.join("|", String.join(",", fields), Integer.toString(perPage), sortBy.param(), sortOrder,
        String.valueOf(modifiedSince), String.valueOf(ids == null ? null : new java.util.TreeSet<>(ids)));

    SortKey cursor;
    int offset;
    int page;
    long served;
    String previous;
    if (token != null) {
      PageTokens.State s = pageTokens.get(token);
      if (s == null) throw errors.badParam("INVALID_DATA", ZohoErrors.INVALID_DATA_MESSAGE, "page_token");
      if (pageTokens.expired(s)) throw errors.badParam("EXPIRED_VALUE", "the page_token has expired", "page_token");
      if (!s.bound().equals(bound)) {
        throw errors.badParam("TOKEN_BOUND_DATA_MISMATCH", "the parameters differ from those the page_token was issued for",
            "page_token");
      }
      int cap = tokenPagingLimit;
      if (s.served() >= cap) {
        ObjectNode d = errors.details();
        d.put("limit", cap);
        throw errors.fail(400, "PAGINATION_LIMIT_EXCEEDED", "only the first " + cap + " records can be fetched", d);
      }
      cursor = s.cursor();
      offset = s.offset();
      page = s.page();
      served = s.served();
      previous = s.previous();
    } else {
      page = pageParam == null ? 1 : intParam(rq, "page", 1, 1, Integer.MAX_VALUE);
      if ((long) page * perPage > DISCRETE_PAGING_LIMIT) {
        ObjectNode d = errors.details();
        d.put("param_name", "page");
        d.put("limit", DISCRETE_PAGING_LIMIT);
        throw errors.fail(400, "DISCRETE_PAGINATION_LIMIT_EXCEEDED",
            "only the first 2000 records can be fetched with page; use page_token", d);
      }
      cursor = null;
      offset = (page - 1) * perPage;
      served = offset;
      previous = page > 1 ? pageTokens.issue(bound, null, (page - 2) * perPage, page - 1, (long) (page - 2) * perPage, null) : null;
    }
    int take = (int) Math.max(0, Math.min(perPage, tokenPagingLimit - served));
    List<StoredRecord> rows = reads.view().slice(module, sortBy, sortOrder.equals("asc"), cursor, cursor == null ? offset : 0,
        take + 1, filter);
    boolean more = rows.size() > take;
    if (more) rows = rows.subList(0, take);
    if (rows.isEmpty()) return SimResponse.empty(modifiedSince != null ? 304 : 204);

    ObjectNode body = mapper.createObjectNode();
    ArrayNode data = body.putArray("data");
    for (StoredRecord r : rows) data.add(json.render(r, fields));
    ObjectNode info = body.putObject("info");
    info.put("call", false);
    info.put("per_page", perPage);
    String next = null;
    if (more) {
      String self = token != null ? token : pageTokens.issue(bound, cursor, offset, page, served, previous);
      next = pageTokens.issue(bound, sortBy.keyOf(rows.get(rows.size() - 1)), 0, page + 1, served + rows.size(), self);
    }
    putNullable(info, "next_page_token", next);
    info.put("count", rows.size());
    info.put("sort_by", sortBy.param());
    info.put("page", page);
    putNullable(info, "previous_page_token", previous);
    putNullable(info, "page_token_expiry", next == null ? null : time.format(clock.instant().plus(PageTokens.VALIDITY)));
    info.put("sort_order", sortOrder);
    info.put("email", false);
    info.put("more_records", more);
    return SimResponse.json(200, body, mapper);
  }

  /**
   * The record id a path segment names: the id itself, or with header {@code X-EXTERNAL: Module.Field} the value of
   * that unique field (unchanged when no live record has it, so it fails as an invalid id).
   */
  private String pathId(RecordStore store, ZohoModule module, SimRequest rq, String segment) {
    String ext = rq.header("X-EXTERNAL");
    if (ext == null || segment == null) return segment;
    int dot = ext.indexOf('.');
    String field = dot < 0 ? null : ext.substring(dot + 1).trim();
    FieldDef def = field == null ? null : catalog.field(module, field);
    if (dot < 0 || !ext.substring(0, dot).trim().equalsIgnoreCase(module.apiName()) || def == null || !def.unique()) {
      throw errors.badParam("INVALID_DATA", ZohoErrors.INVALID_DATA_MESSAGE, "X-EXTERNAL");
    }
    List<Long> ids = store.findByValue(module, field, segment);
    return ids.isEmpty() ? segment : Long.toString(ids.get(0));
  }

  /** {@code GET /crm/v8/{module}/{id}}: {"data":[record]}; 204 when there is no live record of that id. */
  public SimResponse get(ZohoModule module, String segment, SimRequest rq) {
    List<String> fields = rq.query("fields") == null ? null : parseFields(module, rq.query("fields"));
    RecordStore store = reads.view();
    String idText = pathId(store, module, rq, segment);
    Long id = RecordValidator.parseId(idText);
    if (id == null && rq.header("X-EXTERNAL") != null) return SimResponse.empty(204);
    if (id == null) {
      ObjectNode d = errors.details();
      d.put("id", idText);
      throw errors.fail(400, "INVALID_DATA", ZohoErrors.INVALID_ID_MESSAGE, d);
    }
    StoredRecord r = store.get(module, id);
    if (r == null) return SimResponse.empty(204);
    ObjectNode body = mapper.createObjectNode();
    body.putArray("data").add(json.render(r, fields));
    return SimResponse.json(200, body, mapper);
  }

  /** {@code GET /crm/v8/{module}/deleted}. */
  public SimResponse deleted(ZohoModule module, SimRequest rq) {
    String type = rq.query("type") == null ? "all" : rq.query("type");
    if (!List.of("all", "recycle", "permanent").contains(type)) throw unsupported("type", List.of("all", "recycle", "permanent"));
    int perPage = intParam(rq, "per_page", MAX_PER_PAGE, 1, MAX_PER_PAGE);
    int page = intParam(rq, "page", 1, 1, Integer.MAX_VALUE);
    Instant since = ifModifiedSince(rq);
    Instant now = clock.instant();
    List<ObjectNode> items = new ArrayList<>();
    for (DeletedEntry e : reads.view().deleted(module)) {
      Duration age = Duration.between(e.deletedTime(), now);
      if (age.compareTo(PERMANENT_RETENTION) > 0) continue;
      String kind = age.compareTo(RECYCLE_RETENTION) > 0 ? "permanent" : "recycle";
      if (!type.equals("all") && !type.equals(kind)) continue;
      if (since != null && !e.deletedTime().isAfter(since)) continue;
      ObjectNode n = mapper.createObjectNode();
      n.set("deleted_by", json.user(false));
      n.put("id", Long.toString(e.record().id()));
      if (kind.equals("recycle")) putNullable(n, "display_name", e.record().displayName());
      else n.putNull("display_name");
      n.put("type", kind);
      n.set("created_by", kind.equals("recycle") ? json.user(false) : null);
      n.put("deleted_time", time.format(e.deletedTime()));
      items.add(n);
    }
    long from = (long) (page - 1) * perPage;
    if (from >= items.size()) return SimResponse.empty(204);
    List<ObjectNode> slice = items.subList((int) from, (int) Math.min(items.size(), from + perPage));
    ObjectNode body = mapper.createObjectNode();
    ArrayNode data = body.putArray("data");
    slice.forEach(data::add);
    ObjectNode info = body.putObject("info");
    info.put("per_page", perPage);
    info.put("count", slice.size());
    info.put("page", page);
    info.put("more_records", from + slice.size() < items.size());
    return SimResponse.json(200, body, mapper);
  }

  /** {@code GET /crm/v8/{module}/search}: criteria, email, phone or word; 204 on no hits. */
  public SimResponse search(ZohoModule module, SimRequest rq) {
    List<String> fields = rq.query("fields") == null ? null : parseFields(module, rq.query("fields"));
    int perPage = intParam(rq, "per_page", MAX_PER_PAGE, 1, MAX_PER_PAGE);
    int page = intParam(rq, "page", 1, 1, Integer.MAX_VALUE);
    if ((long) page * perPage > DISCRETE_PAGING_LIMIT) {
      ObjectNode d = errors.details();
      d.put("param_name", "page");
      d.put("limit", DISCRETE_PAGING_LIMIT);
      throw errors.fail(400, "LIMIT_EXCEEDED", "search can fetch only the first 2000 records", d);
    }
    RecordStore store = reads.view();
    Predicate<StoredRecord> filter;
    String criteria = rq.query("criteria");
    String email = rq.query("email");
    String phone = rq.query("phone");
    String word = rq.query("word");
    if (criteria != null) {
      try {
        filter = SearchCriteria.parse(criteria, module, catalog, (f, id) -> {
          Long l = RecordValidator.parseId(id);
          StoredRecord t = l == null ? null : store.get(f.lookupModule(), l);
          return t == null ? null : t.displayName();
        });
      } catch (SearchCriteria.InvalidCriteria e) {
        ObjectNode d = errors.details();
        d.put("param_name", "criteria");
        d.put("reason", e.getMessage());
        if (e.tooMany()) throw errors.fail(400, "LIMIT_EXCEEDED", "Maximum criteria limit exceeded", d);
        throw errors.fail(400, "INVALID_QUERY", "invalid query formed", d);
      }
    } else if (email != null) {
      String e = RecordStore.normalize(email);
      List<String> emailFields = catalog.fields(module).stream().filter(f -> f.type() == FieldType.EMAIL)
          .map(FieldDef::apiName).toList();
      filter = r -> emailFields.stream().anyMatch(f -> e.equals(RecordStore.normalize(r.value(f))));
    } else if (phone != null) {
      String p = phone.trim();
      List<String> phoneFields = catalog.fields(module).stream().filter(f -> f.type() == FieldType.PHONE)
          .map(FieldDef::apiName).toList();
      filter = r -> phoneFields.stream().anyMatch(f -> p.equals(r.value(f)));
    } else if (word != null) {
      String w = RecordStore.normalize(word);
      filter = r -> r.values().values().stream().anyMatch(v -> RecordStore.normalize(v).contains(w));
    } else {
      throw errors.missingParam("criteria");
    }
    int from = (page - 1) * perPage;
    List<StoredRecord> hits = store.scan(module, filter, from + perPage + 1);
    if (hits.size() <= from) return SimResponse.empty(204);
    boolean more = hits.size() > from + perPage;
    List<StoredRecord> slice = hits.subList(from, Math.min(hits.size(), from + perPage));
    ObjectNode body = mapper.createObjectNode();
    ArrayNode data = body.putArray("data");
    for (StoredRecord r : slice) data.add(json.render(r, fields));
    ObjectNode info = body.putObject("info");
    info.put("per_page", perPage);
    info.put("count", slice.size());
    info.put("page", page);
    info.put("more_records", more);
    return SimResponse.json(200, body, mapper);
  }

  // ------------------------------------------------------------------ writes

  /** {@code POST /crm/v8/{module}}. */
  public SimResponse insert(ZohoModule module, SimRequest rq, ZohoHandler.CallCost cost, String operation) {
    List<JsonNode> data = writeData(rq);
    cost.set(CreditMeter.writeCost(data.size()));
    cost.write(data.size());
    return finish(module, writer.insert(module, data), operation, data);
  }

  /** {@code PUT /crm/v8/{module}} and {@code PUT /crm/v8/{module}/{id}} (pathId non-null). */
  public SimResponse update(ZohoModule module, SimRequest rq, String segment, ZohoHandler.CallCost cost, String operation) {
    String pathId = pathId(store, module, rq, segment);
    List<JsonNode> data = writeData(rq);
    if (pathId != null && data.size() != 1) {
      ObjectNode d = errors.details();
      d.put("api_name", "data");
      d.put("limit", 1);
      throw errors.fail(400, "LIMIT_EXCEEDED", "Record count exceeded", d);
    }
    Instant ius = null;
    String h = rq.header("If-Unmodified-Since");
    if (h != null) {
      ius = ZohoTime.parse(h);
      if (ius == null) throw errors.badParam("INVALID_DATA", ZohoErrors.INVALID_DATA_MESSAGE, "If-Unmodified-Since");
    }
    cost.set(CreditMeter.writeCost(data.size()));
    cost.write(data.size());
    WriteOutcome out = writer.update(module, data, pathId, ius);
    if (ius != null && out.items().size() == 1 && "ALREADY_MODIFIED".equals(out.items().get(0).path("code").asText())) {
      return SimResponse.json(412, out.items().get(0), mapper);
    }
    return finish(module, out, operation, data);
  }

  /** {@code POST /crm/v8/{module}/upsert}. */
  public SimResponse upsert(ZohoModule module, SimRequest rq, ZohoHandler.CallCost cost, String operation) {
    JsonNode body = body(rq);
    List<JsonNode> data = writeData(body);
    List<String> checkFields = duplicateCheckFields(module, body.get("duplicate_check_fields"));
    cost.set(CreditMeter.writeCost(data.size()));
    cost.write(data.size());
    return finish(module, writer.upsert(module, data, checkFields), operation, data);
  }

  /** {@code DELETE /crm/v8/{module}?ids=} and {@code /{module}/{id}}. */
  public SimResponse delete(ZohoModule module, SimRequest rq, String segment, String operation) {
    List<String> ids;
    if (segment != null) {
      ids = List.of(pathId(store, module, rq, segment));
    } else {
      String p = rq.query("ids");
      if (p == null || p.isBlank()) {
        throw errors.missingParam("ids");
      }
      ids = new ArrayList<>();
      for (String s : p.split(",")) if (!s.isBlank()) ids.add(s.trim());
      if (ids.isEmpty()) throw errors.missingParam("ids"); // "ids=,,," names no record
      if (ids.size() > MAX_WRITE_RECORDS) throw tooManyRecords();
    }
    WriteOutcome out = writer.delete(module, ids);
    return finish(module, out, operation, null);
  }

  private SimResponse finish(ZohoModule module, WriteOutcome out, String operation, List<JsonNode> data) {
    counters.addRecordsWritten(operation, out.changedCount());
    if (!out.inserted().isEmpty()) notifier.publish(module, "insert", out.inserted(), null);
    if (!out.updated().isEmpty() && notifier.hasChannels()) {
      notifier.publish(module, "update", out.updated(), affected(out.updated()));
    }
    if (!out.deleted().isEmpty()) notifier.publish(module, "delete", out.deleted(), null);
    ObjectNode body = mapper.createObjectNode();
    body.set("data", out.items());
    return SimResponse.json(out.status(), body, mapper);
  }

  private Map<Long, ObjectNode> affected(List<Long> ids) {
    Map<Long, ObjectNode> m = new HashMap<>();
    for (StoredRecord r : store.getAll(ZohoModule.ACCOUNTS, ids)) m.put(r.id(), json.render(r, null));
    for (StoredRecord r : store.getAll(ZohoModule.CONTACTS, ids)) m.put(r.id(), json.render(r, null));
    return m;
  }

  private List<String> duplicateCheckFields(ZohoModule module, JsonNode given) {
    List<String> order = new ArrayList<>();
    if (given == null || given.isNull()) {
      order.add(module.systemDuplicateCheckField());
      for (FieldDef f : catalog.uniqueFields(module)) if (!order.contains(f.apiName())) order.add(f.apiName());
      return order;
    }
    if (!given.isArray()) {
      ObjectNode d = errors.details();
      d.put("expected_data_type", "jsonarray");
      d.put("api_name", "duplicate_check_fields");
      d.put("json_path", "$.duplicate_check_fields");
      throw errors.fail(400, "INVALID_DATA", ZohoErrors.INVALID_DATA_MESSAGE, d);
    }
    Set<String> allowed = new LinkedHashSet<>(catalog.indexedFields(module));
    int i = 0;
    for (JsonNode f : given) {
      String name = f.asText();
      if (!f.isTextual() || !allowed.contains(name)) {
        ObjectNode d = errors.details();
        d.put("api_name", name);
        d.put("json_path", "$.duplicate_check_fields[" + i + "]");
        throw errors.fail(400, "INVALID_DATA", ZohoErrors.INVALID_DATA_MESSAGE, d);
      }
      if (!order.contains(name)) order.add(name);
      i++;
    }
    return order;
  }

  // ------------------------------------------------------------------ parameters and bodies

  private JsonNode body(SimRequest rq) {
    if (rq.body().length == 0) throw errors.badBody("the request body is empty");
    try {
      JsonNode n = mapper.readTree(rq.body());
      if (n == null || !n.isObject()) throw errors.badBody("the request body must be a JSON object");
      return n;
    } catch (JsonProcessingException e) {
      throw errors.badBody("the request body is not valid JSON");
    } catch (java.io.IOException e) {
      throw errors.badBody("the request body cannot be read");
    }
  }

  private List<JsonNode> writeData(SimRequest rq) {
    return writeData(body(rq));
  }

  private List<JsonNode> writeData(JsonNode body) {
    JsonNode data = body.get("data");
    if (data == null || data.isNull()) {
      ObjectNode d = errors.details();
      d.put("api_name", "data");
      d.put("json_path", "$.data");
      throw errors.fail(400, "MANDATORY_NOT_FOUND", ZohoErrors.MANDATORY_MESSAGE, d);
    }
    if (!data.isArray()) {
      ObjectNode d = errors.details();
      d.put("expected_data_type", "jsonarray");
      d.put("api_name", "data");
      d.put("json_path", "$.data");
      throw errors.fail(400, "INVALID_DATA", ZohoErrors.INVALID_DATA_MESSAGE, d);
    }
    if (data.isEmpty()) {
      ObjectNode d = errors.details();
      d.put("api_name", "data");
      d.put("json_path", "$.data");
      throw errors.fail(400, "INVALID_DATA", ZohoErrors.INVALID_DATA_MESSAGE, d);
    }
    if (data.size() > MAX_WRITE_RECORDS) throw tooManyRecords();
    JsonNode trigger = body.get("trigger");
    if (trigger != null && !trigger.isNull() && !trigger.isArray()) {
      ObjectNode d = errors.details();
      d.put("expected_data_type", "jsonarray");
      d.put("api_name", "trigger");
      d.put("json_path", "$.trigger");
      throw errors.fail(400, "INVALID_DATA", ZohoErrors.INVALID_DATA_MESSAGE, d);
    }
    List<JsonNode> l = new ArrayList<>(data.size());
    data.forEach(l::add);
    return l;
  }

  private SimException tooManyRecords() {
    ObjectNode d = errors.details();
    d.put("api_name", "data");
    d.put("limit", MAX_WRITE_RECORDS);
    return errors.fail(400, "LIMIT_EXCEEDED", "Record count exceeded", d);
  }

  private List<String> requiredFields(ZohoModule module, SimRequest rq) {
    String p = rq.query("fields");
    if (p == null || p.isBlank()) {
      throw errors.missingParam("fields");
    }
    return parseFields(module, p);
  }

  private List<String> parseFields(ZohoModule module, String p) {
    LinkedHashSet<String> names = new LinkedHashSet<>();
    for (String s : p.split(",")) if (!s.isBlank()) names.add(s.trim());
    if (names.isEmpty()) throw errors.missingParam("fields"); // "fields=,,," names no field
    if (names.size() > MAX_FIELDS) {
      ObjectNode d = errors.details();
      d.put("param_name", "fields");
      d.put("limit", MAX_FIELDS);
      throw errors.fail(400, "LIMIT_EXCEEDED", "Max field limit exceeded", d);
    }
    for (String n : names) {
      if (!n.equals("id") && catalog.field(module, n) == null) {
        ObjectNode d = errors.details();
        d.put("param_name", "fields");
        d.put("api_name", n);
        throw errors.fail(400, "INVALID_DATA", ZohoErrors.INVALID_DATA_MESSAGE, d);
      }
    }
    return List.copyOf(names);
  }

  private int intParam(SimRequest rq, String name, int dflt, int min, int max) {
    String v = rq.query(name);
    if (v == null) return dflt;
    int n;
    try {
      n = Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      ObjectNode d = errors.details();
      d.put("param_name", name);
      d.put("expected_data_type", "integer");
      throw errors.fail(400, "INVALID_DATA", ZohoErrors.INVALID_DATA_MESSAGE, d);
    }
    if (n < min || n > max) {
      ObjectNode d = errors.details();
      d.put("param_name", name);
      d.put("minimum", min);
      d.put("maximum", max);
      throw errors.fail(400, "INVALID_DATA", ZohoErrors.INVALID_DATA_MESSAGE, d);
    }
    return n;
  }

  private Instant ifModifiedSince(SimRequest rq) {
    String h = rq.header("If-Modified-Since");
    if (h == null) return null;
    Instant t = ZohoTime.parse(h);
    if (t == null) throw errors.badParam("INVALID_DATA", ZohoErrors.INVALID_DATA_MESSAGE, "If-Modified-Since");
    return t;
  }

  private Set<Long> idsParam(SimRequest rq) {
    String p = rq.query("ids");
    if (p == null) return null;
    Set<Long> ids = new HashSet<>();
    for (String s : p.split(",")) {
      if (s.isBlank()) continue;
      Long id = RecordValidator.parseId(s.trim());
      if (id == null) {
        ObjectNode d = errors.details();
        d.put("param_name", "ids");
        d.put("id", s.trim());
        throw errors.fail(400, "INVALID_DATA", ZohoErrors.INVALID_ID_MESSAGE, d);
      }
      ids.add(id);
    }
    if (ids.size() > MAX_WRITE_RECORDS) {
      ObjectNode d = errors.details();
      d.put("param_name", "ids");
      d.put("limit", MAX_WRITE_RECORDS);
      throw errors.fail(400, "LIMIT_EXCEEDED", "Record count exceeded", d);
    }
    return ids;
  }

  private SimException unsupported(String param, List<String> supported) {
    ObjectNode d = errors.details();
    d.put("param_name", param);
    ArrayNode a = d.putArray("supported_values");
    supported.forEach(a::add);
    return errors.fail(400, "INVALID_DATA", ZohoErrors.INVALID_DATA_MESSAGE, d);
  }

  private static void putNullable(ObjectNode n, String key, String value) {
    if (value == null) n.putNull(key);
    else n.put(key, value);
  }
}
