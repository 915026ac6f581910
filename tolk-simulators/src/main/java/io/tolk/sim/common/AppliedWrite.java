package io.tolk.sim.common;

import java.time.Instant;

/**
 * One record a simulator changed through its API: the resource or module ({@code Customers}, {@code Departments},
 * {@code ContactPersons}; {@code Accounts}, {@code Contacts}), the record's id, what was done, and the simulator's
 * time when it was applied.
 */
public record AppliedWrite(String type, String id, Op op, Instant at) {

  /** What a write did to the record. */
  public enum Op {
    CREATE, UPDATE, DELETE;

    /** The lower-case name used in JSON ({@code create}, {@code update}, {@code delete}). */
    public String json() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
