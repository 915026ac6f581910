package io.tolk.sim.zoho;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tolk.sim.common.Faults;
import io.tolk.sim.common.OperationKind;
import io.tolk.sim.common.SimClock;
import io.tolk.sim.common.SimCounters;
import io.tolk.sim.common.SimOptions;
import io.tolk.sim.common.SimResponse;
import io.tolk.sim.common.SimServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A local Zoho CRM v8 simulator: the accounts server's {@code /oauth/v2/token} and the CRM API ({@code /crm/v8/...}:
 * Accounts and Contacts records, deleted records, search, field metadata, notifications, the current user and org) on one base URL, plus the
 * admin API under {@code /__sim}. Start with {@link #start(SimOptions)}; close when done.
 */
public final class ZohoSimulator implements AutoCloseable {
  private final SimServer server;
  private final ZohoSettings settings;
  private final RecordStore store;
  private final FieldCatalog catalog;
  private final TokenIssuer tokens;
  private final CreditMeter credits;
  private final PageTokens pageTokens;
  private final Notifier notifier;
  private final ApiGate gate;
  private final StateFile stateFile;
  private final RecordsApi records;
  private final LaggedReads reads;

  private ZohoSimulator(SimOptions options, ZohoCredentials creds, ZohoSettings settings) {
    this.settings = settings;
    ObjectMapper mapper = new ObjectMapper();
    ZohoErrors errors = new ZohoErrors(mapper);
    SimClock clock = options.clock();
    this.server = new SimServer("zoho", options, errors, mapper);
    this.catalog = new FieldCatalog(settings);
    this.store = new RecordStore(Map.of(ZohoModule.ACCOUNTS, catalog.indexedFields(ZohoModule.ACCOUNTS),
        ZohoModule.CONTACTS, catalog.indexedFields(ZohoModule.CONTACTS)));
    ZohoTime time = new ZohoTime(settings.timeZone());
    this.tokens = new TokenIssuer(creds, clock, settings.tokenLifetime());
    this.credits = new CreditMeter(clock, settings.creditsPerDay());
    this.pageTokens = new PageTokens(clock);
    this.notifier = new Notifier(mapper, clock, this::baseUrl);
    this.gate = new ApiGate(tokens, credits, errors, server.counters(), !options.noLimits(), settings.concurrencyLimit());
    this.reads = new LaggedReads(store, clock, () -> server.faults().lag());
    RecordJson json = new RecordJson(mapper, catalog, store, time);
    RecordValidator validator = new RecordValidator(catalog, store, errors, settings.unknownFields());
    RecordWriter writer = new RecordWriter(mapper, catalog, store, validator, errors, time, clock, json,
        server.writeLog());
    this.records = new RecordsApi(mapper, catalog, store, writer, json, errors, time, clock, pageTokens, notifier,
        server.counters(), reads);
    SettingsApi meta = new SettingsApi(mapper, catalog, errors);
    WatchApi watch = new WatchApi(mapper, notifier, errors, time, clock, this::baseUrl);
    OAuthEndpoint oauth = new OAuthEndpoint(mapper, tokens, this::baseUrl);
    CoqlApi coql = new CoqlApi(mapper, catalog, reads, errors, time);

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
      api("GET", base + "/deleted", op + ".deleted", OperationKind.READ, (rq, p, c) -> records.deleted(m, rq));
      api("GET", base + "/search", op + ".search", OperationKind.READ, (rq, p, c) -> records.search(m, rq));
      api("POST", base + "/upsert", op + ".upsert", OperationKind.WRITE, (rq, p, c) -> records.upsert(m, rq, c, op + ".upsert"));
      api("GET", base, op + ".list", OperationKind.READ, (rq, p, c) -> records.list(m, rq));
      api("POST", base, op + ".insert", OperationKind.WRITE, (rq, p, c) -> records.insert(m, rq, c, op + ".insert"));
      api("PUT", base, op + ".update", OperationKind.WRITE, (rq, p, c) -> records.update(m, rq, null, c, op + ".update"));
      api("DELETE", base, op + ".delete", OperationKind.WRITE, (rq, p, c) -> records.delete(m, rq, null, op + ".delete"));
      api("GET", base + "/{id}", op + ".get", OperationKind.READ, (rq, p, c) -> records.get(m, p.get("id"), rq));
      api("PUT", base + "/{id}", op + ".update", OperationKind.WRITE,
          (rq, p, c) -> records.update(m, rq, p.get("id"), c, op + ".update"));
      api("DELETE", base + "/{id}", op + ".delete", OperationKind.WRITE,
          (rq, p, c) -> records.delete(m, rq, p.get("id"), op + ".delete"));
    }
    api("POST", "/crm/v8/coql", "coql", OperationKind.READ, (rq, p, c) -> coql.query(rq));
    api("GET", "/crm/v8/settings/modules", "settings.modules", OperationKind.READ, (rq, p, c) -> meta.modules(rq));
    api("GET", "/crm/v8/settings/fields", "settings.fields", OperationKind.READ, (rq, p, c) -> meta.fields(rq));
    OrgApi org = new OrgApi(mapper, errors, settings.timeZone());
    api("GET", "/crm/v8/users", "users.list", OperationKind.READ, (rq, p, c) -> org.users(rq));
    api("GET", "/crm/v8/org", "org.get", OperationKind.READ, (rq, p, c) -> org.org(rq));
    api("POST", "/crm/v8/actions/watch", "watch.enable", OperationKind.WRITE, (rq, p, c) -> watch.enable(rq));
    api("GET", "/crm/v8/actions/watch", "watch.list", OperationKind.READ, (rq, p, c) -> watch.list(rq));
    api("PUT", "/crm/v8/actions/watch", "watch.update", OperationKind.WRITE, (rq, p, c) -> watch.replace(rq));
    api("PATCH", "/crm/v8/actions/watch", "watch.update", OperationKind.WRITE, (rq, p, c) -> watch.patch(rq));
    api("DELETE", "/crm/v8/actions/watch", "watch.disable", OperationKind.WRITE, (rq, p, c) -> watch.disable(rq));
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
    new AdminApi(mapper, store, clock, this::reset, tokens, notifier).register(server);
    new LimitsApi(mapper, credits, gate, !options.noLimits()).register(server);

    if (options.stateFile() != null) {
      this.stateFile = new StateFile(options.stateFile(), store, mapper);
      if (!stateFile.load()) SampleData.load(store, options.records(), clock.instant());
      store.onChange(stateFile::scheduleSave);
    } else {
      this.stateFile = null;
      SampleData.load(store, options.records(), clock.instant());
    }
    startLag(); // after the initial data: it exists before the start and is visible under any lag
  }

  private void startLag() {
    reads.lagChanged();
    server.onFaultsChanged(f -> reads.lagChanged());
  }

  private void api(String method, String path, String operation, OperationKind kind, ZohoHandler handler) {
    server.route(method, path, operation, kind, true, gate.wrap(handler));
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
      sim.notifier.close();
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
    return store;
  }

  /** Live records of a module. */
  public int recordCount(ZohoModule module) {
    return store.size(module);
  }

  public void setTokenLifetime(Duration lifetime) {
    tokens.setLifetime(lifetime);
  }

  public void setCreditsPerDay(long credits) {
    this.credits.setLimit(credits);
  }

  public long creditsUsed() {
    return credits.used();
  }

  /** Lowers the 100 000-record cap of page_token paging (tests prove the cap without 100 000 records). */
  public void setTokenPagingLimit(int limit) {
    records.setTokenPagingLimit(limit);
  }

  public void setConcurrencyLimit(int limit) {
    gate.setConcurrencyLimit(limit);
  }

  public long creditsPerDay() {
    return credits.limit();
  }

  public int concurrencyLimit() {
    return gate.concurrencyLimit();
  }

  public void setFaults(Faults faults) {
    server.setFaults(faults);
  }

  /** Every issued access token becomes expired. */
  public void expireTokens() {
    tokens.expireAll();
  }

  /** Notification callbacks answered with 2xx so far. */
  public long notificationsDelivered() {
    return notifier.delivered();
  }

  /**
   * Empties all data: records, recycle bin, page tokens, channels, credits, the write log. Issued access tokens stay
   * valid.
   */
  public void reset() {
    store.clear();
    server.writeLog().clear();
    server.requestLog().clear();
    reads.reset();
    reads.lagChanged();
    pageTokens.clear();
    notifier.clear();
    credits.reset();
  }

  @Override
  public void close() {
    server.close();
    notifier.close();
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
        default -> throw new IllegalArgumentException("unknown option " + args[i]
            + " (known: --port, --records, --state, --faults, --no-limits, --bind, --edition, --credits, --concurrency)");
      }
    }
    ZohoSimulator sim = start(o, ZohoCredentials.demo(), settings);
    Runtime.getRuntime().addShutdownHook(new Thread(sim::close));
    System.out.println("Zoho CRM simulator on " + sim.baseUrl() + " (client id demo-client, secret demo-secret, refresh token demo-refresh)");
    Thread.currentThread().join();
  }

  /** Every access token this simulator issued since it started, expired or not: what a test looks for in tolk's output. */
  public java.util.Set<String> issuedAccessTokens() {
    return tokens.everIssued();
  }
}
