package io.tolk.store;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Where the store lives, as the {@code store} key of tolk.yaml says it. Accepted forms:
 * <ul>
 *   <li>{@code sqlite:PATH} — an SQLite file ({@code sqlite:./tolk.db}); a relative path is taken from the base directory;</li>
 *   <li>{@code sqlite::memory:} — a private in-memory SQLite database that lives as long as the store is open (tests, dry demos);</li>
 *   <li>{@code jdbc:sqlite:PATH} — the same as {@code sqlite:PATH}, as a JDBC URL;</li>
 *   <li>{@code jdbc:postgresql://HOST[:PORT]/DATABASE[?params]} — PostgreSQL; the user and password come from the
 *       environment variables {@value #USER_ENV} and {@value #PASSWORD_ENV}, never from the URL or the file.</li>
 * </ul>
 * A StoreUrl never carries a password in its {@link #toString()} or {@link #display()}.
 *
 * @param vendor   which database
 * @param jdbcUrl  the JDBC URL to open (without credentials)
 * @param file     the SQLite file, or {@code null} for memory and PostgreSQL
 * @param user     the PostgreSQL user, or {@code null}
 * @param password the PostgreSQL password, or {@code null}; never shown
 */
public record StoreUrl(Vendor vendor, String jdbcUrl, Path file, String user, String password) {

    public static final String USER_ENV = "TOLK_DB_USER";
    public static final String PASSWORD_ENV = "TOLK_DB_PASSWORD";

    /** The forms {@link #parse} accepts, for error messages and help. */
    public static final String ACCEPTED_FORMS =
            "sqlite:PATH (e.g. sqlite:./tolk.db), sqlite::memory:, "
                    + "jdbc:postgresql://HOST[:PORT]/DATABASE (user and password from " + USER_ENV + " and " + PASSWORD_ENV + ")";

    /** The databases tolk can keep its state in. */
    public enum Vendor { SQLITE, POSTGRESQL }

    public StoreUrl {
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    }

    /** Parses with relative SQLite paths taken from the working directory and credentials from the process environment. */
    public static StoreUrl parse(String text) {
        return parse(text, Path.of(""), System.getenv());
    }

    /**
     * Parses the {@code store} setting.
     *
     * @param text    the setting as written
     * @param baseDir the directory relative SQLite paths are taken from (usually the config file's)
     * @param env     the environment to take PostgreSQL credentials from
     * @throws StoreUrlException naming the key {@code store}, the value (credentials redacted) and the accepted forms
     */
    public static StoreUrl parse(String text, Path baseDir, Map<String, String> env) {
        if (text == null || text.isBlank()) {
            throw new StoreUrlException("store: no store given; accepted forms: " + ACCEPTED_FORMS);
        }
        String s = text.strip();
        if (s.equals("sqlite::memory:") || s.equals("jdbc:sqlite::memory:")) {
            // a named shared-cache memory database, so that the migration run and the store see the same one
            String name = "tolk-" + UUID.randomUUID();
            return new StoreUrl(Vendor.SQLITE, "jdbc:sqlite:file:" + name + "?mode=memory&cache=shared", null, null, null);
        }
        String sqlitePath = null;
        if (s.startsWith("sqlite:")) {
            sqlitePath = s.substring("sqlite:".length());
        } else if (s.startsWith("jdbc:sqlite:")) {
            sqlitePath = s.substring("jdbc:sqlite:".length());
        }
        if (sqlitePath != null) {
            if (sqlitePath.isBlank() || sqlitePath.startsWith("//") || sqlitePath.contains("?")) {
                throw bad(s, "an SQLite store needs a file path after 'sqlite:'");
            }
            Path file = Path.of(sqlitePath);
            if (!file.isAbsolute()) {
                file = baseDir.resolve(file);
            }
            file = file.toAbsolutePath().normalize();
            return new StoreUrl(Vendor.SQLITE, "jdbc:sqlite:" + file, file, null, null);
        }
        if (s.startsWith("jdbc:postgresql://")) {
            String rest = s.substring("jdbc:postgresql://".length());
            int slash = rest.indexOf('/');
            String hostPart = slash < 0 ? rest : rest.substring(0, slash);
            String dbPart = slash < 0 ? "" : rest.substring(slash + 1);
            int q = dbPart.indexOf('?');
            String db = q < 0 ? dbPart : dbPart.substring(0, q);
            String params = q < 0 ? "" : dbPart.substring(q + 1);
            if (hostPart.contains("@")) {
                throw bad(s, "credentials do not belong in the URL: set " + USER_ENV + " and " + PASSWORD_ENV);
            }
            if (params.toLowerCase().matches("(^|.*&)(user|password)=.*")) {
                throw bad(s, "credentials do not belong in the URL: set " + USER_ENV + " and " + PASSWORD_ENV);
            }
            if (hostPart.isBlank() || db.isBlank()) {
                throw bad(s, "a PostgreSQL store needs a host and a database name");
            }
            String user = env.get(USER_ENV);
            String password = env.get(PASSWORD_ENV);
            return new StoreUrl(Vendor.POSTGRESQL, s, null, blankToNull(user), blankToNull(password));
        }
        throw bad(s, "unknown form");
    }

    /** The URL as safe to show: no credentials. */
    public String display() {
        return switch (vendor) {
            case SQLITE -> file == null ? "sqlite::memory:" : "sqlite:" + file;
            case POSTGRESQL -> jdbcUrl + (user == null ? "" : " (user " + user + ")");
        };
    }

    @Override
    public String toString() {
        return display();
    }

    private static StoreUrlException bad(String given, String problem) {
        return new StoreUrlException("store: '" + redact(given) + "' is not a store tolk can open (" + problem
                + "); accepted forms: " + ACCEPTED_FORMS);
    }

    /** Removes anything that may be a secret: {@code user:pass@} and {@code password=...}. */
    static String redact(String text) {
        return text.replaceAll("//[^/@]*@", "//***@")
                .replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
