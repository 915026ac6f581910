package io.tolk.zoho;

import com.fasterxml.jackson.databind.JsonNode;
import io.tolk.api.Connector;
import io.tolk.api.CreateRequest;
import io.tolk.api.conformance.ConformanceFixture;
import io.tolk.api.conformance.ConnectorConformanceTest;
import io.tolk.api.conformance.CreatePath;
import io.tolk.api.http.RetryPolicy;
import io.tolk.sim.common.Faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The shared connector conformance kit, run against the Zoho simulator with the {@code Accounts} type; lost creates
 * are exercised on Accounts and Contacts, each with and without an external-id field.
 */
class ZohoConnectorConformanceTest extends ConnectorConformanceTest {

    @Override
    protected ConformanceFixture createFixture() {
        return new Fixture();
    }

    private static final class Fixture implements ConformanceFixture {
        private final ZohoSim sim = ZohoSim.start();
        private final HttpClient http = HttpClient.newHttpClient();

        private ZohoSettings base() {
            return sim.settings()
                    .withRetryPolicy(new RetryPolicy(8, Duration.ofMillis(50), Duration.ofMillis(500), Duration.ofSeconds(20)))
                    .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1));
        }

        @Override
        public String system() {
            return "zoho";
        }

        @Override
        public String type() {
            return "Accounts";
        }

        @Override
        public Set<String> readFields() {
            return Set.of("Account_Name", "Phone", "Billing_City");
        }

        @Override
        public Connector connector(int pageSize) {
            return sim.connector(base().withPageSize(pageSize <= 0 ? 200 : pageSize));
        }

        @Override
        public Connector connectorWithApiBase(URI apiBase) {
            return sim.connector(base().withApiDomain(apiBase).withAdoptApiDomain(false));
        }

        @Override
        public URI apiBase() {
            return URI.create(sim.sim.baseUrl());
        }

        @Override
        public Instant now() {
            return sim.clock.instant();
        }

        @Override
        public List<CreatePath> createPaths() {
            String ext = "PowerOffice_Id";
            Function<URI, Connector> plain = base -> connectorWithApiBase(base);
            Function<URI, Connector> withExt = base -> sim.connector(base().withApiDomain(base).withAdoptApiDomain(false)
                    .withExternalIdField(ext));
            List<CreatePath> paths = new ArrayList<>();
            for (boolean external : new boolean[]{false, true}) {
                String how = external ? ", external-id field " + ext : ", no external-id field";
                Function<URI, Connector> connector = external ? withExt : plain;
                String keyField = external ? ext : null;
                paths.add(new CreatePath("Accounts" + how, "Accounts", "Account_Name", keyField, connector, this::validCreate,
                        name -> countDirect("Accounts", "Account_Name", name)));
                paths.add(new CreatePath("Contacts" + how, "Contacts", "Last_Name", keyField, connector,
                        (key, name) -> new CreateRequest(key, Map.of("Last_Name", name, "First_Name", "Kari",
                                "Mailing_City", "Oslo")),
                        name -> countDirect("Contacts", "Last_Name", name)));
            }
            return paths;
        }

        /** Records of a module whose field holds the value, listed through the API with the test's own token. */
        private long countDirect(String module, String field, String value) {
            long n = 0;
            String token = null;
            do {
                JsonNode page = direct("GET", "/crm/v8/" + module + "?fields=" + field + "&per_page=200"
                        + (token == null ? "" : "&page_token=" + token));
                if (page == null) {
                    break;
                }
                for (JsonNode r : page.path("data")) {
                    if (value.equals(r.path(field).asText(null))) {
                        n++;
                    }
                }
                token = page.path("info").path("more_records").asBoolean(false)
                        ? page.path("info").path("next_page_token").asText(null) : null;
            } while (token != null);
            return n;
        }

        @Override
        public int pagingRecords() {
            return 2_100;
        }

        @Override
        public int pagingPageSize() {
            return 200;
        }

        @Override
        public List<String> insertDirectly(List<String> uniqueNames) {
            String[] records = uniqueNames.stream().map(n -> "{\"Account_Name\":" + ZohoSim.JSON.valueToTree(n)
                    + ",\"Phone\":\"+47 22 11 11 11\",\"Billing_City\":\"Oslo\"}").toArray(String[]::new);
            return sim.fixtures("Accounts", records);
        }

        @Override
        public String nameField() {
            return "Account_Name";
        }

        @Override
        public CreateRequest validCreate(String idempotencyKey, String uniqueName) {
            Map<String, String> f = new LinkedHashMap<>();
            f.put("Account_Name", uniqueName);
            f.put("Phone", "+47 22 00 00 00");
            f.put("Billing_City", "Oslo");
            return new CreateRequest(idempotencyKey, f);
        }

        @Override
        public CreateRequest invalidCreate(String idempotencyKey) {
            return new CreateRequest(idempotencyKey, Map.of("Phone", "+47 22 00 00 01")); // no Account_Name
        }

        @Override
        public Map.Entry<String, String> edit(String uniqueSuffix) {
            return Map.entry("Billing_City", "Bergen " + uniqueSuffix);
        }

        @Override
        public String insertDirectly(String uniqueName) {
            return sim.fixtures("Accounts", "{\"Account_Name\":" + ZohoSim.JSON.valueToTree(uniqueName)
                    + ",\"Phone\":\"+47 22 11 11 11\",\"Billing_City\":\"Oslo\"}").get(0);
        }

        @Override
        public void deleteDirectly(String id) {
            direct("DELETE", "/crm/v8/Accounts/" + id);
        }

        /** Calls the simulator's API with a token of its own, bypassing the connector; the JSON answer, null for 204. */
        private JsonNode direct(String method, String path) {
            try {
                HttpResponse<String> t = http.send(HttpRequest.newBuilder(URI.create(sim.sim.baseUrl() + "/oauth/v2/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&client_id=demo-client"
                                + "&client_secret=demo-secret&refresh_token=demo-refresh")).build(), HttpResponse.BodyHandlers.ofString());
                JsonNode token = ZohoSim.JSON.readTree(t.body());
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(sim.sim.baseUrl() + path))
                        .header("Authorization", "Zoho-oauthtoken " + token.path("access_token").asText())
                        .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 204) {
                    return null;
                }
                if (r.statusCode() != 200) {
                    throw new IllegalStateException(method + " " + path + " in the simulator: " + r.statusCode() + " " + r.body());
                }
                return ZohoSim.JSON.readTree(r.body());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void expireTokens() {
            sim.sim.expireTokens();
        }

        @Override
        public void setFaults(String spec) {
            sim.sim.setFaults(spec == null || spec.isEmpty() ? Faults.NONE : Faults.parse(spec));
        }

        @Override
        public long serverRecordsWritten() {
            return sim.sim.counters().recordsWritten();
        }

        @Override
        public void advanceClock(Duration duration) {
            sim.clock.advance(duration);
        }

        @Override
        public boolean changesAreFullScans() {
            return false;
        }

        @Override
        public void close() {
            sim.close();
        }
    }
}
