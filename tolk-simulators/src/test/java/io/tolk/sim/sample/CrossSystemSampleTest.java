package io.tolk.sim.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tolk.sim.common.SimOptions;
import io.tolk.sim.poweroffice.PowerOfficeSimulator;
import io.tolk.sim.zoho.ZohoSimulator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Both simulators started with the same {@code --records N} hold the two halves of one sample world: the shared
 * companies and persons appear on both sides (same names, same e-mails), and the deliberate ambiguities are there
 * across the two (a company name twice, a department named like a company, an e-mail shared by two persons, a Zoho
 * copy that differs slightly). Read over the real APIs.
 */
class CrossSystemSampleTest {
  private static final int RECORDS = 200;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static PowerOfficeSimulator po;
  private static ZohoSimulator zoho;
  private static List<JsonNode> poCustomers;
  private static List<JsonNode> poDepartments;
  private static List<JsonNode> zohoAccounts;
  private static List<JsonNode> zohoContacts;
  private static SampleWorld world;

  @BeforeAll
  static void startBoth() throws Exception {
    po = PowerOfficeSimulator.start(SimOptions.defaults().withRecords(RECORDS).withNoLimits(true));
    zoho = ZohoSimulator.start(SimOptions.defaults().withRecords(RECORDS).withNoLimits(true));
    String poToken = json(send(HttpRequest.newBuilder(URI.create(po.tokenUrl()))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("demo-app:demo-client".getBytes(StandardCharsets.UTF_8)))
        .header("Ocp-Apim-Subscription-Key", "demo-sub").header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")))).path("access_token").asText();
    poCustomers = list(json(send(poGet("/Customers", poToken))));
    poDepartments = list(json(send(poGet("/Departments", poToken))));
    String zohoToken = json(send(HttpRequest.newBuilder(URI.create(zoho.baseUrl() + "/oauth/v2/token"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&client_id=demo-client&client_secret=demo-secret"
            + "&refresh_token=demo-refresh")))).path("access_token").asText();
    zohoAccounts = zohoAll("Accounts", "Account_Name,Phone,Billing_Country", zohoToken);
    zohoContacts = zohoAll("Contacts", "First_Name,Last_Name,Email,Phone", zohoToken);
    world = SampleWorld.generate(RECORDS, SampleWorld.SEED);
  }

  @AfterAll
  static void stopBoth() {
    if (po != null) po.close();
    if (zoho != null) zoho.close();
  }

  private static HttpRequest.Builder poGet(String path, String token) {
    return HttpRequest.newBuilder(URI.create(po.apiUrl() + path)).header("Authorization", "Bearer " + token)
        .header("Ocp-Apim-Subscription-Key", "demo-sub");
  }

  private static List<JsonNode> zohoAll(String module, String fields, String token) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (int page = 1; page <= 10; page++) {
      HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(zoho.baseUrl() + "/crm/v8/" + module + "?fields="
          + fields + "&per_page=200&page=" + page)).header("Authorization", "Zoho-oauthtoken " + token));
      if (r.statusCode() == 204) break;
      JsonNode body = json(r);
      out.addAll(list(body.path("data")));
      if (!body.path("info").path("more_records").asBoolean()) break;
    }
    return out;
  }

  private static HttpResponse<String> send(HttpRequest.Builder b) throws IOException, InterruptedException {
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> r) throws IOException {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private static List<JsonNode> list(JsonNode array) {
    List<JsonNode> l = new ArrayList<>();
    array.forEach(l::add);
    return l;
  }

  private static String norm(String s) {
    return s == null ? null : s.trim().toLowerCase(Locale.ROOT);
  }

  private static long poCompaniesNamed(String name) {
    return poCustomers.stream().filter(c -> !c.path("IsPerson").asBoolean())
        .filter(c -> norm(name).equals(norm(c.path("Name").asText()))).count();
  }

  private static long zohoAccountsNamed(String name) {
    return zohoAccounts.stream().filter(a -> norm(name).equals(norm(a.path("Account_Name").asText()))).count();
  }

  private static long poPersonsWithEmail(String email) {
    return poCustomers.stream().filter(c -> c.path("IsPerson").asBoolean())
        .filter(c -> email.equalsIgnoreCase(c.path("EmailAddress").asText())).count();
  }

  private static long zohoContactsWithEmail(String email) {
    return zohoContacts.stream().filter(c -> email.equalsIgnoreCase(c.path("Email").asText())).count();
  }

  @Test
  void sharedCompaniesAndPersonsAppearOnBothSidesUnderTheSameNameAndEmail() {
    List<SampleCompany> shared = world.companies().stream().filter(c -> c.presence() == Presence.BOTH).toList();
    List<SamplePerson> sharedPersons = world.persons().stream().filter(p -> p.presence() == Presence.BOTH).toList();
    assertThat(shared).hasSizeGreaterThan(20);
    assertThat(sharedPersons).hasSizeGreaterThan(15);
    for (SampleCompany c : shared) {
      assertThat(poCompaniesNamed(c.name())).as("PowerOffice customer %s", c.name()).isPositive();
      assertThat(zohoAccountsNamed(c.name())).as("Zoho Account %s", c.name()).isPositive();
    }
    for (SamplePerson p : sharedPersons) {
      assertThat(poPersonsWithEmail(p.email())).as("PowerOffice person %s", p.email()).isPositive();
      assertThat(zohoContactsWithEmail(p.email())).as("Zoho Contact %s", p.email()).isPositive();
    }
    for (SampleCompany c : world.companies()) {
      if (c.presence() == Presence.POWEROFFICE_ONLY && world.companies().stream().filter(o -> o != c)
          .noneMatch(o -> norm(o.name()).equals(norm(c.name()))) && !c.name().equals(world.companies().get(0).name())) {
        assertThat(zohoAccountsNamed(c.name())).as("PowerOffice-only %s is not in Zoho", c.name()).isZero();
      }
    }
  }

  @Test
  void aCompanyNameUsedTwiceIsAmbiguousAcrossTheTwoSystems() {
    String twice = world.companies().get(3).name();
    assertThat(norm(world.companies().get(7).name())).isEqualTo(norm(twice));
    long onPo = poCompaniesNamed(twice);
    long onZoho = zohoAccountsNamed(twice);
    assertThat(onPo + onZoho).as("PowerOffice %s, Zoho %s", onPo, onZoho).isGreaterThanOrEqualTo(3);
    assertThat(onPo).isPositive();
    assertThat(onZoho).isPositive();
  }

  @Test
  void aDepartmentNamedLikeACompanyMeetsThatCompanyAcrossTheTwoSystems() {
    String name = world.companies().get(0).name();
    assertThat(poDepartments).anyMatch(d -> name.equals(d.path("Name").asText()));
    assertThat(poCompaniesNamed(name)).isPositive();
    assertThat(zohoAccountsNamed(name)).as("a Zoho Account that could be either").isPositive();
  }

  @Test
  void anEmailSharedByTwoPersonsIsAmbiguousAcrossTheTwoSystems() {
    String email = world.persons().get(2).email();
    assertThat(world.persons().get(5).email()).isEqualTo(email);
    long onPo = poPersonsWithEmail(email);
    long onZoho = zohoContactsWithEmail(email);
    assertThat(onPo + onZoho).as("PowerOffice %s, Zoho %s", onPo, onZoho).isGreaterThanOrEqualTo(3);
    assertThat(onPo).isPositive();
    assertThat(onZoho).isPositive();
  }

  @Test
  void aSharedCompanyWhoseZohoCopyDiffersShowsTheDifference() {
    SampleCompany differs = world.companies().stream().filter(c -> !c.zohoCopy().equals(c)).findFirst().orElseThrow();
    SampleCompany copy = differs.zohoCopy();
    JsonNode inPo = poCustomers.stream().filter(c -> differs.name().equals(c.path("Name").asText())).findFirst().orElseThrow();
    JsonNode inZoho = zohoAccounts.stream().filter(a -> differs.name().equals(a.path("Account_Name").asText()))
        .findFirst().orElseThrow();
    boolean phoneDiffers = !inPo.path("PhoneNumber").asText().equals(inZoho.path("Phone").asText());
    boolean countryDiffers = !inPo.path("MailAddress").path("CountryCode").asText().equals(inZoho.path("Billing_Country").asText());
    assertThat(phoneDiffers || countryDiffers).as("PowerOffice %s / Zoho %s", inPo, inZoho).isTrue();
    assertThat(inZoho.path("Phone").asText()).isEqualTo(copy.phone());
  }

  @Test
  void bothSimulatorsBuildTheirSampleFromTheOneSharedSeed() {
    assertThat(PowerOfficeSimulator.SAMPLE_SEED).isEqualTo(SampleWorld.SEED);
    long poCompanies = poCustomers.stream().filter(c -> !c.path("IsPerson").asBoolean()).count();
    assertThat(poCompanies).isEqualTo(world.companies().stream().filter(c -> c.presence().inPowerOffice()).count());
    long zohoFromCompanies = world.companies().stream().filter(c -> c.presence().inZoho()).count();
    long zohoFromDepartments = world.departments().stream().filter(d -> d.presence() == Presence.BOTH).count();
    assertThat((long) zohoAccounts.size()).isEqualTo(zohoFromCompanies + zohoFromDepartments);
    assertThat((long) zohoContacts.size()).isEqualTo(world.persons().stream().filter(p -> p.presence().inZoho()).count());
  }
}
