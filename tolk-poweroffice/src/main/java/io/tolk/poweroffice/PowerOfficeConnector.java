package io.tolk.poweroffice;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tolk.api.ApiUsage;
import io.tolk.api.Connector;
import io.tolk.api.ConnectorException;
import io.tolk.api.ErrorKind;
import io.tolk.api.FieldMarker;
import io.tolk.api.FieldRule;
import io.tolk.api.ReadStream;
import io.tolk.api.RecordReader;
import io.tolk.api.RecordWriter;
import io.tolk.api.http.ApiRequest;
import io.tolk.api.http.ApiResponse;
import io.tolk.api.http.HttpCaller;
import io.tolk.api.http.RateLimiter;
import io.tolk.api.http.SharedHttpClients;
import io.tolk.api.http.Sleeper;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;

/**
 * The PowerOffice Go v2 connector for one client: types {@code CompanyCustomer} and {@code PersonCustomer} (the
 * {@code IsPerson} split of {@code /Customers}), {@code Department} and {@code ContactPerson} (id
 * {@code ContactId:Id}).
 *
 * <p>Every call carries the bearer token (client-credentials, renewed before expiry on the injected clock, renewed
 * once on 401) and the subscription key; passes the process-wide limiter of the subscription key (10 requests/s by
 * default, shared by every connector in the process that uses the same key against the same host); has a deadline
 * covering the whole response; and retries 429/5xx with bounded backoff honouring {@code Retry-After}
 * (see {@link HttpCaller}). Reading and writing are described on {@link PowerOfficeReader} and
 * {@link PowerOfficeWriter}.
 */
public final class PowerOfficeConnector implements Connector {

    /** The system name. */
    public static final String SYSTEM = "poweroffice";
    /** The read stream of company and person customers together. */
    static final String CUSTOMERS_STREAM = "Customers";

    private final PowerOfficeSettings settings;
    private final HttpCaller caller;
    private final PowerOfficeClient client;
    private final Map<PoType, PowerOfficeReader> readers = new EnumMap<>(PoType.class);
    private final Map<PoType, PowerOfficeWriter> writers = new EnumMap<>(PoType.class);
    private final PowerOfficeReader customers;

    /** A connector with jitter from an unseeded random source. */
    public PowerOfficeConnector(PowerOfficeSettings settings, Clock clock, Sleeper sleeper) {
        this(settings, clock, sleeper, new Random());
    }

