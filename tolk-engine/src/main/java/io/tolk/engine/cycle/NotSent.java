package io.tolk.engine.cycle;

/** A write call that was never sent because the cycle was asked to stop first: certainly not applied. */
final class NotSent extends RuntimeException {

    NotSent() {
        super("not sent: tolk was stopping", null, false, false);
    }
}
