package io.tolk.poweroffice;

import io.tolk.api.conformance.RecordingProxy;
import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import io.tolk.api.CreateRequest;
import io.tolk.api.UpdateRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Validates what the connector actually sends against PowerOffice's own OpenAPI document: a recording proxy sits
 * between the connector and the simulator, and every recorded API request goes through swagger-request-validator.
 *
 * <p>The document lacks the PATCH DTOs (its {@code Operation.value} is typed {@code object}, which no real patch of a
 * string property satisfies). So the test relaxes {@code Operation.value} to any type before building the
 * validator, and checks every patch operation's path against the Patch DTO properties the spec lists
 * (CustomerPatchDto, DepartmentPatchDto, ContactPersonPatchDto) itself.
 *
 * <p>The document is read from the system property {@code tolk.contracts.dir} (default {@code ../../shared/contracts});
 * when it is absent the test is skipped, unless {@code tolk.contracts.required} is {@code true}, then it fails.
 */
class PowerOfficeContractTest {

    private static final String DOCUMENT = "poweroffice-go-v2.openapi.yaml";
    private static final Map<String, Set<String>> PATCH_PATHS = Map.of(
            "Customers", Set.of("Name", "FirstName", "LastName", "LegalName", "IsPerson", "IsArchived", "EmailAddress",
                    "PhoneNumber", "WebsiteUrl", "OrganizationNumber", "ExternalNumber", "ExternalImportReference", "Number",
                    "DepartmentId", "ContactGroupIds", "CurrencyCode", "MailAddress", "MailAddress/AddressLine1",
                    "MailAddress/AddressLine2", "MailAddress/City", "MailAddress/CountryCode", "MailAddress/ExternalCode",
                    "MailAddress/ZipCode"),
            "Departments", Set.of("Code", "IsActive", "ManagerEmployeeId", "Name"),
            "ContactPersons", Set.of("EmailAddress", "ExternalCode", "FirstName", "IsActive", "IsDefault", "LastName",
                    "MailAddress", "MailAddress/AddressLine1", "MailAddress/AddressLine2", "MailAddress/City",
                    "MailAddress/CountryCode", "MailAddress/ZipCode", "PhoneNumber", "Title"));

    private static OpenApiInteractionValidator validator;

    private SimulatorHarness harness;
    private RecordingProxy proxy;

    private static boolean announced;

    /** Per test (not once per class), so that a missing document shows each test as skipped with the reason. */
    @BeforeEach
    void loadDocument() throws Exception {
        if (validator != null) {
            return;
        }
        Path dir = Path.of(System.getProperty("tolk.contracts.dir", "../../shared/contracts"));
        Path file = dir.resolve(DOCUMENT);
        if (!Files.isRegularFile(file)) {
            String reason = "PowerOffice OpenAPI document not found at " + file.toAbsolutePath().normalize();
            if ("true".equalsIgnoreCase(System.getProperty("tolk.contracts.required"))) {
                fail(reason + " (tolk.contracts.required=true)");
            }
            if (!announced) {
                announced = true;
                System.err.println("SKIPPED PowerOfficeContractTest: " + reason);
            }
            Assumptions.abort(reason + ": contract test skipped");
        }
        String yaml = Files.readString(file);
        validator = OpenApiInteractionValidator.createForInlineApiSpecification(relaxPatchOperationValue(yaml)).build();
    }

