package io.tolk.app.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.tolk.api.RecordRef;
import io.tolk.engine.store.Conflict;
import io.tolk.engine.store.ConnectionStore;
import io.tolk.engine.store.Link;
import io.tolk.engine.store.LinkState;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What the people in the sync model did, and what tolk therefore owes them. Every value a person typed (a record's
 * fields when they created it, every edit later) is an {@link Edit}, pending until it has <em>arrived</em> (the other
 * system holds it, seen after any cycle) or is <em>recorded as a conflict loser</em> (tolk's store has a
 * conflict whose losing value it is). Values are unique in a try, so a value found somewhere tells whose edit it was.
 *
 * <p>Edits that no longer need to arrive, by the spec: one overwritten by the same person's later edit of the same
 * field before it arrived; one on a record whose pair is broken by a delete (rule 5: nothing crosses a deleted link);
 * and a Zoho secondary field's edit made while the record's primary field of the same property had also changed since
 * the last completed cycle (rule 1: fan-in, the primary wins within the record; no conflict is recorded for that).
 */
final class ModelLedger {

    /** One value a person typed. {@code secondary}: into a Zoho record's secondary field. */
    record Edit(int step, RecordRef ref, ModelProp prop, String value, boolean secondary, int lastCompletedCycle) {
        @Override
        public String toString() {
            return "step " + step + ": " + prop + " = '" + value + "' typed in " + ref + (secondary ? " (secondary field)" : "");
        }
    }

    private final List<Edit> pending = new ArrayList<>();
    private final List<Edit> all = new ArrayList<>();
    private final Set<RecordRef> deleted = new LinkedHashSet<>();
    private final List<RecordRef> zohoBin = new ArrayList<>();
    private final Map<RecordRef, String> binKeys = new HashMap<>();
    private final Set<RecordRef> createdByPeople = new HashSet<>();
    private int step;
    private int lastCompletedCycle = -1;
    private final List<Integer> completedCycles = new ArrayList<>();

    int nextStep() {
        return ++step;
    }

    void typed(RecordRef ref, ModelProp prop, String value, boolean secondary) {
        pending.removeIf(e -> e.ref().equals(ref) && e.prop() == prop && e.secondary() == secondary);
        Edit edit = new Edit(step, ref, prop, value, secondary, lastCompletedCycle);
        pending.add(edit);
        all.add(edit);
    }

    void created(RecordRef ref) {
        createdByPeople.add(ref);
    }

    /** Records people created so far. */
    int creates() {
        return createdByPeople.size();
    }

    void deleted(RecordRef ref) {
        deleted.add(ref);
    }

    /** A Zoho record went to the recycle bin, holding this match key (name or e-mail). */
    void deleted(RecordRef ref, String key) {
        deleted.add(ref);
        zohoBin.add(ref);
        binKeys.put(ref, key);
    }

    /** The match key a record in Zoho's recycle bin held when it was deleted. */
    String keyInBin(RecordRef ref) {
        return binKeys.get(ref);
    }

    void restored(RecordRef ref) {
        deleted.remove(ref);
        zohoBin.remove(ref);
    }

    /** Zoho records in the recycle bin, in the order they were deleted. */
    List<RecordRef> zohoBin() {
        return List.copyOf(zohoBin);
    }

    boolean isDeleted(RecordRef ref) {
        return deleted.contains(ref);
    }

    void cycleCompleted() {
        lastCompletedCycle = step;
        completedCycles.add(step);
    }

    List<Edit> pending() {
        return List.copyOf(pending);
    }

    /** Both systems as they are now, read once. */
    record Systems(Map<RecordRef, JsonNode> records) {
        static Systems read(SyncWorld world) {
            Map<RecordRef, JsonNode> out = new LinkedHashMap<>();
            world.poRecords(null).forEach(c -> out.put(SyncWorld.poRef(c), c));
            for (ModelKind k : ModelKind.values()) {
                world.zoho.all(k.module).forEach(r -> out.put(new RecordRef(SyncWorld.ZOHO, k.module, r.get("id").asText()), r));
            }
            return new Systems(out);
        }

        Optional<JsonNode> get(RecordRef ref) {
            return Optional.ofNullable(records.get(ref));
        }
    }

