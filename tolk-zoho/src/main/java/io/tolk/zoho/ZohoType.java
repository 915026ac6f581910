package io.tolk.zoho;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The Zoho CRM modules this connector serves, with what the connector must know of each beyond the field metadata:
 * the system-mandatory fields, the lookup fields (exposed as {@code Field.id} and {@code Field.name}) and the fields
 * that identify a record a person created (used to find the outcome of a create whose answer was lost).
 */
public enum ZohoType {
    ACCOUNTS("Accounts", List.of("Account_Name"), Set.of("Parent_Account", "Owner")),
    CONTACTS("Contacts", List.of("Last_Name"), Set.of("Account_Name", "Owner"));

    private final String module;
    private final List<String> systemMandatory;
    private final Set<String> lookups;

    ZohoType(String module, List<String> systemMandatory, Set<String> lookups) {
        this.module = module;
        this.systemMandatory = systemMandatory;
        this.lookups = lookups;
    }

    /** The module API name and record type name: {@code Accounts}, {@code Contacts}. */
    public String module() {
        return module;
    }

    /** Fields Zoho refuses a create without, whatever the layout says. */
    public List<String> systemMandatory() {
        return systemMandatory;
    }

    /** Whether {@code apiName} is a lookup ({@code {"id":…,"name":…}}) in this module. */
    public boolean isLookup(String apiName) {
        return lookups.contains(apiName);
    }

    /**
     * The match keys of a create, in order of preference, that must all be present to use them: Accounts by
     * {@code Account_Name}; Contacts by {@code Email}, else {@code Last_Name} plus {@code First_Name}.
     */
    public List<List<String>> matchKeys() {
        return this == ACCOUNTS
                ? List.of(List.of("Account_Name"))
                : List.of(List.of("Email"), List.of("Last_Name", "First_Name"));
    }

    /** The type for a record type name; {@link IllegalArgumentException} naming the known ones otherwise. */
    public static ZohoType of(String type) {
        for (ZohoType t : values()) {
            if (t.module.equals(type)) {
                return t;
            }
        }
        throw new IllegalArgumentException("zoho: unknown record type '" + type + "' (known: Accounts, Contacts)");
    }

    @Override
    public String toString() {
        return module;
    }

    String lower() {
        return module.toLowerCase(Locale.ROOT);
    }
}
