package io.tolk.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateCommandTest {

    private static final Pattern URL = Pattern.compile("listening on (http://\\S+)");
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void powerOfficeSimulatorServesTokensAndCustomersUntilStopped() throws Exception {
        try (Cli.Background sim = new Cli(dir).start("simulate", "poweroffice", "--port", "0", "--records", "20")) {
            String out = sim.awaitOut(s -> s.contains("Stop with Ctrl-C"), Duration.ofSeconds(20));
            String base = baseUrl(out);
            assertThat(out).contains("apiUrl: " + base + "/v2", "tokenUrl: " + base + "/OAuth/Token",
                    "applicationKey: demo-app", "clientKey: demo-client", "subscriptionKey: demo-sub");

            HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(base + "/OAuth/Token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Authorization", "Basic " + java.util.Base64.getEncoder()
                            .encodeToString("demo-app:demo-client".getBytes()))
                    .header("Ocp-Apim-Subscription-Key", "demo-sub")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
            assertThat(token.body()).contains("access_token");

            HttpResponse<String> counters = get(base + "/__sim/counters");
            assertThat(counters.statusCode()).isEqualTo(200);
            assertThat(counters.body()).contains("reads");

            assertThat(sim.stop()).isZero();
            assertThat(sim.out()).contains("simulator stopped");
        }
    }

    @Test
    void zohoSimulatorPrintsItsConfigLinesAndAnswersOnItsAdminApi() throws Exception {
        try (Cli.Background sim = new Cli(dir).start("simulate", "zoho", "--records", "0")) {
            String out = sim.awaitOut(s -> s.contains("Stop with Ctrl-C"), Duration.ofSeconds(20));
            String base = baseUrl(out);
            assertThat(out).contains("apiDomain: " + base, "accountsUrl: " + base, "clientId: demo-client",
                    "clientSecret: demo-secret", "refreshToken: demo-refresh");

            HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(base + "/oauth/v2/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&client_id=demo-client"
                            + "&client_secret=demo-secret&refresh_token=demo-refresh")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
            assertThat(token.body()).contains("access_token").contains(base);
            String accessToken = token.body().replaceAll("(?s).*\"access_token\"\\s*:\\s*\"([^\"]+)\".*", "$1");

            HttpResponse<String> fixtures = http.send(HttpRequest.newBuilder(URI.create(base + "/__sim/fixtures"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"Accounts\":[{\"Account_Name\":\"Fjord AS\"}]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(fixtures.statusCode()).as(fixtures.body()).isEqualTo(200);
            HttpResponse<String> accounts = http.send(HttpRequest.newBuilder(URI.create(base + "/crm/v8/Accounts?fields=Account_Name"))
                    .header("Authorization", "Zoho-oauthtoken " + accessToken).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(accounts.statusCode()).as(accounts.body()).isEqualTo(200);
            assertThat(accounts.body()).contains("Fjord AS");
            HttpResponse<String> counters = get(base + "/__sim/counters");
            assertThat(counters.statusCode()).isEqualTo(200);
            assertThat(counters.body()).contains("Accounts.list");
            HttpResponse<String> clock = get(base + "/__sim/clock");
            assertThat(clock.statusCode()).isEqualTo(200);
            assertThat(clock.body()).contains("\"now\"");
            assertThat(sim.stop()).isZero();
        }
    }

    @Test
    void tenantsOptionStartsThatManyPowerOfficeClientsEachWithItsOwnRecords() throws Exception {
        try (Cli.Background sim = new Cli(dir).start("simulate", "poweroffice", "--records", "10", "--tenants", "3")) {
            String out = sim.awaitOut(s -> s.contains("Stop with Ctrl-C"), Duration.ofSeconds(20));
            String base = baseUrl(out);
            assertThat(out).contains("tenants: 3 (client keys demo-client, demo-client-2 … demo-client-3 under "
                    + "subscription key demo-sub");
            HttpResponse<String> tenants = get(base + "/__sim/tenants");
            assertThat(tenants.body()).containsSubsequence("\"tenant\":\"demo-client\"", "\"tenant\":\"demo-client-2\"",
                    "\"tenant\":\"demo-client-3\"");
            assertThat(tenants.body()).doesNotContain("\"customers\":0");
            HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(base + "/OAuth/Token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Authorization", "Basic " + java.util.Base64.getEncoder()
                            .encodeToString("demo-app:demo-client-3".getBytes()))
                    .header("Ocp-Apim-Subscription-Key", "demo-sub")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
            assertThat(sim.stop()).isZero();
        }
    }

    @Test
    void tenantsOptionStartsThatManyZohoOrgsAndABadCountIsAUsageError() throws Exception {
        try (Cli.Background sim = new Cli(dir).start("simulate", "zoho", "--records", "10", "--tenants", "2")) {
            String out = sim.awaitOut(s -> s.contains("Stop with Ctrl-C"), Duration.ofSeconds(20));
            assertThat(out).contains("tenants: 2 (orgs with refresh tokens demo-refresh, demo-refresh-2 … demo-refresh-2");
            HttpResponse<String> tenants = get(baseUrl(out) + "/__sim/tenants");
            assertThat(tenants.body()).containsSubsequence("\"tenant\":\"demo-refresh\"", "\"tenant\":\"demo-refresh-2\"");
            assertThat(tenants.body()).doesNotContain("\"Accounts\":0");
            assertThat(sim.stop()).isZero();
        }
        Cli.Result none = new Cli(dir).run("simulate", "zoho", "--tenants", "0");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("--tenants must be between 1 and 10000, was 0");
    }

    @Test
    void faultsAreAppliedFromTheCommandLine() throws Exception {
        try (Cli.Background sim = new Cli(dir).start("simulate", "zoho", "--faults", "throttle=1,seed=3")) {
            String base = baseUrl(sim.awaitOut(s -> s.contains("Stop with Ctrl-C"), Duration.ofSeconds(20)));
            assertThat(sim.out()).contains("faults: throttle=1.0,seed=3");
            HttpResponse<String> faults = get(base + "/__sim/faults");
            assertThat(faults.body()).contains("throttle");
        }
    }

    @Test
    void theStateFileKeepsDataBetweenStarts() throws Exception {
        Path state = dir.resolve("zoho-state.json");
        try (Cli.Background sim = new Cli(dir).start("simulate", "zoho", "--records", "10", "--state", state.toString())) {
            sim.awaitOut(s -> s.contains("Stop with Ctrl-C"), Duration.ofSeconds(20));
            assertThat(sim.out()).contains("records: 10 (saved to " + state + ")");
            assertThat(sim.stop()).isZero();
        }
        assertThat(state).exists().isNotEmptyFile();
        try (Cli.Background again = new Cli(dir).start("simulate", "zoho", "--state", state.toString())) {
            again.awaitOut(s -> s.contains("Stop with Ctrl-C"), Duration.ofSeconds(20));
            assertThat(again.out()).contains("records: from the state file " + state);
        }
    }

    @Test
    void aPortInUseIsAUsageErrorNamingThePortNotAnInternalError() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Cli.Result r = new Cli(dir).run("simulate", "zoho", "--port", Integer.toString(taken.getLocalPort()));

            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err()).contains("cannot listen on 127.0.0.1:" + taken.getLocalPort(), "--port")
                    .doesNotContain("internal error", "\tat ");
        }
    }

    @Test
    void aBadFaultSpecIsAUsageErrorNamingTheItem() {
        Cli.Result result = new Cli(dir).run("simulate", "poweroffice", "--port", "0", "--faults", "lantency=5ms");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("lantency").contains("known: latency");
    }

    @Test
    void credentialsCanBeChosenAndOnlyThoseAreAccepted() throws Exception {
        try (Cli.Background sim = new Cli(dir).start("simulate", "zoho", "--records", "0", "--client-id", "mine",
                "--client-secret", "other-secret", "--refresh-token", "r1")) {
            String base = baseUrl(sim.awaitOut(s -> s.contains("Stop with Ctrl-C"), Duration.ofSeconds(20)));
            assertThat(sim.out()).contains("clientId: mine", "clientSecret: other-secret", "refreshToken: r1");
            HttpResponse<String> demo = token(base, "demo-client", "demo-secret", "demo-refresh");
            // Zoho answers a refused refresh with HTTP 200 and an error body, as the real accounts server does
            assertThat(demo.body()).doesNotContain("access_token").contains("error");
            HttpResponse<String> mine = token(base, "mine", "other-secret", "r1");
            assertThat(mine.statusCode()).as(mine.body()).isEqualTo(200);
            assertThat(mine.body()).contains("access_token");
        }
        Cli.Result wrongSystem = new Cli(dir).run("simulate", "zoho", "--application-key", "x");
        assertThat(wrongSystem.exitCode()).isEqualTo(2);
        assertThat(wrongSystem.err()).contains("--application-key is not a Zoho CRM credential");
    }

    private HttpResponse<String> token(String base, String id, String secret, String refresh) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/oauth/v2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&client_id=" + id
                        + "&client_secret=" + secret + "&refresh_token=" + refresh)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anUnknownSystemIsAUsageError() {
        Cli.Result result = new Cli(dir).run("simulate", "salesforce");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("salesforce").contains("poweroffice or zoho");
    }

    @Test
    void helpDescribesTheFaultItems() {
        Cli.Result result = new Cli(dir).run("simulate", "--help");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("--faults", "--records", "--state", "--no-limits", "--bind", "throttle=0.1",
                "--edition", "--credits", "--concurrency", "/__sim/limits");
    }

    @Test
    void zohoSimulatorDefaultsToTheStandardEditionsLimits() throws Exception {
        try (Cli.Background sim = new Cli(dir).start("simulate", "zoho", "--records", "0")) {
            String base = baseUrl(sim.awaitOut(s -> s.contains("Stop with Ctrl-C"), Duration.ofSeconds(20)));
            assertThat(sim.out()).contains("API limits: standard edition, 50000 credits per 24 h, 10 concurrent calls");
            HttpResponse<String> limits = get(base + "/__sim/limits");
            assertThat(limits.statusCode()).isEqualTo(200);
            assertThat(limits.body()).contains("\"credits\":50000", "\"concurrency\":10", "\"edition\":\"standard\"");
        }
    }

    @Test
    void zohoEditionCreditsAndConcurrencyComeFromTheCommandLine() throws Exception {
        try (Cli.Background sim = new Cli(dir).start("simulate", "zoho", "--records", "0", "--edition", "professional",
                "--credits", "777")) {
            String base = baseUrl(sim.awaitOut(s -> s.contains("Stop with Ctrl-C"), Duration.ofSeconds(20)));
            assertThat(sim.out()).contains("API limits: custom limits, 777 credits per 24 h, 15 concurrent calls");
            assertThat(get(base + "/__sim/limits").body()).contains("\"credits\":777", "\"concurrency\":15");
        }
        try (Cli.Background sim = new Cli(dir).start("simulate", "zoho", "--records", "0", "--edition", "FREE",
                "--concurrency", "2")) {
            String base = baseUrl(sim.awaitOut(s -> s.contains("Stop with Ctrl-C"), Duration.ofSeconds(20)));
            assertThat(get(base + "/__sim/limits").body()).contains("\"credits\":5000", "\"concurrency\":2");
        }
    }

    @Test
    void badZohoLimitOptionsAreUsageErrors() {
        Cli.Result edition = new Cli(dir).run("simulate", "zoho", "--edition", "gold");
        assertThat(edition.exitCode()).isEqualTo(2);
        assertThat(edition.err()).contains("gold", "free, standard, professional, enterprise, ultimate");
        Cli.Result credits = new Cli(dir).run("simulate", "zoho", "--credits", "0");
        assertThat(credits.exitCode()).isEqualTo(2);
        assertThat(credits.err()).contains("--credits must be at least 1");
        Cli.Result concurrency = new Cli(dir).run("simulate", "zoho", "--concurrency", "-3");
        assertThat(concurrency.exitCode()).isEqualTo(2);
        assertThat(concurrency.err()).contains("--concurrency must be at least 1");
        Cli.Result po = new Cli(dir).run("simulate", "poweroffice", "--edition", "free");
        assertThat(po.exitCode()).isEqualTo(2);
        assertThat(po.err()).contains("--edition is a Zoho CRM option");
    }

    /** An IPv4 address of this machine that is not loopback, if it has one. */
    private static java.util.Optional<java.net.InetAddress> networkAddress() throws Exception {
        for (java.net.NetworkInterface nic : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (java.net.InetAddress a : java.util.Collections.list(nic.getInetAddresses())) {
                if (a instanceof java.net.Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
                    return java.util.Optional.of(a);
                }
            }
        }
        return java.util.Optional.empty();
    }

    private static boolean reachable(java.net.InetAddress host, int port) {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress(host, port), 2000);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    void simulatorsListenOnLoopbackUnlessBindSaysOtherwise() throws Exception {
        java.util.Optional<java.net.InetAddress> lan = networkAddress();
        for (String system : new String[] {"zoho", "poweroffice"}) {
            try (Cli.Background sim = new Cli(dir).start("simulate", system, "--records", "0")) {
                String base = baseUrl(sim.awaitOut(s -> s.contains("Stop with Ctrl-C"), Duration.ofSeconds(20)));
                assertThat(base).startsWith("http://127.0.0.1:");
                int port = URI.create(base).getPort();
                assertThat(reachable(java.net.InetAddress.getLoopbackAddress(), port)).isTrue();
                lan.ifPresent(a -> assertThat(reachable(a, port)).as("%s from %s", system, a).isFalse());
            }
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(lan.isPresent(), "no non-loopback IPv4 address to try --bind with");
        try (Cli.Background sim = new Cli(dir).start("simulate", "zoho", "--records", "0", "--bind", "0.0.0.0")) {
            String base = baseUrl(sim.awaitOut(s -> s.contains("Stop with Ctrl-C"), Duration.ofSeconds(20)));
            assertThat(reachable(lan.get(), URI.create(base).getPort())).as("--bind 0.0.0.0 from %s", lan.get()).isTrue();
        }
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String baseUrl(String out) {
        Matcher m = URL.matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return m.group(1);
    }
}
