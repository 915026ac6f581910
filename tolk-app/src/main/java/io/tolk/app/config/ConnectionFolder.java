package io.tolk.app.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The folder form of {@code connections:} ({@code connections: ./connections}): one file per connection,
 * {@code NAME.yaml} (or {@code .yml}), named after its file, so an operator adds or removes a customer without
 * touching the others. A file that cannot be read or checked is {@link Broken}: reported with its file, key and line,
 * and left out, while the other connections load. Files whose names start with a dot, and other extensions, are
 * ignored (editors' swap files, {@code README.md}).
 */
public final class ConnectionFolder {

    /** A connection's file that could not be used, and why (the message names the file, the key and the line). */
    public record Broken(String name, Path file, ConfigException error) {
    }

    /** What a folder holds: the usable connections, in file-name order, and the broken files. */
    public record Loaded(List<ConnectionConfig> connections, List<Broken> broken) {
        public Loaded {
            connections = List.copyOf(connections);
            broken = List.copyOf(broken);
        }
    }

    /** Checks one connection's file: its text, the connection name (the file's) and the file, for messages. */
    @FunctionalInterface
    interface FileReader {
        ConnectionConfig read(String yaml, String name, Path file);
    }

    private ConnectionFolder() {
    }

    /** The connection files of {@code dir}, file-name order: name to file. Unreadable folders give none. */
    public static Map<String, Path> files(Path dir) {
        Map<String, Path> out = new LinkedHashMap<>();
        try (Stream<Path> list = Files.list(dir)) {
            list.filter(Files::isRegularFile).sorted().forEach(p -> {
                String n = p.getFileName().toString();
                if (!n.startsWith(".") && (n.endsWith(".yaml") || n.endsWith(".yml"))) {
                    out.put(n.substring(0, n.lastIndexOf('.')), p);
                }
            });
        } catch (IOException e) {
            return Map.of();
        }
        return out;
    }

    /**
     * A fingerprint of each connection file's content (name to SHA-256 hex), so a watcher can tell which connections
     * were added, removed or changed; a file that cannot be read has the fingerprint {@code "unreadable"}.
     */
    public static Map<String, String> fingerprints(Path dir) {
        Map<String, String> out = new LinkedHashMap<>();
        files(dir).forEach((name, file) -> {
            try {
                out.put(name, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
            } catch (IOException e) {
                out.put(name, "unreadable");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JDK has no SHA-256", e);
            }
        });
        return out;
    }

    static Loaded read(Path dir, FileReader reader) {
        List<ConnectionConfig> ok = new ArrayList<>();
        List<Broken> broken = new ArrayList<>();
        for (Map.Entry<String, Path> e : files(dir).entrySet()) {
            String name = e.getKey();
            Path file = e.getValue();
            try {
                if (!name.matches("[A-Za-z0-9][A-Za-z0-9_-]*")) {
                    throw new ConfigException("'" + name + "' is not a usable connection name; name the file with"
                            + " letters, digits, - and _ (e.g. acme.yaml)");
                }
                ok.add(reader.read(Files.readString(file, StandardCharsets.UTF_8), name, file));
            } catch (ConfigException ce) {
                broken.add(new Broken(name, file, ce.inFile(file.toString())));
            } catch (IOException io) {
                broken.add(new Broken(name, file, new ConfigException("cannot read " + file + ": " + io.getMessage())));
            } catch (java.io.UncheckedIOException io) {
                broken.add(new Broken(name, file, new ConfigException(file + ": not UTF-8 text")));
            }
        }
        return new Loaded(ok, broken);
    }
}
