package io.tolk.app.web.api;

import io.tolk.api.RecordRef;
import io.tolk.app.service.ServiceControl;
import io.tolk.app.wiring.EngineSession;
import io.tolk.engine.mapping.CanonicalType;
import io.tolk.engine.mapping.FieldBinding;
import io.tolk.engine.mapping.Flow;
import io.tolk.engine.mapping.FlowSide;
import io.tolk.engine.mapping.Mapping;
import io.tolk.engine.mapping.TypeBinding;
import io.tolk.engine.store.Activity;
import io.tolk.engine.store.ActivityKind;
import io.tolk.engine.store.Conflict;
import io.tolk.engine.store.ConnectionStore;
import io.tolk.engine.store.Entity;
import io.tolk.engine.store.Failure;
import io.tolk.engine.store.Link;
import io.tolk.engine.store.MatchHolder;
import io.tolk.engine.store.ReviewItem;
import io.tolk.engine.store.Snapshot;
import io.tolk.engine.values.MatchKeys;
import io.tolk.engine.values.Values;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import java.util.Optional;
import java.util.Set;

/** {@code GET /api/search} and {@code GET /api/connections/{c}/records/{system}/{type}/{id}}: finding and showing one record. */
public final class RecordsApi {

    /** The most hits one search returns, and the history lines one record page shows. */
    static final int MAX_HITS = 50;
    static final int HISTORY_LINES = 200;
    /** How many of the newest conflicts are looked through for one record's. */
    static final int CONFLICTS_LOOKED_AT = 500;

    private static final Set<ActivityKind> WRITES = EnumSet.of(ActivityKind.CREATED, ActivityKind.UPDATED,
            ActivityKind.DELETED, ActivityKind.RETIRED, ActivityKind.RESTORED);

    private final ServiceControl service;

    public RecordsApi(ServiceControl service) {
        this.service = service;
    }

    /**
     * One search result.
     *
     * @param connection the connection that holds it
     * @param record     the record found
     * @param partners   the records it is linked to
     * @param matched    what matched: {@code id}, {@code name} or {@code e-mail}
     */
    public record Hit(String connection, RecordLabel record, List<RecordLabel> partners, String matched) {
    }

    /** The hits of a search, at most {@code limit}; {@code more} when there may be others. */
    public record SearchResult(String query, List<Hit> hits, boolean more) {
    }

    /**
     * Finds records by id (exact, in any type and system, or as {@code system/type/id}), or by the start of an
     * organisation's name, a person's name (first then last, or last then first) or a person's e-mail (case and
     * spacing ignored, accents kept). Every part is an indexed
     * lookup, so a search costs the same on 200 000 records as on 200.
     *
     * @throws ApiException 400 for an empty query
     */
    public SearchResult search(String query, int limit) {
        String q = query == null ? "" : query.strip();
        if (q.isEmpty()) {
            throw ApiException.badRequest("say what to search for: ?q= a name, an e-mail address or an id");
        }
        int max = Math.max(1, Math.min(limit, MAX_HITS));
        List<Hit> hits = new ArrayList<>();
        boolean more = false;
        for (String connection : service.connections()) {
            EngineSession session = service.session(connection);
            ConnectionStore db = session.store().connection(connection);
            Mapping mapping = session.mapping();
            Map<RecordRef, String> found = new LinkedHashMap<>();
            List<RecordRef> byId = new ArrayList<>();
            if (q.split("/", -1).length == 3) {
                try {
                    byId.add(io.tolk.engine.SyncEngine.parseRef(q));
                } catch (IllegalArgumentException e) {
                    // not a reference: searched as a name below
                }
            }
            for (String system : mapping.systems()) {
                for (String type : mapping.boundTypes(system)) {
                    byId.add(new RecordRef(system, type, q));
                }
            }
            db.hashes(byId).keySet().forEach(r -> found.put(r, "id"));
            for (CanonicalType ct : canonicalTypes(mapping)) {
                if (ct == CanonicalType.ORGANIZATION) {
                    holders(db, ct, MatchKeys.organizationName(q), max, found, "name");
                } else {
                    holders(db, ct, MatchKeys.personNamePrefix(q), max, found, "name");
                    holders(db, ct, MatchKeys.email(q), max, found, "e-mail");
                }
            }
            if (found.size() > max) {
                more = true;
            }
            List<RecordRef> refs = found.keySet().stream().limit(max).toList();
            Map<RecordRef, List<RecordRef>> partners = new LinkedHashMap<>();
            Set<RecordRef> all = new LinkedHashSet<>(refs);
            Map<RecordRef, Link> links = db.links(refs);
            Map<String, List<Link>> members = db.linksOf(links.values().stream().map(Link::entityId).distinct().toList());
            for (RecordRef r : refs) {
                Link l = links.get(r);
                List<RecordRef> others = l == null ? List.of() : members.getOrDefault(l.entityId(), List.of()).stream()
                        .map(Link::ref).filter(x -> !x.equals(r)).toList();
                partners.put(r, others);
                all.addAll(others);
            }
            Map<RecordRef, RecordLabel> labels = RecordLabel.all(mapping, db, all);
            for (RecordRef r : refs) {
                hits.add(new Hit(connection, labels.get(r), partners.get(r).stream().map(labels::get).toList(), found.get(r)));
            }
        }
        if (hits.size() > max) {
            more = true;
        }
        return new SearchResult(q, List.copyOf(hits.subList(0, Math.min(max, hits.size()))), more);
    }

