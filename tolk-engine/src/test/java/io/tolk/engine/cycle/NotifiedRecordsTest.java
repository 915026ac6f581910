package io.tolk.engine.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.tolk.api.RecordRef;
import io.tolk.api.WriteOperation;
import io.tolk.engine.ChangeQueue;
import io.tolk.engine.SyncEngine;
import io.tolk.engine.store.Link;
import io.tolk.engine.store.RunRecord;
import io.tolk.engine.testing.EngineHarness;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Records a system notified as changed: synced in a small cycle of their own, or inside a full cycle in progress. */
class NotifiedRecordsTest {

    private final EngineHarness h = new EngineHarness();

    private String accountOf(String name) {
        return h.zoho.ids("Accounts").stream().filter(id -> name.equals(h.zoho.field("Accounts", id, "Account_Name")))
                .findFirst().orElseThrow();
    }

    private ChangeQueue.Notice notice(String accountId) {
        return new ChangeQueue.Notice(new RecordRef("zoho", "Accounts", accountId), WriteOperation.UPDATE,
                h.clock.instant(), h.clock.instant());
    }

    @Test
    void aNotifiedCycleReadsOnlyTheNotifiedRecordAndSyncsItWhileOtherEditsWaitForTheFullCycle() {
        h.po.put("CompanyCustomer", "1", "Name", "Fjellvind AS");
        h.po.put("CompanyCustomer", "2", "Name", "Havbris AS");
        h.sync();
        h.clock.advance(Duration.ofMinutes(5));
        String fjellvind = accountOf("Fjellvind AS");
        h.zoho.edit("Accounts", fjellvind, "Phone", "22334455");
        h.zoho.edit("Accounts", accountOf("Havbris AS"), "Phone", "99887766");
        SyncEngine engine = h.engine();

        engine.notified(List.of(notice(fjellvind)));
        engine.runNotifiedCycle();

        assertThat(h.po.field("CompanyCustomer", "1", "PhoneNumber")).isEqualTo("22334455");
        assertThat(h.po.field("CompanyCustomer", "2", "PhoneNumber")).as("not notified: the next full cycle").isNull();
        assertThat(engine.notices().read()).isEqualTo(1);
        RunRecord run = h.db().runs(1).get(0);
        assertThat(run.counts()).containsEntry("notified", 1L);
        assertThat(engine.notices().isEmpty()).isTrue();

        h.sync();
        assertThat(h.po.field("CompanyCustomer", "2", "PhoneNumber")).isEqualTo("99887766");
    }

    @Test
    void aNoticeOfTolksOwnWriteComingBackCostsNoRead() {
        h.po.put("CompanyCustomer", "1", "Name", "Fjellvind AS");
        h.sync();
        String account = accountOf("Fjellvind AS");
        Link link = h.db().link(new RecordRef("zoho", "Accounts", account)).orElseThrow();
        SyncEngine engine = h.engine();
        long calls = h.zoho.usage().calls();

        engine.notified(List.of(new ChangeQueue.Notice(link.ref(), WriteOperation.CREATE,
                link.writtenAt().plusMillis(400), h.clock.instant())));
        engine.runNotifiedCycle();

        assertThat(engine.notices().ownWrites()).isEqualTo(1);
        assertThat(engine.notices().read()).isZero();
        assertThat(h.zoho.usage().calls()).as("no call to Zoho").isEqualTo(calls);
    }

    @Test
    void aNoticeThatArrivesWhileAFullCycleWorksIsSyncedInThatCycleNotTheNext() {
        h.options = h.options.withChunkSize(2);
        h.po.put("CompanyCustomer", "1", "Name", "Fjellvind AS");
        h.sync();
        String account = accountOf("Fjellvind AS");
        h.clock.advance(Duration.ofMinutes(5));
        for (int i = 10; i < 30; i++) {
            h.po.put("CompanyCustomer", Integer.toString(i), "Name", "Ny " + i + " AS");
        }
        SyncEngine engine = h.engine();
        AtomicBoolean edited = new AtomicBoolean();
        AtomicBoolean arrivedMidCycle = new AtomicBoolean();
        engine.onProgress((phase, done, total) -> {
            if (phase.equals("sync") && edited.get() && done < total
                    && "22334455".equals(h.po.field("CompanyCustomer", "1", "PhoneNumber"))) {
                arrivedMidCycle.set(true);
            }
            if (phase.equals("sync") && edited.compareAndSet(false, true)) {
                h.zoho.edit("Accounts", account, "Phone", "22334455"); // after Zoho was read in this cycle
                engine.notified(List.of(notice(account)));
            }
        });

        h.clock.advance(Duration.ofMinutes(1));
        engine.runCycle();

        assertThat(edited).isTrue();
        assertThat(arrivedMidCycle).as("synced between chunks, before the cycle's work was done").isTrue();
        assertThat(h.po.field("CompanyCustomer", "1", "PhoneNumber")).isEqualTo("22334455");
        assertThat(h.db().runs(1).get(0).counts()).containsEntry("notified", 1L);
        assertThat(h.zoho.ids("Accounts")).hasSize(21);
    }

    @Test
    void anUpdateNoticeCarryingTheValuesTolkWroteCostsNoReadAndOneWithAPersonsEditIsReadAtOnce() {
        h.po.put("CompanyCustomer", "1", "Name", "Fjellvind AS");
        h.sync();
        String account = accountOf("Fjellvind AS");
        RecordRef ref = new RecordRef("zoho", "Accounts", account);
        java.util.Map<String, String> seen = new java.util.HashMap<>(h.db().link(ref).orElseThrow().lastSeen());
        seen.put("Modified_Time", "2026-12-03T10:00:00Z"); // what tolk does not read does not count
        SyncEngine engine = h.engine();

        engine.notified(List.of(new ChangeQueue.Notice(ref, WriteOperation.UPDATE, h.clock.instant(), h.clock.instant(),
                seen)));
        engine.runNotifiedCycle();
        assertThat(engine.notices().ownWrites()).isEqualTo(1);
        assertThat(engine.notices().read()).isZero();

        h.zoho.edit("Accounts", account, "Phone", "22334455"); // a person, right after tolk's write
        java.util.Map<String, String> edited = new java.util.HashMap<>(seen);
        edited.put("Phone", "22334455");
        engine.notified(List.of(new ChangeQueue.Notice(ref, WriteOperation.UPDATE, h.clock.instant(), h.clock.instant(),
                edited)));
        engine.runNotifiedCycle();
        assertThat(engine.notices().read()).isEqualTo(1);
        assertThat(h.po.field("CompanyCustomer", "1", "PhoneNumber")).isEqualTo("22334455");
    }
}
