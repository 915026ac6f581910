package io.tolk.sim.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tolk.sim.common.SimOptions;
import io.tolk.sim.poweroffice.PowerOfficeSimulator;
import io.tolk.sim.zoho.ZohoSimulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * PowerOffice tenant n and Zoho org n hold the two halves of one sample world, that of
 * {@link SampleWorld#tenantSeed(int) tenantSeed(n)}, so tolk can sync tenant n against org n as it syncs the
 * default pair; tenant n's world is not tenant 1's.
 */
class TenantWorldsTest {
  private static final int RECORDS = 60;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void tenantNOfBothSimulatorsHoldsTheHalvesOfWorldN() throws Exception {
    SimOptions options = SimOptions.defaults().withRecords(RECORDS).withTenants(2).withNoLimits(true);
    try (PowerOfficeSimulator po = PowerOfficeSimulator.start(options); ZohoSimulator zoho = ZohoSimulator.start(options)) {
      SampleWorld second = SampleWorld.generate(RECORDS, SampleWorld.tenantSeed(2));
      Set<String> inPowerOffice = new HashSet<>();
      Set<String> inZoho = new HashSet<>();
      for (SampleCompany c : second.companies()) {
        if (c.presence() == Presence.POWEROFFICE_ONLY || c.presence() == Presence.BOTH) {
          inPowerOffice.add(c.name());
        }
        if (c.presence().inZoho()) {
          inZoho.add(c.zohoCopy().name());
        }
      }
      Set<String> poNames = poCompanyNames(po, "demo-client-2");
      Set<String> zohoNames = zohoAccountNames(zoho, "demo-refresh-2");
      assertThat(poNames).isEqualTo(inPowerOffice);
      assertThat(zohoNames).containsAll(inZoho);
      assertThat(poNames).as("not the default tenant's world").isNotEqualTo(poCompanyNames(po, "demo-client"));
    }
  }

  private static Set<String> poCompanyNames(PowerOfficeSimulator po, String clientKey) throws Exception {
    String basic = Base64.getEncoder().encodeToString(("demo-app:" + clientKey).getBytes(StandardCharsets.UTF_8));
    String token = JSON.readTree(send(HttpRequest.newBuilder(URI.create(po.tokenUrl()))
        .header("Authorization", "Basic " + basic).header("Ocp-Apim-Subscription-Key", "demo-sub")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")))).path("access_token").asText();
    Set<String> names = new HashSet<>();
    for (JsonNode c : JSON.readTree(send(HttpRequest.newBuilder(URI.create(po.apiUrl() + "/Customers"))
        .header("Authorization", "Bearer " + token).header("Ocp-Apim-Subscription-Key", "demo-sub")))) {
      if (!c.path("IsPerson").asBoolean()) {
        names.add(c.path("Name").asText());
      }
    }
    return names;
  }

  private static Set<String> zohoAccountNames(ZohoSimulator zoho, String refreshToken) throws Exception {
    String token = JSON.readTree(send(HttpRequest.newBuilder(URI.create(zoho.baseUrl() + "/oauth/v2/token"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&client_id=demo-client"
            + "&client_secret=demo-secret&refresh_token=" + refreshToken)))).path("access_token").asText();
    Set<String> names = new HashSet<>();
    for (JsonNode a : JSON.readTree(send(HttpRequest.newBuilder(URI.create(zoho.baseUrl()
        + "/crm/v8/Accounts?fields=Account_Name&per_page=200")).header("Authorization", "Zoho-oauthtoken " + token)))
        .path("data")) {
      names.add(a.path("Account_Name").asText());
    }
    return names;
  }

  private static String send(HttpRequest.Builder b) throws Exception {
    HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return r.body();
  }
}
