package io.tolk.app.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.tolk.api.RecordRef;
import io.tolk.engine.store.IntentState;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One step of the sync model: something a person does in PowerOffice or Zoho, or something tolk does (a cycle, a
 * cycle against failing systems, a cycle that crashes). Records are chosen by a {@code pick}, taken modulo the records
 * there are when the step runs (nothing happens when there are none), so any list of steps can run, shrink and replay.
 * {@link #toString()} is the step as Java, so a shrunk counter-example can be pasted into a regression test.
 */
sealed interface SyncAction {

    /** The most records a try creates by hand, so that every try stays small and fast. */
    int MAX_CREATES = 8;

    void run(SyncWorld world);

    static SyncAction editPo(int pick, ModelProp prop) {
        return new EditPo(pick, prop);
    }

    static SyncAction editZoho(int pick, ModelProp prop, boolean secondary) {
        return new EditZoho(pick, prop, secondary);
    }

    static SyncAction editBoth(int pick, ModelProp prop, boolean sameSecond) {
        return new EditBoth(pick, prop, sameSecond);
    }

    static SyncAction createPo(ModelKind kind) {
        return new CreatePo(kind);
    }

    static SyncAction createZoho(ModelKind kind) {
        return new CreateZoho(kind);
    }

    static SyncAction createZohoTwin(ModelKind kind, int pick) {
        return new CreateZohoTwin(kind, pick);
    }

    static SyncAction deletePo(int pick) {
        return new DeletePo(pick);
    }

    static SyncAction deleteZoho(int pick) {
        return new DeleteZoho(pick);
    }

    static SyncAction restoreZoho(int pick) {
        return new RestoreZoho(pick);
    }

    static SyncAction sync() {
        return new Sync();
    }

    static SyncAction syncWithFaults(FaultSite site, FaultKind kind, int seed) {
        return new SyncWithFaults(site, kind, seed);
    }

    static SyncAction crash(int atCall) {
        return new Crash(atCall);
    }

    /** A person edits a mapped property of a PowerOffice customer (a rename when it is the name or e-mail). */
    record EditPo(int pick, ModelProp prop) implements SyncAction {
        @Override
        public void run(SyncWorld w) {
            JsonNode r = SyncWorld.pick(w.poRecords(prop.kind), pick);
            if (r == null) {
                return;
            }
            String value = w.fresh(prop);
            w.po.patchCustomer(r.get("Id").asLong(), "/" + prop.poPath, value);
            w.ledger().typed(SyncWorld.poRef(r), prop, value, false);
        }

        @Override
        public String toString() {
            return "editPo(" + pick + ", " + prop + ")";
        }
    }

    /** A person edits a mapped field of a Zoho record: the property's primary field, or its secondary (mirror) field. */
    record EditZoho(int pick, ModelProp prop, boolean secondary) implements SyncAction {
        @Override
        public void run(SyncWorld w) {
            JsonNode r = SyncWorld.pick(w.zohoRecords(prop.kind), pick);
            if (r == null) {
                return;
            }
            boolean second = secondary && prop.zohoSecondary != null;
            String value = w.fresh(prop);
            String id = r.get("id").asText();
            w.zoho.update(prop.kind.module, id, Map.of(second ? prop.zohoSecondary : prop.zohoPrimary, value));
            w.ledger().typed(new RecordRef(SyncWorld.ZOHO, prop.kind.module, id), prop, value, second);
        }

        @Override
        public String toString() {
            return "editZoho(" + pick + ", " + prop + ", " + secondary + ")";
        }
    }

    /**
     * Two people edit the same property of a linked pair, one in each system, before tolk syncs: first in
     * PowerOffice, then in Zoho a second later (Zoho's edit is newer and wins), or in the same second (a tie:
     * {@code tieWinner}, PowerOffice, wins). Either way the other value must be recorded as the conflict's loser.
     */
    record EditBoth(int pick, ModelProp prop, boolean sameSecond) implements SyncAction {
        @Override
        public void run(SyncWorld w) {
            List<JsonNode> linked = w.poRecords(prop.kind).stream()
                    .filter(c -> ModelLedger.partner(w.store(), SyncWorld.poRef(c)).isPresent()).toList();
            JsonNode r = SyncWorld.pick(linked, pick);
            if (r == null) {
                return;
            }
            RecordRef poRef = SyncWorld.poRef(r);
            RecordRef zohoRef = ModelLedger.partner(w.store(), poRef).orElseThrow().ref();
            String poValue = w.fresh(prop);
            w.po.patchCustomer(r.get("Id").asLong(), "/" + prop.poPath, poValue);
            w.ledger().typed(poRef, prop, poValue, false);
            if (!sameSecond) {
                w.tick(1);
            }
            if (w.ledger().isDeleted(zohoRef)) {
                return;
            }
            String zohoValue = w.fresh(prop);
            w.zoho.update(zohoRef.type(), zohoRef.id(), Map.of(prop.zohoPrimary, zohoValue));
            w.ledger().typed(zohoRef, prop, zohoValue, false);
        }

        @Override
        public String toString() {
            return "editBoth(" + pick + ", " + prop + ", " + sameSecond + ")";
        }
    }

    /** A person creates a company or person customer in PowerOffice. */
    record CreatePo(ModelKind kind) implements SyncAction {
        @Override
        public void run(SyncWorld w) {
            if (w.ledger().creates() >= MAX_CREATES) {
                return;
            }
            Map<ModelProp, String> values = freshValues(w, kind);
            Map<String, Object> dto = new LinkedHashMap<>();
            dto.put("IsPerson", kind == ModelKind.PERSON);
            Map<String, Object> address = new LinkedHashMap<>();
            address.put("AddressLine1", "Storgata 1");
            address.put("ZipCode", "0150");
            address.put("CountryCode", "NO");
            values.forEach((prop, value) -> {
                if (prop.poPath.startsWith("MailAddress/")) {
                    address.put(prop.poPath.substring("MailAddress/".length()), value);
                } else {
                    dto.put(prop.poPath, value);
                }
            });
            dto.put("MailAddress", address);
            long id = w.po.createCustomer(dto);
            RecordRef ref = new RecordRef(SyncWorld.PO, kind.poType, String.valueOf(id));
            w.ledger().created(ref);
            values.forEach((prop, value) -> w.ledger().typed(ref, prop, value, false));
        }

        @Override
        public String toString() {
            return "createPo(" + kind + ")";
        }
    }

    /** A person creates an Account or a Contact in Zoho (tolk creates it in PowerOffice: createInPoweroffice is on). */
    record CreateZoho(ModelKind kind) implements SyncAction {
        @Override
        public void run(SyncWorld w) {
            if (w.ledger().creates() >= MAX_CREATES) {
                return;
            }
            createInZoho(w, kind, freshValues(w, kind));
        }

        @Override
        public String toString() {
            return "createZoho(" + kind + ")";
        }
    }

    /**
     * A person creates in Zoho the same company (same name) or person (same e-mail) as a PowerOffice customer tolk has
     * not linked yet, with other values in the other fields: tolk must link the two (rule 3), not create either again,
     * and record every difference as a conflict. Nothing happens when there is no such customer, or while a create of
     * tolk's is unresolved (then the record would have a second look-alike, a case for the review queue).
     */
    record CreateZohoTwin(ModelKind kind, int pick) implements SyncAction {
        @Override
        public void run(SyncWorld w) {
            if (w.ledger().creates() >= MAX_CREATES || !w.store().intents(IntentState.PENDING).isEmpty()) {
                return;
            }
            ModelProp key = kind == ModelKind.COMPANY ? ModelProp.NAME : ModelProp.EMAIL;
            List<String> zohoKeys = w.zohoRecords(kind).stream().map(r -> key.inZoho(r)[0]).toList();
            List<JsonNode> unlinked = w.poRecords(kind).stream()
                    .filter(c -> w.store().link(SyncWorld.poRef(c)).isEmpty())
                    .filter(c -> !zohoKeys.contains(key.inPowerOffice(c))).toList();
            JsonNode original = SyncWorld.pick(unlinked, pick);
            if (original == null) {
                return;
            }
            Map<ModelProp, String> values = freshValues(w, kind);
            values.put(key, key.inPowerOffice(original));
            createInZoho(w, kind, values);
        }

        @Override
        public String toString() {
            return "createZohoTwin(" + kind + ", " + pick + ")";
        }
    }

    /** A person deletes a PowerOffice customer. */
    record DeletePo(int pick) implements SyncAction {
        @Override
        public void run(SyncWorld w) {
            JsonNode r = SyncWorld.pick(w.poRecords(null), pick);
            if (r == null) {
                return;
            }
            w.po.deleteCustomer(r.get("Id").asLong());
            w.ledger().deleted(SyncWorld.poRef(r));
        }

        @Override
        public String toString() {
            return "deletePo(" + pick + ")";
        }
    }

    /** A person deletes a Zoho record (it goes to the recycle bin). */
    record DeleteZoho(int pick) implements SyncAction {
        @Override
        public void run(SyncWorld w) {
            JsonNode r = SyncWorld.pick(w.zohoRecords(null), pick);
            if (r == null) {
                return;
            }
            String module = r.has("Account_Name") ? "Accounts" : "Contacts";
            ModelProp key = ModelKind.ofModule(module) == ModelKind.COMPANY ? ModelProp.NAME : ModelProp.EMAIL;
            w.zoho.delete(module, r.get("id").asText());
            w.ledger().deleted(new RecordRef(SyncWorld.ZOHO, module, r.get("id").asText()), key.inZoho(r)[0]);
        }

        @Override
        public String toString() {
            return "deleteZoho(" + pick + ")";
        }
    }

    /** A person restores a deleted Zoho record from the recycle bin (same id). */
    record RestoreZoho(int pick) implements SyncAction {
        @Override
        public void run(SyncWorld w) {
            RecordRef ref = SyncWorld.pick(w.ledger().zohoBin(), pick);
            if (ref == null) {
                return;
            }
            // a record whose look-alike (same name or e-mail) is live again would be a person's duplicate, not tolk's:
            // rule 3 matches unlinked records only (a twin deleted before tolk saw it, then restored after tolk
            // created its partner's record, is one); such a restore is not made
            ModelProp key = ModelKind.ofModule(ref.type()) == ModelKind.COMPANY ? ModelProp.NAME : ModelProp.EMAIL;
            String k = w.ledger().keyInBin(ref);
            if (w.zohoRecords(ModelKind.ofModule(ref.type())).stream().anyMatch(z -> key.inZoho(z)[0].equals(k))) {
                return;
            }
            w.zoho.restore(ref.type(), ref.id());
            w.ledger().restored(ref);
        }

        @Override
        public String toString() {
            return "restoreZoho(" + pick + ")";
        }
    }

    /** tolk runs one cycle. */
    record Sync() implements SyncAction {
        @Override
        public void run(SyncWorld w) {
            w.cycleAndSettle(0);
        }

        @Override
        public String toString() {
            return "sync()";
        }
    }

    /** Which simulator a fault is injected into. */
    enum FaultSite { POWEROFFICE, ZOHO, BOTH }

    /** What the failing simulator does: answer 500/503 (nothing applied), or apply the write and cut the connection. */
    enum FaultKind {
        ERROR("error=0.7"), DROP("drop=0.5");

        final String spec;

        FaultKind(String spec) {
            this.spec = spec;
        }
    }

    /** tolk runs one cycle against a failing simulator (or both); the fault ends with that cycle. */
    record SyncWithFaults(FaultSite site, FaultKind kind, int seed) implements SyncAction {
        @Override
        public void run(SyncWorld w) {
            String spec = kind.spec + ",seed=" + seed;
            w.faultsForNextCycle(site == FaultSite.ZOHO ? "" : spec, site == FaultSite.POWEROFFICE ? "" : spec);
            w.cycleAndSettle(0);
        }

        @Override
        public String toString() {
            return "syncWithFaults(" + site + ", " + kind + ", " + seed + ")";
        }
    }

    /**
     * tolk runs one cycle and its process dies at the {@code atCall}-th connector call (that call reaches the system,
     * its answer is lost); tolk is then started again on the same store. A cycle with fewer calls simply completes.
     */
    record Crash(int atCall) implements SyncAction {
        @Override
        public void run(SyncWorld w) {
            w.cycleAndSettle(atCall);
        }

        @Override
        public String toString() {
            return "crash(" + atCall + ")";
        }
    }

    private static Map<ModelProp, String> freshValues(SyncWorld w, ModelKind kind) {
        Map<ModelProp, String> values = new LinkedHashMap<>();
        for (ModelProp p : ModelProp.values()) {
            if (p.kind == kind) {
                values.put(p, w.fresh(p));
            }
        }
        return values;
    }

    private static void createInZoho(SyncWorld w, ModelKind kind, Map<ModelProp, String> values) {
        Map<String, Object> record = new LinkedHashMap<>();
        values.forEach((prop, value) -> record.put(prop.zohoPrimary, value));
        if (kind == ModelKind.COMPANY) {
            record.put("Billing_Code", "0150");
            record.put("Billing_Country", "NO");
        } else {
            record.put("Mailing_Zip", "0150");
            record.put("Mailing_Country", "NO");
        }
        String id = w.zoho.create(kind.module, record);
        RecordRef ref = new RecordRef(SyncWorld.ZOHO, kind.module, id);
        w.ledger().created(ref);
        values.forEach((prop, value) -> w.ledger().typed(ref, prop, value, false));
    }
}
