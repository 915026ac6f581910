package io.tolk.sim.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The shared HTTP server: JDK com.sun.net.httpserver on a fixed thread pool, bound to loopback unless told otherwise.
 * <p>Faults apply per request to READ and WRITE operations (never AUTH or ADMIN, nor a request with
 * {@value #NO_FAULTS_HEADER}: {@value #NO_FAULTS_VALUE}):</p>
 * <ul>
 *   <li>latency: added (real time) before the request is handled;</li>
 *   <li>throttle: answered with {@link ErrorShapes#throttled}; error: {@link ErrorShapes#serverError} 500 or 503;
 *       neither runs the handler;</li>
 *   <li>drop: the handler runs (so a write IS applied), then the connection is cut with no response at all;</li>
 *   <li>stall: the handler runs, the headers (with the full Content-Length) and half the body are sent, and the
 *       response never finishes until the client gives up or the server stops. A stalled response does not hold a
 *       pool thread.</li>
 * </ul>
 * <p>Uncaught handler exceptions become {@link ErrorShapes#serverError}(500) with no stack trace; Jackson parse
 * errors thrown by a handler become {@link ErrorShapes#malformed}. A body larger than {@link #maxBodyBytes()} is
 * answered with {@link ErrorShapes#malformed}.</p>
 * <p>Built-in admin API (never faulted, never counted): {@code GET /__sim/counters}, {@code POST /__sim/counters/reset},
 * {@code GET|POST /__sim/clock}, {@code GET|POST /__sim/faults}, {@code GET /__sim/writes} (the {@link WriteLog} of the
 * records the API changed), {@code POST /__sim/writes/reset}, {@code GET /__sim/requests} (the {@link RequestLog} of
 * every API request answered) and {@code POST /__sim/requests/reset}.</p>
 * <p>Tenants: counters, write log and faults are kept per {@link SimTenant}. An API request belongs to the tenant the
 * simulator's resolver names from its credentials (see {@link #resolveTenantsWith}), else to the default tenant; an
 * admin request to the tenant named by {@code ?tenant=NAME} or the {@code X-Sim-Tenant} header, else to the default
 * tenant (an unknown name is answered 404). The clock and the request log are the server's, shared by all tenants.</p>
 */
public final class SimServer implements AutoCloseable {
  /**
   * A request carrying this header with the value {@value #NO_FAULTS_VALUE} is never faulted (no latency, no injected
   * answer), takes no draw from the fault sequence and is left out of the {@link RequestLog}: how a test's own "user"
   * edits records while tolk's requests meet the faults. Lag still applies (it belongs to the data, not the request).
   */
  public static final String NO_FAULTS_HEADER = "X-Sim-Faults";
  public static final String NO_FAULTS_VALUE = "off";

  /** Default request body limit: 10 MiB. */
  public static final int DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;
  private static final int THREADS = 32;

  static {
    // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's delayed ACK: ~40 ms per call.
    // Read once by sun.net.httpserver.ServerConfig, so it must be set before the first HttpServer is created.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final String name;
  private final SimOptions options;
  private final ErrorShapes errors;
  private final ObjectMapper mapper;
  /** The header that names the tenant of an admin request (or the {@code tenant} query parameter). */
  public static final String TENANT_HEADER = "X-Sim-Tenant";

  private final Map<String, OperationKind> kinds = new ConcurrentHashMap<>();
  private final Map<String, SimTenant> tenantsByName = new ConcurrentHashMap<>();
  private final List<SimTenant> tenants = new CopyOnWriteArrayList<>();
  private final SimTenant defaultTenant;
  private volatile java.util.function.Function<SimRequest, SimTenant> tenantResolver = rq -> null;
  private final RequestLog requestLog = new RequestLog(java.time.Clock.systemUTC(), RequestLog.DEFAULT_CAPACITY);
  private final List<Route> routes = new CopyOnWriteArrayList<>();
  private final List<Route> adminRoutes = new CopyOnWriteArrayList<>();
  private final Set<HttpExchange> stalled = ConcurrentHashMap.newKeySet();
  private volatile int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
  private HttpServer server;
  private ExecutorService executor;

  public SimServer(String name, SimOptions options, ErrorShapes errors, ObjectMapper mapper) {
    this(name, options, errors, mapper, "default");
  }

  /** A server whose default tenant is called {@code defaultTenant} (e.g. the demo client key). */
  public SimServer(String name, SimOptions options, ErrorShapes errors, ObjectMapper mapper, String defaultTenant) {
    this.name = name;
    this.options = options;
    this.errors = errors;
    this.mapper = mapper;
    this.defaultTenant = addTenant(defaultTenant);
    registerBuiltInAdmin();
  }

  // ------------------------------------------------------------------ tenants

  /**
   * Adds a tenant with the start options' faults, numbered after the last one.
   *
   * @throws IllegalArgumentException when the name is blank or already taken
   */
  public synchronized SimTenant addTenant(String tenantName) {
    if (tenantName == null || tenantName.isBlank()) {
      throw new IllegalArgumentException("a tenant needs a name");
    }
    if (tenantsByName.containsKey(tenantName)) {
      throw new IllegalArgumentException("tenant '" + tenantName + "' exists already");
    }
    SimTenant t = new SimTenant(tenantName, tenants.size() + 1, new SimCounters(kinds), options.clock(), options.faults());
    tenantsByName.put(tenantName, t);
    tenants.add(t);
    return t;
  }

  /** The tenant of that name, or null. */
  public SimTenant tenant(String tenantName) {
    return tenantName == null ? null : tenantsByName.get(tenantName);
  }

  /** The first tenant: the one requests without a tenant of their own belong to. */
  public SimTenant defaultTenant() {
    return defaultTenant;
  }

  /** Every tenant, in the order added (the default one first). */
  public List<SimTenant> tenants() {
    return List.copyOf(tenants);
  }

  /**
   * How an API request finds its tenant (from its token or credentials); null from the resolver means the default
   * tenant. Called once per request before counting and faults, so it must be cheap and must not throw.
   */
  public void resolveTenantsWith(java.util.function.Function<SimRequest, SimTenant> resolver) {
    this.tenantResolver = resolver == null ? rq -> null : resolver;
  }

  /**
   * The tenant an admin request names ({@code ?tenant=NAME} or the {@link #TENANT_HEADER} header), or the default
   * tenant when it names none.
   *
   * @throws SimException a 404 admin error when no tenant has that name
   */
  public SimTenant adminTenant(SimRequest rq) {
    String wanted = rq.query("tenant");
    if (wanted == null) {
      wanted = rq.header(TENANT_HEADER);
    }
    if (wanted == null || wanted.isEmpty()) {
      return defaultTenant;
    }
    SimTenant t = tenantsByName.get(wanted);
    if (t == null) {
      throw new SimException(adminError(404, "no tenant '" + wanted + "' (GET /__sim/tenants lists them)"));
    }
    return t;
  }

  private SimTenant apiTenant(SimRequest rq) {
    SimTenant t;
    try {
      t = tenantResolver.apply(rq);
    } catch (RuntimeException e) {
      t = null; // a malformed credential is the handler's to refuse; it is counted for the default tenant
    }
    return t == null ? defaultTenant : t;
  }

  /**
   * Registers an API route. Path templates look like "/v2/Customers/{id}"; a {name} segment matches any one
   * non-empty segment. With caseInsensitivePath the literal segments match ignoring case (PowerOffice style).
   */
  public void route(String method, String pathTemplate, String operation, OperationKind kind, boolean caseInsensitivePath,
                    SimHandler handler) {
    routes.add(new Route(method.toUpperCase(Locale.ROOT), split(pathTemplate), operation, kind, caseInsensitivePath, handler));
    kinds.put(operation, kind);
  }

  /** Registers a simulator-specific admin route below /__sim (e.g. "fixtures" or "/tokens/expire"). */
  public void adminRoute(String method, String subPath, SimHandler handler) {
    String p = subPath.startsWith("/") ? subPath : "/" + subPath;
    adminRoutes.add(0, new Route(method.toUpperCase(Locale.ROOT), split("/__sim" + p), "admin" + p, OperationKind.ADMIN,
        false, handler));
  }

  /**
   * Answers {@code GET} (and {@code HEAD}) of each path, e.g. "/" and the API root, with the simulator's JSON index;
   * not counted and never faulted.
   */
  public void serveIndex(SimIndex index, String... paths) {
    for (String path : paths) {
      routes.add(new Route("GET", split(path), "index", OperationKind.ADMIN, true,
          (rq, p) -> SimResponse.json(200, index.describe(baseUrl(), adminEndpoints()), mapper)));
    }
  }

  /** The admin API's endpoints, e.g. {@code GET /__sim/counters}, in a stable order. */
  public List<String> adminEndpoints() {
    java.util.TreeSet<String> out = new java.util.TreeSet<>();
    for (Route r : adminRoutes) {
      out.add(r.method + " /" + String.join("/", r.segments));
    }
    return List.copyOf(out);
  }

  /** Sets the default tenant's faults. */
  public void setFaults(Faults f) {
    defaultTenant.setFaults(f);
  }

  /** Called with the default tenant's new faults whenever they are set (Java or {@code POST /__sim/faults}). */
  public void onFaultsChanged(java.util.function.Consumer<Faults> listener) {
    defaultTenant.onFaultsChanged(listener == null ? f -> { } : listener);
  }

  /** The default tenant's faults. */
  public Faults faults() {
    return defaultTenant.faults();
  }

  /** The default tenant's counters. */
  public SimCounters counters() {
    return defaultTenant.counters();
  }

  /** Every API request answered, with its arrival time, status, fault and Retry-After ({@code GET /__sim/requests}). */
  public RequestLog requestLog() {
    return requestLog;
  }

  /** The records the default tenant's API calls changed, in the order applied; handlers record into it. */
  public WriteLog writeLog() {
    return defaultTenant.writeLog();
  }

  public SimClock clock() {
    return options.clock();
  }

  public SimOptions options() {
    return options;
  }

  public String name() {
    return name;
  }

  public int maxBodyBytes() {
    return maxBodyBytes;
  }

  public void setMaxBodyBytes(int max) {
    this.maxBodyBytes = max;
  }

  /** Binds and starts serving. */
  public synchronized void start() {
    if (server != null) {
      throw new IllegalStateException(name + " simulator already started");
    }
    try {
      server = HttpServer.create(new InetSocketAddress(options.bindAddress(), options.port()), 512);
    } catch (IOException e) {
      throw new UncheckedIOException(name + " simulator: cannot listen on " + options.bindAddress() + ":" + options.port()
          + ": " + e.getMessage(), e);
    }
    AtomicInteger n = new AtomicInteger();
    ThreadFactory tf = r -> {
      Thread t = new Thread(r, name + "-sim-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
    executor = Executors.newFixedThreadPool(THREADS, tf);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  public int port() {
    if (server == null) {
      throw new IllegalStateException(name + " simulator not started");
    }
    return server.getAddress().getPort();
  }

  /** The address the server listens on, e.g. 127.0.0.1 (loopback, the default) or 0.0.0.0 (every interface). */
  public java.net.InetAddress boundAddress() {
    if (server == null) {
      throw new IllegalStateException(name + " simulator not started");
    }
    return server.getAddress().getAddress();
  }

  /** "http://127.0.0.1:PORT" (the bind address; "localhost"-style names kept as given). */
  public String baseUrl() {
    String host = options.bindAddress();
    if ("0.0.0.0".equals(host)) {
      host = "127.0.0.1";
    } else if (host.contains(":") && !host.startsWith("[")) {
      host = "[" + host + "]";
    }
    return "http://" + host + ":" + port();
  }

  /** Stops serving; stalled responses are cut. Idempotent. */
  @Override
  public synchronized void close() {
    if (server == null) {
      return;
    }
    for (HttpExchange ex : stalled) {
      try {
        ex.close();
      } catch (RuntimeException ignored) {
        // the half-written body cannot be completed; closing cuts the connection
      }
    }
    stalled.clear();
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    server = null;
  }

  // ------------------------------------------------------------------ request handling

  private void handle(HttpExchange ex) throws IOException {
    SimRequest request;
    boolean tooLarge = false;
    try {
      byte[] body = readBody(ex.getRequestBody(), maxBodyBytes);
      if (body == null) {
        tooLarge = true;
        body = new byte[0];
      }
      request = new SimRequest(ex.getRequestMethod().toUpperCase(Locale.ROOT), normalise(ex.getRequestURI().getPath()),
          parseQuery(ex.getRequestURI()), headers(ex.getRequestHeaders()), body);
    } catch (IOException e) {
      ex.close();
      return;
    }
    boolean head = "HEAD".equals(request.method());
    if (tooLarge) {
      send(ex, errors.malformed(request, "the request body is larger than " + maxBodyBytes + " bytes"), head);
      return;
    }
    Match match = match(request);
    if (match == null) {
      send(ex, pathKnown(request) ? errors.methodNotAllowed(request) : errors.notFound(request), head);
      return;
    }
    Route route = match.route;
    SimTenant tenant = route.kind == OperationKind.ADMIN ? defaultTenant : apiTenant(request);
    Instant arrived = requestLog.now();
    String target = ex.getRequestURI().getRawQuery() == null ? ex.getRequestURI().getRawPath()
        : ex.getRequestURI().getRawPath() + "?" + ex.getRequestURI().getRawQuery();
    boolean faultable = (route.kind == OperationKind.READ || route.kind == OperationKind.WRITE)
        && !NO_FAULTS_VALUE.equalsIgnoreCase(String.valueOf(request.header(NO_FAULTS_HEADER)));
    if (route.kind != OperationKind.ADMIN) {
      tenant.counters().count(route.operation);
    }
    FaultKind fault = FaultKind.NONE;
    if (faultable) {
      FaultDecider decider = tenant.decider();
      Duration latency = decider.faults().latency();
      if (!latency.isZero()) {
        try {
          Thread.sleep(latency.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          ex.close();
          return;
        }
      }
      fault = decider.next();
      if (fault == FaultKind.THROTTLE) {
        tenant.counters().throttled();
        send(ex, logged(arrived, request, target, route, fault, errors.throttled(request)), head);
        return;
      }
      if (fault == FaultKind.ERROR) {
        send(ex, logged(arrived, request, target, route, fault, errors.serverError(request, decider.nextErrorStatus())),
            head);
        return;
      }
    }
    SimResponse response = invoke(route, request, match.params);
    if (route.kind != OperationKind.ADMIN && (faultable || route.kind == OperationKind.AUTH)) {
      if (fault == FaultKind.DROP) {
        requestLog.record(arrived, request, target, route.operation, 0, fault, null);
      } else {
        logged(arrived, request, target, route, fault, response);
      }
    }
    if (fault == FaultKind.DROP) {
      // the JDK server closes the connection without a response when the handler throws before sending headers
      throw new DroppedConnection();
    }
    if (fault == FaultKind.STALL) {
      stall(ex, response);
      return;
    }
    send(ex, response, head);
  }

  private SimResponse logged(Instant arrived, SimRequest request, String target, Route route, FaultKind fault,
                             SimResponse response) {
    requestLog.record(arrived, request, target, route.operation, response.status(), fault,
        response.headers().get("Retry-After"));
    return response;
  }

  private SimResponse invoke(Route route, SimRequest request, Map<String, String> params) {
    try {
      SimResponse r = route.handler.handle(request, params);
      return r == null ? SimResponse.empty(204) : r;
    } catch (SimException e) {
      return e.response();
    } catch (JsonProcessingException e) {
      return errors.malformed(request, "the request body is not valid JSON: " + e.getOriginalMessage());
    } catch (Exception | StackOverflowError e) {
      System.getLogger(SimServer.class.getName()).log(System.Logger.Level.WARNING,
          name + " simulator: " + request.method() + " " + request.path() + " failed: " + e, e);
      return errors.serverError(request, 500);
    }
  }

  private void stall(HttpExchange ex, SimResponse response) throws IOException {
    byte[] body = response.body();
    if (response.status() == 204 || response.status() == 304) {
      stalled.add(ex); // an answer without a body cannot stop half-way: it stalls before its headers
      return;
    }
    response.headers().forEach(ex.getResponseHeaders()::set);
    if (body.length < 2) {
      // nothing to cut in half: announce one byte more than we send
      ex.sendResponseHeaders(response.status(), body.length + 1L);
      OutputStream os = ex.getResponseBody();
      os.write(body);
      os.flush();
    } else {
      ex.sendResponseHeaders(response.status(), body.length);
      OutputStream os = ex.getResponseBody();
      os.write(body, 0, body.length / 2);
      os.flush();
    }
    stalled.add(ex); // returns the thread; the exchange stays open until close()
  }

  private void send(HttpExchange ex, SimResponse r, boolean head) throws IOException {
    try {
      Headers h = ex.getResponseHeaders();
      r.headers().forEach(h::set);
      byte[] body = r.body();
      if (body.length == 0 || r.status() == 204 || r.status() == 304 || head) {
        ex.sendResponseHeaders(r.status(), -1);
      } else {
        ex.sendResponseHeaders(r.status(), body.length);
        try (OutputStream os = ex.getResponseBody()) {
          os.write(body);
        }
      }
    } finally {
      ex.close();
    }
  }

  private static byte[] readBody(InputStream in, int max) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[16384];
    long total = 0;
    int n;
    boolean over = false;
    while ((n = in.read(buf)) > 0) {
      total += n;
      if (total > max) {
        over = true; // keep draining so the client sees our answer
        continue;
      }
      out.write(buf, 0, n);
    }
    return over ? null : out.toByteArray();
  }

  private static String normalise(String path) {
    if (path == null || path.isEmpty()) {
      return "/";
    }
    while (path.length() > 1 && path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return path;
  }

  private static Map<String, List<String>> parseQuery(URI uri) {
    String raw = uri.getRawQuery();
    if (raw == null || raw.isEmpty()) {
      return Map.of();
    }
    Map<String, List<String>> q = new LinkedHashMap<>();
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = decode(eq < 0 ? pair : pair.substring(0, eq));
      String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
      q.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
    }
    return Collections.unmodifiableMap(q);
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  private static Map<String, List<String>> headers(Headers h) {
    Map<String, List<String>> m = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    h.forEach((k, v) -> m.put(k, List.copyOf(v)));
    return Collections.unmodifiableMap(m);
  }

  // ------------------------------------------------------------------ routing

  private record Route(String method, String[] segments, String operation, OperationKind kind, boolean caseInsensitive,
                       SimHandler handler) {
  }

  private record Match(Route route, Map<String, String> params) {
  }

  private static String[] split(String path) {
    String p = normalise(path);
    return p.equals("/") ? new String[0] : p.substring(1).split("/", -1);
  }

  private Match match(SimRequest request) {
    String[] segs = split(request.path());
    List<Route> list = request.path().startsWith("/__sim/") || request.path().equals("/__sim") ? adminRoutes : routes;
    String method = "HEAD".equals(request.method()) ? "GET" : request.method();
    for (Route r : list) {
      if (!r.method.equals(method)) {
        continue;
      }
      Map<String, String> params = matchSegments(r, segs);
      if (params != null) {
        return new Match(r, params);
      }
    }
    return null;
  }

  private boolean pathKnown(SimRequest request) {
    String[] segs = split(request.path());
    for (Route r : request.path().startsWith("/__sim") ? adminRoutes : routes) {
      if (matchSegments(r, segs) != null) {
        return true;
      }
    }
    return false;
  }

  private static Map<String, String> matchSegments(Route r, String[] segs) {
    if (r.segments.length != segs.length) {
      return null;
    }
    Map<String, String> params = null;
    for (int i = 0; i < segs.length; i++) {
      String t = r.segments[i];
      if (t.length() > 2 && t.startsWith("{") && t.endsWith("}")) {
        if (segs[i].isEmpty()) {
          return null;
        }
        if (params == null) {
          params = new LinkedHashMap<>();
        }
        params.put(t.substring(1, t.length() - 1), segs[i]);
      } else if (r.caseInsensitive ? !t.equalsIgnoreCase(segs[i]) : !t.equals(segs[i])) {
        return null;
      }
    }
    return params == null ? Map.of() : params;
  }

  // ------------------------------------------------------------------ built-in admin

  private void registerBuiltInAdmin() {
    adminRoutes.add(new Route("GET", split("/__sim/counters"), "admin/counters", OperationKind.ADMIN, false,
        (rq, p) -> SimResponse.json(200, adminTenant(rq).counters().snapshot(), mapper)));
    adminRoutes.add(new Route("POST", split("/__sim/counters/reset"), "admin/counters/reset", OperationKind.ADMIN, false,
        (rq, p) -> {
          SimCounters c = adminTenant(rq).counters();
          c.reset();
          return SimResponse.json(200, c.snapshot(), mapper);
        }));
    adminRoutes.add(new Route("GET", split("/__sim/writes"), "admin/writes", OperationKind.ADMIN, false,
        (rq, p) -> SimResponse.json(200, adminTenant(rq).writeLog().snapshot(), mapper)));
    adminRoutes.add(new Route("POST", split("/__sim/writes/reset"), "admin/writes/reset", OperationKind.ADMIN, false,
        (rq, p) -> {
          WriteLog log = adminTenant(rq).writeLog();
          log.clear();
          return SimResponse.json(200, log.snapshot(), mapper);
        }));
    adminRoutes.add(new Route("GET", split("/__sim/requests"), "admin/requests", OperationKind.ADMIN, false,
        (rq, p) -> SimResponse.json(200, requestLog.snapshot(), mapper)));
    adminRoutes.add(new Route("POST", split("/__sim/requests/reset"), "admin/requests/reset", OperationKind.ADMIN, false,
        (rq, p) -> {
          requestLog.clear();
          return SimResponse.json(200, requestLog.snapshot(), mapper);
        }));
    adminRoutes.add(new Route("GET", split("/__sim/clock"), "admin/clock", OperationKind.ADMIN, false,
        (rq, p) -> clockState()));
    adminRoutes.add(new Route("POST", split("/__sim/clock"), "admin/clock", OperationKind.ADMIN, false, (rq, p) -> {
      JsonNode body = adminBody(rq);
      try {
        if (body.hasNonNull("set")) {
          clock().set(Instant.parse(body.get("set").asText()));
        }
        if (body.hasNonNull("advanceSeconds")) {
          clock().advance(Duration.ofMillis(Math.round(body.get("advanceSeconds").asDouble() * 1000)));
        }
        if (body.path("release").asBoolean(false)) {
          clock().release();
        }
      } catch (RuntimeException e) {
        return adminError(400, "clock: " + e.getMessage());
      }
      return clockState();
    }));
    adminRoutes.add(new Route("GET", split("/__sim/faults"), "admin/faults", OperationKind.ADMIN, false,
        (rq, p) -> SimResponse.json(200, Map.of("spec", adminTenant(rq).faults().toSpec()), mapper)));
    adminRoutes.add(new Route("POST", split("/__sim/faults"), "admin/faults", OperationKind.ADMIN, false, (rq, p) -> {
      SimTenant tenant = adminTenant(rq);
      JsonNode body = adminBody(rq);
      try {
        tenant.setFaults(Faults.parse(body.path("spec").asText("")));
      } catch (IllegalArgumentException e) {
        return adminError(400, e.getMessage());
      }
      return SimResponse.json(200, Map.of("spec", tenant.faults().toSpec()), mapper);
    }));
  }

  private SimResponse clockState() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("now", clock().instant().toString());
    m.put("pinned", clock().isPinned());
    return SimResponse.json(200, m, mapper);
  }

  /** Parses an admin JSON body ({} when empty); a bad body answers 400. */
  public JsonNode adminBody(SimRequest rq) {
    if (rq.body().length == 0) {
      return mapper.createObjectNode();
    }
    try {
      JsonNode n = mapper.readTree(rq.body());
      if (n == null || !n.isObject()) {
        throw new SimException(adminError(400, "admin: the body must be a JSON object"));
      }
      return n;
    } catch (IOException e) {
      throw new SimException(adminError(400, "admin: the body is not valid JSON"));
    }
  }

  /** An admin error: {"error": message}. */
  public SimResponse adminError(int status, String message) {
    return SimResponse.json(status, Map.of("error", message), mapper);
  }

  /** Thrown from the HttpHandler to make the JDK server cut the connection without a response. */
  private static final class DroppedConnection extends RuntimeException {
    DroppedConnection() {
      super("simulated dropped connection", null, false, false);
    }
  }
}
