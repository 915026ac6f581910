package io.tolk.sim.common;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One HTTP request as the simulator sees it. The path is URL-decoded; query values are URL-decoded
 * ({@code +} is a space, as in ASP.NET and Zoho). Header lookup is case-insensitive.
 */
public record SimRequest(String method, String path, Map<String, List<String>> query, Map<String, List<String>> headers,
                         byte[] body) {
  public SimRequest {
    query = query == null ? Map.of() : query;
    headers = headers == null ? Map.of() : headers;
    body = body == null ? new byte[0] : body;
  }

  /** First value of the query parameter with exactly this name, or null. */
  public String query(String name) {
    List<String> v = query.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  /** First value of the query parameter whose name equals this one ignoring case, or null. */
  public String queryIgnoreCase(String name) {
    String exact = query(name);
    if (exact != null) {
      return exact;
    }
    for (Map.Entry<String, List<String>> e : query.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
        return e.getValue().get(0);
      }
    }
    return null;
  }

  /** First value of the header, name case-insensitive, or null. */
  public String header(String name) {
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
        return e.getValue().get(0);
      }
    }
    return null;
  }

  /** The body as UTF-8 text. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
