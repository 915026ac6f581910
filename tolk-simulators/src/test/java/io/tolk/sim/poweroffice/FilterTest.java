package io.tolk.sim.poweroffice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tolk.sim.common.SimClock;
import io.tolk.sim.common.SimOptions;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Checklist 4: lastChangedDateTimeOffsetGreaterThan is strict and on the entity's own timestamp; other filters. */
class FilterTest extends PoTestBase {
  private final SimClock clock = new SimClock();

  @BeforeEach
  void pin() {
    clock.set(Instant.parse("2025-01-10T09:00:00Z"));
    start(SimOptions.defaults().withNoLimits(true).withClock(clock));
  }

  private static String q(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static List<Long> ids(HttpResponse<String> r) {
    List<Long> out = new ArrayList<>();
    if (r.statusCode() == 204) {
      return out;
    }
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    for (JsonNode n : PoClient.json(r)) {
      out.add(n.get("Id").asLong());
    }
    return out;
  }

  @Test
  void lastChangedFilterIsStrictlyGreaterThan() {
    long a = po.createCompany("A").get("Id").asLong();
    clock.advance(Duration.ofSeconds(10));
    long b = po.createCompany("B").get("Id").asLong();
    assertThat(ids(po.get("/Customers?lastChangedDateTimeOffsetGreaterThan=" + q("2025-01-10T09:00:00Z")))).containsExactly(b);
    assertThat(ids(po.get("/Customers?lastChangedDateTimeOffsetGreaterThan=" + q("2025-01-10T08:59:59.9999999+00:00"))))
        .containsExactly(a, b);
    assertThat(ids(po.get("/Customers?lastChangedDateTimeOffsetGreaterThan=" + q("2025-01-10T09:00:10Z")))).isEmpty();
  }

  @Test
  void lastChangedFilterAcceptsTheDocumentedSpaceFormat() {
    po.createCompany("A");
    assertThat(ids(po.get("/Customers?lastChangedDateTimeOffsetGreaterThan=" + q("2025-01-10 08:03:00.123456+00:00"))))
        .hasSize(1);
    problem(po.get("/Customers?lastChangedDateTimeOffsetGreaterThan=yesterday"), 400);
  }

  @Test
  void addressOnlyChangeBumpsOnlyTheAddressTimestamp() {
    JsonNode c = PoClient.json(po.post("/Customers", "{\"Name\":\"A\",\"MailAddress\":{\"City\":\"Oslo\",\"ZipCode\":\"0150\"}}"));
    long id = c.get("Id").asLong();
    clock.advance(Duration.ofMinutes(5));
    JsonNode after = PoClient.json(po.patch("/Customers/" + id, "[{\"op\":\"replace\",\"path\":\"/MailAddress/City\",\"value\":\"Bergen\"}]"));
    assertThat(after.get("MailAddress").get("City").asText()).isEqualTo("Bergen");
    assertThat(after.get("LastChangedDateTimeOffset").asText()).isEqualTo(c.get("LastChangedDateTimeOffset").asText());
    assertThat(after.get("MailAddress").get("LastChangedDateTimeOffset").asText()).isEqualTo("2025-01-10T09:05:00.0000000+00:00");
    assertThat(ids(po.get("/Customers?lastChangedDateTimeOffsetGreaterThan=" + q("2025-01-10T09:01:00Z"))))
        .as("the customer's own timestamp did not move, so the filter misses the address edit").isEmpty();
  }

  @Test
  void ownFieldChangeBumpsTheEntityTimestamp() {
    long id = po.createCompany("A").get("Id").asLong();
    clock.advance(Duration.ofMinutes(5));
    JsonNode after = PoClient.json(po.patch("/Customers/" + id, "[{\"op\":\"replace\",\"path\":\"/PhoneNumber\",\"value\":\"+4799999999\"}]"));
    assertThat(after.get("LastChangedDateTimeOffset").asText()).isEqualTo("2025-01-10T09:05:00.0000000+00:00");
    assertThat(ids(po.get("/Customers?lastChangedDateTimeOffsetGreaterThan=" + q("2025-01-10T09:01:00Z")))).containsExactly(id);
  }

  @Test
  void customerCreatedFilterIsStrict() {
    po.createCompany("A");
    clock.advance(Duration.ofSeconds(1));
    long b = po.createCompany("B").get("Id").asLong();
    assertThat(ids(po.get("/Customers?customerCreatedDateTimeOffsetGreaterThan=" + q("2025-01-10T09:00:00Z")))).containsExactly(b);
  }

  @Test
  void externalImportReferenceFilterFindsTheRecord() {
    po.createCompany("A");
    long b = PoClient.json(po.post("/Customers", "{\"Name\":\"B\",\"ExternalImportReference\":\"zoho-42\"}")).get("Id").asLong();
    assertThat(ids(po.get("/Customers?externalImportReference=zoho-42"))).containsExactly(b);
    assertThat(ids(po.get("/Customers?externalImportReference=zoho-43"))).isEmpty();
  }

  @Test
  void customerNosAndExternalNosTakeRanges() {
    List<Long> all = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      all.add(PoClient.json(po.post("/Customers", "{\"Name\":\"C" + i + "\",\"ExternalNumber\":" + (500 + i) + "}")).get("Id").asLong());
    }
    // numbers 10000..10004
    assertThat(ids(po.get("/Customers?customerNos=" + q("10000-10001, 10003")))).containsExactly(all.get(0), all.get(1), all.get(3));
    assertThat(ids(po.get("/Customers?customerNos=" + q("10003-")))).containsExactly(all.get(3), all.get(4));
    assertThat(ids(po.get("/Customers?externalNos=" + q("501, 504")))).containsExactly(all.get(1), all.get(4));
    problem(po.get("/Customers?customerNos=abc"), 400);
  }

