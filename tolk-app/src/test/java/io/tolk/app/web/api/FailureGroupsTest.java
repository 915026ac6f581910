package io.tolk.app.web.api;

import io.tolk.api.RecordRef;
import io.tolk.engine.store.Failure;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FailureGroupsTest {

    private static Failure failure(long id, String target, String reason) {
        Instant t = Instant.parse("2026-03-02T08:00:00Z");
        return new Failure(id, new RecordRef("poweroffice", "CompanyCustomer", Long.toString(id)), target, reason, 1, t, t, t, "h");
    }

    @Test
    void reasonsThatDifferOnlyInValuesAndNumbersFallInOneGroupLargestFirst() {
        List<Failure> failures = List.of(
                failure(1, "zoho", "Zoho Accounts.Account_Name is 300 characters, more than 255 ('Langnavn xxx')"),
                failure(2, "zoho", "Zoho Accounts.Account_Name is 301 characters, more than 255 ('Annet navn')"),
                failure(3, "zoho", "'Narnia' is not a country tolk knows"),
                failure(4, "poweroffice", "Zoho Accounts.Account_Name is 300 characters, more than 255 ('Langnavn xxx')"));

        List<FailuresApi.Grouped> groups = FailuresApi.grouped(failures);

        assertThat(groups).extracting(g -> g.failures().size()).containsExactly(2, 1, 1);
        assertThat(groups.get(0).kind()).isEqualTo("Zoho Accounts.Account_Name is # characters, more than # (…)");
        assertThat(groups.get(0).failures()).extracting(Failure::id).containsExactly(1L, 2L);
        assertThat(groups).extracting(FailuresApi.Grouped::group).doesNotHaveDuplicates();
        assertThat(groups.get(1).group()).as("the same kind towards another system is another group")
                .isNotEqualTo(groups.get(0).group());
    }
}
