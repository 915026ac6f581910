package io.tolk.sim.poweroffice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tolk.sim.common.SimClock;
import io.tolk.sim.common.SimOptions;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Checklist 5: POST returns 201 with the full DTO; ids, numbers, defaults; validation refuses what Go refuses. */
class CreateTest extends PoTestBase {

  private static final String FJORD = "{\"Name\":\"Fjord AS\",\"OrganizationNumber\":\"980386465\","
      + "\"EmailAddress\":\"post@fjord.no\",\"PhoneNumber\":\"+4722334455\",\"WebsiteUrl\":\"www.fjord.no\","
      + "\"MailAddress\":{\"AddressLine1\":\"Storgata 1\",\"City\":\"Oslo\",\"ZipCode\":\"0161\",\"CountryCode\":\"NO\"}}";

  @Test
  void postCustomerReturns201WithTheFullDtoAndServerDefaults() {
    SimClock clock = new SimClock();
    clock.set(Instant.parse("2025-01-10T09:15:00.1234567Z"));
    start(SimOptions.defaults().withNoLimits(true).withClock(clock));
    HttpResponse<String> r = po.post("/Customers", FJORD);
    assertThat(r.statusCode()).isEqualTo(201);
    JsonNode c = PoClient.json(r);
    assertThat(c.get("Id").isIntegralNumber()).isTrue();
    assertThat(c.get("Number").asLong()).isEqualTo(10000);
    assertThat(c.get("Name").asText()).isEqualTo("Fjord AS");
    assertThat(c.get("IsPerson").asBoolean()).isFalse();
    assertThat(c.get("IsActive").asBoolean()).isTrue();
    assertThat(c.get("IsArchived").asBoolean()).isFalse();
    assertThat(c.get("CurrencyCode").asText()).isEqualTo("NOK");
    assertThat(c.get("MailAddress").get("City").asText()).isEqualTo("Oslo");
    assertThat(c.get("MailAddress").get("Id").isIntegralNumber()).isTrue();
    assertThat(c.get("MailAddress").get("LastChangedDateTimeOffset").asText())
        .isEqualTo("2025-01-10T09:15:00.1234567+00:00");
    assertThat(c.get("LastChangedDateTimeOffset").asText()).isEqualTo("2025-01-10T09:15:00.1234567+00:00");
    assertThat(c.get("CustomerCreatedDateTimeOffset").asText()).isEqualTo("2025-01-10T09:15:00.1234567+00:00");
    assertThat(c.get("ContactCreatedDateTimeOffset").asText()).isEqualTo("2025-01-10T09:15:00.1234567+00:00");
    assertThat(c.has("ExternalImportReference")).as("unset properties are present as null").isTrue();
    assertThat(c.get("ExternalImportReference").isNull()).isTrue();
    assertThat(r.headers().firstValue("Location")).contains(sim.apiUrl() + "/Customers/" + c.get("Id").asLong());
    assertThat(po.get("/Customers/" + c.get("Id").asLong()).body()).isEqualTo(r.body());
  }

  @Test
  void countryCodeDefaultsToNo() {
    start();
    JsonNode c = PoClient.json(po.post("/Customers", "{\"Name\":\"A AS\",\"MailAddress\":{\"City\":\"Oslo\",\"ZipCode\":\"0150\"}}"));
    assertThat(c.get("MailAddress").get("CountryCode").asText()).isEqualTo("NO");
    JsonNode noAddress = po.createCompany("B AS");
    assertThat(noAddress.get("MailAddress").get("CountryCode").asText()).isEqualTo("NO");
  }

  @Test
  void customerNumbersAreAssignedFrom10000UpwardSkippingTakenOnes() {
    start();
    assertThat(po.createCompany("A AS").get("Number").asLong()).isEqualTo(10000);
    assertThat(PoClient.json(po.post("/Customers", "{\"Name\":\"B AS\",\"Number\":10001}")).get("Number").asLong())
        .isEqualTo(10001);
    assertThat(po.createCompany("C AS").get("Number").asLong()).isEqualTo(10002);
  }

