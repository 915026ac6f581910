package io.tolk.app.e2e;

import io.tolk.app.AppContext;
import io.tolk.app.Main;
import io.tolk.sim.common.Faults;
import io.tolk.sim.common.SimOptions;
import io.tolk.sim.poweroffice.PowerOfficeCredentials;
import io.tolk.sim.poweroffice.PowerOfficeSimulator;
import io.tolk.sim.zoho.ZohoCredentials;
import io.tolk.sim.zoho.ZohoSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The secrets sweep: every command run with {@code -v} (debug log on) against simulators that accept only secrets made
 * for this run, also with a wrong secret so the refusals' texts are in the output; then stdout and stderr of every
 * command, every file in the working folder (the store, its WAL, a backup, the outputs) and every page and API answer
 * of the dashboard, fetched with the admin token as a browser would, are searched for each secret, for the base64 of
 * PowerOffice's {@code application:client} Basic credentials, and for every access token the simulators issued. The
 * store must be owner-only, the service must listen on loopback only unless given a token, and Zoho callbacks without a
 * channel's token are refused.
 */
class SecretsSweepTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    /** The service's port: fixed for the run, since server.publicUrl (Zoho's callback address) must name it. */
    private final int port = freePort();

    private static int freePort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Each secret's name (the environment variable that carries it) and its value, made for this run. */
    private final Map<String, String> secrets = new LinkedHashMap<>();

    private static String secret(String what) {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return what + "-" + HexFormat.of().formatHex(b);
    }

    @Test
    void noSecretBasicCredentialOrAccessTokenAppearsInAnyOutputFileStoreOrDashboardPage() throws Exception {
        for (String name : List.of("PO_APP", "PO_CLIENT", "PO_SUB", "Z_ID", "Z_SECRET", "Z_REFRESH", "ADMIN_TOKEN",
                "HOOK", "SMTP_PW", "WRONG_Z_SECRET", "WRONG_PO_CLIENT")) {
            secrets.put(name, secret(name.toLowerCase().replace('_', '-')));
        }
        SimOptions options = SimOptions.defaults().withPort(0).withRecords(8).withNoLimits(true).withFaults(Faults.NONE);
        try (PowerOfficeSimulator po = PowerOfficeSimulator.start(options, new PowerOfficeCredentials(secrets.get("PO_APP"),
                secrets.get("PO_CLIENT"), secrets.get("PO_SUB")));
             ZohoSimulator zoho = ZohoSimulator.start(options, new ZohoCredentials(secrets.get("Z_ID"),
                     secrets.get("Z_SECRET"), secrets.get("Z_REFRESH")))) {
            Path config = config("tolk.yaml", po, zoho, "Z_SECRET", "PO_CLIENT", "");
            Path wrongZoho = config("wrong-zoho.yaml", po, zoho, "WRONG_Z_SECRET", "PO_CLIENT", "");
            Path wrongPo = config("wrong-po.yaml", po, zoho, "Z_SECRET", "WRONG_PO_CLIENT", "");
            Map<String, String> outputs = new LinkedHashMap<>();

            outputs.put("sync", expect(0, child(config, "sync", "--once")));
            String ref = firstRef(child(config, "link"));
            List<String[]> readers = List.of(new String[] {"plan"}, new String[] {"status"}, new String[] {"status", "--json"},
                    new String[] {"failures"}, new String[] {"conflicts"}, new String[] {"link"}, new String[] {"docs"},
                    new String[] {"doctor"}, new String[] {"history", ref}, new String[] {"prune", "--dry-run"},
                    new String[] {"backup", dir.resolve("backup.db").toString()}, new String[] {"resync", ref});
            List<ChildTolk> running = new ArrayList<>();
            for (String[] command : readers) {
                running.add(start(config, command));
            }
            for (int i = 0; i < readers.size(); i++) {
                ChildTolk c = running.get(i);
                int exit = c.waitFor(120);
                assertThat(exit).as(String.join(" ", readers.get(i)) + ":\n" + c.output()).isNotEqualTo(4);
                outputs.put(String.join(" ", readers.get(i)), c.output());
            }
            outputs.put("sync with a wrong Zoho secret", expect(3, child(wrongZoho, "sync", "--once")));
            outputs.put("doctor with a wrong PowerOffice key", child(wrongPo, "doctor"));
            outputs.putAll(theServiceAndItsDashboard(config, ref));

            Map<String, String> needles = new LinkedHashMap<>(secrets);
            String basic = secrets.get("PO_APP") + ":" + secrets.get("PO_CLIENT");
            needles.put("Basic application:client", Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
            needles.put("Basic application:client (url-safe)",
                    Base64.getUrlEncoder().withoutPadding().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
            int n = 0;
            for (String token : po.issuedAccessTokens()) {
                needles.put("PowerOffice access token " + ++n, token);
            }
            for (String token : zoho.issuedAccessTokens()) {
                needles.put("Zoho access token " + ++n, token);
            }
            assertThat(po.issuedAccessTokens()).as("the simulators issued tokens (else the sweep misses them)").isNotEmpty();
            assertThat(zoho.issuedAccessTokens()).isNotEmpty();

            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    outputs.put("file " + dir.relativize(f), new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
                }
            }
            List<String> found = new ArrayList<>();
            outputs.forEach((where, text) -> needles.forEach((what, value) -> {
                if (text.contains(value)) {
                    found.add(what + " in " + where);
                }
            }));
            assertThat(found).as("searched " + outputs.keySet() + " for " + needles.keySet()).isEmpty();
            // the sweep sees what it searches: the debug log, the store's text, the dashboard's records
            assertThat(outputs.get("sync with a wrong Zoho secret")).as("the refusal's text is among what was searched")
                    .contains("invalid_client");
            assertThat(outputs.get("file tolk.db")).as("the store's text is searched").contains("CompanyCustomer");
            assertThat(outputs.get("dashboard /api/connections/default/runs?limit=20")).contains("outcome");
            assertThat(outputs.get("sync with a wrong Zoho secret")).as("the refusal is said, without the secret")
                    .containsIgnoringCase("zoho");

            for (String store : List.of("tolk.db", "backup.db")) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(store)))).as(store)
                        .isEqualTo("rw-------");
            }
        }
    }

    /**
     * {@code tolk run -v} with a token: the dashboard and the API fetched with it (the pages' assets, every JSON answer,
     * the metrics), a callback with a guessed channel token refused, the API refused without the token, and listening on
     * loopback only; without a token, {@code server.bind: 0.0.0.0} is refused.
     */
    private Map<String, String> theServiceAndItsDashboard(Path config, String ref) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        Path open = config("open.yaml", null, null, null, null, "server:\n  port: 0\n  bind: 0.0.0.0\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int refused = new Main(AppContext.of(secrets, dir)).run(new String[] {"run", "-c", open.toString()},
                new PrintStream(err, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(refused).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("server.bind").contains("server.token");

        try (ChildTolk run = start(config, "run")) {
            String said = run.awaitOutput(o -> o.contains("default: cycle 1"), Duration.ofSeconds(90));
            Matcher m = Pattern.compile("dashboard (http://[^/ ]+)/").matcher(said);
            assertThat(m.find()).as(said).isTrue();
            URI base = URI.create(m.group(1));
            assertThat(base.getHost()).as("listens on loopback").isEqualTo("127.0.0.1");
            for (InetAddress other : nonLoopbackAddresses()) {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(other, base.getPort()), 2000);
                    throw new AssertionError("the service answers on " + other + ":" + base.getPort());
                } catch (ConnectException expected) {
                    // refused: not listening there
                }
            }
            String bearer = "Bearer " + secrets.get("ADMIN_TOKEN");
            assertThat(get(base, "/api/status", null).statusCode()).as("the API without the token").isEqualTo(401);
            String[] record = ref.split("/");
            for (String path : List.of("/", "/assets/app.js", "/assets/dom.js", "/assets/app.css", "/api/status",
                    "/api/connections/default/runs?limit=20", "/api/connections/default/failures",
                    "/api/connections/default/conflicts", "/api/connections/default/review", "/api/search?q=a",
                    "/api/connections/default/records/" + record[0] + "/" + record[1] + "/" + record[2], "/metrics")) {
                HttpResponse<String> r = get(base, path, bearer);
                assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
                out.put("dashboard " + path, r.headers().map() + "\n" + r.body());
            }
            String forged = "{\"server_time\":1,\"module\":\"Accounts\",\"ids\":[\"1\"],\"operation\":\"update\","
                    + "\"channel_id\":\"1000\",\"token\":\"guessed\"}";
            for (String auth : new String[] {null, bearer}) {
                HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve("/webhooks/zoho"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(forged));
                if (auth != null) {
                    b.header("Authorization", auth);
                }
                HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as("a callback with a guessed channel token").isEqualTo(403);
                out.put("webhook answer", r.body());
            }
            run.signal("TERM");
            assertThat(run.waitFor(30)).as(run.output()).isEqualTo(143);
            out.put("run", run.output());
        }
        return out;
    }

    private static HttpResponse<String> get(URI base, String path, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20)).GET();
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<InetAddress> nonLoopbackAddresses() throws IOException {
        List<InetAddress> out = new ArrayList<>();
        for (NetworkInterface ni : java.util.Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (ni.isUp() && !ni.isLoopback()) {
                ni.inetAddresses().filter(a -> a instanceof Inet4Address).forEach(out::add);
            }
        }
        return out;
    }

    /**
     * A tolk.yaml whose secrets all come from the environment; {@code zohoSecret} and {@code poClient} name the variables
     * holding the Zoho client secret and the PowerOffice client key (a wrong one for the refusals).
     */
    private Path config(String name, PowerOfficeSimulator po, ZohoSimulator zoho, String zohoSecret, String poClient,
                        String server) throws IOException {
        String poUrl = po == null ? "http://127.0.0.1:9" : po.baseUrl();
        String zohoUrl = zoho == null ? "http://127.0.0.1:9" : zoho.baseUrl();
        String yaml = "store: sqlite:" + dir.resolve("tolk.db") + "\n"
                + "poweroffice:\n"
                + "  apiUrl: " + poUrl + "/v2\n"
                + "  tokenUrl: " + poUrl + "/OAuth/Token\n"
                + "  applicationKey: ${PO_APP}\n"
                + "  clientKey: ${" + (poClient == null ? "PO_CLIENT" : poClient) + "}\n"
                + "  subscriptionKey: ${PO_SUB}\n"
                + "  requestsPerSecond: off\n"
                + "zoho:\n"
                + "  apiDomain: " + zohoUrl + "\n"
                + "  accountsUrl: " + zohoUrl + "\n"
                + "  clientId: ${Z_ID}\n"
                + "  clientSecret: ${" + (zohoSecret == null ? "Z_SECRET" : zohoSecret) + "}\n"
                + "  refreshToken: ${Z_REFRESH}\n"
                + "sync:\n  interval: 1h\n"
                + "alerts:\n"
                + "  webhook: https://hooks.example.invalid/services/${HOOK}\n"
                + "  email:\n    host: smtp.example.invalid\n    username: tolk@example.invalid\n    password: ${SMTP_PW}\n"
                + "    from: tolk@example.invalid\n    to: [ops@example.invalid]\n"
                + (server.isEmpty() ? "server:\n  port: " + port + "\n  token: ${ADMIN_TOKEN}\n  publicUrl: http://127.0.0.1:"
                + port + "\n" : server);
        Path file = dir.resolve(name);
        Files.writeString(file, yaml);
        return file;
    }

    private ChildTolk start(Path config, String... command) throws IOException {
        List<String> argv = new ArrayList<>(List.of(command));
        argv.addAll(List.of("-v", "-c", config.toString()));
        return ChildTolk.start(dir, secrets, List.of(), argv.toArray(String[]::new));
    }

    /** {@code tolk <command> -v -c config} as a child JVM with the secrets in its environment; its output. */
    private String child(Path config, String... command) throws Exception {
        try (ChildTolk c = start(config, command)) {
            int exit = c.waitFor(120);
            assertThat(exit).as(String.join(" ", command) + ":\n" + c.output()).isNotEqualTo(4);
            return "exit " + exit + "\n" + c.output();
        }
    }

    private static String expect(int exit, String output) {
        assertThat(output).startsWith("exit " + exit + "\n");
        return output;
    }

    /** The first record ref {@code tolk link}'s output names, else the first PowerOffice customer. */
    private static String firstRef(String linkOutput) {
        Matcher m = Pattern.compile("poweroffice/[A-Za-z]+/\\d+").matcher(linkOutput);
        return m.find() ? m.group() : "poweroffice/CompanyCustomer/100000001";
    }
}
