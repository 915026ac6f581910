package io.tolk.sim.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code GET /__sim/requests}: every API request with when it came, what it was answered and its Retry-After. */
class RequestLogTest {
  private final ObjectMapper mapper = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
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
    server.route("POST", "/things", "things.create", OperationKind.WRITE, false,
        (rq, p) -> SimResponse.json(201, Map.of("ok", true), mapper));
    server.route("GET", "/things/{id}", "things.get", OperationKind.READ, false,
        (rq, p) -> SimResponse.json(200, Map.of("id", p.get("id")), mapper));
    server.start();
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private int send(String method, String path, String body) throws Exception {
    HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body);
    return http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).timeout(Duration.ofSeconds(10))
        .method(method, publisher).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  private JsonNode admin(String method, String path) throws Exception {
    return mapper.readTree(http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
        .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).body());
  }

  @Test
  void eachAnsweredRequestIsLoggedWithItsStatusTargetAndBodyButAdminRequestsAreNot() throws Exception {
    start("");
    assertThat(send("GET", "/things/7?fields=a,b", null)).isEqualTo(200);
    assertThat(send("POST", "/things", "{\"n\":1}")).isEqualTo(201);
    assertThat(send("POST", "/things", "{\"n\":2}")).isEqualTo(201);
    admin("GET", "/__sim/counters");

    JsonNode log = admin("GET", "/__sim/requests");
    assertThat(log.path("dropped").asLong()).isZero();
    JsonNode requests = log.path("requests");
    assertThat(requests).hasSize(3);
    assertThat(requests.get(0).path("target").asText()).isEqualTo("/things/7?fields=a,b");
    assertThat(requests.get(0).path("operation").asText()).isEqualTo("things.get");
    assertThat(requests.get(0).path("bodyHash").asText()).isEmpty();
    assertThat(requests.get(1).path("status").asInt()).isEqualTo(201);
    assertThat(requests.get(1).path("bodyHash").asText()).as("two bodies, two calls")
        .isNotEqualTo(requests.get(2).path("bodyHash").asText()).hasSize(16);
    List<RequestLog.Entry> entries = server.requestLog().entries();
    assertThat(entries.get(1).callKey()).isNotEqualTo(entries.get(2).callKey());
    assertThat(entries).allSatisfy(e -> assertThat(e.failed()).isFalse());
    assertThat(entries.get(0).at()).isBeforeOrEqualTo(entries.get(1).at());

    assertThat(admin("POST", "/__sim/requests/reset").path("requests")).isEmpty();
    assertThat(server.requestLog().entries()).isEmpty();
  }

  @Test
  void aRequestMarkedXSimFaultsOffIsNeverFaultedAndTakesNoDrawFromTheSequence() throws Exception {
    start("error=0.5,seed=9");
    int[] exempt = new int[20];
    for (int i = 0; i < exempt.length; i++) {
      exempt[i] = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/things/" + i))
          .header(SimServer.NO_FAULTS_HEADER, SimServer.NO_FAULTS_VALUE).build(), HttpResponse.BodyHandlers.ofString())
          .statusCode();
    }
    assertThat(exempt).containsOnly(200);
    FaultDecider same = new FaultDecider(Faults.parse("error=0.5,seed=9"));
    for (int i = 0; i < 10; i++) {
      boolean expectFault = same.next() == FaultKind.ERROR;
      if (expectFault) {
        same.nextErrorStatus();
      }
      assertThat(send("GET", "/things/x", null) >= 500).as("request " + i + " follows the seeded sequence")
          .isEqualTo(expectFault);
    }
  }

  @Test
  void throttledAnswersCarryTheirRetryAfterAndTheFault() throws Exception {
    start("throttle=1");
    assertThat(send("GET", "/things/1", null)).isEqualTo(429);
    RequestLog.Entry e = server.requestLog().entries().get(0);
    assertThat(e.status()).isEqualTo(429);
    assertThat(e.fault()).isEqualTo(FaultKind.THROTTLE);
    assertThat(e.retryAfter()).isEqualTo("1");
    assertThat(e.failed()).isTrue();
  }

  @Test
  void aDroppedConnectionIsLoggedWithStatusZeroAndAnErrorWithItsStatus() throws Exception {
    start("drop=1");
    assertThatThrownBy(() -> send("POST", "/things", "{}")).isInstanceOf(IOException.class);
    server.setFaults(Faults.parse("error=1,seed=3"));
    int status = send("GET", "/things/2", null);
    List<RequestLog.Entry> entries = server.requestLog().entries();
    assertThat(entries).extracting(RequestLog.Entry::status).containsExactly(0, status);
    assertThat(entries).extracting(RequestLog.Entry::fault).containsExactly(FaultKind.DROP, FaultKind.ERROR);
    assertThat(status).isIn(500, 503);
    assertThat(entries).allSatisfy(x -> assertThat(x.failed()).isTrue());
  }
}
