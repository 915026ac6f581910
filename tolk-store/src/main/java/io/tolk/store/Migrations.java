package io.tolk.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The schema migrations tolk ships, and a fast check that a database already has exactly them.
 *
 * <p>Flyway applies and validates migrations, but loading it costs a noticeable part of a CLI command's start. When
 * Flyway's history table lists exactly the scripts below, all successful and with the checksums Flyway computes
 * (CRC32 over the lines without line breaks), there is nothing for Flyway to do and the store skips it. Any
 * difference (a new script, a failed or changed one, another checksum algorithm) runs Flyway, which migrates or
 * reports the problem.
 */
final class Migrations {

    /** Where the scripts live on the classpath. */
    static final String LOCATION = "db/migration/common";

    /** Every script in {@link #LOCATION}, oldest first. A test keeps this list equal to the folder. */
    static final List<String> SCRIPTS = List.of(
            "V1__connection_lock.sql",
            "V2__connection_state.sql",
            "V3__streaming_cycle.sql",
            "V4__write_intents.sql",
            "V5__cluster.sql",
            "V8__commit_log.sql",
            "V9__shared_budgets.sql",
            "V10__shared_notifications.sql");

    private static volatile Map<String, Integer> checksums;

    private Migrations() {
    }

    /** Whether the database's history lists exactly {@link #SCRIPTS}, applied successfully, unchanged. */
    static boolean upToDate(Connection c) {
        Map<String, Integer> applied = new HashMap<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT \"script\", \"checksum\", \"success\", \"type\" FROM \"flyway_schema_history\""
                     + " WHERE \"version\" IS NOT NULL")) {
            while (rs.next()) {
                if (!rs.getBoolean(3) || !"SQL".equals(rs.getString(4))) {
                    return false;
                }
                int checksum = rs.getInt(2);
                if (rs.wasNull()) {
                    return false;
                }
                applied.put(rs.getString(1), checksum);
            }
        } catch (SQLException e) {
            return false; // no history table yet, or one of another shape: let Flyway decide
        }
        return applied.equals(checksums());
    }

    /** Whether the database has Flyway's history table with at least one migration: the store was created. */
    static boolean hasHistory(Connection c) {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"version\" IS NOT NULL")) {
            return rs.next() && rs.getLong(1) > 0;
        } catch (SQLException e) {
            return false; // no history table: a database tolk has not created its store in
        }
    }

    /**
     * How far Flyway's history has come: {@code -1} without a history table, else its number of rows. Another
     * process migrating the same database makes it grow.
     */
    static long progress(Connection c) {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM \"flyway_schema_history\"")) {
            return rs.next() ? rs.getLong(1) : -1;
        } catch (SQLException e) {
            return -1;
        }
    }

    /** The checksum Flyway records for each script. */
    static Map<String, Integer> checksums() {
        Map<String, Integer> result = checksums;
        if (result == null) {
            result = new HashMap<>();
            for (String script : SCRIPTS) {
                result.put(script, checksum(LOCATION + "/" + script));
            }
            checksums = result;
        }
        return result;
    }

    private static int checksum(String resource) {
        CRC32 crc = new CRC32();
        try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing migration script " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line = reader.readLine();
            if (line != null && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            while (line != null) {
                crc.update(line.getBytes(StandardCharsets.UTF_8));
                line = reader.readLine();
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read migration script " + resource, e);
        }
        return (int) crc.getValue();
    }
}
