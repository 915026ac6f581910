package io.tolk.engine.mapping;

import io.tolk.engine.testing.TestOverrides;
import io.tolk.engine.testing.StandardMapping;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class MappingOverridesTest {

    private static Mapping build(FlowOverride... flows) {
        return StandardMapping.build(new MappingOverrides(List.of(flows)));
    }

    private static FlowOverride properties(String flow, PropertyOverride... properties) {
        return TestOverrides.flow(flow, 10, null, 0, null, 0, List.of(properties), null);
    }

    private static FlowOverride added(String flow, AddedPair... pairs) {
        return TestOverrides.flow(flow, 10, null, 0, null, 0, null, List.of(pairs));
    }

    @Test
    void noOverridesGiveTheDefaults() {
        assertThat(StandardMapping.build(MappingOverrides.none()).fingerprint()).isEqualTo(StandardMapping.defaults().fingerprint());
        assertThat(StandardMapping.build(null).flows()).isEqualTo(StandardMapping.defaults().flows());
    }

    @Test
    void aZohoFieldsDirectionChangesOnlyItsRow() {
        Flow f1 = build(properties("F1", new PropertyOverride("Shipping_City", "createOnly", 14))).flow("F1");
        assertThat(f1.rows()).filteredOn(r -> r.right().field().equals("Shipping_City"))
                .extracting(FlowRow::direction).containsExactly(Direction.CREATE_ONLY);
        assertThat(f1.rows()).filteredOn(r -> !r.right().field().equals("Shipping_City"))
                .allSatisfy(r -> assertThat(r.direction()).isEqualTo(Direction.BOTH));
    }

    @Test
    void aPowerOfficeFieldsDirectionChangesEveryRowItIsIn() {
        Flow f3 = build(properties("F3", new PropertyOverride("MailAddress.City", "toZoho", 14))).flow("F3");
        assertThat(f3.rows()).filteredOn(r -> r.left().field().equals("MailAddress.City"))
                .extracting((FlowRow r) -> r.right().field(), FlowRow::direction)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("Mailing_City", Direction.into("zoho")),
                        org.assertj.core.groups.Tuple.tuple("Other_City", Direction.into("zoho")));
        assertThat(f3.direction("person.address.city", "poweroffice", "MailAddress.City", "zoho")).isEqualTo(Direction.into("zoho"));
    }

    @Test
    void aMisspelledFieldIsRefusedWithKeyPathLineAndTheFlowsFields() {
        MappingException e = catchThrowableOfType(MappingException.class,
                () -> build(properties("F1", new PropertyOverride("Shiping_City", "createOnly", 14))));
        assertThat(e.keyPath()).isEqualTo("flows.F1.properties.Shiping_City");
        assertThat(e.line()).isEqualTo(14);
        assertThat(e.getMessage()).startsWith("flows.F1.properties.Shiping_City (line 14): no field Shiping_City in F1")
                .contains("Shipping_City", "Billing_City", "MailAddress.City", "Account_Name")
                .doesNotContain("Mailing_City");
    }

    @Test
    void aFieldOfTheSameRecordTypeButAnotherFlowIsNotKnownInThisFlow() {
        MappingException e = catchThrowableOfType(MappingException.class,
                () -> build(properties("F2", new PropertyOverride("Billing_City", "toZoho", 5))));
        assertThat(e.getMessage()).contains("known: Account_Name, Name");
    }

    @Test
    void anUnknownDirectionWordIsRefusedListingTheAllowedOnes() {
        assertThatThrownBy(() -> build(properties("F1", new PropertyOverride("Website", "sideways", 7))))
                .isInstanceOf(MappingException.class)
                .hasMessageStartingWith("flows.F1.properties.Website (line 7):")
                .hasMessageContaining("both, toPoweroffice, toZoho, createOnly");
    }

    @Test
    void anUnknownFlowIdIsRefusedNamingTheKey() {
        MappingException e = catchThrowableOfType(MappingException.class,
                () -> build(TestOverrides.flow("F4", 21, null, 0, null, 0, null, null)));
        assertThat(e.keyPath()).isEqualTo("flows.F4");
        assertThat(e.getMessage()).contains("line 21").contains("F1, F2, F3");
    }

    @Test
    void creatingDepartmentsFromZohoIsRefusedNamingKeyAndLine() {
        MappingException e = catchThrowableOfType(MappingException.class,
                () -> build(TestOverrides.flow("F2", 30, null, 0, true, 31, null, null)));
        assertThat(e.keyPath()).isEqualTo("flows.F2.createInPoweroffice");
        assertThat(e.line()).isEqualTo(31);
        assertThat(e.getMessage()).contains("departments are never created from Zoho");
    }

    @Test
    void creatingCustomersFromZohoCanBeSwitchedOnPerFlow() {
        Mapping m = build(TestOverrides.flow("F3", 30, null, 0, true, 31, null, null),
                TestOverrides.flow("F2", 40, null, 0, false, 41, null, null));
        assertThat(m.flow("F3").side("poweroffice").createInto()).isTrue();
        assertThat(m.flow("F1").side("poweroffice").createInto()).isFalse();
        assertThat(m.flow("F2").side("poweroffice").createInto()).isFalse();
    }

    @Test
    void theGlobalCreateSwitchReachesCustomerFlowsButNeverDepartments() {
        Mapping m = StandardMapping.build(TestOverrides.overrides(List.of(TestOverrides.flow("F3", 30, null, 0, false, 31, null, null)), true, 8));
        assertThat(m.flow("F1").side("poweroffice").createInto()).isTrue();
        assertThat(m.flow("F2").side("poweroffice").createInto()).isFalse();
        assertThat(m.flow("F3").side("poweroffice").createInto()).isFalse();
    }

    @Test
    void aFilterFromConfigSelectsPowerOfficeRecords() {
        Flow f1 = build(TestOverrides.flow("F1", 3, "IsArchived == false", 4, null, 0, null, null)).flow("F1");
        assertThat(f1.filter("poweroffice").expression()).isEqualTo("IsArchived == false");
        assertThat(f1.filter("poweroffice")).isSameAs(f1.filter("poweroffice"));
        assertThat(f1.filter("zoho").isAll()).isTrue();
    }

    @Test
    void aFilterThatDoesNotParseNamesKeyLineAndPosition() {
        MappingException e = catchThrowableOfType(MappingException.class,
                () -> build(TestOverrides.flow("F1", 3, "IsArchived = false", 4, null, 0, null, null)));
        assertThat(e.keyPath()).isEqualTo("flows.F1.filter");
        assertThat(e.line()).isEqualTo(4);
        assertThat(e.getMessage()).contains("position 12").contains("expected == or !=");
    }

    @Test
    void anAddedPairBecomesATextPropertyBoundOnBothSides() {
        Mapping m = build(added("F1", TestOverrides.added("organization.orgNumber", "OrganizationNumber", "Org_Number", null, 12)));
        Flow f1 = m.flow("F1");
        assertThat(f1.rows()).hasSize(10).contains(new FlowRow("organization.orgNumber",
                new FlowRow.FieldRef("poweroffice", "OrganizationNumber"), new FlowRow.FieldRef("zoho", "Org_Number"),
                Direction.BOTH, "string"));
        assertThat(m.model().kind("organization.orgNumber")).isEqualTo(ValueKind.TEXT);
        assertThat(f1.binding("poweroffice").primaryOf("organization.orgNumber").field()).isEqualTo("OrganizationNumber");
        assertThat(f1.binding("zoho").primaryOf("organization.orgNumber").field()).isEqualTo("Org_Number");
        assertThat(m.flow("F2").rows()).hasSize(1);
    }

    @Test
    void anAddedPairTakesItsDirectionAndCanBeRefinedByField() {
        Mapping m = build(TestOverrides.flow("F3", 1, null, 0, null, 0,
                List.of(new PropertyOverride("Birthday__c", "toPoweroffice", 6)),
                List.of(TestOverrides.added("person.title", "Title", "Title", "toZoho", 9),
                        TestOverrides.added("person.birthday", "DateOfBirth", "Birthday__c", "both", 10))));
        Flow f3 = m.flow("F3");
        assertThat(f3.direction("person.title", "zoho", "Title", "poweroffice")).isEqualTo(Direction.into("zoho"));
        assertThat(f3.direction("person.birthday", "zoho", "Birthday__c", "poweroffice")).isEqualTo(Direction.into("poweroffice"));
    }

    @Test
    void twoFlowsAddingTheSamePropertyShareTheAccountsBinding() {
        Mapping m = build(added("F1", TestOverrides.added("organization.orgNumber", "OrganizationNumber", "Org_Number", null, 12)),
                added("F2", TestOverrides.added("organization.orgNumber", "Code", "Org_Number", "toZoho", 20)));
        assertThat(m.flow("F1").rowsOf("organization.orgNumber")).extracting(r -> r.left().field(), FlowRow::direction)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("OrganizationNumber", Direction.BOTH));
        assertThat(m.flow("F2").rowsOf("organization.orgNumber")).extracting(r -> r.left().field(), FlowRow::direction)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Code", Direction.into("zoho")));
        TypeBinding accounts = m.bindings().stream().filter(b -> b.recordType().equals("Accounts")).findFirst().orElseThrow();
        assertThat(accounts.fieldsOf("organization.orgNumber")).containsExactly(new FieldBinding("organization.orgNumber", "Org_Number", true));
    }

    @Test
    void addingABuiltInPropertyIsRefused() {
        assertThatThrownBy(() -> build(added("F1", TestOverrides.added("organization.website", "WebsiteUrl", "Website", null, 12))))
                .isInstanceOf(MappingException.class)
                .hasMessageStartingWith("flows.F1.add[0] (line 12):")
                .hasMessageContaining("built-in");
    }

    @Test
    void anAddedPropertyOfTheWrongCanonicalTypeIsRefused() {
        assertThatThrownBy(() -> build(added("F3", TestOverrides.added("organization.orgNumber", "X", "Y", null, 12))))
                .isInstanceOf(MappingException.class).hasMessageContaining("person.<name>");
    }

    @Test
    void anAddedPairCannotRebindAFieldAlreadyBoundToAnotherProperty() {
        MappingException e = catchThrowableOfType(MappingException.class, () -> build(added("F1",
                TestOverrides.added("organization.orgNumber", "OrganizationNumber", "Org_Number", null, 12),
                TestOverrides.added("organization.fax", "Fax", "Phone", null, 13))));
        assertThat(e.keyPath()).isEqualTo("flows.F1.add[1]");
        assertThat(e.getMessage()).contains("line 13").contains("Zoho Accounts.Phone is already bound to organization.phone");
    }

    @Test
    void anAddedPairNeedsBothFields() {
        assertThatThrownBy(() -> build(added("F1", TestOverrides.added("organization.fax", "Fax", " ", null, 12))))
                .isInstanceOf(MappingException.class).hasMessageContaining("zoho field is missing");
    }

    @Test
    void aFlowRefinedTwiceIsRefused() {
        assertThatThrownBy(() -> build(properties("F1"), properties("F1"))).isInstanceOf(MappingException.class)
                .hasMessageContaining("twice");
    }
}
