package io.tolk.sim.sample;

/** Where a sample entity exists. BOTH = the same real-world entity exists in both systems (a match on first sync). */
public enum Presence {
  POWEROFFICE_ONLY, ZOHO_ONLY, BOTH;

  /** True when PowerOffice holds the entity. */
  public boolean inPowerOffice() {
    return this != ZOHO_ONLY;
  }

  /** True when Zoho holds the entity. */
  public boolean inZoho() {
    return this != POWEROFFICE_ONLY;
  }
}
