package io.tolk.sim.poweroffice;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tolk.sim.common.AppliedWrite;
import io.tolk.sim.common.SimCounters;
import io.tolk.sim.common.SimException;
import io.tolk.sim.common.SimRequest;
import io.tolk.sim.common.SimResponse;
import io.tolk.sim.common.WriteLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.function.Predicate;

/**
 * The three resources: Customers, Departments, ContactPersons. Parsing, defaults, validation, JSON Patch, lists.
 * Writes hold the store's lock; reads use the store's read instant (lag).
 *
 * <p>Server-side defaults (POST): customers IsPerson false, IsArchived false, IsActive = !IsArchived (read-only),
 * CurrencyCode "NOK", MailAddress.CountryCode "NO", SendPaymentReminders/UseInvoiceFee/TransferToDebtCollectionAgency
 * true, IsVatFree and DoNotAdd* false, Number next free from 10000; a person's Name is "FirstName LastName".
 * Every customer has a MailAddress sub-entity (created empty, CountryCode "NO", when none is posted).
 * Departments: IsActive false when omitted (the document: "Defaults to false"). Contact persons: IsActive true,
 * IsDefault false, MailAddress always present (CountryCode "NO").</p>
 * <p>Timestamps: a change of a customer's own fields bumps LastChangedDateTimeOffset; a change of its address only
 * bumps MailAddress.LastChangedDateTimeOffset. A contact person's address has no timestamp, so an address change
 * bumps the contact person's own LastChangedDateTimeOffset. A PATCH that changes nothing bumps nothing.</p>
 */
final class PowerOfficeApi {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final Set<String> POST_TYPES = Set.of("application/json", "text/json", "application/json-patch+json");

  private final PoStore store;
  private final ObjectMapper mapper;
  private final Problems problems;
  private final Dtos dtos;
  private final JsonPatch patch;
  private final Validation validation;
  private final Filters filters;
  private final SimCounters counters;
  private final WriteLog writeLog;
  private final java.util.function.Supplier<String> apiUrl;

  PowerOfficeApi(PoStore store, ObjectMapper mapper, Problems problems, SimCounters counters, WriteLog writeLog,
                 java.util.function.Supplier<String> apiUrl) {
    this.store = store;
    this.mapper = mapper;
    this.problems = problems;
    this.dtos = new Dtos(problems);
    this.patch = new JsonPatch(problems);
    this.validation = new Validation(problems);
    this.filters = new Filters(problems);
    this.counters = counters;
    this.writeLog = writeLog;
    this.apiUrl = apiUrl;
  }

  // ================================================================== customers

  SimResponse listCustomers(SimRequest rq) {
    return list(rq, store.customers, filters.customers(rq), "customers.list");
  }

  SimResponse getCustomer(SimRequest rq, Map<String, String> p) {
    long id = id(p.get("id"), "id");
    ObjectNode row = store.customers.asOf(id, store.readInstant());
    if (row == null) {
      throw problems.notFound("Customer with id = " + id + " not found.");
    }
    return dto(200, Schemas.CUSTOMER, row);
  }

