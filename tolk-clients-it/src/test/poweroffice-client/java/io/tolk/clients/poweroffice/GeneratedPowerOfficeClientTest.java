package io.tolk.clients.poweroffice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import io.tolk.clients.poweroffice.generated.ApiClient;
import io.tolk.clients.poweroffice.generated.ApiException;
import io.tolk.clients.poweroffice.generated.api.ContactPersonsApi;
import io.tolk.clients.poweroffice.generated.api.CustomersApi;
import io.tolk.clients.poweroffice.generated.api.DepartmentsApi;
import io.tolk.clients.poweroffice.generated.model.ContactAddressPostDto;
import io.tolk.clients.poweroffice.generated.model.ContactPersonDto;
import io.tolk.clients.poweroffice.generated.model.ContactPersonPostDto;
import io.tolk.clients.poweroffice.generated.model.CustomerDto;
import io.tolk.clients.poweroffice.generated.model.CustomerPostDto;
import io.tolk.clients.poweroffice.generated.model.DepartmentDto;
import io.tolk.clients.poweroffice.generated.model.DepartmentPostDto;
import io.tolk.clients.poweroffice.generated.model.Operation;
import io.tolk.clients.poweroffice.generated.model.ResourceParameters;
import io.tolk.sim.common.SimOptions;
import io.tolk.sim.poweroffice.PowerOfficeSimulator;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A PowerOffice Go client generated at build time by openapi-generator (java, library "native": java.net.http and
 * Jackson) from the vendor's OpenAPI document, against the PowerOffice simulator. Its API classes and DTOs are used
 * as generated. The document has no token operation, so the token call is made the way the PowerOffice docs
 * describe it with the generated {@link ApiClient}'s HTTP client and object mapper; the bearer token and the
 * subscription key are added to every generated call by the ApiClient's request interceptor. PATCH goes through
 * the generated {@code ...Patch(id, List<Operation>)} methods (the document's JsonPatchDocument of Operation;
 * the per-resource PatchDto schemas that say which paths may be patched are missing from it). The client's object
 * mapper is made strict about unknown properties, so an answer with a property the document does not name fails.
 */
class GeneratedPowerOfficeClientTest {
  private PowerOfficeSimulator sim;
  private ApiClient client;
  private String token;

