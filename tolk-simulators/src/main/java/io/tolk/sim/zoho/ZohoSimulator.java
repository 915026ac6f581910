package io.tolk.sim.zoho;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tolk.sim.common.Faults;
import io.tolk.sim.common.OperationKind;
import io.tolk.sim.common.SimClock;
import io.tolk.sim.common.SimCounters;
import io.tolk.sim.common.SimOptions;
import io.tolk.sim.common.SimResponse;
import io.tolk.sim.common.SimRequest;
import io.tolk.sim.common.SimServer;
import io.tolk.sim.common.SimTenant;
import io.tolk.sim.sample.SampleWorld;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A local Zoho CRM v8 simulator: the accounts server's {@code /oauth/v2/token} and the CRM API ({@code /crm/v8/...}:
 * Accounts and Contacts records, deleted records, search, field metadata, notifications, the current user and org) on one base URL, plus the
 * admin API under {@code /__sim}. Start with {@link #start(SimOptions)}; close when done.
 *
 * <p>Orgs ({@link SimOptions#tenants()}, {@code POST /__sim/tenants}): one process serves many orgs, each named by
 * its refresh token ({@code demo-refresh}, then {@code demo-refresh-2} …) under the one OAuth client, each with its
 * own records, access tokens, credits, concurrency, counters, write log, faults and notification channels; an access
 * token sees only its org. The state file holds the default org only.</p>
 */
public final class ZohoSimulator implements AutoCloseable {
  private final SimOptions options;
  private final ZohoCredentials creds;
  private final SimServer server;
  private final ZohoSettings settings;
  private final ObjectMapper mapper;
  private final ZohoErrors errors;
  private final FieldCatalog catalog;
  private final Map<String, ZohoOrg> orgs = new ConcurrentHashMap<>();
  /** Whether the orgs' limits are enforced; starts as the options say (see {@link #setLimitsEnforced}). */
  private volatile boolean limitsEnforced;
  private final ZohoOrg defaultOrg;
  private final LimitsApi limits;
  private final StateFile stateFile;

  private ZohoSimulator(SimOptions options, ZohoCredentials creds, ZohoSettings settings) {
    this.options = options;
    this.limitsEnforced = !options.noLimits();
    this.creds = creds;
    this.settings = settings;
    this.mapper = new ObjectMapper();
    this.errors = new ZohoErrors(mapper);
    SimClock clock = options.clock();
    this.server = new SimServer("zoho", options, errors, mapper, creds.refreshToken());
    this.catalog = new FieldCatalog(settings);
    this.defaultOrg = orgFor(server.defaultTenant(), creds);
    server.resolveTenantsWith(rq -> {
      ZohoOrg org = orgOf(rq);
      return org == null ? null : org.scope();
    });
    SettingsApi meta = new SettingsApi(mapper, catalog, errors);
    OAuthEndpoint oauth = new OAuthEndpoint(mapper, refreshToken -> orgNamed(refreshToken).tokens(), this::baseUrl);

    java.util.Map<String, String> env = new java.util.LinkedHashMap<>();
    env.put("ZOHO_CLIENT_ID", creds.clientId());
    env.put("ZOHO_CLIENT_SECRET", creds.clientSecret());
    env.put("ZOHO_REFRESH_TOKEN", creds.refreshToken());
    server.serveIndex(new io.tolk.sim.common.SimIndex("Zoho CRM v8 API simulator", "/crm/v8", "/oauth/v2/token", env,
        creds.equals(ZohoCredentials.demo())), "/", "/crm/v8");
    server.route("POST", "/oauth/v2/token", "oauth.token", OperationKind.AUTH, false, (rq, p) -> oauth.token(rq));
    for (ZohoModule m : ZohoModule.values()) {
      String base = "/crm/v8/" + m.apiName();
      String op = m.apiName();
      api("GET", base + "/deleted", op + ".deleted", OperationKind.READ, (o, rq, p, c) -> o.records().deleted(m, rq));
      api("GET", base + "/search", op + ".search", OperationKind.READ, (o, rq, p, c) -> o.records().search(m, rq));
      api("POST", base + "/upsert", op + ".upsert", OperationKind.WRITE,
          (o, rq, p, c) -> o.records().upsert(m, rq, c, op + ".upsert"));
      api("GET", base, op + ".list", OperationKind.READ, (o, rq, p, c) -> o.records().list(m, rq));
      api("POST", base, op + ".insert", OperationKind.WRITE,
          (o, rq, p, c) -> o.records().insert(m, rq, c, op + ".insert"));
      api("PUT", base, op + ".update", OperationKind.WRITE,
          (o, rq, p, c) -> o.records().update(m, rq, null, c, op + ".update"));
      api("DELETE", base, op + ".delete", OperationKind.WRITE,
          (o, rq, p, c) -> o.records().delete(m, rq, null, op + ".delete"));
      api("GET", base + "/{id}", op + ".get", OperationKind.READ, (o, rq, p, c) -> o.records().get(m, p.get("id"), rq));
      api("PUT", base + "/{id}", op + ".update", OperationKind.WRITE,
          (o, rq, p, c) -> o.records().update(m, rq, p.get("id"), c, op + ".update"));
      api("DELETE", base + "/{id}", op + ".delete", OperationKind.WRITE,
          (o, rq, p, c) -> o.records().delete(m, rq, p.get("id"), op + ".delete"));
    }
    api("POST", "/crm/v8/coql", "coql", OperationKind.READ, (o, rq, p, c) -> o.coql().query(rq));
    api("GET", "/crm/v8/settings/modules", "settings.modules", OperationKind.READ, (o, rq, p, c) -> meta.modules(rq));
    api("GET", "/crm/v8/settings/fields", "settings.fields", OperationKind.READ, (o, rq, p, c) -> meta.fields(rq));
    OrgApi org = new OrgApi(mapper, errors, settings.timeZone());
    api("GET", "/crm/v8/users", "users.list", OperationKind.READ, (o, rq, p, c) -> org.users(rq));
    api("GET", "/crm/v8/org", "org.get", OperationKind.READ, (o, rq, p, c) -> org.org(rq));
    api("POST", "/crm/v8/actions/watch", "watch.enable", OperationKind.WRITE, (o, rq, p, c) -> o.watch().enable(rq));
    api("GET", "/crm/v8/actions/watch", "watch.list", OperationKind.READ, (o, rq, p, c) -> o.watch().list(rq));
    api("PUT", "/crm/v8/actions/watch", "watch.update", OperationKind.WRITE, (o, rq, p, c) -> o.watch().replace(rq));
    api("PATCH", "/crm/v8/actions/watch", "watch.update", OperationKind.WRITE, (o, rq, p, c) -> o.watch().patch(rq));
    api("DELETE", "/crm/v8/actions/watch", "watch.disable", OperationKind.WRITE, (o, rq, p, c) -> o.watch().disable(rq));
    for (String method : List.of("GET", "POST", "PUT", "DELETE", "PATCH")) {
      for (String path : List.of("/crm/v8/{module}", "/crm/v8/{module}/{id}")) {
        server.route(method, path, "unknown", OperationKind.READ, false, (rq, p) -> {
          if (ZohoModule.byApiName(p.get("module")).isPresent()) return errors.methodNotAllowed(rq);
          ObjectMapper m = mapper;
          return SimResponse.json(400, errors.item("INVALID_MODULE", "The module name given seems to be invalid",
              errors.details().put("resource_path_index", 0)), m);
        });
      }
    }
    new AdminApi(mapper, clock, this::adminOrg).register(server);
    this.limits = new LimitsApi(mapper, this::adminOrg);
    limits.register(server);
    server.adminRoute("GET", "/tenants", (rq, p) -> SimResponse.json(200, Map.of("tenants", orgList()), mapper));
    server.adminRoute("POST", "/tenants", this::createOrg);

    RecordStore store = defaultOrg.store();
    if (options.stateFile() != null) {
      this.stateFile = new StateFile(options.stateFile(), store, mapper);
      if (!stateFile.load()) SampleData.load(store, options.records(), clock.instant());
      store.onChange(stateFile::scheduleSave);
    } else {
      this.stateFile = null;
      SampleData.load(store, options.records(), clock.instant());
    }
    defaultOrg.followLag(); // after the initial data: it exists before the start and is visible under any lag
    for (int n = 2; n <= options.tenants(); n++) {
      addTenant(creds.refreshToken() + "-" + n, options.records());
    }
  }

  /** An API handler run for the org whose access token the request carries. */
  @FunctionalInterface
  private interface OrgHandler {
    SimResponse handle(ZohoOrg org, SimRequest rq, Map<String, String> params, ZohoHandler.CallCost cost)
        throws Exception;
  }

  private ZohoOrg orgFor(SimTenant scope, ZohoCredentials credentials) {
    ZohoOrg org = new ZohoOrg(scope, credentials, settings, limitsEnforced, mapper, errors, catalog,
        options.clock(), this::baseUrl);
    orgs.put(scope.name(), org);
    return org;
  }

  /** The org of that refresh token, else the default org (whose issuer then refuses the token call). */
  private ZohoOrg orgNamed(String refreshToken) {
    ZohoOrg org = refreshToken == null ? null : orgs.get(refreshToken);
    return org == null ? defaultOrg : org;
  }

  /** The org a request's access token (or, on the token call, its refresh token) belongs to, or null. */
  private ZohoOrg orgOf(SimRequest rq) {
    String auth = rq.header("Authorization");
    if (auth != null && auth.startsWith(ApiGate.PREFIX)) {
      return orgOfToken(auth.substring(ApiGate.PREFIX.length()).trim());
    }
    if (rq.path().equals("/oauth/v2/token")) {
      String refreshToken = OAuthEndpoint.parameters(rq).get("refresh_token");
      return refreshToken == null ? null : orgs.get(refreshToken);
    }
    return null;
  }

  private ZohoOrg orgOfToken(String token) {
    for (ZohoOrg org : orgs.values()) {
      if (org.tokens().isValid(token)) return org;
    }
    return null;
  }

  private ZohoOrg adminOrg(SimRequest rq) {
    String name = server.adminTenant(rq).name();
    ZohoOrg org = orgs.get(name);
    if (org == null) { // named by the server a moment before it is ready here
      throw new io.tolk.sim.common.SimException(server.adminError(409, "tenant '" + name + "' is being added; try again"));
    }
    return org;
  }

  /**
   * Switches every org's concurrency and credit limits on or off from now on, orgs added later included, so that a
   * benchmark can measure the same converged data with and without them.
   */
  public synchronized void setLimitsEnforced(boolean on) {
    limitsEnforced = on;
    orgs.values().forEach(org -> org.gate().setEnforced(on));
  }

  /** The orgs in the order added; one being added this moment is left out until it is ready. */
  private List<ZohoOrg> orgsInOrder() {
    List<ZohoOrg> out = new ArrayList<>();
    for (SimTenant scope : server.tenants()) {
      ZohoOrg org = orgs.get(scope.name());
      if (org != null) out.add(org);
    }
    return out;
  }

  /**
   * Adds an org at run time under the simulator's OAuth client, with {@code records} sample records of its own
   * (seeded by its tenant number) and the simulator's edition limits.
   *
   * @param refreshToken the new org's refresh token, which names it
   * @return the credentials its token call takes
   * @throws IllegalArgumentException when the refresh token is taken or blank, or records is negative
   */
  public synchronized ZohoCredentials addTenant(String refreshToken, int records) {
    if (records < 0) throw new IllegalArgumentException("records must not be negative, was " + records);
    SimTenant scope = server.addTenant(refreshToken);
    ZohoOrg org = orgFor(scope, new ZohoCredentials(creds.clientId(), creds.clientSecret(), refreshToken));
    SampleData.load(org.store(), records, options.clock().instant(), SampleWorld.tenantSeed(scope.number()));
    org.followLag();
    return org.credentials();
  }

  /** The credentials of every org, in the order added (the default org's first). */
  public List<ZohoCredentials> tenantCredentials() {
    List<ZohoCredentials> out = new ArrayList<>();
    for (ZohoOrg org : orgsInOrder()) out.add(org.credentials());
    return out;
  }

  /** The counters of the org with this refresh token. */
  public SimCounters counters(String refreshToken) {
    return org(refreshToken).scope().counters();
  }

  /** Credits the org with this refresh token used in the current 24-hour window. */
  public long creditsUsed(String refreshToken) {
    return org(refreshToken).credits().used();
  }

  /** Live records of a module in the org with this refresh token. */
  public int recordCount(String refreshToken, ZohoModule module) {
    return org(refreshToken).store().size(module);
  }

  /** The record store of the org with this refresh token (package-private: tests hold its lock). */
  RecordStore store(String refreshToken) {
    return org(refreshToken).store();
  }

  private ZohoOrg org(String refreshToken) {
    ZohoOrg org = refreshToken == null ? null : orgs.get(refreshToken);
    if (org == null) throw new IllegalArgumentException("no Zoho org with refresh token '" + refreshToken + "'");
    return org;
  }

  /** {@code POST /__sim/tenants {"refreshToken":"acme-refresh","records":50}} (records optional). */
  private SimResponse createOrg(SimRequest rq, Map<String, String> p) {
    JsonNode body = server.adminBody(rq);
    JsonNode token = body.get("refreshToken");
    if (token == null || !token.isTextual() || token.asText().isBlank()) {
      return server.adminError(400, "tenants: give the new org's refresh token as \"refreshToken\", e.g. "
          + "{\"refreshToken\":\"acme-refresh\"}");
    }
    JsonNode records = body.path("records");
    if (!records.isMissingNode() && !records.canConvertToInt()) {
      return server.adminError(400, "tenants: records must be a whole number");
    }
    try {
      addTenant(token.asText(), records.asInt(0));
    } catch (IllegalArgumentException e) {
      return server.adminError(server.tenant(token.asText()) != null ? 409 : 400, "tenants: " + e.getMessage());
    }
    return SimResponse.json(201, describe(orgs.get(token.asText())), mapper);
  }

  private List<Map<String, Object>> orgList() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (ZohoOrg org : orgsInOrder()) out.add(describe(org));
    return out;
  }

  /** {"tenant","number","records":{"Accounts","Contacts"},"counters","limits"}. */
  private Map<String, Object> describe(ZohoOrg org) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("tenant", org.name());
    m.put("number", org.scope().number());
    Map<String, Object> records = new LinkedHashMap<>();
    for (ZohoModule module : ZohoModule.values()) records.put(module.apiName(), org.store().size(module));
    m.put("records", records);
    m.put("counters", org.scope().counters().snapshot());
    m.put("limits", limits.state(org));
    return m;
  }

  /** Runs the handler behind the gate (token, credits, concurrency) of the org the access token belongs to. */
  private void api(String method, String path, String operation, OperationKind kind, OrgHandler handler) {
    server.route(method, path, operation, kind, true, (rq, p) -> {
      String auth = rq.header("Authorization");
      ZohoOrg found = auth != null && auth.startsWith(ApiGate.PREFIX)
          ? orgOfToken(auth.substring(ApiGate.PREFIX.length()).trim()) : null;
      ZohoOrg org = found == null ? defaultOrg : found; // whose gate then refuses the token
      return org.gate().wrap((r, params, cost) -> handler.handle(org, r, params, cost)).handle(rq, p);
    });
  }

  /** Starts with the demo credentials ({@code demo-client} / {@code demo-secret} / {@code demo-refresh}). */
  public static ZohoSimulator start(SimOptions options) {
    return start(options, ZohoCredentials.demo());
  }

  public static ZohoSimulator start(SimOptions options, ZohoCredentials creds) {
    return start(options, creds, ZohoSettings.defaults());
  }

  public static ZohoSimulator start(SimOptions options, ZohoCredentials creds, ZohoSettings settings) {
    ZohoSimulator sim = new ZohoSimulator(options, creds, settings);
    try {
      sim.server.start();
    } catch (RuntimeException e) {
      sim.orgs.values().forEach(ZohoOrg::close);
      throw e;
    }
    return sim;
  }

  /** "http://127.0.0.1:PORT": both the accounts URL and the API domain. */
  public String baseUrl() {
    return server.baseUrl();
  }

  public int port() {
    return server.port();
  }

  public SimClock clock() {
    return server.clock();
  }

  public SimCounters counters() {
    return server.counters();
  }

  public SimServer server() {
    return server;
  }

  public ZohoSettings settings() {
    return settings;
  }

  /** The field table the validator and the metadata endpoint share. */
  public FieldCatalog fieldCatalog() {
    return catalog;
  }

  /** The record store (package-private: tests hold its lock to keep calls in flight). */
  RecordStore store() {
    return defaultOrg.store();
  }

  /** Live records of a module. */
  public int recordCount(ZohoModule module) {
    return defaultOrg.store().size(module);
  }

  public void setTokenLifetime(Duration lifetime) {
    defaultOrg.tokens().setLifetime(lifetime);
  }

  public void setCreditsPerDay(long credits) {
    defaultOrg.credits().setLimit(credits);
  }

  public long creditsUsed() {
    return defaultOrg.credits().used();
  }

  /** Lowers the 100 000-record cap of page_token paging (tests prove the cap without 100 000 records). */
  public void setTokenPagingLimit(int limit) {
    defaultOrg.records().setTokenPagingLimit(limit);
  }

  public void setConcurrencyLimit(int limit) {
    defaultOrg.gate().setConcurrencyLimit(limit);
  }

  public long creditsPerDay() {
    return defaultOrg.credits().limit();
  }

  public int concurrencyLimit() {
    return defaultOrg.gate().concurrencyLimit();
  }

  public void setFaults(Faults faults) {
    server.setFaults(faults);
  }

  /** Every issued access token becomes expired. */
  public void expireTokens() {
    defaultOrg.tokens().expireAll();
  }

  /** Notification callbacks answered with 2xx so far. */
  public long notificationsDelivered() {
    return defaultOrg.notifier().delivered();
  }

  /**
   * Empties all data: records, recycle bin, page tokens, channels, credits, the write log. Issued access tokens stay
   * valid.
   */
  public void reset() {
    defaultOrg.reset();
    server.requestLog().clear();
  }

  @Override
  public void close() {
    server.close();
    orgs.values().forEach(ZohoOrg::close);
    if (stateFile != null) stateFile.close();
  }

  /**
   * {@code --port N --records N --state FILE --faults SPEC --no-limits --bind ADDRESS --edition NAME --credits N
   * --concurrency N}. The tolk CLI has its own {@code tolk simulate zoho}; this is for running the module alone.
   */
  public static void main(String[] args) throws InterruptedException {
    SimOptions o = SimOptions.defaults().withPort(8090);
    ZohoSettings settings = ZohoSettings.defaults();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--port" -> o = o.withPort(Integer.parseInt(args[++i]));
        case "--records" -> o = o.withRecords(Integer.parseInt(args[++i]));
        case "--state" -> o = o.withStateFile(Path.of(args[++i]));
        case "--faults" -> o = o.withFaults(Faults.parse(args[++i]));
        case "--no-limits" -> o = o.withNoLimits(true);
        case "--bind" -> o = o.withBindAddress(args[++i]);
        case "--edition" -> settings = settings.withEdition(ZohoEdition.parse(args[++i]));
        case "--credits" -> settings = settings.withCreditsPerDay(Long.parseLong(args[++i]));
        case "--concurrency" -> settings = settings.withConcurrencyLimit(Integer.parseInt(args[++i]));
        case "--tenants" -> o = o.withTenants(Integer.parseInt(args[++i]));
        default -> throw new IllegalArgumentException("unknown option " + args[i]
            + " (known: --port, --records, --state, --faults, --no-limits, --bind, --edition, --credits, --concurrency,"
            + " --tenants)");
      }
    }
    ZohoSimulator sim = start(o, ZohoCredentials.demo(), settings);
    Runtime.getRuntime().addShutdownHook(new Thread(sim::close));
    System.out.println("Zoho CRM simulator on " + sim.baseUrl() + " (client id demo-client, secret demo-secret, refresh token demo-refresh)");
    Thread.currentThread().join();
  }

  /** Every access token this simulator issued since it started, expired or not: what a test looks for in tolk's output. */
  public java.util.Set<String> issuedAccessTokens() {
    java.util.Set<String> all = new java.util.HashSet<>();
    orgsInOrder().forEach(o -> all.addAll(o.tokens().everIssued()));
    return all;
  }
}
