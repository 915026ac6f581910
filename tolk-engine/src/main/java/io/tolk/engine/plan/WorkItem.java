package io.tolk.engine.plan;

import io.tolk.api.RecordRef;
import io.tolk.engine.store.Entity;
import io.tolk.engine.store.Link;
import io.tolk.engine.store.Snapshot;

import java.util.List;
import java.util.Objects;

/**
 * One thing a cycle works on, as the store holds it now: an entity with all its members, or one record that no entity
 * holds (a lone record, to be matched or created).
 *
 * @param entity  the entity, or {@code null} for a lone record
 * @param members the entity's members (every link, deleted ones too), or the lone record alone
 */
public record WorkItem(Entity entity, List<Member> members) {

    /**
     * One record.
     *
     * @param ref      the record
     * @param link     its link, {@code null} for a lone record
     * @param snapshot its staged snapshot, {@code null} when tolk has none (a record it created and not read yet)
     */
    public record Member(RecordRef ref, Link link, Snapshot snapshot) {
        public Member {
            Objects.requireNonNull(ref, "ref");
        }
    }

    public WorkItem {
        members = List.copyOf(members);
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a work item has at least one record");
        }
    }

    public static WorkItem lone(Snapshot snapshot) {
        return new WorkItem(null, List.of(new Member(snapshot.ref(), null, snapshot)));
    }

    public boolean isLone() {
        return entity == null;
    }

    /** The entity's id, or the lone record's ref as text. */
    public String key() {
        return entity != null ? entity.id() : members.get(0).ref().toString();
    }
}
