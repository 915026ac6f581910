package io.tolk.sim.zoho;

/** The one CRM user of the simulated org: owner, creator and modifier of every record. */
public record ZohoUser(String id, String name, String email) {
  public static final ZohoUser ADMIN = new ZohoUser("4876876000000000201", "Sim Admin", "admin@tolk-sim.example");
}
