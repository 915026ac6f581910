package io.tolk.poweroffice;

import io.tolk.api.Connector;
import io.tolk.api.CreateRequest;
import io.tolk.api.conformance.ConformanceFixture;
import io.tolk.api.conformance.ConnectorConformanceTest;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The shared conformance kit, run against the PowerOffice simulator with CompanyCustomer records. */
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