  SimResponse createCustomer(SimRequest rq) {
    requirePostType(rq);
    ObjectNode in = dtos.readPost(Schemas.CUSTOMER, body(rq), Schemas.SUBLEDGER_SERIES);
    in.remove("SubLedgerNumberSeriesId");
    validation.postedAddress(in.get("MailAddress"), "Customer");
    store.lock.lock();
    try {
      Instant now = store.now();
      String ts = Timestamps.format(now);
      ObjectNode row = F.objectNode();
      long id = store.nextContactId;
      row.put("Id", id);
      copyNonNull(in, row, "MailAddress", "DepartmentCode");
      JsonNode depCode = in.get("DepartmentCode");
      if (depCode != null && !depCode.isNull()) {
        Long depId = store.departmentCode.holder(PoStore.textKey(depCode));
        if (depId == null) {
          throw new SimException(problems.problem(404, Problems.TYPE_404, "Customer validation error(s)",
              "Department with code = '" + depCode.asText() + "' not found."));
        }
        row.put("DepartmentId", depId);
      }
      customerDefaults(row);
      ObjectNode address = F.objectNode();
      address.put("Id", store.nextAddressId);
      if (in.get("MailAddress") instanceof ObjectNode given) {
        copyNonNull(given, address);
      }
      if (!address.hasNonNull("CountryCode")) {
        address.put("CountryCode", "NO");
      }
      address.put("LastChangedDateTimeOffset", ts);
      row.set("MailAddress", address);
      row.put("ContactCreatedDateTimeOffset", ts);
      row.put("CustomerCreatedDateTimeOffset", ts);
      row.put("LastChangedDateTimeOffset", ts);
      row.put("SubledgerAccountId", 900_000_000L + id);
      validation.customer(row);
      checkDepartment(row, "Customer");
      boolean numberGiven = row.hasNonNull("Number");
      checkCustomerUnique(row, -1);
      if (!numberGiven) {
        row.put("Number", store.takeNumber());
      }
      store.takeContactId();
      store.takeAddressId();
      store.put(store.customers, id, sortLike(Schemas.CUSTOMER, row));
      applied("customers.create", "Customers", id, AppliedWrite.Op.CREATE);
      return dto(201, Schemas.CUSTOMER, row).withHeader("Location", apiUrl.get() + "/Customers/" + id);
    } finally {
      store.lock.unlock();
    }
  }

  static void customerDefaults(ObjectNode row) {
    defaultValue(row, "IsPerson", F.booleanNode(false));
    defaultValue(row, "IsArchived", F.booleanNode(false));
    defaultValue(row, "CurrencyCode", F.textNode("NOK"));
    defaultValue(row, "SendPaymentReminders", F.booleanNode(true));
    defaultValue(row, "UseInvoiceFee", F.booleanNode(true));
    defaultValue(row, "TransferToDebtCollectionAgency", F.booleanNode(true));
    defaultValue(row, "IsVatFree", F.booleanNode(false));
    defaultValue(row, "DoNotAddLatePaymentFees", F.booleanNode(false));
    defaultValue(row, "DoNotAddLatePaymentInterest", F.booleanNode(false));
    defaultValue(row, "DoNotAutomatePaymentNotifications", F.booleanNode(false));
    derived(row);
  }

  /** Read-only values that follow from others: IsActive, a person's Name. */
  static void derived(ObjectNode row) {
    row.put("IsActive", !row.path("IsArchived").asBoolean(false));
    if (row.path("IsPerson").asBoolean(false) && (row.hasNonNull("FirstName") || row.hasNonNull("LastName"))) {
      String name = (row.path("FirstName").asText("") + " " + row.path("LastName").asText("")).trim();
      row.put("Name", name);
    }
  }

  SimResponse patchCustomer(SimRequest rq, Map<String, String> p) {
    long id = id(p.get("id"), "id");
    requirePatchType(rq);
    JsonNode ops = body(rq);
    store.lock.lock();
    try {
      ObjectNode cur = store.customers.current(id);
      if (cur == null) {
        throw problems.notFound("Customer with id = " + id + " not found.");
      }
      ObjectNode next = applyPatch(Schemas.CUSTOMER, cur, ops);
      derived(next);
      validation.customer(next);
      checkDepartment(next, "Customer");
      checkCustomerUnique(next, id);
      boolean own = !withoutAddress(cur).equals(withoutAddress(next));
      boolean address = !cur.path("MailAddress").equals(next.path("MailAddress"));
      if (own || address) {
        String ts = Timestamps.format(store.now());
        if (own) {
          next.put("LastChangedDateTimeOffset", ts);
        }
        if (address) {
          ((ObjectNode) next.get("MailAddress")).put("LastChangedDateTimeOffset", ts);
        }
        store.put(store.customers, id, next);
        applied("customers.update", "Customers", id, AppliedWrite.Op.UPDATE);
      }
      return dto(200, Schemas.CUSTOMER, next);
    } finally {
      store.lock.unlock();
    }
  }

