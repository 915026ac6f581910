package io.tolk.app.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Rule 3 across both simulators: a name in another Unicode form is the same company, never a second Account. */
class UnicodeNamesTest extends E2eBase {

    @Test
    void aCustomerNamedWithACombiningRingIsLinkedToTheAccountSpeltWithThePrecomposedRing() {
        long customer = po.createCustomer(Map.of("Name", "Bla\u030ab\u00e6r Bygg AS", "IsPerson", false,
                "PhoneNumber", "22334455",
                "MailAddress", Map.of("City", "Oslo", "ZipCode", "0150", "CountryCode", "NO")));
        String account = zoho.create("Accounts", Map.of("Account_Name", "Bl\u00e5b\u00e6r Bygg AS"));

        tolk.syncOk();

        List<JsonNode> accounts = zoho.all("Accounts");
        assertThat(accounts).as("linked, not duplicated").hasSize(1);
        assertThat(accounts.get(0).get("id").asText()).isEqualTo(account);
        assertThat(accounts.get(0).path("Phone").asText()).as("the linked pair syncs").isEqualTo("22334455");
        assertThat(accounts.get(0).path("Account_Name").asText()).as("the same name, not rewritten in the other form")
                .isEqualTo("Bl\u00e5b\u00e6r Bygg AS");
        assertThat(tolk.run("conflicts").expectExit(0).out()).as("two spellings of one name are no conflict")
                .doesNotContain("organization.name");
        assertThat(tolk.run("history", "poweroffice/CompanyCustomer/" + customer).expectExit(0).out())
                .contains("zoho/Accounts/" + account);

        long[] before = writes();
        tolk.syncOk();
        assertThat(writes()).as("the two spellings do not flip back and forth").isEqualTo(before);
    }
}
