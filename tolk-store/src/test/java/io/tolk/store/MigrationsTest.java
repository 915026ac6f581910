package io.tolk.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class MigrationsTest {

    @TempDir
    Path dir;

    @Test
    void theScriptListIsExactlyTheMigrationFolder() throws Exception {
        URL folder = getClass().getClassLoader().getResource(Migrations.LOCATION);
        assertThat(folder).isNotNull();
        try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
            assertThat(files.map(p -> p.getFileName().toString())   // by version number: V10 after V9
                    .sorted(java.util.Comparator.comparingInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__"))))))
                    .containsExactlyElementsOf(Migrations.SCRIPTS);
        }
    }

    @Test
    void afterFlywayMigratedTheFastCheckFindsTheSchemaUpToDate() {
        try (Database db = Database.open(StoreUrl.parse("sqlite:fresh.db", dir, Map.of()))) {
            assertThat(db.read(Migrations::upToDate)).as("checksums computed as Flyway does").isTrue();
        }
    }

    @Test
    void aDatabaseWithoutHistoryOrWithAChangedScriptIsNotUpToDate() {
        try (Database db = Database.open(StoreUrl.parse("sqlite:fresh.db", dir, Map.of()))) {
            db.write(c -> {
                try (Statement s = c.createStatement()) {
                    return s.executeUpdate("UPDATE \"flyway_schema_history\" SET \"checksum\" = \"checksum\" + 1 WHERE \"version\" = '2'");
                }
            });
            assertThat(db.read(Migrations::upToDate)).isFalse();

            db.write(c -> {
                try (Statement s = c.createStatement()) {
                    return s.executeUpdate("DROP TABLE \"flyway_schema_history\"");
                }
            });
            assertThat(db.read(Migrations::upToDate)).isFalse();
        }
    }

    @Test
    void aCreateIntentStoredBeforeVersion4IsStillACreateAfterTheMigration() throws Exception {
        StoreUrl url = StoreUrl.parse("sqlite:older.db", dir, Map.of());
        org.flywaydb.core.Flyway.configure(getClass().getClassLoader()).dataSource(url.jdbcUrl(), null, null)
                .locations("classpath:" + Migrations.LOCATION).target("3").load().migrate();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url.jdbcUrl());
             Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO tolk_intent (connection_name, intent_key, seq, source_system, source_type,"
                    + " source_id, target_system, target_type, entity_id, fields, created_at, intent_state)"
                    + " VALUES ('default', 'k-1', 1, 'poweroffice', 'CompanyCustomer', '1', 'zoho', 'Accounts', 'e1',"
                    + " '{\"Account_Name\":\"Fjellvind AS\"}', '2026-03-02T08:00:00Z', 'PENDING')");
        }

        try (JdbcStore store = JdbcStore.open(url, java.time.Clock.systemUTC())) {
            var intents = store.connection("default").intents(io.tolk.engine.store.IntentState.PENDING);

            assertThat(intents).singleElement().satisfies(i -> {
                assertThat(i.operation()).isEqualTo(io.tolk.api.WriteOperation.CREATE);
                assertThat(i.targetId()).isNull();
                assertThat(i.fields()).containsEntry("Account_Name", "Fjellvind AS");
            });
        }
    }
}
