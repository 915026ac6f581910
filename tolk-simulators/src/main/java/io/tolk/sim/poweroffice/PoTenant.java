package io.tolk.sim.poweroffice;

import io.tolk.sim.common.SimTenant;

/**
 * One PowerOffice Go client (a company that activated the integration) under a subscription key: its records, the
 * tokens issued to it and the API over them. The server keeps its counters, write log and faults in {@code scope};
 * the tenant is named by its client key.
 */
record PoTenant(SimTenant scope, String subscriptionKey, PoStore store, PowerOfficeApi api, Tokens tokens) {
  String clientKey() {
    return scope.name();
  }
}
