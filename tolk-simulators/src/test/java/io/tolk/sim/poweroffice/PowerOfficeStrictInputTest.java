package io.tolk.sim.poweroffice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Parameters and values that look present but say nothing are refused, not quietly taken as "everything". */
class PowerOfficeStrictInputTest extends PoTestBase {

  @Test
  void fieldsThatNameNoPropertyIsAnInvalidResourceParameter() {
    start();
    po.createCompany("Fjord AS");
    for (String fields : new String[] {",,", ",", "%20,%20"}) {
      JsonNode p = problem(po.get("/Customers?Fields=" + fields), 400);
      assertThat(p.get("title").asText()).isEqualTo("Invalid resourceParameter");
      assertThat(p.get("detail").asText()).contains("Fields");
    }
    assertThat(PoClient.json(po.get("/Customers?Fields=Id,Name")).get(0).size()).isEqualTo(2);
  }

  @Test
  void contactGroupIdsMayNotHoldNull() {
    start();
    JsonNode posted = problem(po.post("/Customers", "{\"Name\":\"A\",\"ContactGroupIds\":[1,null]}"), 400);
    assertThat(posted.get("detail").asText()).contains("ContactGroupIds[1]");
    assertThat(posted.get("errors").fieldNames().next()).contains("ContactGroupIds[1]");
    long id = po.createCompany("Fjord AS").get("Id").asLong();
    problem(po.patch("/Customers/" + id, "[{\"op\":\"replace\",\"path\":\"/ContactGroupIds\",\"value\":[null]}]"), 400);
    problem(po.patch("/Customers/" + id, "[{\"op\":\"add\",\"path\":\"/ContactGroupIds/-\",\"value\":null}]"), 400);
    assertThat(PoClient.json(po.get("/Customers/" + id)).get("ContactGroupIds").isNull()).as("nothing stored").isTrue();
  }
}
