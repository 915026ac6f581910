package io.tolk.engine.values;

import io.tolk.api.FieldRule;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks outgoing values against a system's field rules before sending them (rule 6): too long, or a mandatory value
 * missing on create or emptied on update. A record with violations is a per-record failure and is not sent. Rules the
 * field rules cannot express are the connector's ({@code RecordWriter.precheck}).
 */
public final class FieldChecks {

    private FieldChecks() {
    }

    /**
     * @param system      the system written to
     * @param displayName its name for people, used in the messages
     * @param recordType  the record type
     * @param outgoing    field path → value to send ({@code null} empties the field); for a create, the whole record
     * @param rules       field path → the system's rule; fields without a rule are not checked
     * @param create      whether this is a create (mandatory fields must then be present)
     * @return the violations, in field order; empty when the values may be sent
     */
    public static List<Violation> check(String system, String displayName, String recordType, Map<String, String> outgoing,
                                        Map<String, FieldRule> rules, boolean create) {
        List<Violation> out = new ArrayList<>();
        for (Map.Entry<String, String> e : outgoing.entrySet()) {
            FieldRule rule = rules.get(e.getKey());
            String value = e.getValue();
            if (rule == null || value == null) {
                continue;
            }
            int length = value.codePointCount(0, value.length());
            if (rule.maxLength() > 0 && length > rule.maxLength()) {
                out.add(new Violation(system, recordType, e.getKey(), displayName + " " + recordType + "." + e.getKey()
                        + " is " + length + " characters; " + displayName + " accepts at most " + rule.maxLength()));
            }
        }
        for (FieldRule rule : rules.values()) {
            if (!rule.mandatory()) {
                continue;
            }
            boolean sent = outgoing.containsKey(rule.field());
            if (blank(outgoing.get(rule.field())) && (create || sent)) {
                out.add(new Violation(system, recordType, rule.field(), displayName + " " + recordType + "." + rule.field()
                        + " is mandatory and empty; " + displayName + (create ? " refuses to create the record without it"
                        : " does not let it be emptied")));
            }
        }
        return out;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
