package io.tolk.clients.zoho;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Zoho's official TypeScript SDK for CRM API v8, {@value #PACKAGE}@{@value #VERSION}, installed with npm into
 * {@code target/zoho-sdk} (system property {@code tolk.zoho.sdk.dir}) on first use and reused while that folder holds
 * that exact version. The SDK ships compiled JavaScript, so the driver runs it with plain {@code node}; nothing is
 * compiled. {@link #get()} answers once per JVM: the install folder, or why the SDK cannot be had (no node or npm on
 * the PATH, the registry unreachable, the install failing), with npm's own last lines.
 */
final class ZohoSdkInstall {
  static final String PACKAGE = "@zohocrm/typescript-sdk-8.0";
  static final String VERSION = "3.0.0";
  private static final long INSTALL_TIMEOUT_SECONDS = 300;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Either the folder holding node_modules/{@value #PACKAGE}, or the reason it is not there. */
  record Outcome(Path dir, String node, String unavailable) {
    boolean ready() {
      return unavailable == null;
    }
  }

  private static Outcome outcome;

  private ZohoSdkInstall() {
  }

  static synchronized Outcome get() {
    if (outcome == null) outcome = install(dir());
    return outcome;
  }

  static Path dir() {
    String configured = System.getProperty("tolk.zoho.sdk.dir");
    boolean unset = configured == null || configured.isBlank() || configured.contains("${");
    return (unset ? Path.of("target/zoho-sdk") : Path.of(configured)).toAbsolutePath().normalize();
  }

  private static Outcome install(Path dir) {
    Run node = run(dir.getParent(), 30, "node", "--version");
    if (node.failure() != null) return new Outcome(dir, null, "node is not available (" + node.failure() + ")");
    if (installedVersion(dir).equals(VERSION)) return new Outcome(dir, node.output().trim(), null);
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("package.json"),
          "{\"name\":\"tolk-zoho-sdk-under-test\",\"version\":\"0.0.0\",\"private\":true}\n");
    } catch (IOException e) {
      return new Outcome(dir, null, "cannot prepare " + dir + ": " + e.getMessage());
    }
    Run npm = run(dir, INSTALL_TIMEOUT_SECONDS, "npm", "install", "--no-audit", "--no-fund", "--save-exact",
        "--loglevel=error", PACKAGE + "@" + VERSION);
    if (npm.failure() != null) {
      return new Outcome(dir, null, "npm install " + PACKAGE + "@" + VERSION + " into " + dir + " failed: " + npm.failure());
    }
    String installed = installedVersion(dir);
    if (!installed.equals(VERSION)) {
      return new Outcome(dir, null, "npm install finished but " + dir + " holds " + PACKAGE + " version '" + installed
          + "', not " + VERSION);
    }
    return new Outcome(dir, node.output().trim(), null);
  }

  /** The version in node_modules/@zohocrm/typescript-sdk-8.0/package.json, or "" when there is none. */
  private static String installedVersion(Path dir) {
    Path pkg = dir.resolve("node_modules").resolve(PACKAGE).resolve("package.json");
    if (!Files.isRegularFile(pkg)) return "";
    try {
      JsonNode n = JSON.readTree(pkg.toFile());
      return n.path("version").asText("");
    } catch (IOException e) {
      return "";
    }
  }

  /** A finished child process: its merged output, and a failure description (null when it exited 0). */
  record Run(String output, String failure) {
  }

  static Run run(Path dir, long timeoutSeconds, String... command) {
    List<String> cmd = new ArrayList<>(List.of(command));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    if (dir != null && Files.isDirectory(dir)) pb.directory(dir.toFile());
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      return new Run("", command[0] + " not found on the PATH: " + e.getMessage());
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Thread pump = new Thread(() -> copy(p.getInputStream(), out), "npm-output");
    pump.setDaemon(true);
    pump.start();
    try {
      p.getOutputStream().close();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new Run(text(out), String.join(" ", cmd) + " did not finish within " + timeoutSeconds + " s" + tail(text(out)));
      }
      pump.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      return new Run(text(out), "interrupted");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String output = text(out);
    return p.exitValue() == 0 ? new Run(output, null)
        : new Run(output, String.join(" ", cmd) + " exited " + p.exitValue() + tail(output));
  }

  private static void copy(InputStream in, ByteArrayOutputStream out) {
    byte[] buf = new byte[8192];
    try {
      int n;
      while ((n = in.read(buf)) > 0) {
        synchronized (out) {
          out.write(buf, 0, n);
        }
      }
    } catch (IOException ignored) {
      // the process ended
    }
  }

  private static String text(ByteArrayOutputStream out) {
    synchronized (out) {
      return out.toString(StandardCharsets.UTF_8);
    }
  }

  private static String tail(String output) {
    String[] lines = output.strip().split("\n");
    if (lines.length == 0 || output.isBlank()) return "";
    int from = Math.max(0, lines.length - 8);
    return "; its last lines:\n  " + String.join("\n  ", List.of(lines).subList(from, lines.length));
  }
}
