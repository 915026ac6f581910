package io.tolk.sim.poweroffice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile bodies on every PowerOffice write endpoint (POST and PATCH of Customers, Departments, ContactPersons): bad
 * JSON, wrong types, unknown properties, absurd sizes, empty bodies, broken JSON Patch documents. Each must be a 4xx
 * RFC 7807 ProblemDetails (type/title/status/detail, lowercase) and never a 5xx or a stack trace.
 */
class PowerOfficeMalformedInputTest extends PoTestBase {
  private static final String DEEP = "[".repeat(5000) + "]".repeat(5000);
  private static final List<String> NOT_JSON = List.of("", " ", "{", "}", "nul", "{\"a\":1}{\"b\":2}", "{\"a\":1,}",
      "{'a':1}", DEEP, "{\"Name\":" + DEEP + "}", "\u0000", "{\"Name\":\"A\",\"Name\":\"B\"}", "{\"Number\":1e99999}");

  private final List<String> failures = new ArrayList<>();
  private long customer;
  private long department;
  private long contactPerson;

  @BeforeEach
  void startWithOneOfEach() {
    start();
    customer = po.createCompany("Fjord AS").get("Id").asLong();
    department = PoClient.json(po.post("/Departments", "{\"Code\":\"D1\",\"Name\":\"Salg\"}")).get("Id").asLong();
    contactPerson = PoClient.json(po.post("/ContactPersons/" + customer, "{\"FirstName\":\"Kari\",\"LastName\":\"N\"}"))
        .get("Id").asLong();
  }

  private void check(String what, HttpResponse<String> r) {
    String body = r.body();
    String label = what + " -> " + r.statusCode() + " " + (body.length() > 300 ? body.substring(0, 300) + "..." : body);
    if (r.statusCode() >= 500) {
      failures.add("5xx: " + label);
      return;
    }
    if (r.statusCode() < 400) {
      failures.add("accepted: " + label);
      return;
    }
    try {
      JsonNode p = PoClient.JSON.readTree(body);
      boolean ok = p != null && p.path("type").isTextual() && p.path("title").isTextual() && p.path("detail").isTextual()
          && p.path("status").asInt() == r.statusCode() && !body.contains("\tat ") && !body.contains("Exception");
      if (!ok) failures.add("not ProblemDetails: " + label);
    } catch (IOException e) {
      failures.add("not JSON: " + label);
    }
  }

  private static String cut(String s) {
    return (s.length() > 120 ? s.substring(0, 120) + "..." : s).replace(DEEP, "<deep>");
  }

