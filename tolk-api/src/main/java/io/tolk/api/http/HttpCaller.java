package io.tolk.api.http;

import io.tolk.api.ApiUsage;
import io.tolk.api.ConnectorException;
import io.tolk.api.ErrorKind;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes HTTP calls for one connector: with a deadline covering the whole response, body included; through the
 * rate and concurrency limiters; retrying what is safe to retry, within a {@link RetryPolicy}; and counting.
 *
 * <h2>Deadline</h2>
 * {@code java.net.http}'s request timeout stops at the response headers, so a server that stalls mid-body would
 * hang a plain {@code send} forever. Here every attempt is {@code sendAsync} with the body read into memory, awaited
 * for at most {@code timeout}, and cancelled (closing the exchange) when that passes.
 *
 * <h2>Retries</h2>
 * <ul>
 *   <li>429 and 5xx (except 501 and 505) are retried for every request: the server did not do the work. Except 502
 *       and 504 to a request that is not {@linkplain ApiRequest#idempotent() idempotent}: a gateway answered, and the
 *       server behind it may have applied the request, so they throw {@link ConnectorException} with
 *       {@link ErrorKind#UNKNOWN_OUTCOME} (the caller looks the record up before repeating it). The wait
 *       is the server's {@code Retry-After} (seconds or an HTTP date) when given, else the policy's backoff with
 *       jitter. When attempts or total time run out the last response is returned, so the caller can report the
 *       per-record error with the server's body.</li>
 *   <li>I/O errors and timeouts are retried for {@linkplain ApiRequest#idempotent() idempotent} requests. For
 *       others they are retried only when the request cannot have reached the server (connection refused,
 *       connect timeout); otherwise they throw {@link ConnectorException} with {@link ErrorKind#UNKNOWN_OUTCOME}
 *       so the caller can look the record up before repeating it.</li>
 *   <li>An I/O failure that outlives the policy throws {@link ConnectorException} with {@link ErrorKind#RETRYABLE}.</li>
 *   <li>A 401 to an authenticated call invalidates the credential and repeats the call once, at once; a second
 *       401 is returned to the caller.</li>
 * </ul>
 * Nothing retries forever: attempts are bounded by {@link RetryPolicy#maxAttempts()} and waits by
 * {@link RetryPolicy#maxTotal()} measured on the injected clock.
 *
 * <p>Thread-safe. Messages name the system, the operation and the record, never a header value.
 */
public final class HttpCaller {

    private final String system;
    private final HttpClient client;
    private final RetryPolicy policy;
    private final Duration timeout;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Random random;
    /** This connector's lanes on the (shared) limiters: its fair share of them. */
    private final RateLimiter.Lane rateLimiter;
    private final ConcurrencyLimiter.Lane concurrencyLimiter;

    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong throttled = new AtomicLong();

    private HttpCaller(Builder b) {
        this.system = Objects.requireNonNull(b.system, "system");
        this.client = b.client != null ? b.client : SharedHttpClients.withConnectTimeout(b.timeout);
        this.policy = b.policy;
        this.timeout = b.timeout;
        this.clock = b.clock;
        this.sleeper = b.sleeper;
        this.random = b.random;
        this.rateLimiter = b.rateLimiter == null ? null : b.rateLimiter.lane();
        this.concurrencyLimiter = b.concurrencyLimiter == null ? null : b.concurrencyLimiter.lane();
    }

    public static Builder builder(String system) {
        return new Builder(system);
    }

    /** Sends a request without credentials. */
    public ApiResponse send(ApiRequest request) {
        return send(request, Authenticator.NONE);
    }

    /**
     * Sends a request, retrying as the class documentation says, and returns the final response (which may be an
     * error status: the caller maps it). Throws {@link ConnectorException} for I/O failures that could not be
     * retried ({@link ErrorKind#UNKNOWN_OUTCOME} or {@link ErrorKind#RETRYABLE}) and when interrupted.
     */
    public ApiResponse send(ApiRequest request, Authenticator authenticator) {
        Instant start = clock.instant();
        boolean reauthenticated = false;
        int attempt = 0;
        while (true) {
            attempt++;
            ApiResponse response;
            try {
                response = attemptOnce(request, authenticator);
            } catch (IOException e) {
                rethrowFatal(e);
                if (unknownHost(e)) {
                    // nothing was sent, and asking again will not make the name resolve: say so at once
                    throw new ConnectorException(ErrorKind.UNAVAILABLE, system, request.describe() + ": unknown host "
                            + request.uri().getHost() + " (" + request.uri().getScheme() + "://"
                            + request.uri().getAuthority() + "): the name does not resolve; check the address in the"
                            + " config and this machine's DNS", e);
                }
                boolean safe = request.idempotent() || cannotHaveBeenSent(e);
                if (!safe) {
                    throw new ConnectorException(ErrorKind.UNKNOWN_OUTCOME, system, request.describe()
                            + ": the connection failed after the request was sent (" + describe(e)
                            + "); it may or may not have been applied", e);
                }
                Duration wait = policy.backoff(attempt, null, random);
                if (!mayRetry(attempt, start, wait)) {
                    if (cannotHaveBeenSent(e)) {
                        throw new ConnectorException(ErrorKind.UNAVAILABLE, system, request.describe() + ": cannot connect to "
                                + request.uri().getScheme() + "://" + request.uri().getAuthority() + " (gave up after "
                                + attempt + " attempt(s): " + describe(e) + ")", e);
                    }
                    throw new ConnectorException(ErrorKind.RETRYABLE, system, request.describe() + ": gave up after "
                            + attempt + " attempt(s): " + describe(e), e);
                }
                pause(wait, request);
                retries.incrementAndGet();
                continue;
            }
            int status = response.status();
            if (status == 401 && authenticator != Authenticator.NONE && !reauthenticated) {
                reauthenticated = true;
                authenticator.invalidate();
                attempt--; // a refused credential is not a failed attempt of the call itself
                retries.incrementAndGet();
                continue;
            }
            if (status == 429) {
                throttled.incrementAndGet();
            }
            if (!request.idempotent() && (status == 502 || status == 504)) {
                // a gateway answered: the server behind it may have done the work, so repeating a create could
                // make it twice; the caller looks the record up instead
                throw new ConnectorException(ErrorKind.UNKNOWN_OUTCOME, system, request.describe() + ": HTTP " + status
                        + " from a gateway in front of the server; it may or may not have been applied");
            }
            if (isRetryableStatus(status)) {
                Duration wait = policy.backoff(attempt, retryAfter(response).orElse(null), random);
                if (mayRetry(attempt, start, wait)) {
                    pause(wait, request);
                    retries.incrementAndGet();
                    continue;
                }
            }
            return response;
        }
    }

    /** Whether the status means "try again later": 429, or 5xx other than 501 and 505. */
    public static boolean isRetryableStatus(int status) {
        return status == 429 || (status >= 500 && status <= 599 && status != 501 && status != 505);
    }

    /** The server's Retry-After as a duration from now: delta-seconds or an HTTP date. */
    public Optional<Duration> retryAfter(ApiResponse response) {
        Optional<String> value = response.header("Retry-After");
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String text = value.get().trim();
        try {
            long seconds = Long.parseLong(text);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration d = Duration.between(clock.instant(), at);
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }

    /**
     * The HTTP client reports an {@link Error} of its own threads (out of memory) wrapped in an {@link IOException};
     * that is no network problem to retry but fatal, so it is thrown as it is.
     */
    private static void rethrowFatal(IOException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof Error fatal) {
                throw fatal;
            }
        }
    }

    /** Calls made (token calls included, every attempt counted), retries among them and 429s received. */
    public ApiUsage usage(long creditsUsed, long creditsRemaining) {
        return new ApiUsage(system, calls.get(), retries.get(), throttled.get(), creditsUsed, creditsRemaining);
    }

    public long calls() {
        return calls.get();
    }

    public long retries() {
        return retries.get();
    }

    public long throttled() {
        return throttled.get();
    }

    public String system() {
        return system;
    }

    public Duration timeout() {
        return timeout;
    }

    private boolean mayRetry(int attempt, Instant start, Duration wait) {
        if (attempt >= policy.maxAttempts()) {
            return false;
        }
        Duration elapsed = Duration.between(start, clock.instant());
        return elapsed.plus(wait).compareTo(policy.maxTotal()) <= 0;
    }

    private void pause(Duration wait, ApiRequest request) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorException(ErrorKind.RETRYABLE, system, request.describe() + ": interrupted while waiting to retry", e);
        }
    }

    private ApiResponse attemptOnce(ApiRequest request, Authenticator authenticator) throws IOException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri()).timeout(timeout);
        request.headers().forEach(builder::header);
        authenticator.authenticate(builder);
        HttpRequest.BodyPublisher publisher = request.body() == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(request.body());
        builder.method(request.method(), publisher);
        HttpRequest http = builder.build();

        ConcurrencyLimiter.Permit permit = null;
        try {
            if (rateLimiter != null) {
                rateLimiter.acquire();
            }
            if (concurrencyLimiter != null) {
                permit = concurrencyLimiter.acquire();
            }
            calls.incrementAndGet();
            return exchange(http);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorException(ErrorKind.RETRYABLE, system, request.describe() + ": interrupted", e);
        } finally {
            if (permit != null) {
                permit.close();
            }
        }
    }

    private ApiResponse exchange(HttpRequest http) throws IOException, InterruptedException {
        CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(http, HttpResponse.BodyHandlers.ofByteArray());
        try {
            HttpResponse<byte[]> response = future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return new ApiResponse(response.statusCode(), response.headers(), response.body());
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new HttpTimeoutException("no complete response within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Error fatal) {
                throw fatal;
            }
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException(cause == null ? "request failed" : cause.toString(), cause);
        }
    }

    /** Whether the host name could not be resolved (the JDK's client reports it as a ConnectException without text). */
    private static boolean unknownHost(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.UnknownHostException || t instanceof java.nio.channels.UnresolvedAddressException) {
                return true;
            }
        }
        return false;
    }

    private static boolean cannotHaveBeenSent(IOException e) {
        Throwable t = e;
        while (t != null) {
            if (t instanceof ConnectException || t instanceof HttpConnectTimeoutException) {
                return true;
            }
            t = t.getCause();
        }
        return false;
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** Configures an {@link HttpCaller}. Defaults: {@link RetryPolicy#defaults()}, 30 s timeout, system clock, real sleep, no limiters. */
    public static final class Builder {
        private final String system;
        private HttpClient client;
        private RetryPolicy policy = RetryPolicy.defaults();
        private Duration timeout = Duration.ofSeconds(30);
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.SYSTEM;
        private Random random = new Random();
        private RateLimiter rateLimiter;
        private ConcurrencyLimiter concurrencyLimiter;

        private Builder(String system) {
            this.system = system;
        }

        /** The client to use; by default one is made with a connect timeout equal to {@link #timeout}. */
        public Builder client(HttpClient client) {
            this.client = client;
            return this;
        }

        public Builder retryPolicy(RetryPolicy policy) {
            this.policy = Objects.requireNonNull(policy);
            return this;
        }

        /** The deadline of one attempt, from sending to the last byte of the body. */
        public Builder timeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive");
            }
            this.timeout = timeout;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper);
            return this;
        }

        /** The source of backoff jitter; pass a seeded one for repeatable waits. */
        public Builder random(Random random) {
            this.random = Objects.requireNonNull(random);
            return this;
        }

        /** The (shared) rate limit; the caller takes its permits through a lane of its own, its fair share. */
        public Builder rateLimiter(RateLimiter rateLimiter) {
            this.rateLimiter = rateLimiter;
            return this;
        }

        /** The (shared) concurrency limit; the caller takes its permits through a lane of its own, its fair share. */
        public Builder concurrencyLimiter(ConcurrencyLimiter concurrencyLimiter) {
            this.concurrencyLimiter = concurrencyLimiter;
            return this;
        }

        public HttpCaller build() {
            return new HttpCaller(this);
        }
    }
}
