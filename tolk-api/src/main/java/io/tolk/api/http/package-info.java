/**
 * Connector-neutral HTTP plumbing shared by the connectors: {@link io.tolk.api.http.HttpCaller} (whole-response
 * deadlines, bounded retries honouring {@code Retry-After}, one re-authentication on 401, counting),
 * {@link io.tolk.api.http.RetryPolicy}, {@link io.tolk.api.http.RateLimiter} and
 * {@link io.tolk.api.http.ConcurrencyLimiter} (process-wide per key), and {@link io.tolk.api.http.Sleeper} so
 * waits are injected. JDK only: {@code java.net.http}.
 */
package io.tolk.api.http;
