package io.tolk.app.web.api;

import io.tolk.api.RecordRef;
import io.tolk.app.service.ServiceControl;
import io.tolk.app.wiring.EngineSession;
import io.tolk.engine.mapping.Mapping;
import io.tolk.engine.store.ConnectionStore;
import io.tolk.engine.store.ReviewItem;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * The review queue: {@code GET /api/connections/{c}/review}, and the decisions a person makes there: link a waiting
 * record with one of its candidates, create its partner instead, or unlink a pair. Each decision asks for a cycle at
 * once, which carries it out.
 */
public final class ReviewApi {

    private final ServiceControl service;

    public ReviewApi(ServiceControl service) {
        this.service = service;
    }

    /**
     * One waiting record.
     *
     * @param candidates the records of other systems it could be linked to (never ones of its own system)
     * @param origin     {@code matching} (several candidates; looked at again every cycle), {@code user} (unlinked
     *                   by a person; waits for a decision) or {@code create} (a person chose to create its partner;
     *                   leaves the queue once the partner exists)
     */
    public record ReviewView(long id, RecordLabel record, String flow, String reason, Instant at, String origin,
                             List<RecordLabel> candidates) {
    }

    public record ReviewQueue(String connection, List<ReviewView> items) {
    }

    /** A decision's subject: {@code record}, and for a link the record it goes {@code with}. */
    public record Decision(String record, String with) {
    }

    /** What a decision did, in words, and that a cycle was asked for. */
    public record Decided(String connection, String decision, List<String> records, boolean cycleRequested) {
    }

    public ReviewQueue queue(String connection) {
        EngineSession session = Connections.session(service, connection);
        ConnectionStore db = session.store().connection(connection);
        List<ReviewItem> items = session.engine().reviewQueue();
        Set<RecordRef> refs = new LinkedHashSet<>();
        for (ReviewItem i : items) {
            refs.add(i.record());
            refs.addAll(i.candidates());
        }
        Map<RecordRef, RecordLabel> labels = RecordLabel.all(session.mapping(), db, refs);
        return new ReviewQueue(connection, items.stream().map(i -> view(i, labels)).toList());
    }

    static ReviewView view(Mapping mapping, ConnectionStore db, ReviewItem item) {
        List<RecordRef> refs = new ArrayList<>();
        refs.add(item.record());
        refs.addAll(item.candidates());
        return view(item, RecordLabel.all(mapping, db, refs));
    }

    private static ReviewView view(ReviewItem i, Map<RecordRef, RecordLabel> labels) {
        List<RecordLabel> candidates = i.candidates().stream()
                .filter(c -> !c.system().equals(i.record().system()))
                .map(labels::get).toList();
        return new ReviewView(i.id(), labels.get(i.record()), i.flowId(), i.reason(), i.at(), i.origin().code(), candidates);
    }

    /** Links {@code record} with {@code with} (two systems' records); 400 when the engine refuses, naming why. */
    public Decided link(String connection, Decision d) {
        EngineSession session = Connections.session(service, connection);
        RecordRef a = Connections.ref(required(d == null ? null : d.record(), "record"));
        RecordRef b = Connections.ref(required(d.with(), "with"));
        ConnectionStore db = session.store().connection(connection);
        for (RecordRef r : List.of(a, b)) {
            if (db.snapshot(r).isEmpty()) {
                throw ApiException.notFound("tolk has not read " + RecordLabel.text(r));
            }
        }
        try {
            session.engine().link(a, b);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        service.triggerNow(connection);
        return new Decided(connection, "linked", List.of(RecordLabel.text(a), RecordLabel.text(b)), true);
    }

    /**
     * Has the next cycle create the waiting record's partner in the other system rather than link it to a candidate;
     * 400 when the engine refuses (linked already, no flow creates its partners), naming why.
     */
    public Decided create(String connection, Decision d) {
        EngineSession session = Connections.session(service, connection);
        RecordRef r = Connections.ref(required(d == null ? null : d.record(), "record"));
        if (session.store().connection(connection).snapshot(r).isEmpty()) {
            throw ApiException.notFound("tolk has not read " + RecordLabel.text(r));
        }
        try {
            session.engine().createPartner(r);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        service.triggerNow(connection);
        return new Decided(connection, "create its partner", List.of(RecordLabel.text(r)), true);
    }

    /** Separates a linked record from its partners; they all wait in the queue until linked. */
    public Decided unlink(String connection, Decision d) {
        EngineSession session = Connections.session(service, connection);
        RecordRef r = Connections.ref(required(d == null ? null : d.record(), "record"));
        ConnectionStore db = session.store().connection(connection);
        if (db.link(r).isEmpty()) {
            throw ApiException.notFound(RecordLabel.text(r) + " is not linked");
        }
        List<String> refs = db.linksOf(db.link(r).get().entityId()).stream().map(l -> RecordLabel.text(l.ref())).toList();
        session.engine().unlink(r);
        service.triggerNow(connection);
        return new Decided(connection, "unlinked", refs, true);
    }

    private static String required(String value, String name) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest("say which record: {\"" + name + "\": \"system/type/id\"}");
        }
        return value;
    }
}
