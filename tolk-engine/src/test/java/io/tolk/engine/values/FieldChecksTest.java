package io.tolk.engine.values;

import io.tolk.api.FieldRule;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FieldChecksTest {

    private static final Map<String, FieldRule> ACCOUNTS = Map.of(
            "Account_Name", new FieldRule("Account_Name", 100, true, "text"),
            "Billing_City", new FieldRule("Billing_City", 30, false, "text"),
            "Website", new FieldRule("Website", 0, false, "website"));

    private static Map<String, String> values(String... pairs) {
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put(pairs[i], pairs[i + 1]);
        }
        return out;
    }

    @Test
    void aTooLongValueNamesSystemTypeFieldAndLimit() {
        List<Violation> v = FieldChecks.check("zoho", "Zoho", "Accounts", values("Account_Name", "x".repeat(300)), ACCOUNTS, false);
        assertThat(v).containsExactly(new Violation("zoho", "Accounts", "Account_Name",
                "Zoho Accounts.Account_Name is 300 characters; Zoho accepts at most 100"));
    }

    @Test
    void valuesWithinLimitsOrWithoutRulesPass() {
        assertThat(FieldChecks.check("zoho", "Zoho", "Accounts", values("Account_Name", "x".repeat(100), "Billing_City", "Oslo",
                "Website", "w".repeat(5000), "Phone", "p".repeat(500)), ACCOUNTS, true)).isEmpty();
    }

    @Test
    void lengthCountsCharactersNotBytesOrUtf16Units() {
        String thirty = "Ø".repeat(28) + "😀😀";
        assertThat(FieldChecks.check("zoho", "Zoho", "Accounts", values("Billing_City", thirty), ACCOUNTS, false)).isEmpty();
    }

    @Test
    void aMandatoryValueMissingOnCreateIsAViolation() {
        List<Violation> v = FieldChecks.check("zoho", "Zoho", "Accounts", values("Billing_City", "Oslo"), ACCOUNTS, true);
        assertThat(v).singleElement().satisfies(x -> {
            assertThat(x.field()).isEqualTo("Account_Name");
            assertThat(x.message()).isEqualTo("Zoho Accounts.Account_Name is mandatory and empty; Zoho refuses to create the record without it");
        });
    }

    @Test
    void aMandatoryValueMayBeLeftOutOfAnUpdateButNotEmptied() {
        assertThat(FieldChecks.check("zoho", "Zoho", "Accounts", values("Billing_City", "Oslo"), ACCOUNTS, false)).isEmpty();
        assertThat(FieldChecks.check("zoho", "Zoho", "Accounts", values("Account_Name", " "), ACCOUNTS, false))
                .extracting(Violation::message).containsExactly("Zoho Accounts.Account_Name is mandatory and empty; Zoho does not let it be emptied");
    }
}
