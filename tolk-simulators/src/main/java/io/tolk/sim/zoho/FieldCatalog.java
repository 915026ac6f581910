package io.tolk.sim.zoho;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields of every served module: the one table both the validator and the field-metadata endpoint read.
 * Lengths follow spec §2.6 (Accounts: Zoho's help page; Contacts: Zoho's Leads sample, configurable).
 */
public final class FieldCatalog {
  private final Map<ZohoModule, Map<String, FieldDef>> fields = new EnumMap<>(ZohoModule.class);

  public FieldCatalog(ZohoSettings settings) {
    fields.put(ZohoModule.ACCOUNTS, index(accounts(), settings.customFields().getOrDefault(ZohoModule.ACCOUNTS, List.of()), Map.of()));
    fields.put(ZohoModule.CONTACTS, index(contacts(), settings.customFields().getOrDefault(ZohoModule.CONTACTS, List.of()),
        settings.contactLengths()));
  }

  private static Map<String, FieldDef> index(List<FieldDef> standard, List<FieldDef> custom, Map<String, Integer> lengths) {
    Map<String, FieldDef> map = new LinkedHashMap<>();
    for (FieldDef f : standard) map.put(f.apiName(), f);
    for (FieldDef f : custom) {
      if (map.containsKey(f.apiName()) && !map.get(f.apiName()).custom()) {
        throw new IllegalArgumentException("custom field " + f.apiName() + " clashes with a standard field");
      }
      map.put(f.apiName(), f);
    }
    lengths.forEach((name, len) -> {
      FieldDef f = map.get(name);
      if (f == null) throw new IllegalArgumentException("length override for unknown Contacts field " + name);
      map.put(name, f.withLength(len));
    });
    return Collections.unmodifiableMap(map);
  }

  private static FieldDef sys(String name, FieldType type) {
    return FieldDef.of(name, type, 0).asReadOnly();
  }

  private static List<FieldDef> accounts() {
    List<FieldDef> l = new ArrayList<>();
    l.add(FieldDef.of("Owner", FieldType.OWNERLOOKUP, 0));
    l.add(FieldDef.text("Account_Name", 100).mandatory());
    l.add(FieldDef.of("Phone", FieldType.PHONE, 30));
    l.add(FieldDef.of("Fax", FieldType.PHONE, 30));
    l.add(FieldDef.of("Website", FieldType.WEBSITE, 255));
    l.add(FieldDef.text("Account_Number", 40));
    l.add(FieldDef.lookup("Parent_Account", ZohoModule.ACCOUNTS));
    for (String prefix : List.of("Billing_", "Shipping_")) {
      l.add(FieldDef.text(prefix + "Street", 250));
      l.add(FieldDef.text(prefix + "City", 30));
      l.add(FieldDef.text(prefix + "State", 30));
      l.add(FieldDef.text(prefix + "Code", 30));
      l.add(FieldDef.text(prefix + "Country", 30));
    }
    l.add(FieldDef.of("Description", FieldType.TEXTAREA, 32000));
    l.add(sys("Created_By", FieldType.OWNERLOOKUP));
    l.add(sys("Modified_By", FieldType.OWNERLOOKUP));
    l.add(sys("Created_Time", FieldType.DATETIME));
    l.add(sys("Modified_Time", FieldType.DATETIME));
    return l;
  }

  private static List<FieldDef> contacts() {
    List<FieldDef> l = new ArrayList<>();
    l.add(FieldDef.of("Owner", FieldType.OWNERLOOKUP, 0));
    l.add(FieldDef.text("First_Name", 40));
    l.add(FieldDef.text("Last_Name", 80).mandatory());
    l.add(FieldDef.text("Full_Name", 121).asReadOnly());
    l.add(FieldDef.lookup("Account_Name", ZohoModule.ACCOUNTS));
    l.add(FieldDef.text("Title", 100));
    l.add(FieldDef.of("Email", FieldType.EMAIL, 100));
    l.add(FieldDef.of("Secondary_Email", FieldType.EMAIL, 100));
    l.add(FieldDef.of("Phone", FieldType.PHONE, 30));
    l.add(FieldDef.of("Other_Phone", FieldType.PHONE, 30));
    l.add(FieldDef.of("Mobile", FieldType.PHONE, 30));
    for (String prefix : List.of("Mailing_", "Other_")) {
      l.add(FieldDef.text(prefix + "Street", 250));
      l.add(FieldDef.text(prefix + "City", 100));
      l.add(FieldDef.text(prefix + "State", 100));
      l.add(FieldDef.text(prefix + "Zip", 30));
      l.add(FieldDef.text(prefix + "Country", 100));
    }
    l.add(FieldDef.of("Description", FieldType.TEXTAREA, 32000));
    l.add(sys("Created_By", FieldType.OWNERLOOKUP));
    l.add(sys("Modified_By", FieldType.OWNERLOOKUP));
    l.add(sys("Created_Time", FieldType.DATETIME));
    l.add(sys("Modified_Time", FieldType.DATETIME));
    return l;
  }

  /** All fields of the module, in display order. */
  public List<FieldDef> fields(ZohoModule module) {
    return List.copyOf(fields.get(module).values());
  }

  /** The field, or null if the module has none of that API name (exact, case-sensitive, as Zoho). */
  public FieldDef field(ZohoModule module, String apiName) {
    return fields.get(module).get(apiName);
  }

  /** Fields whose values must be unique (user-defined "Do not allow duplicate values"). */
  public List<FieldDef> uniqueFields(ZohoModule module) {
    return fields.get(module).values().stream().filter(FieldDef::unique).toList();
  }

  /** Fields the store keeps a case-insensitive value index for: the system duplicate-check field and unique fields. */
  public List<String> indexedFields(ZohoModule module) {
    List<String> l = new ArrayList<>();
    l.add(module.systemDuplicateCheckField());
    for (FieldDef f : uniqueFields(module)) if (!l.contains(f.apiName())) l.add(f.apiName());
    return l;
  }
}
