package io.tolk.engine;

import io.tolk.api.RecordRef;
import io.tolk.engine.cycle.Change;
import io.tolk.engine.cycle.ChangeKind;
import io.tolk.engine.cycle.CycleReport;
import io.tolk.engine.store.Activity;
import io.tolk.engine.store.ReviewItem;
import io.tolk.engine.store.ReviewOrigin;
import io.tolk.engine.testing.EngineHarness;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The review queue as people decide it, and the conflicts with their records. */
class ReviewQueueTest {

    private final EngineHarness h = new EngineHarness();
    private final RecordRef customer = new RecordRef("poweroffice", "CompanyCustomer", "1");
    private final RecordRef department = new RecordRef("poweroffice", "Department", "2");
    private final RecordRef account = new RecordRef("zoho", "Accounts", "500");
    private final RecordRef otherAccount = new RecordRef("zoho", "Accounts", "501");

    /** A customer and a department of one name, and one Account of that name: all three wait for review. */
    private void threeNordlys() {
        h.po.put("CompanyCustomer", "1", "Name", "Nordlys AS");
        h.po.put("Department", "2", "Name", "nordlys  as");
        h.zoho.put("Accounts", "500", "Account_Name", "Nordlys AS");
        h.sync();
    }

    @Test
    void everyCandidateInTheQueueIsARecordOfAnotherSystem() {
        threeNordlys();

        List<ReviewItem> queue = h.engine().reviewQueue();

        assertThat(queue).extracting(ReviewItem::record).containsExactlyInAnyOrder(customer, department, account);
        for (ReviewItem r : queue) {
            assertThat(r.candidates()).as("candidates of " + r.record()).isNotEmpty()
                    .allSatisfy(c -> assertThat(c.system()).isNotEqualTo(r.record().system()));
        }
        ReviewItem forDepartment = queue.stream().filter(r -> r.record().equals(department)).findFirst().orElseThrow();
        assertThat(forDepartment.candidates()).containsExactly(account);
        assertThat(forDepartment.reason()).contains("also matches", customer.toString(), "tolk does not choose");
    }

    @Test
    void aStoredCandidateOfTheRecordsOwnSystemIsNotListed() {
        threeNordlys();
        h.db().putReview(new ReviewItem(0, department, "F2", List.of(customer, account), "matches several records",
                h.clock.instant(), ReviewOrigin.MATCHING));

        ReviewItem listed = h.engine().reviewQueue().stream().filter(r -> r.record().equals(department)).findFirst()
                .orElseThrow();

        assertThat(listed.candidates()).containsExactly(account);
        assertThat(h.engine().reviewEntries().stream().filter(e -> e.item().record().equals(department)).findFirst()
                .orElseThrow().options()).extracting(ReviewEntry.Option::candidate).containsExactly(account);
    }

    @Test
    void entriesNameEveryRecordAndGiveThePairToLinkInTheFlowsSystemOrder() {
        threeNordlys();

        ReviewEntry forAccount = entryOf(account);

        assertThat(forAccount.name()).isEqualTo("Nordlys AS");
        assertThat(forAccount.options()).extracting(ReviewEntry.Option::candidate)
                .containsExactlyInAnyOrder(customer, department);
        ReviewEntry.Option viaDepartment = forAccount.options().stream().filter(o -> o.candidate().equals(department))
                .findFirst().orElseThrow();
        assertThat(viaDepartment.name()).isEqualTo("nordlys  as");
        assertThat(viaDepartment.pair()).as("PowerOffice first, as the flows name it").containsExactly(department, account);
        assertThat(entryOf(customer).options()).singleElement().satisfies(o -> {
            assertThat(o.name()).isEqualTo("Nordlys AS");
            assertThat(o.pair()).containsExactly(customer, account);
        });
    }

    @Test
    void aPersonIsNamedByFirstAndLastName() {
        h.po.put("PersonCustomer", "3", "FirstName", "Kari", "LastName", "Nordmann", "EmailAddress", "kari@example.no");
        h.zoho.put("Contacts", "700", "First_Name", "Kari", "Last_Name", "Nordmann", "Email", "kari@example.no");
        h.zoho.put("Contacts", "701", "Last_Name", "Nordmann-Berg", "Email", "KARI@example.no");
        h.sync();

        ReviewEntry person = entryOf(new RecordRef("poweroffice", "PersonCustomer", "3"));

        assertThat(person.name()).isEqualTo("Kari Nordmann");
        assertThat(person.options()).extracting(ReviewEntry.Option::name)
                .containsExactlyInAnyOrder("Kari Nordmann", "Nordmann-Berg");
    }

    @Test
    void aRecordLeftWithOneMatchAfterAManualLinkIsLinkedAndTheReportAndHistorySaySo() {
        h.po.put("CompanyCustomer", "1", "Name", "Nordlys AS");
        h.po.put("Department", "2", "Name", "Nordlys AS");
        h.zoho.put("Accounts", "500", "Account_Name", "Nordlys AS");
        h.zoho.put("Accounts", "501", "Account_Name", "Nordlys AS");
        h.sync();
        assertThat(h.engine().reviewQueue()).hasSize(4);

        h.engine().link(customer, account);
        CycleReport report = h.sync();

        assertThat(h.db().link(department)).isPresent();
        assertThat(h.db().link(department).orElseThrow().entityId())
                .isEqualTo(h.db().link(otherAccount).orElseThrow().entityId());
        List<Change> afterReview = report.changes(ChangeKind.LINK).stream().filter(Change::afterReview).toList();
        assertThat(afterReview).singleElement().satisfies(c -> {
            assertThat(List.of(c.target(), c.source())).containsExactlyInAnyOrder(department, otherAccount);
            assertThat(c.detail()).contains("waited for review", "without being asked");
        });
        assertThat(h.engine().history(department, 10)).extracting(Activity::detail)
                .anySatisfy(d -> assertThat(d).contains("matched " + otherAccount, "waited for review"));
        assertThat(h.engine().reviewQueue()).isEmpty();
    }

