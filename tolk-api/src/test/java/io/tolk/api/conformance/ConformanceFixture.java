package io.tolk.api.conformance;

import io.tolk.api.Connector;
import io.tolk.api.CreateRequest;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@link ConnectorConformanceTest} needs from one connector and its simulator: a running simulator (fresh and
 * empty for each test), connectors pointed at it, and the simulator's back door (fixtures, faults, token expiry,
 * counters, clock) that bypasses the connector.
 *
 * <p>Connectors made here must be fast to test: a {@code Sleeper} that does not really sleep (or sleeps at most a
 * few milliseconds), a whole-response timeout of at most about one second, and a retry policy of a handful of
 * attempts, so faults are retried quickly and a permanent stall fails in a few seconds.
 */
public interface ConformanceFixture extends AutoCloseable {

    /** The connector's system name ({@code "poweroffice"}). */
    String system();

    /** The record type the kit exercises. */
    String type();

    /** The field paths the kit asks readers for. */
    Set<String> readFields();

    /** A connector for the simulator reading with the given page size (the system's maximum when {@code <= 0}). */
    Connector connector(int pageSize);

    /** A connector whose API calls go to {@code apiBase} instead (its tokens still come from the simulator). */
    Connector connectorWithApiBase(URI apiBase);

    /** The simulator's own API base, as {@link #connectorWithApiBase} takes it; the kit puts proxies in front of it. */
    URI apiBase();

    /** The simulator's clock: what the engine would record as the moment before a create. */
    Instant now();

    /**
     * Every path by which the connector creates records (each type it writes, and each configuration that changes how
     * a create is made or found); the kit's lost-answer test runs on each.
     */
    List<CreatePath> createPaths();

    /** The field that {@link #validCreate} and {@link #insertDirectly} fill with the given unique name. */
    String nameField();

    /** A create the system accepts, whose {@link #nameField()} is {@code uniqueName}. */
    CreateRequest validCreate(String idempotencyKey, String uniqueName);

    /** A create the system refuses as invalid (a 400 / validation error: retrying will not help). */
    CreateRequest invalidCreate(String idempotencyKey);

    /** A field the kit updates, with a value that differs from what {@link #validCreate} sets. */
    Map.Entry<String, String> edit(String uniqueSuffix);

    /** Puts a record straight into the simulator (not through the connector); returns its id. */
    String insertDirectly(String uniqueName);

    /** Puts several records straight into the simulator, in one go where it can; returns their ids in order. */
    default List<String> insertDirectly(List<String> uniqueNames) {
        List<String> ids = new ArrayList<>();
        uniqueNames.forEach(n -> ids.add(insertDirectly(n)));
        return ids;
    }

    /**
     * How many records the paging test loads before its scan: several pages of {@link #pagingPageSize()}, and for a
     * system whose paging changes beyond some depth (Zoho: 2 000 records), more than that depth.
     */
    default int pagingRecords() {
        return 25;
    }

    /** The page size the paging test reads with. */
    default int pagingPageSize() {
        return 10;
    }

    /** Removes a record straight from the simulator. */
    void deleteDirectly(String id);

    /** Makes every access token the simulator issued so far expired. */
    void expireTokens();

    /** Sets the simulator's faults ({@code "throttle=0.5,seed=3"}; {@code ""} for none). */
    void setFaults(String spec);

    /** The simulator's count of records written (created, updated, deleted) through its API. */
    long serverRecordsWritten();

    /** Moves the simulator's clock forward. */
    void advanceClock(Duration duration);

    /**
     * Whether {@code readChanges} of this connector is a full scan (reporting {@code complete}) rather than a
     * filtered read, in which case it legitimately delivers unchanged records.
     */
    boolean changesAreFullScans();

    /** Stops the simulator and releases what the fixture holds. */
    @Override
    void close();
}
