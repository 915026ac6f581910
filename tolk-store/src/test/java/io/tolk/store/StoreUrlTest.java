package io.tolk.store;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoreUrlTest {

    private static final Path BASE = Path.of("/srv/tolk");

    @Test
    void sqliteRelativePathIsTakenFromTheBaseDirectory() {
        StoreUrl url = StoreUrl.parse("sqlite:./tolk.db", BASE, Map.of());

        assertThat(url.vendor()).isEqualTo(StoreUrl.Vendor.SQLITE);
        assertThat(url.file()).isEqualTo(Path.of("/srv/tolk/tolk.db"));
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:sqlite:/srv/tolk/tolk.db");
    }

    @Test
    void sqliteAbsolutePathAndJdbcFormAreAccepted() {
        assertThat(StoreUrl.parse("sqlite:/var/lib/tolk/state.db", BASE, Map.of()).file())
                .isEqualTo(Path.of("/var/lib/tolk/state.db"));
        assertThat(StoreUrl.parse("jdbc:sqlite:data/tolk.db", BASE, Map.of()).file())
                .isEqualTo(Path.of("/srv/tolk/data/tolk.db"));
    }

    @Test
    void sqliteMemoryGivesEachStoreItsOwnDatabase() {
        StoreUrl a = StoreUrl.parse("sqlite::memory:", BASE, Map.of());
        StoreUrl b = StoreUrl.parse("sqlite::memory:", BASE, Map.of());

        assertThat(a.file()).isNull();
        assertThat(a.jdbcUrl()).contains("mode=memory").isNotEqualTo(b.jdbcUrl());
        assertThat(a.display()).isEqualTo("sqlite::memory:");
    }

    @Test
    void postgresqlTakesCredentialsFromTheEnvironmentAndNeverShowsThePassword() {
        StoreUrl url = StoreUrl.parse("jdbc:postgresql://db.example:5433/tolk",
                BASE, Map.of("TOLK_DB_USER", "sync", "TOLK_DB_PASSWORD", "s3cret-pw"));

        assertThat(url.vendor()).isEqualTo(StoreUrl.Vendor.POSTGRESQL);
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:5433/tolk");
        assertThat(url.user()).isEqualTo("sync");
        assertThat(url.password()).isEqualTo("s3cret-pw");
        assertThat(url.toString()).doesNotContain("s3cret-pw").contains("db.example");
        assertThat(url.display()).doesNotContain("s3cret-pw");
    }

    @Test
    void aTypoNamesTheKeyStoreAndTheAcceptedForms() {
        assertThatThrownBy(() -> StoreUrl.parse("sqlte:./tolk.db", BASE, Map.of()))
                .isInstanceOf(StoreUrlException.class)
                .hasMessageStartingWith("store: 'sqlte:./tolk.db'")
                .hasMessageContaining("sqlite:PATH")
                .hasMessageContaining("jdbc:postgresql://HOST[:PORT]/DATABASE")
                .hasMessageContaining("TOLK_DB_USER");
    }

    @Test
    void anEmptySettingIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> StoreUrl.parse("  ", BASE, Map.of()))
                .isInstanceOf(StoreUrlException.class)
                .hasMessageStartingWith("store: ")
                .hasMessageContaining("sqlite:PATH");
        assertThatThrownBy(() -> StoreUrl.parse("sqlite:", BASE, Map.of()))
                .hasMessageContaining("needs a file path");
    }

    @Test
    void credentialsInThePostgresqlUrlAreRefusedWithoutEchoingThem() {
        assertThatThrownBy(() -> StoreUrl.parse("jdbc:postgresql://sync:hunter2@db/tolk", BASE, Map.of()))
                .isInstanceOf(StoreUrlException.class)
                .hasMessageContaining("TOLK_DB_PASSWORD")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> StoreUrl.parse("jdbc:postgresql://db/tolk?user=sync&password=hunter2", BASE, Map.of()))
                .isInstanceOf(StoreUrlException.class)
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void aPostgresqlUrlWithoutDatabaseIsRefused() {
        assertThatThrownBy(() -> StoreUrl.parse("jdbc:postgresql://db", BASE, Map.of()))
                .hasMessageContaining("needs a host and a database name");
    }
}
