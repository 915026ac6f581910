package io.tolk.sim.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SampleWorldTest {

  @Test
  void sameInputGivesTheSameWorld() {
    assertThat(SampleWorld.generate(500, 7)).isEqualTo(SampleWorld.generate(500, 7));
    assertThat(SampleWorld.generate(500, 7)).isNotEqualTo(SampleWorld.generate(500, 8));
  }

  @Test
  void sizeIsTheRequestedNumberOfRecords() {
    SampleWorld w = SampleWorld.generate(1000, 1);
    assertThat(w.companies().size() + w.departments().size() + w.persons().size()).isEqualTo(1000);
    assertThat(SampleWorld.generate(0, 1).companies()).isEmpty();
  }

  @Test
  void everyPresenceOccurs() {
    SampleWorld w = SampleWorld.generate(1000, 1);
    assertThat(w.companies().stream().map(SampleCompany::presence).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder(Presence.values());
    assertThat(w.departments()).noneMatch(d -> d.presence() == Presence.ZOHO_ONLY);
  }

  @Test
  void organisationNumbersAreValidAndUnique() {
    SampleWorld w = SampleWorld.generate(5000, 3);
    Set<String> seen = new HashSet<>();
    for (SampleCompany c : w.companies()) {
      assertThat(c.organizationNumber()).matches("\\d{9}");
      assertThat(seen.add(c.organizationNumber())).isTrue();
      int[] wt = {3, 2, 7, 6, 5, 4, 3, 2};
      int sum = 0;
      for (int i = 0; i < 8; i++) sum += (c.organizationNumber().charAt(i) - '0') * wt[i];
      int check = (11 - sum % 11) % 11;
      assertThat(c.organizationNumber().charAt(8) - '0').isEqualTo(check);
    }
  }

  @Test
  void containsTheDeliberateAmbiguities() {
    SampleWorld w = SampleWorld.generate(200, 42);
    long distinctNames = w.companies().stream().map(c -> c.name().trim().toLowerCase(Locale.ROOT)).distinct().count();
    assertThat(distinctNames).isEqualTo(w.companies().size() - 1);
    Set<String> companyNames = w.companies().stream().map(SampleCompany::name).collect(Collectors.toSet());
    assertThat(w.departments()).anyMatch(d -> companyNames.contains(d.name()));
    long distinctEmails = w.persons().stream().map(SamplePerson::email).distinct().count();
    assertThat(distinctEmails).isEqualTo(w.persons().size() - 1);
  }

  @Test
  void someZohoCopiesDifferSlightly() {
    SampleWorld w = SampleWorld.generate(5000, 42);
    assertThat(w.companies()).anyMatch(c -> !c.zohoCopy().equals(c));
    assertThat(w.companies()).anyMatch(c -> "Norway".equals(c.zohoCopy().address().countryCode()));
    assertThat(w.companies()).filteredOn(c -> c.presence() != Presence.BOTH).allMatch(c -> c.zohoCopy().equals(c));
  }
}
