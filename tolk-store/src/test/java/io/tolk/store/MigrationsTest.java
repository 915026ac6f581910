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
            assertThat(files.map(p -> p.getFileName().toString()).sorted())
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
}
