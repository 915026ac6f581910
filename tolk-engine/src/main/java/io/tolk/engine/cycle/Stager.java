package io.tolk.engine.cycle;

import io.tolk.api.RecordRef;
import io.tolk.api.SourceRecord;
import io.tolk.engine.KillPoint;
import io.tolk.engine.identity.MatchKeyer;
import io.tolk.engine.mapping.CanonicalType;
import io.tolk.engine.store.Activity;
import io.tolk.engine.store.ActivityKind;
import io.tolk.engine.store.ChangeSet;
import io.tolk.engine.store.Link;
import io.tolk.engine.store.LinkState;
import io.tolk.engine.store.Snapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Stages records as read, one page per store transaction: a record whose content hash differs from the stored one is
 * stored dirty with its match keys; an unchanged record is left alone (an idle cycle writes nothing). A record that
 * comes back after it was deleted in its source (the same id) is linked again.
 */
final class Stager {

    private final CycleContext ctx;
    private final MatchKeyer keyer;

    Stager(CycleContext ctx) {
        this.ctx = ctx;
        this.keyer = ctx.keyer();
    }

    /**
     * What staging one page did.
     *
     * @param delivered records in the page
     * @param fresh     of those, records the store had no snapshot of
     * @param changed   of those, records staged (new or changed)
     */
    record Staged(int delivered, int fresh, int changed, Findings findings) {
    }

    Staged stage(List<SourceRecord> page) {
        List<RecordRef> refs = new ArrayList<>(page.size());
        page.forEach(r -> refs.add(r.ref()));
        Map<RecordRef, String> stored = ctx.store().hashes(refs);
        ChangeSet.Builder changes = ChangeSet.builder();
        List<SourceRecord> changed = new ArrayList<>();
        int fresh = 0;
        for (SourceRecord r : page) {
            String old = stored.get(r.ref());
            if (old == null) {
                fresh++;
            }
            String hash = RecordHash.of(r);
            if (!hash.equals(old)) {
                changes.snapshot(new Snapshot(r.ref(), hash, r.fields(), r.modifiedAt(), r.fieldModifiedAt(), false));
                CanonicalType ct = keyer.canonicalType(r.ref().system(), r.ref().type());
                if (ct != null) {
                    changes.matchKeys(r.ref(), ct.key(), keyer.indexKeys(r.ref().system(), r.ref().type(), r.fields()));
                }
                changed.add(r);
            }
        }
        Findings findings = new Findings();
        if (!changed.isEmpty()) {
            Map<RecordRef, Link> links = ctx.store().links(changed.stream().map(SourceRecord::ref).toList());
            for (Link link : links.values()) {
                if (link.state() == LinkState.DELETED_IN_SOURCE) {
                    changes.link(link.withState(LinkState.ACTIVE));
                    changes.activity(new Activity(link.ref(), ctx.now(), ActivityKind.RESTORED, "the record is back; linked again"));
                    findings.change(new Change(ChangeKind.RESTORED, flowOf(link), link.ref(), link.ref().system(),
                            link.ref().type(), null, List.of(), "the record is back (same id) and linked again"));
                }
            }
            ctx.store().apply(changes.build());
            KillPoint.PAGE_STAGED.reach();
        }
        return new Staged(page.size(), fresh, changed.size(), findings);
    }

    private String flowOf(Link link) {
        return ctx.store().entity(link.entityId()).map(e -> e.flowId()).orElse(null);
    }
}