    /** The records holding a key that starts with {@code prefix}, found as {@code how}, at most {@code max} + 1. */
    private static void holders(ConnectionStore db, CanonicalType ct, String prefix, int max, Map<RecordRef, String> found,
                                String how) {
        if (prefix == null) {
            return;
        }
        for (MatchHolder h : db.holdersStartingWith(ct.key(), prefix, max + 1)) {
            found.putIfAbsent(h.ref(), how);
        }
    }

    private static Set<CanonicalType> canonicalTypes(Mapping mapping) {
        Set<CanonicalType> out = EnumSet.noneOf(CanonicalType.class);
        mapping.bindings().forEach(b -> out.add(b.canonicalType()));
        return out;
    }

    // ------------------------------------------------------------------------------------------------ one record

    /**
     * One record with its partners: their values side by side, what tolk knows of them, and their history.
     *
     * @param connection the connection
     * @param record     the record asked for
     * @param flow       the flow it syncs in, or {@code null}
     * @param entityId   the entity it belongs to, or {@code null} when not linked
     * @param sides      the record and its partners, the record first
     * @param rows       per canonical property of the flow: each side's field and value, and whether they agree
     * @param failures   the failures of any of the sides
     * @param review     the record's review item, or {@code null}
     * @param conflicts  conflicts decided for the entity (newest first)
     * @param history    both sides' history, newest first
     */
    public record RecordView(String connection, RecordLabel record, String flow, String entityId, List<Side> sides,
                             List<Row> rows, List<FailuresApi.FailureView> failures, ReviewApi.ReviewView review,
                             List<ConflictsApi.ConflictView> conflicts, List<HistoryLine> history) {
    }

    /**
     * One record as tolk last read it.
     *
     * @param modifiedAt its modification instant as its system reported it
     * @param modifiedBy who changed it last, where the system says so (Zoho's {@code Modified_By}), else {@code null}
     * @param linkState  {@code active}, {@code deleted in source}, … or {@code null} when not linked
     * @param fields     every field tolk read, raw
     */
    public record Side(RecordLabel record, Instant modifiedAt, String modifiedBy, String linkState,
                       Map<String, String> fields) {
    }

    /** One property; {@code same} is false when the sides' values differ (compared as tolk compares them). */
    public record Row(String property, List<Cell> cells, boolean same) {
    }

    /** One side's field of a property and its value ({@code null}: empty). */
    public record Cell(String ref, String system, String field, String value) {
    }

    /**
     * One line of history.
     *
     * @param record the record it is about
     * @param action what happened: {@code updated}, {@code created}, {@code linked}, …
     * @param detail the fields and values, or the reason
     * @param byTolk whether tolk wrote this to the record
     * @param from   for a write by tolk: the system whose change it carried (the other side), else {@code null}
     */
    public record HistoryLine(Instant at, RecordLabel record, String action, String detail, boolean byTolk, String from) {
    }

