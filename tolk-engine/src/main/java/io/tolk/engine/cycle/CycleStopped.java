package io.tolk.engine.cycle;

/** Thrown inside a cycle when its {@link io.tolk.engine.StopSignal} asks it to stop; the cycle ends interrupted. */
final class CycleStopped extends RuntimeException {

    CycleStopped() {
        super("stopped on request", null, false, false);
    }
}
