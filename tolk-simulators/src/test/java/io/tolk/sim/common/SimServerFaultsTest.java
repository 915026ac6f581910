package io.tolk.sim.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SimServerFaultsTest {
  private final ObjectMapper mapper = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final AtomicInteger applied = new AtomicInteger();
  private SimServer server;

  private static final ErrorShapes SHAPES = new ErrorShapes() {
    public SimResponse throttled(SimRequest r) { return SimResponse.text(429, "slow down").withHeader("Retry-After", "1"); }
    public SimResponse serverError(SimRequest r, int s) { return SimResponse.text(s, "server error"); }
    public SimResponse notFound(SimRequest r) { return SimResponse.text(404, "no such path"); }
    public SimResponse methodNotAllowed(SimRequest r) { return SimResponse.text(405, "method not allowed"); }
    public SimResponse malformed(SimRequest r, String p) { return SimResponse.text(400, p); }
  };

  private void start(String faults) {
    server = new SimServer("test", SimOptions.defaults().withFaults(Faults.parse(faults)), SHAPES, mapper);
    server.route("POST", "/things", "things.create", OperationKind.WRITE, false, (rq, p) -> {
      applied.incrementAndGet();
      return SimResponse.json(201, Map.of("id", applied.get(), "pad", "x".repeat(2000)), mapper);
    });
    server.route("GET", "/Things/{id}", "things.get", OperationKind.READ, true,
        (rq, p) -> SimResponse.json(200, Map.of("id", p.get("id")), mapper));
    server.route("POST", "/token", "auth", OperationKind.AUTH, false, (rq, p) -> SimResponse.text(200, "tok"));
    server.route("GET", "/boom", "boom", OperationKind.READ, false, (rq, p) -> {
      throw new IllegalStateException("secret internals");
    });
    server.start();
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private HttpResponse<String> post(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).timeout(Duration.ofSeconds(10))
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void droppedWriteIsAppliedButTheClientGetsAnIOException() {
    start("drop=1");
    assertThatThrownBy(() -> post("/things")).isInstanceOf(IOException.class);
    assertThat(applied.get()).isEqualTo(1);
    assertThat(server.counters().requests("things.create")).isEqualTo(1);
  }

  @Test
  void stalledBodyNeverCompletes() throws Exception {
    start("stall=1");
    HttpResponse<InputStream> resp = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/things"))
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofInputStream());
    assertThat(resp.statusCode()).isEqualTo(201);
    long announced = resp.headers().firstValueAsLong("Content-Length").orElseThrow();
    assertThat(applied.get()).isEqualTo(1);
    CompletableFuture<byte[]> body = CompletableFuture.supplyAsync(() -> {
      try (InputStream in = resp.body()) {
        return in.readAllBytes();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    assertThatThrownBy(() -> body.get(700, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
    assertThat(announced).isGreaterThan(2000);
    server.close(); // cuts the stalled response
    assertThatThrownBy(() -> body.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(java.io.UncheckedIOException.class);
  }

  @Test
  void latencyIsAdded() throws Exception {
    start("latency=300ms");
    long t0 = System.nanoTime();
    assertThat(get("/Things/1").statusCode()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
  }

  @Test
  void throttleAnswersTheVendor429WithoutRunningTheHandler() throws Exception {
    start("throttle=1");
    HttpResponse<String> r = post("/things");
    assertThat(r.statusCode()).isEqualTo(429);
    assertThat(r.headers().firstValue("Retry-After")).contains("1");
    assertThat(applied.get()).isZero();
    assertThat(server.counters().throttledCount()).isEqualTo(1);
  }

  @Test
  void errorAnswers500or503WithoutRunningTheHandler() throws Exception {
    start("error=1");
    for (int i = 0; i < 10; i++) {
      assertThat(post("/things").statusCode()).isIn(500, 503);
    }
    assertThat(applied.get()).isZero();
  }

  @Test
  void throttleShareOverASeededRunIsCloseToTheSpec() throws Exception {
    start("throttle=0.25,seed=11");
    int throttled = 0;
    for (int i = 0; i < 400; i++) {
      if (get("/things/" + i).statusCode() == 429) {
        throttled++;
      }
    }
    assertThat(throttled).isBetween(70, 130);
    assertThat(server.counters().throttledCount()).isEqualTo(throttled);
  }

  @Test
  void faultsNeverApplyToAuthOrAdmin() throws Exception {
    start("error=1");
    assertThat(post("/token").statusCode()).isEqualTo(200);
    assertThat(get("/__sim/counters").statusCode()).isEqualTo(200);
  }

  @Test
  void faultsCanBeChangedThroughTheAdminApi() throws Exception {
    start("");
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/__sim/faults"))
        .POST(HttpRequest.BodyPublishers.ofString("{\"spec\":\"throttle=1,seed=3\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(post("/things").statusCode()).isEqualTo(429);
    HttpResponse<String> bad = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/__sim/faults"))
        .POST(HttpRequest.BodyPublishers.ofString("{\"spec\":\"thrott=1\"}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("thrott");
  }

  @Test
  void unknownPathAndWrongMethodUseTheVendorShapes() throws Exception {
    start("");
    assertThat(get("/nowhere").statusCode()).isEqualTo(404);
    assertThat(get("/things").statusCode()).isEqualTo(405);
  }

  @Test
  void caseInsensitiveRoutesMatchAnyCase() throws Exception {
    start("");
    HttpResponse<String> r = get("/THINGS/42");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"42\"");
  }

  @Test
  void handlerExceptionBecomes500WithoutStackTraceAndIsLoggedForTheOperator() throws Exception {
    start("");
    java.util.logging.Logger jul = java.util.logging.Logger.getLogger(SimServer.class.getName());
    List<java.util.logging.LogRecord> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.logging.Handler capture = new java.util.logging.Handler() {
      @Override public void publish(java.util.logging.LogRecord record) { logged.add(record); }
      @Override public void flush() { }
      @Override public void close() { }
    };
    boolean parents = jul.getUseParentHandlers();
    jul.addHandler(capture);
    jul.setUseParentHandlers(false);   // the expected stack trace is asserted here, not printed
    try {
      HttpResponse<String> r = get("/boom");
      assertThat(r.statusCode()).isEqualTo(500);
      assertThat(r.body()).doesNotContain("secret internals").doesNotContain("Exception");
    } finally {
      jul.removeHandler(capture);
      jul.setUseParentHandlers(parents);
    }
    assertThat(logged).singleElement().satisfies(rec -> {
      assertThat(rec.getLevel()).isEqualTo(java.util.logging.Level.WARNING);
      assertThat(rec.getMessage()).contains("GET /boom failed");
      assertThat(rec.getThrown()).isInstanceOf(IllegalStateException.class);
    });
  }

  @Test
  void oversizedBodyIsMalformed() throws Exception {
    start("");
    server.setMaxBodyBytes(100);
    HttpResponse<String> r = post("/things");
    assertThat(r.statusCode()).isEqualTo(201); // "{}" is small
    HttpResponse<String> big = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/things"))
        .POST(HttpRequest.BodyPublishers.ofString("x".repeat(1000))).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(big.statusCode()).isEqualTo(400);
  }

  @Test
  void countersCountRequestsByOperationAndKind() throws Exception {
    start("");
    post("/things");
    get("/things/1");
    get("/things/2");
    assertThat(server.counters().writes()).isEqualTo(1);
    assertThat(server.counters().reads()).isEqualTo(2);
    assertThat(server.counters().requests("things.get")).isEqualTo(2);
    HttpResponse<String> snap = get("/__sim/counters");
    assertThat(snap.body()).contains("\"things.get\":2");
  }

  @Test
  void clockCanBeSetAndAdvancedThroughTheAdminApi() throws Exception {
    start("");
    http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/__sim/clock"))
        .POST(HttpRequest.BodyPublishers.ofString("{\"set\":\"2025-01-10T09:00:00Z\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/__sim/clock"))
        .POST(HttpRequest.BodyPublishers.ofString("{\"advanceSeconds\":90}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(get("/__sim/clock").body()).contains("2025-01-10T09:01:30Z");
  }
}
