package io.tolk.sim.sample;

/** A private person (a person customer in PowerOffice, a Contact in Zoho). */
public record SamplePerson(String firstName, String lastName, String email, String phone, SampleAddress address,
                           Presence presence) {

  /** The person as Zoho holds it: a few BOTH records have another phone number (deterministic). */
  public SamplePerson zohoCopy() {
    if (presence != Presence.BOTH) {
      return this;
    }
    int h = Math.floorMod((firstName + "|" + lastName + "|" + phone).hashCode(), 40);
    if (h == 0) {
      return new SamplePerson(firstName, lastName, email, SampleWorld.otherPhone(phone), address, presence);
    }
    return this;
  }
}
