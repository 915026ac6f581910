package io.tolk.sim.common;

/** What an operation is, for the counters and for which faults apply (READ and WRITE only). */
public enum OperationKind {
  AUTH, READ, WRITE, ADMIN
}
