package io.tolk.app.wiring;

import io.tolk.api.ConnectorException;
import io.tolk.api.ErrorKind;
import io.tolk.api.FieldRule;
import io.tolk.app.config.ConnectionConfig;
import io.tolk.app.config.DidYouMean;
import io.tolk.app.config.FlowConfig;
import io.tolk.engine.mapping.Flow;
import io.tolk.engine.mapping.Mapping;
import io.tolk.engine.mapping.MappingException;
import io.tolk.engine.mapping.RecordFilter;
import io.tolk.poweroffice.PowerOfficeProperties;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static io.tolk.app.wiring.BuiltInMapping.POWEROFFICE;
import static io.tolk.app.wiring.BuiltInMapping.ZOHO;

/**
 * The field names tolk.yaml writes itself (a flow's {@code filter}, the fields of its {@code add} pairs), checked
 * against what each system has, so that a misspelt one is a mistake in the file, named with its key and line (exit
 * 2), instead of a 400 from the system in the middle of a run. PowerOffice's names are checked against the property
 * list its connector holds, before anything is opened; Zoho's against the org's field metadata, once it has been
 * read and before any record is.
 */
public final class ConfiguredFields {

    /** A field name the file gives for one record type, with where it is written. */
    record Named(String type, String field, String key, int line) {
    }

    private ConfiguredFields() {
    }

    /**
     * Checks the PowerOffice properties of every flow's filter and added pairs.
     *
     * @throws MappingException naming the key and line of the first unknown one
     */
    static void checkPowerOffice(ConnectionConfig connection, Mapping mapping) {
        for (FlowConfig f : connection.flows()) {
            Flow flow = mapping.flow(f.flow());
            if (flow == null || !flow.hasSide(POWEROFFICE)) {
                continue;
            }
            String type = flow.side(POWEROFFICE).type();
            Set<String> known = PowerOfficeProperties.ofType(type);
            if (known.isEmpty()) {
                continue;
            }
            String key = "flows." + f.flow();
            if (f.filter() != null) {
                for (String field : RecordFilter.parse(f.filter()).fields()) {
                    requireKnown(known, type, field, key + ".filter", f.filterLine(), "filter on");
                }
            }
            for (int i = 0; i < f.added().size(); i++) {
                FlowConfig.AddedPair a = f.added().get(i);
                requireKnown(known, type, a.poField(), key + ".add[" + i + "].poweroffice", a.poLine(), "bind");
            }
        }
    }

    private static void requireKnown(Set<String> known, String type, String field, String key, int line, String verb) {
        if (!known.contains(field)) {
            throw new MappingException(key, line, "PowerOffice " + type + " records have no property " + field
                    + suggestion(field, known) + "; tolk can only " + verb + " a property PowerOffice returns (e.g. Name,"
                    + " IsArchived, MailAddress.City)");
        }
    }

    /** The Zoho fields the file names, by the Zoho type of their flow. */
    static List<Named> zohoFields(ConnectionConfig connection, Mapping mapping) {
        List<Named> out = new ArrayList<>();
        for (FlowConfig f : connection.flows()) {
            Flow flow = mapping.flow(f.flow());
            if (flow == null || !flow.hasSide(ZOHO)) {
                continue;
            }
            for (int i = 0; i < f.added().size(); i++) {
                FlowConfig.AddedPair a = f.added().get(i);
                out.add(new Named(flow.side(ZOHO).type(), a.zohoField(), "flows." + f.flow() + ".add[" + i + "].zoho",
                        a.zohoLine()));
            }
        }
        return List.copyOf(out);
    }

    /**
     * Checks {@code named} against the field metadata {@code rules} gives per type (a lookup field {@code X} is there
     * as {@code X.id}, and may be named either way).
     *
     * @throws MappingException naming the key and line of the first field the metadata does not list
     * @throws ConnectorException ({@link ErrorKind#UNAVAILABLE}) when the metadata cannot be read: the fields cannot be
     *                            checked, and reading with them would fail
     */
    static void checkZoho(List<Named> named, Function<String, Map<String, FieldRule>> rules) {
        for (Named n : named) {
            Map<String, FieldRule> fields;
            try {
                fields = rules.apply(n.type());
            } catch (ConnectorException e) {
                throw new ConnectorException(ErrorKind.UNAVAILABLE, e.system(), "the field metadata of " + n.type()
                        + " could not be read, so " + n.key() + " (" + n.field() + ") cannot be checked: "
                        + e.getMessage(), e);
            }
            if (fields.isEmpty() || fields.containsKey(n.field()) || fields.containsKey(n.field() + ".id")) {
                continue;
            }
            throw new MappingException(n.key(), n.line(), "Zoho " + n.type() + " has no field " + n.field()
                    + suggestion(n.field(), fields.keySet()) + "; write the field's API name as Zoho's settings show it");
        }
    }

    /**
     * For {@code tolk doctor}: checks the Zoho fields the connection's file names against {@code zoho}'s metadata
     * (nothing to do, and no call, when it names none).
     *
     * @return how many fields were checked
     * @throws MappingException naming the key and line of a field Zoho does not have
     * @throws ConnectorException when the metadata cannot be read
     */
    public static int checkZohoFields(ConnectionConfig connection, Mapping mapping, io.tolk.api.Connector zoho) {
        List<Named> named = zohoFields(connection, mapping);
        if (!named.isEmpty()) {
            checkZoho(named, zoho::fieldRules);
        }
        return named.size();
    }

    private static String suggestion(String typed, java.util.Collection<String> known) {
        return DidYouMean.closest(typed, known).map(k -> " (did you mean " + k + "?)").orElse("");
    }
}
