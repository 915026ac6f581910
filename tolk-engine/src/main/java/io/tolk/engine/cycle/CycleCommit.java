package io.tolk.engine.cycle;

import io.tolk.engine.merge.ConflictDecision;
import io.tolk.engine.plan.FieldChange;
import io.tolk.engine.store.Activity;
import io.tolk.engine.store.Conflict;
import io.tolk.engine.store.ConnectionStore;
import io.tolk.engine.store.Entity;
import io.tolk.engine.store.Link;
import io.tolk.engine.store.Snapshot;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.tolk.engine.cycle.CycleState.*;

/**
 * Commit: stores each entity's links, baseline, processed marks and conflicts after its writes, in chunks.
 */
final class CycleCommit {

    private final CycleState state;

    CycleCommit(CycleState state) {
        this.state = state;
    }

    private static final int COMMIT_CHUNK = 200;

    void commit(List<EntityWork> work) {
        List<EntityWork> ready = work.stream()
                .filter(w -> !w.problem && !w.filteredOut && !w.deleted && (w.create == null || !w.create.unknown)).toList();
        for (List<EntityWork> chunk : chunks(ready, COMMIT_CHUNK)) {
            state.store.inTransaction(tx -> chunk.forEach(w -> commit(tx, w)));
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
                Instant at = m.readBack != null && latest(m.readBack) != null ? latest(m.readBack) : state.now;
                next = m.reading.withWrite(seenAfterWrite(m.view.current(), m.sent, m.readBack), m.sent, at, m.readBack == null);
                if (m.readBack != null) {
                    Snapshot s = snapshotOf(m.readBack, true);
                    tx.putSnapshot(s);
                }
                tx.appendActivity(new Activity(m.ref(), state.now, "updated", m.update.stream()
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
        Entity next = w.entity.withBaseline(w.merge.desired(), failed ? w.entity.forced() : Map.of(), state.now);
        tx.putEntity(next);
        state.entities.put(next.id(), next);
        for (ConflictDecision c : w.merge.conflicts()) {
            tx.putConflict(new Conflict(0, w.entity.id(), w.flow.id(), c.property(), c.winnerSide(), c.winnerValue(),
                    c.loserSide(), c.loserValue(), c.reason().code(), state.now, false));
            state.count(w.flow.id(), Count.CONFLICTS);
            tx.appendActivity(new Activity(memberRef(w, c.loserSide()), state.now, "conflict", describe(c)));
        }
    }
}
