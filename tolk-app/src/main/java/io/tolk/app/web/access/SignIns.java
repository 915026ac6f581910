package io.tolk.app.web.access;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dashboard's signed-in sessions, in memory (a restart signs everyone out). A session is known by a random id,
 * which only the session cookie carries, and holds its own random CSRF token, which the dashboard sends back in a
 * header with every request that changes something. A session ends when unused for {@code idle} or, at the latest,
 * {@code lifetime} after sign-in. Thread-safe.
 */
public final class SignIns {

    /**
     * One signed-in browser.
     *
     * @param id        the cookie's value (never logged or shown)
     * @param csrf      the token state-changing requests must carry in {@link AccessGuard#CSRF_HEADER}
     * @param createdAt when it signed in
     * @param lastUsed  its latest request
     */
    public record Session(String id, String csrf, Instant createdAt, Instant lastUsed) {
        public Session {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(csrf, "csrf");
        }

        @Override
        public String toString() {
            return "Session[signed in " + createdAt + "]";
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;
    private final Duration idle;
    private final Duration lifetime;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    public SignIns(Clock clock, Duration idle, Duration lifetime) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.idle = Objects.requireNonNull(idle, "idle");
        this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
    }

    /** Sessions that end after 8 hours unused, or 7 days after sign-in. */
    public static SignIns standard(Clock clock) {
        return new SignIns(clock, Duration.ofHours(8), Duration.ofDays(7));
    }

    /** Starts a session. */
    public Session open() {
        Instant now = clock.instant();
        dropExpired(now);
        Session s = new Session(randomToken(), randomToken(), now, now);
        sessions.put(s.id(), s);
        return s;
    }

    /** The live session with this id (marked used now), or empty when unknown or expired. */
    public Optional<Session> find(String id) {
        if (id == null || id.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Session s = sessions.computeIfPresent(id, (k, old) -> expired(old, now) ? null
                : new Session(old.id(), old.csrf(), old.createdAt(), now));
        return Optional.ofNullable(s);
    }

    /** Ends the session (signing out); unknown ids are ignored. */
    public void close(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    private boolean expired(Session s, Instant now) {
        return !now.isBefore(s.lastUsed().plus(idle)) || !now.isBefore(s.createdAt().plus(lifetime));
    }

    private void dropExpired(Instant now) {
        sessions.values().removeIf(s -> expired(s, now));
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