  @Test
  void customersAndContactPersonsShareOneContactIdSpace() {
    start();
    long customer = po.createCompany("A AS").get("Id").asLong();
    JsonNode person = PoClient.json(po.post("/ContactPersons/" + customer, "{\"FirstName\":\"Kari\",\"LastName\":\"Nordmann\"}"));
    long next = po.createCompany("B AS").get("Id").asLong();
    assertThat(person.get("Id").asLong()).isEqualTo(customer + 1);
    assertThat(next).isEqualTo(customer + 2);
  }

  @Test
  void personCustomerGetsItsNameFromFirstAndLastName() {
    start();
    JsonNode c = PoClient.json(po.post("/Customers", "{\"IsPerson\":true,\"FirstName\":\"Kari\",\"LastName\":\"Nordmann\"}"));
    assertThat(c.get("IsPerson").asBoolean()).isTrue();
    assertThat(c.get("Name").asText()).isEqualTo("Kari Nordmann");
  }

  @Test
  void companyWithoutNameIsRefused() {
    start();
    JsonNode p = problem(po.post("/Customers", "{\"OrganizationNumber\":\"980386465\"}"), 400);
    assertThat(p.get("title").asText()).isEqualTo("Customer validation error(s)");
    assertThat(p.get("detail").asText()).contains("Name");
  }

  @Test
  void personWithoutLastNameIsRefused() {
    start();
    JsonNode p = problem(po.post("/Customers", "{\"IsPerson\":true,\"FirstName\":\"Kari\"}"), 400);
    assertThat(p.get("detail").asText()).contains("LastName");
  }

  @Test
  void duplicateExternalImportReferenceIsRefusedIgnoringCase() {
    start();
    long first = PoClient.json(po.post("/Customers", "{\"Name\":\"A\",\"ExternalImportReference\":\"ABC123\"}")).get("Id").asLong();
    JsonNode p = problem(po.post("/Customers", "{\"Name\":\"B\",\"ExternalImportReference\":\"abc123\"}"), 400);
    assertThat(p.get("detail").asText()).contains("ExternalImportReference is already in use").contains(String.valueOf(first));
  }

  @Test
  void duplicateExternalNumberIsRefused() {
    start();
    po.post("/Customers", "{\"Name\":\"A\",\"ExternalNumber\":777}");
    JsonNode p = problem(po.post("/Customers", "{\"Name\":\"B\",\"ExternalNumber\":777}"), 400);
    assertThat(p.get("detail").asText()).contains("ExternalNumber");
  }

  @Test
  void duplicateCustomerNumberIsRefused() {
    start();
    po.createCompany("A");
    assertThat(problem(po.post("/Customers", "{\"Name\":\"B\",\"Number\":10000}"), 400).get("detail").asText())
        .contains("Number");
  }

  @Test
  void countryNameInsteadOfIsoCodeIsRefused() {
    start();
    JsonNode p = problem(po.post("/Customers",
        "{\"Name\":\"A\",\"MailAddress\":{\"City\":\"Oslo\",\"ZipCode\":\"0150\",\"CountryCode\":\"Norway\"}}"), 400);
    assertThat(p.get("detail").asText()).contains("CountryCode").contains("Norway");
  }

  @Test
  void mailAddressWithoutCityOrZipCodeIsRefused() {
    start();
    assertThat(problem(po.post("/Customers", "{\"Name\":\"A\",\"MailAddress\":{\"ZipCode\":\"0150\"}}"), 400)
        .get("detail").asText()).contains("City");
    assertThat(problem(po.post("/Customers", "{\"Name\":\"A\",\"MailAddress\":{\"City\":\"Oslo\"}}"), 400)
        .get("detail").asText()).contains("ZipCode");
  }

