package io.tolk.sim.poweroffice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tolk.sim.common.SimOptions;
import io.tolk.sim.sample.Presence;
import io.tolk.sim.sample.SampleWorld;
import org.junit.jupiter.api.Test;

/** --records N loads the PowerOffice side of the sample world, the same every time; 0 starts empty. */
class SampleDataTest extends PoTestBase {

  @Test
  void recordsLoadsThePowerOfficeSideOfTheSampleWorld() {
    start(SimOptions.defaults().withNoLimits(true).withRecords(200));
    SampleWorld world = SampleWorld.generate(200, PowerOfficeSimulator.SAMPLE_SEED);
    long companies = world.companies().stream().filter(c -> c.presence() != Presence.ZOHO_ONLY).count();
    long persons = world.persons().stream().filter(p -> p.presence() != Presence.ZOHO_ONLY).count();
    JsonNode customers = PoClient.json(po.get("/Customers"));
    assertThat(customers.size()).isEqualTo((int) (companies + persons));
    assertThat(PoClient.json(po.get("/Departments")).size()).isEqualTo(world.departments().size());
    assertThat(customers.get(0).get("Name").asText()).isEqualTo(world.companies().stream()
        .filter(c -> c.presence() != Presence.ZOHO_ONLY).findFirst().orElseThrow().name());
  }

  @Test
  void sameRecordsGiveTheSameData() {
    start(SimOptions.defaults().withNoLimits(true).withRecords(100));
    String first = po.get("/Customers?Fields=Id,Number,Name,EmailAddress,MailAddress").body();
    sim.close();
    start(SimOptions.defaults().withNoLimits(true).withRecords(100));
    String second = po.get("/Customers?Fields=Id,Number,Name,EmailAddress,MailAddress").body();
    assertThat(second.replaceAll("\"LastChangedDateTimeOffset\":\"[^\"]*\"", ""))
        .isEqualTo(first.replaceAll("\"LastChangedDateTimeOffset\":\"[^\"]*\"", ""));
  }

  @Test
  void zeroRecordsStartsEmpty() {
    start(SimOptions.defaults().withNoLimits(true).withRecords(0));
    assertThat(po.get("/Customers").statusCode()).isEqualTo(204);
    assertThat(po.get("/Departments").statusCode()).isEqualTo(204);
  }
}
