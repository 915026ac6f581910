package io.tolk.engine.cycle;

import io.tolk.api.Checkpoint;
import io.tolk.api.Connector;
import io.tolk.api.ConnectorException;
import io.tolk.api.CreateRequest;
import io.tolk.api.Deletion;
import io.tolk.api.ErrorKind;
import io.tolk.api.FieldRule;
import io.tolk.api.ReadSummary;
import io.tolk.api.RecordReader;
import io.tolk.api.RecordRef;
import io.tolk.api.RecordWriter;
import io.tolk.api.SourceRecord;
import io.tolk.api.UpdateRequest;
import io.tolk.api.WriteError;
import io.tolk.api.WriteResult;
import io.tolk.engine.ProgressListener;
import io.tolk.engine.identity.MatchCandidate;
import io.tolk.engine.identity.MatchOutcome;
import io.tolk.engine.identity.Matcher;
import io.tolk.engine.mapping.CanonicalType;
import io.tolk.engine.mapping.Flow;
import io.tolk.engine.mapping.Mapping;
import io.tolk.engine.mapping.TypeBinding;
import io.tolk.engine.merge.ConflictDecision;
import io.tolk.engine.merge.EntityMerger;
import io.tolk.engine.merge.MemberView;
import io.tolk.engine.merge.ValueProblem;
import io.tolk.engine.plan.FieldChange;
import io.tolk.engine.plan.MemberPlanner;
import io.tolk.engine.store.Activity;
import io.tolk.engine.store.Conflict;
import io.tolk.engine.store.ConnectionStore;
import io.tolk.engine.store.CreateIntent;
import io.tolk.engine.store.Entity;
import io.tolk.engine.store.Failure;
import io.tolk.engine.store.IntentState;
import io.tolk.engine.store.Link;
import io.tolk.engine.store.LinkState;
import io.tolk.engine.store.ReviewItem;
import io.tolk.engine.store.RunRecord;
import io.tolk.engine.store.Snapshot;
import io.tolk.engine.values.FieldChecks;
import io.tolk.engine.values.MatchKeys;
import io.tolk.engine.values.Violation;