  @Test
  void contactIdsFilterSelectsContactPersons() {
    long a = po.createCompany("A").get("Id").asLong();
    long b = po.createCompany("B").get("Id").asLong();
    long pa = PoClient.json(po.post("/ContactPersons/" + a, "{\"FirstName\":\"K\",\"LastName\":\"N\"}")).get("Id").asLong();
    long pb = PoClient.json(po.post("/ContactPersons/" + b, "{\"FirstName\":\"O\",\"LastName\":\"N\"}")).get("Id").asLong();
    assertThat(ids(po.get("/ContactPersons?contactIds=" + a))).containsExactly(pa);
    assertThat(ids(po.get("/ContactPersons?contactIds=" + q(a + ", " + b)))).containsExactly(pa, pb);
    assertThat(ids(po.get("/ContactPersons"))).containsExactly(pa, pb);
  }

  @Test
  void departmentFiltersNameCodesIsActive() {
    long salg = PoClient.json(po.post("/Departments", "{\"Code\":\"10\",\"Name\":\"Salg\",\"IsActive\":true}")).get("Id").asLong();
    long lager = PoClient.json(po.post("/Departments", "{\"Code\":\"20\",\"Name\":\"Lager\"}")).get("Id").asLong();
    assertThat(ids(po.get("/Departments?name=Salg"))).containsExactly(salg);
    assertThat(ids(po.get("/Departments?codes=" + q("10, 20")))).containsExactly(salg, lager);
    assertThat(ids(po.get("/Departments?isActive=false"))).containsExactly(lager);
    assertThat(ids(po.get("/Departments?isActive=true"))).containsExactly(salg);
    problem(po.get("/Departments?isActive=maybe"), 400);
  }

  @Test
  void departmentLastChangedFilterIsStrict() {
    po.post("/Departments", "{\"Name\":\"Salg\"}");
    clock.advance(Duration.ofSeconds(1));
    long b = PoClient.json(po.post("/Departments", "{\"Name\":\"Lager\"}")).get("Id").asLong();
    assertThat(ids(po.get("/Departments?lastChangedDateTimeOffsetGreaterThan=" + q("2025-01-10T09:00:00Z")))).containsExactly(b);
  }

  @Test
  void contactPersonTimestampFiltersAreStrictAndOnTheirOwnTimestamps() {
    long company = po.createCompany("A").get("Id").asLong();
    long early = PoClient.json(po.post("/ContactPersons/" + company, "{\"FirstName\":\"K\",\"LastName\":\"N\"}"))
        .get("Id").asLong();
    clock.advance(Duration.ofSeconds(10));
    long late = PoClient.json(po.post("/ContactPersons/" + company, "{\"FirstName\":\"O\",\"LastName\":\"N\"}"))
        .get("Id").asLong();
    clock.advance(Duration.ofSeconds(10));
    po.patch("/ContactPersons/" + company + "/" + early, "[{\"op\":\"replace\",\"path\":\"/Title\",\"value\":\"CEO\"}]");
    // created 09:00:00 and 09:00:10; the early one changed at 09:00:20
    assertThat(ids(po.get("/ContactPersons?createdDateTimeOffsetGreaterThan=" + q("2025-01-10T09:00:00Z")))).containsExactly(late);
    assertThat(ids(po.get("/ContactPersons?createdDateTimeOffsetGreaterThan=" + q("2025-01-10T08:59:59Z"))))
        .containsExactly(early, late);
    assertThat(ids(po.get("/ContactPersons?lastChangedDateTimeOffsetGreaterThan=" + q("2025-01-10T09:00:10Z"))))
        .containsExactly(early);
    assertThat(ids(po.get("/ContactPersons?lastChangedDateTimeOffsetGreaterThan=" + q("2025-01-10T09:00:20Z")))).isEmpty();
    assertThat(ids(po.get("/ContactPersons?createdDateTimeOffsetGreaterThan=" + q("2025-01-10T09:00:00Z")
        + "&lastChangedDateTimeOffsetGreaterThan=" + q("2025-01-10T09:00:10Z")))).as("filters combine with AND").isEmpty();
    problem(po.get("/ContactPersons?createdDateTimeOffsetGreaterThan=soon"), 400);
  }

  @Test
  void contactPersonExternalCodesFilterMatchesAnyListedCodeIgnoringCase() {
    long company = po.createCompany("A").get("Id").asLong();
    long k1 = PoClient.json(po.post("/ContactPersons/" + company, "{\"FirstName\":\"K\",\"LastName\":\"N\",\"ExternalCode\":\"K1\"}"))
        .get("Id").asLong();
    long k2 = PoClient.json(po.post("/ContactPersons/" + company, "{\"FirstName\":\"O\",\"LastName\":\"N\",\"ExternalCode\":\"k2\"}"))
        .get("Id").asLong();
    po.post("/ContactPersons/" + company, "{\"FirstName\":\"P\",\"LastName\":\"N\"}");
    assertThat(ids(po.get("/ContactPersons?externalCodes=K1"))).containsExactly(k1);
    assertThat(ids(po.get("/ContactPersons?externalCodes=" + q("k1, K2")))).containsExactly(k1, k2);
    assertThat(ids(po.get("/ContactPersons?externalCodes=nobody"))).isEmpty();
    assertThat(ids(po.get("/ContactPersons?ExternalCodes=K2&contactIds=" + company))).containsExactly(k2);
  }
}