  SimResponse deleteCustomer(SimRequest rq, Map<String, String> p) {
    long id = id(p.get("id"), "id");
    store.lock.lock();
    try {
      if (store.customers.current(id) == null) {
        throw problems.notFound("Customer with id = " + id + " not found.");
      }
      if (store.customers.inUse.contains(id)) {
        throw problems.conflict("Customer", "Customer with id = " + id + " is in use and cannot be deleted.");
      }
      // contact persons are sub-entities of the contact: they go with it
      List<Long> persons = new ArrayList<>();
      store.contactPersons.rows.forEach((pid, v) -> {
        if (v.node != null && v.node.path("ContactId").asLong() == id) {
          persons.add(pid);
        }
      });
      for (Long pid : persons) {
        store.put(store.contactPersons, pid, null);
        writeLog.record("ContactPersons", Long.toString(pid), AppliedWrite.Op.DELETE);
      }
      store.put(store.customers, id, null);
      applied("customers.delete", "Customers", id, AppliedWrite.Op.DELETE);
      return SimResponse.empty(200);
    } finally {
      store.lock.unlock();
    }
  }

  private void checkCustomerUnique(ObjectNode row, long self) {
    unique(store.customerImportRef, PoStore.textKey(row.get("ExternalImportReference")), self, "Customer",
        "ExternalImportReference is already in use. '" + row.path("ExternalImportReference").asText()
            + "' is used on (contact) Id = %d.");
    unique(store.customerExternalNumber, PoStore.longKey(row, "ExternalNumber"), self, "Customer",
        "ExternalNumber is already in use. '" + row.path("ExternalNumber").asText() + "' is used on (contact) Id = %d.");
    unique(store.customerNumber, PoStore.longKey(row, "Number"), self, "Customer",
        "Number is already in use. '" + row.path("Number").asText() + "' is used on (contact) Id = %d.");
    unique(store.addressExternalCode, PoStore.textKey(row.path("MailAddress").get("ExternalCode")), self, "Customer",
        "MailAddress.ExternalCode is already in use. '" + row.path("MailAddress").path("ExternalCode").asText()
            + "' is used on (contact) Id = %d.");
  }

  private void unique(Table.Index index, Object key, long self, String entity, String messageFormat) {
    Long holder = index.holder(key);
    if (holder != null && holder != self) {
      throw problems.validation(entity, String.format(Locale.ROOT, messageFormat, holder));
    }
  }

  private void checkDepartment(ObjectNode row, String entity) {
    JsonNode dep = row.get("DepartmentId");
    if (dep != null && !dep.isNull() && store.departments.current(dep.asLong()) == null) {
      throw new SimException(problems.problem(404, Problems.TYPE_404, entity + " validation error(s)",
          "Department with id = " + dep.asLong() + " not found."));
    }
  }

  // ================================================================== departments

  SimResponse listDepartments(SimRequest rq) {
    return list(rq, store.departments, filters.departments(rq), "departments.list");
  }

  SimResponse getDepartment(SimRequest rq, Map<String, String> p) {
    long id = id(p.get("id"), "id");
    ObjectNode row = store.departments.asOf(id, store.readInstant());
    if (row == null) {
      throw problems.notFound("Department with id = " + id + " not found.");
    }
    return dto(200, Schemas.DEPARTMENT, row);
  }

  SimResponse createDepartment(SimRequest rq) {
    requirePostType(rq);
    ObjectNode in = dtos.readPost(Schemas.DEPARTMENT, body(rq), null);
    store.lock.lock();
    try {
      String ts = Timestamps.format(store.now());
      long id = store.nextDepartmentId;
      ObjectNode row = F.objectNode();
      row.put("Id", id);
      copyNonNull(in, row);
      defaultValue(row, "IsActive", F.booleanNode(false));
      row.put("CreatedDateTimeOffset", ts);
      row.put("LastChangedDateTimeOffset", ts);
      validation.department(row);
      unique(store.departmentCode, PoStore.textKey(row.get("Code")), -1, "Department",
          "Code is already in use. '" + row.path("Code").asText() + "' is used on (department) Id = %d.");
      store.takeDepartmentId();
      store.put(store.departments, id, sortLike(Schemas.DEPARTMENT, row));
      applied("departments.create", "Departments", id, AppliedWrite.Op.CREATE);
      return dto(201, Schemas.DEPARTMENT, row).withHeader("Location", apiUrl.get() + "/Departments/" + id);
    } finally {
      store.lock.unlock();
    }
  }

