package io.tolk.bench.copier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The "plain copier": the baseline of tolk's whole-product benchmark (bench/e2e.py). One thread, one token per
 * system, no state, no matching, no read-back. It talks to the PowerOffice Go v2 and Zoho CRM v8 APIs (in practice
 * tolk's simulators) with {@link HttpClient} and Jackson.
 *
 * <pre>
 * java -jar tolk-bench-copier.jar COMMAND --po http://127.0.0.1:9201 --zoho http://127.0.0.1:9202 [options]
 *   copy   [--every K --offset O]   PowerOffice customers + departments -> Zoho Accounts / Contacts, inserts of 100;
 *                                   with --every only every K-th record (index % K == O, in read order)
 *   edit   --percent P [--tag T] --out FILE
 *                                   edits P % of the (unambiguous) records on each side through the vendor APIs:
 *                                   City in PowerOffice (one PATCH per record), Billing/Shipping_City or
 *                                   Mailing/Other_City in Zoho (updates of 100); distinct values per side and
 *                                   disjoint records, so no conflicts; writes what it changed to FILE
 *   scan   --repeat R               R rounds in this JVM: a full PowerOffice customer + department scan at
 *                                   PageSize 20000 plus a Zoho incremental read (If-Modified-Since = now) of
 *                                   Accounts and Contacts; prints each round's wall time
 *   verify [--edits FILE]           reads both sides whole and counts: PowerOffice records, Zoho records,
 *                                   duplicates and missing records by tolk's match keys (normalised name, e-mail);
 *                                   with --edits whether the edits of FILE arrived on the other side
 * Credentials (defaults: the simulators' demo ones): --po-app --po-client --po-sub --zoho-client-id
 * --zoho-client-secret --zoho-refresh. Human-readable progress goes to stderr; the last line on stdout is
 * "RESULT {json}".
 * </pre>
 */
public final class Copier {
  static final int PO_PAGE = 20_000;
  static final int ZOHO_PAGE = 200;
  static final int ZOHO_BATCH = 100;
  static final String CUSTOMER_FIELDS =
      "Id,IsPerson,IsArchived,Name,FirstName,LastName,EmailAddress,PhoneNumber,WebsiteUrl,MailAddress";
  static final String DEPARTMENT_FIELDS = "Id,Name";
  static final String ACCOUNT_FIELDS = "Account_Name,Phone,Website,Billing_City,Shipping_City,Billing_Code,"
      + "Shipping_Code,Billing_Country,Shipping_Country";
  static final String CONTACT_FIELDS = "First_Name,Last_Name,Email,Secondary_Email,Phone,Other_Phone,Mailing_City,"
      + "Other_City,Mailing_Zip,Other_Zip,Mailing_Country,Other_Country";
  private static final DateTimeFormatter ZOHO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();
  private final Map<String, String> opts;
  private final String po;
  private final String zoho;
  private String poToken;
  private String zohoToken;
  /** Calls made per system (including token calls and repeats after a 429). */
  private long poCalls;
  private long zohoCalls;

  private Copier(Map<String, String> opts) {
    this.opts = opts;
    this.po = strip(need("po"));
    this.zoho = strip(need("zoho"));
  }

  public static void main(String[] args) throws Exception {
    if (args.length == 0 || args[0].startsWith("-")) {
      usage("a command is needed: copy | edit | scan | verify");
    }
    String command = args[0];
    Map<String, String> opts = new HashMap<>();
    for (int i = 1; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        usage("options are --name value pairs; bad: " + args[i]);
      }
      opts.put(args[i].substring(2), args[++i]);
    }
    Copier c = new Copier(opts);
    long t0 = System.nanoTime();
    ObjectNode result = switch (command) {
      case "copy" -> c.copy(Integer.parseInt(opts.getOrDefault("every", "1")),
          Integer.parseInt(opts.getOrDefault("offset", "0")));
      case "edit" -> c.edit(Double.parseDouble(c.need("percent")), opts.getOrDefault("tag", "b"), Path.of(c.need("out")));
      case "scan" -> c.scan(Integer.parseInt(opts.getOrDefault("repeat", "5")));
      case "verify" -> c.verify(opts.containsKey("edits") ? Path.of(opts.get("edits")) : null);
      default -> {
        usage("unknown command " + command);
        yield null;
      }
    };
    result.put("command", command);
    result.put("wallMs", (System.nanoTime() - t0) / 1_000_000);
    result.put("poCalls", c.poCalls);
    result.put("zohoCalls", c.zohoCalls);
    System.out.println("RESULT " + c.json.writeValueAsString(result));
  }

  private static void usage(String message) {
    System.err.println("copier: " + message);
    System.err.println("usage: copier copy|edit|scan|verify --po URL --zoho URL [--every K --offset O] "
        + "[--percent P --tag T --out FILE] [--repeat R] [--edits FILE]");
    System.exit(2);
  }

  private String need(String name) {
    String v = opts.get(name);
    if (v == null || v.isBlank()) {
      usage("--" + name + " is needed");
    }
    return v;
  }

  private static String strip(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  // ------------------------------------------------------------------ copy

  private ObjectNode copy(int every, int offset) throws Exception {
    if (every < 1 || offset < 0 || offset >= every) {
      usage("--every must be >= 1 and 0 <= --offset < --every");
    }
    tokens();
    long[] index = {0};
    long[] read = {0};
    long[] skippedArchived = {0};
    Inserter accounts = new Inserter("Accounts");
    Inserter contacts = new Inserter("Contacts");
    scanPo("Departments", DEPARTMENT_FIELDS, row -> {
      read[0]++;
      if (index[0]++ % every == offset) {
        accounts.add(department(row));
      }
    });
    scanPo("Customers", CUSTOMER_FIELDS, row -> {
      read[0]++;
      if (row.path("IsArchived").asBoolean(false)) {
        skippedArchived[0]++; // tolk does not create archived customers either
        return;
      }
      if (index[0]++ % every == offset) {
        if (row.path("IsPerson").asBoolean(false)) {
          contacts.add(contact(row));
        } else {
          accounts.add(account(row));
        }
      }
    });
    accounts.flush();
    contacts.flush();
    ObjectNode r = json.createObjectNode();
    r.put("read", read[0]);
    r.put("skippedArchived", skippedArchived[0]);
    r.put("accountsInserted", accounts.ok);
    r.put("contactsInserted", contacts.ok);
    r.put("insertFailures", accounts.failed + contacts.failed);
    r.put("insertCalls", accounts.calls + contacts.calls);
    System.err.printf(Locale.ROOT, "copier copy: read %d PowerOffice records, inserted %d Accounts and %d Contacts "
        + "(%d failed) in %d calls%n", read[0], accounts.ok, contacts.ok, accounts.failed + contacts.failed,
        accounts.calls + contacts.calls);
    return r;
  }

  /** Batches of 100 Zoho inserts. */
  private final class Inserter {
    final String module;
    final List<ObjectNode> batch = new ArrayList<>(ZOHO_BATCH);
    long ok;
    long failed;
    long calls;
    String firstError;

    Inserter(String module) {
      this.module = module;
    }

    void add(ObjectNode record) throws IOException, InterruptedException {
      batch.add(record);
      if (batch.size() == ZOHO_BATCH) {
        flush();
      }
    }

    void flush() throws IOException, InterruptedException {
      if (batch.isEmpty()) {
        return;
      }
      ObjectNode body = json.createObjectNode();
      ArrayNode data = body.putArray("data");
      batch.forEach(data::add);
      body.putArray("trigger");
      HttpResponse<byte[]> r = zohoCall("POST", "/crm/v8/" + module, null, body, null);
      calls++;
      countItems(r, batch.size());
      batch.clear();
    }

    private void countItems(HttpResponse<byte[]> r, int sent) throws IOException {
      JsonNode items = r.body().length == 0 ? null : json.readTree(r.body()).path("data");
      if (items == null || !items.isArray()) {
        failed += sent;
        remember("HTTP " + r.statusCode() + ": " + new String(r.body(), StandardCharsets.UTF_8));
        return;
      }
      for (JsonNode item : items) {
        if ("success".equals(item.path("status").asText())) {
          ok++;
        } else {
          failed++;
          remember(item.toString());
        }
      }
    }

    private void remember(String error) {
      if (firstError == null) {
        firstError = error;
        System.err.println("copier: a " + module + " write failed: " + error);
      }
    }
  }

  // ------------------------------------------------------------------ mapping (as F1, F2, F3 do)

  static ObjectNode department(JsonNode row) {
    ObjectNode a = JsonNodeFactory.instance.objectNode();
    put(a, "Account_Name", row.path("Name"));
    return a;
  }

  static ObjectNode account(JsonNode row) {
    ObjectNode a = JsonNodeFactory.instance.objectNode();
    put(a, "Account_Name", row.path("Name"));
    put(a, "Phone", row.path("PhoneNumber"));
    put(a, "Website", row.path("WebsiteUrl"));
    JsonNode addr = row.path("MailAddress");
    for (String p : new String[] {"Billing_", "Shipping_"}) {
      put(a, p + "City", addr.path("City"));
      put(a, p + "Code", addr.path("ZipCode"));
      put(a, p + "Country", addr.path("CountryCode"));
    }
    return a;
  }

  static ObjectNode contact(JsonNode row) {
    ObjectNode c = JsonNodeFactory.instance.objectNode();
    put(c, "First_Name", row.path("FirstName"));
    put(c, "Last_Name", row.path("LastName"));
    put(c, "Email", row.path("EmailAddress"));
    put(c, "Secondary_Email", row.path("EmailAddress"));
    put(c, "Phone", row.path("PhoneNumber"));
    put(c, "Other_Phone", row.path("PhoneNumber"));
    JsonNode addr = row.path("MailAddress");
    for (String p : new String[] {"Mailing_", "Other_"}) {
      put(c, p + "City", addr.path("City"));
      put(c, p + "Zip", addr.path("ZipCode"));
      put(c, p + "Country", addr.path("CountryCode"));
    }
    return c;
  }

  private static void put(ObjectNode target, String field, JsonNode value) {
    if (value != null && value.isTextual() && !value.asText().isBlank()) {
      target.put(field, value.asText().trim());
    }
  }

  // ------------------------------------------------------------------ scan

  private ObjectNode scan(int repeat) throws Exception {
    tokens();
    ObjectNode r = json.createObjectNode();
    ArrayNode rounds = r.putArray("roundsMs");
    ArrayNode callsPerRound = r.putArray("callsPerRound");
    long rows = 0;
    for (int i = 1; i <= repeat; i++) {
      long calls0 = poCalls + zohoCalls;
      long t0 = System.nanoTime();
      long[] n = {0};
      scanPo("Customers", CUSTOMER_FIELDS, row -> n[0]++);
      scanPo("Departments", DEPARTMENT_FIELDS, row -> n[0]++);
      String since = ZonedDateTime.now(ZoneOffset.UTC).format(ZOHO_TIME);
      long changed = readZoho("Accounts", ACCOUNT_FIELDS, since, rec -> { }) + readZoho("Contacts", CONTACT_FIELDS, since,
          rec -> { });
      long ms = (System.nanoTime() - t0) / 1_000_000;
      rounds.add(ms);
      callsPerRound.add(poCalls + zohoCalls - calls0);
      rows = n[0];
      System.err.printf(Locale.ROOT, "copier scan round %d: %d ms (%d PowerOffice rows, %d Zoho changes)%n", i, ms,
          n[0], changed);
    }
    r.put("poRows", rows);
    return r;
  }

  // ------------------------------------------------------------------ edit

  private ObjectNode edit(double percent, String tag, Path out) throws Exception {
    if (!(percent > 0 && percent <= 100)) {
      usage("--percent must be in (0, 100]");
    }
    tokens();
    World w = readWorld();
    double p = percent / 100.0;
    // PowerOffice side: non-archived customers whose key is unambiguous on both sides
    List<JsonNode> poCandidates = new ArrayList<>();
    for (JsonNode c : w.customers) {
      if (!c.path("IsArchived").asBoolean(false) && w.unique(keyOfCustomer(c), c.path("IsPerson").asBoolean(false))) {
        poCandidates.add(c);
      }
    }
    ObjectNode r = json.createObjectNode();
    ArrayNode poEdits = r.putArray("po");
    java.util.Set<String> editedKeys = new java.util.HashSet<>();
    int seq = 0;
    long patchFailures = 0;
    for (int i = 0; i < poCandidates.size(); i++) {
      if (!picked(i, p)) {
        continue;
      }
      JsonNode c = poCandidates.get(i);
      String value = "Po" + tag + "-" + (++seq);
      ArrayNode patch = json.createArrayNode();
      patch.addObject().put("op", "replace").put("path", "/MailAddress/City").put("value", value);
      HttpResponse<byte[]> resp = poCall("PATCH", "/v2/Customers/" + c.path("Id").asLong(), patch);
      if (resp.statusCode() != 200) {
        patchFailures++;
        System.err.println("copier: PATCH Customers/" + c.path("Id").asLong() + " answered " + resp.statusCode() + ": "
            + new String(resp.body(), StandardCharsets.UTF_8));
        continue;
      }
      boolean person = c.path("IsPerson").asBoolean(false);
      String key = keyOfCustomer(c);
      editedKeys.add((person ? "p:" : "o:") + key);
      poEdits.addObject().put("id", c.path("Id").asLong()).put("person", person).put("key", key).put("value", value);
    }
    // Zoho side: records of customers (Accounts with a city, i.e. not departments' Accounts; Contacts), unambiguous,
    // and not the partner of a record edited in PowerOffice
    ArrayNode zohoEdits = r.putArray("zoho");
    long updateFailures = 0;
    for (String module : new String[] {"Accounts", "Contacts"}) {
      boolean person = module.equals("Contacts");
      List<JsonNode> candidates = new ArrayList<>();
      for (JsonNode z : person ? w.contacts : w.accounts) {
        String key = person ? keyOfContact(z) : keyOfAccount(z);
        if (!person && z.path("Billing_City").isNull()) {
          continue;
        }
        if (w.unique(key, person) && !editedKeys.contains((person ? "p:" : "o:") + key)) {
          candidates.add(z);
        }
      }
      List<ObjectNode> batch = new ArrayList<>();
      List<ObjectNode> notes = new ArrayList<>();
      for (int i = 0; i < candidates.size(); i++) {
        if (!picked(i, p)) {
          continue;
        }
        JsonNode z = candidates.get(i);
        String value = "Zo" + tag + "-" + (++seq);
        ObjectNode u = json.createObjectNode();
        u.put("id", z.path("id").asText());
        u.put(person ? "Mailing_City" : "Billing_City", value);
        u.put(person ? "Other_City" : "Shipping_City", value);
        batch.add(u);
        notes.add(json.createObjectNode().put("module", module).put("id", z.path("id").asText())
            .put("key", person ? keyOfContact(z) : keyOfAccount(z)).put("value", value));
        if (batch.size() == ZOHO_BATCH) {
          updateFailures += update(module, batch, notes, zohoEdits);
        }
      }
      updateFailures += update(module, batch, notes, zohoEdits);
    }
    r.put("poEdits", poEdits.size());
    r.put("zohoEdits", zohoEdits.size());
    long za = 0;
    for (JsonNode e : zohoEdits) {
      za += e.path("module").asText().equals("Accounts") ? 1 : 0;
    }
    long pp = 0;
    for (JsonNode e : poEdits) {
      pp += e.path("person").asBoolean() ? 1 : 0;
    }
    r.put("zohoAccountEdits", za);
    r.put("zohoContactEdits", zohoEdits.size() - za);
    r.put("poCompanyEdits", poEdits.size() - pp);
    r.put("poPersonEdits", pp);
    r.put("failures", patchFailures + updateFailures);
    Files.writeString(out, json.writerWithDefaultPrettyPrinter().writeValueAsString(r));
    System.err.printf(Locale.ROOT, "copier edit: %d PowerOffice customers patched, %d Zoho records updated (%d failed)%n",
        poEdits.size(), zohoEdits.size(), patchFailures + updateFailures);
    ObjectNode summary = r.deepCopy();
    summary.remove("po");
    summary.remove("zoho");
    return summary;
  }

  /** Picks floor(n × p) of n indexes, spread evenly. */
  static boolean picked(int i, double p) {
    return Math.floor((i + 1) * p + 1e-9) != Math.floor(i * p + 1e-9);
  }

  private long update(String module, List<ObjectNode> batch, List<ObjectNode> notes, ArrayNode out)
      throws IOException, InterruptedException {
    if (batch.isEmpty()) {
      return 0;
    }
    ObjectNode body = json.createObjectNode();
    ArrayNode data = body.putArray("data");
    batch.forEach(data::add);
    body.putArray("trigger");
    HttpResponse<byte[]> r = zohoCall("PUT", "/crm/v8/" + module, null, body, null);
    JsonNode items = r.body().length == 0 ? null : json.readTree(r.body()).path("data");
    long failed = 0;
    for (int i = 0; i < batch.size(); i++) {
      JsonNode item = items == null ? null : items.path(i);
      if (item != null && "success".equals(item.path("status").asText())) {
        out.add(notes.get(i));
      } else {
        failed++;
        if (failed == 1) {
          System.err.println("copier: a " + module + " update failed: HTTP " + r.statusCode() + " "
              + (item == null ? new String(r.body(), StandardCharsets.UTF_8) : item.toString()));
        }
      }
    }
    batch.clear();
    notes.clear();
    return failed;
  }

  // ------------------------------------------------------------------ verify

  private ObjectNode verify(Path editsFile) throws Exception {
    tokens();
    World w = readWorld();
    ObjectNode r = json.createObjectNode();
    long companies = 0;
    long persons = 0;
    long archived = 0;
    for (JsonNode c : w.customers) {
      if (c.path("IsArchived").asBoolean(false)) {
        archived++;
      } else if (c.path("IsPerson").asBoolean(false)) {
        persons++;
      } else {
        companies++;
      }
    }
    ObjectNode pos = r.putObject("po");
    pos.put("companies", companies);
    pos.put("persons", persons);
    pos.put("departments", w.departments.size());
    pos.put("archived", archived);
    pos.put("total", companies + persons + w.departments.size());
    ObjectNode zs = r.putObject("zoho");
    zs.put("accounts", w.accounts.size());
    zs.put("contacts", w.contacts.size());
    zs.put("total", w.accounts.size() + w.contacts.size());
    long duplicates = 0;
    long missing = 0;
    long extra = 0;
    for (int kind = 0; kind < 2; kind++) {
      Map<String, Integer> poKeys = kind == 0 ? w.poOrgKeys : w.poPersonKeys;
      Map<String, Integer> zKeys = kind == 0 ? w.zohoOrgKeys : w.zohoPersonKeys;
      for (Map.Entry<String, Integer> e : poKeys.entrySet()) {
        int z = zKeys.getOrDefault(e.getKey(), 0);
        duplicates += Math.max(0, z - e.getValue());
        missing += Math.max(0, e.getValue() - z);
      }
      for (Map.Entry<String, Integer> e : zKeys.entrySet()) {
        if (!poKeys.containsKey(e.getKey())) {
          extra += e.getValue();
        }
      }
    }
    r.put("duplicates", duplicates);
    r.put("missing", missing);
    r.put("extra", extra);
    if (editsFile != null) {
      JsonNode edits = json.readTree(Files.readAllBytes(editsFile));
      Map<String, JsonNode> accountByKey = new HashMap<>();
      Map<String, JsonNode> contactByKey = new HashMap<>();
      w.accounts.forEach(a -> accountByKey.put(keyOfAccount(a), a));
      w.contacts.forEach(c -> contactByKey.put(keyOfContact(c), c));
      Map<String, JsonNode> orgByKey = new HashMap<>();
      Map<String, JsonNode> personByKey = new HashMap<>();
      for (JsonNode c : w.customers) {
        (c.path("IsPerson").asBoolean(false) ? personByKey : orgByKey).put(keyOfCustomer(c), c);
      }
      long arrived = 0;
      long expected = 0;
      ArrayNode notArrived = r.putArray("notArrivedSample");
      for (JsonNode e : edits.path("po")) {
        expected++;
        boolean person = e.path("person").asBoolean();
        JsonNode z = (person ? contactByKey : accountByKey).get(e.path("key").asText());
        String v = e.path("value").asText();
        boolean ok = z != null && (person
            ? v.equals(z.path("Mailing_City").asText(null)) && v.equals(z.path("Other_City").asText(null))
            : v.equals(z.path("Billing_City").asText(null)) && v.equals(z.path("Shipping_City").asText(null)));
        if (ok) {
          arrived++;
        } else if (notArrived.size() < 5) {
          notArrived.add(e);
        }
      }
      ObjectNode toZoho = r.putObject("poToZoho");
      toZoho.put("expected", expected);
      toZoho.put("arrived", arrived);
      arrived = 0;
      expected = 0;
      for (JsonNode e : edits.path("zoho")) {
        expected++;
        boolean person = e.path("module").asText().equals("Contacts");
        JsonNode c = (person ? personByKey : orgByKey).get(e.path("key").asText());
        if (c != null && e.path("value").asText().equals(c.path("MailAddress").path("City").asText(null))) {
          arrived++;
        } else if (notArrived.size() < 10) {
          notArrived.add(e);
        }
      }
      ObjectNode toPo = r.putObject("zohoToPo");
      toPo.put("expected", expected);
      toPo.put("arrived", arrived);
    }
    System.err.println("copier verify: " + r);
    return r;
  }

  /** Both sides, whole, and their match keys counted. */
  private final class World {
    final List<JsonNode> customers = new ArrayList<>();
    final List<JsonNode> departments = new ArrayList<>();
    final List<JsonNode> accounts = new ArrayList<>();
    final List<JsonNode> contacts = new ArrayList<>();
    final Map<String, Integer> poOrgKeys = new HashMap<>();
    final Map<String, Integer> poPersonKeys = new HashMap<>();
    final Map<String, Integer> zohoOrgKeys = new HashMap<>();
    final Map<String, Integer> zohoPersonKeys = new HashMap<>();

    boolean unique(String key, boolean person) {
      return key != null && (person ? poPersonKeys : poOrgKeys).getOrDefault(key, 0) == 1
          && (person ? zohoPersonKeys : zohoOrgKeys).getOrDefault(key, 0) == 1;
    }
  }

  private World readWorld() throws Exception {
    World w = new World();
    scanPo("Customers", CUSTOMER_FIELDS, row -> {
      w.customers.add(row);
      if (!row.path("IsArchived").asBoolean(false)) {
        bump(row.path("IsPerson").asBoolean(false) ? w.poPersonKeys : w.poOrgKeys, keyOfCustomer(row));
      }
    });
    scanPo("Departments", DEPARTMENT_FIELDS, row -> {
      w.departments.add(row);
      bump(w.poOrgKeys, orgKey(row.path("Name").asText(null)));
    });
    readZoho("Accounts", "Account_Name,Billing_City,Shipping_City", null, rec -> {
      w.accounts.add(rec);
      bump(w.zohoOrgKeys, keyOfAccount(rec));
    });
    readZoho("Contacts", "Email,Secondary_Email,Mailing_City,Other_City", null, rec -> {
      w.contacts.add(rec);
      bump(w.zohoPersonKeys, keyOfContact(rec));
    });
    return w;
  }

  private static void bump(Map<String, Integer> m, String key) {
    if (key != null) {
      m.merge(key, 1, Integer::sum);
    }
  }

  static String keyOfCustomer(JsonNode c) {
    return c.path("IsPerson").asBoolean(false) ? emailKey(c.path("EmailAddress").asText(null))
        : orgKey(c.path("Name").asText(null));
  }

  static String keyOfAccount(JsonNode a) {
    return orgKey(a.path("Account_Name").asText(null));
  }

  static String keyOfContact(JsonNode c) {
    String k = emailKey(c.path("Email").asText(null));
    return k != null ? k : emailKey(c.path("Secondary_Email").asText(null));
  }

  /** dataflow.md rule 3: NFC, no-break spaces as spaces, zero-width removed, trim, collapse, case folded. */
  static String orgKey(String name) {
    if (name == null) {
      return null;
    }
    String s = Normalizer.normalize(name, Normalizer.Form.NFC)
        .replaceAll("[\\u00A0\\u2007\\u202F]", " ")
        .replaceAll("[\\u200B\\u200C\\u200D\\u2060\\uFEFF]", "")
        .trim().replaceAll("\\s+", " ");
    s = s.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    return s.isEmpty() ? null : s;
  }

  static String emailKey(String email) {
    if (email == null) {
      return null;
    }
    String s = Normalizer.normalize(email, Normalizer.Form.NFC).trim().toLowerCase(Locale.ROOT);
    return s.isEmpty() ? null : s;
  }

  // ------------------------------------------------------------------ PowerOffice

  /** A full scan of a list: PageSize 20 000, ordered by Id, until a 204 or a short page. */
  private void scanPo(String resource, String fields, ThrowingConsumer<JsonNode> each) throws Exception {
    for (int page = 1; ; page++) {
      String path = "/v2/" + resource + "?PageNumber=" + page + "&PageSize=" + PO_PAGE + "&Fields=" + enc(fields)
          + "&OrderBy=Id";
      HttpResponse<byte[]> r = poCall("GET", path, null);
      if (r.statusCode() == 204) {
        return;
      }
      if (r.statusCode() != 200) {
        throw new IllegalStateException("PowerOffice GET " + path + " answered " + r.statusCode() + ": "
            + new String(r.body(), StandardCharsets.UTF_8));
      }
      JsonNode rows = json.readTree(r.body());
      for (JsonNode row : rows) {
        each.accept(row);
      }
      if (rows.size() < PO_PAGE) {
        return;
      }
    }
  }

  private HttpResponse<byte[]> poCall(String method, String pathAndQuery, JsonNode body)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(po + pathAndQuery)).timeout(Duration.ofSeconds(120))
        .header("Authorization", "Bearer " + poToken)
        .header("Ocp-Apim-Subscription-Key", opts.getOrDefault("po-sub", "demo-sub"))
        .header("Accept", "application/json");
    if (body == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", method.equals("PATCH") ? "application/json-patch+json" : "application/json")
          .method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
    }
    return send(b.build(), true);
  }

  // ------------------------------------------------------------------ Zoho

  /** A list read with page_token; with {@code since}, If-Modified-Since and Modified_Time order. Returns records. */
  private long readZoho(String module, String fields, String since, ThrowingConsumer<JsonNode> each) throws Exception {
    String token = null;
    long n = 0;
    do {
      Map<String, String> q = new LinkedHashMap<>();
      q.put("fields", fields);
      q.put("per_page", String.valueOf(ZOHO_PAGE));
      q.put("sort_by", since == null ? "id" : "Modified_Time");
      q.put("sort_order", "asc");
      if (token != null) {
        q.put("page_token", token);
      }
      HttpResponse<byte[]> r = zohoCall("GET", "/crm/v8/" + module, q, null, since);
      if (r.statusCode() == 204 || r.statusCode() == 304) {
        return n;
      }
      if (r.statusCode() != 200) {
        throw new IllegalStateException("Zoho GET " + module + " answered " + r.statusCode() + ": "
            + new String(r.body(), StandardCharsets.UTF_8));
      }
      JsonNode page = json.readTree(r.body());
      for (JsonNode rec : page.path("data")) {
        each.accept(rec);
        n++;
      }
      JsonNode info = page.path("info");
      token = info.path("more_records").asBoolean(false) ? info.path("next_page_token").asText(null) : null;
    } while (token != null);
    return n;
  }

  private HttpResponse<byte[]> zohoCall(String method, String path, Map<String, String> query, JsonNode body,
                                        String ifModifiedSince) throws IOException, InterruptedException {
    StringBuilder url = new StringBuilder(zoho).append(path);
    if (query != null && !query.isEmpty()) {
      char sep = '?';
      for (Map.Entry<String, String> e : query.entrySet()) {
        url.append(sep).append(enc(e.getKey())).append('=').append(enc(e.getValue()));
        sep = '&';
      }
    }
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url.toString())).timeout(Duration.ofSeconds(120))
        .header("Authorization", "Zoho-oauthtoken " + zohoToken)
        .header("Accept", "application/json");
    if (ifModifiedSince != null) {
      b.header("If-Modified-Since", ifModifiedSince);
    }
    if (body == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
    }
    return send(b.build(), false);
  }

  // ------------------------------------------------------------------ tokens and HTTP

  private void tokens() throws IOException, InterruptedException {
    String basic = Base64.getEncoder().encodeToString((opts.getOrDefault("po-app", "demo-app") + ":"
        + opts.getOrDefault("po-client", "demo-client")).getBytes(StandardCharsets.UTF_8));
    HttpRequest pr = HttpRequest.newBuilder(URI.create(po + "/OAuth/Token")).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Basic " + basic)
        .header("Ocp-Apim-Subscription-Key", opts.getOrDefault("po-sub", "demo-sub"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build();
    poToken = token(send(pr, true), "PowerOffice");
    String form = "grant_type=refresh_token&client_id=" + enc(opts.getOrDefault("zoho-client-id", "demo-client"))
        + "&client_secret=" + enc(opts.getOrDefault("zoho-client-secret", "demo-secret"))
        + "&refresh_token=" + enc(opts.getOrDefault("zoho-refresh", "demo-refresh"));
    HttpRequest zr = HttpRequest.newBuilder(URI.create(zoho + "/oauth/v2/token")).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build();
    zohoToken = token(send(zr, false), "Zoho");
  }

  private String token(HttpResponse<byte[]> r, String system) throws IOException {
    JsonNode n = r.body().length == 0 ? null : json.readTree(r.body());
    if (r.statusCode() != 200 || n == null || !n.hasNonNull("access_token")) {
      throw new IllegalStateException(system + " token call answered " + r.statusCode() + ": "
          + new String(r.body(), StandardCharsets.UTF_8));
    }
    return n.get("access_token").asText();
  }

  /** Sends; on 429 waits a second and repeats (at most 30 times). Counts every call. */
  private HttpResponse<byte[]> send(HttpRequest request, boolean poweroffice) throws IOException, InterruptedException {
    for (int attempt = 1; ; attempt++) {
      if (poweroffice) {
        poCalls++;
      } else {
        zohoCalls++;
      }
      HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      if (r.statusCode() != 429 || attempt >= 30) {
        return r;
      }
      Thread.sleep(1000);
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @FunctionalInterface
  interface ThrowingConsumer<T> {
    void accept(T t) throws Exception;
  }
}
