package io.tolk.store;

import org.sqlite.SQLiteConfig;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A consistent copy of an SQLite store while tolk keeps using it ({@code tolk backup}): SQLite's {@code VACUUM INTO}
 * writes the database as of one read transaction into a new file, compacted. Writers go on meanwhile (the store runs
 * in WAL mode, where a reader never blocks a writer); the copy holds every transaction committed before it began and
 * none after.
 *
 * <p>The copy is created readable and writable by its owner only (0600: it holds what the store holds), never over an
 * existing file, and removed again if the copy fails part-way. The schema is copied as it is (no migration), so a
 * store can be backed up before a tolk upgrade migrates it.
 */
public final class SqliteBackup {

    /**
     * What was copied.
     *
     * @param target the new file
     * @param bytes  its size
     */
    public record Copy(Path target, long bytes) {
    }

    private SqliteBackup() {
    }

    /**
     * Copies the store to {@code target}.
     *
     * @throws StoreException a configuration problem (exit 2) when the store is not an existing SQLite file or the
     *                        target exists or its folder does not; otherwise when copying failed (the target is removed)
     */
    public static Copy copy(StoreUrl store, Path target) {
        if (store.vendor() != StoreUrl.Vendor.SQLITE) {
            throw StoreException.configuration("store " + store.display() + " is a PostgreSQL database; back it up with"
                    + " PostgreSQL's own tools, e.g. 'pg_dump --format=custom --file=tolk.dump DATABASE'", null);
        }
        if (store.file() == null) {
            throw StoreException.configuration("store " + store.display() + " is in memory; there is nothing to back up", null);
        }
        if (!Files.isRegularFile(store.file())) {
            throw StoreException.configuration("store " + store.display() + " does not exist yet (a read-write command"
                    + " such as 'tolk sync' creates it)", null);
        }
        Path absolute = target.toAbsolutePath().normalize();
        if (absolute.equals(store.file())) {
            throw StoreException.configuration("the backup cannot be the store itself (" + target + ")", null);
        }
        create(target);
        try {
            try (Connection c = open(store)) {
                check(c, store);
                try (PreparedStatement vacuum = c.prepareStatement("VACUUM INTO ?")) {
                    vacuum.setString(1, absolute.toString());
                    vacuum.execute();
                }
            }
            try (Connection copy = new SQLiteConfig().createConnection("jdbc:sqlite:" + absolute);
                 Statement s = copy.createStatement();
                 ResultSet rs = s.executeQuery("PRAGMA quick_check")) {
                String verdict = rs.next() ? rs.getString(1) : "no answer";
                if (!"ok".equals(verdict)) {
                    throw new StoreException("the copy " + target + " failed SQLite's check: " + verdict);
                }
            }
            return new Copy(target, Files.size(target));
        } catch (SQLException | IOException | RuntimeException e) {
            removeQuietly(target);
            if (e instanceof StoreException s) {
                throw s;
            }
            String why = e instanceof SQLException sql ? Database.safe(sql) : String.valueOf(e.getMessage());
            throw new StoreException("backing up store " + store.display() + " to " + target + " failed: " + why, e);
        }
    }

    /** The empty target, 0600, refused when something exists there. */
    private static void create(Path target) {
        try {
            try {
                Files.createFile(target, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(target); // not a POSIX file system: its own access rules apply
            }
        } catch (FileAlreadyExistsException e) {
            throw StoreException.configuration(target + " already exists; tolk backup never overwrites a file: choose"
                    + " a new name (e.g. with the date in it) or remove the old one first", e);
        } catch (NoSuchFileException e) {
            throw StoreException.configuration("cannot create " + target + ": the folder "
                    + target.toAbsolutePath().getParent() + " does not exist", e);
        } catch (IOException e) {
            throw StoreException.configuration("cannot create " + target + ": " + e.getMessage(), e);
        }
    }

    private static Connection open(StoreUrl store) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(Database.SQLITE_BUSY_TIMEOUT_MS);
        return config.createConnection(store.jdbcUrl());
    }

    /** That the file is an SQLite database with tolk's tables, so that a wrong path is named as such. */
    private static void check(Connection c, StoreUrl store) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'tolk_run'")) {
            if (!rs.next() || rs.getInt(1) == 0) {
                throw StoreException.configuration("store " + store.display() + " is an SQLite database but not a tolk"
                        + " store (it has no tolk tables)", null);
            }
        } catch (SQLException e) {
            if (Database.problemAtOpen(store, e) == StoreException.Problem.SETTING) {
                throw StoreException.configuration("store " + store.display() + " is not an SQLite database: "
                        + Database.safe(e), e);
            }
            throw e;
        }
    }

    private static void removeQuietly(Path target) {
        try {
            Files.deleteIfExists(target);
        } catch (IOException e) {
            // the message about the failure matters more
        }
    }
}
