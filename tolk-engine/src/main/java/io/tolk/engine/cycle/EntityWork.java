package io.tolk.engine.cycle;

import io.tolk.api.RecordRef;
import io.tolk.api.SourceRecord;
import io.tolk.engine.mapping.Flow;
import io.tolk.engine.merge.MemberView;
import io.tolk.engine.merge.MergeResult;
import io.tolk.engine.plan.FieldChange;
import io.tolk.engine.store.CreateIntent;
import io.tolk.engine.store.Entity;
import io.tolk.engine.store.Link;
import io.tolk.engine.store.Snapshot;

import java.util.List;
import java.util.Map;

/** The work of one cycle on one entity: its members as read, the merge, the planned writes and their outcomes. */
final class EntityWork {

    /** One record of the entity. */
    static final class Member {
        final Link link;
        final Snapshot snapshot;
        final MemberView view;
        /** The link with echo adoption applied; what is stored when nothing is written. */
        final Link reading;
        List<FieldChange> update = List.of();
        Map<String, String> sent = Map.of();
        boolean blocked;
        boolean written;
        boolean writeFailed;
        SourceRecord readBack;

        Member(Link link, Snapshot snapshot, MemberView view, Link reading) {
            this.link = link;
            this.snapshot = snapshot;
            this.view = view;
            this.reading = reading;
        }

        RecordRef ref() {
            return link.ref();
        }

        String system() {
            return link.ref().system();
        }
    }

    /** A record to create for the entity's single member. */
    static final class Create {
        final String system;
        final String type;
        final Map<String, String> fields;
        final CreateIntent intent;
        Link created;
        SourceRecord readBack;
        boolean unknown;
        boolean failed;

        Create(String system, String type, Map<String, String> fields, CreateIntent intent) {
            this.system = system;
            this.type = type;
            this.fields = fields;
            this.intent = intent;
        }
    }

    Entity entity;
    final boolean isNew;
    final Flow flow;
    Member po;
    Member zoho;
    MergeResult merge;
    Create create;
    /** Set when values could not be merged (rule 6): nothing of the entity is written or committed. */
    boolean problem;
    /** Set when a member no longer passes the flow's filter: its records are marked processed, nothing is written. */
    boolean filteredOut;
    /** Propagated deletion: a PowerOffice archive/deactivate (as an update) or a Zoho delete. */
    Member deleteTarget;
    Map<String, String> archiveFields;
    boolean deleted;

    EntityWork(Entity entity, boolean isNew, Flow flow) {
        this.entity = entity;
        this.isNew = isNew;
        this.flow = flow;
    }

    Member member(String system) {
        return SyncCycle.PO.equals(system) ? po : zoho;
    }

    /** The member on the other side, or {@code null}. */
    Member other(Member m) {
        return m == po ? zoho : po;
    }
}
