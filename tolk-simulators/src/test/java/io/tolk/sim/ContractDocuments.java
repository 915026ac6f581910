package io.tolk.sim;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Where the vendors' OpenAPI documents are, for contract tests. The folder comes from the system property
 * {@code tolk.contracts.dir} (set by surefire from the root pom), else {@code ../../shared/contracts} relative to
 * the module directory. When the folder or file is absent the test is skipped with the reason, unless
 * {@code tolk.contracts.required} is "true" (set under CI): then it fails.
 */
public final class ContractDocuments {
  private ContractDocuments() {
  }

  /** The contracts folder (may not exist). */
  public static Path dir() {
    String configured = System.getProperty("tolk.contracts.dir");
    return (configured == null || configured.isBlank() ? Path.of("../../shared/contracts") : Path.of(configured))
        .toAbsolutePath().normalize();
  }

  /** The named document; skips (or, when required, fails) the calling test if it is missing. */
  public static Path require(String fileName) {
    Path file = dir().resolve(fileName);
    if (!Files.isRegularFile(file)) {
      String why = "contract document " + file + " not found (set -Dtolk.contracts.dir to the folder holding "
          + fileName + ")";
      if ("true".equalsIgnoreCase(System.getProperty("tolk.contracts.required"))) {
        fail(why + "; tolk.contracts.required=true, so the contract tests may not be skipped");
      }
      Assumptions.abort(why + "; contract test skipped");
    }
    return file;
  }
}
