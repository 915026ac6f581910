package io.tolk.sim.zoho;

import java.util.Optional;

/** The Zoho CRM modules the simulator serves, with the module-level rules the validator and upsert need. */
public enum ZohoModule {
  ACCOUNTS("Accounts", "Account", "Account_Name", "Account_Name"),
  CONTACTS("Contacts", "Contact", "Last_Name", "Email");

  private final String apiName;
  private final String singular;
  private final String mandatoryField;
  private final String systemDuplicateCheckField;

  ZohoModule(String apiName, String singular, String mandatoryField, String systemDuplicateCheckField) {
    this.apiName = apiName;
    this.singular = singular;
    this.mandatoryField = mandatoryField;
    this.systemDuplicateCheckField = systemDuplicateCheckField;
  }

  /** The module's API name as it appears in URLs, e.g. "Accounts". */
  public String apiName() { return apiName; }

  public String singularLabel() { return singular; }

  /** The system-defined mandatory field (Accounts: Account_Name; Contacts: Last_Name). */
  public String mandatoryField() { return mandatoryField; }

  /** The system-defined duplicate-check field used by upsert (Accounts: Account_Name; Contacts: Email). */
  public String systemDuplicateCheckField() { return systemDuplicateCheckField; }

  /** Finds a module by its API name; Zoho treats module names case-insensitively. */
  public static Optional<ZohoModule> byApiName(String name) {
    for (ZohoModule m : values()) {
      if (m.apiName.equalsIgnoreCase(name)) return Optional.of(m);
    }
    return Optional.empty();
  }
}