    /** {@code Operation.value: {nullable: true, type: object}} → any type (the document lacks the Patch DTOs). */
    static String relaxPatchOperationValue(String yaml) {
        int op = yaml.indexOf("\n    Operation:\n");
        if (op < 0) {
            throw new IllegalStateException("the document has no Operation schema: update the contract test");
        }
        int value = yaml.indexOf("\n        value:\n", op);
        int end = yaml.indexOf("\n        from:", value);
        if (value < 0 || end < 0 || end < value) {
            throw new IllegalStateException("the Operation schema changed shape: update the contract test");
        }
        return yaml.substring(0, value) + "\n        value:\n          nullable: true\n" + yaml.substring(end);
    }

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void everyRequestTheConnectorSendsConformsToThePowerOfficeOpenApiDocument() throws Exception {
        harness = new SimulatorHarness();
        proxy = new RecordingProxy(harness.sim.baseUrl());
        PowerOfficeSettings viaProxy = new PowerOfficeSettings(URI.create(proxy.baseUrl() + "/v2"),
                URI.create(proxy.baseUrl() + "/OAuth/Token"), "demo-app", "demo-client", "demo-sub", 20_000,
                harness.settings().requestTimeout(), harness.settings().tokenRenewalMargin(), harness.settings().retryPolicy(), 0);
        exercise(harness.connector(viaProxy));

        List<RecordingProxy.Captured> requests = proxy.captured();
        assertThat(requests).extracting(RecordingProxy.Captured::method).contains("GET", "POST", "PATCH", "DELETE");
        List<String> problems = new ArrayList<>();
        int api = 0;
        for (RecordingProxy.Captured r : requests) {
            if (r.path().equalsIgnoreCase("/OAuth/Token")) {
                checkTokenRequest(r, problems);
                continue;
            }
            api++;
            checkHeaders(r, problems);
            ValidationReport report = validator.validateRequest(toValidatorRequest(r));
            report.getMessages().forEach(m -> problems.add(r.method() + " " + r.path() + "?" + r.rawQuery() + ": "
                    + m.getKey() + " " + m.getMessage()));
            if (r.method().equals("PATCH")) {
                checkPatch(r, problems);
            }
            if (r.method().equals("GET") && (r.path().equals("/v2/Customers") || r.path().equals("/v2/Departments")
                    || r.path().equals("/v2/ContactPersons")) && query(r).containsKey("PageNumber")) {
                Map<String, String> q = query(r);
                if (!"20000".equals(q.get("PageSize")) || q.get("Fields") == null) {
                    problems.add("list call without the largest PageSize and a Fields selection: " + r.rawQuery());
                }
            }
        }
        assertThat(api).isGreaterThan(15);
        assertThat(problems).isEmpty();
    }

    @Test
    void theValidatorRefusesRequestsThatBreakTheDocument() {
        ValidationReport unknownProperty = validator.validateRequest(SimpleRequest.Builder.post("/v2/Customers")
                .withContentType("application/json").withBody("{\"Name\":\"X\",\"Colour\":\"blue\"}").build());
        ValidationReport tooLong = validator.validateRequest(SimpleRequest.Builder.post("/v2/Customers")
                .withContentType("application/json").withBody("{\"Name\":\"X\",\"ExternalImportReference\":\"" + "k".repeat(51) + "\"}").build());
        ValidationReport badId = validator.validateRequest(SimpleRequest.Builder.get("/v2/Customers/abc").build());
        assertThat(unknownProperty.hasErrors()).isTrue();
        assertThat(tooLong.hasErrors()).isTrue();
        assertThat(badId.hasErrors()).isTrue();
    }

    private static void exercise(PowerOfficeConnector c) {
        Set<String> fields = Set.of("Name", "FirstName", "LastName", "EmailAddress", "MailAddress.City", "IsArchived");
        var company = c.writer("CompanyCustomer").create(List.of(new CreateRequest("c-1", Map.of("Name", "Fjord AS",
                "OrganizationNumber", "980386465", "IsArchived", "false", "MailAddress.AddressLine1", "Storgata 1",
                "MailAddress.City", "Oslo", "MailAddress.ZipCode", "0161", "MailAddress.CountryCode", "NO")))).get(0);
        String companyId = company.id().orElseThrow();
        var person = c.writer("PersonCustomer").create(List.of(new CreateRequest("p-1",
                Map.of("FirstName", "Kari", "LastName", "Nordmann", "EmailAddress", "kari@example.no")))).get(0);
        Map<String, String> change = new HashMap<>();
        change.put("PhoneNumber", "+4799999999");
        change.put("WebsiteUrl", null);
        change.put("MailAddress.City", "Bergen");
        change.put("DepartmentId", null);
        assertThat(c.writer("CompanyCustomer").update(List.of(new UpdateRequest(companyId, change))).get(0).succeeded()).isTrue();
        c.reader("CompanyCustomer").readAll(fields, page -> { });
        c.reader("PersonCustomer").readChanges(io.tolk.api.Checkpoint.NONE, fields, page -> { });
        c.reader("CompanyCustomer").readByIds(List.of(companyId, "424242"), fields);
        c.writer("CompanyCustomer").findCreated(new CreateRequest("c-1", Map.of("Name", "Fjord AS")), Instant.EPOCH);

        var dept = c.writer("Department").create(List.of(new CreateRequest("d-1", Map.of("Name", "Salg", "Code", "10",
                "IsActive", "true")))).get(0);
        String deptId = dept.id().orElseThrow();
        c.writer("Department").update(List.of(new UpdateRequest(deptId, Map.of("Name", "Salg og marked"))));
        c.writer("Department").findCreated(new CreateRequest("d-1", Map.of("Name", "Salg og marked")), Instant.EPOCH);
        c.reader("Department").readAll(Set.of("Name", "Code"), page -> { });
        c.reader("Department").readByIds(List.of(deptId), Set.of());

        var cp = c.writer("ContactPerson").create(List.of(new CreateRequest("cp-1", Map.of("ContactId", companyId,
                "FirstName", "Ola", "LastName", "Nordmann", "MailAddress.City", "Oslo", "MailAddress.ZipCode", "0161")))).get(0);
        String cpId = cp.id().orElseThrow();
        c.writer("ContactPerson").update(List.of(new UpdateRequest(cpId, Map.of("Title", "Daglig leder", "MailAddress.City", "Bergen"))));
        c.reader("ContactPerson").readAll(Set.of("FirstName", "MailAddress.City"), page -> { });
        c.reader("ContactPerson").readByIds(List.of(cpId), Set.of());
        c.writer("ContactPerson").findCreated(new CreateRequest("cp-1", Map.of()), Instant.EPOCH);
        c.writer("ContactPerson").delete(List.of(cpId));

        c.writer("Department").delete(List.of(deptId));
        c.writer("PersonCustomer").delete(List.of(person.id().orElseThrow()));
        c.writer("CompanyCustomer").delete(List.of(companyId));
        c.checkAccess();
    }

