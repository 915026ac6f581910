package io.tolk.sim.zoho;

/** Position of a record in a sort order: a time in epoch seconds (0 when sorting by id), then the id. */
public record SortKey(long time, long id) implements Comparable<SortKey> {
  @Override
  public int compareTo(SortKey o) {
    int c = Long.compare(time, o.time);
    return c != 0 ? c : Long.compare(id, o.id);
  }
}
