package io.tolk.sim.poweroffice;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tolk.sim.common.ErrorShapes;
import io.tolk.sim.common.SimException;
import io.tolk.sim.common.SimRequest;
import io.tolk.sim.common.SimResponse;
import java.util.List;
import java.util.Map;

/**
 * PowerOffice's error bodies: RFC 7807 ProblemDetails with lowercase keys type/title/status/detail (ASP.NET's
 * serialisation; the document's schema shows PascalCase but every example is lowercase), APIM's JSON for 401/429
 * from the gateway, and an empty body for 401 from the API itself.
 */
final class Problems implements ErrorShapes {
  static final String TYPE_400 = "https://tools.ietf.org/html/rfc9110#section-15.5.1";
  static final String TYPE_404 = "https://tools.ietf.org/html/rfc9110#section-15.5.5";
  static final String TYPE_409 = "https://tools.ietf.org/html/rfc9110#section-15.5.10";
  static final String TYPE_415 = "https://tools.ietf.org/html/rfc9110#section-15.5.16";
  static final String TYPE_405 = "https://tools.ietf.org/html/rfc9110#section-15.5.6";
  static final String TYPE_500 = "https://tools.ietf.org/html/rfc9110#section-15.6.1";
  static final String INVALID_RESOURCE_PARAMETER = "Invalid resourceParameter";
  static final String BINDING_TITLE = "One or more validation errors occurred.";
  static final String NOT_FOUND_TITLE = "Object(s) not found";

  private final ObjectMapper mapper;

  Problems(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  SimResponse problem(int status, String type, String title, String detail) {
    ObjectNode n = mapper.createObjectNode();
    n.put("type", type);
    n.put("title", title);
    n.put("status", status);
    n.put("detail", detail);
    // the official document declares application/json for ProblemDetails (ASP.NET itself would say application/problem+json)
    return SimResponse.json(status, n, mapper);
  }

  /** 400 "<Entity> validation error(s)". */
  SimException validation(String entity, String detail) {
    return new SimException(problem(400, TYPE_400, entity + " validation error(s)", detail));
  }

  /** 400 "Invalid resourceParameter" (paging, Fields, OrderBy). */
  SimException resourceParameter(String detail) {
    return new SimException(problem(400, TYPE_400, INVALID_RESOURCE_PARAMETER, detail));
  }

  /** 400 from model binding: a query parameter or a JSON value that cannot be converted. Names the field. */
  SimException binding(String field, String message) {
    ObjectNode n = mapper.createObjectNode();
    n.put("type", TYPE_400);
    n.put("title", BINDING_TITLE);
    n.put("status", 400);
    n.put("detail", field + ": " + message);
    n.putObject("errors").putArray(field).add(message);
    return new SimException(SimResponse.json(400, n, mapper));
  }

  /** 404 "Object(s) not found", e.g. "Customer with id = 12345 not found.". */
  SimException notFound(String detail) {
    return new SimException(problem(404, TYPE_404, NOT_FOUND_TITLE, detail));
  }

  /** 409 "<Entity> conflict". */
  SimException conflict(String entity, String detail) {
    return new SimException(problem(409, TYPE_409, entity + " conflict", detail));
  }

  SimException unsupportedMediaType(String detail) {
    return new SimException(problem(415, TYPE_415, "Unsupported Media Type", detail));
  }

  /** APIM gateway JSON, e.g. 401 missing subscription key or 429. */
  SimResponse apim(int status, Object statusCode, String message) {
    return SimResponse.json(status, Map.of("statusCode", statusCode, "message", message), mapper);
  }

  SimResponse rateLimited(boolean tokenEndpoint) {
    // the official auth document shows statusCode as the string "429"; APIM's usual body has a number
    return apim(429, tokenEndpoint ? "429" : 429, "Rate limit is exceeded. Try again in 1 seconds.")
        .withHeader("Retry-After", "1");
  }

  @Override
  public SimResponse throttled(SimRequest request) {
    return rateLimited(isTokenPath(request.path()));
  }

  @Override
  public SimResponse serverError(SimRequest request, int status) {
    if (status == 503) {
      return problem(503, "https://tools.ietf.org/html/rfc9110#section-15.6.4", "Service Unavailable",
          "The service is temporarily unavailable. Please try again later.");
    }
    return problem(status, TYPE_500, "An error occurred while processing your request.",
        "Internal server error.");
  }

  @Override
  public SimResponse notFound(SimRequest request) {
    if (!request.path().toLowerCase().startsWith("/v2/") && !isTokenPath(request.path())) {
      // APIM answers paths outside any API itself
      return apim(404, 404, "Resource not found");
    }
    return problem(404, TYPE_404, "Not Found", "No resource matches " + request.method() + " " + request.path() + ".");
  }

  @Override
  public SimResponse methodNotAllowed(SimRequest request) {
    return problem(405, TYPE_405, "Method Not Allowed",
        "The method " + request.method() + " is not allowed on " + request.path() + ".");
  }

  @Override
  public SimResponse malformed(SimRequest request, String problem) {
    return binding("$", problem).response();
  }

  static boolean isTokenPath(String path) {
    String p = path.toLowerCase();
    return p.equals("/oauth/token") || p.equals("/demo/oauth/token");
  }

  static List<String> none() {
    return List.of();
  }
}