  @Test
  void postEndpointsAnswerMalformedBodiesWithProblemDetails() {
    List<String> bodies = new ArrayList<>(NOT_JSON);
    bodies.addAll(List.of("null", "[]", "[{}]", "\"text\"", "123", "true", "{\"Name\":{}}", "{\"Name\":[1]}",
        "{\"Name\":true}", "{\"Name\":1}", "{\"Bogus\":1}", "{\"\":1}", "{\"Name\":\"A\",\"Number\":\"abc\"}",
        "{\"Name\":\"A\",\"Number\":99999999999999999999999}", "{\"Name\":\"A\",\"Number\":1.5}",
        "{\"Name\":\"A\",\"ContactGroupIds\":\"x\"}", "{\"Name\":\"A\",\"ContactGroupIds\":[null]}",
        "{\"Name\":\"A\",\"ContactGroupIds\":[{\"a\":1}]}", "{\"Name\":\"A\",\"ContactGroupIds\":[[1]]}",
        "{\"Name\":\"A\",\"MailAddress\":\"x\"}", "{\"Name\":\"A\",\"MailAddress\":[1]}",
        "{\"Name\":\"A\",\"MailAddress\":{\"Bogus\":1}}", "{\"Name\":\"A\",\"MailAddress\":{\"City\":{},\"ZipCode\":\"1\"}}",
        "{\"Name\":\"A\",\"DateOfBirth\":\"x\"}", "{\"Name\":\"A\",\"IsPerson\":\"yes\"}",
        "{\"Name\":\"A\",\"InvoiceDeliveryType\":\"Pigeon\"}", "{\"Name\":\"A\",\"DepartmentId\":-1}",
        "{\"Name\":\"" + "x".repeat(100_000) + "\"}", "{\"FirstName\":\"" + "x".repeat(100_000) + "\",\"LastName\":\"N\"}",
        "{\"Code\":{},\"Name\":\"D\"}", "{\"Name\":\"D\",\"IsActive\":\"x\"}", "{\"FirstName\":[],\"LastName\":\"N\"}",
        "{\"Name\":\"A\",\"Id\":5}"));
    for (String path : List.of("/Customers", "/Departments", "/ContactPersons/" + customer)) {
      for (String body : bodies) check("POST " + path + " " + cut(body), po.post(path, body));
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void patchEndpointsAnswerMalformedPatchesWithProblemDetails() {
    List<String> bodies = new ArrayList<>(NOT_JSON);
    bodies.addAll(List.of("null", "{}", "\"text\"", "1", "[1]", "[null]", "[[]]", "[{}]", "[{\"op\":\"x\",\"path\":\"/Name\"}]",
        "[{\"op\":5,\"path\":\"/Name\"}]", "[{\"op\":\"replace\"}]", "[{\"op\":\"replace\",\"path\":5,\"value\":\"x\"}]",
        "[{\"op\":\"replace\",\"path\":\"\",\"value\":\"x\"}]", "[{\"op\":\"replace\",\"path\":\"/\",\"value\":\"x\"}]",
        "[{\"op\":\"replace\",\"path\":\"/Nope\",\"value\":\"x\"}]", "[{\"op\":\"replace\",\"path\":\"/Name\",\"value\":{}}]",
        "[{\"op\":\"replace\",\"path\":\"/Name\",\"value\":[1]}]", "[{\"op\":\"replace\",\"path\":\"/MailAddress\",\"value\":\"x\"}]",
        "[{\"op\":\"replace\",\"path\":\"/MailAddress/City/x\",\"value\":\"x\"}]",
        "[{\"op\":\"replace\",\"path\":\"/MailAddress/Bogus\",\"value\":\"x\"}]",
        "[{\"op\":\"add\",\"path\":\"/ContactGroupIds/-\",\"value\":\"abc\"}]",
        "[{\"op\":\"add\",\"path\":\"/ContactGroupIds/abc\",\"value\":1}]",
        "[{\"op\":\"add\",\"path\":\"/ContactGroupIds/99\",\"value\":1}]",
        "[{\"op\":\"add\",\"path\":\"/ContactGroupIds/-\",\"value\":null}]",
        "[{\"op\":\"replace\",\"path\":\"/ContactGroupIds\",\"value\":[null]}]",
        "[{\"op\":\"remove\",\"path\":\"/ContactGroupIds/0\"}]", "[{\"op\":\"move\",\"from\":\"/Nope\",\"path\":\"/Name\"}]",
        "[{\"op\":\"copy\",\"path\":\"/Name\"}]", "[{\"op\":\"test\",\"path\":\"/Name\",\"value\":\"not it\"}]",
        "[{\"op\":\"replace\",\"path\":\"/Number\",\"value\":\"abc\"}]",
        "[{\"op\":\"replace\",\"path\":\"/Number\",\"value\":\"99999999999999999999999\"}]",
        "[{\"op\":\"replace\",\"path\":\"/IsActive\",\"value\":\"maybe\"}]",
        "[{\"op\":\"replace\",\"path\":\"/Name\",\"value\":\"" + "x".repeat(100_000) + "\"}]",
        "[{\"op\":\"replace\",\"path\":\"/Name\",\"value\":null}]", "[{\"op\":\"remove\",\"path\":\"/Name\"}]",
        "[{\"op\":\"replace\",\"path\":\"/Id\",\"value\":1}]", "[{\"op\":\"replace\",\"path\":\"/~2\",\"value\":1}]",
        manyOps(20_000)));
    List<String> paths = List.of("/Customers/" + customer, "/Departments/" + department,
        "/ContactPersons/" + customer + "/" + contactPerson);
    for (String path : paths) {
      for (String body : bodies) check("PATCH " + path + " " + cut(body), po.patch(path, body));
    }
    assertThat(failures).isEmpty();
  }

  private static String manyOps(int n) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < n; i++) sb.append(i == 0 ? "" : ",").append("{\"op\":\"replace\",\"path\":\"/Nope").append(i)
        .append("\",\"value\":1}");
    return sb.append(']').toString();
  }

  @Test
  void wrongContentTypesAndOversizedBodiesAreProblemDetails() {
    check("POST text/plain", PoClient.send(po.api("/Customers").header("Content-Type", "text/plain")
        .POST(HttpRequest.BodyPublishers.ofString("{\"Name\":\"A\"}"))));
    check("POST no content type", PoClient.send(po.api("/Customers").POST(HttpRequest.BodyPublishers.ofString("{\"Name\":\"A\"}"))));
    check("PATCH application/json", PoClient.send(po.api("/Customers/" + customer).header("Content-Type", "application/json")
        .method("PATCH", HttpRequest.BodyPublishers.ofString("[]"))));
    check("POST 11 MiB", po.post("/Customers", "{\"Name\":\"" + "x".repeat(11 * 1024 * 1024) + "\"}"));
    check("PATCH bad id", po.patch("/Customers/abc", "[]"));
    check("PATCH huge id", po.patch("/Customers/99999999999999999999999", "[]"));
    check("POST ContactPersons bad contact id", po.post("/ContactPersons/abc", "{\"FirstName\":\"K\",\"LastName\":\"N\"}"));
    assertThat(failures).isEmpty();
  }
}
