package io.tolk.poweroffice;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tolk.api.ErrorKind;
import io.tolk.api.UpdateRequest;
import io.tolk.api.WriteResult;
import io.tolk.api.http.RetryPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real API may hold a customer whose MailAddress is null (the simulator always creates one), and a JSON Patch
 * {@code replace /MailAddress/City} cannot reach into null. A scripted server plays that case.
 */
class PowerOfficePatchFallbackTest {

    private HttpServer server;
    private final List<String> patches = new CopyOnWriteArrayList<>();
    private final AtomicInteger gets = new AtomicInteger();
    private final AtomicReference<String> currentAddress = new AtomicReference<>("null");

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/OAuth/Token", ex -> {
            ex.getRequestBody().readAllBytes();
            send(ex, 200, "{\"access_token\":\"t\",\"token_type\":\"bearer\",\"expires_in\":1200}");
        });
        server.createContext("/v2/Customers/5", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (ex.getRequestMethod().equals("GET")) {
                gets.incrementAndGet();
                send(ex, 200, "{\"Id\":5,\"Name\":\"Fjord AS\",\"IsPerson\":false,\"MailAddress\":" + currentAddress.get() + "}");
            } else {
                patches.add(body);
                if (body.contains("\"/MailAddress/")) {
                    send(ex, 400, "{\"title\":\"Customer validation error(s)\",\"detail\":\"The target location specified by path "
                            + "segment 'mailaddress' was not found\"}");
                } else {
                    send(ex, 200, "{\"Id\":5,\"Name\":\"Fjord AS\",\"IsPerson\":false,\"MailAddress\":{\"City\":\"Bergen\",\"ZipCode\":\"5003\"}}");
                }
            }
        });
        server.createContext("/v2/Customers/6", ex -> { // answers half a body, then nothing until the test ends
            ex.getRequestBody().readAllBytes();
            ex.sendResponseHeaders(200, 100);
            ex.getResponseBody().write("{\"Id\":6,".getBytes(StandardCharsets.UTF_8));
            ex.getResponseBody().flush();
            try {
                stalled.await(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    private final java.util.concurrent.CountDownLatch stalled = new java.util.concurrent.CountDownLatch(1);

    @AfterEach
    void stop() {
        stalled.countDown();
        server.stop(0);
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private PowerOfficeConnector connector() {
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        PowerOfficeSettings s = PowerOfficeSettings.of(URI.create(base + "/v2"), URI.create(base + "/OAuth/Token"), "a", "c", "s")
                .withRequestsPerSecond(0).withRequestTimeout(Duration.ofSeconds(2)).withRetryPolicy(RetryPolicy.none());
        return new PowerOfficeConnector(s, Clock.systemUTC(), d -> { });
    }

    private static Map<String, String> addressChange() {
        Map<String, String> change = new LinkedHashMap<>();
        change.put("MailAddress.City", "Bergen");
        change.put("MailAddress.ZipCode", "5003");
        return change;
    }

    @Test
    void addressFieldsOfACustomerWithoutAddressAreSentAsOneAddOfTheWholeObject() {
        WriteResult r = connector().writer("CompanyCustomer").update(List.of(new UpdateRequest("5", addressChange()))).get(0);

        assertThat(r.succeeded()).as("%s", r.error()).isTrue();
        assertThat(patches).hasSize(2);
        assertThat(patches.get(0)).isEqualTo("[{\"op\":\"replace\",\"path\":\"/MailAddress/City\",\"value\":\"Bergen\"},"
                + "{\"op\":\"replace\",\"path\":\"/MailAddress/ZipCode\",\"value\":\"5003\"}]");
        assertThat(patches.get(1)).isEqualTo("[{\"op\":\"add\",\"path\":\"/MailAddress\",\"value\":{\"City\":\"Bergen\",\"ZipCode\":\"5003\"}}]");
        assertThat(gets.get()).isEqualTo(1);
        assertThat(r.readBack().orElseThrow().field("MailAddress.City")).isEqualTo("Bergen");
    }

    @Test
    void aRefusedAddressPatchOnACustomerThatHasAnAddressKeepsTheOriginalError() {
        currentAddress.set("{\"City\":\"Oslo\"}");

        WriteResult r = connector().writer("CompanyCustomer").update(List.of(new UpdateRequest("5", addressChange()))).get(0);

        assertThat(r.error().orElseThrow().kind()).isEqualTo(ErrorKind.PERMANENT);
        assertThat(r.error().orElseThrow().message()).contains("path segment 'mailaddress'");
        assertThat(patches).hasSize(1);
    }

    @Test
    void aRecordWhoseAnswerStallsFailsAloneAsRetryableAndTheRestOfTheBatchIsWritten() {
        currentAddress.set("{\"City\":\"Oslo\"}");
        List<WriteResult> results = connector().writer("CompanyCustomer").update(List.of(
                new UpdateRequest("5", Map.of("Name", "A")), new UpdateRequest("6", Map.of("Name", "B")),
                new UpdateRequest("5", Map.of("Name", "C"))));

        assertThat(results).extracting(WriteResult::request).containsExactly("5", "6", "5");
        assertThat(results.get(0).succeeded()).isTrue();
        assertThat(results.get(1).error().orElseThrow().kind()).isEqualTo(ErrorKind.RETRYABLE);
        assertThat(results.get(1).error().orElseThrow().message()).contains("update CompanyCustomer 6");
        assertThat(results.get(2).succeeded()).isTrue();
    }

    @Test
    void aPatchWithoutAddressFieldsNeedsNoRead() {
        WriteResult r = connector().writer("CompanyCustomer").update(List.of(new UpdateRequest("5", Map.of("Name", "Fjord AS")))).get(0);
        assertThat(r.succeeded()).isTrue();
        assertThat(gets.get()).isZero();
    }
}
