package io.tolk.engine.cycle;

import io.tolk.api.Checkpoint;
import io.tolk.api.Connector;
import io.tolk.api.RecordRef;
import io.tolk.api.SourceRecord;
import io.tolk.engine.ProgressListener;
import io.tolk.engine.mapping.Flow;
import io.tolk.engine.mapping.Mapping;
import io.tolk.engine.mapping.TypeBinding;
import io.tolk.engine.merge.ConflictDecision;
import io.tolk.engine.merge.MemberView;
import io.tolk.engine.store.Activity;
import io.tolk.engine.store.ConnectionStore;
import io.tolk.engine.store.Entity;
import io.tolk.engine.store.Failure;
import io.tolk.engine.store.Link;
import io.tolk.engine.store.ReviewItem;
import io.tolk.engine.store.Snapshot;
import io.tolk.engine.values.Violation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static io.tolk.engine.cycle.SyncCycle.MANUAL_REVIEW;
import static io.tolk.engine.cycle.SyncCycle.PO;
import static io.tolk.engine.cycle.SyncCycle.ZOHO;
import static io.tolk.engine.cycle.SyncCycle.boundTypes;

/**
 * The state one sync cycle shares between its steps: the in-memory links, snapshots, entities and review marks,
 * the counters, the changes found and the checkpoints to store; plus the small helpers every step uses.
 * Made once per {@link SyncCycle#run()}; not thread-safe.
 */
final class CycleState {

    final ConnectionStore store;
    final Map<String, Connector> connectors;
    final Mapping mapping;
    final SyncOptions options;
    final ProgressListener progress;
    final boolean dryRun;
    final Instant now;

    final Map<RecordRef, Snapshot> snapshots = new HashMap<>();
    final Map<RecordRef, Link> links = new HashMap<>();
    final Map<String, Entity> entities = new HashMap<>();
    final Map<String, Set<RecordRef>> members = new HashMap<>();
    final Set<String> blocked = new HashSet<>();
    final Set<String> touched = new HashSet<>();
    final Set<RecordRef> inReview = new HashSet<>();
    final Set<RecordRef> manualReview = new HashSet<>();
    final List<Change> changes = new ArrayList<>();
    /** Flow id → what this cycle counted in it, in flow order. */
    final Map<String, Count.Tally> counts = new LinkedHashMap<>();
    final Map<String, Checkpoint> nextCheckpoints = new LinkedHashMap<>();
    /** Problems that did not stop the cycle but that people should know about, in order, each once. */
    final Set<String> warnings = new LinkedHashSet<>();
    String deletesHalted;

    CycleState(ConnectionStore store, Map<String, Connector> connectors, Mapping mapping, SyncOptions options,
               ProgressListener progress, boolean dryRun, Instant now) {
        this.store = store;
        this.connectors = connectors;
        this.mapping = mapping;
        this.options = options;
        this.progress = progress;
        this.dryRun = dryRun;
        this.now = now;
        mapping.flows().forEach(f -> counts.put(f.id(), new Count.Tally()));
    }

    void load() {
        for (RecordRef t : boundTypes(mapping)) {
            for (Snapshot s : store.snapshots(t.system(), t.type())) {
                snapshots.put(s.ref(), s);
            }
        }
        for (Entity e : store.entities()) {
            entities.put(e.id(), e);
        }
        for (Link l : store.links()) {
            putLinkInMemory(l);
        }
        for (ReviewItem r : store.reviews()) {
            inReview.add(r.record());
            if (r.reason() != null && r.reason().startsWith(MANUAL_REVIEW)) {
                manualReview.add(r.record());
            }
        }
    }

    void putLinkInMemory(Link l) {
        Link old = links.put(l.ref(), l);
        if (old != null && !old.entityId().equals(l.entityId())) {
            members.getOrDefault(old.entityId(), new HashSet<>()).remove(l.ref());
        }
        members.computeIfAbsent(l.entityId(), x -> new LinkedHashSet<>()).add(l.ref());
    }

    void removeLinkInMemory(RecordRef ref) {
        Link old = links.remove(ref);
        if (old != null) {
            members.getOrDefault(old.entityId(), new HashSet<>()).remove(ref);
        }
    }

    Link linkOn(String entityId, String system) {
        for (RecordRef r : members.getOrDefault(entityId, Set.of())) {
            if (r.system().equals(system)) {
                return links.get(r);
            }
        }
        return null;
    }

    Set<String> fieldsToRead(String system, String type) {
        return fieldsToRead(mapping, system, type);
    }

    /** The fields the mapping needs of one system's type: bound fields, filter fields, and the archive flags. */
    static Set<String> fieldsToRead(Mapping mapping, String system, String type) {
        Set<String> fields = new LinkedHashSet<>();
        for (TypeBinding b : mapping.bindings()) {
            if (b.system().equals(system) && b.recordType().equals(type)) {
                fields.addAll(b.fieldPaths());
            }
        }
        for (Flow f : mapping.flowsFor(system, type)) {
            fields.addAll(f.filter(system).fields());
        }
        if (PO.equals(system)) {
            fields.add(Flow.DEPARTMENT.equals(type) ? "IsActive" : "IsArchived");
        }
        return fields;
    }

