package io.tolk.app.docs;

import io.tolk.app.wiring.BuiltInMapping;
import io.tolk.engine.mapping.Mapping;
import io.tolk.engine.testing.TestOverrides;
import io.tolk.engine.mapping.MappingOverrides;
import io.tolk.engine.mapping.PropertyOverride;
import io.tolk.engine.mapping.SpecTables;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DocsRoundTripTest {

    private static Set<String> facts(List<DocsRow> rows) {
        return rows.stream().map(r -> r.flowId() + "|" + r.poField() + "|" + r.zohoField()).collect(Collectors.toSet());
    }

    @Test
    void renderedDefaultsParseBackToExactlyTheSpecsThreeTables() {
        String md = DocsRenderer.render(BuiltInMapping.defaults(), DocsFormat.MD);
        List<DocsRow> rows = DocsParser.parseMarkdown(md);
        assertThat(rows).hasSize(22);
        assertThat(facts(rows)).isEqualTo(SpecTables.all());
        assertThat(rows).allSatisfy(r -> assertThat(r.type()).isEqualTo("string"));
    }

    @Test
    void oneSectionPerFlowWithTheSpecsTitles() {
        String md = DocsRenderer.render(BuiltInMapping.defaults(), DocsFormat.MD);
        assertThat(md).contains("\n## F1 — company customer ⇄ Account\n", "\n## F2 — department ⇄ Account\n",
                "\n## F3 — person customer ⇄ Contact\n");
        assertThat(md).contains("| PowerOffice `Customers` property | Zoho `Accounts` field | type | direction |");
        assertThat(md).contains("| PowerOffice `Departments` property |");
        assertThat(md).contains("| MailAddress.City | Billing_City | string | both |");
    }

    @Test
    void renderingIsDeterministic() {
        assertThat(DocsRenderer.render(BuiltInMapping.defaults(), DocsFormat.MD)).isEqualTo(DocsRenderer.render(BuiltInMapping.defaults(), DocsFormat.MD));
        assertThat(DocsRenderer.render(BuiltInMapping.defaults(), DocsFormat.RST)).isEqualTo(DocsRenderer.render(BuiltInMapping.defaults(), DocsFormat.RST));
    }

    @Test
    void aPairAddedInConfigAppearsInTheDocsWithItsDirection() {
        Mapping m = BuiltInMapping.build(new MappingOverrides(List.of(TestOverrides.flow("F1", 1, "IsArchived == false", 2, null, 0,
                List.of(new PropertyOverride("Shipping_City", "createOnly", 3)),
                List.of(TestOverrides.added("organization.orgNumber", "OrganizationNumber", "Org_Number", "toZoho", 4))))));
        String md = DocsRenderer.render(m, DocsFormat.MD);
        assertThat(md).contains("| OrganizationNumber | Org_Number | string | toZoho |")
                .contains("| MailAddress.City | Shipping_City | string | createOnly |")
                .contains("`IsArchived == false`");
        assertThat(facts(DocsParser.parseMarkdown(md))).contains("F1|OrganizationNumber|Org_Number").hasSize(23);
        assertThat(DocsRenderer.render(m, DocsFormat.RST)).contains("   * - OrganizationNumber\n     - Org_Number\n     - string\n     - toZoho\n");
    }

    @Test
    void restructuredTextHasAListTablePerFlowWithUnderlinedTitles() {
        String rst = DocsRenderer.render(BuiltInMapping.defaults(), DocsFormat.RST);
        String title = "F3 — person customer ⇄ Contact";
        assertThat(rst).contains(title + "\n" + "-".repeat(title.length()) + "\n");
        assertThat(rst.split("\\.\\. list-table::", -1)).hasSize(4);
        assertThat(rst).contains("   * - PowerOffice ``Customers`` (person) property\n     - Zoho ``Contacts`` field\n");
        assertThat(rst.split("\n   \\* - ", -1)).hasSize(1 + 3 + 22);
    }

    @Test
    void theParserIgnoresProseAndFindsColumnsByHeader() {
        String md = """
                # anything
                | not | a | flow |
                ## F9 — custom
                Some words.

                | type | Zoho field | PowerOffice property |
                |:---|---|---:|
                | string | `Foo` | `Bar` |
                """;
        assertThat(DocsParser.parseMarkdown(md)).containsExactly(new DocsRow("F9", "Bar", "Foo", "string"));
    }

    @Test
    void aTableWithoutTheNeededColumnsIsRefused() {
        assertThatThrownBy(() -> DocsParser.parseMarkdown("## F1\n| a | b |\n|---|---|\n"))
                .hasMessageContaining("line 2").hasMessageContaining("PowerOffice, a Zoho and a type column");
    }

    @Test
    void formatWordsParse() {
        assertThat(DocsFormat.parse("md")).isEqualTo(DocsFormat.MD);
        assertThat(DocsFormat.parse("RST")).isEqualTo(DocsFormat.RST);
        assertThatThrownBy(() -> DocsFormat.parse("pdf")).hasMessageContaining("use md or rst");
    }
}
