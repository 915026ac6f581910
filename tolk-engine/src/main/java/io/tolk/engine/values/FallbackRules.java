package io.tolk.engine.values;

import io.tolk.api.FieldRule;

import java.util.Map;

/**
 * The field rules tolk checks against when a system's own rules cannot be read (e.g. Zoho's field metadata call
 * fails): only what every org has, the system-mandatory fields (Zoho Accounts.Account_Name, Contacts.Last_Name).
 * Lengths are then not checked before sending; the system itself refuses a value that is too long, as a per-record
 * failure naming the field.
 */
public final class FallbackRules {

    private FallbackRules() {
    }

    /** The built-in rules of one system's record type; empty where none are known. */
    public static Map<String, FieldRule> of(String system, String recordType) {
        if (!"zoho".equals(system)) {
            return Map.of();
        }
        return switch (recordType) {
            case "Accounts" -> Map.of("Account_Name", new FieldRule("Account_Name", 0, true, "text"));
            case "Contacts" -> Map.of("Last_Name", new FieldRule("Last_Name", 0, true, "text"));
            default -> Map.of();
        };
    }

    /** What the built-in rules check, for a warning. */
    public static String describe(String system, String recordType) {
        Map<String, FieldRule> rules = of(system, recordType);
        return rules.isEmpty() ? "no field checks" : "only the mandatory " + String.join(", ", rules.keySet());
    }
}
