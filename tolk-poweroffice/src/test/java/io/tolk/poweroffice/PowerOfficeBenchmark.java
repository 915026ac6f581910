package io.tolk.poweroffice;

import io.tolk.api.CreateRequest;
import io.tolk.api.ReadSummary;
import io.tolk.api.WriteResult;
import io.tolk.api.http.Sleeper;
import io.tolk.sim.common.SimOptions;
import io.tolk.sim.poweroffice.PowerOfficeSimulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Throughput of the connector against the in-process simulator (no limits; then one run with the real 10 requests/s).
 * Not part of the test suite. Run from the repository root:
 * <pre>
 * mvn -q -o -pl tolk-poweroffice -am test-compile
 * mvn -q -o -pl tolk-poweroffice dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/tmp/po-cp.txt
 * java -Xmx2g -cp tolk-poweroffice/target/test-classes:tolk-poweroffice/target/classes:tolk-api/target/classes:\
 *   tolk-api/target/test-classes:tolk-simulators/target/classes:$(tr ':' '\n' &lt; /tmp/po-cp.txt | grep -v /io/tolk/ | paste -sd:) \
 *   io.tolk.poweroffice.PowerOfficeBenchmark 100000 100000 50
 * </pre>
 * Arguments: records to read, records to create, creates with the real 10 requests/s limit on.
 */
public final class PowerOfficeBenchmark {

    private static final Set<String> FIELDS = Set.of("Name", "OrganizationNumber", "EmailAddress", "PhoneNumber", "WebsiteUrl",
            "IsArchived", "MailAddress.AddressLine1", "MailAddress.City", "MailAddress.ZipCode", "MailAddress.CountryCode");

    public static void main(String[] args) throws Exception {
        int reads = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int creates = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int limitedCreates = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        System.out.printf("PowerOffice connector benchmark: read %d, create %d, limited create %d (cores %d)%n",
                reads, creates, limitedCreates, Runtime.getRuntime().availableProcessors());
        try (SimulatorHarness harness = new SimulatorHarness(false)) {
            PowerOfficeSettings settings = harness.settings().withRequestTimeout(Duration.ofSeconds(30));
            fullRead(harness, settings, reads);
            createMany(harness, settings, creates);
        }
        if (limitedCreates > 0) {
            try (SimulatorHarness limited = new SimulatorHarness(true)) {
                createLimited(limited, limitedCreates);
            }
        }
    }

