package io.tolk.engine.cycle;

import io.tolk.api.ConnectorException;
import io.tolk.api.CreateRequest;
import io.tolk.api.ErrorKind;
import io.tolk.api.RecordRef;
import io.tolk.api.RecordWriter;
import io.tolk.api.SourceRecord;
import io.tolk.api.UpdateRequest;
import io.tolk.api.WriteError;
import io.tolk.api.WriteResult;
import io.tolk.engine.store.Activity;
import io.tolk.engine.store.IntentState;
import io.tolk.engine.store.Link;
import io.tolk.engine.store.LinkState;
import io.tolk.engine.store.Snapshot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.tolk.engine.cycle.CycleState.*;

/**
 * Write: sends the planned creates, updates and deletes in batches, storing each create intent before its call
 * and linking each created record as soon as its batch returns.
 */
final class WriteExecutor {

    private final CycleState state;

    WriteExecutor(CycleState state) {
        this.state = state;
    }

    void executeCreates(List<EntityWork> work) {
        Map<String, List<EntityWork>> groups = new TreeMap<>();
        for (EntityWork w : work) {
            if (w.create != null) {
                groups.computeIfAbsent(w.create.system + "/" + w.create.type, k -> new ArrayList<>()).add(w);
            }
        }
        for (Map.Entry<String, List<EntityWork>> g : groups.entrySet()) {
            EntityWork.Create first = g.getValue().get(0).create;
            RecordWriter writer = state.connectors.get(first.system).writer(first.type);
            List<List<EntityWork>> chunks = chunks(g.getValue(), writer.maxBatchSize());
            long done = 0;
            for (List<EntityWork> chunk : chunks) {
                state.store.inTransaction(tx -> {
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
                        state.entities.put(w.entity.id(), w.entity);
                        state.putLinkInMemory((w.po != null ? w.po : w.zoho).link);
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
                        state.fail(source(w).ref(), w.create.system, w.flow.id(), e.getMessage());
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
                state.progress.progress("write " + g.getKey(), done, g.getValue().size());
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
                    back != null && latest(back) != null ? latest(back) : state.now, back == null, state.now);
            state.store.inTransaction(tx -> {
                tx.putLink(link);
                tx.putIntent(c.intent.with(IntentState.DONE, ref.id()));
                if (back != null) {
                    Snapshot s = snapshotOf(back, true);
                    tx.putSnapshot(s);
                    state.snapshots.put(ref, s);
                }
                tx.appendActivity(new Activity(ref, state.now, "created", "from " + source.ref()));
                tx.appendActivity(new Activity(source.ref(), state.now, "linked", "created " + ref));
            });
            state.putLinkInMemory(link);
            c.created = link;
            c.readBack = back;
            state.count(w.flow.id(), Count.CREATED);
            return;
        }
        WriteError err = r.error().orElse(null);
        if (err != null && err.kind() == ErrorKind.UNKNOWN_OUTCOME) {
            c.unknown = true;
            state.fail(source.ref(), c.system, w.flow.id(), err.describe() + " (the outcome will be looked up before any retry)");
            return;
        }
        c.failed = true;
        state.store.putIntent(c.intent.with(IntentState.FAILED, null));
        state.fail(source.ref(), c.system, w.flow.id(), err == null ? c.system + " CREATE " + c.intent.key() + ": no id returned" : err.describe());
    }

    void executeUpdates(List<EntityWork> work) {
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
            RecordWriter writer = state.connectors.get(first.system()).writer(first.ref().type());
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
                        state.fail(sourceOf(w, m), m.system(), w.flow.id(), e.getMessage());
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
                        state.count(w.flow.id(), Count.UPDATED);
                    } else {
                        m.writeFailed = true;
                        state.fail(sourceOf(w, m), m.system(), w.flow.id(), r.error().map(WriteError::describe).orElse("update failed"));
                    }
                }
                done += chunk.size();
                state.progress.progress("write " + g.getKey(), done, all.size());
            }
        }
    }

    void executeDeletes(List<EntityWork> deletes) {
        for (EntityWork w : deletes) {
            EntityWork.Member t = w.deleteTarget;
            if (t == null) {
                continue;
            }
            RecordWriter writer = state.connectors.get(t.system()).writer(t.ref().type());
            WriteResult r;
            try {
                r = w.archiveFields != null
                        ? writer.update(List.of(new UpdateRequest(t.ref().id(), w.archiveFields))).get(0)
                        : writer.delete(List.of(t.ref().id())).get(0);
            } catch (ConnectorException e) {
                if (e.kind() == ErrorKind.UNAVAILABLE) {
                    throw e;
                }
                state.fail(state.linkOn(w.entity.id(), otherSystem(t.system())).ref(), t.system(), w.flow.id(), e.getMessage());
                continue;
            }
            boolean gone = r.succeeded() || r.error().map(e -> e.kind() == ErrorKind.NOT_FOUND).orElse(false);
            if (!gone) {
                state.fail(state.linkOn(w.entity.id(), otherSystem(t.system())).ref(), t.system(), w.flow.id(),
                        r.error().map(WriteError::describe).orElse("delete failed"));
                continue;
            }
            state.count(w.flow.id(), Count.DELETED);
            Link next = w.archiveFields != null ? t.link : t.link.withState(LinkState.DELETED_IN_SOURCE);
            state.store.inTransaction(tx -> {
                tx.putLink(next);
                tx.appendActivity(new Activity(t.ref(), state.now, w.archiveFields != null ? "archived" : "deleted",
                        "partner deleted in " + otherSystem(t.system())));
            });
            state.putLinkInMemory(next);
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
        if (ids.isEmpty() || state.dryRun) {
            return out;
        }
        try {
            for (SourceRecord r : state.connectors.get(system).reader(type).readByIds(ids, state.fieldsToRead(system, type))) {
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
}
