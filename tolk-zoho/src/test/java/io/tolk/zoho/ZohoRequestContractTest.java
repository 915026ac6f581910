package io.tolk.zoho;

import io.tolk.api.conformance.RecordingProxy;
import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.ValidationReport;
import io.tolk.api.Checkpoint;
import io.tolk.api.ChangeNotifications;
import io.tolk.api.CreateRequest;
import io.tolk.api.ReadSummary;
import io.tolk.api.Subscription;
import io.tolk.api.UpdateRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks that every request the connector sends to the CRM API conforms to Zoho's own OpenAPI documents for v8
 * ({@code zoho-crm-v8.record.json}, {@code zoho-crm-v8.notifications.json}), as swagger-request-validator's
 * {@code validateRequest} judges them. The requests are captured by a {@link RecordingProxy} while the connector
 * does one of everything against the simulator. The documents are read from system property
 * {@code tolk.contracts.dir} (default {@code ../../shared/contracts} from the module directory); when absent the
 * test is skipped with the reason, unless {@code tolk.contracts.required} is {@code true}, when it fails.
 *
 * <p>Known deviations, accepted knowingly (the document, not the request, is wrong or too narrow):
 * <ul>
 *   <li>notifications {@code channel_id} is typed {@code object} in the document, though Zoho's own examples send a
 *       number (a long);</li>
 *   <li>notifications {@code notify_url} carries the pattern {@code www[.][a-z]{5}zoho[.]com}, an example value that
 *       no real callback URL matches.</li>
 * </ul>
 * {@code /settings/fields} and the token endpoint are not described by these documents and are not checked.
 */
class ZohoRequestContractTest {

    private static ZohoSim sim;

