package io.tolk.sim.zoho;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * In-memory records of all modules, with sort indexes (id, Created_Time, Modified_Time), case-insensitive value
 * indexes for duplicate checks, and a recycle bin. Thread-safe: reads share a lock, writes are exclusive, and
 * {@link #inWriteLock} runs a whole batch atomically. Knows nothing of HTTP or validation.
 */
public final class RecordStore {
  /** First id handed out: 19 digits, like a real org's ids. */
  public static final long FIRST_ID = 4_876_876_000_000_100_001L;

  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final Map<ZohoModule, ModuleData> modules = new EnumMap<>(ZohoModule.class);
  private final AtomicLong nextId = new AtomicLong(FIRST_ID);
  private final Map<ZohoModule, List<String>> indexedFields;
  private volatile Runnable changeListener = () -> { };
  private volatile Consumer<Change> journal;

  /** One applied change, as a lagging replica replays it ({@link LaggedReads}). */
  @FunctionalInterface
  public interface Change {
    void applyTo(RecordStore replica);
  }

  private static final class ModuleData {
    final Map<Long, StoredRecord> byId = new HashMap<>();
    final Map<SortField, TreeMap<SortKey, StoredRecord>> sorted = new EnumMap<>(SortField.class);
    final Map<String, Map<String, TreeSet<Long>>> valueIndex = new HashMap<>();
    final LinkedHashMap<Long, DeletedEntry> recycle = new LinkedHashMap<>();

    ModuleData(List<String> indexed) {
      for (SortField s : SortField.values()) sorted.put(s, new TreeMap<>());
      for (String f : indexed) valueIndex.put(f, new HashMap<>());
    }
  }

  /** @param indexedFields per module, the fields to keep value indexes for (see {@link FieldCatalog#indexedFields}) */
  public RecordStore(Map<ZohoModule, List<String>> indexedFields) {
    this.indexedFields = Map.copyOf(indexedFields);
    clear();
  }

  /** Called (outside the lock) after every change; used to schedule state saves. */
  public void onChange(Runnable listener) {
    this.changeListener = listener == null ? () -> { } : listener;
  }

  public long newId() {
    return nextId.getAndIncrement();
  }

  /** Makes sure future ids are above {@code id} (after loading records with given ids). */
  public void reserveId(long id) {
    nextId.accumulateAndGet(id + 1, Math::max);
  }

  public long peekNextId() {
    return nextId.get();
  }

  public void clear() {
    lock.writeLock().lock();
    try {
      for (ZohoModule m : ZohoModule.values()) modules.put(m, new ModuleData(indexedFields.getOrDefault(m, List.of())));
      log(RecordStore::clear);
    } finally {
      lock.writeLock().unlock();
    }
    changed();
  }

  /** Runs {@code work} holding the write lock, so a batch validates and applies atomically. */
  public <T> T inWriteLock(Supplier<T> work) {
    lock.writeLock().lock();
    try {
      return work.get();
    } finally {
      lock.writeLock().unlock();
      changed();
    }
  }

  /**
   * Starts (non-null) or stops (null) passing every change, in order, to {@code journal}, called under the write
   * lock. Returns a copy of the data as it is at that moment (what the journal's changes apply to), or null on stop.
   */
  public RecordStore journalTo(Consumer<Change> journal) {
    lock.writeLock().lock();
    try {
      this.journal = journal;
      if (journal == null) return null;
      RecordStore copy = new RecordStore(indexedFields);
      modules.forEach((m, d) -> {
        d.byId.values().forEach(copy::put);
        d.recycle.values().forEach(copy::putDeleted);
      });
      return copy;
    } finally {
      lock.writeLock().unlock();
    }
  }

  private void log(Change c) {
    Consumer<Change> j = journal;
    if (j != null) j.accept(c);
  }

  private <T> T read(Supplier<T> work) {
    lock.readLock().lock();
    try {
      return work.get();
    } finally {
      lock.readLock().unlock();
    }
  }

  private void changed() {
    changeListener.run();
  }

  public StoredRecord get(ZohoModule module, long id) {
    return read(() -> modules.get(module).byId.get(id));
  }

  public int size(ZohoModule module) {
    return read(() -> modules.get(module).byId.size());
  }

  /** Live record ids whose indexed {@code field} equals {@code value} ignoring case and surrounding blanks, oldest first. */
  public List<Long> findByValue(ZohoModule module, String field, String value) {
    return read(() -> {
      Map<String, TreeSet<Long>> idx = modules.get(module).valueIndex.get(field);
      if (idx == null) throw new IllegalArgumentException("field " + field + " of " + module.apiName() + " is not indexed");
      TreeSet<Long> ids = idx.get(normalize(value));
      return ids == null ? List.<Long>of() : List.copyOf(ids);
    });
  }

  static String normalize(String value) {
    return value == null ? null : value.trim().toLowerCase(Locale.ROOT);
  }

  /** Adds a new record, or replaces the stored record of the same id. */
  public void put(StoredRecord record) {
    inWriteLock(() -> {
      ModuleData d = modules.get(record.module());
      StoredRecord old = d.byId.get(record.id());
      if (old != null) unindex(d, old);
      d.recycle.remove(record.id());
      d.byId.put(record.id(), record);
      index(d, record);
      reserveId(record.id());
      log(replica -> replica.put(record));
      return null;
    });
  }

  /** Moves a live record to the recycle bin; returns false if it is not live. */
  public boolean delete(ZohoModule module, long id, Instant when) {
    return inWriteLock(() -> {
      ModuleData d = modules.get(module);
      StoredRecord old = d.byId.remove(id);
      if (old == null) return false;
      unindex(d, old);
      d.recycle.put(id, new DeletedEntry(old, when));
      log(replica -> replica.delete(module, id, when));
      return true;
    });
  }

  /** Puts a recycle-bin entry back under its own id, stamped modified at {@code when}; null if not in the bin. */
  public StoredRecord restore(ZohoModule module, long id, Instant when) {
    return inWriteLock(() -> {
      ModuleData d = modules.get(module);
      DeletedEntry e = d.recycle.remove(id);
      if (e == null) return null;
      StoredRecord r = e.record().withValues(e.record().values(), when);
      d.byId.put(id, r);
      index(d, r);
      log(replica -> replica.restore(module, id, when));
      return r;
    });
  }

  /** Adds a recycle-bin entry directly (state loading). */
  public void putDeleted(DeletedEntry entry) {
    inWriteLock(() -> {
      modules.get(entry.record().module()).recycle.put(entry.record().id(), entry);
      reserveId(entry.record().id());
      log(replica -> replica.putDeleted(entry));
      return null;
    });
  }

  /** Recycle-bin entries, most recently deleted first. */
  public List<DeletedEntry> deleted(ZohoModule module) {
    return read(() -> {
      List<DeletedEntry> l = new ArrayList<>(modules.get(module).recycle.values());
      l.sort(Comparator.comparing(DeletedEntry::deletedTime).thenComparing(e -> e.record().id()).reversed());
      return l;
    });
  }

  public DeletedEntry deletedEntry(ZohoModule module, long id) {
    return read(() -> modules.get(module).recycle.get(id));
  }

  /** All live records of a module in id order (snapshots, search scans). */
  public List<StoredRecord> all(ZohoModule module) {
    return read(() -> new ArrayList<>(modules.get(module).sorted.get(SortField.ID).values()));
  }

  /** Live records matching {@code filter}, in id order, at most {@code limit}. */
  public List<StoredRecord> scan(ZohoModule module, Predicate<StoredRecord> filter, int limit) {
    return read(() -> {
      List<StoredRecord> out = new ArrayList<>();
      for (StoredRecord r : modules.get(module).sorted.get(SortField.ID).values()) {
        if (filter.test(r)) {
          out.add(r);
          if (out.size() >= limit) break;
        }
      }
      return out;
    });
  }

  /**
   * One slice of an ordered listing.
   *
   * @param after   continue strictly after this key (null: from the start)
   * @param skip    records matching the filter to skip first (discrete page mode)
   * @param limit   at most this many records
   * @param filter  which records take part (null: all)
   */
  public List<StoredRecord> slice(ZohoModule module, SortField sort, boolean ascending, SortKey after, int skip, int limit,
                                  Predicate<StoredRecord> filter) {
    return read(() -> {
      NavigableMap<SortKey, StoredRecord> map = modules.get(module).sorted.get(sort);
      NavigableMap<SortKey, StoredRecord> view;
      if (ascending) view = after == null ? map : map.tailMap(after, false);
      else view = (after == null ? map : map.headMap(after, false)).descendingMap();
      List<StoredRecord> out = new ArrayList<>(Math.min(limit, 256));
      int skipped = 0;
      Iterator<StoredRecord> it = view.values().iterator();
      while (it.hasNext() && out.size() < limit) {
        StoredRecord r = it.next();
        if (filter != null && !filter.test(r)) continue;
        if (skipped < skip) {
          skipped++;
          continue;
        }
        out.add(r);
      }
      return out;
    });
  }

  /** The live records among {@code ids}. */
  public List<StoredRecord> getAll(ZohoModule module, Collection<Long> ids) {
    return read(() -> {
      List<StoredRecord> out = new ArrayList<>();
      Map<Long, StoredRecord> byId = modules.get(module).byId;
      for (Long id : ids) {
        StoredRecord r = byId.get(id);
        if (r != null) out.add(r);
      }
      return out;
    });
  }

  public Set<ZohoModule> moduleSet() {
    return modules.keySet();
  }

  private void index(ModuleData d, StoredRecord r) {
    for (SortField s : SortField.values()) d.sorted.get(s).put(s.keyOf(r), r);
    d.valueIndex.forEach((field, idx) -> {
      String v = r.value(field);
      if (v != null && !v.isBlank()) idx.computeIfAbsent(normalize(v), k -> new TreeSet<>()).add(r.id());
    });
  }

  private void unindex(ModuleData d, StoredRecord r) {
    for (SortField s : SortField.values()) d.sorted.get(s).remove(s.keyOf(r));
    d.valueIndex.forEach((field, idx) -> {
      String v = r.value(field);
      if (v == null || v.isBlank()) return;
      String k = normalize(v);
      TreeSet<Long> ids = idx.get(k);
      if (ids != null) {
        ids.remove(r.id());
        if (ids.isEmpty()) idx.remove(k);
      }
    });
  }
}
