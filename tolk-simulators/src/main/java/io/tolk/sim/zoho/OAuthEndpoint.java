package io.tolk.sim.zoho;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tolk.sim.common.SimRequest;
import io.tolk.sim.common.SimResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code POST /oauth/v2/token}, the accounts server's refresh-token grant. Parameters come from a form body or the
 * query string (Zoho accepts both). Errors are answered with HTTP 200 and {@code {"error": "..."}}, as observed on
 * the real accounts server (spec §2.2, unconfirmed officially).
 */
public final class OAuthEndpoint {
  static final String SCOPE = "ZohoCRM.modules.ALL ZohoCRM.settings.fields.READ ZohoCRM.settings.modules.READ "
      + "ZohoCRM.notifications.ALL ZohoCRM.coql.READ ZohoSearch.securesearch.READ";

  private final ObjectMapper mapper;
  private final TokenIssuer tokens;
  private final Supplier<String> apiDomain;

  public OAuthEndpoint(ObjectMapper mapper, TokenIssuer tokens, Supplier<String> apiDomain) {
    this.mapper = mapper;
    this.tokens = tokens;
    this.apiDomain = apiDomain;
  }

  public SimResponse token(SimRequest rq) {
    Map<String, String> p = new HashMap<>();
    rq.query().forEach((k, v) -> {
      if (!v.isEmpty()) p.put(k, v.get(0));
    });
    String ct = rq.header("Content-Type");
    if (rq.body().length > 0 && (ct == null || ct.toLowerCase().startsWith("application/x-www-form-urlencoded"))) {
      for (String pair : rq.bodyText().split("&")) {
        if (pair.isEmpty()) continue;
        int eq = pair.indexOf('=');
        String k = decode(eq < 0 ? pair : pair.substring(0, eq));
        String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
        p.put(k, v);
      }
    }
    TokenIssuer.Grant g = tokens.refresh(p.get("grant_type"), p.get("client_id"), p.get("client_secret"), p.get("refresh_token"));
    ObjectNode body = mapper.createObjectNode();
    if (g.error() != null) {
      body.put("error", g.error());
      return SimResponse.json(200, body, mapper);
    }
    body.put("access_token", g.accessToken());
    body.put("scope", SCOPE);
    body.put("api_domain", apiDomain.get());
    body.put("token_type", "Bearer");
    body.put("expires_in", g.expiresInSeconds());
    return SimResponse.json(200, body, mapper);
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }
}
