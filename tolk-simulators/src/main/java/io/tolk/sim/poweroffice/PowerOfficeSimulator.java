package io.tolk.sim.poweroffice;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tolk.sim.common.Faults;
import io.tolk.sim.common.OperationKind;
import io.tolk.sim.common.SimClock;
import io.tolk.sim.common.SimCounters;
import io.tolk.sim.common.SimException;
import io.tolk.sim.common.SimHandler;
import io.tolk.sim.common.SimOptions;
import io.tolk.sim.common.SimRequest;
import io.tolk.sim.common.SimResponse;
import io.tolk.sim.common.SimServer;
import io.tolk.sim.sample.Presence;
import io.tolk.sim.sample.SampleAddress;
import io.tolk.sim.sample.SampleCompany;
import io.tolk.sim.sample.SampleDepartment;
import io.tolk.sim.sample.SamplePerson;
import io.tolk.sim.sample.SampleWorld;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A local simulator of the PowerOffice Go v2 API (Customers, Departments, ContactPersons) and its token endpoint,
 * following spec/poweroffice-go-v2.md §1.10. Start with {@link #start(SimOptions, PowerOfficeCredentials)}; point a
 * client's apiUrl at {@link #apiUrl()} and its tokenUrl at {@link #tokenUrl()}.
 *
 * <p>Gateway order on every call: subscription key (401 APIM JSON when missing/invalid), rate limit (10 requests/s
 * per subscription key, token bucket on the simulator clock; 429 + Retry-After: 1 + APIM JSON; off with noLimits),
 * then the bearer token (401, empty body, when missing, unknown or expired).</p>
 *
 * <p>Admin (besides the shared /__sim API): {@code POST /__sim/fixtures} loads records without validation
 * ({"customers":[...],"departments":[...],"contactPersons":[...]}; "InUse": true makes DELETE answer 409; returns
 * the assigned ids), {@code POST /__sim/tokens/expire}, {@code POST /__sim/reset}.</p>
 *
 * <p>Tenants ({@link SimOptions#tenants()}, {@code POST /__sim/tenants}): one process serves many Go clients, each
 * named by its client key ({@code demo-client}, then {@code demo-client-2} …) with its own records, tokens, counters,
 * write log and faults; the token call's client key picks the tenant and its access tokens see only its records.
 * All share the application key; each has a subscription key (the configured one unless given another), and the
 * 10 requests/s limit is shared by every client under one subscription key. The state file holds the default
 * tenant only.</p>
 *
 * <p>{@code --records N} loads the PowerOffice side of {@link SampleWorld#generate(int, long)} (seed
 * {@link #SAMPLE_SEED}): companies and persons present in PowerOffice as customers, all departments.
 * {@code --state FILE} loads the file at start if it exists (then --records is ignored), saves at most once a second
 * after writes on a background thread, and on close.</p>
 */
public final class PowerOfficeSimulator implements AutoCloseable {
  /** The seed of the sample world: {@link SampleWorld#SEED}, the one the Zoho simulator uses too. */
  public static final long SAMPLE_SEED = SampleWorld.SEED;
  static final double REQUESTS_PER_SECOND = 10;

  private volatile boolean limitsEnforced;
  private final SimOptions options;
  private final PowerOfficeCredentials creds;
  private final ObjectMapper mapper;
  private final SimServer server;
  private final Problems problems;
  private final Map<String, PoTenant> tenants = new java.util.concurrent.ConcurrentHashMap<>();
  private final PoTenant defaultTenant;
  private final RateLimiter limiter;
  private final SubscriptionMeter meter;
  private final ScheduledExecutorService saver;

  private PowerOfficeSimulator(SimOptions options, PowerOfficeCredentials creds) {
    this.options = options;
    this.limitsEnforced = !options.noLimits();
    this.creds = creds;
    this.mapper = new ObjectMapper()
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    this.problems = new Problems(mapper);
    this.server = new SimServer("poweroffice", options, problems, mapper, creds.clientKey());
    this.defaultTenant = tenantFor(server.defaultTenant(), creds.subscriptionKey());
    this.limiter = new RateLimiter(options.clock(), REQUESTS_PER_SECOND);
    this.meter = new SubscriptionMeter(options.clock());
    server.resolveTenantsWith(rq -> {
      PoTenant t = tenantOf(rq);
      return t == null ? null : t.scope();
    });
    this.saver = options.stateFile() == null ? null : Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "poweroffice-sim-state");
      t.setDaemon(true);
      return t;
    });
    routes();
  }

  /** Starts a simulator accepting the demo credentials (demo-app / demo-client / demo-sub). */
  public static PowerOfficeSimulator start(SimOptions options) {
    return start(options, PowerOfficeCredentials.demo());
  }

  /** Starts a simulator accepting these credentials. */
  public static PowerOfficeSimulator start(SimOptions options, PowerOfficeCredentials creds) {
    PowerOfficeSimulator sim = new PowerOfficeSimulator(options, creds);
    sim.loadInitialData();
    sim.server.start();
    if (sim.saver != null) {
      sim.saver.scheduleWithFixedDelay(sim::saveIfDirty, 1, 1, TimeUnit.SECONDS);
    }
    return sim;
  }

  /** "http://127.0.0.1:PORT". */
  public String baseUrl() {
    return server.baseUrl();
  }

  /** baseUrl + "/v2". */
  public String apiUrl() {
    return baseUrl() + "/v2";
  }

  /** baseUrl + "/OAuth/Token". */
  public String tokenUrl() {
    return baseUrl() + "/OAuth/Token";
  }

  public int port() {
    return server.port();
  }

  public SimClock clock() {
    return options.clock();
  }

  /**
   * Switches the rate limit of every subscription key on or off from now on (it starts as the options say), so that a
   * benchmark can measure the same converged data with and without it.
   */
  public void setLimitsEnforced(boolean on) {
    limitsEnforced = on;
  }

  public SimCounters counters() {
    return server.counters();
  }

  public SimServer server() {
    return server;
  }

  public PowerOfficeCredentials credentials() {
    return creds;
  }

  /** The credentials of every tenant, in the order added (the default tenant's first). */
  public List<PowerOfficeCredentials> tenantCredentials() {
    List<PowerOfficeCredentials> out = new java.util.ArrayList<>();
    for (PoTenant t : tenantsInOrder()) {
      out.add(credentialsOf(t));
    }
    return out;
  }

  /**
   * Adds a client at run time with its own {@code records} sample records (seeded by its tenant number).
   *
   * @param clientKey       the new client's key, which names the tenant
   * @param subscriptionKey the subscription it sits under; null for the configured one
   * @return the credentials the new client's token call takes
   * @throws IllegalArgumentException when the client key is taken or a value is blank or negative
   */
  public synchronized PowerOfficeCredentials addTenant(String clientKey, String subscriptionKey, int records) {
    if (records < 0) {
      throw new IllegalArgumentException("records must not be negative, was " + records);
    }
    if (subscriptionKey != null && subscriptionKey.isBlank()) {
      throw new IllegalArgumentException("a subscription key must not be blank");
    }
    PoTenant t = tenantFor(server.addTenant(clientKey), subscriptionKey == null ? creds.subscriptionKey() : subscriptionKey);
    if (records > 0) {
      loadSample(t, SampleWorld.generate(records, SampleWorld.tenantSeed(t.scope().number())));
    }
    return credentialsOf(t);
  }

  /** The counters of the tenant with this client key (IllegalArgumentException when there is none). */
  public SimCounters counters(String clientKey) {
    return tenant(clientKey).scope().counters();
  }

  /** The most requests with this subscription key, over all its clients, that arrived within any one second. */
  public int peakRequestsPerSecond(String subscriptionKey) {
    return meter.peakPerSecond(subscriptionKey);
  }

  /** The tenants in the order added; one being added this moment is left out until it is ready. */
  private List<PoTenant> tenantsInOrder() {
    List<PoTenant> out = new java.util.ArrayList<>();
    for (io.tolk.sim.common.SimTenant scope : server.tenants()) {
      PoTenant t = tenants.get(scope.name());
      if (t != null) {
        out.add(t);
      }
    }
    return out;
  }

  private PoTenant tenant(String clientKey) {
    PoTenant t = clientKey == null ? null : tenants.get(clientKey);
    if (t == null) {
      throw new IllegalArgumentException("no PowerOffice tenant with client key '" + clientKey + "'");
    }
    return t;
  }

  private PowerOfficeCredentials credentialsOf(PoTenant t) {
    return new PowerOfficeCredentials(creds.applicationKey(), t.clientKey(), t.subscriptionKey(), creds.tokenLifetime());
  }

  private PoTenant tenantFor(io.tolk.sim.common.SimTenant scope, String subscriptionKey) {
    PoStore store = new PoStore(options.clock(), () -> scope.faults().lag(), scope.number());
    PowerOfficeApi api = new PowerOfficeApi(store, mapper, problems, scope.counters(), scope.writeLog(), this::apiUrl);
    PoTenant t = new PoTenant(scope, subscriptionKey, store, api, new Tokens(options.clock()));
    tenants.put(scope.name(), t);
    return t;
  }

  /** The tenant a request's bearer token or token-call client key belongs to, or null. */
  private PoTenant tenantOf(SimRequest rq) {
    String auth = rq.header("Authorization");
    if (auth == null) {
      return null;
    }
    if (auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return tenantOfToken(auth.substring(7).trim());
    }
    String[] basic = basicCredentials(auth);
    return basic == null ? null : tenants.get(basic[1]);
  }

  private PoTenant tenantOfToken(String token) {
    for (PoTenant t : tenants.values()) {
      if (t.tokens().valid(token)) {
        return t;
      }
    }
    return null;
  }

  /** {application key, client key} of a Basic header, or null. */
  private static String[] basicCredentials(String auth) {
    if (auth == null || !auth.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    try {
      String decoded = new String(Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon > 0 ? new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)} : null;
    } catch (IllegalArgumentException notBase64) {
      return null; // treated as missing credentials
    }
  }

  /** Stops serving and, with a state file, saves. */
  @Override
  public void close() {
    server.close();
    if (saver != null) {
      saver.shutdownNow();
      defaultTenant.store().save(options.stateFile(), mapper);
    }
  }

  private void saveIfDirty() {
    PoStore store = defaultTenant.store();
    try {
      if (store.dirty()) {
        store.save(options.stateFile(), mapper);
      }
    } catch (RuntimeException e) {
      System.getLogger(PowerOfficeSimulator.class.getName()).log(System.Logger.Level.WARNING, e.getMessage());
    }
  }

  // ------------------------------------------------------------------ routes

  private void routes() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("POWEROFFICE_APPLICATION_KEY", creds.applicationKey());
    env.put("POWEROFFICE_CLIENT_KEY", creds.clientKey());
    env.put("POWEROFFICE_SUBSCRIPTION_KEY", creds.subscriptionKey());
    boolean demo = creds.applicationKey().equals(PowerOfficeCredentials.demo().applicationKey())
        && creds.clientKey().equals(PowerOfficeCredentials.demo().clientKey())
        && creds.subscriptionKey().equals(PowerOfficeCredentials.demo().subscriptionKey());
    server.serveIndex(new io.tolk.sim.common.SimIndex("PowerOffice Go v2 API simulator", "/v2", "/OAuth/Token", env, demo),
        "/", "/v2");
    server.route("POST", "/OAuth/Token", "token", OperationKind.AUTH, true, this::token);
    server.route("POST", "/Demo/OAuth/Token", "token", OperationKind.AUTH, true, this::token);

    apiRoute("GET", "/v2/Customers", "customers.list", OperationKind.READ, (t, rq, p) -> t.api().listCustomers(rq));
    apiRoute("GET", "/v2/Customers/{id}", "customers.get", OperationKind.READ, (t, rq, p) -> t.api().getCustomer(rq, p));
    apiRoute("POST", "/v2/Customers", "customers.create", OperationKind.WRITE, (t, rq, p) -> t.api().createCustomer(rq));
    apiRoute("PATCH", "/v2/Customers/{id}", "customers.update", OperationKind.WRITE,
        (t, rq, p) -> t.api().patchCustomer(rq, p));
    apiRoute("DELETE", "/v2/Customers/{id}", "customers.delete", OperationKind.WRITE,
        (t, rq, p) -> t.api().deleteCustomer(rq, p));

    apiRoute("GET", "/v2/Departments", "departments.list", OperationKind.READ, (t, rq, p) -> t.api().listDepartments(rq));
    apiRoute("GET", "/v2/Departments/{id}", "departments.get", OperationKind.READ,
        (t, rq, p) -> t.api().getDepartment(rq, p));
    apiRoute("POST", "/v2/Departments", "departments.create", OperationKind.WRITE,
        (t, rq, p) -> t.api().createDepartment(rq));
    apiRoute("PATCH", "/v2/Departments/{id}", "departments.update", OperationKind.WRITE,
        (t, rq, p) -> t.api().patchDepartment(rq, p));
    apiRoute("DELETE", "/v2/Departments/{id}", "departments.delete", OperationKind.WRITE,
        (t, rq, p) -> t.api().deleteDepartment(rq, p));

    apiRoute("GET", "/v2/ContactPersons", "contactPersons.list", OperationKind.READ,
        (t, rq, p) -> t.api().listContactPersons(rq));
    apiRoute("GET", "/v2/ContactPersons/{contactId}/{id}", "contactPersons.get", OperationKind.READ,
        (t, rq, p) -> t.api().getContactPerson(rq, p));
    apiRoute("POST", "/v2/ContactPersons/{contactId}", "contactPersons.create", OperationKind.WRITE,
        (t, rq, p) -> t.api().createContactPerson(rq, p));
    apiRoute("PATCH", "/v2/ContactPersons/{contactId}/{id}", "contactPersons.update", OperationKind.WRITE,
        (t, rq, p) -> t.api().patchContactPerson(rq, p));
    apiRoute("DELETE", "/v2/ContactPersons/{contactId}/{id}", "contactPersons.delete", OperationKind.WRITE,
        (t, rq, p) -> t.api().deleteContactPerson(rq, p));

    server.adminRoute("POST", "/fixtures", this::fixtures);
    server.adminRoute("POST", "/tokens/expire", (rq, p) -> {
      adminTenant(rq).tokens().expireAll();
      return SimResponse.json(200, Map.of("expired", true), mapper);
    });
    server.adminRoute("POST", "/reset", (rq, p) -> {
      PoTenant t = adminTenant(rq);
      t.store().clear();
      t.tokens().expireAll();
      limiter.reset(t.subscriptionKey());
      meter.reset(t.subscriptionKey());
      t.scope().counters().reset();
      t.scope().writeLog().clear();
      server.requestLog().clear();
      return SimResponse.json(200, Map.of("reset", true), mapper);
    });
    server.adminRoute("GET", "/tenants", (rq, p) -> SimResponse.json(200, Map.of("tenants", tenantList()), mapper));
    server.adminRoute("POST", "/tenants", this::createTenant);
    server.adminRoute("GET", "/limits", (rq, p) -> SimResponse.json(200, limits(), mapper));
  }

  /** An API handler that runs for the tenant whose token the request carries. */
  @FunctionalInterface
  private interface TenantHandler {
    SimResponse handle(PoTenant tenant, SimRequest rq, Map<String, String> params) throws Exception;
  }

  private PoTenant adminTenant(SimRequest rq) {
    String name = server.adminTenant(rq).name();
    PoTenant t = tenants.get(name);
    if (t == null) { // named by the server a moment before it is ready here
      throw new SimException(server.adminError(409, "tenant '" + name + "' is being added; try again"));
    }
    return t;
  }

  private void apiRoute(String method, String path, String operation, OperationKind kind, TenantHandler handler) {
    server.route(method, path, operation, kind, true, (rq, p) -> {
      String key = gateway(rq, false);
      String auth = rq.header("Authorization");
      String token = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).trim() : null;
      PoTenant tenant = token == null ? null : tenantOfToken(token);
      if (tenant == null || !tenant.subscriptionKey().equals(key)) {
        return SimResponse.empty(401).withHeader("WWW-Authenticate", "Bearer");
      }
      return handler.handle(tenant, rq, p);
    });
  }

  /** {@code POST /__sim/tenants {"client":"acme","subscriptionKey":"other-sub","records":50}} (the last two optional). */
  private SimResponse createTenant(SimRequest rq, Map<String, String> p) {
    JsonNode body = server.adminBody(rq);
    JsonNode client = body.get("client");
    if (client == null || !client.isTextual() || client.asText().isBlank()) {
      return server.adminError(400, "tenants: give the new client's key as \"client\", e.g. {\"client\":\"acme\"}");
    }
    JsonNode sub = body.get("subscriptionKey");
    if (sub != null && !sub.isNull() && !sub.isTextual()) {
      return server.adminError(400, "tenants: subscriptionKey must be a string");
    }
    JsonNode records = body.path("records");
    if (!records.isMissingNode() && !records.canConvertToInt()) {
      return server.adminError(400, "tenants: records must be a whole number");
    }
    try {
      addTenant(client.asText(), sub == null || sub.isNull() ? null : sub.asText(), records.asInt(0));
    } catch (IllegalArgumentException e) {
      return server.adminError(server.tenant(client.asText()) != null ? 409 : 400, "tenants: " + e.getMessage());
    }
    return SimResponse.json(201, describe(tenants.get(client.asText())), mapper);
  }

  private List<Map<String, Object>> tenantList() {
    List<Map<String, Object>> out = new java.util.ArrayList<>();
    for (PoTenant t : tenantsInOrder()) {
      out.add(describe(t));
    }
    return out;
  }

  /** {"tenant","number","subscriptionKey","records":{"customers","departments","contactPersons"},"counters"}. */
  private Map<String, Object> describe(PoTenant t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("tenant", t.clientKey());
    m.put("number", t.scope().number());
    m.put("subscriptionKey", t.subscriptionKey());
    Map<String, Object> records = new LinkedHashMap<>();
    records.put("customers", t.store().customers.size(null));
    records.put("departments", t.store().departments.size(null));
    records.put("contactPersons", t.store().contactPersons.size(null));
    m.put("records", records);
    m.put("counters", t.scope().counters().snapshot());
    return m;
  }

  /** {"requestsPerSecond":10,"enforced":true,"subscriptions":{"demo-sub":{"clients":[...],"requests",...}}}. */
  private Map<String, Object> limits() {
    Map<String, Map<String, Object>> subs = new java.util.TreeMap<>();
    for (PoTenant t : tenantsInOrder()) {
      Map<String, Object> sub = subs.computeIfAbsent(t.subscriptionKey(), k -> {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("clients", new java.util.ArrayList<String>());
        m.putAll(meter.snapshot(k));
        return m;
      });
      @SuppressWarnings("unchecked")
      List<String> clients = (List<String>) sub.get("clients");
      clients.add(t.clientKey());
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("requestsPerSecond", REQUESTS_PER_SECOND);
    m.put("enforced", limitsEnforced);
    m.put("subscriptions", subs);
    return m;
  }

  /** APIM: subscription key, then the rate limit, shared by every client under the key. Returns the key. */
  private String gateway(SimRequest rq, boolean tokenEndpoint) {
    String key = rq.header("Ocp-Apim-Subscription-Key");
    if (key == null) {
      key = rq.query("subscription-key");
    }
    if (key == null || key.isBlank()) {
      throw new SimException(problems.apim(401, 401, "Access denied due to missing subscription key. Make sure to "
          + "include subscription key when making requests to an API."));
    }
    if (!knownSubscriptionKey(key)) {
      throw new SimException(problems.apim(401, 401, "Access denied due to invalid subscription key. Make sure to "
          + "provide a valid key for an active subscription."));
    }
    meter.arrived(key);
    if (limitsEnforced && !limiter.tryAcquire(key)) {
      meter.throttled(key);
      PoTenant t = tenantOf(rq);
      (t == null ? defaultTenant : t).scope().counters().throttled();
      throw new SimException(problems.rateLimited(tokenEndpoint));
    }
    return key;
  }

  private boolean knownSubscriptionKey(String key) {
    if (key.equals(creds.subscriptionKey())) {
      return true;
    }
    for (PoTenant t : tenants.values()) {
      if (t.subscriptionKey().equals(key)) {
        return true;
      }
    }
    return false;
  }

  private SimResponse token(SimRequest rq, Map<String, String> p) {
    String key = gateway(rq, true);
    String ct = rq.header("Content-Type");
    if (ct == null || !ct.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
      return oauthError("invalid_request", "The request must be form-encoded (application/x-www-form-urlencoded).");
    }
    Map<String, String> form = new LinkedHashMap<>();
    for (String pair : rq.bodyText().split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      form.putIfAbsent(k, v);
    }
    String grant = form.get("grant_type");
    if (grant == null || grant.isBlank()) {
      return oauthError("invalid_request", "The mandatory 'grant_type' parameter is missing.");
    }
    if (!grant.equals("client_credentials")) {
      return oauthError("unsupported_grant_type", "The authorization grant type '" + grant + "' is not supported.");
    }
    String[] basic = basicCredentials(rq.header("Authorization"));
    PoTenant tenant = basic == null ? null : tenants.get(basic[1]);
    if (tenant == null || !creds.applicationKey().equals(basic[0]) || !tenant.subscriptionKey().equals(key)) {
      return oauthError("invalid_client",
          "Client integration not found. Please ensure the provided keys are matching the desired environment.");
    }
    String token = tenant.tokens().issue(creds.tokenLifetime());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("access_token", token);
    body.put("token_type", "bearer");
    body.put("expires_in", creds.tokenLifetime().toSeconds());
    return SimResponse.json(200, body, mapper).withHeader("Cache-Control", "no-store");
  }

  private SimResponse oauthError(String error, String description) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", error);
    body.put("error_description", description);
    return SimResponse.json(400, body, mapper);
  }

  // ------------------------------------------------------------------ data loading

  private void loadInitialData() {
    Path state = options.stateFile();
    if (state != null && Files.exists(state)) {
      defaultTenant.store().load(state, mapper);
    } else if (options.records() > 0) {
      loadSample(defaultTenant, SampleWorld.generate(options.records(), SAMPLE_SEED));
    }
    for (int n = 2; n <= options.tenants(); n++) {
      addTenant(creds.clientKey() + "-" + n, null, options.records());
    }
  }

  private void loadSample(PoTenant tenant, SampleWorld world) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode fixtures = f.objectNode();
    ArrayNode deps = fixtures.putArray("departments");
    for (SampleDepartment d : world.departments()) {
      if (d.presence().inPowerOffice()) {
        deps.addObject().put("Code", d.code()).put("Name", d.name()).put("IsActive", true);
      }
    }
    ArrayNode customers = fixtures.putArray("customers");
    for (SampleCompany c : world.companies()) {
      if (c.presence() == Presence.POWEROFFICE_ONLY || c.presence() == Presence.BOTH) {
        ObjectNode n = customers.addObject();
        n.put("Name", c.name()).put("IsPerson", false).put("OrganizationNumber", c.organizationNumber())
            .put("EmailAddress", c.email()).put("PhoneNumber", c.phone()).put("WebsiteUrl", c.website());
        address(n, c.address());
      }
    }
    for (SamplePerson s : world.persons()) {
      if (s.presence().inPowerOffice()) {
        ObjectNode n = customers.addObject();
        n.put("IsPerson", true).put("FirstName", s.firstName()).put("LastName", s.lastName())
            .put("EmailAddress", s.email()).put("PhoneNumber", s.phone());
        address(n, s.address());
      }
    }
    loadFixtures(tenant.store(), fixtures);
    tenant.store().clearDirty();
  }

  private static void address(ObjectNode n, SampleAddress a) {
    if (a != null) {
      n.putObject("MailAddress").put("AddressLine1", a.line1()).put("City", a.city()).put("ZipCode", a.zipCode())
          .put("CountryCode", a.countryCode());
    }
  }

  private SimResponse fixtures(SimRequest rq, Map<String, String> p) {
    PoStore store = adminTenant(rq).store();
    JsonNode body = server.adminBody(rq);
    try {
      return SimResponse.json(200, loadFixtures(store, body), mapper);
    } catch (IllegalArgumentException e) {
      return server.adminError(400, "fixtures: " + e.getMessage());
    }
  }

  /**
   * Loads records without validation (legacy data). Property names are matched ignoring case; unknown names are
   * refused (to catch typos in tests). Ids, numbers and timestamps may be given; otherwise they are assigned.
   */
  private Map<String, Object> loadFixtures(PoStore store, JsonNode body) {
    Map<String, Object> result = new LinkedHashMap<>();
    store.lock.lock();
    try {
      String now = Timestamps.format(store.now());
      result.put("departments", load(store, body.path("departments"), Schemas.DEPARTMENT, store.departments, now));
      result.put("customers", load(store, body.path("customers"), Schemas.CUSTOMER, store.customers, now));
      result.put("contactPersons", load(store, body.path("contactPersons"), Schemas.CONTACT_PERSON,
          store.contactPersons, now));
    } finally {
      store.lock.unlock();
    }
    return result;
  }

  private List<Long> load(PoStore store, JsonNode items, Schema schema, Table table, String now) {
    List<Long> ids = new java.util.ArrayList<>();
    if (items.isMissingNode() || items.isNull()) {
      return ids;
    }
    if (!items.isArray()) {
      throw new IllegalArgumentException("'" + schema.entity + "' fixtures must be an array");
    }
    Dtos lenient = new Dtos(problems);
    for (JsonNode item : items) {
      if (!item.isObject()) {
        throw new IllegalArgumentException(schema.entity + " fixtures must be objects");
      }
      ObjectNode row = JsonNodeFactory.instance.objectNode();
      boolean inUse = false;
      Iterator<Map.Entry<String, JsonNode>> it = item.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getKey().equalsIgnoreCase("InUse")) {
          inUse = e.getValue().asBoolean(false);
          continue;
        }
        Field f = schema.field(e.getKey());
        if (f == null) {
          throw new IllegalArgumentException("unknown " + schema.entity + " property '" + e.getKey() + "'");
        }
        if (f.type() == FieldType.OBJECT) {
          if (e.getValue().isObject()) {
            ObjectNode a = row.putObject(f.name());
            e.getValue().fields().forEachRemaining(ae -> {
              Field af = f.nested().field(ae.getKey());
              if (af == null) {
                throw new IllegalArgumentException("unknown address property '" + ae.getKey() + "'");
              }
              a.set(af.name(), fixtureValue(lenient, af, ae.getValue()));
            });
          }
        } else {
          row.set(f.name(), fixtureValue(lenient, f, e.getValue()));
        }
      }
      long id;
      if (row.hasNonNull("Id")) {
        id = row.get("Id").asLong();
        store.see(table, id);
      } else {
        id = table == store.departments ? store.takeDepartmentId() : store.takeContactId();
        row.put("Id", id);
      }
      if (schema == Schemas.CUSTOMER) {
        PowerOfficeApi.customerDefaults(row);
        if (!row.hasNonNull("Number")) {
          row.put("Number", store.takeNumber());
        }
        ObjectNode a = row.get("MailAddress") instanceof ObjectNode o ? o : row.putObject("MailAddress");
        if (!a.hasNonNull("Id")) {
          a.put("Id", store.takeAddressId());
        }
        defaultText(a, "CountryCode", "NO");
        defaultText(a, "LastChangedDateTimeOffset", now);
        defaultText(row, "ContactCreatedDateTimeOffset", now);
        defaultText(row, "CustomerCreatedDateTimeOffset", row.get("ContactCreatedDateTimeOffset").asText());
        defaultText(row, "LastChangedDateTimeOffset", now);
        if (!row.hasNonNull("SubledgerAccountId")) {
          row.put("SubledgerAccountId", 900_000_000L + id);
        }
      } else if (schema == Schemas.DEPARTMENT) {
        if (!row.hasNonNull("IsActive")) {
          row.put("IsActive", false);
        }
        defaultText(row, "CreatedDateTimeOffset", now);
        defaultText(row, "LastChangedDateTimeOffset", now);
      } else {
        if (!row.hasNonNull("ContactId")) {
          throw new IllegalArgumentException("a ContactPerson fixture needs ContactId");
        }
        if (!row.hasNonNull("IsActive")) {
          row.put("IsActive", true);
        }
        if (!row.hasNonNull("IsDefault")) {
          row.put("IsDefault", false);
        }
        ObjectNode a = row.get("MailAddress") instanceof ObjectNode o ? o : row.putObject("MailAddress");
        defaultText(a, "CountryCode", "NO");
        defaultText(row, "CreatedDateTimeOffset", now);
        defaultText(row, "LastChangedDateTimeOffset", now);
      }
      store.put(table, id, PowerOfficeApi.sortLike(schema, row));
      if (inUse) {
        table.inUse.add(id);
      }
      ids.add(id);
    }
    return ids;
  }

  private static JsonNode fixtureValue(Dtos lenient, Field f, JsonNode v) {
    try {
      return lenient.convert(f, v, f.name(), true);
    } catch (SimException e) {
      throw new IllegalArgumentException("bad value for " + f.name() + ": " + v);
    }
  }

  private static void defaultText(ObjectNode n, String name, String v) {
    if (!n.hasNonNull(name)) {
      n.put(name, v);
    }
  }

  // ------------------------------------------------------------------ command line

  /**
   * Runs the simulator in the foreground: {@code --port N --records N --state FILE --faults SPEC --no-limits
   * --bind ADDRESS}. The tolk CLI has its own {@code tolk simulate poweroffice}; this is for running the module alone.
   */
  public static void main(String[] args) throws InterruptedException {
    SimOptions o = SimOptions.defaults().withPort(8081);
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--port" -> o = o.withPort(Integer.parseInt(args[++i]));
        case "--records" -> o = o.withRecords(Integer.parseInt(args[++i]));
        case "--state" -> o = o.withStateFile(Path.of(args[++i]));
        case "--faults" -> o = o.withFaults(Faults.parse(args[++i]));
        case "--no-limits" -> o = o.withNoLimits(true);
        case "--bind" -> o = o.withBindAddress(args[++i]);
        case "--tenants" -> o = o.withTenants(Integer.parseInt(args[++i]));
        default -> throw new IllegalArgumentException("unknown option " + a
            + " (known: --port, --records, --state, --faults, --no-limits, --bind, --tenants)");
      }
    }
    PowerOfficeSimulator sim = start(o);
    Runtime.getRuntime().addShutdownHook(new Thread(sim::close));
    System.out.println("PowerOffice Go simulator: apiUrl " + sim.apiUrl() + ", tokenUrl " + sim.tokenUrl()
        + " (keys demo-app / demo-client / demo-sub)");
    new CountDownLatch(1).await();
  }

  /** Every access token this simulator issued since it started, expired or not: what a test looks for in tolk's output. */
  public java.util.Set<String> issuedAccessTokens() {
    java.util.Set<String> all = new java.util.HashSet<>();
    tenantsInOrder().forEach(t -> all.addAll(t.tokens().everIssued()));
    return all;
  }
}
