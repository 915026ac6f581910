package io.tolk.app.web.access;

import io.tolk.app.config.ServerConfig;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Decides whether one request to the admin server may go on. The rules:
 * <ul>
 *   <li>{@code /webhooks/zoho} is open: Zoho cannot send a bearer token; the webhook receiver checks the channel
 *       token itself.</li>
 *   <li>The dashboard's own files and the sign-in endpoint ({@code /api/session}) are open; the sign-in checks the
 *       token itself.</li>
 *   <li>The admin API ({@code /api/…}) and {@code /metrics}, when {@code server.token} is set, need either
 *       {@code Authorization: Bearer <token>} or a signed-in session cookie; without a token (loopback only) they
 *       are open.</li>
 *   <li>A request that changes something (any method but GET, HEAD and OPTIONS) carried by a session cookie must also
 *       carry that session's CSRF token in {@value #CSRF_HEADER}; one sent by another web site (an {@code Origin}
 *       header naming another origin) is refused whatever it carries.</li>
 *   <li>A server on loopback answers only requests that name a loopback host (or {@code server.publicUrl}'s host) in
 *       {@code Host}, so that a web page cannot reach it through a DNS name re-bound to 127.0.0.1.</li>
 * </ul>
 */
public final class AccessGuard {

    /** The header that carries a session's CSRF token. */
    public static final String CSRF_HEADER = "X-CSRF-Token";
    /** The session cookie's name. */
    public static final String SESSION_COOKIE = "tolk_session";

    /**
     * One request, as far as access is concerned.
     *
     * @param method        the HTTP method
     * @param path          the path, without query
     * @param header        the request's header by name (case-insensitive), or {@code null}
     * @param sessionCookie the session cookie's value, or {@code null}
     */
    public record Call(String method, String path, Function<String, String> header, String sessionCookie) {
        public Call {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(header, "header");
        }
    }

    /** What to do with a request. */
    public sealed interface Verdict {
        /** Go on; {@code session} is the signed-in session it came with, if any. */
        record Allow(Optional<SignIns.Session> session) implements Verdict {
        }

        /** Answer {@code status} with {@code message}: 401 (not signed in), 403 (refused), 421 (wrong host). */
        record Deny(int status, String message) implements Verdict {
        }
    }

    private final ServerConfig config;
    private final SignIns signIns;

    public AccessGuard(ServerConfig config, SignIns signIns) {
        this.config = Objects.requireNonNull(config, "config");
        this.signIns = Objects.requireNonNull(signIns, "signIns");
    }

    /** Whether requests need the token (or a session signed in with it). */
    public boolean tokenRequired() {
        return config.token() != null;
    }

    /** Whether {@code candidate} is the configured token (compared in constant time); false when none is set. */
    public boolean isToken(String candidate) {
        return config.token() != null && candidate != null && MessageDigest.isEqual(
                candidate.getBytes(StandardCharsets.UTF_8), config.token().reveal().getBytes(StandardCharsets.UTF_8));
    }

    public Verdict check(Call call) {
        if (config.loopbackOnly() && !hostAllowed(call.header().apply("Host"))) {
            return new Verdict.Deny(421, "this server answers only requests to a loopback address such as 127.0.0.1"
                    + (config.publicUrl() == null ? "" : " or to " + config.publicUrl().getHost()));
        }
        if (call.path().equals("/webhooks/zoho")) {
            return new Verdict.Allow(Optional.empty());
        }
        boolean changes = !switch (call.method().toUpperCase(Locale.ROOT)) {
            case "GET", "HEAD", "OPTIONS" -> true;
            default -> false;
        };
        if (changes && foreignOrigin(call)) {
            return new Verdict.Deny(403, "refused: the request comes from another web site ("
                    + call.header().apply("Origin") + ")");
        }
        Optional<SignIns.Session> session = signIns.find(call.sessionCookie());
        if (!guarded(call.path())) {
            return new Verdict.Allow(session);
        }
        String authorization = call.header().apply("Authorization");
        if (tokenRequired() && authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return isToken(authorization.substring(7).strip()) ? new Verdict.Allow(Optional.empty())
                    : new Verdict.Deny(401, "the bearer token is not server.token");
        }
        if (session.isPresent()) {
            if (changes && !sameSecret(call.header().apply(CSRF_HEADER), session.get().csrf())) {
                return new Verdict.Deny(403, "refused: the " + CSRF_HEADER + " header is missing or wrong; reload the dashboard");
            }
            return new Verdict.Allow(session);
        }
        if (tokenRequired()) {
            return new Verdict.Deny(401, "sign in first: send Authorization: Bearer <server.token>, or sign in on the dashboard");
        }
        return new Verdict.Allow(Optional.empty());
    }

    /** The admin API and the metrics; the sign-in endpoint is not guarded (it checks the token itself). */
    private static boolean guarded(String path) {
        return path.equals("/metrics") || (path.startsWith("/api/") && !path.equals("/api/session"));
    }

    private boolean hostAllowed(String host) {
        if (host == null) {
            return true;   // HTTP/1.0 without Host: not a browser following a re-bound DNS name
        }
        String name = hostName(host);
        if (LoopbackNames.isLoopbackName(name)) {
            return true;
        }
        URI pub = config.publicUrl();
        return pub != null && pub.getHost() != null && pub.getHost().equalsIgnoreCase(name);
    }

    private boolean foreignOrigin(Call call) {
        String origin = call.header().apply("Origin");
        if (origin == null || origin.isEmpty()) {
            return false;
        }
        String host = call.header().apply("Host");
        if (host != null && (origin.equalsIgnoreCase("http://" + host) || origin.equalsIgnoreCase("https://" + host))) {
            return false;
        }
        URI pub = config.publicUrl();
        if (pub != null && pub.getHost() != null) {
            String own = pub.getScheme() + "://" + pub.getHost() + (pub.getPort() < 0 ? "" : ":" + pub.getPort());
            return !origin.equalsIgnoreCase(own);
        }
        return true;
    }

    /** The host name of a Host header: without the port, IPv6 without brackets. */
    static String hostName(String host) {
        String h = host.strip();
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h.substring(1) : h.substring(1, end);
        }
        int colon = h.indexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }

    private static boolean sameSecret(String given, String expected) {
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8));
    }
}