  @Test
  void tooLongValuesAreRefusedNamingTheField() {
    start();
    assertThat(problem(po.post("/Customers", "{\"Name\":\"" + "x".repeat(256) + "\"}"), 400).get("detail").asText())
        .contains("Name").contains("255");
    assertThat(problem(po.post("/Customers", "{\"Name\":\"A\",\"MailAddress\":{\"City\":\"" + "x".repeat(101)
        + "\",\"ZipCode\":\"1\"}}"), 400).get("detail").asText()).contains("MailAddress.City").contains("100");
    assertThat(problem(po.post("/Customers", "{\"Name\":\"A\",\"ExternalImportReference\":\"" + "r".repeat(51) + "\"}"), 400)
        .get("detail").asText()).contains("ExternalImportReference");
  }

  @Test
  void invalidEmailIsRefused() {
    start();
    assertThat(problem(po.post("/Customers", "{\"Name\":\"A\",\"EmailAddress\":\"post@fjord\"}"), 400)
        .get("detail").asText()).contains("EmailAddress");
  }

  @Test
  void unknownPropertyIsRefusedNamingIt() {
    start();
    JsonNode p = problem(po.post("/Customers", "{\"Name\":\"A\",\"Phone\":\"+47\"}"), 400);
    assertThat(p.get("detail").asText()).contains("Phone");
  }

  @Test
  void readOnlyPropertyOnPostIsRefused() {
    start();
    assertThat(problem(po.post("/Customers", "{\"Name\":\"A\",\"Id\":5}"), 400).get("detail").asText()).contains("Id");
    assertThat(problem(po.post("/Customers", "{\"Name\":\"A\",\"LastChangedDateTimeOffset\":\"2025-01-01T00:00:00Z\"}"), 400)
        .get("detail").asText()).contains("LastChangedDateTimeOffset");
  }

  @Test
  void wrongJsonTypeIsRefusedNamingTheField() {
    start();
    assertThat(problem(po.post("/Customers", "{\"Name\":\"A\",\"ExternalNumber\":\"12\"}"), 400).get("detail").asText())
        .contains("ExternalNumber");
    assertThat(problem(po.post("/Customers", "{\"Name\":42}"), 400).get("detail").asText()).contains("Name");
    assertThat(problem(po.post("/Customers", "{\"Name\":\"A\",\"IsPerson\":\"yes\"}"), 400).get("detail").asText())
        .contains("IsPerson");
  }

  @Test
  void propertyNamesAreMatchedIgnoringCase() {
    start();
    JsonNode c = PoClient.json(po.post("/Customers", "{\"name\":\"Lower AS\",\"phoneNumber\":\"+4711111111\"}"));
    assertThat(c.get("Name").asText()).isEqualTo("Lower AS");
    assertThat(c.get("PhoneNumber").asText()).isEqualTo("+4711111111");
  }

  @Test
  void malformedJsonIsA400ProblemNotA500() {
    start();
    problem(po.post("/Customers", "{\"Name\":"), 400);
    problem(po.post("/Customers", "[1,2]"), 400);
    problem(po.post("/Customers", ""), 400);
    problem(po.post("/Customers", "{\"Name\":\"A\"} trailing"), 400);
  }

  @Test
  void postWithoutJsonContentTypeIsRefusedWith415() {
    start();
    HttpResponse<String> r = PoClient.send(po.api("/Customers").header("Content-Type", "text/plain")
        .POST(HttpRequest.BodyPublishers.ofString("{\"Name\":\"A\"}")));
    assertThat(r.statusCode()).isEqualTo(415);
  }

  @Test
  void unknownDepartmentCodeIsRefusedWith404() {
    start();
    JsonNode p = problem(po.post("/Customers", "{\"Name\":\"A\",\"DepartmentCode\":\"Avdeling10\"}"), 404);
    assertThat(p.get("detail").asText()).isEqualTo("Department with code = 'Avdeling10' not found.");
  }

