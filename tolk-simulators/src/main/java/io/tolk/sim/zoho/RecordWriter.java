package io.tolk.sim.zoho;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tolk.sim.common.AppliedWrite;
import io.tolk.sim.common.WriteLog;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Insert, update, upsert and delete of a batch of records, atomically under the store's write lock, applied record by
 * record in request order (a later record sees an earlier one, e.g. for duplicate checks). Produces Zoho's per-record
 * items and the batch status: insert 201 (one record) / 202 (several), update/upsert/delete 200, 207 when some
 * failed, 400 when all failed.
 */
public final class RecordWriter {
  /** Ids Zoho gives the modules themselves (shown in DUPLICATE_DATA details). */
  private static final Map<ZohoModule, String> MODULE_IDS = Map.of(
      ZohoModule.ACCOUNTS, "4876876000000002175", ZohoModule.CONTACTS, "4876876000000002179");

  private final ObjectMapper mapper;
  private final FieldCatalog catalog;
  private final RecordStore store;
  private final RecordValidator validator;
  private final ZohoErrors errors;
  private final ZohoTime time;
  private final Clock clock;
  private final RecordJson json;
  private final WriteLog writeLog;

  public RecordWriter(ObjectMapper mapper, FieldCatalog catalog, RecordStore store, RecordValidator validator,
                      ZohoErrors errors, ZohoTime time, Clock clock, RecordJson json, WriteLog writeLog) {
    this.mapper = mapper;
    this.catalog = catalog;
    this.store = store;
    this.validator = validator;
    this.errors = errors;
    this.time = time;
    this.clock = clock;
    this.json = json;
    this.writeLog = writeLog;
  }

