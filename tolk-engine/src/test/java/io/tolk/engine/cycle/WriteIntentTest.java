package io.tolk.engine.cycle;

import io.tolk.api.RecordRef;
import io.tolk.api.WriteOperation;
import io.tolk.engine.policy.DeletePolicy;
import io.tolk.engine.store.Activity;
import io.tolk.engine.store.ActivityKind;
import io.tolk.engine.store.IntentState;
import io.tolk.engine.store.LinkState;
import io.tolk.engine.store.WriteIntent;
import io.tolk.engine.testing.EngineHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every write is recorded before it is sent: an update or delete whose answer is lost (the process dies between the
 * call and its recording) is settled by the next cycle from the system itself, so the write is in tolk's history
 * exactly once, is not taken for a user's edit, and is not made again.
 */
class WriteIntentTest {

    private final EngineHarness h = new EngineHarness();
    private final RecordRef customer = new RecordRef("poweroffice", "CompanyCustomer", "1");
    private RecordRef account;

    @BeforeEach
    void linkedCompany() {
        h.po.put("CompanyCustomer", "1", "Name", "Fjellvind AS", "PhoneNumber", "100", "IsArchived", "false");
        h.sync();
        account = new RecordRef("zoho", "Accounts", h.zoho.ids("Accounts").get(0));
        h.writesCleared();
    }

    private List<ActivityKind> historyOf(RecordRef ref) {
        return h.engine().history(ref, 50).stream().map(Activity::kind).toList();
    }

    @Test
    void anUpdateAppliedWhoseAnswerWasLostIsInTheHistoryOnceAndNotSentAgain() {
        h.po.edit("CompanyCustomer", "1", "PhoneNumber", "200");
        h.zoho.crashAfter(WriteOperation.UPDATE);
        assertThatThrownBy(h::sync).hasMessageContaining("simulated crash");
        assertThat(h.db().intents(IntentState.PENDING)).extracting(WriteIntent::operation)
                .containsExactly(WriteOperation.UPDATE);
        h.writesCleared();

        CycleReport next = h.sync();

        assertThat(h.zoho.field("Accounts", account.id(), "Phone")).isEqualTo("200");
        assertThat(h.zoho.writes()).as("the update is not made again").isEmpty();
        assertThat(historyOf(account)).filteredOn(k -> k == ActivityKind.UPDATED).hasSize(1);
        assertThat(h.db().intents(IntentState.PENDING)).isEmpty();
        assertThat(next.changes(ChangeKind.CONFLICT)).as("tolk's own write is no user's edit").isEmpty();
        assertThat(h.db().link(account).orElseThrow().lastWritten()).containsEntry("Phone", "200");
        h.writesCleared();
        assertThat(h.sync().writes()).isEmpty();
        assertThat(h.writeCount()).isZero();
    }

    @Test
    void anUpdateIntentTheSystemDoesNotHoldFailsAndTheUpdateIsMadeByTheNextPlan() {
        h.po.edit("CompanyCustomer", "1", "PhoneNumber", "200");
        h.zoho.crashAfter(WriteOperation.UPDATE);
        assertThatThrownBy(h::sync).hasMessageContaining("simulated crash");
        h.zoho.edit("Accounts", account.id(), "Phone", "100");   // as if the update had never arrived

        h.sync();

        assertThat(h.db().intents(IntentState.FAILED)).extracting(WriteIntent::operation)
                .contains(WriteOperation.UPDATE);
        assertThat(h.db().intents(IntentState.PENDING)).isEmpty();
        assertThat(h.zoho.field("Accounts", account.id(), "Phone")).as("sent again by the plan").isEqualTo("200");
    }

    @Test
    void aDeleteAppliedWhoseAnswerWasLostIsInTheHistoryAndTheLinkMarkedDeleted() {
        h.options = h.options.withDeletes(DeletePolicy.PROPAGATE, 20);
        h.po.delete("CompanyCustomer", "1");
        h.zoho.crashAfter(WriteOperation.DELETE);
        assertThatThrownBy(h::sync).hasMessageContaining("simulated crash");
        h.writesCleared();

        h.sync();

        assertThat(h.zoho.ids("Accounts")).isEmpty();
        assertThat(h.zoho.writes()).isEmpty();
        assertThat(historyOf(account)).containsOnlyOnce(ActivityKind.DELETED);
        assertThat(h.db().link(account).orElseThrow().state()).isEqualTo(LinkState.DELETED_IN_SOURCE);
        assertThat(h.db().intents(IntentState.PENDING)).isEmpty();
    }

    @Test
    void aRetirementAppliedWhoseAnswerWasLostIsInTheHistory() {
        h.options = h.options.withDeletes(DeletePolicy.PROPAGATE, 20);
        h.zoho.delete("Accounts", account.id());
        h.po.crashAfter(WriteOperation.UPDATE);
        assertThatThrownBy(h::sync).hasMessageContaining("simulated crash");
        h.writesCleared();

        h.sync();

        assertThat(h.po.field("CompanyCustomer", "1", "IsArchived")).isEqualTo("true");
        assertThat(h.po.writes()).isEmpty();
        assertThat(historyOf(customer)).containsOnlyOnce(ActivityKind.RETIRED);
        assertThat(h.db().intents(IntentState.PENDING)).isEmpty();
    }

    @Test
    void updatesAndDeletesAreStoredAsIntentsBeforeTheirCallsAndDoneAfterTheirAnswers() {
        h.po.edit("CompanyCustomer", "1", "PhoneNumber", "300");
        Map<WriteOperation, IntentState> atCall = new java.util.EnumMap<>(WriteOperation.class);
        h.zoho.beforeEachWrite(() -> h.db().intents(IntentState.PENDING).forEach(i -> atCall.put(i.operation(), i.state())));

        h.sync();

        assertThat(atCall).containsEntry(WriteOperation.UPDATE, IntentState.PENDING);
        assertThat(h.db().intents(IntentState.DONE)).extracting(WriteIntent::operation).contains(WriteOperation.UPDATE);
        assertThat(h.db().intents(IntentState.PENDING)).isEmpty();
    }
}
