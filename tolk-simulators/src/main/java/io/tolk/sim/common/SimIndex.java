package io.tolk.sim.common;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a simulator says about itself at its base URL and its API root (where the real service has nothing to show):
 * its name, the API root and token endpoint, the tolk.yaml environment variables its credentials go in (with the
 * demo values it accepts), and its test-only {@code /__sim} endpoints. Read by people in a browser or with curl.
 *
 * @param name          e.g. {@code PowerOffice Go v2 API simulator}
 * @param apiRootPath   e.g. {@code /v2}
 * @param tokenPath     e.g. {@code /OAuth/Token}
 * @param credentials   environment variable name to the value the simulator accepts, in tolk.yaml's order
 * @param demo          whether those are the documented demo credentials (otherwise their values are not shown)
 */
public record SimIndex(String name, String apiRootPath, String tokenPath, Map<String, String> credentials,
                       boolean demo) {
  public SimIndex {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(apiRootPath, "apiRootPath");
    Objects.requireNonNull(tokenPath, "tokenPath");
    credentials = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(credentials));
  }

  /** The JSON object, with absolute URLs below {@code baseUrl} and the given admin endpoints. */
  Map<String, Object> describe(String baseUrl, List<String> adminEndpoints) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("simulator", true);
    m.put("apiRoot", baseUrl + apiRootPath);
    m.put("tokenEndpoint", baseUrl + tokenPath);
    Map<String, String> creds = new LinkedHashMap<>();
    credentials.forEach((env, value) -> creds.put(env, demo ? value : "(the value given when the simulator was started)"));
    m.put("credentials", creds);
    m.put("credentialsNote", "tolk.yaml takes these as ${ENV_VAR}s; " + (demo ? "these are the demo credentials"
        : "this simulator was started with its own credentials"));
    m.put("admin", adminEndpoints);
    m.put("adminNote", "/__sim is the simulator's test API, not part of the real service");
    return m;
  }
}