  public static String moduleId(ZohoModule m) {
    return MODULE_IDS.get(m);
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.SECONDS);
  }

  private final class Batch {
    final ZohoModule module;
    final ArrayNode items = mapper.createArrayNode();
    final List<Long> inserted = new ArrayList<>();
    final List<Long> updated = new ArrayList<>();
    final List<Long> deleted = new ArrayList<>();
    int failed;

    Batch(ZohoModule module) {
      this.module = module;
    }

    /** A record of the batch was changed (under the store's write lock: the log keeps the order of changes). */
    void applied(long id, AppliedWrite.Op op) {
      (op == AppliedWrite.Op.CREATE ? inserted : op == AppliedWrite.Op.UPDATE ? updated : deleted).add(id);
      writeLog.record(module.apiName(), Long.toString(id), op);
    }

    WriteOutcome finish(int allOkStatus) {
      int n = items.size();
      int status = failed == 0 ? allOkStatus : failed == n ? 400 : 207;
      return new WriteOutcome(items, status, inserted, updated, deleted);
    }

    void fail(ObjectNode error) {
      items.add(error);
      failed++;
    }
  }

  /** {@code POST /{module}}. */
  public WriteOutcome insert(ZohoModule module, List<JsonNode> records) {
    return store.inWriteLock(() -> {
      Batch b = new Batch(module);
      for (int i = 0; i < records.size(); i++) {
        JsonNode rec = records.get(i);
        if (rec != null && rec.isObject() && rec.has("id")) {
          // ASSUMPTION: Zoho assigns ids; an insert naming one is refused rather than silently creating another id
          b.fail(errors.item("INVALID_DATA", ZohoErrors.INVALID_DATA_MESSAGE, errors.fieldDetails("id", i)));
          continue;
        }
        RecordValidator.Result v = validator.validate(module, rec, i, RecordValidator.Mode.CREATE);
        if (!v.ok()) {
          b.fail(v.error());
          continue;
        }
        ObjectNode dup = duplicate(module, v.changes(), null, i);
        if (dup != null) {
          b.fail(dup);
          continue;
        }
        StoredRecord r = create(module, v.changes());
        b.applied(r.id(), AppliedWrite.Op.CREATE);
        b.items.add(success(r, "record added", true));
      }
      return b.finish(records.size() == 1 ? 201 : 202);
    });
  }

  /** {@code PUT /{module}} (ids in the records) or {@code PUT /{module}/{id}} (pathId given, single record). */
  public WriteOutcome update(ZohoModule module, List<JsonNode> records, String pathId, Instant ifUnmodifiedSince) {
    return store.inWriteLock(() -> {
      Batch b = new Batch(module);
      for (int i = 0; i < records.size(); i++) {
        JsonNode rec = records.get(i);
        String idText = pathId != null ? pathId : rec != null && rec.hasNonNull("id") ? rec.get("id").asText() : null;
        if (idText == null) {
          b.fail(errors.item("MANDATORY_NOT_FOUND", ZohoErrors.MANDATORY_MESSAGE, errors.fieldDetails("id", i)));
          continue;
        }
        Long id = RecordValidator.parseId(idText);
        StoredRecord old = id == null ? null : store.get(module, id);
        if (old == null) {
          b.fail(invalidId(idText));
          continue;
        }
        if (ifUnmodifiedSince != null && old.modifiedTime().isAfter(ifUnmodifiedSince)) {
          ObjectNode d = errors.details();
          d.put("id", idText);
          b.fail(errors.item("ALREADY_MODIFIED", "the record has been modified after the given If-Unmodified-Since time", d));
          continue;
        }
        RecordValidator.Result v = validator.validate(module, rec, i, RecordValidator.Mode.UPDATE);
        if (!v.ok()) {
          b.fail(v.error());
          continue;
        }
        ObjectNode dup = duplicate(module, v.changes(), old.id(), i);
        if (dup != null) {
          b.fail(dup);
          continue;
        }
        StoredRecord r = apply(old, v.changes());
        b.applied(r.id(), AppliedWrite.Op.UPDATE);
        b.items.add(success(r, "record updated", true));
      }
      return b.finish(200);
    });
  }

  /**
   * {@code POST /{module}/upsert}: per record, the first duplicate-check field (in {@code checkFields} order) whose
   * value matches a live record makes it an update of that record (the oldest, if several match); otherwise an insert.
   */
  public WriteOutcome upsert(ZohoModule module, List<JsonNode> records, List<String> checkFields) {
    return store.inWriteLock(() -> {
      Batch b = new Batch(module);
      for (int i = 0; i < records.size(); i++) {
        JsonNode rec = records.get(i);
        StoredRecord match = null;
        String matchedField = null;
        if (rec != null && rec.isObject()) {
          for (String f : checkFields) {
            JsonNode val = rec.get(f);
            if (val == null || !(val.isTextual() || val.isNumber()) || val.asText().isBlank()) continue;
            List<Long> ids = store.findByValue(module, f, val.asText());
            if (!ids.isEmpty()) {
              match = store.get(module, ids.get(0));
              matchedField = f;
              break;
            }
          }
        }
        RecordValidator.Result v = validator.validate(module, rec, i,
            match == null ? RecordValidator.Mode.CREATE : RecordValidator.Mode.UPDATE);
        if (!v.ok()) {
          b.fail(v.error());
          continue;
        }
        ObjectNode dup = duplicate(module, v.changes(), match == null ? null : match.id(), i);
        if (dup != null) {
          b.fail(dup);
          continue;
        }
        ObjectNode item;
        if (match == null) {
          StoredRecord r = create(module, v.changes());
          b.applied(r.id(), AppliedWrite.Op.CREATE);
          item = success(r, "record added", true);
          item.put("action", "insert");
          item.putNull("duplicate_field");
        } else {
          StoredRecord r = apply(match, v.changes());
          b.applied(r.id(), AppliedWrite.Op.UPDATE);
          item = success(r, "record updated", true);
          item.put("action", "update");
          item.put("duplicate_field", matchedField);
        }
        b.items.add(item);
      }
      return b.finish(200);
    });
  }

  /** {@code DELETE /{module}?ids=} or {@code /{module}/{id}}: moves records to the recycle bin. */
  public WriteOutcome delete(ZohoModule module, List<String> ids) {
    return store.inWriteLock(() -> {
      Batch b = new Batch(module);
      Instant now = now();
      for (String idText : ids) {
        Long id = RecordValidator.parseId(idText.trim());
        if (id != null && store.get(module, id) != null) {
          store.delete(module, id, now);
          b.applied(id, AppliedWrite.Op.DELETE);
          ObjectNode item = mapper.createObjectNode();
          item.put("code", "SUCCESS");
          item.putObject("details").put("id", Long.toString(id));
          item.put("message", "record deleted");
          item.put("status", "success");
          b.items.add(item);
        } else if (id != null && store.deletedEntry(module, id) != null) {
          ObjectNode d = errors.details();
          d.put("id", idText.trim());
          b.fail(errors.item("INVALID_DATA", "record not deleted", d));
        } else {
          b.fail(invalidId(idText.trim()));
        }
      }
      return b.finish(200);
    });
  }

  private ObjectNode invalidId(String idText) {
    ObjectNode d = errors.details();
    d.put("id", idText);
    return errors.item("INVALID_DATA", ZohoErrors.INVALID_ID_MESSAGE, d);
  }

  /** DUPLICATE_DATA if a unique field would take a value another live record holds. */
  private ObjectNode duplicate(ZohoModule module, Map<String, String> changes, Long self, int index) {
    for (FieldDef f : catalog.uniqueFields(module)) {
      String v = changes.get(f.apiName());
      if (v == null || v.isBlank()) continue;
      for (Long other : store.findByValue(module, f.apiName(), v)) {
        if (other.equals(self)) continue;
        ObjectNode d = errors.fieldDetails(f.apiName(), index);
        ObjectNode dr = d.putObject("duplicate_record");
        dr.put("id", Long.toString(other));
        ObjectNode m = dr.putObject("module");
        m.put("api_name", module.apiName());
        m.put("id", moduleId(module));
        dr.set("Owner", json.user(false));
        return errors.item("DUPLICATE_DATA", "duplicate data", d);
      }
    }
    return null;
  }

  private StoredRecord create(ZohoModule module, Map<String, String> changes) {
    Map<String, String> values = new HashMap<>();
    changes.forEach((k, v) -> {
      if (v != null) values.put(k, v);
    });
    Instant now = now();
    StoredRecord r = new StoredRecord(store.newId(), module, values, now, now);
    store.put(r);
    return r;
  }

  private StoredRecord apply(StoredRecord old, Map<String, String> changes) {
    Map<String, String> values = new HashMap<>(old.values());
    changes.forEach((k, v) -> {
      if (v == null) values.remove(k);
      else values.put(k, v);
    });
    StoredRecord r = old.withValues(values, now());
    store.put(r);
    return r;
  }

  private ObjectNode success(StoredRecord r, String message, boolean full) {
    ObjectNode item = mapper.createObjectNode();
    item.put("code", "SUCCESS");
    ObjectNode d = item.putObject("details");
    if (full) {
      d.put("Modified_Time", time.format(r.modifiedTime()));
      d.set("Modified_By", json.user(false));
      d.put("Created_Time", time.format(r.createdTime()));
      d.put("id", Long.toString(r.id()));
      d.set("Created_By", json.user(false));
      d.put("$approval_state", "approved");
    }
    item.put("message", message);
    item.put("status", "success");
    return item;
  }
}
