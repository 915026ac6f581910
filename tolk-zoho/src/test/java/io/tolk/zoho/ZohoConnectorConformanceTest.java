package io.tolk.zoho;

import com.fasterxml.jackson.databind.JsonNode;
import io.tolk.api.Connector;
import io.tolk.api.CreateRequest;
import io.tolk.api.conformance.ConformanceFixture;
import io.tolk.api.conformance.ConnectorConformanceTest;
import io.tolk.api.http.RetryPolicy;
import io.tolk.sim.common.Faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The shared connector conformance kit, run against the Zoho simulator with the {@code Accounts} type. */
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
            try {
                HttpResponse<String> t = http.send(HttpRequest.newBuilder(URI.create(sim.sim.baseUrl() + "/oauth/v2/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&client_id=demo-client"
                                + "&client_secret=demo-secret&refresh_token=demo-refresh")).build(), HttpResponse.BodyHandlers.ofString());
                JsonNode token = ZohoSim.JSON.readTree(t.body());
                HttpResponse<String> d = http.send(HttpRequest.newBuilder(URI.create(sim.sim.baseUrl() + "/crm/v8/Accounts/" + id))
                        .header("Authorization", "Zoho-oauthtoken " + token.path("access_token").asText())
                        .DELETE().build(), HttpResponse.BodyHandlers.ofString());
                if (d.statusCode() != 200) {
                    throw new IllegalStateException("delete " + id + " in the simulator: " + d.statusCode() + " " + d.body());
                }
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
