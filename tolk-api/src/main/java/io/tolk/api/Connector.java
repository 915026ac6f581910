package io.tolk.api;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One external system, for one connection's credentials. Created configured; holds its own HTTP client, tokens
 * and limiters; released with {@link #close()}.
 *
 * <p>Lifecycle: the engine creates it, may call {@link #checkAccess()} first, then reads and writes from one
 * thread per connection at a time, and closes it when the connection stops.
 */
public interface Connector extends AutoCloseable {

    /** The system's name: {@code "poweroffice"} or {@code "zoho"}. */
    String system();

    /** The record types this connector serves (see the package documentation for their names). */
    Set<String> types();

    /** The reader for one of {@link #types()}; {@link IllegalArgumentException} for another. */
    RecordReader reader(String type);

    /** The writer for one of {@link #types()}; {@link IllegalArgumentException} for another. */
    RecordWriter writer(String type);

    /**
     * The resolution of the system's modification instants: two instants closer than this cannot be ordered
     * (Zoho reports whole seconds).
     */
    Duration timeResolution();

    /**
     * Obtains a token and makes one cheap call, so bad credentials or an unreachable host are found before any
     * work starts. Throws {@link ConnectorException} with {@link ErrorKind#UNAVAILABLE} if not.
     */
    void checkAccess();

    /** What the system accepts per field of {@code type}; empty when nothing is known. May call the API once and cache. */
    default Map<String, FieldRule> fieldRules(String type) {
        return Map.of();
    }

    /** The deleted-records feed, where the system has one. */
    default Optional<DeletedFeed> deletedFeed() {
        return Optional.empty();
    }

    /** Change notifications, where the system has them. */
    default Optional<ChangeNotifications> notifications() {
        return Optional.empty();
    }

    /** Calls and credits spent so far. */
    ApiUsage usage();

    /** Releases threads and connections. Does not throw. */
    @Override
    void close();
}
