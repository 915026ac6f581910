package io.tolk.sim.poweroffice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Checklist 8: errors are ProblemDetails with lowercase type/title/status/detail, never a stack trace. */
class ProblemDetailsTest extends PoTestBase {

  private static List<String> keys(JsonNode n) {
    List<String> out = new ArrayList<>();
    n.fieldNames().forEachRemaining(out::add);
    return out;
  }

  @Test
  void validationErrorHasExactlyTheLowercaseKeys() {
    start();
    JsonNode p = problem(po.post("/Customers", "{\"IsPerson\":false}"), 400);
    assertThat(keys(p)).containsExactly("type", "title", "status", "detail");
    assertThat(p.get("title").asText()).isEqualTo("Customer validation error(s)");
  }

  @Test
  void notFoundUsesTheDocumentedTitleAndDetail() {
    start();
    JsonNode p = problem(po.get("/Departments/12345"), 404);
    assertThat(keys(p)).containsExactly("type", "title", "status", "detail");
    assertThat(p.get("title").asText()).isEqualTo("Object(s) not found");
    assertThat(p.get("detail").asText()).isEqualTo("Department with id = 12345 not found.");
  }

  @Test
  void bindingErrorsNameTheFieldAndCarryNoStackTrace() {
    start();
    JsonNode id = problem(po.get("/Customers/abc"), 400);
    assertThat(id.get("detail").asText()).contains("id").contains("abc");
    JsonNode type = problem(po.post("/Customers", "{\"Name\":\"A\",\"MailAddress\":{\"City\":1,\"ZipCode\":\"1\"}}"), 400);
    assertThat(type.get("detail").asText()).contains("City");
    assertThat(type.get("errors").fieldNames().next()).contains("City");
  }

  @Test
  void conflictIsProblemDetailsToo() {
    start();
    long id = PoClient.json(po.admin("/fixtures", "{\"departments\":[{\"Name\":\"Busy\",\"InUse\":true}]}"))
        .get("departments").get(0).asLong();
    JsonNode p = problem(po.delete("/Departments/" + id), 409);
    assertThat(p.get("title").asText()).isEqualTo("Department conflict");
  }
}
