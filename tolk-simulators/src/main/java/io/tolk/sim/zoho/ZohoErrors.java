package io.tolk.sim.zoho;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tolk.sim.common.ErrorShapes;
import io.tolk.sim.common.SimException;
import io.tolk.sim.common.SimRequest;
import io.tolk.sim.common.SimResponse;

/**
 * Zoho's error envelope {@code {"code","details","message","status":"error"}}, for whole responses and per-record
 * items. Messages are taken from the enum in Zoho's OpenAPI {@code API_Exception} where one fits.
 */
public final class ZohoErrors implements ErrorShapes {
  public static final String INVALID_DATA_MESSAGE = "invalid data";
  public static final String INVALID_ID_MESSAGE = "the id given seems to be invalid";
  public static final String MANDATORY_MESSAGE = "required field not found";

  private final ObjectMapper mapper;

  public ZohoErrors(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** An error item / body. {@code details} may be null (rendered as {}). */
  public ObjectNode item(String code, String message, ObjectNode details) {
    ObjectNode n = mapper.createObjectNode();
    n.put("code", code);
    n.set("details", details == null ? mapper.createObjectNode() : details);
    n.put("message", message);
    n.put("status", "error");
    return n;
  }

  public ObjectNode details() {
    return mapper.createObjectNode();
  }

  /** {@code {"api_name": field, "json_path": "$.data[i].field"}}. */
  public ObjectNode fieldDetails(String field, int index) {
    ObjectNode d = mapper.createObjectNode();
    d.put("api_name", field);
    d.put("json_path", "$.data[" + index + "]." + field);
    return d;
  }

  public SimResponse response(int status, String code, String message, ObjectNode details) {
    return SimResponse.json(status, item(code, message, details), mapper);
  }

  /** An exception carrying a whole-request error response. */
  public SimException fail(int status, String code, String message, ObjectNode details) {
    return new SimException(response(status, code, message, details));
  }

  /** 400 for a bad query parameter, naming it. */
  public SimException badParam(String code, String message, String param) {
    ObjectNode d = details();
    d.put("param_name", param);
    d.put("param", param);
    return fail(400, code, message, d);
  }

  /** 400 REQUIRED_PARAM_MISSING for a missing query parameter. */
  public SimException missingParam(String param) {
    return badParam("REQUIRED_PARAM_MISSING", "One of the expected parameter is missing", param);
  }

  /** 400 INVALID_DATA for a body that is not what the endpoint takes. */
  public SimException badBody(String problem) {
    ObjectNode d = details();
    d.put("reason", problem);
    return fail(400, "INVALID_DATA", INVALID_DATA_MESSAGE, d);
  }

  public SimResponse invalidToken() {
    return response(401, "INVALID_TOKEN", "invalid oauth token", null);
  }

  @Override
  public SimResponse throttled(SimRequest request) {
    return response(429, "TOO_MANY_REQUESTS",
        "Number of API requests for the 24 hour period is exceeded or the concurrency limit of the user for the app is exceeded",
        null);
  }

  @Override
  public SimResponse serverError(SimRequest request, int status) {
    return response(status, "INTERNAL_ERROR", "Internal server error occurred.", null);
  }

  @Override
  public SimResponse notFound(SimRequest request) {
    return response(404, "INVALID_URL_PATTERN", "Please check if the URL trying to access is a correct one", null);
  }

  @Override
  public SimResponse methodNotAllowed(SimRequest request) {
    return response(405, "INVALID_REQUEST_METHOD", "The http request method type is not a valid one", null);
  }

  @Override
  public SimResponse malformed(SimRequest request, String problem) {
    ObjectNode d = details();
    d.put("reason", problem);
    if (problem != null && problem.contains("larger than")) return response(413, "INVALID_DATA", INVALID_DATA_MESSAGE, d);
    return response(400, "INVALID_DATA", INVALID_DATA_MESSAGE, d);
  }
}
