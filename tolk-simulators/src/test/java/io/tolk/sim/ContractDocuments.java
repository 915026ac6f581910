package io.tolk.sim;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Where the vendors' OpenAPI documents are, for contract tests. The folder comes from the system property
 * {@value #DIR_PROPERTY} (set by surefire from the root pom), else {@code ../../shared/contracts} relative to the
 * module directory. Classes marked {@link RequiresContracts} are skipped test by test, with the reason, when a
 * document is absent, unless {@value #REQUIRED_PROPERTY} is "true" (set from env CI): then they fail.
 */
public final class ContractDocuments {
  public static final String DIR_PROPERTY = "tolk.contracts.dir";
  public static final String REQUIRED_PROPERTY = "tolk.contracts.required";

  private ContractDocuments() {
  }

  /** The contracts folder (may not exist). */
  public static Path dir() {
    String configured = System.getProperty(DIR_PROPERTY);
    boolean unset = configured == null || configured.isBlank() || configured.contains("${");
    return (unset ? Path.of("../../shared/contracts") : Path.of(configured)).toAbsolutePath().normalize();
  }

  /** True when absent documents must fail the contract tests rather than skip them. */
  public static boolean required() {
    return "true".equalsIgnoreCase(System.getProperty(REQUIRED_PROPERTY));
  }

  /** The named document; fails the calling test if it is missing and required, else skips it. */
  public static Path require(String fileName) {
    Path file = dir().resolve(fileName);
    if (!Files.isRegularFile(file)) {
      String why = "contract document " + file + " not found (set -D" + DIR_PROPERTY + " to the folder holding "
          + fileName + ")";
      if (required()) {
        fail(why + "; " + REQUIRED_PROPERTY + "=true, so the contract tests may not be skipped");
      }
      Assumptions.abort(why + "; contract test skipped");
    }
    return file;
  }
}
