package io.tolk.engine.values;

import io.tolk.api.FieldRule;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks outgoing values against a system's field rules before sending them (rule 6): too long, a mandatory value
 * missing on create or emptied on update, and a PowerOffice address without City or ZipCode on create. A record with
 * violations is a per-record failure and is not sent.
 */
public final class FieldChecks {

    static final String PO_CITY = "MailAddress.City";
    static final String PO_ZIP = "MailAddress.ZipCode";
    private static final String PO_ADDRESS_PREFIX = "MailAddress.";

    private FieldChecks() {
    }

    /**
     * @param system     {@code "poweroffice"} or {@code "zoho"}
     * @param recordType the record type, e.g. {@code Accounts}
     * @param outgoing   field path → value to send ({@code null} empties the field); for a create, the whole record
     * @param rules      field path → the system's rule; fields without a rule are not checked
     * @param create     whether this is a create (mandatory fields must then be present)
     * @return the violations, in field order; empty when the values may be sent
     */
    public static List<Violation> check(String system, String recordType, Map<String, String> outgoing,
                                        Map<String, FieldRule> rules, boolean create) {
        String who = displayName(system);
        List<Violation> out = new ArrayList<>();
        for (Map.Entry<String, String> e : outgoing.entrySet()) {
            FieldRule rule = rules.get(e.getKey());
            String value = e.getValue();
            if (rule == null || value == null) {
                continue;
            }
            int length = value.codePointCount(0, value.length());
            if (rule.maxLength() > 0 && length > rule.maxLength()) {
                out.add(new Violation(system, recordType, e.getKey(), who + " " + recordType + "." + e.getKey() + " is "
                        + length + " characters; " + who + " accepts at most " + rule.maxLength()));
            }
        }
        for (FieldRule rule : rules.values()) {
            if (!rule.mandatory()) {
                continue;
            }
            boolean sent = outgoing.containsKey(rule.field());
            if (blank(outgoing.get(rule.field())) && (create || sent)) {
                out.add(new Violation(system, recordType, rule.field(), who + " " + recordType + "." + rule.field()
                        + " is mandatory and empty; " + who + (create ? " refuses to create the record without it"
                        : " does not let it be emptied")));
            }
        }
        if ("poweroffice".equals(system) && create) {
            checkPowerOfficeAddress(system, recordType, outgoing, out);
        }
        return out;
    }

    private static void checkPowerOfficeAddress(String system, String recordType, Map<String, String> outgoing, List<Violation> out) {
        boolean hasAddress = outgoing.entrySet().stream()
                .anyMatch(e -> e.getKey().startsWith(PO_ADDRESS_PREFIX) && !blank(e.getValue()));
        if (!hasAddress) {
            return;
        }
        for (String needed : List.of(PO_CITY, PO_ZIP)) {
            if (blank(outgoing.get(needed)) && out.stream().noneMatch(v -> v.field().equals(needed))) {
                out.add(new Violation(system, recordType, needed, "PowerOffice " + recordType + "." + needed
                        + " is empty; PowerOffice refuses to create an address without both City and ZipCode"));
            }
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** {@code zoho} → {@code Zoho}, {@code poweroffice} → {@code PowerOffice}. */
    static String displayName(String system) {
        return switch (system) {
            case "zoho" -> "Zoho";
            case "poweroffice" -> "PowerOffice";
            default -> system;
        };
    }
}
