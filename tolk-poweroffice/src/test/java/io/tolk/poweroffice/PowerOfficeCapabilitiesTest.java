package io.tolk.poweroffice;

import io.tolk.api.ChangeDetection;
import io.tolk.api.FieldIssue;
import io.tolk.api.FieldMarker;
import io.tolk.api.ReadStream;
import io.tolk.api.http.Sleeper;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What the PowerOffice connector tells the engine about PowerOffice, without a call. */
class PowerOfficeCapabilitiesTest {

    private final PowerOfficeConnector connector = new PowerOfficeConnector(PowerOfficeSettings.of(
            URI.create("http://127.0.0.1:1/v2"), URI.create("http://127.0.0.1:1/OAuth/Token"), "a", "c", "s"),
            Clock.systemUTC(), Sleeper.SYSTEM);

    private static Map<String, String> values(String... pairs) {
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put(pairs[i], pairs[i + 1]);
        }
        return out;
    }

    @Test
    void companyAndPersonCustomersAreReadAsOneCustomerListOnce() {
        List<ReadStream> streams = connector.streams(Set.of("CompanyCustomer", "PersonCustomer", "Department"));
        assertThat(streams).containsExactly(new ReadStream("Customers", Set.of("CompanyCustomer", "PersonCustomer")),
                ReadStream.of("Department"));
        assertThat(connector.streams(Set.of("PersonCustomer"))).containsExactly(ReadStream.of("PersonCustomer"));
        assertThat(connector.reader(streams.get(0)).changeDetection()).isEqualTo(ChangeDetection.FULL_SCAN);
    }

    @Test
    void aPropagatedDeletionArchivesCustomersAndDeactivatesDepartments() {
        assertThat(connector.softDelete("CompanyCustomer")).contains(FieldMarker.of("IsArchived", "true"));
        assertThat(connector.softDelete("PersonCustomer")).contains(FieldMarker.of("IsArchived", "true"));
        assertThat(connector.softDelete("Department")).contains(FieldMarker.of("IsActive", "false"));
    }

    @Test
    void anArchivedCustomerIsInactiveButADepartmentWithoutIsActiveIsNot() {
        FieldMarker archived = connector.inactive("CompanyCustomer").orElseThrow();
        assertThat(archived.appliesTo(values("IsArchived", "true"))).isTrue();
        assertThat(archived.appliesTo(values("IsArchived", "false"))).isFalse();
        assertThat(connector.inactive("Department")).isEqualTo(Optional.empty());
    }

    @Test
    void anAddressNeedsCityAndZipCodeOnCreate() {
        List<FieldIssue> issues = connector.writer("CompanyCustomer")
                .precheck(values("Name", "Fjellvind AS", "MailAddress.City", "Oslo"), true);
        assertThat(issues).extracting(FieldIssue::field).containsExactly("MailAddress.ZipCode");
        assertThat(issues.get(0).message()).contains("PowerOffice CompanyCustomer.MailAddress.ZipCode is empty")
                .contains("City and ZipCode");
        assertThat(connector.writer("CompanyCustomer").precheck(values("Name", "Fjellvind AS", "MailAddress.CountryCode", "NO"), true))
                .extracting(FieldIssue::field).containsExactly("MailAddress.City", "MailAddress.ZipCode");
    }

    @Test
    void aCreateWithoutAddressOrWithAFullOneAndAnyUpdatePass() {
        var writer = connector.writer("CompanyCustomer");
        assertThat(writer.precheck(values("Name", "Fjellvind AS", "MailAddress.City", null), true)).isEmpty();
        assertThat(writer.precheck(values("Name", "Fjellvind AS", "MailAddress.City", "Oslo", "MailAddress.ZipCode", "0150"), true))
                .isEmpty();
        assertThat(writer.precheck(values("MailAddress.City", "Oslo"), false)).isEmpty();
    }
}
