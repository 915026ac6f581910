package io.tolk.sim.poweroffice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tolk.sim.common.SimOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Throughput of the PowerOffice simulator over real HTTP, limits off: N one-per-call POST /v2/Customers from several
 * client threads, then a full listing with PageSize 20000. Not part of the test suite.
 *
 * <pre>
 * cd /work/main &amp;&amp; mvn -q -o -pl tolk-simulators test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp tolk-simulators/target/test-classes:tolk-simulators/target/classes:$(cat tolk-simulators/target/cp.txt) \
 *      io.tolk.sim.poweroffice.PowerOfficeSimulatorBenchmark [records=100000] [threads=8]
 * </pre>
 */
public final class PowerOfficeSimulatorBenchmark {
  private PowerOfficeSimulatorBenchmark() {
  }

  /** CPU seconds used by this process so far (client and server share it): meaningful on a busy machine. */
  private static double cpuSeconds() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime() / 1e9;
  }

  public static void main(String[] args) throws Exception {
    int records = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    ObjectMapper json = new ObjectMapper();
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10)).build();
    try (PowerOfficeSimulator sim = PowerOfficeSimulator.start(SimOptions.defaults().withNoLimits(true))) {
      String basic = "Basic " + Base64.getEncoder().encodeToString("demo-app:demo-client".getBytes(StandardCharsets.UTF_8));
      HttpResponse<String> tok = http.send(HttpRequest.newBuilder(URI.create(sim.tokenUrl()))
          .header("Authorization", basic).header("Ocp-Apim-Subscription-Key", "demo-sub")
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(), HttpResponse.BodyHandlers.ofString());
      String token = json.readTree(tok.body()).get("access_token").asText();

      // ---- one-per-call POSTs
      AtomicInteger next = new AtomicInteger();
      AtomicInteger failures = new AtomicInteger();
      AtomicInteger retries = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      long t0 = System.nanoTime();
      double c0 = cpuSeconds();
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(pool.submit(() -> {
          int i;
          while ((i = next.getAndIncrement()) < records) {
            String body = "{\"Name\":\"Bench " + i + " AS\",\"EmailAddress\":\"post" + i + "@bench.no\","
                + "\"PhoneNumber\":\"+47" + (40000000 + i) + "\",\"ExternalImportReference\":\"bench-" + i + "\","
                + "\"MailAddress\":{\"AddressLine1\":\"Storgata " + (i % 200) + "\",\"City\":\"Oslo\",\"ZipCode\":\"0150\"}}";
            HttpRequest request = HttpRequest.newBuilder(URI.create(sim.apiUrl() + "/Customers"))
                .header("Authorization", "Bearer " + token).header("Ocp-Apim-Subscription-Key", "demo-sub")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
            HttpResponse<Void> r;
            try {
              r = http.send(request, HttpResponse.BodyHandlers.discarding());
            } catch (java.io.IOException e) {
              // a pooled keep-alive connection the server closed as idle just as the client reused it: the POST never
              // reached the handler (the server only closes idle connections), so sending it again is safe here
              retries.incrementAndGet();
              r = http.send(request, HttpResponse.BodyHandlers.discarding());
            }
            if (r.statusCode() != 201) {
              failures.incrementAndGet();
            }
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
      pool.shutdown();
      double postSeconds = (System.nanoTime() - t0) / 1e9;
      System.out.printf(Locale.ROOT, "POST   %,d customers one per call, %d client threads: %.1f s, %,.0f records/s, %d failures, %d resent"
          + " (process CPU %.1f s)%n", records, threads, postSeconds, records / postSeconds, failures.get(), retries.get(),
          cpuSeconds() - c0);

      // ---- full listing
      long t1 = System.nanoTime();
      double c1 = cpuSeconds();
      long listed = 0;
      long bytes = 0;
      int pages = 0;
      for (int page = 1; ; page++) {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(sim.apiUrl() + "/Customers?PageSize=20000&PageNumber=" + page))
            .header("Authorization", "Bearer " + token).header("Ocp-Apim-Subscription-Key", "demo-sub").build(),
            HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() == 204) {
          break;
        }
        JsonNode arr = json.readTree(r.body());
        listed += arr.size();
        bytes += r.body().length;
        pages++;
        if (arr.size() < 20000) {
         break;
        }
      }
      double listSeconds = (System.nanoTime() - t1) / 1e9;
      System.out.printf(Locale.ROOT, "LIST   %,d customers in %d pages of 20000 (%,d MB JSON, parsed by the client): %.1f s, %,.0f records/s"
          + " (process CPU %.1f s)%n", listed, pages, bytes / 1_000_000, listSeconds, listed / listSeconds, cpuSeconds() - c1);
      System.out.printf(Locale.ROOT, "load average during the run: %.1f on %d cores%n",
          java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
          Runtime.getRuntime().availableProcessors());
      System.out.println("server counters: " + sim.counters().snapshot());
    }
  }
}