  SimResponse patchDepartment(SimRequest rq, Map<String, String> p) {
    long id = id(p.get("id"), "id");
    requirePatchType(rq);
    JsonNode ops = body(rq);
    store.lock.lock();
    try {
      ObjectNode cur = store.departments.current(id);
      if (cur == null) {
        throw problems.notFound("Department with id = " + id + " not found.");
      }
      ObjectNode next = applyPatch(Schemas.DEPARTMENT, cur, ops);
      validation.department(next);
      unique(store.departmentCode, PoStore.textKey(next.get("Code")), id, "Department",
          "Code is already in use. '" + next.path("Code").asText() + "' is used on (department) Id = %d.");
      if (!cur.equals(next)) {
        next.put("LastChangedDateTimeOffset", Timestamps.format(store.now()));
        store.put(store.departments, id, next);
        applied("departments.update", "Departments", id, AppliedWrite.Op.UPDATE);
      }
      return dto(200, Schemas.DEPARTMENT, next);
    } finally {
      store.lock.unlock();
    }
  }

  SimResponse deleteDepartment(SimRequest rq, Map<String, String> p) {
    long id = id(p.get("id"), "id");
    store.lock.lock();
    try {
      if (store.departments.current(id) == null) {
        throw problems.notFound("Department with id = " + id + " not found.");
      }
      boolean referenced = false;
      for (Table.Version v : store.customers.rows.values()) {
        if (v.node != null && v.node.path("DepartmentId").asLong(-1) == id) {
          referenced = true;
          break;
        }
      }
      if (referenced || store.departments.inUse.contains(id)) {
        throw problems.conflict("Department", "Department with id = " + id + " is in use and cannot be deleted.");
      }
      store.put(store.departments, id, null);
      applied("departments.delete", "Departments", id, AppliedWrite.Op.DELETE);
      return SimResponse.empty(200);
    } finally {
      store.lock.unlock();
    }
  }

  // ================================================================== contact persons

  SimResponse listContactPersons(SimRequest rq) {
    return list(rq, store.contactPersons, filters.contactPersons(rq), "contactPersons.list");
  }

  private ObjectNode contactPerson(long contactId, long id, Instant asOf) {
    ObjectNode row = store.contactPersons.asOf(id, asOf);
    if (row == null || row.path("ContactId").asLong() != contactId) {
      throw problems.notFound("Contact person with id = " + id + " on contact with id = " + contactId + " not found.");
    }
    return row;
  }

  SimResponse getContactPerson(SimRequest rq, Map<String, String> p) {
    long contactId = id(p.get("contactId"), "contactId");
    long id = id(p.get("id"), "id");
    return dto(200, Schemas.CONTACT_PERSON, contactPerson(contactId, id, store.readInstant()));
  }

