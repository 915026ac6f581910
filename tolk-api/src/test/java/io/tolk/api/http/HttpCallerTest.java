package io.tolk.api.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tolk.api.ApiUsage;
import io.tolk.api.ConnectorException;
import io.tolk.api.ErrorKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HttpCallerTest {

    /** One scripted answer of the test server. */
    @FunctionalInterface
    interface Answer {
        void answer(HttpExchange exchange) throws IOException;
    }

    private final ConcurrentLinkedQueue<Answer> script = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> authorizations = new ConcurrentLinkedQueue<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final CountDownLatch stop = new CountDownLatch(1);
    private final ManualClock clock = new ManualClock(Instant.parse("2025-01-10T09:00:00Z"));
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);
    private HttpServer server;
    private URI uri;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(auth == null ? "-" : auth);
            exchange.getRequestBody().readAllBytes();
            Answer next = script.poll();
            if (next == null) {
                next = status(200, "{\"ok\":true}");
            }
            next.answer(exchange);
        });
        server.start();
        uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/things");
    }

    @AfterEach
    void stopServer() {
        stop.countDown();
        server.stop(0);
    }

    private static Answer status(int status, String body) {
        return status(status, body, Map.of());
    }

    private static Answer status(int status, String body, Map<String, String> headers) {
        return exchange -> {
            headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        };
    }

    /** Headers and part of the body, then nothing until the test ends. */
    private Answer stallMidBody() {
        return exchange -> {
            exchange.sendResponseHeaders(200, 1000);
            OutputStream out = exchange.getResponseBody();
            out.write("{\"Id\":1,\"Na".getBytes(StandardCharsets.UTF_8));
            out.flush();
            try {
                stop.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        };
    }

    private HttpCaller caller(RetryPolicy policy, Duration timeout) {
        return HttpCaller.builder("testsys").retryPolicy(policy).timeout(timeout)
                .clock(clock).sleeper(sleeper).random(new Random(42)).build();
    }

    private ApiRequest post() {
        return new ApiRequest("create Thing", "key-1", "POST", uri, Map.of("Content-Type", "application/json"),
                "{}".getBytes(StandardCharsets.UTF_8), false);
    }

    @Test
    void fiveHundredsAreRetriedWithTheExactSeededBackoffSequenceThenTheLastAnswerIsReturned() {
        for (int i = 0; i < 5; i++) {
            script.add(status(503, "{\"statusCode\":503}"));
        }
        HttpCaller caller = caller(new RetryPolicy(5, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(60)),
                Duration.ofSeconds(5));

        ApiResponse response = caller.send(ApiRequest.get("list Things", null, uri));

        assertThat(response.status()).isEqualTo(503);
        // base waits 100, 200, 400, 800 ms; half fixed, half jitter drawn from Random(42)
        assertThat(sleeper.waits()).containsExactly(
                Duration.ofMillis(87), Duration.ofMillis(169), Duration.ofMillis(262), Duration.ofMillis(511));
        assertThat(requests.get()).isEqualTo(5);
        ApiUsage usage = caller.usage(-1, -1);
        assertThat(usage).isEqualTo(new ApiUsage("testsys", 5, 4, 0, -1, -1));
    }

    @Test
    void retryAfterSecondsIsHonouredInsteadOfTheBackoff() {
        script.add(status(429, "{\"statusCode\":429}", Map.of("Retry-After", "3")));
        HttpCaller caller = caller(RetryPolicy.defaults(), Duration.ofSeconds(5));

        ApiResponse response = caller.send(ApiRequest.get("list Things", null, uri));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.bodyText()).isEqualTo("{\"ok\":true}");
        assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(3));
        assertThat(caller.throttled()).isEqualTo(1);
        assertThat(caller.retries()).isEqualTo(1);
    }

    @Test
    void retryAfterAsHttpDateIsHonoured() {
        script.add(status(503, "", Map.of("Retry-After", "Fri, 10 Jan 2025 09:00:07 GMT")));
        HttpCaller caller = caller(RetryPolicy.defaults(), Duration.ofSeconds(5));

        assertThat(caller.send(ApiRequest.get("list Things", null, uri)).status()).isEqualTo(200);
        assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void aRetryAfterBeyondTheTotalBudgetIsNotWaitedForAndThe429IsReturned() {
        script.add(status(429, "{\"statusCode\":429}", Map.of("Retry-After", "120")));
        HttpCaller caller = caller(RetryPolicy.defaults(), Duration.ofSeconds(5));

        ApiResponse response = caller.send(ApiRequest.get("list Things", null, uri));

        assertThat(response.status()).isEqualTo(429);
        assertThat(sleeper.waits()).isEmpty();
        assertThat(requests.get()).isEqualTo(1);
    }

    @Test
    void retriesStopWhenTheTotalTimeBudgetIsSpent() {
        for (int i = 0; i < 10; i++) {
            script.add(status(429, "", Map.of("Retry-After", "4")));
        }
        HttpCaller caller = caller(new RetryPolicy(10, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(10)),
                Duration.ofSeconds(5));

        assertThat(caller.send(ApiRequest.get("list Things", null, uri)).status()).isEqualTo(429);
        assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(4), Duration.ofSeconds(4));
        assertThat(requests.get()).isEqualTo(3);
    }

    @Test
    void clientErrorsAreReturnedWithoutRetry() {
        script.add(status(400, "{\"title\":\"bad\"}"));
        HttpCaller caller = caller(RetryPolicy.defaults(), Duration.ofSeconds(5));

        ApiResponse response = caller.send(post());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.bodyText()).contains("bad");
        assertThat(requests.get()).isEqualTo(1);
        assertThat(sleeper.waits()).isEmpty();
    }

    @Test
    void aBodyThatStallsMidwayFailsTheCallWithinTheDeadline() {
        script.add(stallMidBody());
        HttpCaller caller = caller(RetryPolicy.none(), Duration.ofMillis(300));

        long started = System.nanoTime();
        assertThatThrownBy(() -> caller.send(ApiRequest.get("read Thing", "7", uri)))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.RETRYABLE);
                    assertThat(e.getMessage()).contains("testsys").contains("read Thing 7").contains("300 ms");
                });
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertThat(tookMillis).isLessThan(5_000); // would hang for 30 s without the whole-response deadline
    }

    @Test
    void aStalledIdempotentReadIsRetriedAndSucceeds() {
        script.add(stallMidBody());
        HttpCaller caller = caller(RetryPolicy.defaults(), Duration.ofMillis(300));

        assertThat(caller.send(ApiRequest.get("read Thing", "7", uri)).status()).isEqualTo(200);
        assertThat(requests.get()).isEqualTo(2);
        assertThat(caller.retries()).isEqualTo(1);
    }

    @Test
    void aCreateWhoseResponseStallsIsAnUnknownOutcomeAndIsNotRepeated() {
        script.add(stallMidBody());
        HttpCaller caller = caller(RetryPolicy.defaults(), Duration.ofMillis(300));

        assertThatThrownBy(() -> caller.send(post()))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.UNKNOWN_OUTCOME);
                    assertThat(e.getMessage()).contains("create Thing key-1");
                });
        assertThat(requests.get()).isEqualTo(1);
    }

    @Test
    void aGateways502ToACreateIsAnUnknownOutcomeAndIsNotRepeated() {
        script.add(status(502, "<html><body>Bad Gateway</body></html>"));
        HttpCaller caller = caller(RetryPolicy.defaults(), Duration.ofSeconds(5));

        assertThatThrownBy(() -> caller.send(post()))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.UNKNOWN_OUTCOME);
                    assertThat(e.getMessage()).contains("create Thing key-1").contains("502");
                });
        assertThat(requests.get()).as("a create the server behind the gateway may have applied is not sent again")
                .isEqualTo(1);
    }

    @Test
    void aGateways502ToAnIdempotentReadIsRetried() {
        script.add(status(502, "<html><body>Bad Gateway</body></html>"));
        HttpCaller caller = caller(RetryPolicy.defaults(), Duration.ofSeconds(5));

        assertThat(caller.send(ApiRequest.get("read Thing", "7", uri)).status()).isEqualTo(200);
        assertThat(requests.get()).isEqualTo(2);
    }

    @Test
    void aConnectionCutWithoutAnswerIsRetriedForAnIdempotentCall() {
        script.add(HttpExchange::close);
        HttpCaller caller = caller(RetryPolicy.defaults(), Duration.ofSeconds(5));

        assertThat(caller.send(ApiRequest.get("read Thing", "7", uri)).status()).isEqualTo(200);
        assertThat(requests.get()).isEqualTo(2);
    }

    @Test
    void aConnectionCutWithoutAnswerToACreateIsAnUnknownOutcome() {
        script.add(HttpExchange::close);
        HttpCaller caller = caller(RetryPolicy.defaults(), Duration.ofSeconds(5));

        assertThatThrownBy(() -> caller.send(post()))
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNKNOWN_OUTCOME));
        assertThat(requests.get()).isEqualTo(1);
    }

    @Test
    void aHostThatNeverAcceptsTheConnectionIsUnavailableNamingTheHost() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        URI nowhere = URI.create("http://127.0.0.1:" + closedPort + "/things");
        HttpCaller caller = caller(new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(60)),
                Duration.ofSeconds(2));

        assertThatThrownBy(() -> caller.send(new ApiRequest("create Thing", "key-1", "POST", nowhere, Map.of(),
                new byte[0], false)))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
                    assertThat(e.getMessage()).contains("cannot connect to http://127.0.0.1:" + closedPort)
                            .contains("gave up after 3 attempt(s)");
                });
        assertThat(sleeper.waits()).as("a refused connection is retried even for a create: nothing was sent").hasSize(2);
    }

    @Test
    void a401RenewsTheCredentialOnceAndRepeatsTheCall() {
        script.add(status(401, ""));
        CountingAuthenticator auth = new CountingAuthenticator();
        HttpCaller caller = caller(RetryPolicy.defaults(), Duration.ofSeconds(5));

        assertThat(caller.send(ApiRequest.get("read Thing", "7", uri), auth).status()).isEqualTo(200);
        assertThat(auth.invalidations.get()).isEqualTo(1);
        assertThat(List.copyOf(authorizations)).containsExactly("Bearer t1", "Bearer t2");
        assertThat(sleeper.waits()).isEmpty();
    }

    @Test
    void aSecond401IsReturnedNotRetriedAgain() {
        script.add(status(401, ""));
        script.add(status(401, ""));
        CountingAuthenticator auth = new CountingAuthenticator();
        HttpCaller caller = caller(RetryPolicy.defaults(), Duration.ofSeconds(5));

        assertThat(caller.send(ApiRequest.get("read Thing", "7", uri), auth).status()).isEqualTo(401);
        assertThat(auth.invalidations.get()).isEqualTo(1);
        assertThat(requests.get()).isEqualTo(2);
    }

    @Test
    void everyAttemptWaitsForTheRateLimiter() {
        script.add(status(503, ""));
        RecordingSleeper limiterSleeper = new RecordingSleeper(null);
        HttpCaller caller = HttpCaller.builder("testsys").retryPolicy(RetryPolicy.defaults()).timeout(Duration.ofSeconds(5))
                .clock(clock).sleeper(sleeper).random(new Random(1))
                .rateLimiter(new RateLimiter(10, 1, new ManualClock(Instant.EPOCH), limiterSleeper)).build();

        caller.send(ApiRequest.get("read Thing", "7", uri));
        caller.send(ApiRequest.get("read Thing", "8", uri));

        assertThat(limiterSleeper.waits()).containsExactly(
                Duration.ofMillis(100), Duration.ofMillis(200));
    }

    private static final class CountingAuthenticator implements Authenticator {
        final AtomicInteger tokens = new AtomicInteger(1);
        final AtomicInteger invalidations = new AtomicInteger();

        @Override
        public void authenticate(HttpRequest.Builder builder) {
            builder.header("Authorization", "Bearer t" + tokens.get());
        }

        @Override
        public void invalidate() {
            invalidations.incrementAndGet();
            tokens.incrementAndGet();
        }
    }
}