  @Test
  void departmentCodeOnPostSetsDepartmentId() {
    start();
    JsonNode d = PoClient.json(po.post("/Departments", "{\"Code\":\"10\",\"Name\":\"Salg\"}"));
    JsonNode c = PoClient.json(po.post("/Customers", "{\"Name\":\"A\",\"DepartmentCode\":\"10\"}"));
    assertThat(c.get("DepartmentId").asLong()).isEqualTo(d.get("Id").asLong());
    assertThat(c.get("DepartmentCode").asText()).isEqualTo("10");
  }

  @Test
  void postDepartmentReturns201AndNeedsName() {
    start();
    HttpResponse<String> r = po.post("/Departments", "{\"Code\":\"10\",\"Name\":\"Salg\"}");
    assertThat(r.statusCode()).isEqualTo(201);
    JsonNode d = PoClient.json(r);
    assertThat(d.get("IsActive").asBoolean()).as("documented default").isFalse();
    assertThat(d.get("CreatedDateTimeOffset").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{7}\\+00:00");
    assertThat(problem(po.post("/Departments", "{\"Code\":\"20\"}"), 400).get("detail").asText()).contains("Name");
    assertThat(problem(po.post("/Departments", "{\"Code\":\"10\",\"Name\":\"Again\"}"), 400).get("detail").asText())
        .contains("Code");
  }

  @Test
  void postContactPersonReturns201WithDefaults() {
    start();
    long customer = po.createCompany("Fjord AS").get("Id").asLong();
    HttpResponse<String> r = po.post("/ContactPersons/" + customer, "{\"FirstName\":\"Kari\",\"LastName\":\"Nordmann\","
        + "\"EmailAddress\":\"kari@fjord.no\",\"MailAddress\":{\"City\":\"Oslo\",\"ZipCode\":\"0161\"}}");
    assertThat(r.statusCode()).isEqualTo(201);
    JsonNode p = PoClient.json(r);
    assertThat(p.get("ContactId").asLong()).isEqualTo(customer);
    assertThat(p.get("IsActive").asBoolean()).isTrue();
    assertThat(p.get("IsDefault").asBoolean()).isFalse();
    assertThat(p.get("MailAddress").get("CountryCode").asText()).isEqualTo("NO");
    assertThat(p.get("MailAddress").has("Id")).as("AddressDto has no Id").isFalse();
  }

  @Test
  void contactPersonWithoutLastNameIsRefused() {
    start();
    long customer = po.createCompany("Fjord AS").get("Id").asLong();
    assertThat(problem(po.post("/ContactPersons/" + customer, "{\"FirstName\":\"Kari\"}"), 400).get("detail").asText())
        .contains("LastName");
  }

  @Test
  void contactPersonOnAPersonCustomerIsRefused() {
    start();
    long person = PoClient.json(po.post("/Customers", "{\"IsPerson\":true,\"FirstName\":\"Ola\",\"LastName\":\"N\"}"))
        .get("Id").asLong();
    problem(po.post("/ContactPersons/" + person, "{\"FirstName\":\"Kari\",\"LastName\":\"N\"}"), 400);
  }

  @Test
  void contactPersonOnUnknownContactIsRefusedWith404() {
    start();
    problem(po.post("/ContactPersons/999", "{\"FirstName\":\"Kari\",\"LastName\":\"N\"}"), 404);
  }

  @Test
  void duplicateContactPersonExternalCodeIsRefused() {
    start();
    long customer = po.createCompany("Fjord AS").get("Id").asLong();
    po.post("/ContactPersons/" + customer, "{\"FirstName\":\"A\",\"LastName\":\"B\",\"ExternalCode\":\"X1\"}");
    assertThat(problem(po.post("/ContactPersons/" + customer, "{\"FirstName\":\"C\",\"LastName\":\"D\",\"ExternalCode\":\"X1\"}"), 400)
        .get("detail").asText()).contains("ExternalCode");
  }
}
