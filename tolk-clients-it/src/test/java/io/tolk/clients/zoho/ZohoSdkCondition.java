package io.tolk.clients.zoho;

import io.tolk.clients.ClientPrerequisites;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips each test of a {@link RequiresZohoSdk} class, with the reason, when the SDK cannot be installed and
 * prerequisites are not required. The class itself is never disabled, so every test shows up as skipped.
 */
final class ZohoSdkCondition implements ExecutionCondition {
  private static final Set<String> ANNOUNCED = ConcurrentHashMap.newKeySet();

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (context.getTestMethod().isEmpty()) return ConditionEvaluationResult.enabled("checked per test");
    ZohoSdkInstall.Outcome sdk = ZohoSdkInstall.get();
    if (sdk.ready()) return ConditionEvaluationResult.enabled("Zoho SDK installed in " + sdk.dir());
    if (ClientPrerequisites.required()) {
      return ConditionEvaluationResult.enabled("Zoho SDK unavailable but required: the test fails on it");
    }
    String reason = "Zoho's official SDK cannot be had: " + sdk.unavailable() + " (with -D"
        + ClientPrerequisites.REQUIRED_PROPERTY + "=true, as under CI, these tests fail instead)";
    if (ANNOUNCED.add(context.getRequiredTestClass().getName())) {
      System.err.println("SKIPPED " + context.getRequiredTestClass().getSimpleName() + ": " + reason);
    }
    return ConditionEvaluationResult.disabled(reason);
  }
}
