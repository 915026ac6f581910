package io.tolk.app.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.tolk.app.config.ConfigLoader;
import io.tolk.app.config.TolkConfig;
import io.tolk.app.service.LocalScheduler;
import io.tolk.app.service.NotificationChannels;
import io.tolk.app.service.Service;
import io.tolk.app.wiring.Sessions;
import io.tolk.sim.common.Faults;
import io.tolk.sim.common.SimOptions;
import io.tolk.sim.poweroffice.PowerOfficeSimulator;
import io.tolk.sim.zoho.ZohoSimulator;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How long a Zoho edit takes to reach PowerOffice with notifications on ({@code bench/run notifications [records]}):
 * <ol>
 *   <li>idle, with a one-hour poll interval: 40 edits, one at a time;</li>
 *   <li>while a full cycle of {@code records} new PowerOffice customers runs (read, then created in Zoho): 40 edits
 *       of records linked before, one at a time, while that cycle is in progress.</li>
 * </ol>
 * Each figure is the time from the edit's answer in Zoho to the PowerOffice customer showing it (polled every 10 ms).
 * Everything runs in this JVM (simulators, tolk's service, the callback receiver); the machine should be quiet.
 */
public final class NotificationLatencyBenchmark {

    private static final int LINKED = 40;

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path dir = Files.createTempDirectory("tolk-notify-bench");
        SimOptions options = SimOptions.defaults().withPort(0).withRecords(0).withNoLimits(true).withFaults(Faults.NONE);
        try (PowerOfficeSimulator poSim = PowerOfficeSimulator.start(options);
             ZohoSimulator zohoSim = ZohoSimulator.start(SimOptions.defaults().withPort(0).withRecords(0)
                     .withNoLimits(true).withFaults(Faults.NONE))) {
            PowerOfficeUser po = new PowerOfficeUser(poSim.baseUrl());
            ZohoUser zoho = new ZohoUser(zohoSim.baseUrl());
            Map<String, Long> customers = new HashMap<>();
            for (int i = 1; i <= LINKED; i++) {
                String name = "Varsel " + i + " AS";
                customers.put(name, po.createCustomer(Map.of("Name", name, "IsPerson", false)));
            }
            Path yaml = dir.resolve("tolk.yaml");
            Files.writeString(yaml, "store: sqlite:" + dir.resolve("tolk.db") + "\npoweroffice:\n  apiUrl: "
                    + poSim.apiUrl() + "\n  tokenUrl: " + poSim.tokenUrl() + "\n  applicationKey: demo-app\n"
                    + "  clientKey: demo-client\n  subscriptionKey: demo-sub\nzoho:\n  apiDomain: " + zohoSim.baseUrl()
                    + "\n  accountsUrl: " + zohoSim.baseUrl() + "\n  clientId: demo-client\n  clientSecret: demo-secret\n"
                    + "  refreshToken: demo-refresh\nsync:\n  interval: 1h\n");
            TolkConfig config = new ConfigLoader(n -> null).load(yaml);
            HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            NotificationChannels[] channels = new NotificationChannels[1];
            receiver.createContext("/webhooks/zoho", ex -> {
                byte[] body = ex.getRequestBody().readAllBytes();
                ex.sendResponseHeaders(channels[0] == null ? 503 : channels[0].receive(body), -1);
                ex.close();
            });
            receiver.start();
            try (Sessions sessions = Sessions.open(config, config.connections(), Clock.systemUTC(), false);
                 Service service = new Service(sessions.all(), new LocalScheduler(Clock.systemUTC()), Clock.systemUTC(),
                         () -> false)) {
                service.start();
                waitFor(() -> sessions.store().connection("default").runs(1).size() == 1, 120_000);
                channels[0] = new NotificationChannels(service, URI.create("http://127.0.0.1:" + receiver.getAddress().getPort()),
                        Clock.systemUTC(), NotificationChannels.LIFETIME, line -> { });
                channels[0].open();
                Map<String, String> accounts = new HashMap<>();
                for (JsonNode a : zoho.all("Accounts")) {
                    accounts.put(a.path("Account_Name").asText(), a.get("id").asText());
                }

                List<Long> idle = edits(po, zoho, customers, accounts, "1", null);
                report("idle, poll interval 1 h", idle);

                System.out.println("loading " + records + " new PowerOffice customers ...");
                for (int from = 0; from < records; from += 10_000) {
                    List<Map<String, Object>> batch = new ArrayList<>();
                    for (int i = from; i < Math.min(records, from + 10_000); i++) {
                        batch.add(Map.of("Name", "Masse " + i + " AS", "IsPerson", false));
                    }
                    po.admin().loadFixtures(Map.of("customers", batch));
                }
                int runsBefore = sessions.store().connection("default").runs(1000).size();
                long started = System.nanoTime();
                service.triggerNow("default");
                waitFor(() -> service.running("default").isPresent(), 10_000);
                Thread.sleep(3000); // into the cycle's read of the new customers
                List<Long> busy = edits(po, zoho, customers, accounts, "2", service);
                waitFor(() -> runsAfter(sessions, runsBefore), 600_000);
                System.out.printf(Locale.ROOT, "the full cycle of %d records took %.1f s%n", records,
                        (System.nanoTime() - started) / 1e9);
                report("while a full cycle of " + records + " records runs", busy);
                service.stop(java.time.Duration.ofSeconds(30));
                channels[0].close();
            } finally {
                receiver.stop(0);
            }
        }
    }

    /** Whether a full cycle (one that read more than the linked records) was stored after the first {@code before} runs. */
    private static boolean runsAfter(Sessions sessions, int before) {
        var runs = sessions.store().connection("default").runs(1000);
        return runs.size() > before && runs.subList(0, runs.size() - before).stream()
                .anyMatch(r -> r.counts().entrySet().stream()
                        .anyMatch(e -> e.getKey().endsWith(".read") && e.getValue() > LINKED));
    }

    private static List<Long> edits(PowerOfficeUser po, ZohoUser zoho, Map<String, Long> customers,
                                    Map<String, String> accounts, String round, Service during)
            throws InterruptedException {
        List<Long> millis = new ArrayList<>();
        for (int i = 1; i <= LINKED; i++) {
            if (during != null && during.running("default").isEmpty()) {
                break; // the full cycle is over: later edits would measure the idle case
            }
            String name = "Varsel " + i + " AS";
            String phone = "+47 4" + round + String.format(Locale.ROOT, "%06d", i);
            zoho.update("Accounts", accounts.get(name), Map.of("Phone", phone));
            long t0 = System.nanoTime();
            long id = customers.get(name);
            while (!po.customer(id).path("PhoneNumber").asText().equals(phone)) {
                if (System.nanoTime() - t0 > 120_000_000_000L) {
                    throw new IllegalStateException(name + ": the edit did not arrive within 120 s");
                }
                Thread.sleep(10);
            }
            if (during == null || during.running("default").isPresent()) {
                millis.add((System.nanoTime() - t0) / 1_000_000);
            }
        }
        return millis;
    }

    private static void report(String what, List<Long> millis) {
        if (millis.isEmpty()) {
            System.out.println(what + ": no edit was made while it ran");
            return;
        }
        List<Long> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        long p50 = sorted.get((int) Math.ceil(sorted.size() * 0.50) - 1);
        long p95 = sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1);
        System.out.printf(Locale.ROOT, "%s: %d edits, p50 %.2f s, p95 %.2f s, max %.2f s%n", what, sorted.size(),
                p50 / 1000.0, p95 / 1000.0, sorted.get(sorted.size() - 1) / 1000.0);
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("timed out");
            }
            Thread.sleep(50);
        }
    }
}
