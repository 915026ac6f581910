package io.tolk.sim;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Skips each test of a {@link RequiresContracts} class, with the reason, when a document it needs is absent and the
 * documents are not required. The class itself is never disabled, so every test shows up as skipped (a disabled or
 * aborted class would be reported as nothing run and nothing skipped).
 */
public final class ContractDocumentsCondition implements ExecutionCondition {
  private static final Set<String> ANNOUNCED = ConcurrentHashMap.newKeySet();

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (context.getTestMethod().isEmpty()) return ConditionEvaluationResult.enabled("checked per test");
    RequiresContracts needs = AnnotationSupport.findAnnotation(context.getRequiredTestClass(), RequiresContracts.class)
        .orElse(null);
    if (needs == null) return ConditionEvaluationResult.enabled("no contract documents needed");
    List<String> missing = new ArrayList<>();
    for (String name : needs.value()) {
      Path file = ContractDocuments.dir().resolve(name);
      if (!Files.isRegularFile(file)) missing.add(file.toString());
    }
    if (missing.isEmpty()) return ConditionEvaluationResult.enabled("contract documents present");
    if (ContractDocuments.required()) {
      return ConditionEvaluationResult.enabled("documents missing but required: the test fails on them");
    }
    String reason = "contract documents not found: " + String.join(", ", missing) + " (set -D" + ContractDocuments.DIR_PROPERTY
        + "=<folder>; with -D" + ContractDocuments.REQUIRED_PROPERTY + "=true, as under CI, they fail instead)";
    if (ANNOUNCED.add(context.getRequiredTestClass().getName())) {
      System.err.println("SKIPPED " + context.getRequiredTestClass().getSimpleName() + ": " + reason);
    }
    return ConditionEvaluationResult.disabled(reason);
  }
}