  @BeforeEach
  void start() throws Exception {
    sim = PowerOfficeSimulator.start(SimOptions.defaults().withNoLimits(true));
    client = new ApiClient();
    client.updateBaseUri(sim.apiUrl());
    client.setObjectMapper(client.getObjectMapper().copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES));
    token = requestToken("demo-app", "demo-client", "demo-sub").path("access_token").asText();
    client.setRequestInterceptor(b -> b.header("Authorization", "Bearer " + token)
        .header("Ocp-Apim-Subscription-Key", "demo-sub"));
  }

  @AfterEach
  void stop() {
    if (sim != null) sim.close();
  }

  /** The client-credentials token call: Basic application key:client key, the subscription key, a form body. */
  private HttpResponse<String> tokenCall(String app, String clientKey, String subscription) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sim.tokenUrl()))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            (app + ":" + clientKey).getBytes(StandardCharsets.UTF_8)))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("grant_type=" + URLEncoder.encode("client_credentials", StandardCharsets.UTF_8)));
    if (subscription != null) b.header("Ocp-Apim-Subscription-Key", subscription);
    return client.getHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode requestToken(String app, String clientKey, String subscription) throws Exception {
    HttpResponse<String> r = tokenCall(app, clientKey, subscription);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return client.getObjectMapper().readTree(r.body());
  }

  private CustomersApi customers() {
    return new CustomersApi(client);
  }

  private static ResourceParameters page(int size, int number) {
    return new ResourceParameters().pageSize(size).pageNumber(number);
  }

  private static Operation op(String op, String path, Object value) {
    return new Operation().op(op).path(path).value(value);
  }

  private CustomerDto createCustomer(String name, String externalRef) throws ApiException {
    return customers().customersPost(new CustomerPostDto().name(name).externalImportReference(externalRef)
        .emailAddress(externalRef.toLowerCase() + "@generated-client.example")
        .mailAddress(new ContactAddressPostDto().addressLine1("Storgata 1").city("Oslo").zipCode("0155").countryCode("NO")));
  }

  @Test
  void generatedClientGetsABearerTokenWithBasicAuthAndTheSubscriptionKey() throws Exception {
    JsonNode ok = requestToken("demo-app", "demo-client", "demo-sub");
    assertThat(ok.path("access_token").asText()).isNotBlank();
    assertThat(ok.path("token_type").asText()).isEqualToIgnoringCase("bearer");
    assertThat(ok.path("expires_in").asLong()).isEqualTo(1200);

    HttpResponse<String> wrongClient = tokenCall("demo-app", "not-the-client", "demo-sub");
    assertThat(wrongClient.statusCode()).isEqualTo(400);
    assertThat(client.getObjectMapper().readTree(wrongClient.body()).path("error").asText()).isEqualTo("invalid_client");
    HttpResponse<String> noSubscription = tokenCall("demo-app", "demo-client", null);
    assertThat(noSubscription.statusCode()).isEqualTo(401);

    client.setRequestInterceptor(b -> b.header("Ocp-Apim-Subscription-Key", "demo-sub"));
    assertThatThrownBy(() -> customers().customersGet(null, null, null, null, null, null, page(10, 1)))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).as("no bearer token").isEqualTo(401));
  }

  @Test
  void generatedClientCreatesACustomerAndReadsItBack() throws Exception {
    CustomerDto created = createCustomer("Generert Fjord AS", "GEN-1");
    assertThat(created.getId()).isPositive();
    assertThat(created.getName()).isEqualTo("Generert Fjord AS");
    assertThat(created.getExternalImportReference()).isEqualTo("GEN-1");
    assertThat(created.getNumber()).as("a customer number is assigned").isNotNull();
    assertThat(created.getMailAddress().getCity()).isEqualTo("Oslo");
    assertThat(created.getLastChangedDateTimeOffset()).isNotNull();

    CustomerDto read = customers().getCustomerById(created.getId());
    assertThat(read.getId()).isEqualTo(created.getId());
    assertThat(read.getName()).isEqualTo("Generert Fjord AS");
    assertThat(read.getEmailAddress()).isEqualTo("gen-1@generated-client.example");
    assertThat(read.getMailAddress().getAddressLine1()).isEqualTo("Storgata 1");
    assertThat(read.getMailAddress().getZipCode()).isEqualTo("0155");
    assertThat(read.getCurrencyCode()).isEqualTo("NOK");
  }

  @Test
  void generatedClientListsCustomersPageByPageAndWithEachFilter() throws Exception {
    List<CustomerDto> made = new ArrayList<>();
    for (int i = 0; i < 25; i++) made.add(createCustomer(String.format("Side %02d AS", i), "PAGE-" + i));

    Set<Long> seen = new HashSet<>();
    List<Integer> sizes = new ArrayList<>();
    for (int n = 1; n <= 4; n++) {
      List<CustomerDto> rows = customers().customersGet(null, null, null, null, null, null, page(10, n));
      sizes.add(rows == null ? 0 : rows.size());
      if (rows != null) rows.forEach(c -> seen.add(c.getId()));
    }
    assertThat(sizes).as("pages of 10; past the end the answer is 204 with no body").containsExactly(10, 10, 5, 0);
    assertThat(seen).hasSize(25);

    List<CustomerDto> byRef = customers().customersGet(null, null, null, "PAGE-7", null, null, new ResourceParameters());
    assertThat(byRef).extracting(CustomerDto::getId).containsExactly(made.get(7).getId());

    long first = made.get(3).getNumber();
    long last = made.get(5).getNumber();
    List<CustomerDto> byNos = customers().customersGet(null, null, first + "-" + last, null, null, null,
        new ResourceParameters().orderBy("Number desc"));
    assertThat(byNos).extracting(CustomerDto::getNumber).containsExactly(last, last - 1, first);

    OffsetDateTime after = made.get(24).getLastChangedDateTimeOffset();
    CustomerDto later = customers().customersIdPatch(made.get(0).getId(), List.of(op("replace", "/Name", "Side 00 Endret AS")));
    assertThat(later.getLastChangedDateTimeOffset()).isAfterOrEqualTo(after);
    List<CustomerDto> changed = customers().customersGet(null, null, null, null, null, after.minusNanos(1000), new ResourceParameters());
    assertThat(changed).extracting(CustomerDto::getId).contains(made.get(0).getId());

    List<CustomerDto> created = customers().customersGet(null, made.get(23).getCustomerCreatedDateTimeOffset(), null, null,
        null, null, new ResourceParameters());
    assertThat(created).extracting(CustomerDto::getId).contains(made.get(24).getId()).doesNotContain(made.get(0).getId());

    List<CustomerDto> narrow = customers().customersGet(null, null, null, "PAGE-9", null, null,
        new ResourceParameters().fields("Id,Name"));
    assertThat(narrow).hasSize(1);
    assertThat(narrow.get(0).getName()).isEqualTo("Side 09 AS");
    assertThat(narrow.get(0).getEmailAddress()).as("only the fields asked for").isNull();
  }

  @Test
  void generatedClientPatchesACustomerWithJsonPatchOperations() throws Exception {
    CustomerDto c = createCustomer("Lapp AS", "PATCH-1");
    CustomerDto patched = customers().customersIdPatch(c.getId(), List.of(
        op("replace", "/Name", "Lappet AS"),
        op("add", "/PhoneNumber", "+47 22 22 22 22"),
        op("replace", "/MailAddress/City", "Bergen"),
        op("remove", "/EmailAddress", null)));
    assertThat(patched.getName()).isEqualTo("Lappet AS");
    assertThat(patched.getPhoneNumber()).isEqualTo("+47 22 22 22 22");
    assertThat(patched.getMailAddress().getCity()).isEqualTo("Bergen");
    assertThat(patched.getEmailAddress()).isNull();

    CustomerDto read = customers().getCustomerById(c.getId());
    assertThat(read.getName()).isEqualTo("Lappet AS");
    assertThat(read.getMailAddress().getCity()).isEqualTo("Bergen");

    assertThatThrownBy(() -> customers().customersIdPatch(c.getId(), List.of(op("replace", "/NoSuchField", "x"))))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.getCode()).isEqualTo(400);
          assertThat(problem(e).path("title").asText()).isNotBlank();
        });
  }

  @Test
  void generatedClientDeletesACustomerAndGetsA404ProblemAfterwards() throws Exception {
    CustomerDto c = createCustomer("Borte AS", "DEL-1");
    customers().customersIdDelete(c.getId());

    assertThatThrownBy(() -> customers().getCustomerById(c.getId()))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.getCode()).isEqualTo(404);
          JsonNode problem = problem(e);
          assertThat(problem.path("status").asInt()).isEqualTo(404);
          assertThat(problem.path("title").asText()).isNotBlank();
        });
    assertThat(customers().customersGet(null, null, null, "DEL-1", null, null, new ResourceParameters())).isNullOrEmpty();
  }

  @Test
  void generatedClientCreatesPatchesListsAndDeletesContactPersonsAndDepartments() throws Exception {
    CustomerDto c = createCustomer("Folk AS", "CP-1");
    ContactPersonsApi persons = new ContactPersonsApi(client);
    ContactPersonDto p = persons.contactPersonsContactIdPost(c.getId(), new ContactPersonPostDto()
        .firstName("Kari").lastName("Nordmann").emailAddress("kari@folk.example").externalCode("CP-KARI"));
    assertThat(p.getId()).isPositive();
    assertThat(p.getContactId()).isEqualTo(c.getId());
    ContactPersonDto patched = persons.contactPersonsContactIdIdPatch(c.getId(), p.getId(),
        List.of(op("replace", "/Title", "Daglig leder")));
    assertThat(patched.getTitle()).isEqualTo("Daglig leder");
    List<ContactPersonDto> listed = persons.contactPersonsGet(String.valueOf(c.getId()), null, null, null, new ResourceParameters());
    assertThat(listed).extracting(ContactPersonDto::getExternalCode).containsExactly("CP-KARI");
    persons.contactPersonsContactIdIdDelete(c.getId(), p.getId());
    assertThatThrownBy(() -> persons.getContactPersonById(c.getId(), p.getId()))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(404));

    DepartmentsApi departments = new DepartmentsApi(client);
    DepartmentDto d = departments.departmentsPost(new DepartmentPostDto().code("GEN-OSL").name("Oslo").isActive(true));
    assertThat(d.getId()).isPositive();
    departments.departmentsIdPatch(d.getId(), List.of(op("replace", "/Name", "Oslo sentrum")));
    List<DepartmentDto> byCode = departments.getDepartments("GEN-OSL", null, null, null, null, null, null, new ResourceParameters());
    assertThat(byCode).extracting(DepartmentDto::getName).containsExactly("Oslo sentrum");
    departments.departmentsIdDelete(d.getId());
    assertThat(departments.getDepartments("GEN-OSL", null, null, null, null, null, null, new ResourceParameters())).isNullOrEmpty();
  }

  private JsonNode problem(ApiException e) {
    try {
      return client.getObjectMapper().readTree(e.getResponseBody());
    } catch (IOException io) {
      throw new AssertionError("not JSON: " + e.getResponseBody(), io);
    }
  }
}
