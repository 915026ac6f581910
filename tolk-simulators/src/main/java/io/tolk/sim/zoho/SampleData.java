package io.tolk.sim.zoho;

import io.tolk.sim.sample.Presence;
import io.tolk.sim.sample.SampleAddress;
import io.tolk.sim.sample.SampleCompany;
import io.tolk.sim.sample.SampleDepartment;
import io.tolk.sim.sample.SamplePerson;
import io.tolk.sim.sample.SampleWorld;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

/**
 * Fills the store from the shared sample world ({@code --records N}): ZOHO_ONLY and BOTH companies become Accounts
 * (their Zoho copies), BOTH departments become Accounts named like the department, persons present in Zoho become
 * Contacts with Mailing_* and Other_* addresses (every fifth with the country written "Norway" instead of "NO").
 * Deterministic: same N, same records, same ids, spread over the 30 days before the given instant. The world comes
 * from {@link SampleWorld#SEED}, as the PowerOffice simulator's does.
 */
public final class SampleData {
  private SampleData() {
  }

  public static int load(RecordStore store, int records, Instant now) {
    return load(store, records, now, SampleWorld.SEED);
  }

  /** As {@link #load(RecordStore, int, Instant)}, from the world of {@code seed} (a tenant's, see SampleWorld#tenantSeed). */
  public static int load(RecordStore store, int records, Instant now, long seed) {
    if (records <= 0) return 0;
    SampleWorld world = SampleWorld.generate(records, seed);
    Instant base = now.truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(30));
    int n = 0;
    int total = world.companies().size() + world.departments().size() + world.persons().size();
    long step = Math.max(1, Duration.ofDays(29).getSeconds() / Math.max(1, total));
    for (SampleCompany c0 : world.companies()) {
      if (!c0.presence().inZoho()) continue;
      SampleCompany c = c0.zohoCopy();
      Map<String, String> v = new HashMap<>();
      put(v, "Account_Name", c.name());
      put(v, "Phone", c.phone());
      put(v, "Website", c.website());
      SampleAddress a = c.address();
      if (a != null) {
        for (String p : new String[] {"Billing_", "Shipping_"}) {
          put(v, p + "Street", a.line1());
          put(v, p + "City", a.city());
          put(v, p + "Code", a.zipCode());
          put(v, p + "Country", a.countryCode());
        }
      }
      add(store, ZohoModule.ACCOUNTS, v, base.plusSeconds(step * n++));
    }
    for (SampleDepartment d : world.departments()) {
      if (d.presence() != Presence.BOTH) continue;
      Map<String, String> v = new HashMap<>();
      put(v, "Account_Name", d.name());
      add(store, ZohoModule.ACCOUNTS, v, base.plusSeconds(step * n++));
    }
    int i = 0;
    for (SamplePerson p0 : world.persons()) {
      if (!p0.presence().inZoho()) continue;
      SamplePerson p = p0.zohoCopy();
      Map<String, String> v = new HashMap<>();
      put(v, "First_Name", p.firstName());
      put(v, "Last_Name", p.lastName());
      put(v, "Email", p.email());
      put(v, "Phone", p.phone());
      SampleAddress a = p.address();
      if (a != null) {
        String country = a.countryCode();
        if (i % 5 == 4 && "NO".equals(country)) country = "Norway";
        for (String pre : new String[] {"Mailing_", "Other_"}) {
          put(v, pre + "Street", a.line1());
          put(v, pre + "City", a.city());
          put(v, pre + "Zip", a.zipCode());
          put(v, pre + "Country", country);
        }
      }
      i++;
      add(store, ZohoModule.CONTACTS, v, base.plusSeconds(step * n++));
    }
    return n;
  }

  private static void put(Map<String, String> v, String k, String value) {
    if (value != null && !value.isBlank()) v.put(k, value);
  }

  private static void add(RecordStore store, ZohoModule m, Map<String, String> v, Instant t) {
    store.put(new StoredRecord(store.newId(), m, v, t, t));
  }
}
