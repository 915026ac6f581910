package io.tolk.poweroffice;

import com.fasterxml.jackson.databind.JsonNode;
import io.tolk.api.Connector;
import io.tolk.api.CreateRequest;
import io.tolk.api.conformance.ConformanceFixture;
import io.tolk.api.conformance.ConnectorConformanceTest;
import io.tolk.api.conformance.CreatePath;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The shared conformance kit, run against the PowerOffice simulator with CompanyCustomer records; lost creates are
 * exercised on all four types (company and person customers, departments, contact persons).
 */
class PowerOfficeConnectorConformanceTest extends ConnectorConformanceTest {

    @Override
    protected ConformanceFixture createFixture() {
        return new Fixture(new SimulatorHarness());
    }

    private static final class Fixture implements ConformanceFixture {
        private final SimulatorHarness harness;

        Fixture(SimulatorHarness harness) {
            this.harness = harness;
        }

        @Override
        public String system() {
            return "poweroffice";
        }

        @Override
        public String type() {
            return "CompanyCustomer";
        }

        @Override
        public Set<String> readFields() {
            return Set.of("Name", "EmailAddress", "PhoneNumber", "IsArchived", "ExternalImportReference",
                    "MailAddress.AddressLine1", "MailAddress.City", "MailAddress.ZipCode", "MailAddress.CountryCode");
        }

        @Override
        public Connector connector(int pageSize) {
            PowerOfficeSettings s = harness.settings();
            return harness.connector(pageSize > 0 ? s.withPageSize(pageSize) : s);
        }

        @Override
        public Connector connectorWithApiBase(URI apiBase) {
            return harness.connector(harness.settings().withApiUrl(apiBase));
        }

        @Override
        public URI apiBase() {
            return URI.create(harness.sim.apiUrl());
        }

        @Override
        public Instant now() {
            return harness.sim.clock().instant();
        }

        @Override
        public List<CreatePath> createPaths() {
            java.util.function.Function<URI, Connector> via = base -> harness.connector(harness.settings().withApiUrl(base));
            return List.of(
                    new CreatePath("CompanyCustomer", "CompanyCustomer", "Name", "ExternalImportReference", via, this::validCreate,
                            name -> countDirect("Customers", "Name", name)),
                    new CreatePath("PersonCustomer", "PersonCustomer", "LastName", "ExternalImportReference", via,
                            (key, name) -> new CreateRequest(key, Map.of("FirstName", "Kari", "LastName", name,
                                    "EmailAddress", "kari@example.no")),
                            name -> countDirect("Customers", "LastName", name)),
                    new CreatePath("Department", "Department", "Name", null, via,
                            (key, name) -> new CreateRequest(key, Map.of("Name", name, "Code", "77")),
                            name -> countDirect("Departments", "Name", name)),
                    new CreatePath("ContactPerson", "ContactPerson", "LastName", "ExternalCode", via,
                            (key, name) -> new CreateRequest(key, Map.of(
                                    "ContactId", Long.toString(harness.insertCustomer(Map.of("Name", "Parent of " + name, "IsPerson", false))),
                                    "FirstName", "Ola", "LastName", name)),
                            name -> countDirect("ContactPersons", "LastName", name)));
        }

        /** Records of a collection whose property holds the value, listed through the API with the test's own token. */
        private long countDirect(String collection, String property, String value) {
            HttpResponse<String> r = harness.direct("GET", "/" + collection + "?PageSize=20000", null, null);
            if (r.statusCode() == 204) {
                return 0;
            }
            if (r.statusCode() != 200) {
                throw new IllegalStateException("list " + collection + ": HTTP " + r.statusCode() + " " + r.body());
            }
            try {
                long n = 0;
                for (JsonNode row : SimulatorHarness.JSON.readTree(r.body())) {
                    JsonNode v = RecordMapper.property(row, property);
                    if (v != null && value.equals(v.asText())) {
                        n++;
                    }
                }
                return n;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
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
            List<Map<String, Object>> customers = new ArrayList<>();
            uniqueNames.forEach(n -> customers.add(Map.of("Name", n, "IsPerson", false)));
            List<String> ids = new ArrayList<>();
            harness.fixtures(Map.of("customers", customers)).get("customers").forEach(id -> ids.add(Long.toString(id)));
            return ids;
        }

        @Override
        public String nameField() {
            return "Name";
        }

        @Override
        public CreateRequest validCreate(String idempotencyKey, String uniqueName) {
            Map<String, String> f = new LinkedHashMap<>();
            f.put("Name", uniqueName);
            f.put("EmailAddress", "post@example.no");
            f.put("PhoneNumber", "+4722334455");
            f.put("MailAddress.AddressLine1", "Storgata 1");
            f.put("MailAddress.City", "Oslo");
            f.put("MailAddress.ZipCode", "0161");
            f.put("MailAddress.CountryCode", "NO");
            return new CreateRequest(idempotencyKey, f);
        }

        @Override
        public CreateRequest invalidCreate(String idempotencyKey) {
            return new CreateRequest(idempotencyKey, Map.of("EmailAddress", "nameless@example.no"));
        }

        @Override
        public Map.Entry<String, String> edit(String uniqueSuffix) {
            return Map.entry("PhoneNumber", "+47" + (10_000_000 + Math.floorMod(uniqueSuffix.hashCode(), 89_999_999)));
        }

        @Override
        public String insertDirectly(String uniqueName) {
            return Long.toString(harness.insertCustomer(Map.of("Name", uniqueName, "IsPerson", false)));
        }

        @Override
        public void deleteDirectly(String id) {
            int status = harness.direct("DELETE", "/Customers/" + id, null, null).statusCode();
            if (status != 200 && status != 204) {
                throw new IllegalStateException("direct delete of " + id + ": HTTP " + status);
            }
        }

        @Override
        public void expireTokens() {
            harness.expireTokens();
        }

        @Override
        public void setFaults(String spec) {
            harness.setFaults(spec);
        }

        @Override
        public long serverRecordsWritten() {
            return harness.sim.counters().recordsWritten();
        }

        @Override
        public void advanceClock(Duration duration) {
            harness.sim.clock().advance(duration);
        }

        @Override
        public boolean changesAreFullScans() {
            return true;
        }

        @Override
        public void close() {
            harness.close();
        }
    }
}
