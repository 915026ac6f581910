package io.tolk.sim.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A response to send. An empty body is sent without a body (Content-Length 0, or none for 204/304). */
public record SimResponse(int status, Map<String, String> headers, byte[] body) {
  public static final String JSON_UTF8 = "application/json; charset=utf-8";

  public SimResponse {
    headers = headers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    body = body == null ? new byte[0] : body;
  }

  /** A JSON response (Content-Type application/json; charset=utf-8). */
  public static SimResponse json(int status, Object jsonValue, ObjectMapper mapper) {
    try {
      return json(status, mapper.writeValueAsBytes(jsonValue));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("simulator: cannot serialise a response body", e);
    }
  }

  /** A JSON response from already-serialised bytes. */
  public static SimResponse json(int status, byte[] jsonBytes) {
    return new SimResponse(status, Map.of("Content-Type", JSON_UTF8), jsonBytes);
  }

  /** A plain-text response. */
  public static SimResponse text(int status, String text) {
    return new SimResponse(status, Map.of("Content-Type", "text/plain; charset=utf-8"), text.getBytes(StandardCharsets.UTF_8));
  }

  /** No body (e.g. 204, 304, a PowerOffice 401). */
  public static SimResponse empty(int status) {
    return new SimResponse(status, Map.of(), new byte[0]);
  }

  /** A copy with this header set (replacing one of the same name, compared ignoring case). */
  public SimResponse withHeader(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>();
    headers.forEach((k, v) -> {
      if (!k.equalsIgnoreCase(name)) {
        h.put(k, v);
      }
    });
    h.put(name, value);
    return new SimResponse(status, h, body);
  }

  /** The value of a header (name case-insensitive), or null. */
  public String header(String name) {
    for (Map.Entry<String, String> e : headers.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name)) {
        return e.getValue();
      }
    }
    return null;
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
