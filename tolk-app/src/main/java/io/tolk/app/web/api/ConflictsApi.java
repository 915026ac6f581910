package io.tolk.app.web.api;

import io.tolk.api.RecordRef;
import io.tolk.app.service.ServiceControl;
import io.tolk.app.wiring.EngineSession;
import io.tolk.engine.store.Conflict;
import io.tolk.engine.store.ConnectionStore;
import io.tolk.engine.store.Link;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /api/connections/{c}/conflicts} and {@code POST …/conflicts/{id}/restore}: the conflicts tolk decided,
 * with the records they concern, and restoring a losing value (the next cycle, asked for at once, writes it to both
 * sides).
 */
public final class ConflictsApi {

    static final int MAX_LIMIT = 500;

    private final ServiceControl service;

    public ConflictsApi(ServiceControl service) {
        this.service = service;
    }

    /**
     * One conflict.
     *
     * @param records the records of the entity it was decided for (empty when they are no longer linked)
     * @param reason  how it was decided: {@code newer}, {@code tie}, {@code link}, {@code direction}
     */
    public record ConflictView(long id, String flow, String property, String winnerSide, String winnerValue,
                               String loserSide, String loserValue, String reason, Instant at, boolean restored,
                               List<RecordLabel> records) {
        static ConflictView of(Conflict c, List<RecordLabel> records) {
            return new ConflictView(c.id(), c.flowId(), c.property(), c.winnerSide(), c.winnerValue(), c.loserSide(),
                    c.loserValue(), c.reason(), c.at(), c.restored(), records);
        }
    }

    public record ConflictsView(String connection, List<ConflictView> conflicts) {
    }

    /** The newest {@code limit} conflicts, newest first. */
    public ConflictsView conflicts(String connection, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.badRequest("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
        EngineSession session = Connections.session(service, connection);
        ConnectionStore db = session.store().connection(connection);
        List<Conflict> conflicts = session.engine().conflicts(limit);
        Map<String, List<Link>> members = db.linksOf(conflicts.stream().map(Conflict::entityId).distinct().toList());
        Set<RecordRef> refs = new LinkedHashSet<>();
        members.values().forEach(list -> list.forEach(l -> refs.add(l.ref())));
        Map<RecordRef, RecordLabel> labels = RecordLabel.all(session.mapping(), db, refs);
        List<ConflictView> out = new ArrayList<>();
        for (Conflict c : conflicts) {
            out.add(ConflictView.of(c, members.getOrDefault(c.entityId(), List.of()).stream()
                    .map(l -> labels.get(l.ref())).toList()));
        }
        return new ConflictsView(connection, out);
    }

    /**
     * Restores the conflict's losing value and asks for a cycle.
     *
     * @throws ApiException 404 for an unknown conflict, 409 when it was restored already or its records are gone
     */
    public ConflictView restore(String connection, long id) {
        EngineSession session = Connections.session(service, connection);
        ConnectionStore db = session.store().connection(connection);
        if (db.conflict(id).isEmpty()) {
            throw ApiException.notFound("no conflict with id " + id);
        }
        Conflict restored;
        try {
            restored = session.engine().restoreConflict(id);
        } catch (IllegalArgumentException e) {
            throw new ApiException(409, e.getMessage());
        }
        service.triggerNow(connection);
        List<Link> members = db.linksOf(restored.entityId());
        Map<RecordRef, RecordLabel> labels = RecordLabel.all(session.mapping(), db, members.stream().map(Link::ref).toList());
        return ConflictView.of(restored, members.stream().map(l -> labels.get(l.ref())).toList());
    }
}
