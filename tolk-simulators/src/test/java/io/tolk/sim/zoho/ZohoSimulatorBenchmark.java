package io.tolk.sim.zoho;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tolk.sim.common.SimOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Throughput of the Zoho simulator over real HTTP with limits off: 100 000 Accounts written as 1 000 insert calls of
 * 100 (by {@code threads} concurrent clients), then read back completely with per_page 200 and page_token (Zoho's
 * 100 000-record cap for token paging is exactly reached). Not part of the test suite. Run:
 * <pre>
 * mvn -q -o -pl tolk-simulators test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp tolk-simulators/target/test-classes:tolk-simulators/target/classes:$(cat tolk-simulators/target/cp.txt) \
 *      io.tolk.sim.zoho.ZohoSimulatorBenchmark [threads]
 * </pre>
 */
public final class ZohoSimulatorBenchmark {
  private static final int CALLS = 1000;
  private static final int PER_CALL = 100;

  private ZohoSimulatorBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    int threads = args.length > 0 ? Integer.parseInt(args[0]) : 4;
    try (ZohoSimulator sim = ZohoSimulator.start(SimOptions.defaults().withNoLimits(true))) {
      ZohoHttp http = new ZohoHttp(sim.baseUrl());
      http.token();
      warmUp(http);
      sim.reset();
      lastCpu = processCpuNanos();

      AtomicInteger next = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      long t0 = System.nanoTime();
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        results.add(pool.submit(() -> {
          int ok = 0;
          for (int call; (call = next.getAndIncrement()) < CALLS; ) {
            ZohoHttp.Resp r = http.post("/crm/v8/Accounts", batch(call));
            if (r.status() != 202) throw new IllegalStateException("insert call " + call + ": " + r.status() + " " + r.text());
            ok += r.json().path("data").size();
          }
          return ok;
        }));
      }
      int written = 0;
      for (Future<Integer> f : results) written += f.get();
      long t1 = System.nanoTime();
      pool.shutdown();
      report("write", written, t1 - t0, CALLS + " insert calls of " + PER_CALL + ", " + threads + " client threads");

      long t2 = System.nanoTime();
      int read = 0;
      int pages = 0;
      String token = null;
      do {
        ZohoHttp.Resp r = http.get("/crm/v8/Accounts?fields=Account_Name,Phone,Billing_City,PowerOffice_Id,Modified_Time"
            + "&per_page=200&sort_by=id&sort_order=asc" + (token == null ? "" : "&page_token=" + token));
        if (r.status() != 200) throw new IllegalStateException("list page " + (pages + 1) + ": " + r.status() + " " + r.text());
        JsonNode info = r.json().path("info");
        read += r.json().path("data").size();
        pages++;
        token = info.path("more_records").asBoolean() ? info.path("next_page_token").asText() : null;
      } while (token != null && read < 100_000);
      long t3 = System.nanoTime();
      report("list", read, t3 - t2, pages + " pages of 200 via page_token");
    }
  }

  private static ObjectNode batch(int call) {
    ObjectNode body = ZohoHttp.JSON.createObjectNode();
    ArrayNode data = body.putArray("data");
    for (int i = 0; i < PER_CALL; i++) {
      int n = call * PER_CALL + i;
      data.addObject().put("Account_Name", "Bench AS " + n).put("Phone", "+47 22 00 " + (n % 10000))
          .put("Billing_City", "Oslo").put("PowerOffice_Id", Integer.toString(n));
    }
    body.putArray("trigger");
    return body;
  }

  private static void warmUp(ZohoHttp http) {
    for (int i = 0; i < 50; i++) {
      http.post("/crm/v8/Accounts", batch(10_000 + i));
      http.get("/crm/v8/Accounts?fields=Account_Name&per_page=200");
    }
  }

  private static long lastCpu;

  /** Prints the rate, and this process's CPU time in the phase plus the load average, since the machine is shared. */
  private static void report(String what, int records, long nanos, String how) {
    double s = nanos / 1e9;
    long cpu = processCpuNanos();
    double phaseCpu = (cpu - lastCpu) / 1e9;
    lastCpu = cpu;
    double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    System.out.printf("%-5s %,d records in %.2f s = %,.0f records/s (%s; process CPU %.1f s, load average %.1f)%n",
        what, records, s, records / s, how, phaseCpu, load);
  }

  private static long processCpuNanos() {
    var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
  }
}
