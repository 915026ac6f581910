package io.tolk.sim.zoho;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** The current user and the org, which Zoho's official SDKs ask for right after their first token refresh. */
class ZohoOrgAndUsersTest extends ZohoSimTestBase {

  @Test
  void currentUserIsTheOrgAdministratorWhoOwnsEveryRecord() {
    ZohoHttp.Resp r = http.get("/crm/v8/users?type=CurrentUser");
    assertThat(r.status()).isEqualTo(200);
    JsonNode u = r.json().path("users").path(0);
    assertThat(r.json().path("users").size()).isEqualTo(1);
    assertThat(u.path("id").asText()).isEqualTo(ZohoUser.ADMIN.id());
    assertThat(u.path("email").asText()).isEqualTo(ZohoUser.ADMIN.email());
    assertThat(u.path("full_name").asText()).isEqualTo(ZohoUser.ADMIN.name());
    assertThat(u.path("status").asText()).isEqualTo("active");
    assertThat(u.path("profile").path("name").asText()).isEqualTo("Administrator");
    String accountId = account("Fjord AS");
    assertThat(http.get("/crm/v8/Accounts/" + accountId).item(0).path("Owner").path("id").asText())
        .isEqualTo(u.path("id").asText());
  }

  @Test
  void userListsSelectTheAdminOrAreEmptyAndAnUnknownTypeIsInvalidData() {
    assertThat(http.get("/crm/v8/users?type=ActiveUsers").json().path("users").path(0).path("id").asText())
        .isEqualTo(ZohoUser.ADMIN.id());
    assertThat(http.get("/crm/v8/users").json().path("users").size()).isEqualTo(1);
    assertThat(http.get("/crm/v8/users?type=DeactiveUsers").status()).isEqualTo(204);
    ZohoHttp.Resp bad = http.get("/crm/v8/users?type=Everyone");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().path("code").asText()).isEqualTo("INVALID_DATA");
    assertThat(bad.json().path("details").path("param_name").asText()).isEqualTo("type");
  }

  @Test
  void orgNamesItsZgidAndTheOrgTimeZone() {
    ZohoHttp.Resp r = http.get("/crm/v8/org");
    assertThat(r.status()).isEqualTo(200);
    JsonNode o = r.json().path("org").path(0);
    assertThat(o.path("zgid").asText()).isNotBlank();
    assertThat(o.path("id").asText()).isNotBlank();
    assertThat(o.path("time_zone").asText()).isEqualTo(sim.settings().timeZone().getId());
    assertThat(o.path("primary_email").asText()).isEqualTo(ZohoUser.ADMIN.email());
  }

  @Test
  void bothNeedAZohoOauthtokenLikeEveryApiCall() {
    ZohoOAuthTest.assertInvalidToken(http.raw("GET", "/crm/v8/users?type=CurrentUser", null));
    ZohoOAuthTest.assertInvalidToken(http.raw("GET", "/crm/v8/org", null, "Authorization", "Bearer " + http.token()));
  }
}
