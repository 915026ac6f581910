package io.tolk.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvSubstitutionTest {

    private final EnvSubstitution subst = new EnvSubstitution(Map.of("ZOHO_SECRET", "s3cret")::get, false);

    @Test
    void aReferenceLeftOpenIsAMistakeNamingTheKeyAndLineNotALiteralValue() {
        assertThatThrownBy(() -> subst.apply("${ZOHO_SECRET", "zoho.clientSecret", 9))
                .isInstanceOf(ConfigException.class)
                .hasMessage("zoho.clientSecret (line 9): '${ZOHO_SECRET' starts an environment variable reference that"
                        + " is never closed; write ${NAME}");
    }

    @Test
    void aReferenceLeftOpenAfterAClosedOneIsStillAMistake() {
        assertThatThrownBy(() -> subst.apply("${ZOHO_SECRET}-${MORE", "zoho.clientSecret", 9))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'${MORE' starts an environment variable reference that is never closed");
    }

    @Test
    void aLenientCommandStillRefusesAReferenceLeftOpen() {
        EnvSubstitution lenient = new EnvSubstitution(name -> null, true);
        assertThatThrownBy(() -> lenient.apply("${ZOHO_SECRET", "zoho.clientSecret", 3))
                .isInstanceOf(ConfigException.class);
    }

    @Test
    void closedReferencesAndPlainDollarsStillWork() {
        assertThat(subst.apply("${ZOHO_SECRET}", "k", 1)).isEqualTo("s3cret");
        assertThat(subst.apply("pa$$word {x}", "k", 1)).isEqualTo("pa$$word {x}");
        assertThat(subst.apply("${UNSET:-fallback}", "k", 1)).isEqualTo("fallback");
    }
}
