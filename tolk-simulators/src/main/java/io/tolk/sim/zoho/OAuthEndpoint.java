package io.tolk.sim.zoho;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tolk.sim.common.SimRequest;
import io.tolk.sim.common.SimResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code POST /oauth/v2/token}, the accounts server's refresh-token grant. Parameters come from the query string or
 * a form body, url-encoded or multipart (Zoho's official SDKs send multipart/form-data; see {@link FormBody}); a body
 * value wins over a query value of the same name. A body of any other content type is not read, so a call whose
 * parameters are only there is refused as if they were missing. Errors are answered with HTTP 200 and {@code {"error": "..."}}, as observed on
 * the real accounts server (spec §2.2, unconfirmed officially).
 */
public final class OAuthEndpoint {
  static final String SCOPE = "ZohoCRM.modules.ALL ZohoCRM.settings.fields.READ ZohoCRM.settings.modules.READ "
      + "ZohoCRM.notifications.ALL ZohoCRM.coql.READ ZohoCRM.users.READ ZohoSearch.securesearch.READ";

  private final ObjectMapper mapper;
  private final java.util.function.Function<String, TokenIssuer> issuers;
  private final Supplier<String> apiDomain;

  public OAuthEndpoint(ObjectMapper mapper, TokenIssuer tokens, Supplier<String> apiDomain) {
    this(mapper, refreshToken -> tokens, apiDomain);
  }

  /** @param issuers the issuer of the org a refresh token (maybe null or unknown) belongs to; never null itself */
  public OAuthEndpoint(ObjectMapper mapper, java.util.function.Function<String, TokenIssuer> issuers,
                       Supplier<String> apiDomain) {
    this.mapper = mapper;
    this.issuers = issuers;
    this.apiDomain = apiDomain;
  }

  /** The token call's parameters: the query's, then the form body's (which win). */
  static Map<String, String> parameters(SimRequest rq) {
    Map<String, String> p = new HashMap<>();
    rq.query().forEach((k, v) -> {
      if (!v.isEmpty()) p.put(k, v.get(0));
    });
    if (rq.body().length > 0) {
      Map<String, String> form = FormBody.parse(rq.header("Content-Type"), rq.body());
      if (form != null) p.putAll(form); // a body of another type (JSON, text) is not read: its parameters are not seen
    }
    return p;
  }

  public SimResponse token(SimRequest rq) {
    Map<String, String> p = parameters(rq);
    TokenIssuer tokens = issuers.apply(p.get("refresh_token"));
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
}
