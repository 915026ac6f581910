package io.tolk.engine;

import io.tolk.api.RecordRef;
import io.tolk.engine.store.Activity;
import io.tolk.engine.store.ActivityKind;
import io.tolk.engine.testing.EngineHarness;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A record's history shows what changed in each system over time, and tolk's own writes are not taken for edits. */
class SeenChangesHistoryTest {

    private final EngineHarness h = new EngineHarness();
    private final RecordRef customer = new RecordRef("poweroffice", "CompanyCustomer", "1");
    private final RecordRef account = new RecordRef("zoho", "Accounts", "500");

    private List<Activity> changed(RecordRef ref) {
        return h.engine().history(ref, 50).stream().filter(a -> a.kind() == ActivityKind.CHANGED).toList();
    }

    private void linkedPair() {
        h.po.put("CompanyCustomer", "1", "Name", "Fjellvind AS", "PhoneNumber", "111");
        h.zoho.put("Accounts", "500", "Account_Name", "Fjellvind AS", "Phone", "111");
        h.sync();
    }

    @Test
    void anEditInOneSystemIsInThatRecordsHistoryWithItsOldAndNewValue() {
        linkedPair();
        h.clock.advance(Duration.ofMinutes(1));
        h.zoho.edit("Accounts", "500", "Phone", "222");

        h.sync();

        assertThat(changed(account)).singleElement().satisfies(a ->
                assertThat(a.detail()).isEqualTo("in Zoho: Phone: '111' -> '222'"));
        assertThat(changed(customer)).as("PowerOffice got tolk's write, not an edit").isEmpty();
        assertThat(h.engine().history(customer, 50)).extracting(Activity::kind).contains(ActivityKind.UPDATED);
    }

    @Test
    void editsOnBothSidesOverTimeAreEachRecordedOnceInOrder() {
        linkedPair();
        h.clock.advance(Duration.ofMinutes(1));
        h.po.edit("CompanyCustomer", "1", "PhoneNumber", "333");
        h.sync();
        h.sync();
        h.clock.advance(Duration.ofMinutes(1));
        h.zoho.edit("Accounts", "500", "Phone", null);
        h.sync();
        h.sync();

        assertThat(changed(customer)).extracting(Activity::detail)
                .containsExactly("in PowerOffice: PhoneNumber: '111' -> '333'");
        assertThat(changed(account)).extracting(Activity::detail).containsExactly("in Zoho: Phone: '333' -> (empty)");
        assertThat(h.engine().historyWithPartner(customer, 50)).filteredOn(a -> a.kind() == ActivityKind.CHANGED)
                .extracting(Activity::detail).as("newest first")
                .containsExactly("in Zoho: Phone: '333' -> (empty)", "in PowerOffice: PhoneNumber: '111' -> '333'");
    }

    @Test
    void aFirstReadIsNoChange() {
        linkedPair();

        assertThat(changed(customer)).isEmpty();
        assertThat(changed(account)).isEmpty();
    }
}
