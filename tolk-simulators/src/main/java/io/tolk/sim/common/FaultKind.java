package io.tolk.sim.common;

/** The fault picked for one request (latency and lag are not picked: they apply to every request). */
public enum FaultKind {
  NONE, THROTTLE, ERROR, DROP, STALL
}
