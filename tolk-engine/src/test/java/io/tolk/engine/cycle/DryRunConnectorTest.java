package io.tolk.engine.cycle;

import io.tolk.api.RecordWriter;
import io.tolk.engine.testing.FakeConnector;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A dry run must answer every question about a writer as the real one does: only the writes are held back. */
class DryRunConnectorTest {

    @Test
    void theDryRunWriterDeclaresEveryWriterMethodSoNoCapabilityFallsBackToItsDefault() throws Exception {
        RecordWriter dry = new DryRunConnector(FakeConnector.zoho(Clock.systemUTC())).writer("Accounts");

        List<String> inherited = Arrays.stream(RecordWriter.class.getMethods())
                .filter(m -> !Modifier.isStatic(m.getModifiers()))
                .filter(m -> declaredBy(dry.getClass(), m) == null)
                .map(Method::getName).toList();

        assertThat(inherited).as("RecordWriter methods the dry-run writer leaves to the interface default").isEmpty();
    }

    private static Method declaredBy(Class<?> c, Method m) {
        try {
            return c.getDeclaredMethod(m.getName(), m.getParameterTypes());
        } catch (NoSuchMethodException e) {
            return null;
        }
    }
}