    public RecordView record(String connection, RecordRef ref) {
        EngineSession session = Connections.session(service, connection);
        ConnectionStore db = session.store().connection(connection);
        Mapping mapping = session.mapping();
        Optional<Snapshot> own = db.snapshot(ref);
        Optional<Link> link = db.link(ref);
        if (own.isEmpty() && link.isEmpty()) {
            throw ApiException.notFound("tolk has not read " + RecordLabel.text(ref) + " in connection '" + connection
                    + "'; check the id, or wait for the next cycle");
        }
        List<Link> members = link.map(l -> db.linksOf(l.entityId())).orElse(List.of());
        Optional<Entity> entity = link.flatMap(l -> db.entity(l.entityId()));
        List<RecordRef> refs = new ArrayList<>();
        refs.add(ref);
        members.stream().map(Link::ref).filter(r -> !r.equals(ref)).forEach(refs::add);
        Map<RecordRef, Snapshot> snapshots = db.snapshots(refs);
        Map<RecordRef, RecordLabel> labels = RecordLabel.all(mapping, db, refs);
        Map<RecordRef, Link> linkOf = new LinkedHashMap<>();
        members.forEach(l -> linkOf.put(l.ref(), l));

        Flow flow = entity.map(e -> mapping.flow(e.flowId())).orElseGet(() -> {
            List<Flow> flows = mapping.flowsFor(ref.system(), ref.type());
            return flows.isEmpty() ? null : flows.get(0);
        });
        List<Side> sides = new ArrayList<>();
        for (RecordRef r : refs) {
            Snapshot s = snapshots.get(r);
            Link l = linkOf.get(r);
            sides.add(new Side(labels.get(r), s == null ? null : s.modifiedAt(), s == null ? null : modifiedBy(s.fields()),
                    l == null ? null : l.state().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '),
                    s == null ? Map.of() : s.fields()));
        }
        List<Row> rows = flow == null ? List.of() : rows(mapping, flow, refs, snapshots);

        List<FailuresApi.FailureView> failures = db.failuresOf(refs).stream()
                .map(f -> FailuresApi.FailureView.of(f, labels.get(f.record()))).toList();
        ReviewApi.ReviewView review = db.review(ref).map(item -> ReviewApi.view(mapping, db, item)).orElse(null);
        List<ConflictsApi.ConflictView> conflicts = entity.map(e -> db.conflicts(CONFLICTS_LOOKED_AT).stream()
                .filter(c -> c.entityId().equals(e.id()))
                .map(c -> ConflictsApi.ConflictView.of(c, refs.stream().map(labels::get).toList())).toList())
                .orElse(List.of());

        List<HistoryLine> history = new ArrayList<>();
        List<Activity> lines;
        try {
            lines = session.engine().historyWithPartner(ref, HISTORY_LINES);
        } catch (IllegalArgumentException e) {
            lines = List.of();
        }
        for (Activity a : lines) {
            boolean byTolk = WRITES.contains(a.kind());
            String from = null;
            if (byTolk && flow != null) {
                from = flow.systems().stream().filter(s -> !s.equals(a.record().system())).findFirst()
                        .map(mapping::displayName).orElse(null);
            }
            RecordLabel label = labels.getOrDefault(a.record(), RecordLabel.of(mapping, a.record(), null));
            history.add(new HistoryLine(a.at(), label, a.action(), a.detail(), byTolk, from));
        }
        return new RecordView(connection, labels.get(ref), flow == null ? null : flow.id(),
                link.map(Link::entityId).orElse(null), sides, rows, failures, review, conflicts, history);
    }

    private static List<Row> rows(Mapping mapping, Flow flow, List<RecordRef> refs, Map<RecordRef, Snapshot> snapshots) {
        List<Row> rows = new ArrayList<>();
        for (String property : flow.properties()) {
            List<Cell> cells = new ArrayList<>();
            for (RecordRef r : refs) {
                FlowSide side = flow.hasSide(r.system()) ? flow.side(r.system()) : null;
                TypeBinding b = side == null ? null : side.binding();
                FieldBinding f = b == null ? null : b.primaryOf(property);
                if (f == null) {
                    continue;
                }
                Snapshot s = snapshots.get(r);
                cells.add(new Cell(RecordLabel.text(r), r.system(), f.field(), s == null ? null : s.fields().get(f.field())));
            }
            boolean same = true;
            if (cells.size() > 1) {
                var kind = mapping.model().kind(property);
                for (Cell c : cells.subList(1, cells.size())) {
                    same &= Values.same(kind, cells.get(0).value(), c.value());
                }
            }
            rows.add(new Row(property, cells, same));
        }
        return rows;
    }

    /** Zoho's {@code Modified_By} where the snapshot has it: the user's name (or id). */
    static String modifiedBy(Map<String, String> fields) {
        for (String key : List.of("Modified_By.name", "Modified_By", "Modified_By.email", "Modified_By.id")) {
            String v = fields.get(key);
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

}