    private static SimpleRequest toValidatorRequest(RecordingProxy.Captured r) {
        SimpleRequest.Builder b = new SimpleRequest.Builder(r.method(), r.path());
        r.headers().forEach(b::withHeader);
        query(r).forEach((k, v) -> b.withQueryParam(k, v));
        if (r.body().length > 0) {
            b.withBody(new String(r.body(), StandardCharsets.UTF_8));
        }
        return b.build();
    }

    private static Map<String, String> query(RecordingProxy.Captured r) {
        Map<String, String> q = new java.util.LinkedHashMap<>();
        if (r.rawQuery() != null) {
            for (String pair : r.rawQuery().split("&")) {
                int eq = pair.indexOf('=');
                q.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return q;
    }

    private static void checkHeaders(RecordingProxy.Captured r, List<String> problems) {
        String auth = r.header("Authorization");
        if (auth == null || !auth.startsWith("Bearer ")) {
            problems.add(r.method() + " " + r.path() + ": no bearer token");
        }
        if (!"demo-sub".equals(r.header("Ocp-Apim-Subscription-Key"))) {
            problems.add(r.method() + " " + r.path() + ": no subscription key");
        }
    }

    private static void checkTokenRequest(RecordingProxy.Captured r, List<String> problems) {
        String expected = "Basic " + java.util.Base64.getEncoder().encodeToString("demo-app:demo-client".getBytes(StandardCharsets.UTF_8));
        if (!r.method().equals("POST") || !expected.equals(r.header("Authorization"))
                || !"demo-sub".equals(r.header("Ocp-Apim-Subscription-Key"))
                || !String.valueOf(r.header("Content-Type")).startsWith("application/x-www-form-urlencoded")
                || !new String(r.body(), StandardCharsets.UTF_8).equals("grant_type=client_credentials")) {
            problems.add("token request is not a client-credentials POST with Basic auth and the subscription key");
        }
    }

    private static void checkPatch(RecordingProxy.Captured r, List<String> problems) {
        if (!String.valueOf(r.header("Content-Type")).startsWith("application/json-patch+json")) {
            problems.add("PATCH " + r.path() + " is not application/json-patch+json");
        }
        String collection = r.path().split("/")[2];
        Set<String> allowed = PATCH_PATHS.get(collection);
        try {
            JsonNode ops = SimulatorHarness.JSON.readTree(r.body());
            for (JsonNode op : ops) {
                String kind = op.path("op").asText();
                String path = op.path("path").asText();
                if (!Set.of("replace", "add", "remove").contains(kind)) {
                    problems.add("PATCH " + r.path() + ": unexpected op " + kind);
                }
                Set<String> lower = allowed.stream().map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
                if (!path.startsWith("/") || !lower.contains(path.substring(1).toLowerCase(Locale.ROOT))) {
                    problems.add("PATCH " + r.path() + ": path " + path + " is not a property of the " + collection + " Patch DTO");
                }
            }
        } catch (Exception e) {
            problems.add("PATCH " + r.path() + ": body is not JSON: " + e.getMessage());
        }
    }
}
