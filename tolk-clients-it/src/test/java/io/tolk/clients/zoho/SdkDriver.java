package io.tolk.clients.zoho;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One {@code node} child process running {@code zoho-sdk/driver.js} (test resources) against a simulator: commands
 * go in on its stdin, one JSON line each, and the SDK's answers come back on stdout. The child's stderr and the SDK's
 * log file are kept, and shown only when a call fails (so test output stays quiet). Close it when done.
 */
final class SdkDriver implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final long CALL_TIMEOUT_SECONDS = 120;

  private final Process process;
  private final Path workDir;
  private final OutputStream stdin;
  private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
  private final StringBuilder stderr = new StringBuilder();
  private final AtomicLong ids = new AtomicLong();

  private SdkDriver(Process process, Path workDir) {
    this.process = process;
    this.workDir = workDir;
    this.stdin = process.getOutputStream();
    Thread out = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) answers.add(line);
      } catch (IOException ignored) {
        // the process ended
      }
    }, "zoho-sdk-stdout");
    Thread err = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          synchronized (stderr) {
            stderr.append(line).append('\n');
          }
        }
      } catch (IOException ignored) {
        // the process ended
      }
    }, "zoho-sdk-stderr");
    out.setDaemon(true);
    err.setDaemon(true);
    out.start();
    err.start();
  }

  /** Starts the driver for the SDK in {@code sdk} against {@code baseUrl}; {@code workDir} gets its tokens, log and field files. */
  static SdkDriver start(ZohoSdkInstall.Outcome sdk, Path workDir, String baseUrl) {
    try {
      Files.createDirectories(workDir);
      Path script = Path.of(SdkDriver.class.getResource("/zoho-sdk/driver.js").toURI());
      Process p = new ProcessBuilder("node", script.toString(), sdk.dir().toString(), workDir.toString(), baseUrl)
          .directory(workDir.toFile()).start();
      return new SdkDriver(p, workDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start node", e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Sends one command and returns the driver's whole answer: {@code {"ok":true,"result":…}} or {@code {"ok":false,"error":…}}. */
  JsonNode send(String op, Map<String, ?> args) {
    long id = ids.incrementAndGet();
    ObjectNode command = JSON.createObjectNode();
    command.put("id", id);
    command.put("op", op);
    command.set("args", JSON.valueToTree(args == null ? Map.of() : args));
    try {
      stdin.write((JSON.writeValueAsString(command) + "\n").getBytes(StandardCharsets.UTF_8));
      stdin.flush();
      String line = answers.poll(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      if (line == null) {
        throw new AssertionError("the SDK driver gave no answer to " + op + " within " + CALL_TIMEOUT_SECONDS + " s"
            + diagnostics());
      }
      JsonNode answer = JSON.readTree(line);
      if (answer.path("id").asLong() != id) throw new AssertionError("answer out of order: " + line + diagnostics());
      return answer;
    } catch (IOException e) {
      throw new AssertionError("the SDK driver is gone (" + e.getMessage() + ")" + diagnostics(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** Sends one command that must succeed in the driver (the SDK may still answer an API error) and returns its result. */
  JsonNode call(String op, Map<String, ?> args) {
    JsonNode answer = send(op, args);
    if (!answer.path("ok").asBoolean()) {
      throw new AssertionError("SDK call " + op + " " + args + " threw: " + answer.path("error") + diagnostics());
    }
    return answer.path("result");
  }

  JsonNode call(String op) {
    return call(op, Map.of());
  }

  /** The child's stderr and the tail of the SDK's log, for failure messages. */
  String diagnostics() {
    StringBuilder b = new StringBuilder();
    synchronized (stderr) {
      if (stderr.length() > 0) b.append("\n--- node stderr ---\n").append(stderr);
    }
    Path log = workDir.resolve("sdk.log");
    if (Files.isRegularFile(log)) {
      try {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        b.append("\n--- SDK log (last 60 lines) ---\n")
            .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size())));
      } catch (IOException ignored) {
        // no log to show
      }
    }
    return b.toString();
  }

  Path workDir() {
    return workDir;
  }

  @Override
  public void close() {
    try {
      stdin.close();
    } catch (IOException ignored) {
      // already gone
    }
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
