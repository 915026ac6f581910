package io.tolk.sim;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that needs the vendors' OpenAPI documents (see {@link ContractDocuments}). When one of them is
 * absent, every test of the class is reported as SKIPPED with the reason (printed once to stderr as well), unless
 * {@code tolk.contracts.required} is "true" (CI): then the tests run and fail on the missing document. Test classes
 * so marked must load the documents lazily (not in {@code @BeforeAll}), or an abort there would hide the tests.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(ContractDocumentsCondition.class)
public @interface RequiresContracts {
  /** The document file names, e.g. "poweroffice-go-v2.openapi.yaml". */
  String[] value();
}
