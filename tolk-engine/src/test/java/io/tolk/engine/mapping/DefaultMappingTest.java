package io.tolk.engine.mapping;

import io.tolk.engine.testing.TestOverrides;
import io.tolk.engine.testing.StandardMapping;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DefaultMappingTest {

    private final Mapping mapping = StandardMapping.defaults();

    private static Set<String> facts(Flow flow) {
        return flow.rows().stream().map(r -> flow.id() + "|" + r.left().field() + "|" + r.right().field()).collect(Collectors.toSet());
    }

    @Test
    void composedRowsAreExactlyTheSpecsThreeTables() {
        assertThat(mapping.flowIds()).containsExactly("F1", "F2", "F3");
        assertThat(facts(mapping.flow("F1"))).isEqualTo(SpecTables.F1);
        assertThat(facts(mapping.flow("F2"))).isEqualTo(SpecTables.F2);
        assertThat(facts(mapping.flow("F3"))).isEqualTo(SpecTables.F3);
        assertThat(mapping.flow("F1").rows()).hasSize(9);
        assertThat(mapping.flow("F2").rows()).hasSize(1);
        assertThat(mapping.flow("F3").rows()).hasSize(12);
    }

    @Test
    void flowsJoinTheRecordTypesOfTheSpec() {
        assertThat(mapping.flow("F1").binding("poweroffice").recordType()).isEqualTo("CompanyCustomer");
        assertThat(mapping.flow("F1").binding("zoho").recordType()).isEqualTo("Accounts");
        assertThat(mapping.flow("F2").binding("poweroffice").recordType()).isEqualTo("Department");
        assertThat(mapping.flow("F2").binding("zoho").recordType()).isEqualTo("Accounts");
        assertThat(mapping.flow("F3").binding("poweroffice").recordType()).isEqualTo("PersonCustomer");
        assertThat(mapping.flow("F3").binding("zoho").recordType()).isEqualTo("Contacts");
        assertThat(mapping.flow("F3").canonicalType()).isEqualTo(CanonicalType.PERSON);
    }

    @Test
    void everyRowIsAStringPropertyPairFlowingBothWays() {
        for (Flow flow : mapping.flows()) {
            assertThat(flow.rows()).allSatisfy(r -> {
                assertThat(r.direction()).isEqualTo(Direction.BOTH);
                assertThat(r.valueType()).isEqualTo("string");
            });
        }
    }

    @Test
    void primaryBindingsAreBillingEmailPhoneAndMailing() {
        TypeBinding accounts = mapping.flow("F1").binding("zoho");
        assertThat(accounts.primaryOf("organization.address.city").field()).isEqualTo("Billing_City");
        assertThat(accounts.primaryOf("organization.address.postalCode").field()).isEqualTo("Billing_Code");
        assertThat(accounts.primaryOf("organization.address.country").field()).isEqualTo("Billing_Country");
        assertThat(accounts.fieldsOf("organization.address.city")).extracting(FieldBinding::field)
                .containsExactly("Billing_City", "Shipping_City");
        TypeBinding contacts = mapping.flow("F3").binding("zoho");
        assertThat(contacts.primaryOf("person.email").field()).isEqualTo("Email");
        assertThat(contacts.primaryOf("person.phone").field()).isEqualTo("Phone");
        assertThat(contacts.primaryOf("person.address.city").field()).isEqualTo("Mailing_City");
        assertThat(contacts.primaryOf("person.address.postalCode").field()).isEqualTo("Mailing_Zip");
        assertThat(contacts.primaryOf("person.address.country").field()).isEqualTo("Mailing_Country");
        assertThat(contacts.binding("Secondary_Email").primary()).isFalse();
        assertThat(contacts.binding("Other_Phone").primary()).isFalse();
        assertThat(mapping.flow("F3").binding("poweroffice").fields()).allSatisfy(f -> assertThat(f.primary()).isTrue());
    }

    @Test
    void createdInZohoOnlyAndNoFiltersByDefault() {
        assertThat(mapping.flows()).allSatisfy(f -> {
            assertThat(f.side("zoho").createInto()).isTrue();
            assertThat(f.side("poweroffice").createInto()).isFalse();
            assertThat(f.filter("poweroffice").isAll()).isTrue();
            assertThat(f.filter("zoho").isAll()).isTrue();
        });
    }

    @Test
    void accountsTakePartInF1AndF2AndDepartmentsOnlyInF2() {
        assertThat(mapping.flowsFor("zoho", "Accounts")).extracting(Flow::id).containsExactly("F1", "F2");
        assertThat(mapping.flowsFor("zoho", "Contacts")).extracting(Flow::id).containsExactly("F3");
        assertThat(mapping.flowsFor("poweroffice", "Department")).extracting(Flow::id).containsExactly("F2");
        assertThat(mapping.flowsFor("poweroffice", "ContactPerson")).isEmpty();
    }

    @Test
    void departmentFlowOwnsOnlyTheAccountName() {
        Flow f2 = mapping.flow("F2");
        assertThat(f2.binding("zoho").fieldPaths()).containsExactly("Account_Name");
        assertThat(f2.binding("poweroffice").fieldPaths()).containsExactly("Name");
        assertThat(f2.properties()).containsExactly("organization.name");
    }

    @Test
    void theFullSpokesBindTheHubTable() {
        TypeBinding accounts = mapping.bindings().stream().filter(b -> b.recordType().equals("Accounts")).findFirst().orElseThrow();
        assertThat(accounts.properties()).containsExactlyInAnyOrder("organization.name", "organization.phone",
                "organization.website", "organization.address.city", "organization.address.postalCode", "organization.address.country");
        assertThat(mapping.model().kind("organization.address.country")).isEqualTo(ValueKind.COUNTRY);
        assertThat(mapping.model().kind("person.email")).isEqualTo(ValueKind.EMAIL);
        assertThat(mapping.model().kind("organization.name")).isEqualTo(ValueKind.TEXT);
    }

    @Test
    void aPowerOfficeFieldWithTwoZohoMirrorsTakesTheDirectionOfItsPrimaryRow() {
        Mapping m = StandardMapping.build(new MappingOverrides(java.util.List.of(TestOverrides.flow("F1", 1, null, 0, null, 0,
                java.util.List.of(new PropertyOverride("Shipping_City", "createOnly", 3)), null))));
        Flow f1 = m.flow("F1");
        assertThat(f1.direction("organization.address.city", "zoho", "Shipping_City", "poweroffice")).isEqualTo(Direction.CREATE_ONLY);
        assertThat(f1.direction("organization.address.city", "zoho", "Billing_City", "poweroffice")).isEqualTo(Direction.BOTH);
        assertThat(f1.direction("organization.address.city", "poweroffice", "MailAddress.City", "zoho")).isEqualTo(Direction.BOTH);
        assertThat(f1.readsFrom("organization.address.city", "zoho", "Shipping_City")).isFalse();
        assertThat(f1.writesInto("organization.address.city", "zoho", "Shipping_City")).isFalse();
        assertThat(f1.writesInto("organization.address.city", "zoho", "Billing_City")).isTrue();
    }

    @Test
    void aFieldNotBoundToThePropertyHasNoDirection() {
        assertThat(mapping.flow("F1").direction("organization.name", "zoho", "Billing_City", "poweroffice")).isNull();
        assertThat(mapping.flow("F1").readsFrom("organization.name", "zoho", "Billing_City")).isFalse();
    }

    @Test
    void unknownFlowIdIsRefusedListingTheKnownOnes() {
        assertThatThrownBy(() -> mapping.flow("F9")).hasMessageContaining("F1, F2, F3");
    }

    @Test
    void aDepartmentFlowCannotBeMadeToCreateInPowerOffice() {
        Flow f2 = mapping.flow("F2");
        assertThat(f2.side("poweroffice").creatable()).isFalse();
        assertThatThrownBy(() -> new FlowSide(f2.binding("poweroffice"), null, true, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("never created");
    }
}
