package io.tolk.sim.zoho;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Persists the store (live records and recycle bin) to a JSON file: loaded at start, saved shortly after writes
 * (debounced) and on close. Writes go to a temporary file that then replaces the old one.
 */
public final class StateFile implements AutoCloseable {
  private static final long DEBOUNCE_MILLIS = 300;

  private final Path file;
  private final RecordStore store;
  private final ObjectMapper mapper;
  private final ScheduledExecutorService saver;
  private final AtomicBoolean pending = new AtomicBoolean();
  private volatile boolean closed;

  public StateFile(Path file, RecordStore store, ObjectMapper mapper) {
    this.file = file;
    this.store = store;
    this.mapper = mapper;
    this.saver = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "zoho-sim-state");
      t.setDaemon(true);
      return t;
    });
  }

  /** Loads the file into the store; false if the file does not exist. */
  public boolean load() {
    if (!Files.exists(file)) return false;
    try {
      JsonNode root = mapper.readTree(file.toFile());
      for (ZohoModule m : ZohoModule.values()) {
        JsonNode mod = root.path(m.apiName());
        for (JsonNode r : mod.path("records")) store.put(record(m, r));
        for (JsonNode r : mod.path("deleted")) store.putDeleted(new DeletedEntry(record(m, r), Instant.parse(r.get("deletedTime").asText())));
      }
      if (root.has("nextId")) store.reserveId(root.get("nextId").asLong() - 1);
      return true;
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("Zoho simulator: cannot load state file " + file + ": " + e.getMessage(), e);
    }
  }

  private static StoredRecord record(ZohoModule m, JsonNode r) {
    Map<String, String> values = new HashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = r.path("values").properties().iterator();
    while (it.hasNext()) {
      var e = it.next();
      if (!e.getValue().isNull()) values.put(e.getKey(), e.getValue().asText());
    }
    return new StoredRecord(Long.parseLong(r.get("id").asText()), m, values, Instant.parse(r.get("created").asText()),
        Instant.parse(r.get("modified").asText()));
  }

  /** Schedules a save a moment from now, coalescing bursts of writes into one save. */
  public void scheduleSave() {
    if (closed || !pending.compareAndSet(false, true)) return;
    try {
      saver.schedule(() -> {
        pending.set(false);
        saveQuietly();
      }, DEBOUNCE_MILLIS, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      pending.set(false);
    }
  }

  private void saveQuietly() {
    try {
      save();
    } catch (RuntimeException e) {
      System.getLogger(StateFile.class.getName()).log(System.Logger.Level.WARNING,
          "Zoho simulator: cannot save state file " + file + ": " + e.getMessage());
    }
  }

  /** Writes the whole store now. */
  public synchronized void save() {
    ObjectNode root = mapper.createObjectNode();
    root.put("version", 1);
    root.put("nextId", store.peekNextId());
    for (ZohoModule m : ZohoModule.values()) {
      ObjectNode mod = root.putObject(m.apiName());
      ArrayNode recs = mod.putArray("records");
      for (StoredRecord r : store.all(m)) recs.add(node(r));
      ArrayNode del = mod.putArray("deleted");
      for (DeletedEntry e : store.deleted(m)) del.add(node(e.record()).put("deletedTime", e.deletedTime().toString()));
    }
    try {
      Path dir = file.toAbsolutePath().getParent();
      if (dir != null) Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
      mapper.writeValue(tmp.toFile(), root);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Zoho simulator: cannot save state file " + file + ": " + e.getMessage(), e);
    }
  }

  private ObjectNode node(StoredRecord r) {
    ObjectNode n = mapper.createObjectNode();
    n.put("id", Long.toString(r.id()));
    n.put("created", r.createdTime().toString());
    n.put("modified", r.modifiedTime().toString());
    ObjectNode v = n.putObject("values");
    r.values().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> v.put(e.getKey(), e.getValue()));
    return n;
  }

  /** Stops the background saver and saves one last time. */
  @Override
  public void close() {
    closed = true;
    saver.shutdownNow();
    save();
  }
}
