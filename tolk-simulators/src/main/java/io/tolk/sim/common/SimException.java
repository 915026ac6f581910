package io.tolk.sim.common;

/** Thrown by handlers (or the server) to answer with a prepared error response. */
public class SimException extends RuntimeException {
  private final transient SimResponse response;

  public SimException(SimResponse response) {
    super("simulated error response " + response.status(), null, false, false);
    this.response = response;
  }

  public SimResponse response() {
    return response;
  }
}