    /** A connector whose backoff jitter comes from {@code random} (seed it for repeatable waits). */
    public PowerOfficeConnector(PowerOfficeSettings settings, Clock clock, Sleeper sleeper, Random random) {
        this.settings = Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(sleeper, "sleeper");
        ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        HttpClient http = SharedHttpClients.withConnectTimeout(min(settings.requestTimeout(), Duration.ofSeconds(10)));
        HttpCaller.Builder builder = HttpCaller.builder(SYSTEM).client(http).retryPolicy(settings.retryPolicy())
                .timeout(settings.requestTimeout()).clock(clock).sleeper(sleeper).random(random);
        if (settings.requestsPerSecond() > 0) {
            builder.rateLimiter(RateLimiter.shared(SYSTEM + "|" + settings.apiUrl().getAuthority() + "|" + settings.subscriptionKey(),
                    settings.requestsPerSecond(), clock, sleeper));
        }
        this.caller = builder.build();
        TokenProvider tokens = new TokenProvider(settings, caller, clock, json);
        this.client = new PowerOfficeClient(settings, caller, tokens, json);
        RecordMapper mapper = new RecordMapper(json);
        for (PoType type : PoType.values()) {
            readers.put(type, new PowerOfficeReader(type, client, mapper));
            writers.put(type, new PowerOfficeWriter(type, client, mapper, clock, sleeper));
        }
        this.customers = new PowerOfficeReader(PoType.COMPANY_CUSTOMER,
                java.util.EnumSet.of(PoType.COMPANY_CUSTOMER, PoType.PERSON_CUSTOMER), client, mapper);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public String system() {
        return SYSTEM;
    }

    @Override
    public Set<String> types() {
        Set<String> names = new LinkedHashSet<>();
        for (PoType t : PoType.values()) {
            names.add(t.typeName);
        }
        return names;
    }

    @Override
    public RecordReader reader(String type) {
        return readers.get(type(type));
    }

    @Override
    public RecordWriter writer(String type) {
        return writers.get(type(type));
    }

    /** Company and person customers are one list ({@code /Customers}): asked for together, it is read once for both. */
    @Override
    public List<ReadStream> streams(Set<String> types) {
        List<ReadStream> out = new ArrayList<>();
        Set<String> rest = new TreeSet<>(types);
        String company = PoType.COMPANY_CUSTOMER.typeName;
        String person = PoType.PERSON_CUSTOMER.typeName;
        if (rest.contains(company) && rest.contains(person)) {
            out.add(new ReadStream(CUSTOMERS_STREAM, Set.of(company, person)));
            rest.remove(company);
            rest.remove(person);
        }
        rest.forEach(t -> out.add(ReadStream.of(t)));
        return out;
    }

    @Override
    public RecordReader reader(ReadStream stream) {
        if (stream.name().equals(CUSTOMERS_STREAM)) {
            return customers;
        }
        return Connector.super.reader(stream);
    }

    /** A propagated deletion archives a customer and deactivates a department; PowerOffice deletes nothing. */
    @Override
    public Optional<FieldMarker> softDelete(String type) {
        return switch (type(type)) {
            case COMPANY_CUSTOMER, PERSON_CUSTOMER -> Optional.of(FieldMarker.of("IsArchived", "true"));
            case DEPARTMENT -> Optional.of(FieldMarker.of("IsActive", "false"));
            case CONTACT_PERSON -> Optional.of(FieldMarker.of("IsActive", "false"));
        };
    }

    /**
     * An archived customer is inactive: it is not newly created elsewhere. A department without {@code IsActive} is
     * not (PowerOffice's own default for a new department is false).
     */
    @Override
    public Optional<FieldMarker> inactive(String type) {
        PoType t = type(type);
        return t.isCustomer() ? Optional.of(FieldMarker.of("IsArchived", "true")) : Optional.empty();
    }

    /** A few writes in flight: the rate limiter, not the number of threads, sets the pace. */
    @Override
    public int writeConcurrency() {
        return 4;
    }

    private static PoType type(String name) {
        return PoType.byName(name).orElseThrow(() -> new IllegalArgumentException(
                "poweroffice has no record type '" + name + "' (known: CompanyCustomer, PersonCustomer, Department, ContactPerson)"));
    }

    /** DateTimeOffset has 100 ns ticks. */
    @Override
    public Duration timeResolution() {
        return Duration.ofNanos(100);
    }

    @Override
    public void checkAccess() {
        try {
            client.tokens().currentToken();
            ApiResponse response = client.send(ApiRequest.get("check access", null,
                    client.uri("Departments", Map.of("PageSize", "1", "Fields", "Id"))));
            if (response.status() != 200 && response.status() != 204) {
                throw new ConnectorException(ErrorKind.UNAVAILABLE, SYSTEM, "check access: HTTP " + response.status());
            }
        } catch (ConnectorException e) {
            if (e.kind() == ErrorKind.UNAVAILABLE) {
                throw e;
            }
            throw new ConnectorException(ErrorKind.UNAVAILABLE, SYSTEM, "check access failed: " + e.getMessage(), e);
        }
    }

    /**
     * PowerOffice's documented limits (OpenAPI Post DTOs): required {@code Name} (companies, departments) or
     * {@code FirstName}/{@code LastName} (persons, contact persons); address lines 200, {@code City} 100,
     * {@code ZipCode} 50, {@code ExternalCode} 50 characters; {@code CountryCode} two letters.
     */
    @Override
    public Map<String, FieldRule> fieldRules(String type) {
        Map<String, FieldRule> rules = new LinkedHashMap<>();
        for (PoField f : type(type).fields().values()) {
            rules.put(f.path(), new FieldRule(f.path(), f.maxLength(), f.mandatory(), f.dataType()));
        }
        return Map.copyOf(rules);
    }

    @Override
    public ApiUsage usage() {
        return caller.usage(-1, -1);
    }

    /** Tokens obtained so far (for tests and status). */
    long tokensIssued() {
        return client.tokens().tokensIssued();
    }

    /** Nothing to release: java.net.http clients of Java 17 free their resources when unreferenced. */
    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "PowerOfficeConnector[" + settings + "]";
    }
}
