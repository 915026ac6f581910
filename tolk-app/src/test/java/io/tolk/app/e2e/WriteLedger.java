package io.tolk.app.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.tolk.api.RecordRef;
import io.tolk.engine.store.Activity;
import io.tolk.engine.store.ActivityKind;
import io.tolk.engine.store.ConnectionStore;
import io.tolk.engine.store.RunRecord;
import io.tolk.store.JdbcStore;
import io.tolk.store.StoreUrl;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The join of what the simulators say they applied ({@code GET /__sim/writes}) against what tolk recorded in its
 * store: every record the simulator created must be linked, with a {@code created} line in its history; every update
 * must have an {@code updated} (or {@code archived}) line; every delete a {@code deleted} line; each made since a given
 * instant, as many lines as the simulator applied writes. Read from the store file in a read-only session, as another
 * process would see it.
 *
 * @param unrecorded  each applied write tolk has no record of, described; empty when everything is recorded
 * @param creates     creates the simulators applied
 * @param updates     updates the simulators applied
 * @param lastRun     the newest run in the run log
 * @param lockHolder  who holds the connection's cycle lock, if anyone
 */
record WriteLedger(List<String> unrecorded, int creates, int updates, Optional<RunRecord> lastRun,
                   Optional<String> lockHolder) {

    /** tolk's record types that a simulator's resource or module holds. */
    private static final Map<String, List<String>> TYPES = Map.of(
            "poweroffice/Customers", List.of("CompanyCustomer", "PersonCustomer"),
            "poweroffice/Departments", List.of("Department"),
            "poweroffice/ContactPersons", List.of(),
            "zoho/Accounts", List.of("Accounts"),
            "zoho/Contacts", List.of("Contacts"));

    /**
     * @param storeFile the SQLite store tolk ran with
     * @param since     when the run(s) whose writes are checked began (history lines before it do not count)
     * @param applied   per system ({@code poweroffice}, {@code zoho}), its simulator's write log
     */
    static WriteLedger of(Path storeFile, Instant since, Map<String, List<JsonNode>> applied) {
        try (JdbcStore store = JdbcStore.openReadOnly(StoreUrl.parse("sqlite:" + storeFile), Clock.systemUTC())) {
            ConnectionStore db = store.connection("default");
            List<String> unrecorded = new ArrayList<>();
            int creates = 0;
            int updates = 0;
            Map<String, Integer> seen = new LinkedHashMap<>();   // record + op: how many such writes so far
            for (Map.Entry<String, List<JsonNode>> system : applied.entrySet()) {
                for (JsonNode w : system.getValue()) {
                    String op = w.path("op").asText();
                    String what = system.getKey() + "/" + w.path("type").asText() + "/" + w.path("id").asText() + " "
                            + op + " at " + w.path("at").asText();
                    creates += op.equals("create") ? 1 : 0;
                    updates += op.equals("update") ? 1 : 0;
                    RecordRef ref = tolksRef(db, system.getKey(), w.path("type").asText(), w.path("id").asText());
                    if (ref == null) {
                        unrecorded.add(what + ": tolk has no link and no history for the record");
                        continue;
                    }
                    int nth = seen.merge(ref + " " + op, 1, Integer::sum);
                    List<ActivityKind> kinds = switch (op) {
                        case "create" -> List.of(ActivityKind.CREATED);
                        case "update" -> List.of(ActivityKind.UPDATED, ActivityKind.RETIRED);
                        default -> List.of(ActivityKind.DELETED);
                    };
                    long lines = db.activity(ref, 10_000).stream()
                            .filter(a -> !a.at().isBefore(since) && kinds.contains(a.kind())).count();
                    if (lines < nth) {
                        unrecorded.add(what + ": write number " + nth + " of this kind, but tolk's history of " + ref
                                + " since " + since + " has " + lines + " " + kinds + " line(s): "
                                + db.activity(ref, 20).stream().map(WriteLedger::describe).toList());
                    }
                    if (op.equals("create") && db.link(ref).isEmpty()) {
                        unrecorded.add(what + ": created, but not linked");
                    }
                }
            }
            return new WriteLedger(List.copyOf(unrecorded), creates, updates, db.runs(1).stream().findFirst(),
                    store.lockHolder("default"));
        }
    }

    private static RecordRef tolksRef(ConnectionStore db, String system, String simType, String id) {
        for (String type : TYPES.getOrDefault(system + "/" + simType, List.of())) {
            RecordRef ref = new RecordRef(system, type, id);
            if (db.link(ref).isPresent() || !db.activity(ref, 1).isEmpty()) {
                return ref;
            }
        }
        return null;
    }

    private static String describe(Activity a) {
        return a.at() + " " + a.action() + (a.detail() == null ? "" : " (" + a.detail() + ")");
    }

    /** The sum of one count over every flow of the last run, e.g. {@code created}. */
    long lastRunTotal(String count) {
        return lastRun.map(r -> r.counts().entrySet().stream().filter(e -> e.getKey().endsWith("." + count))
                .mapToLong(Map.Entry::getValue).sum()).orElse(0L);
    }
}
