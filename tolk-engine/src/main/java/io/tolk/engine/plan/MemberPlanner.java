package io.tolk.engine.plan;

import io.tolk.engine.mapping.CanonicalModel;
import io.tolk.engine.mapping.FieldBinding;
import io.tolk.engine.mapping.Flow;
import io.tolk.engine.mapping.TypeBinding;
import io.tolk.engine.mapping.ValueKind;
import io.tolk.engine.values.CountryFormat;
import io.tolk.engine.values.Values;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns the merged canonical values into one member's write: the desired system fields against what the member
 * holds → the fields to change (fan-out sets every bound field of a property; rule 1), or every bound field for a
 * create. A value tolk already wrote and the system gave back in its own form is not written again (rule 7).
 */
public final class MemberPlanner {

    private final CanonicalModel model;
    private final Function<String, CountryFormat> countryFormats;

    /** @param countryFormats per system, how countries are written there */
    public MemberPlanner(CanonicalModel model, Function<String, CountryFormat> countryFormats) {
        this.model = model;
        this.countryFormats = countryFormats;
    }

    /** The fields to send to create the member on {@code side} (empty values left out). */
    public Map<String, String> create(Flow flow, TypeBinding side, Map<String, String> desired) {
        Map<String, String> out = new LinkedHashMap<>();
        for (FieldBinding b : side.fields()) {
            if (!desired.containsKey(b.property())) {
                continue;
            }
            String value = Values.toSystem(model.kind(b.property()), desired.get(b.property()),
                    countryFormats.apply(side.system()));
            if (value != null) {
                out.put(b.field(), value);
            }
        }
        return out;
    }

    /**
     * The fields to change in an existing member, in binding order; empty when it already agrees.
     *
     * @param current     the member's values now
     * @param lastSeen    its values at the last sync
     * @param lastWritten what tolk last sent it
     */
    public List<FieldChange> update(Flow flow, TypeBinding side, Map<String, String> desired, Map<String, String> current,
                                    Map<String, String> lastSeen, Map<String, String> lastWritten) {
        List<FieldChange> out = new ArrayList<>();
        for (FieldBinding b : side.fields()) {
            String property = b.property();
            if (!desired.containsKey(property) || !flow.writesInto(property, side.system(), b.field())) {
                continue;
            }
            ValueKind kind = model.kind(property);
            String value = Values.toSystem(kind, desired.get(property), countryFormats.apply(side.system()));
            String now = current.get(b.field());
            if (Values.same(kind, now, value)) {
                continue;
            }
            boolean echo = lastWritten.containsKey(b.field()) && Values.same(kind, lastWritten.get(b.field()), value)
                    && lastSeen.containsKey(b.field()) && Values.same(kind, now, lastSeen.get(b.field()));
            if (!echo) {
                out.add(new FieldChange(b.field(), now, value));
            }
        }
        return out;
    }
}
