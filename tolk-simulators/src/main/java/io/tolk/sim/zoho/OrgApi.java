package io.tolk.sim.zoho;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tolk.sim.common.SimRequest;
import io.tolk.sim.common.SimResponse;
import java.time.ZoneId;
import java.util.Set;

/**
 * Who the token belongs to: {@code GET /crm/v8/users} and {@code GET /crm/v8/org}. Zoho's official SDKs call
 * {@code /users?type=CurrentUser} and then {@code /org} right after their first token refresh (unless built with
 * {@code findUser(false)}) and name the token "e-mail:zgid" from the two answers, so a client's first run asks for
 * both before any record call.
 * <ul>
 *   <li>users: the org's one user ({@link ZohoUser#ADMIN}, an active, confirmed administrator). Types that select the
 *       admin answer it; the deactivated, unconfirmed and deleted lists are empty (204); any other {@code type} is
 *       400 INVALID_DATA naming the parameter.</li>
 *   <li>org: one org, with its id, {@code zgid}, name, the admin's e-mail and the settings' time zone.</li>
 * </ul>
 */
final class OrgApi {
  static final String ORG_ID = "4876876000000000011";
  static final String ZGID = "20099876543";

  private static final Set<String> SELECTS_ADMIN = Set.of("AllUsers", "ActiveUsers", "ConfirmedUsers", "AdminUsers",
      "ActiveConfirmedUsers", "ActiveConfirmedAdmins", "CurrentUser");
  private static final Set<String> EMPTY = Set.of("DeactiveUsers", "NotConfirmedUsers", "DeletedUsers");

  private final ObjectMapper mapper;
  private final ZohoErrors errors;
  private final ZoneId timeZone;

  OrgApi(ObjectMapper mapper, ZohoErrors errors, ZoneId timeZone) {
    this.mapper = mapper;
    this.errors = errors;
    this.timeZone = timeZone;
  }

  SimResponse org(SimRequest rq) {
    ObjectNode body = mapper.createObjectNode();
    ObjectNode o = body.putArray("org").addObject();
    o.put("id", ORG_ID);
    o.put("zgid", ZGID);
    o.put("company_name", "Tolk Simulated Org");
    o.put("primary_email", ZohoUser.ADMIN.email());
    o.put("time_zone", timeZone.getId());
    o.put("country_code", "NO");
    o.put("currency", "Norwegian Krone - NOK");
    o.put("iso_code", "NOK");
    o.put("type", "production");
    return SimResponse.json(200, body, mapper);
  }

  SimResponse users(SimRequest rq) {
    String type = rq.query("type");
    if (type == null) type = "AllUsers";
    if (EMPTY.contains(type)) return SimResponse.empty(204);
    if (!SELECTS_ADMIN.contains(type)) throw errors.badParam("INVALID_DATA", ZohoErrors.INVALID_DATA_MESSAGE, "type");
    ObjectNode body = mapper.createObjectNode();
    ObjectNode u = body.putArray("users").addObject();
    ZohoUser admin = ZohoUser.ADMIN;
    int space = admin.name().indexOf(' ');
    u.put("id", admin.id());
    u.put("first_name", space < 0 ? null : admin.name().substring(0, space));
    u.put("last_name", space < 0 ? admin.name() : admin.name().substring(space + 1));
    u.put("full_name", admin.name());
    u.put("email", admin.email());
    u.put("status", "active");
    u.put("confirm", true);
    ObjectNode role = u.putObject("role");
    role.put("name", "CEO");
    role.put("id", "4876876000000000231");
    ObjectNode profile = u.putObject("profile");
    profile.put("name", "Administrator");
    profile.put("id", "4876876000000000237");
    ObjectNode info = body.putObject("info");
    info.put("per_page", 200);
    info.put("count", 1);
    info.put("page", 1);
    info.put("more_records", false);
    return SimResponse.json(200, body, mapper);
  }
}
