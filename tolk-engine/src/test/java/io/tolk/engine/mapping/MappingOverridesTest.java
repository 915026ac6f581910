package io.tolk.engine.mapping;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class MappingOverridesTest {

    private static Mapping build(FlowOverride... flows) {
        return Mapping.build(new MappingOverrides(List.of(flows)));
    }

    private static FlowOverride properties(String flow, PropertyOverride... properties) {
        return new FlowOverride(flow, 10, null, 0, null, 0, List.of(properties), null);
    }

    private static FlowOverride added(String flow, AddedPair... pairs) {
        return new FlowOverride(flow, 10, null, 0, null, 0, null, List.of(pairs));
    }

    @Test
    void noOverridesGiveTheDefaults() {
        assertThat(Mapping.build(MappingOverrides.none()).fingerprint()).isEqualTo(Mapping.defaults().fingerprint());
        assertThat(Mapping.build(null).flows()).isEqualTo(Mapping.defaults().flows());
    }

    @Test
    void aZohoFieldsDirectionChangesOnlyItsRow() {
        Flow f1 = build(properties("F1", new PropertyOverride("Shipping_City", "createOnly", 14))).flow("F1");
        assertThat(f1.rows()).filteredOn(r -> r.zohoField().equals("Shipping_City"))
                .extracting(FlowRow::direction).containsExactly(Direction.CREATE_ONLY);
        assertThat(f1.rows()).filteredOn(r -> !r.zohoField().equals("Shipping_City"))
                .allSatisfy(r -> assertThat(r.direction()).isEqualTo(Direction.BOTH));
    }

    @Test
    void aPowerOfficeFieldsDirectionChangesEveryRowItIsIn() {
        Flow f3 = build(properties("F3", new PropertyOverride("MailAddress.City", "toZoho", 14))).flow("F3");
        assertThat(f3.rows()).filteredOn(r -> r.poField().equals("MailAddress.City"))
                .extracting(FlowRow::zohoField, FlowRow::direction)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("Mailing_City", Direction.TO_ZOHO),
                        org.assertj.core.groups.Tuple.tuple("Other_City", Direction.TO_ZOHO));
        assertThat(f3.direction("person.address.city", "MailAddress.City")).isEqualTo(Direction.TO_ZOHO);
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
                .hasMessageContaining("both, toZoho, toPoweroffice, createOnly");
    }

    @Test
    void anUnknownFlowIdIsRefusedNamingTheKey() {
        MappingException e = catchThrowableOfType(MappingException.class,
                () -> build(new FlowOverride("F4", 21, null, 0, null, 0, null, null)));
        assertThat(e.keyPath()).isEqualTo("flows.F4");
        assertThat(e.getMessage()).contains("line 21").contains("F1, F2, F3");
    }

    @Test
    void creatingDepartmentsFromZohoIsRefusedNamingKeyAndLine() {
        MappingException e = catchThrowableOfType(MappingException.class,
                () -> build(new FlowOverride("F2", 30, null, 0, true, 31, null, null)));
        assertThat(e.keyPath()).isEqualTo("flows.F2.createInPoweroffice");
        assertThat(e.line()).isEqualTo(31);
        assertThat(e.getMessage()).contains("departments are never created from Zoho");
    }

    @Test
    void creatingCustomersFromZohoCanBeSwitchedOnPerFlow() {
        Mapping m = build(new FlowOverride("F3", 30, null, 0, true, 31, null, null),
                new FlowOverride("F2", 40, null, 0, false, 41, null, null));
        assertThat(m.flow("F3").createInPoweroffice()).isTrue();
        assertThat(m.flow("F1").createInPoweroffice()).isFalse();
        assertThat(m.flow("F2").createInPoweroffice()).isFalse();
    }

    @Test
    void theGlobalCreateSwitchReachesCustomerFlowsButNeverDepartments() {
        Mapping m = Mapping.build(new MappingOverrides(List.of(new FlowOverride("F3", 30, null, 0, false, 31, null, null)), true, 8));
        assertThat(m.flow("F1").createInPoweroffice()).isTrue();
        assertThat(m.flow("F2").createInPoweroffice()).isFalse();
        assertThat(m.flow("F3").createInPoweroffice()).isFalse();
    }

    @Test
    void aFilterFromConfigSelectsPowerOfficeRecords() {
        Flow f1 = build(new FlowOverride("F1", 3, "IsArchived == false", 4, null, 0, null, null)).flow("F1");
        assertThat(f1.poFilter().expression()).isEqualTo("IsArchived == false");
        assertThat(f1.filter("poweroffice")).isSameAs(f1.poFilter());
        assertThat(f1.zohoFilter().isAll()).isTrue();
    }

    @Test
    void aFilterThatDoesNotParseNamesKeyLineAndPosition() {
        MappingException e = catchThrowableOfType(MappingException.class,
                () -> build(new FlowOverride("F1", 3, "IsArchived = false", 4, null, 0, null, null)));
        assertThat(e.keyPath()).isEqualTo("flows.F1.filter");
        assertThat(e.line()).isEqualTo(4);
        assertThat(e.getMessage()).contains("position 12").contains("expected == or !=");
    }

    @Test
    void anAddedPairBecomesATextPropertyBoundOnBothSides() {
        Mapping m = build(added("F1", new AddedPair("organization.orgNumber", "OrganizationNumber", "Org_Number", null, 12)));
        Flow f1 = m.flow("F1");
        assertThat(f1.rows()).hasSize(10).contains(new FlowRow("organization.orgNumber", "OrganizationNumber", "Org_Number",
                Direction.BOTH, "string"));
        assertThat(m.model().kind("organization.orgNumber")).isEqualTo(ValueKind.TEXT);
        assertThat(f1.poweroffice().primaryOf("organization.orgNumber").field()).isEqualTo("OrganizationNumber");
        assertThat(f1.zoho().primaryOf("organization.orgNumber").field()).isEqualTo("Org_Number");
        assertThat(m.flow("F2").rows()).hasSize(1);
    }

    @Test
    void anAddedPairTakesItsDirectionAndCanBeRefinedByField() {
        Mapping m = build(new FlowOverride("F3", 1, null, 0, null, 0,
                List.of(new PropertyOverride("Birthday__c", "toPoweroffice", 6)),
                List.of(new AddedPair("person.title", "Title", "Title", "toZoho", 9),
                        new AddedPair("person.birthday", "DateOfBirth", "Birthday__c", "both", 10))));
        Flow f3 = m.flow("F3");
        assertThat(f3.direction("person.title", "Title")).isEqualTo(Direction.TO_ZOHO);
        assertThat(f3.direction("person.birthday", "Birthday__c")).isEqualTo(Direction.TO_POWEROFFICE);
    }

    @Test
    void twoFlowsAddingTheSamePropertyShareTheAccountsBinding() {
        Mapping m = build(added("F1", new AddedPair("organization.orgNumber", "OrganizationNumber", "Org_Number", null, 12)),
                added("F2", new AddedPair("organization.orgNumber", "Code", "Org_Number", "toZoho", 20)));
        assertThat(m.flow("F1").rowsOf("organization.orgNumber")).extracting(FlowRow::poField, FlowRow::direction)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("OrganizationNumber", Direction.BOTH));
        assertThat(m.flow("F2").rowsOf("organization.orgNumber")).extracting(FlowRow::poField, FlowRow::direction)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Code", Direction.TO_ZOHO));
        TypeBinding accounts = m.bindings().stream().filter(b -> b.recordType().equals("Accounts")).findFirst().orElseThrow();
        assertThat(accounts.fieldsOf("organization.orgNumber")).containsExactly(new FieldBinding("organization.orgNumber", "Org_Number", true));
    }

    @Test
    void addingABuiltInPropertyIsRefused() {
        assertThatThrownBy(() -> build(added("F1", new AddedPair("organization.website", "WebsiteUrl", "Website", null, 12))))
                .isInstanceOf(MappingException.class)
                .hasMessageStartingWith("flows.F1.add[0] (line 12):")
                .hasMessageContaining("built-in");
    }

    @Test
    void anAddedPropertyOfTheWrongCanonicalTypeIsRefused() {
        assertThatThrownBy(() -> build(added("F3", new AddedPair("organization.orgNumber", "X", "Y", null, 12))))
                .isInstanceOf(MappingException.class).hasMessageContaining("person.<name>");
    }

    @Test
    void anAddedPairCannotRebindAFieldAlreadyBoundToAnotherProperty() {
        MappingException e = catchThrowableOfType(MappingException.class, () -> build(added("F1",
                new AddedPair("organization.orgNumber", "OrganizationNumber", "Org_Number", null, 12),
                new AddedPair("organization.fax", "Fax", "Phone", null, 13))));
        assertThat(e.keyPath()).isEqualTo("flows.F1.add[1]");
        assertThat(e.getMessage()).contains("line 13").contains("Zoho Accounts.Phone is already bound to organization.phone");
    }

    @Test
    void anAddedPairNeedsBothFields() {
        assertThatThrownBy(() -> build(added("F1", new AddedPair("organization.fax", "Fax", " ", null, 12))))
                .isInstanceOf(MappingException.class).hasMessageContaining("zoho field is missing");
    }

    @Test
    void aFlowRefinedTwiceIsRefused() {
        assertThatThrownBy(() -> build(properties("F1"), properties("F1"))).isInstanceOf(MappingException.class)
                .hasMessageContaining("twice");
    }
}
