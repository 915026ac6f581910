package io.tolk.sim.poweroffice;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Function;

/**
 * One resource's rows, ordered by id. Each row keeps a short chain of versions so that reads can be answered
 * "as of" an earlier instant (the read replica that trails writes). Nodes are never mutated once stored.
 * Writes must be serialised by the caller (the store's lock); reads are lock-free.
 */
final class Table {
  /** One stored version; node == null marks a deletion. */
  static final class Version {
    final Instant at;
    final ObjectNode node;
    volatile Version prev;

    Version(Instant at, ObjectNode node, Version prev) {
      this.at = at;
      this.node = node;
      this.prev = prev;
    }
  }

  /** A unique index over one key of the rows (keys compared as the extractor returns them). */
  static final class Index {
    final String name;
    final Function<ObjectNode, Object> key;
    final Map<Object, Long> ids = new ConcurrentHashMap<>();

    Index(String name, Function<ObjectNode, Object> key) {
      this.name = name;
      this.key = key;
    }

    /** The id holding this key, or null. */
    Long holder(Object k) {
      return k == null ? null : ids.get(k);
    }
  }

  final Schema schema;
  final ConcurrentSkipListMap<Long, Version> rows = new ConcurrentSkipListMap<>();
  final Set<Long> inUse = ConcurrentHashMap.newKeySet();
  final List<Index> indexes = new ArrayList<>();
  private final ConcurrentLinkedDeque<Version> tombstones = new ConcurrentLinkedDeque<>();
  private final ConcurrentLinkedDeque<Long> tombstoneIds = new ConcurrentLinkedDeque<>();

  Table(Schema schema) {
    this.schema = schema;
  }

  Index index(String name, Function<ObjectNode, Object> key) {
    Index i = new Index(name, key);
    indexes.add(i);
    return i;
  }

  /** The current (primary) version, or null. */
  ObjectNode current(long id) {
    Version v = rows.get(id);
    return v == null ? null : v.node;
  }

  /** The version visible at {@code asOf}; null asOf means the primary. */
  ObjectNode asOf(long id, Instant asOf) {
    return resolve(rows.get(id), asOf);
  }

  static ObjectNode resolve(Version v, Instant asOf) {
    if (asOf == null) {
      return v == null ? null : v.node;
    }
    while (v != null && v.at.isAfter(asOf)) {
      v = v.prev;
    }
    return v == null ? null : v.node;
  }

  /** Stores a new version (node null = delete). Caller holds the write lock. */
  void put(long id, ObjectNode node, Instant now, Duration lag) {
    Version head = rows.get(id);
    ObjectNode old = head == null ? null : head.node;
    for (Index i : indexes) {
      Object ok = old == null ? null : i.key.apply(old);
      Object nk = node == null ? null : i.key.apply(node);
      if (ok != null && !ok.equals(nk) && Long.valueOf(id).equals(i.ids.get(ok))) {
        i.ids.remove(ok);
      }
      if (nk != null) {
        i.ids.putIfAbsent(nk, id);
      }
    }
    if (lag.isZero()) {
      if (node == null) {
        rows.remove(id);
        inUse.remove(id);
      } else {
        rows.put(id, new Version(now, node, null));
      }
    } else {
      Version v = new Version(now, node, head);
      prune(v, now.minus(lag));
      rows.put(id, v);
      if (node == null) {
        inUse.remove(id);
        tombstones.addLast(v);
        tombstoneIds.addLast(id);
      }
    }
    purgeTombstones(now.minus(lag));
  }

  private static void prune(Version v, Instant cutoff) {
    // keep every version newer than the cutoff plus the newest one at or before it
    while (v != null) {
      if (!v.at.isAfter(cutoff)) {
        v.prev = null;
        return;
      }
      v = v.prev;
    }
  }

  private void purgeTombstones(Instant cutoff) {
    while (!tombstones.isEmpty() && !tombstones.peekFirst().at.isAfter(cutoff)) {
      Version t = tombstones.pollFirst();
      long id = tombstoneIds.pollFirst();
      rows.remove(id, t); // only if still the head
    }
  }

  /** Removes everything. Caller holds the write lock. */
  void clear() {
    rows.clear();
    inUse.clear();
    tombstones.clear();
    tombstoneIds.clear();
    for (Index i : indexes) {
      i.ids.clear();
    }
  }

  /** Number of rows visible at asOf (null = primary). */
  int size(Instant asOf) {
    if (asOf == null && tombstones.isEmpty()) {
      return rows.size();
    }
    int n = 0;
    for (Version v : rows.values()) {
      if (resolve(v, asOf) != null) {
        n++;
      }
    }
    return n;
  }
}
