package io.tolk.app.web.api;

import io.tolk.api.RecordRef;
import io.tolk.api.SystemSpoke;
import io.tolk.engine.mapping.Mapping;
import io.tolk.engine.store.Snapshot;

/**
 * A record as the API names it: its reference ({@code system/type/id}), the words a person uses for its system and
 * type, and its name where tolk has read it.
 *
 * @param ref        {@code system/type/id}, e.g. {@code zoho/Accounts/5000001}
 * @param system     the system, e.g. {@code zoho}
 * @param systemName e.g. {@code Zoho}
 * @param type       the record type, e.g. {@code Accounts}
 * @param typeName   e.g. {@code Account}
 * @param id         the system's id
 * @param name       the organisation's or person's name, or {@code null} when tolk has not read the record
 */
public record RecordLabel(String ref, String system, String systemName, String type, String typeName, String id,
                          String name) {

    static RecordLabel of(Mapping mapping, RecordRef ref, Snapshot snapshot) {
        SystemSpoke.TypeSpoke spoke = mapping.typeSpoke(ref.system(), ref.type());
        return new RecordLabel(text(ref), ref.system(), mapping.displayName(ref.system()), ref.type(),
                spoke == null ? ref.type() : spoke.displayName(), ref.id(), RecordNames.of(mapping, snapshot));
    }

    /** Labels for many records, their names read from the store in one bulk read. */
    static java.util.Map<RecordRef, RecordLabel> all(Mapping mapping, io.tolk.engine.store.ConnectionStore db,
                                                     java.util.Collection<RecordRef> refs) {
        java.util.Map<RecordRef, Snapshot> snapshots = db.snapshots(new java.util.LinkedHashSet<>(refs));
        java.util.Map<RecordRef, RecordLabel> out = new java.util.LinkedHashMap<>();
        for (RecordRef r : refs) {
            out.put(r, of(mapping, r, snapshots.get(r)));
        }
        return out;
    }

    static String text(RecordRef ref) {
        return ref.system() + "/" + ref.type() + "/" + ref.id();
    }
}
