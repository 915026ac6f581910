package io.tolk.sim.common;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * What the shared server keeps per tenant (a PowerOffice client, a Zoho org): its request counters, its write log
 * and its injected faults. The simulators keep the tenant's data beside it. Thread-safe.
 *
 * <p>A tenant is named by the credential that selects it (a PowerOffice client key, a Zoho refresh token) and
 * numbered in the order it was made, from 1 (the default tenant); the number seeds its sample data.</p>
 */
public final class SimTenant {
  private final String name;
  private final int number;
  private final SimCounters counters;
  private final WriteLog writeLog;
  private final List<Consumer<Faults>> faultListeners = new CopyOnWriteArrayList<>();
  private volatile FaultDecider faults;

  SimTenant(String name, int number, SimCounters counters, Clock clock, Faults faults) {
    this.name = name;
    this.number = number;
    this.counters = counters;
    this.writeLog = new WriteLog(clock, WriteLog.DEFAULT_CAPACITY);
    this.faults = new FaultDecider(faults == null ? Faults.NONE : faults);
  }

  public String name() {
    return name;
  }

  /** 1 for the default tenant, then 2, 3, … in the order tenants were added. */
  public int number() {
    return number;
  }

  public SimCounters counters() {
    return counters;
  }

  /** The records this tenant's API calls changed, in the order applied. */
  public WriteLog writeLog() {
    return writeLog;
  }

  public Faults faults() {
    return faults.faults();
  }

  FaultDecider decider() {
    return faults;
  }

  /** Replaces the tenant's faults (a new seeded sequence) and tells the listeners. */
  public void setFaults(Faults f) {
    this.faults = new FaultDecider(f == null ? Faults.NONE : f);
    Faults now = faults();
    faultListeners.forEach(l -> l.accept(now));
  }

  /** Called with the tenant's new faults whenever they are set. */
  public void onFaultsChanged(Consumer<Faults> listener) {
    faultListeners.add(listener);
  }
}
