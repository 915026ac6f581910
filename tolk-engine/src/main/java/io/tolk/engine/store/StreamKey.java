package io.tolk.engine.store;

import java.util.Objects;

/**
 * Names a checkpoint: one system's read stream, or its deleted-records feed of one type. The store keeps one
 * checkpoint per key; what the checkpoint holds only its connector reads.
 *
 * @param system the system
 * @param kind   whether it resumes a read of records or a feed of deletions
 * @param name   the stream's name (a read stream) or the record type (a deleted feed)
 */
public record StreamKey(String system, Kind kind, String name) {

    /** What the checkpoint resumes. */
    public enum Kind {
        /** A read stream ({@code RecordReader.readChanges}). */
        RECORDS,
        /** A deleted-records feed of one type. */
        DELETIONS
    }

    public StreamKey {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }

    /** The key of a read stream. */
    public static StreamKey records(String system, String stream) {
        return new StreamKey(system, Kind.RECORDS, stream);
    }

    /** The key of one type's deleted feed. */
    public static StreamKey deletions(String system, String type) {
        return new StreamKey(system, Kind.DELETIONS, type);
    }

    /** The stored form of the stream name: the name, with {@code #deleted} after a deleted feed's type. */
    public String storedName() {
        return kind == Kind.DELETIONS ? name + "#deleted" : name;
    }

    /** The key a stored (system, stream name) pair stands for. */
    public static StreamKey fromStored(String system, String storedName) {
        return storedName.endsWith("#deleted")
                ? deletions(system, storedName.substring(0, storedName.length() - "#deleted".length()))
                : records(system, storedName);
    }

    @Override
    public String toString() {
        return system + "/" + storedName();
    }
}
