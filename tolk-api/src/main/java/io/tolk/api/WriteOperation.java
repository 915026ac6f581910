package io.tolk.api;

/** What a write does, for results, errors and counting. */
public enum WriteOperation {
    CREATE, UPDATE, DELETE
}