    EntityWork.Member member(EntityWork w, Link link, Snapshot s) {
        Connector c = connectors.get(link.ref().system());
        EchoGuard.Reading reading = EchoGuard.read(link, s, c.timeResolution(), options.echoWindow());
        MemberView view = new MemberView(link.ref(), w.flow.side(link.ref().system()), reading.current(),
                reading.link().lastSeen(), s.modifiedAt(), s.fieldModifiedAt(), c.timeResolution());
        return new EntityWork.Member(link, s, view, reading.link());
    }

    /** Where a member's new values come from: its partner, or itself when it has none yet (a mirror of its own fields). */
    static RecordRef sourceOf(EntityWork w, EntityWork.Member m) {
        EntityWork.Member other = w.other(m);
        return other != null ? other.ref() : m.ref();
    }

    static RecordRef memberRef(EntityWork w, String system) {
        EntityWork.Member m = w.member(system);
        return m.ref();
    }

    static String describe(ConflictDecision c) {
        return c.property() + ": " + c.winnerSide() + " " + quote(c.winnerValue()) + " won over " + c.loserSide() + " "
                + quote(c.loserValue()) + " (" + c.reason().description() + ")";
    }

    static String quote(String v) {
        return v == null ? "(empty)" : "'" + v + "'";
    }

    static String describe(List<Violation> violations) {
        return violations.stream().map(Violation::message).collect(Collectors.joining("; "));
    }

    /** What a record holds after tolk wrote {@code sent}: the values read back where the system returned them. */
    static Map<String, String> seenAfterWrite(Map<String, String> current, Map<String, String> sent, SourceRecord back) {
        Map<String, String> seen = new LinkedHashMap<>(current);
        if (back != null) {
            seen.putAll(back.fields());
            for (String f : sent.keySet()) {
                seen.put(f, back.fields().get(f));
            }
        } else {
            seen.putAll(sent);
        }
        return seen;
    }

    Map<String, Long> calls() {
        Map<String, Long> out = new LinkedHashMap<>();
        connectors.forEach((system, c) -> out.put(system, c.usage() == null ? 0L : c.usage().calls()));
        return out;
    }

    void fail(RecordRef record, String target, String flowId, String reason) {
        Snapshot s = snapshots.get(record);
        String hash = s == null ? null : s.hash();
        Optional<Failure> old = store.failure(record, target);
        int attempts = old.filter(f -> Objects.equals(f.sourceHash(), hash)).map(f -> f.attempts() + 1).orElse(1);
        Instant first = old.map(Failure::firstAt).orElse(now);
        store.inTransaction(tx -> {
            tx.putFailure(new Failure(0, record, target, reason, attempts, first, now,
                    options.backoff().next(now, attempts), hash));
            tx.appendActivity(new Activity(record, now, "failed", reason));
        });
        count(flowId, Count.FAILED);
        record(new Change(ChangeKind.FAILURE, flowId, record, target, record.type(), null, List.of(), reason));
    }

    void warn(String warning) {
        warnings.add(warning);
    }

    void record(Change c) {
        changes.add(c);
    }

    /** Counts one of {@code which} in the flow; nothing when the flow is unknown ({@code null}). */
    void count(String flowId, Count which) {
        Count.Tally c = flowId == null ? null : counts.get(flowId);
        if (c != null) {
            c.add(which, 1);
        }
    }

    String flowOf(String entityId) {
        Entity e = entities.get(entityId);
        return e == null ? null : e.flowId();
    }

    static String otherSystem(String system) {
        return PO.equals(system) ? ZOHO : PO;
    }

    static EntityWork.Member source(EntityWork w) {
        return w.po != null && (w.create == null || !PO.equals(w.create.system)) ? w.po : w.zoho;
    }

    /** The order work is planned in: the entity's PowerOffice record, else its Zoho record, else its id. */
    static String sourceKey(EntityWork w) {
        EntityWork.Member m = w.po != null ? w.po : w.zoho;
        return m != null ? m.ref().toString() : w.entity.id();
    }

    List<Snapshot> sorted(String system, String type) {
        return snapshots.values().stream()
                .filter(s -> s.ref().system().equals(system) && s.ref().type().equals(type))
                .sorted(Comparator.comparing(s -> s.ref().id())).toList();
    }

    static SourceRecord asRecord(Snapshot s) {
        return new SourceRecord(s.ref(), s.fields(), s.modifiedAt(), s.fieldModifiedAt());
    }

    static Snapshot snapshotOf(SourceRecord r, boolean processed) {
        return new Snapshot(r.ref(), RecordHash.of(r), r.fields(), r.modifiedAt(), r.fieldModifiedAt(), processed, null);
    }

    static Instant latest(SourceRecord r) {
        Instant max = r.modifiedAt();
        for (Instant i : r.fieldModifiedAt().values()) {
            if (i != null && (max == null || i.isAfter(max))) {
                max = i;
            }
        }
        return max;
    }

    static <T> List<List<T>> chunks(List<T> all, int size) {
        int n = Math.max(1, size);
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += n) {
            out.add(all.subList(i, Math.min(all.size(), i + n)));
        }
        return out;
    }
}
