package io.tolk.sim.poweroffice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Checklist 3: PascalCase JSON, 200 array or 204 empty, PageNumber/PageSize/Fields/OrderBy, X-Pagination. */
class ListTest extends PoTestBase {

  private void customers(int n) {
    StringBuilder sb = new StringBuilder("{\"customers\":[");
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? "" : ",").append("{\"Name\":\"Firma ").append(String.format("%05d", i)).append(" AS\"}");
    }
    assertThat(po.admin("/fixtures", sb.append("]}").toString()).statusCode()).isEqualTo(200);
  }

  private static List<String> names(HttpResponse<String> r) {
    List<String> out = new ArrayList<>();
    for (JsonNode n : PoClient.json(r)) {
      out.add(n.get("Name").asText());
    }
    return out;
  }

  @Test
  void listPropertyNamesArePascalCaseAndIdsAreInt64() {
    start();
    po.post("/Customers", "{\"Name\":\"Fjord AS\",\"MailAddress\":{\"City\":\"Oslo\",\"ZipCode\":\"0161\"}}");
    HttpResponse<String> r = po.get("/Customers");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode c = PoClient.json(r).get(0);
    Iterator<String> names = c.fieldNames();
    while (names.hasNext()) {
      assertThat(names.next()).matches("[A-Z][A-Za-z]*");
    }
    Iterator<String> addressNames = c.get("MailAddress").fieldNames();
    while (addressNames.hasNext()) {
      assertThat(addressNames.next()).matches("[A-Z][A-Za-z0-9]*");
    }
    assertThat(c.get("Id").isIntegralNumber()).isTrue();
    assertThat(c.get("Id").asLong()).isGreaterThan(Integer.MAX_VALUE / 100);
  }

  @Test
  void timestampsHaveSevenFractionalDigitsAndAnOffset() {
    start();
    JsonNode c = po.createCompany("A AS");
    for (String f : List.of("LastChangedDateTimeOffset", "CustomerCreatedDateTimeOffset", "ContactCreatedDateTimeOffset")) {
      assertThat(c.get(f).asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{7}\\+00:00");
    }
  }

  @Test
  void emptyListIsA204WithAnEmptyBody() {
    start();
    for (String path : List.of("/Customers", "/Departments", "/ContactPersons")) {
      HttpResponse<String> r = po.get(path);
      assertThat(r.statusCode()).as(path).isEqualTo(204);
      assertThat(r.body()).isEmpty();
    }
  }

  @Test
  void pageBeyondTheLastIsA204() {
    start();
    customers(3);
    assertThat(po.get("/Customers?PageSize=2&PageNumber=2").statusCode()).isEqualTo(200);
    assertThat(po.get("/Customers?PageSize=2&PageNumber=3").statusCode()).isEqualTo(204);
  }

  @Test
  void pageSizeAndPageNumberPageInIdOrder() {
    start();
    customers(5);
    assertThat(names(po.get("/Customers?PageSize=2&PageNumber=1"))).containsExactly("Firma 00000 AS", "Firma 00001 AS");
    assertThat(names(po.get("/Customers?pagesize=2&pagenumber=3"))).containsExactly("Firma 00004 AS");
  }

  @Test
  void defaultPageSizeIs5000() {
    start();
    customers(5001);
    HttpResponse<String> r = po.get("/Customers");
    assertThat(PoClient.json(r).size()).isEqualTo(5000);
    assertThat(PoClient.json(po.get("/Customers?PageNumber=2")).size()).isEqualTo(1);
  }

  @Test
  void pageSizeOver20000IsRefusedWith400() {
    start();
    JsonNode p = problem(po.get("/Customers?PageSize=20001"), 400);
    assertThat(p.get("title").asText()).isEqualTo("Invalid resourceParameter");
    assertThat(p.get("detail").asText()).contains("PageSize");
    assertThat(po.get("/Customers?PageSize=20000").statusCode()).isEqualTo(204);
  }

  @Test
  void pageSizeOrPageNumberBelowOneIsRefusedWith400() {
    start();
    problem(po.get("/Customers?PageSize=0"), 400);
    problem(po.get("/Customers?PageNumber=0"), 400);
    problem(po.get("/Customers?PageSize=ten"), 400);
  }

  @Test
  void odataTopAndSkipAreRefusedWith400() {
    start();
    problem(po.get("/Customers?$top=10"), 400);
    problem(po.get("/Customers?$skip=10"), 400);
  }

  @Test
  void fieldsProjectsTheProperties() {
    start();
    po.createCompany("A AS");
    JsonNode c = PoClient.json(po.get("/Customers?Fields=Id,name,MailAddress")).get(0);
    List<String> names = new ArrayList<>();
    c.fieldNames().forEachRemaining(names::add);
    assertThat(names).containsExactly("Id", "Name", "MailAddress");
    assertThat(c.get("MailAddress").has("City")).isTrue();
  }

  @Test
  void unknownFieldIsRefusedWithInvalidResourceParameter() {
    start();
    po.createCompany("A AS");
    JsonNode p = problem(po.get("/Customers?Fields=Id,Nmae"), 400);
    assertThat(p.get("title").asText()).isEqualTo("Invalid resourceParameter");
    assertThat(p.get("detail").asText()).contains("Nmae");
  }

  @Test
  void orderByNameDescSorts() {
    start();
    customers(3);
    assertThat(names(po.get("/Customers?OrderBy=Name%20desc")))
        .containsExactly("Firma 00002 AS", "Firma 00001 AS", "Firma 00000 AS");
    assertThat(names(po.get("/Customers?OrderBy=Name"))).containsExactly("Firma 00000 AS", "Firma 00001 AS", "Firma 00002 AS");
  }

  @Test
  void orderByUnknownPropertyIsRefused() {
    start();
    assertThat(problem(po.get("/Customers?OrderBy=Nmae%20desc"), 400).get("title").asText())
        .isEqualTo("Invalid resourceParameter");
    problem(po.get("/Customers?OrderBy=Name%20sideways"), 400);
  }

  @Test
  void xPaginationHeaderDescribesThePage() {
    start();
    customers(5);
    HttpResponse<String> r = po.get("/Customers?PageSize=2&PageNumber=2");
    JsonNode x = PoClient.JSON.valueToTree(parse(r.headers().firstValue("X-Pagination").orElseThrow()));
    assertThat(x.get("totalCount").asLong()).isEqualTo(5);
    assertThat(x.get("pageSize").asInt()).isEqualTo(2);
    assertThat(x.get("currentPage").asInt()).isEqualTo(2);
    assertThat(x.get("totalPages").asInt()).isEqualTo(3);
    assertThat(x.get("previousPageLink").asText()).contains("PageNumber=1");
    assertThat(x.get("nextPageLink").asText()).startsWith(sim.apiUrl() + "/Customers").contains("PageNumber=3");
    JsonNode last = parse(po.get("/Customers?PageSize=2&PageNumber=3").headers().firstValue("X-Pagination").orElseThrow());
    assertThat(last.get("nextPageLink").isNull()).isTrue();
  }

  private static JsonNode parse(String s) {
    try {
      return PoClient.JSON.readTree(s);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void pagingIsLiveSoAnInsertMidScanShiftsLaterPages() {
    start();
    customers(4);
    List<String> page1 = names(po.get("/Customers?PageSize=2&PageNumber=1"));
    // a record with a lower id than the rest of the scan appears: fixtures may carry their own ids
    long firstId = PoClient.json(po.get("/Customers?PageSize=1")).get(0).get("Id").asLong();
    po.admin("/fixtures", "{\"customers\":[{\"Id\":" + (firstId - 1) + ",\"Name\":\"Early AS\"}]}");
    List<String> page2 = names(po.get("/Customers?PageSize=2&PageNumber=2"));
    assertThat(page1).containsExactly("Firma 00000 AS", "Firma 00001 AS");
    assertThat(page2).as("the scan sees Firma 00001 again: pages are computed on current data")
        .containsExactly("Firma 00001 AS", "Firma 00002 AS");
  }

  @Test
  void getByIdOfUnknownCustomerIs404ProblemDetails() {
    start();
    JsonNode p = problem(po.get("/Customers/12345"), 404);
    assertThat(p.get("title").asText()).isEqualTo("Object(s) not found");
    assertThat(p.get("detail").asText()).isEqualTo("Customer with id = 12345 not found.");
  }

  @Test
  void pathsAreCaseInsensitive() {
    start();
    long id = po.createCompany("A AS").get("Id").asLong();
    assertThat(po.get("/customers/" + id).statusCode()).isEqualTo(200);
    assertThat(po.get("/CUSTOMERS").statusCode()).isEqualTo(200);
  }

  @Test
  void unknownPathIs404() {
    start();
    assertThat(po.get("/Suppliers").statusCode()).isEqualTo(404);
  }
}
