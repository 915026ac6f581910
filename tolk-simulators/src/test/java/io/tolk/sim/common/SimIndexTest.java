package io.tolk.sim.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tolk.sim.poweroffice.PowerOfficeCredentials;
import io.tolk.sim.poweroffice.PowerOfficeSimulator;
import io.tolk.sim.zoho.ZohoCredentials;
import io.tolk.sim.zoho.ZohoSimulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The base URL and the API root of each simulator answer a browser with a short JSON index instead of a 404. */
class SimIndexTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static HttpResponse<String> get(String url) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode index(String url) throws Exception {
    HttpResponse<String> r = get(url);
    assertThat(r.statusCode()).as(url + ": " + r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    return new ObjectMapper().readTree(r.body());
  }

  @Test
  void powerOfficeBaseUrlAndApiRootDescribeTheSimulator() throws Exception {
    try (PowerOfficeSimulator sim = PowerOfficeSimulator.start(SimOptions.defaults())) {
      for (String url : new String[] {sim.baseUrl(), sim.baseUrl() + "/", sim.apiUrl()}) {
        JsonNode index = index(url);
        assertThat(index.path("name").asText()).contains("PowerOffice Go");
        assertThat(index.path("apiRoot").asText()).isEqualTo(sim.apiUrl());
        assertThat(index.path("tokenEndpoint").asText()).isEqualTo(sim.tokenUrl());
        assertThat(index.path("credentials").path("POWEROFFICE_APPLICATION_KEY").asText()).isEqualTo("demo-app");
        assertThat(index.path("credentials").path("POWEROFFICE_SUBSCRIPTION_KEY").asText()).isEqualTo("demo-sub");
        assertThat(index.path("admin").toString()).contains("GET /__sim/counters", "POST /__sim/fixtures");
      }
      assertThat(sim.counters().reads() + sim.counters().writes()).as("the index is not an API call").isZero();
    }
  }

  @Test
  void zohoBaseUrlAndApiRootDescribeTheSimulator() throws Exception {
    try (ZohoSimulator sim = ZohoSimulator.start(SimOptions.defaults())) {
      for (String url : new String[] {sim.baseUrl(), sim.baseUrl() + "/crm/v8"}) {
        JsonNode index = index(url);
        assertThat(index.path("name").asText()).contains("Zoho CRM");
        assertThat(index.path("apiRoot").asText()).isEqualTo(sim.baseUrl() + "/crm/v8");
        assertThat(index.path("tokenEndpoint").asText()).isEqualTo(sim.baseUrl() + "/oauth/v2/token");
        assertThat(index.path("credentials").path("ZOHO_CLIENT_SECRET").asText()).isEqualTo("demo-secret");
        assertThat(index.path("admin").toString()).contains("GET /__sim/counters", "GET /__sim/limits",
            "POST /__sim/restore");
      }
      assertThat(get(sim.baseUrl() + "/crm/v8/Nope").statusCode()).as("other paths keep the API's answers")
          .isEqualTo(400);
    }
  }

  @Test
  void credentialsOtherThanTheDemoOnesAreNotShown() throws Exception {
    try (PowerOfficeSimulator po = PowerOfficeSimulator.start(SimOptions.defaults(),
            new PowerOfficeCredentials("my-app", "my-client", "my-sub", null));
         ZohoSimulator zoho = ZohoSimulator.start(SimOptions.defaults(), new ZohoCredentials("id", "s3cret", "r3fresh"))) {
      String poIndex = index(po.baseUrl()).toString();
      String zohoIndex = index(zoho.baseUrl()).toString();
      assertThat(poIndex).contains("POWEROFFICE_CLIENT_KEY").doesNotContain("my-app", "my-client", "my-sub");
      assertThat(zohoIndex).contains("ZOHO_CLIENT_SECRET").doesNotContain("s3cret", "r3fresh");
    }
  }
}
