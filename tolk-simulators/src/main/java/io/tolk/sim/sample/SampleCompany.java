package io.tolk.sim.sample;

/** An organisation. The organisation number is a valid Norwegian one (9 digits, mod-11 check digit) and unique in the world. */
public record SampleCompany(String name, String organizationNumber, String phone, String website, String email,
                            SampleAddress address, Presence presence) {

  /**
   * The company as Zoho holds it. For most records this is the record itself; a few BOTH records differ slightly
   * (another phone number, or the country written "Norway"), deterministically, so first-sync matching has work to do.
   */
  public SampleCompany zohoCopy() {
    if (presence != Presence.BOTH) {
      return this;
    }
    int h = Math.floorMod(organizationNumber.hashCode(), 40);
    if (h == 0) {
      return new SampleCompany(name, organizationNumber, SampleWorld.otherPhone(phone), website, email, address, presence);
    }
    if (h == 1 && address != null) {
      return new SampleCompany(name, organizationNumber, phone, website, email,
          new SampleAddress(address.line1(), address.city(), address.zipCode(), SampleWorld.countryName(address.countryCode())),
          presence);
    }
    return this;
  }
}