    /** The record linked to {@code ref} in the other system (its entity's other member), if any. */
    static Optional<Link> partner(ConnectionStore store, RecordRef ref) {
        Optional<Link> own = store.link(ref);
        if (own.isEmpty()) {
            return Optional.empty();
        }
        return store.linksOf(own.get().entityId()).stream().filter(l -> !l.ref().system().equals(ref.system())).findFirst();
    }

    /**
     * Whether the other system holds {@code value} for {@code prop} on a record of the property's kind: values are
     * unique in a try, so only tolk can have carried it there. (Seen right after each cycle, also one that crashed:
     * a value tolk wrote before it died has crossed, even though its store does not know yet.)
     */
    static boolean crossed(Systems now, RecordRef ref, ModelProp prop, String value) {
        String want = prop.canonical(value);
        boolean fromPowerOffice = ref.system().equals(SyncWorld.PO);
        for (Map.Entry<RecordRef, JsonNode> e : now.records().entrySet()) {
            RecordRef other = e.getKey();
            if (other.system().equals(ref.system())) {
                continue;
            }
            if (fromPowerOffice ? other.type().equals(prop.kind.module) && prop.inZoho(e.getValue())[0].equals(want)
                    : SyncWorld.kindOf(e.getValue()) == prop.kind && prop.inPowerOffice(e.getValue()).equals(want)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Settles every pending edit that has arrived or lost a recorded conflict, after a cycle. Returns nothing: what is
     * still pending is looked at by {@link #problems}.
     */
    void settle(ConnectionStore store, Systems now) {
        Map<String, Set<String>> losers = losers(store);
        for (Iterator<Edit> it = pending.iterator(); it.hasNext(); ) {
            Edit e = it.next();
            if (crossed(now, e.ref(), e.prop(), e.value())
                    || losers.getOrDefault(e.prop().canonical, Set.of()).contains(lower(e.value()))) {
                it.remove();
            }
        }
    }

    /** Per canonical property, the losing values of every recorded conflict (lower case: values are unique anyway). */
    private static Map<String, Set<String>> losers(ConnectionStore store) {
        Map<String, Set<String>> out = new HashMap<>();
        for (Conflict c : store.conflicts(100_000)) {
            if (c.loserValue() != null) {
                out.computeIfAbsent(c.property(), k -> new HashSet<>()).add(lower(c.loserValue()));
            }
        }
        return out;
    }

    private static String lower(String v) {
        return v.trim().toLowerCase(java.util.Locale.ROOT);
    }

    /** Whether rule 1 (fan-in: the primary field wins within a Zoho record) explains a secondary edit not arriving. */
    private boolean primaryWonWithinRecord(Edit e) {
        if (!e.secondary()) {
            return false;
        }
        int nextCompleted = completedCycles.stream().filter(s -> s >= e.step()).findFirst().orElse(Integer.MAX_VALUE);
        return all.stream().anyMatch(o -> o.ref().equals(e.ref()) && o.prop() == e.prop() && !o.secondary()
                && o.step() > e.lastCompletedCycle() && o.step() <= nextCompleted);
    }

    /** Whether a delete broke the pair of the edited record (rule 5: nothing crosses a deleted link). */
    private boolean pairBroken(ConnectionStore store, Edit e) {
        if (deleted.contains(e.ref())) {
            return true;
        }
        return partner(store, e.ref()).map(l -> deleted.contains(l.ref())).orElse(false);
    }

    /**
     * What does not hold once tolk is quiet: edits that vanished, pairs not in agreement, records unlinked, linked
     * twice, or re-created after a delete, failures and review items left. Empty: everything holds.
     */
    List<String> problems(ConnectionStore store, Systems now) {
        List<String> problems = new ArrayList<>();
        settle(store, now);
        for (Edit e : pending) {
            if (!pairBroken(store, e) && !primaryWonWithinRecord(e)) {
                problems.add("edit vanished (neither arrived nor a recorded conflict loser): " + e + "; pair now: "
                        + describePair(store, now, e.ref()));
            }
        }
        Set<String> pairs = new LinkedHashSet<>();   // a pair's problem is seen from both its records: said once
        for (RecordRef ref : now.records().keySet()) {
            linkProblems(store, now, ref).ifPresent(pairs::add);
        }
        problems.addAll(pairs);
        duplicates(now, problems);
        store.failures().forEach(f -> problems.add("failure left: " + f));
        store.reviews().forEach(r -> problems.add("review item left: " + r));
        return problems;
    }

    /** A live record must be linked, alone on its side of its entity, to a live partner or to one a person deleted. */
    private Optional<String> linkProblems(ConnectionStore store, Systems now, RecordRef ref) {
        Optional<Link> own = store.link(ref);
        if (own.isEmpty() || own.get().state() != LinkState.ACTIVE) {
            return Optional.of(ref + " is live but " + own.map(l -> "its link is " + l.state()).orElse("not linked"));
        }
        List<Link> members = store.linksOf(own.get().entityId());
        List<Link> mine = members.stream().filter(l -> l.ref().system().equals(ref.system())).toList();
        List<Link> others = members.stream().filter(l -> !l.ref().system().equals(ref.system())).toList();
        if (mine.size() != 1 || others.size() != 1) {
            return Optional.of(ref + "'s entity has members " + members.stream().map(l -> l.ref() + " " + l.state()).toList()
                    + " (one per system expected)");
        }
        Link other = others.get(0);
        boolean otherLive = now.get(other.ref()).isPresent();
        if (otherLive && other.state() != LinkState.ACTIVE) {
            return Optional.of(ref + "'s partner " + other.ref() + " is live but its link is " + other.state());
        }
        if (!otherLive && !deleted.contains(other.ref())) {
            return Optional.of(ref + "'s partner " + other.ref() + " is gone, but nobody deleted it");
        }
        if (!otherLive && other.state() != LinkState.DELETED_IN_SOURCE) {
            return Optional.of(ref + "'s partner " + other.ref() + " was deleted, but its link is " + other.state());
        }
        if (otherLive) {
            RecordRef poRef = ref.system().equals(SyncWorld.PO) ? ref : other.ref();
            RecordRef zohoRef = ref.system().equals(SyncWorld.ZOHO) ? ref : other.ref();
            JsonNode p = now.get(poRef).orElseThrow();
            JsonNode z = now.get(zohoRef).orElseThrow();
            for (ModelProp prop : ModelProp.values()) {
                if (prop.kind != ModelKind.ofModule(zohoRef.type())) {
                    continue;
                }
                String pv = prop.inPowerOffice(p);
                for (String zv : prop.inZoho(z)) {
                    if (!zv.equals(pv)) {
                        return Optional.of("not converged: " + prop + " is '" + pv + "' in " + poRef + " but '" + zv
                                + "' in " + zohoRef);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static void duplicates(Systems now, List<String> problems) {
        Map<String, List<RecordRef>> byKey = new HashMap<>();
        now.records().forEach((ref, r) -> {
            ModelKind kind = ref.system().equals(SyncWorld.PO) ? SyncWorld.kindOf(r) : ModelKind.ofModule(ref.type());
            ModelProp key = kind == ModelKind.COMPANY ? ModelProp.NAME : ModelProp.EMAIL;
            String v = ref.system().equals(SyncWorld.PO) ? key.inPowerOffice(r) : key.inZoho(r)[0];
            byKey.computeIfAbsent(ref.system() + " " + kind + " " + v, k -> new ArrayList<>()).add(ref);
        });
        byKey.forEach((key, refs) -> {
            if (refs.size() > 1) {
                problems.add("duplicate: " + refs.size() + " records " + key + ": " + refs);
            }
        });
    }

    private static String describePair(ConnectionStore store, Systems now, RecordRef ref) {
        Function<RecordRef, String> show = r -> r + now.get(r).map(n -> " " + mapped(r, n)).orElse(" (gone)");
        return show.apply(ref) + " / " + partner(store, ref).map(l -> l.state() + " " + show.apply(l.ref())).orElse("no partner");
    }

    /** A record's mapped values, property by property (Zoho: primary and secondary field). */
    private static String mapped(RecordRef ref, JsonNode record) {
        Map<String, String> out = new LinkedHashMap<>();
        ModelKind kind = ref.system().equals(SyncWorld.PO) ? SyncWorld.kindOf(record) : ModelKind.ofModule(ref.type());
        for (ModelProp p : ModelProp.values()) {
            if (p.kind == kind) {
                out.put(p.name(), ref.system().equals(SyncWorld.PO) ? p.inPowerOffice(record)
                        : String.join(" / ", p.inZoho(record)));
            }
        }
        return out.toString();
    }
}