  SimResponse createContactPerson(SimRequest rq, Map<String, String> p) {
    long contactId = id(p.get("contactId"), "contactId");
    requirePostType(rq);
    ObjectNode in = dtos.readPost(Schemas.CONTACT_PERSON, body(rq), null);
    validation.postedAddress(in.get("MailAddress"), "ContactPerson");
    store.lock.lock();
    try {
      ObjectNode contact = store.customers.current(contactId);
      if (contact == null) {
        throw problems.notFound("Contact with id = " + contactId + " not found.");
      }
      if (contact.path("IsPerson").asBoolean(false)) {
        throw problems.validation("ContactPerson", "Contact with id = " + contactId
            + " is a person; contact persons can only be added to companies.");
      }
      String ts = Timestamps.format(store.now());
      long id = store.nextContactId;
      ObjectNode row = F.objectNode();
      row.put("Id", id);
      row.put("ContactId", contactId);
      copyNonNull(in, row, "MailAddress");
      defaultValue(row, "IsActive", F.booleanNode(true));
      defaultValue(row, "IsDefault", F.booleanNode(false));
      ObjectNode address = F.objectNode();
      if (in.get("MailAddress") instanceof ObjectNode given) {
        copyNonNull(given, address);
      }
      defaultValue(address, "CountryCode", F.textNode("NO"));
      row.set("MailAddress", address);
      row.put("CreatedDateTimeOffset", ts);
      row.put("LastChangedDateTimeOffset", ts);
      validation.contactPerson(row);
      unique(store.contactPersonExternalCode, PoStore.textKey(row.get("ExternalCode")), -1, "ContactPerson",
          "ExternalCode is already in use. '" + row.path("ExternalCode").asText() + "' is used on (contact person) Id = %d.");
      store.takeContactId();
      store.put(store.contactPersons, id, sortLike(Schemas.CONTACT_PERSON, row));
      applied("contactPersons.create", "ContactPersons", id, AppliedWrite.Op.CREATE);
      return dto(201, Schemas.CONTACT_PERSON, row)
          .withHeader("Location", apiUrl.get() + "/ContactPersons/" + contactId + "/" + id);
    } finally {
      store.lock.unlock();
    }
  }

  SimResponse patchContactPerson(SimRequest rq, Map<String, String> p) {
    long contactId = id(p.get("contactId"), "contactId");
    long id = id(p.get("id"), "id");
    requirePatchType(rq);
    JsonNode ops = body(rq);
    store.lock.lock();
    try {
      ObjectNode cur = contactPerson(contactId, id, null);
      ObjectNode next = applyPatch(Schemas.CONTACT_PERSON, cur, ops);
      validation.contactPerson(next);
      unique(store.contactPersonExternalCode, PoStore.textKey(next.get("ExternalCode")), id, "ContactPerson",
          "ExternalCode is already in use. '" + next.path("ExternalCode").asText() + "' is used on (contact person) Id = %d.");
      if (!cur.equals(next)) {
        next.put("LastChangedDateTimeOffset", Timestamps.format(store.now()));
        store.put(store.contactPersons, id, next);
        applied("contactPersons.update", "ContactPersons", id, AppliedWrite.Op.UPDATE);
      }
      return dto(200, Schemas.CONTACT_PERSON, next);
    } finally {
      store.lock.unlock();
    }
  }

  SimResponse deleteContactPerson(SimRequest rq, Map<String, String> p) {
    long contactId = id(p.get("contactId"), "contactId");
    long id = id(p.get("id"), "id");
    store.lock.lock();
    try {
      contactPerson(contactId, id, null);
      if (store.contactPersons.inUse.contains(id)) {
        throw problems.conflict("ContactPerson", "Contact person with id = " + id + " is in use and cannot be deleted.");
      }
      store.put(store.contactPersons, id, null);
      applied("contactPersons.delete", "ContactPersons", id, AppliedWrite.Op.DELETE);
      return SimResponse.empty(200);
    } finally {
      store.lock.unlock();
    }
  }

  // ================================================================== shared

  /** Counts one changed record and logs it (called under the store's lock, so the log keeps the order of changes). */
  private void applied(String operation, String type, long id, AppliedWrite.Op op) {
    counters.addRecordsWritten(operation, 1);
    writeLog.record(type, Long.toString(id), op);
  }