    @Test
    void aWaitingRecordWhosePartnerAPersonChoseToCreateGetsANewPartnerAndLeavesTheQueue() {
        threeNordlys();

        h.engine().createPartner(department);
        assertThat(h.engine().reviewQueue()).filteredOn(r -> r.record().equals(department)).singleElement()
                .satisfies(r -> assertThat(r.origin()).isEqualTo(ReviewOrigin.CREATE));
        h.sync();

        List<String> accounts = h.zoho.ids("Accounts");
        assertThat(accounts).hasSize(2);
        String created = accounts.stream().filter(id -> !id.equals("500")).findFirst().orElseThrow();
        assertThat(h.zoho.field("Accounts", created, "Account_Name")).isEqualTo("nordlys  as");
        assertThat(h.db().link(department).orElseThrow().entityId())
                .isEqualTo(h.db().link(new RecordRef("zoho", "Accounts", created)).orElseThrow().entityId());
        assertThat(h.engine().reviewQueue()).extracting(ReviewItem::record).doesNotContain(department);
        assertThat(h.db().link(account)).as("the Account the department resembled is not linked to it")
                .satisfies(l -> assertThat(l.map(x -> x.entityId()).orElse(null))
                        .isNotEqualTo(h.db().link(department).orElseThrow().entityId()));
        assertThat(h.engine().history(department, 10)).extracting(Activity::detail)
                .anySatisfy(d -> assertThat(d).contains("create its partner"));
    }

    @Test
    void aRecordWhosePartnerIsToBeCreatedIsNoLongerACandidateOfOthers() {
        threeNordlys();
        h.engine().createPartner(department);

        h.sync();

        assertThat(h.db().link(customer).orElseThrow().entityId())
                .as("the customer now has the Account as its only match").isEqualTo(h.db().link(account).orElseThrow().entityId());
        assertThat(h.engine().reviewQueue()).isEmpty();
    }

    @Test
    void aChosenCreateThatFailsIsRetriedAndNotMatchedAgain() {
        threeNordlys();
        h.engine().createPartner(department);
        h.zoho.reject("Account_Name", "refused for the test");

        h.sync();
        assertThat(h.zoho.ids("Accounts")).containsExactly("500");
        assertThat(h.engine().reviewQueue()).filteredOn(r -> r.record().equals(department)).singleElement()
                .satisfies(r -> assertThat(r.origin()).isEqualTo(ReviewOrigin.CREATE));

        h.zoho.accept("Account_Name");
        h.clock.advance(java.time.Duration.ofHours(2));
        h.syncUntilQuiet(5);

        assertThat(h.zoho.ids("Accounts")).hasSize(2);
        assertThat(h.engine().reviewQueue()).isEmpty();
    }

    @Test
    void aPartnerIsNotCreatedForALinkedRecord() {
        h.po.put("CompanyCustomer", "1", "Name", "Fjellvind AS");
        h.zoho.put("Accounts", "500", "Account_Name", "Fjellvind AS");
        h.sync();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> h.engine().createPartner(customer))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is linked to " + account);
    }

    @Test
    void anOrdinaryFirstMatchIsNotReportedAsLinkedAfterReview() {
        h.po.put("CompanyCustomer", "1", "Name", "Fjellvind AS");
        h.zoho.put("Accounts", "500", "Account_Name", "Fjellvind AS");

        CycleReport report = h.sync();

        assertThat(report.changes(ChangeKind.LINK)).singleElement()
                .satisfies(c -> assertThat(c.afterReview()).isFalse());
    }

    @Test
    void conflictEntriesNameTheWinningAndTheLosingRecord() {
        h.po.put("CompanyCustomer", "1", "Name", "Fjellvind AS", "PhoneNumber", "111");
        h.zoho.put("Accounts", "500", "Account_Name", "Fjellvind AS", "Phone", "222");
        h.sync();

        ConflictEntry entry = h.engine().conflictEntries(10).get(0);

        assertThat(entry.conflict().loserValue()).isEqualTo("222");
        assertThat(entry.winner()).contains(customer);
        assertThat(entry.loser()).contains(account);
    }

    @Test
    void aConflictOfRecordsNoLongerLinkedHasNoRecords() {
        h.po.put("CompanyCustomer", "1", "Name", "Fjellvind AS", "PhoneNumber", "111");
        h.zoho.put("Accounts", "500", "Account_Name", "Fjellvind AS", "Phone", "222");
        h.sync();
        h.engine().unlink(customer);

        ConflictEntry entry = h.engine().conflictEntries(10).get(0);

        assertThat(entry.winner()).isEmpty();
        assertThat(entry.loser()).isEmpty();
    }

    private ReviewEntry entryOf(RecordRef ref) {
        return h.engine().reviewEntries().stream().filter(e -> e.item().record().equals(ref)).findFirst()
                .orElseThrow(() -> new AssertionError(ref + " is not in the review queue: " + h.engine().reviewQueue()));
    }
}
