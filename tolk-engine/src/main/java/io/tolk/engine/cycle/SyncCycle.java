package io.tolk.engine.cycle;

import io.tolk.api.Connector;
import io.tolk.api.ConnectorException;
import io.tolk.api.RecordRef;
import io.tolk.engine.ProgressListener;
import io.tolk.engine.mapping.Flow;
import io.tolk.engine.mapping.Mapping;
import io.tolk.engine.merge.EntityMerger;
import io.tolk.engine.plan.MemberPlanner;
import io.tolk.engine.store.ConnectionStore;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    private final ConnectionStore store;
    private final Map<String, Connector> connectors = new LinkedHashMap<>();
    private final Mapping mapping;
    private final SyncOptions options;
    private final Clock clock;
    private final ProgressListener progress;
    private final boolean dryRun;
    private final EntityMerger merger;
    private final MemberPlanner planner;

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
        CycleState state = new CycleState(store, connectors, mapping, options, progress, dryRun, clock.instant());
        Map<String, Long> callsBefore = state.calls();
        boolean backfill = !mapping.fingerprint().equals(store.mappingFingerprint().orElse(null));
        state.load();
        new PendingCreates(state).resolvePendingIntents();
        ReadAndStage reader = new ReadAndStage(state);
        Map<RecordRef, ReadAndStage.ReadResult> reads = reader.readAll();
        new DeletionDetector(state, reader).detectDeletions(reads);
        WorkSelector selector = new WorkSelector(state);
        List<EntityWork> work = new ArrayList<>(new Identification(state, selector).identify(backfill));
        work.addAll(selector.selectDirty(backfill, work));
        work.sort(Comparator.comparing(CycleState::sourceKey));
        CyclePlanner cyclePlanner = new CyclePlanner(state, merger, planner);
        for (EntityWork w : work) {
            cyclePlanner.plan(w);
        }
        List<EntityWork> deletes = new DeletePropagation(state).planDeletes(work);
        WriteExecutor writes = new WriteExecutor(state);
        writes.executeCreates(work);
        writes.executeUpdates(work);
        writes.executeDeletes(deletes);
        new CycleCommit(state).commit(work);
        return new CycleFinish(state, clock).finish(reads, callsBefore);
    }
}