    private static void fullRead(SimulatorHarness harness, PowerOfficeSettings settings, int n) {
        long loadStart = System.nanoTime();
        for (int done = 0; done < n; ) {
            int batch = Math.min(10_000, n - done);
            List<Map<String, Object>> customers = new ArrayList<>(batch);
            for (int i = 0; i < batch; i++) {
                int k = done + i;
                customers.add(Map.of("Name", "Firma " + k + " AS", "IsPerson", false, "OrganizationNumber", Integer.toString(900_000_000 + k),
                        "EmailAddress", "post" + k + "@firma.no", "PhoneNumber", "+47" + (40_000_000 + k), "WebsiteUrl", "www.firma" + k + ".no",
                        "MailAddress", Map.of("AddressLine1", "Storgata " + (k % 200), "City", "Oslo", "ZipCode", "0161", "CountryCode", "NO")));
            }
            harness.fixtures(Map.of("customers", customers));
            done += batch;
        }
        System.out.printf("  loaded %d customers through /__sim/fixtures in %.1f s%n", n, seconds(loadStart));
        PowerOfficeConnector connector = harness.connector(settings);
        connector.checkAccess();
        long raw0 = System.nanoTime();
        long bytes0 = rawPages(harness, n);
        System.out.printf("  raw HTTP GET of the same pages before (no parsing): %.2f s, %.1f MB%n", seconds(raw0), bytes0 / 1e6);
        for (int round = 1; round <= 2; round++) {
            AtomicLong inSink = new AtomicLong();
            long start = System.nanoTime();
            long[] sinkStart = {0};
            ReadSummary summary = connector.reader("CompanyCustomer").readAll(FIELDS, page -> {
                sinkStart[0] = System.nanoTime();
                inSink.addAndGet(page.size());
            });
            double s = seconds(start);
            System.out.printf("  full read %s: %d records in %d pages, %.2f s = %.0f records/s (%d API calls so far)%n",
                    round == 1 ? "(cold)" : "(warm)", summary.records(), summary.pages(), s, summary.records() / s, connector.usage().calls());
        }
        // where the time goes: the same page through HttpCaller (whole-response deadline), then Jackson's tree, then mapping
        String token = tokenOf(harness);
        io.tolk.api.http.HttpCaller caller = io.tolk.api.http.HttpCaller.builder("bench").timeout(Duration.ofSeconds(60)).build();
        String selection = new PowerOfficeReader(PoType.COMPANY_CUSTOMER, null, null).selection(FIELDS);
        for (int round = 1; round <= 2; round++) {
            long t0 = System.nanoTime();
            byte[] body = caller.send(io.tolk.api.http.ApiRequest.get("bench", null, URI.create(harness.sim.apiUrl()
                    + "/Customers?PageNumber=1&PageSize=20000&OrderBy=Id&Fields=" + selection)), new io.tolk.api.http.Authenticator() {
                @Override
                public void authenticate(HttpRequest.Builder b) {
                    b.header("Authorization", "Bearer " + token).header("Ocp-Apim-Subscription-Key", "demo-sub");
                }

                @Override
                public void invalidate() {
                }
            }).body();
            long t1 = System.nanoTime();
            com.fasterxml.jackson.databind.JsonNode tree;
            try {
                tree = SimulatorHarness.JSON.readTree(body);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            long t2 = System.nanoTime();
            RecordMapper mapper = new RecordMapper(SimulatorHarness.JSON);
            int count = 0;
            for (com.fasterxml.jackson.databind.JsonNode row : tree) {
                if (RecordMapper.belongsTo(PoType.COMPANY_CUSTOMER, row)) {
                    mapper.toRecord(PoType.COMPANY_CUSTOMER, row, FIELDS);
                    count++;
                }
            }
            long t3 = System.nanoTime();
            System.out.printf("  one 20000-row page split: HTTP via HttpCaller %.2f s, JSON tree %.2f s, mapping %d records %.2f s%n",
                    (t1 - t0) / 1e9, (t2 - t1) / 1e9, count, (t3 - t2) / 1e9);
        }
        // where the time goes: the same pages fetched raw (HTTP + server), without the connector's parsing and mapping
        long rawStart = System.nanoTime();
        long bytes = rawPages(harness, n);
        double raw = seconds(rawStart);
        System.out.printf("  raw HTTP of the same pages (no JSON parse): %.2f s, %.1f MB => the rest of the read time is JSON parsing and record mapping%n",
                raw, bytes / 1e6);
    }

    private static long rawPages(SimulatorHarness harness, int n) {
        HttpClient http = HttpClient.newHttpClient();
        String token = harness.direct("GET", "/Departments?PageSize=1", null, null).statusCode() > 0 ? tokenOf(harness) : null;
        long bytes = 0;
        for (int page = 1; (page - 1) * 20_000 < n; page++) {
            try {
                HttpRequest rq = HttpRequest.newBuilder(URI.create(harness.sim.apiUrl() + "/Customers?PageNumber=" + page
                                + "&PageSize=20000&OrderBy=Id&Fields=Id,IsPerson,LastChangedDateTimeOffset,Name,OrganizationNumber,EmailAddress,PhoneNumber,WebsiteUrl,IsArchived,MailAddress"))
                        .header("Authorization", "Bearer " + token).header("Ocp-Apim-Subscription-Key", "demo-sub").build();
                bytes += http.send(rq, HttpResponse.BodyHandlers.ofByteArray()).body().length;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return bytes;
    }

    private static String tokenOf(SimulatorHarness harness) {
        try {
            HttpRequest token = HttpRequest.newBuilder(URI.create(harness.sim.tokenUrl()))
                    .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("demo-app:demo-client".getBytes()))
                    .header("Ocp-Apim-Subscription-Key", "demo-sub")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build();
            return SimulatorHarness.JSON.readTree(HttpClient.newHttpClient().send(token, HttpResponse.BodyHandlers.ofString()).body())
                    .get("access_token").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void createMany(SimulatorHarness harness, PowerOfficeSettings settings, int n) {
        if (n <= 0) {
            return;
        }
        PowerOfficeConnector connector = harness.connector(settings);
        connector.checkAccess();
        long callsBefore = connector.usage().calls();
        int batch = 1000;
        long failed = 0;
        long start = System.nanoTime();
        for (int done = 0; done < n; done += batch) {
            List<CreateRequest> requests = new ArrayList<>(batch);
            for (int i = 0; i < Math.min(batch, n - done); i++) {
                int k = done + i;
                requests.add(new CreateRequest("bench-" + k, Map.of("Name", "Ny " + k + " AS", "EmailAddress", "ny" + k + "@firma.no",
                        "PhoneNumber", "+47" + (50_000_000 + k), "MailAddress.City", "Bergen", "MailAddress.ZipCode", "5003")));
            }
            for (WriteResult r : connector.writer("CompanyCustomer").create(requests)) {
                if (!r.succeeded()) {
                    failed++;
                }
            }
        }
        double s = seconds(start);
        System.out.printf("  create: %d records in %.1f s = %.0f records/s (%d failed, %d HTTP calls, %.2f ms per call)%n",
                n, s, n / s, failed, connector.usage().calls() - callsBefore, s * 1000 / n);
    }

    private static void createLimited(SimulatorHarness harness, int n) {
        PowerOfficeSettings settings = harness.settings().withRequestsPerSecond(10).withRequestTimeout(Duration.ofSeconds(30));
        PowerOfficeConnector connector = new PowerOfficeConnector(settings, Clock.systemUTC(), Sleeper.SYSTEM, new Random(1));
        connector.checkAccess();
        long callsBefore = connector.usage().calls();
        List<CreateRequest> requests = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            requests.add(new CreateRequest("limited-" + k, Map.of("Name", "Begrenset " + k + " AS")));
        }
        long start = System.nanoTime();
        long ok = connector.writer("CompanyCustomer").create(requests).stream().filter(WriteResult::succeeded).count();
        double s = seconds(start);
        long calls = connector.usage().calls() - callsBefore;
        System.out.printf("  limits on: %d creates (%d ok) in %.1f s = %.2f records/s, %.2f requests/s of 10 allowed; "
                        + "429s received %d, server throttled %d%n",
                n, ok, s, n / s, calls / s, connector.usage().throttled(), harness.sim.counters().throttledCount());
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
