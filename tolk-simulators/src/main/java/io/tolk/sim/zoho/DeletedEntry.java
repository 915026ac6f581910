package io.tolk.sim.zoho;

import java.time.Instant;

/** A deleted record as kept in the recycle bin: the record as it was, and when it was deleted. */
public record DeletedEntry(StoredRecord record, Instant deletedTime) {}