import java.time.Clock;
import java.time.Duration;
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
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * One sync cycle of one connection: read → stage → identify → merge → plan → write → commit (design.md).
 *
 * <p>A cycle object runs once ({@link #run()}); make a new one per cycle. It is not thread-safe; the caller holds the
 * connection's lock. In a dry run the caller hands it a scratch copy of the store and connectors that do not write
 * ({@link DryRunConnector}); the cycle itself is the same code, so a plan shows exactly the writes the next real
 * cycle makes.
 *
 * <p>Durability: records are staged (snapshot, {@code processed=false}) page by page as they are read; a create
 * intent is stored before its call; a created record is linked as soon as its batch returns; an entity's links,
 * baseline and processed marks are committed after its writes; checkpoints, the mapping fingerprint and the run record
 * last. A crash anywhere leaves unprocessed snapshots or pending intents that the next cycle finishes: work is
 * repeated, never lost or duplicated.
 */
public final class SyncCycle {

    public static final String PO = "poweroffice";
    public static final String ZOHO = "zoho";

    /** Reason prefix of review items made by {@code tolk unlink}: matching leaves those records alone. */
    public static final String MANUAL_REVIEW = "unlinked by user";

    private static final int COMMIT_CHUNK = 200;

    private final ConnectionStore store;
    private final Map<String, Connector> connectors = new LinkedHashMap<>();
    private final Mapping mapping;
    private final SyncOptions options;
    private final Clock clock;
    private final ProgressListener progress;
    private final boolean dryRun;
    private final EntityMerger merger;
    private final MemberPlanner planner;

    private Instant now;
    private final Map<RecordRef, Snapshot> snapshots = new HashMap<>();
    private final Map<RecordRef, Link> links = new HashMap<>();
    private final Map<String, Entity> entities = new HashMap<>();
    private final Map<String, Set<RecordRef>> members = new HashMap<>();
    private final Set<String> blocked = new HashSet<>();
    private final Set<String> touched = new HashSet<>();
    private final Set<RecordRef> inReview = new HashSet<>();
    private final Set<RecordRef> manualReview = new HashSet<>();
    private final Map<String, Map<String, FieldRule>> rules = new HashMap<>();
    private final List<Change> changes = new ArrayList<>();
    private final Map<String, long[]> counts = new LinkedHashMap<>();
    private final Map<String, Checkpoint> nextCheckpoints = new LinkedHashMap<>();
    private String deletesHalted;

    private static final int READ = 0, CREATED = 1, UPDATED = 2, LINKED = 3, FAILED = 4, CONFLICTS = 5, REVIEW = 6, DELETED = 7;

    public SyncCycle(ConnectionStore store, Connector poweroffice, Connector zoho, Mapping mapping, SyncOptions options,
                     Clock clock, ProgressListener progress, boolean dryRun) {
        this.store = store;
        this.connectors.put(PO, poweroffice);
        this.connectors.put(ZOHO, zoho);
        this.mapping = mapping;
        this.options = options;
        this.clock = clock;
        this.progress = progress == null ? ProgressListener.NONE : progress;
        this.dryRun = dryRun;
        this.merger = new EntityMerger(mapping.model(), options.tieWinner());
        this.planner = new MemberPlanner(mapping.model(), options.countryFormat());
        mapping.flows().forEach(f -> counts.put(f.id(), new long[8]));
    }

    /** The record types the mapping binds, per system, in flow order. */
    public static List<RecordRef> boundTypes(Mapping mapping) {
        Set<RecordRef> out = new LinkedHashSet<>();
        for (Flow f : mapping.flows()) {
            out.add(new RecordRef(PO, f.poweroffice().recordType(), "*"));
        }
        for (Flow f : mapping.flows()) {
            out.add(new RecordRef(ZOHO, f.zoho().recordType(), "*"));
        }
        return List.copyOf(out);
    }

    /** Runs the cycle. Throws {@link ConnectorException} when a system cannot be read or reached at all. */
    public CycleReport run() {
        now = clock.instant();
        Map<String, Long> callsBefore = calls();
        boolean backfill = !mapping.fingerprint().equals(store.mappingFingerprint().orElse(null));
        loadState();
        resolvePendingIntents();
        Map<RecordRef, ReadResult> reads = readAll();
        detectDeletions(reads);
        List<EntityWork> work = new ArrayList<>(identify(backfill));
        work.addAll(selectDirty(backfill, work));
        work.sort(Comparator.comparing((EntityWork w) -> sourceKey(w)));
        for (EntityWork w : work) {
            plan(w);
        }
        List<EntityWork> deletes = planDeletes(work);
        executeCreates(work);
        executeUpdates(work);
        executeDeletes(deletes);
        commit(work);
        return finish(reads, callsBefore);
    }

    // ------------------------------------------------------------------------------------------------ state

    private void loadState() {
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

    private void putLinkInMemory(Link l) {
        Link old = links.put(l.ref(), l);
        if (old != null && !old.entityId().equals(l.entityId())) {
            members.getOrDefault(old.entityId(), new HashSet<>()).remove(l.ref());
        }
        members.computeIfAbsent(l.entityId(), x -> new LinkedHashSet<>()).add(l.ref());
    }

    private void removeLinkInMemory(RecordRef ref) {
        Link old = links.remove(ref);
        if (old != null) {
            members.getOrDefault(old.entityId(), new HashSet<>()).remove(ref);
        }
    }

    private Link linkOn(String entityId, String system) {
        for (RecordRef r : members.getOrDefault(entityId, Set.of())) {
            if (r.system().equals(system)) {
                return links.get(r);
            }
        }
        return null;
    }

    // ------------------------------------------------------------------------------------------------ rule 4: pending creates

    private void resolvePendingIntents() {
        for (CreateIntent intent : store.intents(IntentState.PENDING)) {
            if (!entities.containsKey(intent.entityId())) {
                store.putIntent(intent.with(IntentState.FAILED, null));
                continue;
            }
            RecordWriter writer = connectors.get(intent.system()).writer(intent.type());
            Optional<SourceRecord> found;
            try {
                found = writer.findCreated(new CreateRequest(intent.key(), intent.fields()), intent.createdAt());
            } catch (ConnectorException e) {
                if (e.kind() == ErrorKind.UNAVAILABLE) {
                    throw e;
                }
                blocked.add(intent.entityId());
                fail(intent.source(), intent.system(), flowOf(intent.entityId()),
                        "create " + intent.key() + " has an unknown outcome and could not be looked up: " + e.getMessage());
                continue;
            }
            if (found.isPresent()) {
                SourceRecord r = found.get();
                Link link = new Link(r.ref(), intent.entityId(), LinkState.ACTIVE, r.fields(), intent.fields(),
                        latest(r), false, now);
                Snapshot snap = snapshotOf(r, false);
                store.inTransaction(tx -> {
                    tx.putLink(link);
                    tx.putSnapshot(snap);
                    tx.putIntent(intent.with(IntentState.DONE, r.id()));
                    tx.appendActivity(new Activity(r.ref(), now, "created", "found after an unknown outcome (key " + intent.key() + ")"));
                });
                putLinkInMemory(link);
                snapshots.put(snap.ref(), snap);
                touched.add(intent.entityId());
            } else {
                store.putIntent(intent.with(IntentState.FAILED, null));
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ read + stage

    /** What one read delivered. */
    record ReadResult(String system, String type, ReadSummary summary, Set<String> delivered) {
    }

    private Map<RecordRef, ReadResult> readAll() {
        Map<RecordRef, ReadResult> out = new LinkedHashMap<>();
        for (RecordRef t : boundTypes(mapping)) {
            ReadResult r = read(t.system(), t.type());
            out.put(t, r);
            for (Flow f : mapping.flowsFor(t.system(), t.type())) {
                counts.get(f.id())[READ] += r.delivered().size();
            }
        }
        return out;
    }

    private ReadResult read(String system, String type) {
        Connector connector = connectors.get(system);
        RecordReader reader = connector.reader(type);
        Set<String> fields = fieldsToRead(system, type);
        Set<String> delivered = new HashSet<>();
        String phase = "read " + system + "/" + type;
        ReadSummary summary;
        java.util.function.Consumer<List<SourceRecord>> stage = page -> {
            store.inTransaction(tx -> {
                for (SourceRecord r : page) {
                    delivered.add(r.id());
                    stage(tx, r);
                }
            });
            progress.progress(phase, delivered.size(), -1);
        };
        if (ZOHO.equals(system)) {
            Checkpoint since = store.checkpoint(system, type);
            summary = reader.readChanges(since, fields, stage::accept);
        } else {
            summary = reader.readAll(fields, stage::accept);
        }
        if (summary.next() != null) {
            nextCheckpoints.put(system + "\u0000" + type, summary.next());
        }
        return new ReadResult(system, type, summary, delivered);
    }

    private void stage(ConnectionStore tx, SourceRecord r) {
        String hash = RecordHash.of(r);
        Snapshot old = snapshots.get(r.ref());
        if (old == null || !old.hash().equals(hash)) {
            Snapshot s = new Snapshot(r.ref(), hash, r.fields(), r.modifiedAt(), r.fieldModifiedAt(), false, null);
            tx.putSnapshot(s);
            snapshots.put(r.ref(), s);
        }
        Link link = links.get(r.ref());
        if (link != null && link.state() == LinkState.DELETED_IN_SOURCE) {
            Link restored = link.withState(LinkState.ACTIVE);
            tx.putLink(restored);
            tx.appendActivity(new Activity(r.ref(), now, "restored", "the record is back; linked again"));
            putLinkInMemory(restored);
            touched.add(link.entityId());
            record(new Change(ChangeKind.RESTORED, flowOf(link.entityId()), r.ref(), r.ref().system(), r.ref().type(),
                    null, List.of(), "the record is back (same id) and linked again"));
        }
    }

    private Set<String> fieldsToRead(String system, String type) {
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

    // ------------------------------------------------------------------------------------------------ rule 5: deletions

    private void detectDeletions(Map<RecordRef, ReadResult> reads) {
        Map<RecordRef, Set<String>> suspects = new LinkedHashMap<>();
        for (Map.Entry<RecordRef, ReadResult> e : reads.entrySet()) {
            RecordRef t = e.getKey();
            ReadResult r = e.getValue();
            if (!r.summary().complete()) {
                continue;
            }
            List<RecordRef> absent = snapshots.keySet().stream()
                    .filter(ref -> ref.system().equals(t.system()) && ref.type().equals(t.type()) && !r.delivered().contains(ref.id()))
                    .sorted(Comparator.comparing(RecordRef::id)).toList();
            for (RecordRef ref : absent) {
                suspect(ref, suspects);
            }
        }
        connectors.get(ZOHO).deletedFeed().ifPresent(feed -> {
            for (RecordRef t : boundTypes(mapping)) {
                if (!t.system().equals(ZOHO)) {
                    continue;
                }
                String stream = t.type() + "#deleted";
                Checkpoint cp = store.checkpoint(ZOHO, stream);
                Instant since = cp.isNone() ? null : Instant.parse(cp.value());
                Instant newest = since;
                Set<String> delivered = reads.get(t).delivered();
                for (Deletion d : feed.deletedSince(t.type(), since)) {
                    if (d.deletedAt() != null && (newest == null || d.deletedAt().isAfter(newest))) {
                        newest = d.deletedAt();
                    }
                    if (!delivered.contains(d.ref().id())) {
                        suspect(d.ref(), suspects);
                    }
                }
                if (newest != null) {
                    nextCheckpoints.put(ZOHO + "\u0000" + stream, new Checkpoint(newest.toString()));
                }
            }
        });
        for (Map.Entry<RecordRef, Set<String>> e : suspects.entrySet()) {
            RecordRef t = e.getKey();
            if (e.getValue().isEmpty()) {
                continue;
            }
            RecordReader reader = connectors.get(t.system()).reader(t.type());
            Set<String> stillThere = new HashSet<>();
            List<SourceRecord> found;
            try {
                found = reader.readByIds(e.getValue(), fieldsToRead(t.system(), t.type()));
            } catch (ConnectorException ex) {
                if (ex.kind() == ErrorKind.UNAVAILABLE) {
                    throw ex;
                }
                continue;   // not confirmed "not found": a deletion is not believed this cycle
            }
            store.inTransaction(tx -> found.forEach(r -> {
                stillThere.add(r.id());
                stage(tx, r);
            }));
            for (String id : e.getValue()) {
                if (!stillThere.contains(id)) {
                    markDeleted(new RecordRef(t.system(), t.type(), id));
                }
            }
        }
    }

    /** An absent record: unlinked ones are simply forgotten; linked active ones are looked up before believing it. */
    private void suspect(RecordRef ref, Map<RecordRef, Set<String>> suspects) {
        Link link = links.get(ref);
        if (link == null) {
            if (snapshots.remove(ref) != null) {
                store.removeSnapshot(ref);
            }
            if (inReview.remove(ref)) {
                store.removeReview(ref);
            }
        } else if (link.state() == LinkState.ACTIVE) {
            suspects.computeIfAbsent(new RecordRef(ref.system(), ref.type(), "*"), x -> new LinkedHashSet<>()).add(ref.id());
        }
    }

    private void markDeleted(RecordRef ref) {
        Link link = links.get(ref).withState(LinkState.DELETED_IN_SOURCE);
        String flow = flowOf(link.entityId());
        store.inTransaction(tx -> {
            tx.putLink(link);
            tx.appendActivity(new Activity(ref, now, "deleted", "deleted in " + ref.system() + "; its partner is left alone"));
        });
        putLinkInMemory(link);
        count(flow, DELETED);
        record(new Change(ChangeKind.DELETED_IN_SOURCE, flow, ref, ref.system(), ref.type(), null, List.of(),
                "deleted in " + ref.system() + "; the linked record is left alone and not re-created"));
    }

    // ------------------------------------------------------------------------------------------------ rule 3: identify

    private List<EntityWork> identify(boolean backfill) {
        Set<RecordRef> due = dueRecords();
        Map<String, List<Flow>> groups = new LinkedHashMap<>();
        for (Flow f : mapping.flows()) {
            groups.computeIfAbsent(f.zoho().recordType(), x -> new ArrayList<>()).add(f);
        }
        List<EntityWork> out = new ArrayList<>();
        Map<RecordRef, MatchOutcome.Review> reviews = new LinkedHashMap<>();
        Map<RecordRef, String> reviewFlows = new HashMap<>();
        for (Map.Entry<String, List<Flow>> g : groups.entrySet()) {
            List<Flow> flows = g.getValue();
            CanonicalType canonical = flows.get(0).canonicalType();
            List<MatchCandidate> poPool = new ArrayList<>();
            for (Flow f : flows) {
                for (Snapshot s : sorted(PO, f.poweroffice().recordType())) {
                    if (unpaired(s.ref(), ZOHO) && !manualReview.contains(s.ref()) && f.poFilter().test(asRecord(s))) {
                        poPool.add(new MatchCandidate(s.ref(), f.id(), keys(f.poweroffice(), canonical, s.fields())));
                    }
                }
            }
            List<MatchCandidate> zPool = new ArrayList<>();
            for (Snapshot s : sorted(ZOHO, g.getKey())) {
                if (unpaired(s.ref(), PO) && !manualReview.contains(s.ref())
                        && flows.stream().anyMatch(f -> f.zohoFilter().test(asRecord(s)))) {
                    zPool.add(new MatchCandidate(s.ref(), null, keys(flows.get(0).zoho(), canonical, s.fields())));
                }
            }
            MatchOutcome outcome = Matcher.match(poPool, zPool);
            for (MatchOutcome.Pair p : outcome.pairs()) {
                out.add(link(p));
            }
            for (MatchOutcome.Review r : outcome.reviews()) {
                reviews.put(r.record().ref(), r);
                reviewFlows.put(r.record().ref(), r.record().flowId() != null ? r.record().flowId() : flows.get(0).id());
            }
            for (MatchCandidate c : outcome.unmatchedPo()) {
                Flow f = mapping.flow(c.flowId());
                if (links.get(c.ref()) == null && f.createInZoho() && (backfill || dirtyRecord(c.ref(), due))) {
                    out.add(newEntity(c.ref(), f));
                }
            }
            for (MatchCandidate c : outcome.unmatchedZoho()) {
                Snapshot s = snapshots.get(c.ref());
                Flow f = flows.stream().filter(x -> x.createInPoweroffice() && x.zohoFilter().test(asRecord(s))).findFirst().orElse(null);
                if (f != null && links.get(c.ref()) == null && (backfill || dirtyRecord(c.ref(), due))) {
                    out.add(newEntity(c.ref(), f));
                }
            }
        }
        updateReviewQueue(reviews, reviewFlows);
        return out;
    }

    private void updateReviewQueue(Map<RecordRef, MatchOutcome.Review> reviews, Map<RecordRef, String> flows) {
        for (ReviewItem old : store.reviews()) {
            boolean manual = old.reason() != null && old.reason().startsWith(MANUAL_REVIEW);
            if (!manual && !reviews.containsKey(old.record())) {
                store.removeReview(old.record());
                inReview.remove(old.record());
            }
        }
        for (MatchOutcome.Review r : reviews.values()) {
            RecordRef ref = r.record().ref();
            Optional<ReviewItem> old = store.review(ref);
            if (old.isEmpty() || !old.get().candidates().equals(r.candidates())) {
                store.putReview(new ReviewItem(0, ref, flows.get(ref), r.candidates(), r.reason(), now));
                store.appendActivity(new Activity(ref, now, "review", r.reason()));
                record(new Change(ChangeKind.REVIEW, flows.get(ref), ref, ref.system(), ref.type(), null, List.of(), r.reason()));
            }
            inReview.add(ref);
        }
        for (Flow f : mapping.flows()) {
            counts.get(f.id())[REVIEW] = store.reviews().stream().filter(r -> f.id().equals(r.flowId())).count();
        }
    }

    /** Whether a record has no partner in {@code otherSystem} (unlinked, or alone in its entity) and is not busy. */
    private boolean unpaired(RecordRef ref, String otherSystem) {
        Link link = links.get(ref);
        if (link == null) {
            return true;
        }
        if (link.state() != LinkState.ACTIVE || blocked.contains(link.entityId())) {
            return false;
        }
        return linkOn(link.entityId(), otherSystem) == null;
    }

    private EntityWork link(MatchOutcome.Pair pair) {
        Flow f = mapping.flow(pair.po().flowId());
        RecordRef po = pair.po().ref();
        RecordRef z = pair.zoho().ref();
        Entity e = new Entity(UUID.randomUUID().toString(), f.canonicalType().key(), f.id(), Map.of(), Map.of(), now, now);
        Link poLink = Link.fresh(po, e.id(), now);
        Link zLink = Link.fresh(z, e.id(), now);
        List<String> emptied = new ArrayList<>();
        store.inTransaction(tx -> {
            for (RecordRef ref : List.of(po, z)) {
                Link old = links.get(ref);
                if (old != null) {
                    tx.removeLink(ref);
                    if (members.getOrDefault(old.entityId(), Set.of()).size() <= 1) {
                        tx.removeEntity(old.entityId());
                        emptied.add(old.entityId());
                    }
                }
                tx.removeReview(ref);
            }
            tx.putEntity(e);
            tx.putLink(poLink);
            tx.putLink(zLink);
            tx.appendActivity(new Activity(po, now, "linked", "matched " + z));
            tx.appendActivity(new Activity(z, now, "linked", "matched " + po));
        });
        removeLinkInMemory(po);
        removeLinkInMemory(z);
        emptied.forEach(entities::remove);
        entities.put(e.id(), e);
        putLinkInMemory(poLink);
        putLinkInMemory(zLink);
        inReview.remove(po);
        inReview.remove(z);
        count(f.id(), LINKED);
        record(new Change(ChangeKind.LINK, f.id(), z, ZOHO, z.type(), po, List.of(),
                "same " + (f.canonicalType() == CanonicalType.ORGANIZATION ? "name" : "e-mail")));
        return new EntityWork(e, false, f);
    }

    private EntityWork newEntity(RecordRef source, Flow f) {
        Entity e = new Entity(UUID.randomUUID().toString(), f.canonicalType().key(), f.id(), Map.of(), Map.of(), now, now);
        EntityWork w = new EntityWork(e, true, f);
        Link link = Link.fresh(source, e.id(), now);
        Snapshot s = snapshots.get(source);
        EntityWork.Member m = member(w, link, s);
        if (PO.equals(source.system())) {
            w.po = m;
        } else {
            w.zoho = m;
        }
        return w;
    }

    private static Set<String> keys(TypeBinding side, CanonicalType type, Map<String, String> fields) {
        String property = type == CanonicalType.ORGANIZATION ? "organization.name" : "person.email";
        Set<String> out = new LinkedHashSet<>();
        for (var b : side.fieldsOf(property)) {
            String v = fields.get(b.field());
            String k = type == CanonicalType.ORGANIZATION ? MatchKeys.organizationName(v) : MatchKeys.email(v);
            if (k != null) {
                out.add(k);
            }
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------ what needs work

    private Set<RecordRef> dueRecords() {
        Set<RecordRef> out = new HashSet<>();
        for (Failure f : store.failures()) {
            Snapshot s = snapshots.get(f.record());
            boolean superseded = s != null && !Objects.equals(s.hash(), f.sourceHash());
            if (superseded || f.nextRetryAt() == null || !f.nextRetryAt().isAfter(now)) {
                out.add(f.record());
            }
        }
        return out;
    }

    private boolean dirtyRecord(RecordRef ref, Set<RecordRef> due) {
        Snapshot s = snapshots.get(ref);
        return (s != null && !s.processed()) || due.contains(ref);
    }

    private List<EntityWork> selectDirty(boolean backfill, List<EntityWork> already) {
        Set<String> taken = already.stream().map(w -> w.entity.id()).collect(Collectors.toSet());
        Set<RecordRef> due = dueRecords();
        List<EntityWork> out = new ArrayList<>();
        for (Entity e : new TreeMap<>(entities).values()) {
            if (taken.contains(e.id()) || blocked.contains(e.id()) || hasPendingIntent(e.id())) {
                continue;
            }
            Set<RecordRef> refs = members.getOrDefault(e.id(), Set.of());
            if (refs.isEmpty()) {
                continue;
            }
            boolean anyDeleted = refs.stream().anyMatch(r -> links.get(r).state() == LinkState.DELETED_IN_SOURCE);
            boolean dirty = backfill || !e.forced().isEmpty() || touched.contains(e.id())
                    || (anyDeleted && options.deletes() == DeletePolicy.PROPAGATE)
                    || refs.stream().anyMatch(r -> {
                        Link l = links.get(r);
                        return l.state() == LinkState.ACTIVE && (l.lastSeen().isEmpty() || dirtyRecord(r, due));
                    });
            if (dirty) {
                Flow f = mapping.flows().stream().filter(x -> x.id().equals(e.flowId())).findFirst().orElse(null);
                if (f != null) {
                    out.add(new EntityWork(e, false, f));
                }
            }
        }
        return out;
    }

    private boolean hasPendingIntent(String entityId) {
        return blocked.contains(entityId);
    }

    // ------------------------------------------------------------------------------------------------ merge + plan

    private EntityWork.Member member(EntityWork w, Link link, Snapshot s) {
        Connector c = connectors.get(link.ref().system());
        EchoGuard.Reading reading = EchoGuard.read(link, s, c.timeResolution(), options.echoWindow());
        MemberView view = new MemberView(link.ref(), w.flow.side(link.ref().system()), reading.current(),
                reading.link().lastSeen(), s.modifiedAt(), s.fieldModifiedAt(), c.timeResolution());
        return new EntityWork.Member(link, s, view, reading.link());
    }

    private void plan(EntityWork w) {
        boolean anyDeleted = false;
        if (!w.isNew) {
            for (RecordRef ref : members.getOrDefault(w.entity.id(), Set.of())) {
                Link l = links.get(ref);
                if (l.state() == LinkState.DELETED_IN_SOURCE) {
                    anyDeleted = true;
                    continue;
                }
                Snapshot s = snapshots.get(ref);
                if (s == null) {
                    w.problem = true;
                    return;
                }
                if (!w.flow.filter(ref.system()).test(asRecord(s))) {
                    w.problem = true;
                    return;
                }
                EntityWork.Member m = member(w, l, s);
                if (PO.equals(ref.system())) {
                    w.po = m;
                } else {
                    w.zoho = m;
                }
            }
        }
        if (anyDeleted) {
            w.deleted = true;
            store.inTransaction(tx -> members.getOrDefault(w.entity.id(), Set.of()).forEach(ref -> {
                Snapshot s = snapshots.get(ref);
                if (s != null) {
                    tx.markProcessed(ref, s.hash());
                }
            }));
            return;
        }
        if (w.po == null && w.zoho == null) {
            w.problem = true;
            return;
        }
        w.merge = merger.merge(w.flow, w.entity.baseline(), w.entity.forced(),
                w.po == null ? null : w.po.view, w.zoho == null ? null : w.zoho.view);
        if (!w.merge.problems().isEmpty()) {
            w.problem = true;
            for (ValueProblem p : w.merge.problems()) {
                fail(p.record(), otherSystem(p.record().system()), w.flow.id(), p.describe());
            }
            markProcessed(w);
            return;
        }
        Map<String, String> desired = w.merge.desired();
        if (w.po != null && w.zoho != null) {
            for (EntityWork.Member m : List.of(w.po, w.zoho)) {
                planUpdate(w, m, desired);
            }
        } else {
            EntityWork.Member source = w.po != null ? w.po : w.zoho;
            String target = otherSystem(source.system());
            boolean allowed = PO.equals(target) ? w.flow.createInPoweroffice()
                    : w.flow.createInZoho() && !"true".equalsIgnoreCase(source.snapshot.fields().get("IsArchived"));
            if (allowed && !inReview.contains(source.ref())) {
                TypeBinding side = w.flow.side(target);
                Map<String, String> fields = planner.create(w.flow, side, desired);
                List<Violation> violations = FieldChecks.check(target, side.recordType(), fields,
                        rules(target, side.recordType()), true);
                if (!violations.isEmpty()) {
                    fail(source.ref(), target, w.flow.id(), describe(violations));
                } else {
                    CreateIntent intent = new CreateIntent(UUID.randomUUID().toString(), source.ref(), target,
                            side.recordType(), w.entity.id(), fields, now, IntentState.PENDING, null);
                    w.create = new EntityWork.Create(target, side.recordType(), fields, intent);
                    List<FieldChange> set = fields.entrySet().stream()
                            .map(e -> new FieldChange(e.getKey(), null, e.getValue())).toList();
                    record(new Change(ChangeKind.CREATE, w.flow.id(), null, target, side.recordType(), source.ref(), set, null));
                    planUpdate(w, source, desired);   // fan-out within the source itself, in the same cycle (rule 1)
                }
            }
            if (w.create == null && w.isNew) {
                markProcessed(w);
                w.problem = true;
            }
        }
        for (ConflictDecision c : w.merge.conflicts()) {
            record(new Change(ChangeKind.CONFLICT, w.flow.id(), memberRef(w, c.loserSide()), c.loserSide(),
                    memberRef(w, c.loserSide()).type(), memberRef(w, c.winnerSide()), List.of(), describe(c)));
        }
    }

    /** Plans the fields of one existing member to change; checks them against the system's rules first (rule 6). */
    private void planUpdate(EntityWork w, EntityWork.Member m, Map<String, String> desired) {
        TypeBinding side = w.flow.side(m.system());
        List<FieldChange> update = planner.update(w.flow, side, desired, m.view.current(), m.view.lastSeen(),
                m.link.lastWritten());
        if (update.isEmpty()) {
            return;
        }
        Map<String, String> outgoing = new LinkedHashMap<>();
        update.forEach(c -> outgoing.put(c.field(), c.to()));
        List<Violation> violations = FieldChecks.check(m.system(), m.ref().type(), outgoing,
                rules(m.system(), m.ref().type()), false);
        RecordRef source = sourceOf(w, m);
        if (!violations.isEmpty()) {
            m.blocked = true;
            fail(source, m.system(), w.flow.id(), describe(violations));
            return;
        }
        m.update = update;
        m.sent = outgoing;
        record(new Change(ChangeKind.UPDATE, w.flow.id(), m.ref(), m.system(), m.ref().type(), source, update, null));
    }

    /** Where a member's new values come from: its partner, or itself when it has none yet (a mirror of its own fields). */
    private static RecordRef sourceOf(EntityWork w, EntityWork.Member m) {
        EntityWork.Member other = w.other(m);
        return other != null ? other.ref() : m.ref();
    }

    private static RecordRef memberRef(EntityWork w, String system) {
        EntityWork.Member m = w.member(system);
        return m.ref();
    }

    private static String describe(ConflictDecision c) {
        return c.property() + ": " + c.winnerSide() + " " + quote(c.winnerValue()) + " won over " + c.loserSide() + " "
                + quote(c.loserValue()) + " (" + switch (c.reason()) {
                    case "newer" -> "newer change";
                    case "tie" -> "same second: tieWinner";
                    case "link" -> "different when linked: tieWinner";
                    default -> c.reason();
                } + ")";
    }

    private static String quote(String v) {
        return v == null ? "(empty)" : "'" + v + "'";
    }

    private static String describe(List<Violation> violations) {
        return violations.stream().map(Violation::message).collect(Collectors.joining("; "));
    }

    private Map<String, FieldRule> rules(String system, String type) {
        return rules.computeIfAbsent(system + "/" + type, k -> {
            try {
                return connectors.get(system).fieldRules(type);
            } catch (ConnectorException e) {
                if (e.kind() == ErrorKind.UNAVAILABLE) {
                    throw e;
                }
                return Map.of();
            }
        });
    }

    // ------------------------------------------------------------------------------------------------ rule 5: propagation

    /** Entities linked on both sides, the base of the 10 % delete guard. */
    private int linkedPairs() {
        Map<String, Integer> members = new HashMap<>();
        for (Link l : links.values()) {
            members.merge(l.entityId(), 1, Integer::sum);
        }
        return (int) members.values().stream().filter(n -> n >= 2).count();
    }

    private List<EntityWork> planDeletes(List<EntityWork> work) {
        if (options.deletes() != DeletePolicy.PROPAGATE) {
            return List.of();
        }
        List<EntityWork> out = new ArrayList<>();
        for (EntityWork w : work) {
            if (!w.deleted) {
                continue;
            }
            Link po = linkOn(w.entity.id(), PO);
            Link z = linkOn(w.entity.id(), ZOHO);
            if (po == null || z == null) {
                continue;
            }
            if (po.state() == LinkState.DELETED_IN_SOURCE && z.state() == LinkState.ACTIVE && snapshots.containsKey(z.ref())) {
                w.deleteTarget = member(w, z, snapshots.get(z.ref()));
                out.add(w);
            } else if (z.state() == LinkState.DELETED_IN_SOURCE && po.state() == LinkState.ACTIVE && snapshots.containsKey(po.ref())) {
                Snapshot s = snapshots.get(po.ref());
                boolean department = Flow.DEPARTMENT.equals(po.ref().type());
                String field = department ? "IsActive" : "IsArchived";
                String value = department ? "false" : "true";
                if (!value.equalsIgnoreCase(s.fields().get(field))) {
                    w.deleteTarget = member(w, po, s);
                    w.archiveFields = Map.of(field, value);
                    out.add(w);
                }
            }
        }
        int pairs = linkedPairs();
        int allowed = DeleteGuard.allowed(options.maxDeletesPerCycle(), pairs);
        if (out.size() > allowed && !options.confirmDeletes()) {
            deletesHalted = out.size() + " deletions held back: the limit is " + allowed + ", the smaller of maxDeletesPerCycle ("
                    + options.maxDeletesPerCycle() + ") and 10 % of " + pairs + " linked records; nothing was deleted. "
                    + "Check the source systems, then run again confirming the deletes";
            record(new Change(ChangeKind.HALTED, null, null, null, null, null, List.of(), deletesHalted));
            out.forEach(w -> w.deleteTarget = null);
            return List.of();
        }
        for (EntityWork w : out) {
            EntityWork.Member t = w.deleteTarget;
            List<FieldChange> fields = w.archiveFields == null ? List.of()
                    : w.archiveFields.entrySet().stream().map(e -> new FieldChange(e.getKey(), t.snapshot.fields().get(e.getKey()), e.getValue())).toList();
            record(new Change(ChangeKind.DELETE, w.flow.id(), t.ref(), t.system(), t.ref().type(),
                    linkOn(w.entity.id(), otherSystem(t.system())).ref(), fields,
                    w.archiveFields == null ? "deleted in " + otherSystem(t.system()) : "partner deleted in " + otherSystem(t.system())));
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------ write

    private void executeCreates(List<EntityWork> work) {
        Map<String, List<EntityWork>> groups = new TreeMap<>();
        for (EntityWork w : work) {
            if (w.create != null) {
                groups.computeIfAbsent(w.create.system + "/" + w.create.type, k -> new ArrayList<>()).add(w);
            }
        }
        for (Map.Entry<String, List<EntityWork>> g : groups.entrySet()) {
            EntityWork.Create first = g.getValue().get(0).create;
            RecordWriter writer = connectors.get(first.system).writer(first.type);
            List<List<EntityWork>> chunks = chunks(g.getValue(), writer.maxBatchSize());
            long done = 0;
            for (List<EntityWork> chunk : chunks) {
                store.inTransaction(tx -> {
                    for (EntityWork w : chunk) {
                        if (w.isNew) {
                            EntityWork.Member source = w.po != null ? w.po : w.zoho;
                            tx.putEntity(w.entity);
                            tx.putLink(source.link);
                        }
                        tx.putIntent(w.create.intent);
                    }
                });
                for (EntityWork w : chunk) {
                    if (w.isNew) {
                        entities.put(w.entity.id(), w.entity);
                        putLinkInMemory((w.po != null ? w.po : w.zoho).link);
                    }
                }
                List<CreateRequest> requests = chunk.stream()
                        .map(w -> new CreateRequest(w.create.intent.key(), w.create.fields)).toList();
                List<WriteResult> results;
                try {
                    results = writer.create(requests);
                } catch (ConnectorException e) {
                    if (e.kind() == ErrorKind.UNAVAILABLE) {
                        throw e;
                    }
                    for (EntityWork w : chunk) {
                        w.create.unknown = true;
                        fail(source(w).ref(), w.create.system, w.flow.id(), e.getMessage());
                    }
                    continue;
                }
                List<WriteResult> answered = new ArrayList<>();
                for (int i = 0; i < chunk.size(); i++) {
                    answered.add(result(results, i, requests.get(i).idempotencyKey()));
                }
                Map<String, SourceRecord> back = readBack(first.system, first.type, answered);
                for (int i = 0; i < chunk.size(); i++) {
                    WriteResult r = answered.get(i);
                    if (r.succeeded() && r.readBack().isEmpty() && r.id().isPresent() && back.containsKey(r.id().get())) {
                        r = WriteResult.ok(r.request(), r.id().get(), back.get(r.id().get()));
                    }
                    created(chunk.get(i), r);
                }
                done += chunk.size();
                progress.progress("write " + g.getKey(), done, g.getValue().size());
            }
        }
    }

    private void created(EntityWork w, WriteResult r) {
        EntityWork.Create c = w.create;
        EntityWork.Member source = source(w);
        if (r.succeeded() && r.id().isPresent()) {
            RecordRef ref = new RecordRef(c.system, c.type, r.id().get());
            SourceRecord back = r.readBack().orElse(null);
            Link link = new Link(ref, w.entity.id(), LinkState.ACTIVE, seenAfterWrite(Map.of(), c.fields, back), c.fields,
                    back != null && latest(back) != null ? latest(back) : now, back == null, now);
            store.inTransaction(tx -> {
                tx.putLink(link);
                tx.putIntent(c.intent.with(IntentState.DONE, ref.id()));
                if (back != null) {
                    Snapshot s = snapshotOf(back, true);
                    tx.putSnapshot(s);
                    snapshots.put(ref, s);
                }
                tx.appendActivity(new Activity(ref, now, "created", "from " + source.ref()));
                tx.appendActivity(new Activity(source.ref(), now, "linked", "created " + ref));
            });
            putLinkInMemory(link);
            c.created = link;
            c.readBack = back;
            count(w.flow.id(), CREATED);
            return;
        }
        WriteError err = r.error().orElse(null);
        if (err != null && err.kind() == ErrorKind.UNKNOWN_OUTCOME) {
            c.unknown = true;
            fail(source.ref(), c.system, w.flow.id(), err.describe() + " (the outcome will be looked up before any retry)");
            return;
        }
        c.failed = true;
        store.putIntent(c.intent.with(IntentState.FAILED, null));
        fail(source.ref(), c.system, w.flow.id(), err == null ? c.system + " CREATE " + c.intent.key() + ": no id returned" : err.describe());
    }

    private void executeUpdates(List<EntityWork> work) {
        Map<String, List<EntityWork.Member>> groups = new TreeMap<>();
        Map<EntityWork.Member, EntityWork> owners = new HashMap<>();
        for (EntityWork w : work) {
            for (EntityWork.Member m : new EntityWork.Member[]{w.po, w.zoho}) {
                if (m != null && !m.update.isEmpty()) {
                    groups.computeIfAbsent(m.system() + "/" + m.ref().type(), k -> new ArrayList<>()).add(m);
                    owners.put(m, w);
                }
            }
        }
        for (Map.Entry<String, List<EntityWork.Member>> g : groups.entrySet()) {
            List<EntityWork.Member> all = g.getValue();
            all.sort(Comparator.comparing(m -> m.ref().id()));
            EntityWork.Member first = all.get(0);
            RecordWriter writer = connectors.get(first.system()).writer(first.ref().type());
            long done = 0;
            for (List<EntityWork.Member> chunk : chunks(all, writer.maxBatchSize())) {
                List<UpdateRequest> requests = chunk.stream().map(m -> new UpdateRequest(m.ref().id(), m.sent)).toList();
                List<WriteResult> results;
                try {
                    results = writer.update(requests);
                } catch (ConnectorException e) {
                    if (e.kind() == ErrorKind.UNAVAILABLE) {
                        throw e;
                    }
                    for (EntityWork.Member m : chunk) {
                        m.writeFailed = true;
                        EntityWork w = owners.get(m);
                        fail(sourceOf(w, m), m.system(), w.flow.id(), e.getMessage());
                    }
                    continue;
                }
                List<WriteResult> answered = new ArrayList<>();
                for (int i = 0; i < chunk.size(); i++) {
                    answered.add(result(results, i, chunk.get(i).ref().id()));
                }
                Map<String, SourceRecord> back = readBack(first.system(), first.ref().type(), answered);
                for (int i = 0; i < chunk.size(); i++) {
                    EntityWork.Member m = chunk.get(i);
                    EntityWork w = owners.get(m);
                    WriteResult r = answered.get(i);
                    if (r.succeeded()) {
                        m.written = true;
                        m.readBack = r.readBack().orElse(back.get(m.ref().id()));
                        count(w.flow.id(), UPDATED);
                    } else {
                        m.writeFailed = true;
                        fail(sourceOf(w, m), m.system(), w.flow.id(), r.error().map(WriteError::describe).orElse("update failed"));
                    }
                }
                done += chunk.size();
                progress.progress("write " + g.getKey(), done, all.size());
            }
        }
    }

    private void executeDeletes(List<EntityWork> deletes) {
        for (EntityWork w : deletes) {
            EntityWork.Member t = w.deleteTarget;
            if (t == null) {
                continue;
            }
            RecordWriter writer = connectors.get(t.system()).writer(t.ref().type());
            WriteResult r;
            try {
                r = w.archiveFields != null
                        ? writer.update(List.of(new UpdateRequest(t.ref().id(), w.archiveFields))).get(0)
                        : writer.delete(List.of(t.ref().id())).get(0);
            } catch (ConnectorException e) {
                if (e.kind() == ErrorKind.UNAVAILABLE) {
                    throw e;
                }
                fail(linkOn(w.entity.id(), otherSystem(t.system())).ref(), t.system(), w.flow.id(), e.getMessage());
                continue;
            }
            boolean gone = r.succeeded() || r.error().map(e -> e.kind() == ErrorKind.NOT_FOUND).orElse(false);
            if (!gone) {
                fail(linkOn(w.entity.id(), otherSystem(t.system())).ref(), t.system(), w.flow.id(),
                        r.error().map(WriteError::describe).orElse("delete failed"));
                continue;
            }
            count(w.flow.id(), DELETED);
            Link next = w.archiveFields != null ? t.link : t.link.withState(LinkState.DELETED_IN_SOURCE);
            store.inTransaction(tx -> {
                tx.putLink(next);
                tx.appendActivity(new Activity(t.ref(), now, w.archiveFields != null ? "archived" : "deleted",
                        "partner deleted in " + otherSystem(t.system())));
            });
            putLinkInMemory(next);
        }
    }

    /**
     * Rule 7: what counts is the value read back. For successful writes the system did not answer with the record,
     * reads the records once (one call per batch). Where even that fails, the values sent stand in, and the next read
     * adopts the system's form of them ({@link EchoGuard}).
     */
    private Map<String, SourceRecord> readBack(String system, String type, List<WriteResult> results) {
        List<String> ids = results.stream().filter(r -> r.succeeded() && r.readBack().isEmpty() && r.id().isPresent())
                .map(r -> r.id().get()).toList();
        Map<String, SourceRecord> out = new HashMap<>();
        if (ids.isEmpty() || dryRun) {
            return out;
        }
        try {
            for (SourceRecord r : connectors.get(system).reader(type).readByIds(ids, fieldsToRead(system, type))) {
                out.put(r.id(), r);
            }
        } catch (ConnectorException e) {
            if (e.kind() == ErrorKind.UNAVAILABLE) {
                throw e;
            }
        }
        return out;
    }

    private static WriteResult result(List<WriteResult> results, int i, String request) {
        if (results == null || i >= results.size()) {
            return WriteResult.failed(request, new WriteError(ErrorKind.RETRYABLE, "tolk", null, request, null, null,
                    "the connector returned no result for this request"));
        }
        return results.get(i);
    }

    // ------------------------------------------------------------------------------------------------ commit

    private void commit(List<EntityWork> work) {
        List<EntityWork> ready = work.stream()
                .filter(w -> !w.problem && !w.deleted && (w.create == null || !w.create.unknown)).toList();
        for (List<EntityWork> chunk : chunks(ready, COMMIT_CHUNK)) {
            store.inTransaction(tx -> chunk.forEach(w -> commit(tx, w)));
        }
    }

    private void commit(ConnectionStore tx, EntityWork w) {
        boolean failed = false;
        for (EntityWork.Member m : new EntityWork.Member[]{w.po, w.zoho}) {
            if (m == null) {
                continue;
            }
            Link next;
            if (m.writeFailed) {
                failed = true;
                next = m.reading.withLastSeen(m.link.lastSeen());
            } else if (m.written) {
                Instant at = m.readBack != null && latest(m.readBack) != null ? latest(m.readBack) : now;
                next = m.reading.withWrite(seenAfterWrite(m.view.current(), m.sent, m.readBack), m.sent, at, m.readBack == null);
                if (m.readBack != null) {
                    Snapshot s = snapshotOf(m.readBack, true);
                    tx.putSnapshot(s);
                }
                tx.appendActivity(new Activity(m.ref(), now, "updated", m.update.stream()
                        .map(FieldChange::describe).collect(Collectors.joining(", "))));
            } else {
                next = m.reading.withLastSeen(m.view.current());
            }
            if (m.blocked) {
                failed = true;
            }
            tx.putLink(next);
            tx.markProcessed(m.ref(), m.snapshot.hash());
            if (!m.blocked && !m.writeFailed) {
                tx.failure(sourceOf(w, m), m.system()).ifPresent(f -> tx.removeFailure(f.id()));
            }
        }
        if (w.create != null) {
            EntityWork.Member source = source(w);
            if (w.create.created != null) {
                tx.failure(source.ref(), w.create.system).ifPresent(f -> tx.removeFailure(f.id()));
            } else {
                failed = true;
            }
        }
        Entity next = w.entity.withBaseline(w.merge.desired(), failed ? w.entity.forced() : Map.of(), now);
        tx.putEntity(next);
        entities.put(next.id(), next);
        for (ConflictDecision c : w.merge.conflicts()) {
            tx.putConflict(new Conflict(0, w.entity.id(), w.flow.id(), c.property(), c.winnerSide(), c.winnerValue(),
                    c.loserSide(), c.loserValue(), c.reason(), now, false));
            count(w.flow.id(), CONFLICTS);
            tx.appendActivity(new Activity(memberRef(w, c.loserSide()), now, "conflict", describe(c)));
        }
    }

    private void markProcessed(EntityWork w) {
        store.inTransaction(tx -> {
            for (EntityWork.Member m : new EntityWork.Member[]{w.po, w.zoho}) {
                if (m != null) {
                    tx.markProcessed(m.ref(), m.snapshot.hash());
                }
            }
        });
    }

    /** What a record holds after tolk wrote {@code sent}: the values read back where the system returned them. */
    private static Map<String, String> seenAfterWrite(Map<String, String> current, Map<String, String> sent, SourceRecord back) {
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

    // ------------------------------------------------------------------------------------------------ finish

    private CycleReport finish(Map<RecordRef, ReadResult> reads, Map<String, Long> callsBefore) {
        Map<String, Long> callsAfter = calls();
        Map<String, Long> apiCalls = new LinkedHashMap<>();
        callsAfter.forEach((k, v) -> apiCalls.put(k, v - callsBefore.getOrDefault(k, 0L)));
        Map<String, FlowCounts> flows = new LinkedHashMap<>();
        Map<String, Long> runCounts = new LinkedHashMap<>();
        String[] names = {"read", "created", "updated", "linked", "failed", "conflicts", "review", "deleted"};
        counts.forEach((flow, c) -> {
            flows.put(flow, new FlowCounts(c[READ], c[CREATED], c[UPDATED], c[LINKED], c[FAILED], c[CONFLICTS], c[REVIEW], c[DELETED]));
            for (int i = 0; i < names.length; i++) {
                runCounts.put(flow + "." + names[i], c[i]);
            }
        });
        List<Change> ordered = new ArrayList<>(changes);
        ordered.sort(Comparator.comparing((Change c) -> c.kind().ordinal())
                .thenComparing(c -> String.valueOf(c.flowId()))
                .thenComparing(c -> c.target() != null ? c.target().toString() : "")
                .thenComparing(c -> c.source() != null ? c.source().toString() : ""));
        boolean failures = ordered.stream().anyMatch(c -> c.kind() == ChangeKind.FAILURE);
        String outcome = deletesHalted != null ? "deletes halted" : failures ? "failures" : "ok";
        Instant finished = clock.instant();
        long[] runId = {0};
        store.inTransaction(tx -> {
            nextCheckpoints.forEach((key, cp) -> {
                String[] parts = key.split("\u0000", 2);
                tx.putCheckpoint(parts[0], parts[1], cp);
            });
            tx.putMappingFingerprint(mapping.fingerprint());
            runId[0] = tx.addRun(new RunRecord(0, now, finished, runCounts, apiCalls, outcome)).id();
        });
        return new CycleReport(dryRun ? 0 : runId[0], dryRun, now, Duration.between(now, finished), flows, apiCalls,
                ordered, deletesHalted, outcome);
    }

    private Map<String, Long> calls() {
        Map<String, Long> out = new LinkedHashMap<>();
        connectors.forEach((system, c) -> out.put(system, c.usage() == null ? 0L : c.usage().calls()));
        return out;
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private void fail(RecordRef record, String target, String flowId, String reason) {
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
        if (flowId != null && counts.containsKey(flowId)) {
            count(flowId, FAILED);
        }
        record(new Change(ChangeKind.FAILURE, flowId, record, target, record.type(), null, List.of(), reason));
    }

    private void record(Change c) {
        changes.add(c);
    }

    private void count(String flowId, int which) {
        long[] c = counts.get(flowId);
        if (c != null) {
            c[which]++;
        }
    }

    private String flowOf(String entityId) {
        Entity e = entities.get(entityId);
        return e == null ? null : e.flowId();
    }

    private static String otherSystem(String system) {
        return PO.equals(system) ? ZOHO : PO;
    }

    private static EntityWork.Member source(EntityWork w) {
        return w.po != null && (w.create == null || !PO.equals(w.create.system)) ? w.po : w.zoho;
    }

    private static String sourceKey(EntityWork w) {
        EntityWork.Member m = w.po != null ? w.po : w.zoho;
        return m != null ? m.ref().toString() : w.entity.id();
    }

    private List<Snapshot> sorted(String system, String type) {
        return snapshots.values().stream()
                .filter(s -> s.ref().system().equals(system) && s.ref().type().equals(type))
                .sorted(Comparator.comparing(s -> s.ref().id())).toList();
    }

    private static SourceRecord asRecord(Snapshot s) {
        return new SourceRecord(s.ref(), s.fields(), s.modifiedAt(), s.fieldModifiedAt());
    }

    private static Snapshot snapshotOf(SourceRecord r, boolean processed) {
        return new Snapshot(r.ref(), RecordHash.of(r), r.fields(), r.modifiedAt(), r.fieldModifiedAt(), processed, null);
    }

    private static Instant latest(SourceRecord r) {
        Instant max = r.modifiedAt();
        for (Instant i : r.fieldModifiedAt().values()) {
            if (i != null && (max == null || i.isAfter(max))) {
                max = i;
            }
        }
        return max;
    }

    private static <T> List<List<T>> chunks(List<T> all, int size) {
        int n = Math.max(1, size);
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += n) {
            out.add(all.subList(i, Math.min(all.size(), i + n)));
        }
        return out;
    }

}
