package io.tolk.api;

/**
 * The outcome of a read.
 *
 * @param records  records delivered to the sink
 * @param pages    pages delivered
 * @param complete {@code true} when every record of the type was delivered (a full scan that ran to the end):
 *                 only then may the absence of an id be taken as a hint that it was deleted
 * @param next     the checkpoint to resume from next time, valid once the delivered records are durable
 */
public record ReadSummary(long records, int pages, boolean complete, Checkpoint next) {
}
