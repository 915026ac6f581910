package io.tolk.store;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Keeps an SQLite store's files private to their owner: they hold customers' names, e-mail addresses and phone
 * numbers. The database file is created owner-only ({@code rw-------}) before SQLite opens it, whatever the umask;
 * SQLite gives its {@code -wal}, {@code -shm} and {@code -journal} files the database file's permissions, and any of
 * them found wider (a store made by an older tolk, or copied) is narrowed. tolk makes no folder for a store (a missing
 * folder is a mistake in the setting); the demo's temporary folder is made owner-only by the JDK.
 *
 * <p>Where the file system has no POSIX permissions (Windows), nothing is changed.
 */
final class StoreFiles {

    static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    /** The files SQLite keeps beside the database file. */
    static final List<String> SIDE_FILES = List.of("-wal", "-shm", "-journal");

    private StoreFiles() {
    }

    /** What {@link #secure} did: the files it narrowed, with the permissions they had. Empty: nothing was wider. */
    record Tightened(List<String> files) {
        boolean any() {
            return !files.isEmpty();
        }

        String notice(StoreUrl url) {
            return "store " + url.display() + " was readable or writable by others (" + String.join(", ", files)
                    + "); tolk made it owner-only (rw-------), as it holds customers' personal data";
        }
    }

    /**
     * Creates the database file, empty and owner-only, unless it exists; then narrows the database file and its side
     * files to owner-only where they are wider.
     *
     * @throws IOException when the file cannot be created or its permissions cannot be read or set
     */
    static Tightened secure(Path database) throws IOException {
        if (!posix(database.getParent())) {
            return new Tightened(List.of());
        }
        if (!Files.exists(database, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.createFile(database, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
            } catch (FileAlreadyExistsException raced) {
                // another process created it a moment ago: narrowed below like any existing file
            }
        }
        List<String> narrowed = new ArrayList<>();
        narrow(database, narrowed);
        for (String suffix : SIDE_FILES) {
            narrow(database.resolveSibling(database.getFileName() + suffix), narrowed);
        }
        return new Tightened(List.copyOf(narrowed));
    }

    /** Narrows an existing store file (never one that does not exist), recording it when it was wider. */
    private static void narrow(Path file, List<String> narrowed) throws IOException {
        Set<PosixFilePermission> now;
        try {
            now = Files.getPosixFilePermissions(file);
        } catch (java.nio.file.NoSuchFileException absent) {
            return;
        }
        if (!OWNER_ONLY_FILE.containsAll(now) || !now.containsAll(OWNER_ONLY_FILE)) {
            Files.setPosixFilePermissions(file, OWNER_ONLY_FILE);
            if (!OWNER_ONLY_FILE.containsAll(now)) {
                narrowed.add(file.getFileName() + " was " + PosixFilePermissions.toString(now));
            }
        }
    }

    private static boolean posix(Path anyPathOnTheFileSystem) {
        Path p = anyPathOnTheFileSystem == null ? Path.of("").toAbsolutePath() : anyPathOnTheFileSystem;
        return Files.getFileAttributeView(p, PosixFileAttributeView.class) != null;
    }
}
