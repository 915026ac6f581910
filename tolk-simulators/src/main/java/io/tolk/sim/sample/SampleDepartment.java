package io.tolk.sim.sample;

/** A department; departments live in PowerOffice. BOTH = an Account named the same exists in Zoho. Never ZOHO_ONLY. */
public record SampleDepartment(String code, String name, Presence presence) {
}
