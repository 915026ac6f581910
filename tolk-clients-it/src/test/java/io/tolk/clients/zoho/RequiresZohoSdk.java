package io.tolk.clients.zoho;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that runs Zoho's official SDK (see {@link ZohoSdkInstall}). When node, npm or the package cannot
 * be had, every test of the class is reported as SKIPPED with the reason (printed once to stderr as well), unless
 * {@code tolk.contracts.required} is "true" (CI): then the tests run and fail on it. Classes so marked must start
 * the SDK lazily (not in {@code @BeforeAll}), or a failure there would hide the tests.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(ZohoSdkCondition.class)
@interface RequiresZohoSdk {
}
