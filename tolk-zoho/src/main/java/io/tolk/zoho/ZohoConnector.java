package io.tolk.zoho;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tolk.api.ApiUsage;
import io.tolk.api.ChangeNotifications;
import io.tolk.api.Connector;
import io.tolk.api.ConnectorException;
import io.tolk.api.DeletedFeed;
import io.tolk.api.ErrorKind;
import io.tolk.api.FieldRule;
import io.tolk.api.RecordReader;
import io.tolk.api.RecordWriter;
import io.tolk.api.http.ApiResponse;
import io.tolk.api.http.ConcurrencyLimiter;
import io.tolk.api.http.CreditLedger;
import io.tolk.api.http.HttpCaller;
import io.tolk.api.http.SharedHttpClients;
import io.tolk.api.http.Sleeper;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Zoho CRM (v8) connector: record types {@code Accounts} and {@code Contacts}, field paths as Zoho API names
 * (lookups as {@code Account_Name.id} / {@code Account_Name.name}), modification instants from
 * {@code Modified_Time} (whole seconds, so {@link #timeResolution()} is one second).
 *
 * <p>Built from {@link ZohoSettings} plus the injected {@link Clock} (token expiry, credit window, overlap) and
 * {@link Sleeper} (backoff). Holds one {@link HttpClient}; calls go through {@link HttpCaller} with the settings'
 * deadline and retry policy, a concurrency limiter shared in the process by every connector of the same org and
 * app with the same limit, and this connector's {@link CreditBudget}. Reads are described in {@link ZohoReader}
 * and {@link ChangeWindow}, writes in {@link ZohoWriter}. Thread-safe as far as the SPI requires.
 */
public final class ZohoConnector implements Connector {

    private final ZohoSettings settings;
    private final HttpClient client;
    private final HttpCaller caller;
    private final ConcurrencyLimiter concurrency;
    private final ZohoAuth auth;
    private final CreditBudget credits;
    private final ZohoApi api;
    private final FieldMetadata metadata;
    private final Map<ZohoType, ZohoReader> readers = new EnumMap<>(ZohoType.class);
    private final Map<ZohoType, ZohoWriter> writers = new EnumMap<>(ZohoType.class);
    private final ZohoDeletedFeed deletedFeed;
    private final ZohoNotifications notifications;

    public ZohoConnector(ZohoSettings settings, Clock clock, Sleeper sleeper) {
        this.settings = settings;
        ObjectMapper mapper = new ObjectMapper();
        this.client = SharedHttpClients.withConnectTimeout(settings.connectTimeout());
        String org = "zoho|" + settings.accountsUrl() + "|" + settings.clientId() + "|" + settings.refreshToken()
                + "|" + settings.concurrency();
        this.concurrency = ConcurrencyLimiter.shared(org, settings.concurrency());
        this.caller = HttpCaller.builder("zoho")
                .client(client)
                .retryPolicy(settings.retryPolicy())
                .timeout(settings.callTimeout())
                .clock(clock)
                .sleeper(sleeper)
                .concurrencyLimiter(concurrency)
                .build();
        this.auth = new ZohoAuth(settings, caller, clock, mapper);
        this.credits = new CreditBudget(settings.creditBudget(), clock, orgHash(settings));
        this.api = new ZohoApi(settings, caller, auth, credits, mapper);
        this.metadata = new FieldMetadata(api);
        for (ZohoType t : ZohoType.values()) {
            readers.put(t, new ZohoReader(t, api, settings.changeOverlap(), clock, settings.pageSize()));
            writers.put(t, new ZohoWriter(t, api, metadata, settings, clock, sleeper));
        }
        this.deletedFeed = new ZohoDeletedFeed(api);
        this.notifications = new ZohoNotifications(api, clock);
    }

    /**
     * From now on, the credit budgets of this process's connectors keep the org's spent credits in {@code ledger}
     * (a cluster worker sets it once, before any connector is built, so its workers share each org's 24-hour budget);
     * {@code null} goes back to each connector alone.
     */
    public static void shareCreditsAcrossProcesses(CreditLedger ledger) {
        CreditBudget.shareAcrossProcesses(ledger);
    }

    /**
     * The ledger key of the org: a SHA-256 of the accounts server, the client id and the refresh token (what tells
     * one org's grant from another's here), so the token itself is never kept or shown.
     */
    static String orgHash(ZohoSettings settings) {
        String org = "zoho-credits|" + settings.accountsUrl() + "|" + settings.clientId() + "|" + settings.refreshToken();
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(org.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing", e);
        }
    }

    @Override
    public String system() {
        return "zoho";
    }

    @Override
    public Set<String> types() {
        Set<String> types = new LinkedHashSet<>();
        for (ZohoType t : ZohoType.values()) {
            types.add(t.module());
        }
        return types;
    }

    @Override
    public RecordReader reader(String type) {
        return readers.get(ZohoType.of(type));
    }

    @Override
    public RecordWriter writer(String type) {
        return writers.get(ZohoType.of(type));
    }

    @Override
    public Duration timeResolution() {
        return Duration.ofSeconds(1);
    }

    /**
     * Gets a token, reads one Account, and, when an external-id field is configured, checks it
     * ({@link #verifyExternalIdField()}). Everything that fails is reported as {@link ErrorKind#UNAVAILABLE}.
     */
    @Override
    public void checkAccess() {
        String op = "check access";
        try {
            Map<String, String> q = new LinkedHashMap<>();
            q.put("fields", "Modified_Time");
            q.put("per_page", "1");
            ApiResponse r = api.get(op, null, ZohoType.ACCOUNTS.module(), q, null);
            if (r.status() != 200 && r.status() != 204) {
                throw api.failure(r, op);
            }
        } catch (ConnectorException e) {
            if (e.kind() == ErrorKind.UNAVAILABLE) {
                throw e;
            }
            throw new ConnectorException(ErrorKind.UNAVAILABLE, "zoho", op + " at " + auth.apiDomain() + " failed: "
                    + e.getMessage(), e);
        }
        verifyExternalIdField();
    }

    /**
     * When {@link ZohoSettings#externalIdField()} is set, checks in the field metadata of both modules that it exists,
     * is single-line text of at least 50 characters and refuses duplicates; throws {@link ConnectorException}
     * ({@link ErrorKind#UNAVAILABLE}) naming the module, the field and the fix when not.
     */
    public void verifyExternalIdField() {
        String field = settings.externalIdField();
        if (field == null) {
            return;
        }
        for (ZohoType t : ZohoType.values()) {
            metadata.verifyExternalIdField(t, field);
        }
    }

    @Override
    public Map<String, FieldRule> fieldRules(String type) {
        return metadata.rules(ZohoType.of(type));
    }

    /**
     * What every org has when the field metadata cannot be read: the system-mandatory {@code Accounts.Account_Name}
     * and {@code Contacts.Last_Name}. Lengths are then not checked before sending; Zoho itself refuses a value that is
     * too long, as a failure of that record naming the field.
     */
    @Override
    public Map<String, FieldRule> fallbackFieldRules(String type) {
        return switch (ZohoType.of(type)) {
            case ACCOUNTS -> Map.of("Account_Name", new FieldRule("Account_Name", 0, true, "text"));
            case CONTACTS -> Map.of("Last_Name", new FieldRule("Last_Name", 0, true, "text"));
        };
    }

    /** As many writes in flight as the edition allows concurrent calls. */
    @Override
    public int writeConcurrency() {
        return Math.max(1, settings.concurrency());
    }

    /** Every module's records carry {@code Modified_By}, the user who changed them last; tolk reads its name. */
    @Override
    public Optional<String> modifiedByField(String type) {
        return Optional.of(RecordMapper.MODIFIED_BY + ".name");
    }

    @Override
    public Optional<DeletedFeed> deletedFeed() {
        return Optional.of(deletedFeed);
    }

    @Override
    public Optional<ChangeNotifications> notifications() {
        return Optional.of(notifications);
    }

    @Override
    public ApiUsage usage() {
        return caller.usage(credits.used(), credits.remainingReported());
    }

    /**
     * The most calls this org had in flight at once in this process so far, against {@link ZohoSettings#concurrency()}
     * allowed (the limiter is shared by every connector of the same org, so this counts them all). For benchmarks.
     */
    public int peakConcurrentCalls() {
        return concurrency.peakInFlight();
    }

    /** Token refreshes made so far (for status and tests). */
    public long tokenRefreshes() {
        return auth.refreshes();
    }

    public ZohoSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        // java.net.http.HttpClient has no close() before Java 21; dropping the reference frees it.
    }

    @Override
    public String toString() {
        return "ZohoConnector[" + auth + ", creditBudget=" + settings.creditBudget() + ", concurrency="
                + settings.concurrency() + "]";
    }
}
