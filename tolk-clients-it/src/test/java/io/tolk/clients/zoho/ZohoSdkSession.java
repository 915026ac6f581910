package io.tolk.clients.zoho;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tolk.clients.ClientPrerequisites;
import io.tolk.sim.common.SimOptions;
import io.tolk.sim.zoho.ZohoCredentials;
import io.tolk.sim.zoho.ZohoSettings;
import io.tolk.sim.zoho.ZohoSimulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * A Zoho simulator started in-process (demo credentials, limits on) and the official SDK driven against it through
 * its custom-environment setting: API URL and accounts URL both the simulator's base URL. The SDK's work folder
 * (tokens, log, field files) is {@code target/zoho-sdk-work/<name>}, emptied first.
 */
final class ZohoSdkSession implements AutoCloseable {
  static final HttpClient HTTP = HttpClient.newHttpClient();

  final ZohoSimulator sim;
  final SdkDriver sdk;

  private ZohoSdkSession(ZohoSimulator sim, SdkDriver sdk) {
    this.sim = sim;
    this.sdk = sdk;
  }

  /** Starts both, or fails / skips (see {@link ClientPrerequisites}) when the SDK cannot be had. */
  static ZohoSdkSession start(String name, UnaryOperator<ZohoSettings> settings) {
    ZohoSdkInstall.Outcome install = ZohoSdkInstall.get();
    if (!install.ready()) ClientPrerequisites.missing("Zoho's official SDK cannot be had: " + install.unavailable());
    ZohoSimulator sim = ZohoSimulator.start(SimOptions.defaults(), ZohoCredentials.demo(),
        settings.apply(ZohoSettings.defaults()));
    try {
      Path work = install.dir().getParent().resolve("zoho-sdk-work").resolve(name);
      deleteRecursively(work);
      return new ZohoSdkSession(sim, SdkDriver.start(install, work, sim.baseUrl()));
    } catch (RuntimeException e) {
      sim.close();
      throw e;
    }
  }

  /** The SDK's initialisation with the simulator's demo client and refresh token. */
  JsonNode init(boolean findUser) {
    return sdk.call("init", Map.of("clientId", "demo-client", "clientSecret", "demo-secret",
        "refreshToken", "demo-refresh", "findUser", findUser));
  }

  /** Loads records through the simulator's admin fixtures endpoint (no validation, no notifications). */
  JsonNode fixtures(String module, Iterable<? extends Map<String, ?>> records) {
    try {
      String body = SdkDriver.JSON.writeValueAsString(Map.of(module, records));
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/__sim/fixtures"))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      return SdkDriver.JSON.readTree(r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) return;
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      sdk.close();
    } finally {
      sim.close();
    }
  }
}
