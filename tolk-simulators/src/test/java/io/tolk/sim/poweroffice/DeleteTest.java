package io.tolk.sim.poweroffice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Checklist 7: DELETE answers 200 with no body, 404 when missing, 409 ProblemDetails when in use. */
class DeleteTest extends PoTestBase {

  @Test
  void deleteCustomerAnswers200WithoutBodyAndTheRecordIsGone() {
    start();
    long id = po.createCompany("A").get("Id").asLong();
    HttpResponse<String> r = po.delete("/Customers/" + id);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEmpty();
    assertThat(po.get("/Customers/" + id).statusCode()).isEqualTo(404);
    assertThat(po.get("/Customers").statusCode()).isEqualTo(204);
  }

  @Test
  void deleteOfMissingCustomerIs404() {
    start();
    assertThat(problem(po.delete("/Customers/31337"), 404).get("detail").asText()).contains("31337");
  }

  @Test
  void deleteOfCustomerMarkedInUseIs409() {
    start();
    JsonNode ids = PoClient.json(po.admin("/fixtures", "{\"customers\":[{\"Name\":\"Ledger AS\",\"InUse\":true}]}"));
    long id = ids.get("customers").get(0).asLong();
    JsonNode p = problem(po.delete("/Customers/" + id), 409);
    assertThat(p.get("detail").asText()).isEqualTo("Customer with id = " + id + " is in use and cannot be deleted.");
    assertThat(po.get("/Customers/" + id).statusCode()).isEqualTo(200);
  }

  @Test
  void deleteOfDepartmentUsedByACustomerIs409() {
    start();
    long dep = PoClient.json(po.post("/Departments", "{\"Code\":\"10\",\"Name\":\"Salg\"}")).get("Id").asLong();
    po.post("/Customers", "{\"Name\":\"A\",\"DepartmentId\":" + dep + "}");
    problem(po.delete("/Departments/" + dep), 409);
    long free = PoClient.json(po.post("/Departments", "{\"Name\":\"Lager\"}")).get("Id").asLong();
    assertThat(po.delete("/Departments/" + free).statusCode()).isEqualTo(200);
    problem(po.delete("/Departments/" + free), 404);
  }

  @Test
  void deleteContactPersonAndInUseContactPerson() {
    start();
    long customer = po.createCompany("A").get("Id").asLong();
    long id = PoClient.json(po.post("/ContactPersons/" + customer, "{\"FirstName\":\"K\",\"LastName\":\"N\"}")).get("Id").asLong();
    problem(po.delete("/ContactPersons/" + (customer + 1000) + "/" + id), 404);
    assertThat(po.delete("/ContactPersons/" + customer + "/" + id).statusCode()).isEqualTo(200);
    assertThat(po.get("/ContactPersons/" + customer + "/" + id).statusCode()).isEqualTo(404);
    long used = PoClient.json(po.admin("/fixtures", "{\"contactPersons\":[{\"ContactId\":" + customer
        + ",\"FirstName\":\"U\",\"LastName\":\"N\",\"InUse\":true}]}")).get("contactPersons").get(0).asLong();
    problem(po.delete("/ContactPersons/" + customer + "/" + used), 409);
  }

  @Test
  void deletingACustomerRemovesItsContactPersons() {
    start();
    long customer = po.createCompany("A").get("Id").asLong();
    po.post("/ContactPersons/" + customer, "{\"FirstName\":\"K\",\"LastName\":\"N\"}");
    po.delete("/Customers/" + customer);
    assertThat(po.get("/ContactPersons").statusCode()).isEqualTo(204);
  }
}