  /** Applies a JSON Patch to a copy of the row; returns the new row (values converted, timestamps untouched). */
  private ObjectNode applyPatch(Schema schema, ObjectNode cur, JsonNode ops) {
    ObjectNode view = JsonPatch.view(schema, cur);
    patch.apply(schema, view, ops);
    ObjectNode next = cur.deepCopy();
    for (Field f : schema.fields) {
      if (!f.patchable()) {
        continue;
      }
      JsonNode v = view.get(f.name());
      if (f.type() == FieldType.OBJECT) {
        ObjectNode target = next.get(f.name()) instanceof ObjectNode o ? o : next.putObject(f.name());
        mergeNested(schema, f, v, target);
      } else {
        setOrRemove(next, f.name(), dtos.convert(f, v, "/" + f.name(), true));
      }
    }
    return sortLike(schema, next);
  }

  private void mergeNested(Schema schema, Field f, JsonNode v, ObjectNode target) {
    if (v == null || v.isNull()) {
      v = JsonPatch.view(f.nested(), null); // "remove /MailAddress" empties the address
    }
    if (!v.isObject()) {
      throw problems.validation(schema.entity, schema.patchDtoName + ": the value at '/" + f.name()
          + "' must be an object.");
    }
    Map<String, JsonNode> given = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = v.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      Field nf = f.nested().field(e.getKey());
      if (nf == null || !nf.patchable()) {
        throw problems.validation(schema.entity, schema.patchDtoName + ": The target location specified by path segment '"
            + e.getKey().toLowerCase(Locale.ROOT) + "' was not found.");
      }
      given.put(nf.name(), e.getValue());
    }
    for (Field nf : f.nested().fields) {
      if (!nf.patchable()) {
        continue;
      }
      JsonNode nv = given.get(nf.name());
      setOrRemove(target, nf.name(), dtos.convert(nf, nv, "/" + f.name() + "/" + nf.name(), true));
    }
  }

  private static void setOrRemove(ObjectNode n, String name, JsonNode v) {
    if (v == null || v.isNull()) {
      n.remove(name);
    } else {
      n.set(name, v);
    }
  }

  private static ObjectNode withoutAddress(ObjectNode row) {
    ObjectNode c = row.deepCopy();
    c.remove("MailAddress");
    c.remove("LastChangedDateTimeOffset");
    return c;
  }

  /** A copy with the properties in schema order (keeps equality checks and state files tidy). */
  static ObjectNode sortLike(Schema schema, ObjectNode row) {
    ObjectNode out = F.objectNode();
    for (Field f : schema.fields) {
      JsonNode v = row.get(f.name());
      if (v != null && !v.isNull()) {
        out.set(f.name(), f.type() == FieldType.OBJECT && v.isObject() ? sortLike(f.nested(), (ObjectNode) v) : v);
      }
    }
    return out;
  }

  private static void copyNonNull(ObjectNode from, ObjectNode to, String... except) {
    Set<String> skip = Set.of(except);
    from.fields().forEachRemaining(e -> {
      if (!skip.contains(e.getKey()) && e.getValue() != null && !e.getValue().isNull()) {
        to.set(e.getKey(), e.getValue());
      }
    });
  }

  private static void defaultValue(ObjectNode row, String name, JsonNode v) {
    if (!row.hasNonNull(name)) {
      row.set(name, v);
    }
  }

  private long id(String text, String name) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw problems.binding(name, "The value '" + text + "' is not valid.");
    }
  }

  private JsonNode body(SimRequest rq) {
    if (rq.body().length == 0) {
      throw problems.binding("$", "A non-empty request body is required.");
    }
    try {
      JsonNode n = mapper.readTree(rq.body());
      if (n == null) {
        throw problems.binding("$", "A non-empty request body is required.");
      }
      return n;
    } catch (IOException e) {
      String msg = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : "unreadable";
      throw problems.binding("$", "The request body is not valid JSON: " + firstLine(msg));
    }
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private static String mediaType(SimRequest rq) {
    String ct = rq.header("Content-Type");
    if (ct == null) {
      return "";
    }
    int semi = ct.indexOf(';');
    return (semi < 0 ? ct : ct.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
  }

  private void requirePostType(SimRequest rq) {
    String mt = mediaType(rq);
    if (!POST_TYPES.contains(mt) && !(mt.startsWith("application/") && mt.endsWith("+json"))) {
      throw problems.unsupportedMediaType("POST needs Content-Type application/json (or text/json, application/*+json); was '"
          + (mt.isEmpty() ? "none" : mt) + "'.");
    }
  }

  private void requirePatchType(SimRequest rq) {
    String mt = mediaType(rq);
    if (!mt.equals("application/json-patch+json")) {
      throw problems.unsupportedMediaType("PATCH needs Content-Type application/json-patch+json (an RFC 6902 JSON Patch); was '"
          + (mt.isEmpty() ? "none" : mt) + "'.");
    }
  }

  LongFunction<String> departmentCodes() {
    return depId -> {
      ObjectNode d = store.departments.current(depId);
      return d == null || !d.hasNonNull("Code") ? null : d.get("Code").asText();
    };
  }

  private SimResponse dto(int status, Schema schema, ObjectNode row) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
    try (JsonGenerator g = mapper.getFactory().createGenerator(out)) {
      Dtos.write(g, schema, row, null, departmentCodes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return SimResponse.json(status, out.toByteArray());
  }

  private SimResponse list(SimRequest rq, Table table, Predicate<ObjectNode> filter, String operation) {
    ListQuery q = ListQuery.parse(rq, table.schema, problems);
    Instant asOf = store.readInstant();
    long skip = (long) (q.pageNumber() - 1) * q.pageSize();
    List<ObjectNode> page = new ArrayList<>(Math.min(q.pageSize(), 1024));
    long total = 0;
    if (q.order() == null) {
      for (Table.Version v : table.rows.values()) {
        ObjectNode n = Table.resolve(v, asOf);
        if (n == null || !filter.test(n)) {
          continue;
        }
        if (total >= skip && page.size() < q.pageSize()) {
          page.add(n);
        }
        total++;
      }
    } else {
      List<ObjectNode> all = new ArrayList<>();
      for (Table.Version v : table.rows.values()) {
        ObjectNode n = Table.resolve(v, asOf);
        if (n != null && filter.test(n)) {
          all.add(n);
        }
      }
      all.sort(q.order()::compare);
      total = all.size();
      for (long i = skip; i < all.size() && page.size() < q.pageSize(); i++) {
        page.add(all.get((int) i));
      }
    }
    String prev = q.pageNumber() > 1 && skip - q.pageSize() < total ? pageLink(rq, q.pageNumber() - 1) : null;
    String next = skip + q.pageSize() < total ? pageLink(rq, q.pageNumber() + 1) : null;
    String header;
    try {
      header = mapper.writeValueAsString(ListQuery.pagination(total, q.pageSize(), q.pageNumber(), prev, next));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (page.isEmpty()) {
      return SimResponse.empty(204).withHeader("X-Pagination", header);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(page.size() * (q.fields() == null ? 1800 : 400));
    LongFunction<String> codes = departmentCodes();
    try (JsonGenerator g = mapper.getFactory().createGenerator(out)) {
      g.writeStartArray();
      for (ObjectNode n : page) {
        Dtos.write(g, table.schema, n, q.fields(), codes);
      }
      g.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return SimResponse.json(200, out.toByteArray()).withHeader("X-Pagination", header);
  }

  private String pageLink(SimRequest rq, int page) {
    StringBuilder sb = new StringBuilder(apiUrl.get()).append(rq.path().substring(rq.path().indexOf('/', 1)));
    char sep = '?';
    boolean seen = false;
    for (Map.Entry<String, List<String>> e : rq.query().entrySet()) {
      for (String v : e.getValue()) {
        String value = v;
        if (e.getKey().equalsIgnoreCase("PageNumber")) {
          if (seen) {
            continue;
          }
          value = String.valueOf(page);
          seen = true;
        }
        sb.append(sep).append(enc(e.getKey())).append('=').append(enc(value));
        sep = '&';
      }
    }
    if (!seen) {
      sb.append(sep).append("PageNumber=").append(page);
    }
    return sb.toString();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
