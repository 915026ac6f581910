package io.tolk.sim.zoho;

/** What a write does with a key that is not a field of the module. */
public enum UnknownFieldPolicy {
  /** Refuse the record with INVALID_DATA naming the key (default: catches client typos). */
  REJECT,
  /** Ignore the key silently. */
  IGNORE
}
