package io.tolk.sim.common;

import java.nio.file.Path;

/**
 * Options common to both simulators.
 *
 * @param bindAddress address to listen on; loopback by default
 * @param port        0 = an ephemeral port
 * @param records     sample size (about this many records over all simulated types); 0 = start empty
 * @param stateFile   file to load at start (if it exists) and save to; null = in memory only
 * @param faults      injected faults
 * @param noLimits    true switches off the vendor's rate and credit limits
 * @param clock       the simulator's clock
 * @param tenants     how many tenants the simulator starts with (at least 1): the default one, whose credentials
 *                    are the configured ones, and tenants 2…n named after them ({@code demo-client-2} …), each with
 *                    its own {@code records} sample records
 */
public record SimOptions(String bindAddress, int port, int records, Path stateFile, Faults faults, boolean noLimits,
                         SimClock clock, int tenants) {
  /** The most tenants one simulator starts with. */
  public static final int MAX_TENANTS = 10_000;

  public SimOptions {
    bindAddress = bindAddress == null || bindAddress.isBlank() ? "127.0.0.1" : bindAddress;
    faults = faults == null ? Faults.NONE : faults;
    clock = clock == null ? new SimClock() : clock;
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("simulator port must be 0..65535, was " + port);
    }
    if (records < 0) {
      throw new IllegalArgumentException("--records must not be negative, was " + records);
    }
    if (tenants < 1 || tenants > MAX_TENANTS) {
      throw new IllegalArgumentException("--tenants must be 1.." + MAX_TENANTS + ", was " + tenants);
    }
  }

  /** One tenant. */
  public SimOptions(String bindAddress, int port, int records, Path stateFile, Faults faults, boolean noLimits,
                    SimClock clock) {
    this(bindAddress, port, records, stateFile, faults, noLimits, clock, 1);
  }

  /** 127.0.0.1, port 0, 0 records, no state, no faults, limits on, a new SimClock. */
  public static SimOptions defaults() {
    return new SimOptions("127.0.0.1", 0, 0, null, Faults.NONE, false, new SimClock());
  }

  public SimOptions withPort(int p) {
    return new SimOptions(bindAddress, p, records, stateFile, faults, noLimits, clock, tenants);
  }

  public SimOptions withRecords(int n) {
    return new SimOptions(bindAddress, port, n, stateFile, faults, noLimits, clock, tenants);
  }

  public SimOptions withStateFile(Path f) {
    return new SimOptions(bindAddress, port, records, f, faults, noLimits, clock, tenants);
  }

  public SimOptions withFaults(Faults f) {
    return new SimOptions(bindAddress, port, records, stateFile, f, noLimits, clock, tenants);
  }

  public SimOptions withNoLimits(boolean b) {
    return new SimOptions(bindAddress, port, records, stateFile, faults, b, clock, tenants);
  }

  public SimOptions withClock(SimClock c) {
    return new SimOptions(bindAddress, port, records, stateFile, faults, noLimits, c, tenants);
  }

  /** Starts with {@code n} tenants (see {@link #tenants()}). */
  public SimOptions withTenants(int n) {
    return new SimOptions(bindAddress, port, records, stateFile, faults, noLimits, clock, n);
  }

  public SimOptions withBindAddress(String a) {
    return new SimOptions(a, port, records, stateFile, faults, noLimits, clock, tenants);
  }
}