    @BeforeAll
    static void start() {
        sim = ZohoSim.withProxy();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static final Map<String, OpenApiInteractionValidator> VALIDATORS = new java.util.HashMap<>();

    private static synchronized OpenApiInteractionValidator validator(String file) {
        Path f = contract(file);
        return VALIDATORS.computeIfAbsent(file, k -> {
            return OpenApiInteractionValidator.createForSpecificationUrl(f.toUri().toString()).build();
        });
    }

    private static Path contract(String file) {
        String dir = System.getProperty("tolk.contracts.dir");
        Path base = dir == null || dir.isBlank() || dir.contains("${") ? Path.of("../../shared/contracts") : Path.of(dir);
        Path f = base.resolve(file).toAbsolutePath().normalize();
        if (!Files.isRegularFile(f)) {
            String why = "Zoho contract document " + f + " not found (set -Dtolk.contracts.dir)";
            if ("true".equalsIgnoreCase(System.getProperty("tolk.contracts.required"))) {
                Assertions.fail(why);
            }
            Assumptions.abort(why);
        }
        return f;
    }

    @Test
    void everyRequestTheConnectorSendsConformsToZohosOpenApiDocuments() {
        OpenApiInteractionValidator records = validator("zoho-crm-v8.record.json");
        OpenApiInteractionValidator watch = validator("zoho-crm-v8.notifications.json");
        exerciseEverything();

        List<String> problems = new ArrayList<>();
        Set<String> checked = new java.util.TreeSet<>();
        Set<String> deviations = new java.util.TreeSet<>();
        for (RecordingProxy.Captured c : sim.proxy.captured()) {
            if (!c.path().startsWith("/crm/v8/") || c.path().startsWith("/crm/v8/settings/")) {
                continue;
            }
            OpenApiInteractionValidator v = c.path().startsWith("/crm/v8/actions/watch") ? watch : records;
            ValidationReport report = v.validateRequest(toRequest(c));
            checked.add(c.method() + " " + c.path().replaceAll("/\\d{6,}", "/{id}"));
            for (ValidationReport.Message m : report.getMessages()) {
                if (m.getLevel() == ValidationReport.Level.ERROR && knownDeviation(m)) {
                    deviations.add(m.getKey());
                } else if (m.getLevel() == ValidationReport.Level.ERROR) {
                    problems.add(c.method() + " " + c.path() + "?" + c.rawQuery() + ": " + m.getKey() + " " + m.getMessage());
                }
            }
        }

        // what was checked and which known deviations were accepted is told only when the test fails
        assertThat(problems).as("requests that break Zoho's OpenAPI documents (checked " + checked
                + "; known deviations accepted: " + deviations + ")").isEmpty();
        assertThat(checked).contains("GET /crm/v8/Accounts", "POST /crm/v8/Accounts", "PUT /crm/v8/Accounts",
                "DELETE /crm/v8/Accounts", "GET /crm/v8/Accounts/deleted", "POST /crm/v8/Contacts",
                "POST /crm/v8/actions/watch", "PUT /crm/v8/actions/watch", "DELETE /crm/v8/actions/watch");
    }

    @Test
    void theValidatorRefusesARequestThatBreaksTheDocument() {
        OpenApiInteractionValidator records = validator("zoho-crm-v8.record.json");

        ValidationReport badPage = records.validateRequest(new SimpleRequest.Builder("GET", "/crm/v8/Accounts")
                .withQueryParam("per_page", "many").build());
        ValidationReport badBody = records.validateRequest(new SimpleRequest.Builder("POST", "/crm/v8/Accounts")
                .withContentType("application/json").withBody("{\"data\":\"not a list\",\"trigger\":[]}").build());

        assertThat(badPage.hasErrors()).isTrue();
        assertThat(badBody.hasErrors()).isTrue();
    }

    private static boolean knownDeviation(ValidationReport.Message m) {
        String text = m.getMessage();
        return (text.contains("channel_id") && text.contains("object"))
                || (text.contains("notify_url") && text.contains("www[.][a-z]{5}zoho[.]com"))
                || (text.contains("ECMA 262 regex") && text.contains("www[.][a-z]{5}zoho[.]com"));
    }

    private void exerciseEverything() {
        sim.clock.set(Instant.parse("2025-03-01T10:00:00Z"));
        ZohoConnector c = sim.connector(sim.settings().withExternalIdField("PowerOffice_Id"));
        c.checkAccess();
        String account = c.writer("Accounts").create(List.of(new CreateRequest("k-a1",
                Map.of("Account_Name", "Kontrakt AS", "Phone", "+47 22 00 00 00", "Website", "https://kontrakt.no"))))
                .get(0).id().orElseThrow();
        c.writer("Contacts").create(List.of(new CreateRequest("k-c1", Map.of("Last_Name", "Nordmann",
                "First_Name", "Kari", "Email", "kari@kontrakt.no", "Account_Name.id", account))));
        c.writer("Accounts").update(List.of(new UpdateRequest(account, Map.of("Billing_City", "Oslo"))));
        c.reader("Accounts").readAll(Set.of("Account_Name", "Phone"), p -> { });
        ReadSummary s = c.reader("Contacts").readChanges(Checkpoint.NONE, Set.of("Last_Name", "Account_Name.id"), p -> { });
        sim.clock.advance(Duration.ofMinutes(1));
        c.reader("Contacts").readChanges(s.next(), Set.of("Last_Name", "Account_Name.id"), p -> { });
        c.reader("Accounts").readByIds(List.of(account), Set.of("Account_Name"));
        c.writer("Accounts").findCreated(new CreateRequest("k-a1", Map.of("Account_Name", "Kontrakt AS")),
                sim.clock.instant().minusSeconds(600));
        c.writer("Accounts").delete(List.of(account));
        c.deletedFeed().orElseThrow().deletedSince("Accounts", new io.tolk.api.Checkpoint(sim.clock.instant().minusSeconds(600).toString()));
        ChangeNotifications n = c.notifications().orElseThrow();
        Subscription sub = n.subscribe("1000000068001", Set.of("Accounts", "Contacts"),
                URI.create("https://hooks.example.no/zoho"), "verify-me", Duration.ofHours(1));
        n.renew(sub, "verify-me", Duration.ofHours(2));
        n.unsubscribe(sub);
    }

    private static Request toRequest(RecordingProxy.Captured c) {
        SimpleRequest.Builder b = new SimpleRequest.Builder(c.method(), c.path());
        if (c.rawQuery() != null) {
            Map<String, List<String>> q = new java.util.LinkedHashMap<>();
            for (String pair : c.rawQuery().split("&")) {
                int eq = pair.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                q.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
            }
            q.forEach(b::withQueryParam);
        }
        c.headers().forEach((k, v) -> {
            if (!k.equals("host") && !k.equals("content-length")) {
                b.withHeader(k, v);
            }
        });
        if (c.body().length > 0) {
            b.withBody(c.bodyText());
        }
        return b.build();
    }

    @SuppressWarnings("unused")
    private static String describe(List<RecordingProxy.Captured> cs) {
        return cs.stream().map(c -> c.method() + " " + c.path()).collect(Collectors.joining("\n"));
    }
}
