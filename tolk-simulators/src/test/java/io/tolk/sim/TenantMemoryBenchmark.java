package io.tolk.sim;

import io.tolk.sim.common.SimOptions;
import io.tolk.sim.poweroffice.PowerOfficeCredentials;
import io.tolk.sim.poweroffice.PowerOfficeSimulator;
import io.tolk.sim.zoho.ZohoCredentials;
import io.tolk.sim.zoho.ZohoSimulator;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Heap of one simulator process serving many tenants: the heap in use after a full GC with
 * {@code tenants} tenants of {@code records} records each, less the heap in use before it started, after every
 * tenant took a token and read one page (so its tokens and per-tenant state exist). Not part of the test suite. Run
 * {@code bench/run tenants [records]} (each simulator alone in its own JVM, with 20 and with 200 tenants), or with the
 * classpath {@code bench/run} builds: {@code java -cp … io.tolk.sim.TenantMemoryBenchmark poweroffice|zoho TENANTS
 * RECORDS}.
 */
public final class TenantMemoryBenchmark {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private TenantMemoryBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    String system = args.length > 0 ? args[0] : "poweroffice";
    int tenants = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    int records = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
    SimOptions options = SimOptions.defaults().withRecords(records).withTenants(tenants).withNoLimits(true);

    long before = usedAfterGc();
    long t0 = System.nanoTime();
    if (system.equals("zoho")) {
      try (ZohoSimulator zoho = ZohoSimulator.start(options)) {
        long started = System.nanoTime();
        for (ZohoCredentials c : zoho.tenantCredentials()) {
          readOnePage(zoho, c);
        }
        report(system, tenants, records, usedAfterGc() - before, started - t0);
      }
    } else {
      try (PowerOfficeSimulator po = PowerOfficeSimulator.start(options)) {
        long started = System.nanoTime();
        for (PowerOfficeCredentials c : po.tenantCredentials()) {
          readOnePage(po, c);
        }
        report(system, tenants, records, usedAfterGc() - before, started - t0);
      }
    }
  }

  private static void report(String name, int tenants, int records, long bytes, long startNanos) {
    System.out.printf("%-11s %4d tenants x %5d records: heap %7.1f MB (%6.1f KB per tenant), started in %5.2f s, "
            + "threads %d%n", name, tenants, records, bytes / 1e6, bytes / 1e3 / tenants, startNanos / 1e9,
        Thread.activeCount());
  }

  private static void readOnePage(PowerOfficeSimulator po, PowerOfficeCredentials c) throws Exception {
    String basic = Base64.getEncoder().encodeToString((c.applicationKey() + ":" + c.clientKey())
        .getBytes(StandardCharsets.UTF_8));
    String token = send(HttpRequest.newBuilder(URI.create(po.tokenUrl()))
        .header("Authorization", "Basic " + basic).header("Ocp-Apim-Subscription-Key", c.subscriptionKey())
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")))
        .replaceAll("(?s).*\"access_token\"\\s*:\\s*\"([^\"]+)\".*", "$1");
    send(HttpRequest.newBuilder(URI.create(po.apiUrl() + "/Customers?PageSize=100"))
        .header("Authorization", "Bearer " + token).header("Ocp-Apim-Subscription-Key", c.subscriptionKey()).GET());
  }

  private static void readOnePage(ZohoSimulator zoho, ZohoCredentials c) throws Exception {
    String form = "grant_type=refresh_token&client_id=" + enc(c.clientId()) + "&client_secret=" + enc(c.clientSecret())
        + "&refresh_token=" + enc(c.refreshToken());
    String token = send(HttpRequest.newBuilder(URI.create(zoho.baseUrl() + "/oauth/v2/token"))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)))
        .replaceAll("(?s).*\"access_token\"\\s*:\\s*\"([^\"]+)\".*", "$1");
    send(HttpRequest.newBuilder(URI.create(zoho.baseUrl() + "/crm/v8/Accounts?fields=Account_Name&per_page=100"))
        .header("Authorization", "Zoho-oauthtoken " + token).GET());
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String send(HttpRequest.Builder b) throws Exception {
    HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() / 100 != 2) {
      throw new IllegalStateException(r.statusCode() + " " + r.body());
    }
    return r.body();
  }

  private static long usedAfterGc() throws InterruptedException {
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
