package io.tolk.sim.zoho;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tolk.sim.common.SimClock;
import io.tolk.sim.common.SimTenant;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One Zoho CRM org of the simulator, named by its refresh token: its records, access tokens, API credits,
 * concurrency, page tokens, notification channels and the APIs over them. The server keeps its counters, write log
 * and faults in {@link #scope()}. The field catalog, the time zone and the clock are the simulator's, shared by all
 * orgs. Nothing of one org is reachable with another org's token.
 */
final class ZohoOrg implements AutoCloseable {
  private final SimTenant scope;
  private final ZohoCredentials credentials;
  private final RecordStore store;
  private final TokenIssuer tokens;
  private final CreditMeter credits;
  private final PageTokens pageTokens;
  private final Notifier notifier;
  private final ApiGate gate;
  private final LaggedReads reads;
  private final RecordsApi records;
  private final WatchApi watch;
  private final CoqlApi coql;

  /** The org of {@code scope}, accepting {@code credentials}, with the limits of {@code settings}. */
  ZohoOrg(SimTenant scope, ZohoCredentials credentials, ZohoSettings settings, boolean limits, ObjectMapper mapper,
          ZohoErrors errors, FieldCatalog catalog, SimClock clock, Supplier<String> baseUrl) {
    this.scope = scope;
    this.credentials = credentials;
    this.store = new RecordStore(Map.of(ZohoModule.ACCOUNTS, catalog.indexedFields(ZohoModule.ACCOUNTS),
        ZohoModule.CONTACTS, catalog.indexedFields(ZohoModule.CONTACTS)));
    if (scope.number() > 1) {
      store.reserveId(RecordStore.FIRST_ID + (scope.number() - 1L) * 1_000_000_000L - 1); // the org's own id block
    }
    ZohoTime time = new ZohoTime(settings.timeZone());
    this.tokens = new TokenIssuer(credentials, clock, settings.tokenLifetime());
    this.credits = new CreditMeter(clock, settings.creditsPerDay());
    this.pageTokens = new PageTokens(clock);
    this.notifier = new Notifier(mapper, clock, baseUrl);
    this.gate = new ApiGate(tokens, credits, errors, scope.counters(), limits, settings.concurrencyLimit());
    this.reads = new LaggedReads(store, clock, () -> scope.faults().lag());
    RecordJson json = new RecordJson(mapper, catalog, store, time);
    RecordValidator validator = new RecordValidator(catalog, store, errors, settings.unknownFields());
    RecordWriter writer = new RecordWriter(mapper, catalog, store, validator, errors, time, clock, json,
        scope.writeLog());
    this.records = new RecordsApi(mapper, catalog, store, writer, json, errors, time, clock, pageTokens, notifier,
        scope.counters(), reads);
    this.watch = new WatchApi(mapper, notifier, errors, time, clock, baseUrl);
    this.coql = new CoqlApi(mapper, catalog, reads, errors, time);
  }

  /** Starts following the tenant's lag fault; call once the initial data is loaded (it is visible under any lag). */
  void followLag() {
    reads.lagChanged();
    scope.onFaultsChanged(f -> reads.lagChanged());
  }

  /** The org's refresh token, which names it. */
  String name() {
    return scope.name();
  }

  SimTenant scope() {
    return scope;
  }

  ZohoCredentials credentials() {
    return credentials;
  }

  RecordStore store() {
    return store;
  }

  TokenIssuer tokens() {
    return tokens;
  }

  CreditMeter credits() {
    return credits;
  }

  Notifier notifier() {
    return notifier;
  }

  ApiGate gate() {
    return gate;
  }

  RecordsApi records() {
    return records;
  }

  WatchApi watch() {
    return watch;
  }

  CoqlApi coql() {
    return coql;
  }

  /**
   * Empties the org's data: records, recycle bin, page tokens, channels, credits, the write log. Issued access
   * tokens stay valid.
   */
  void reset() {
    store.clear();
    scope.writeLog().clear();
    reads.reset();
    reads.lagChanged();
    pageTokens.clear();
    notifier.clear();
    credits.reset();
  }

  @Override
  public void close() {
    notifier.close();
  }
}
