package io.tolk.sim.poweroffice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tolk.sim.common.SimClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The simulator's data: customers, departments and contact persons, the id and number series, and the unique
 * indexes. Writes go through {@link #lock}; reads are lock-free and may ask for an earlier instant (lag).
 * <p>Ids: customers and contact persons share one contact id space starting at 100000001; departments start at
 * 1001; customer addresses at 5001; customer numbers are assigned from 10000 upward (next free). Tenant n's ids
 * start {@code n - 1} blocks higher (a million contact and address ids, 100 000 department ids a block), so no two
 * tenants share an id.</p>
 */
final class PoStore {
  static final long FIRST_CONTACT_ID = 100_000_001L;
  static final long FIRST_DEPARTMENT_ID = 1001L;
  static final long FIRST_ADDRESS_ID = 5001L;
  static final long FIRST_CUSTOMER_NUMBER = 10_000L;

  final ReentrantLock lock = new ReentrantLock();
  final Table customers = new Table(Schemas.CUSTOMER);
  final Table departments = new Table(Schemas.DEPARTMENT);
  final Table contactPersons = new Table(Schemas.CONTACT_PERSON);

  final Table.Index customerNumber = customers.index("Number", n -> longKey(n, "Number"));
  final Table.Index customerExternalNumber = customers.index("ExternalNumber", n -> longKey(n, "ExternalNumber"));
  final Table.Index customerImportRef = customers.index("ExternalImportReference",
      n -> textKey(n.get("ExternalImportReference")));
  final Table.Index addressExternalCode = customers.index("MailAddress.ExternalCode",
      n -> textKey(n.path("MailAddress").get("ExternalCode")));
  final Table.Index departmentCode = departments.index("Code", n -> textKey(n.get("Code")));
  final Table.Index contactPersonExternalCode = contactPersons.index("ExternalCode", n -> textKey(n.get("ExternalCode")));

  private final long firstContactId;
  private final long firstDepartmentId;
  private final long firstAddressId;

  long nextContactId;
  long nextDepartmentId;
  long nextAddressId;
  long nextNumber = FIRST_CUSTOMER_NUMBER;

  private final SimClock clock;
  private final Supplier<Duration> lag;
  private volatile boolean dirty;

  PoStore(SimClock clock, Supplier<Duration> lag) {
    this(clock, lag, 1);
  }

  /** The store of tenant {@code tenantNumber} (1 = the default tenant), its ids in the tenant's own block. */
  PoStore(SimClock clock, Supplier<Duration> lag, int tenantNumber) {
    this.clock = clock;
    this.lag = lag;
    long block = tenantNumber - 1L;
    this.firstContactId = FIRST_CONTACT_ID + block * 1_000_000L;
    this.firstDepartmentId = FIRST_DEPARTMENT_ID + block * 100_000L;
    this.firstAddressId = FIRST_ADDRESS_ID + block * 1_000_000L;
    this.nextContactId = firstContactId;
    this.nextDepartmentId = firstDepartmentId;
    this.nextAddressId = firstAddressId;
  }

  /** Unique keys compare like SQL Server's default collation: case-insensitive. */
  static Object textKey(JsonNode v) {
    return v == null || v.isNull() ? null : v.asText().toLowerCase(Locale.ROOT);
  }

  static Object longKey(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() || !v.canConvertToLong() ? null : v.asLong();
  }

  Instant now() {
    return Timestamps.tick(clock.instant());
  }

  Duration lag() {
    Duration d = lag.get();
    return d == null ? Duration.ZERO : d;
  }

  /** The instant reads are answered for: null (primary) without lag. */
  Instant readInstant() {
    Duration d = lag();
    return d.isZero() ? null : clock.instant().minus(d);
  }

  /** Stores a version; caller holds the lock. */
  void put(Table t, long id, ObjectNode node) {
    t.put(id, node, now(), lag());
    dirty = true;
  }

  long takeContactId() {
    return nextContactId++;
  }

  long takeDepartmentId() {
    return nextDepartmentId++;
  }

  long takeAddressId() {
    return nextAddressId++;
  }

  /** The next free customer number (from 10000 up). Caller holds the lock. */
  long takeNumber() {
    while (customerNumber.holder(nextNumber) != null) {
      nextNumber++;
    }
    return nextNumber++;
  }

  void see(Table t, long id) {
    if (t == departments) {
      nextDepartmentId = Math.max(nextDepartmentId, id + 1);
    } else {
      nextContactId = Math.max(nextContactId, id + 1);
    }
  }

  void clear() {
    lock.lock();
    try {
      customers.clear();
      departments.clear();
      contactPersons.clear();
      nextContactId = firstContactId;
      nextDepartmentId = firstDepartmentId;
      nextAddressId = firstAddressId;
      nextNumber = FIRST_CUSTOMER_NUMBER;
      dirty = true;
    } finally {
      lock.unlock();
    }
  }

  void clearDirty() {
    dirty = false;
  }

  boolean dirty() {
    return dirty;
  }

  // ------------------------------------------------------------------ persistence

  /** Writes the primary data as JSON (temp file + atomic move). */
  void save(Path file, ObjectMapper mapper) {
    ObjectNode root = mapper.createObjectNode();
    lock.lock();
    try {
      dirty = false;
      root.put("format", "tolk-poweroffice-sim/1");
      root.put("nextContactId", nextContactId);
      root.put("nextDepartmentId", nextDepartmentId);
      root.put("nextAddressId", nextAddressId);
      root.put("nextNumber", nextNumber);
      dump(root.putArray("customers"), customers);
      dump(root.putArray("departments"), departments);
      dump(root.putArray("contactPersons"), contactPersons);
    } finally {
      lock.unlock();
    }
    try {
      Path dir = file.toAbsolutePath().getParent();
      if (dir != null) {
        Files.createDirectories(dir);
      }
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      mapper.writeValue(tmp.toFile(), root);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("PowerOffice simulator: cannot save state to " + file + ": " + e.getMessage(), e);
    }
  }

  private static void dump(ArrayNode out, Table t) {
    t.rows.forEach((id, v) -> {
      if (v.node != null) {
        ObjectNode row = out.addObject();
        row.set("dto", v.node);
        if (t.inUse.contains(id)) {
          row.put("inUse", true);
        }
      }
    });
  }

  /** Loads a file written by {@link #save}; replaces all data. */
  void load(Path file, ObjectMapper mapper) {
    JsonNode root;
    try {
      root = mapper.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("PowerOffice simulator: cannot read state file " + file + ": " + e.getMessage(), e);
    }
    if (root == null || !"tolk-poweroffice-sim/1".equals(root.path("format").asText())) {
      throw new IllegalArgumentException("PowerOffice simulator: " + file + " is not a PowerOffice simulator state file");
    }
    lock.lock();
    try {
      clear();
      Instant now = now();
      restore(root.path("customers"), customers, now);
      restore(root.path("departments"), departments, now);
      restore(root.path("contactPersons"), contactPersons, now);
      nextContactId = root.path("nextContactId").asLong(FIRST_CONTACT_ID);
      nextDepartmentId = root.path("nextDepartmentId").asLong(FIRST_DEPARTMENT_ID);
      nextAddressId = root.path("nextAddressId").asLong(FIRST_ADDRESS_ID);
      nextNumber = root.path("nextNumber").asLong(FIRST_CUSTOMER_NUMBER);
      dirty = false;
    } finally {
      lock.unlock();
    }
  }

  private static void restore(JsonNode rows, Table t, Instant now) {
    for (JsonNode row : rows) {
      ObjectNode dto = (ObjectNode) row.get("dto");
      long id = dto.get("Id").asLong();
      t.put(id, dto, Instant.EPOCH, Duration.ZERO); // existed before the start: visible under any lag
      if (row.path("inUse").asBoolean(false)) {
        t.inUse.add(id);
      }
    }
  }
}
