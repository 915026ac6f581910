package io.tolk.clients;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * What the client tests need from outside the build (npm and the Zoho SDK package, the vendors' OpenAPI documents)
 * and what happens when it is missing: the tests skip with the reason, unless {@value #REQUIRED_PROPERTY} is
 * "true" (set from env CI by the pom, or on the command line): then they fail. The same switch and the same folder
 * property as the simulators' contract tests.
 */
public final class ClientPrerequisites {
  public static final String DIR_PROPERTY = "tolk.contracts.dir";
  public static final String REQUIRED_PROPERTY = "tolk.contracts.required";

  private ClientPrerequisites() {
  }

  /** True when a missing prerequisite must fail the tests rather than skip them. */
  public static boolean required() {
    return "true".equalsIgnoreCase(System.getProperty(REQUIRED_PROPERTY));
  }

  /** The vendors' contracts folder (may not exist). */
  public static Path contractsDir() {
    String configured = System.getProperty(DIR_PROPERTY);
    boolean unset = configured == null || configured.isBlank() || configured.contains("${");
    return (unset ? Path.of("../../shared/contracts") : Path.of(configured)).toAbsolutePath().normalize();
  }

  /** Fails the calling test with {@code why} when prerequisites are required, else skips it. */
  public static void missing(String why) {
    if (required()) {
      fail(why + "; " + REQUIRED_PROPERTY + "=true (as under CI), so these tests may not be skipped");
    }
    Assumptions.abort(why + "; test skipped");
  }
}
