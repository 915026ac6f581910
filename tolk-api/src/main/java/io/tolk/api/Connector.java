package io.tolk.api;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One external system, for one connection's credentials. Created configured; holds its own HTTP client, tokens
 * and limiters; released with {@link #close()}.
 *
 * <p>Lifecycle: the engine creates it, may call {@link #checkAccess()} first, then reads and writes, and closes it when
 * the connection stops. Reads of one connection come from one thread at a time; writes may come from several threads
 * at once, at most {@link #writeConcurrency()} calls in flight.
 *
 * <p>Capabilities: what a system does differently (retiring records instead of deleting them, a deleted-records
 * feed, notifications, reading several types in one pass) is told by the default methods below. The engine asks
 * every connector the same questions and never asks which system it is.
 */
public interface Connector extends AutoCloseable {

    /** The system's name, e.g. {@code "poweroffice"}: the first part of every {@link RecordRef} it makes. */
    String system();

    /** The record types this connector serves (see the package documentation for their names). */
    Set<String> types();

    /** The reader for one of {@link #types()}; {@link IllegalArgumentException} for another. */
    RecordReader reader(String type);

    /** The writer for one of {@link #types()}; {@link IllegalArgumentException} for another. */
    RecordWriter writer(String type);

    /**
     * How this connector reads the given types: one stream per pass over the system. The default is one stream per
     * type; a system that keeps several of them in one list returns one stream for them, so it is read once.
     * Every given type is in exactly one stream.
     */
    default List<ReadStream> streams(Set<String> types) {
        return types.stream().sorted().map(ReadStream::of).toList();
    }

    /**
     * The reader of one of {@link #streams}: its reads deliver records of all the stream's types (each record's
     * {@code ref().type()} says which). The default serves one-type streams with {@link #reader(String)}.
     */
    default RecordReader reader(ReadStream stream) {
        if (stream.types().size() != 1) {
            throw new IllegalArgumentException(system() + " reads no stream of several types: " + stream);
        }
        return reader(stream.types().iterator().next());
    }

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

    /**
     * The rules the connector knows without asking the system (every account has them), used when
     * {@link #fieldRules} cannot be read. Empty by default.
     */
    default Map<String, FieldRule> fallbackFieldRules(String type) {
        return Map.of();
    }

    /**
     * Optional capability: the system retires records of {@code type} instead of deleting them; writing the marker's
     * values retires one (PowerOffice archives a customer, deactivates a department). Empty: records are deleted.
     */
    default Optional<FieldMarker> softDelete(String type) {
        return Optional.empty();
    }

    /**
     * Optional capability: which values mark a record of {@code type} inactive (an archived PowerOffice customer).
     * tolk does not newly create the partners of inactive records. Empty: no record is inactive.
     */
    default Optional<FieldMarker> inactive(String type) {
        return Optional.empty();
    }

    /**
     * Optional capability: the field of {@code type} that names who last changed a record (Zoho's
     * {@code Modified_By.name}), which the connector reads with every record. tolk writes it into the history line of
     * a change it sees, so people can tell who changed what. Empty: the system does not say.
     */
    default Optional<String> modifiedByField(String type) {
        return Optional.empty();
    }

    /** The deleted-records feed, where the system has one. */
    default Optional<DeletedFeed> deletedFeed() {
        return Optional.empty();
    }

    /** Change notifications, where the system has them. */
    default Optional<ChangeNotifications> notifications() {
        return Optional.empty();
    }

    /**
     * How many write calls may be in flight at once (Zoho: the edition's concurrency). The connector's own limiters
     * still apply; this only tells the engine how much to overlap. At least 1.
     */
    default int writeConcurrency() {
        return 1;
    }

    /** Calls and credits spent so far. */
    ApiUsage usage();

    /** Releases threads and connections. Does not throw. */
    @Override
    void close();
}
