package io.tolk.app.cluster;

import io.tolk.api.ChangeNotice;
import io.tolk.api.ChangeNotifications;
import io.tolk.api.Connector;
import io.tolk.api.Subscription;
import io.tolk.app.health.Health;
import io.tolk.app.service.CallbackChannels;
import io.tolk.app.service.CycleResult;
import io.tolk.app.service.NotificationChannels;
import io.tolk.app.service.Service;
import io.tolk.app.service.ServiceListener;
import io.tolk.app.wiring.EngineSession;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The notification channels of a cluster, kept in the shared store ({@link ChannelTable}) instead of in a worker.
 *
 * <ul>
 *   <li><b>Who subscribes and renews.</b> The worker that runs a connection's cycle: when the cycle starts, a channel
 *       the store has no row for is subscribed, and one whose renewal is due (two thirds of its life passed, or its
 *       types or callback address changed) is renewed, each after taking the turn with a conditional write of the
 *       row, so two workers never both do it. A connection runs on one worker at a time anyway; the conditional write
 *       also covers a worker that lost its claim mid-cycle. A failed attempt is tried again by the first cycle a
 *       minute later, on whichever worker.</li>
 *   <li><b>Tokens.</b> Each subscription and each renewal gets a new random token; the store keeps only its SHA-256.
 *       Any worker verifies a callback by hashing the token it carries and comparing hashes in constant time. The
 *       token before a renewal stays accepted for a minute after it (callbacks in flight).</li>
 *   <li><b>Callbacks.</b> Any worker may receive one (they all sit behind {@code server.publicUrl}); its records go to
 *       the shared {@link SharedNotices} and the connection's cycle is triggered through the scheduler, so the worker
 *       that runs the connection next syncs them.</li>
 *   <li><b>Stopping.</b> A worker's clean stop leaves the channels open: they are the cluster's, the other workers
 *       rely on them, and the worker that takes each connection over renews its channel. When every worker has
 *       stopped, the channels run out by themselves within their lifetime (a day), while Zoho's calls to the stopped
 *       address fail; a restarted cluster goes on with them. A connection removed from the configuration has its
 *       channel closed by the first worker that notices.</li>
 * </ul>
 */
public final class SharedChannels implements CallbackChannels, ServiceListener {

    /** How soon a failed or unfinished subscription or renewal is tried again. */
    static final Duration RETRY = Duration.ofMinutes(1);
    /** How long the token before a renewal is still accepted. */
    static final Duration OVERLAP = Duration.ofMinutes(1);

    /** What a cycle's start does about one channel. */
    enum Turn {
        /** The channel is live and not due: nothing. */
        KEEP,
        /** No channel, or one that ran out: subscribe. */
        SUBSCRIBE,
        /** A live channel due for renewal, or asked for other types or another address: renew it. */
        RENEW
    }

    private final Service service;
    private final ChannelTable table;
    private final String worker;
    private final URI callbackUrl;
    private final Clock clock;
    private final Duration lifetime;
    private final Consumer<String> log;
    private final SecureRandom random = new SecureRandom();

    private SharedChannels(Service service, DataSource db, String worker, URI publicUrl, Clock clock, Duration lifetime,
                           Consumer<String> log) {
        this.service = service;
        this.table = new ChannelTable(db);
        this.worker = worker;
        this.callbackUrl = NotificationChannels.callbackUrlOf(publicUrl);
        this.clock = clock;
        this.lifetime = lifetime;
        this.log = log;
    }

    /**
     * The shared channels of a worker's service; they are kept up by the service's cycles, so call this before
     * {@link Service#start}.
     *
     * @param db        the shared PostgreSQL store (the cluster's pool)
     * @param worker    this worker's name (recorded with each subscription and renewal)
     * @param publicUrl the cluster's address as the systems reach it ({@code server.publicUrl})
     * @param log       where subscriptions, renewals and their problems are told (one line each, never a token)
     */
    public static SharedChannels attach(Service service, DataSource db, String worker, URI publicUrl, Clock clock,
                                        Duration lifetime, Consumer<String> log) {
        SharedChannels channels = new SharedChannels(service, db, worker, publicUrl, clock, lifetime, log);
        service.listen(channels);
        return channels;
    }

    /** What to do about a channel, given its row (if any), what it should watch and where it should call, now. */
    static Turn turn(Optional<ChannelTable.Row> row, String types, String notifyUrl, Instant now) {
        if (row.isEmpty()) {
            return Turn.SUBSCRIBE;
        }
        ChannelTable.Row r = row.get();
        if (now.isBefore(r.renewAfter())) {
            boolean changed = !r.types().equals(types) || !r.notifyUrl().equals(notifyUrl);
            return changed && r.expiresAt().isAfter(now) ? Turn.RENEW : Turn.KEEP;
        }
        return r.expiresAt().isAfter(now) ? Turn.RENEW : Turn.SUBSCRIBE;
    }

    // ------------------------------------------------------------------------------------------------ upkeep

    @Override
    public void cycleStarted(String connection) {
        EngineSession session;
        try {
            session = service.session(connection);
        } catch (IllegalArgumentException removed) {
            return;
        }
        for (Connector c : List.of(session.poweroffice(), session.zoho())) {
            c.notifications().ifPresent(api -> {
                try {
                    keep(connection, session, c.system(), api);
                } catch (RuntimeException e) {
                    log.accept(connection + ": " + c.system() + " notification channel could not be looked after ("
                            + e.getMessage() + "); the next cycle tries again");
                }
            });
        }
    }

    @Override
    public void cycleEnded(CycleResult result, Health health) {
    }

    /** Subscribes or renews one channel when its turn is due and this worker gets the turn. */
    private void keep(String connection, EngineSession session, String system, ChangeNotifications api) {
        Set<String> types = new LinkedHashSet<>(session.mapping().boundTypes(system));
        String typeList = String.join(",", types);
        Instant now = clock.instant();
        Optional<ChannelTable.Row> row = table.get(connection, system);
        Turn turn = turn(row, typeList, callbackUrl.toString(), now);
        if (turn == Turn.KEEP) {
            return;
        }
        String token = token();
        String channelId = NotificationChannels.channelId(connection, system);
        ChannelTable.Row claimed = new ChannelTable.Row(connection, system, channelId, typeList, callbackUrl.toString(),
                ChannelTable.hash(token), row.map(ChannelTable.Row::tokenHash).orElse(null),
                row.map(ChannelTable.Row::expiresAt).orElse(Instant.EPOCH), row.map(ChannelTable.Row::expiresAt)
                .orElse(Instant.EPOCH), now.plus(RETRY), worker);
        boolean mine = row.isEmpty() ? table.claimNew(claimed) : table.claimTurn(row.get(), claimed);
        if (!mine) {
            return;   // another worker took this turn
        }
        try {
            Subscription s = turn == Turn.RENEW
                    ? api.renew(new Subscription(channelId, types, callbackUrl, row.get().expiresAt()), token, lifetime)
                    : api.subscribe(channelId, types, callbackUrl, token, lifetime);
            Instant at = clock.instant();
            long life = Math.max(0, Duration.between(at, s.expiresAt()).toMillis());
            table.settle(claimed, new ChannelTable.Row(connection, system, channelId, typeList, callbackUrl.toString(),
                    claimed.tokenHash(), claimed.previousTokenHash(), at.plus(OVERLAP), s.expiresAt(),
                    at.plusMillis(Math.max(1_000, life * 2 / 3)), worker));
            log.accept(connection + ": " + system + " notifications " + (turn == Turn.RENEW ? "renewed" : "on")
                    + " for " + String.join(", ", types) + " (channel " + channelId + ", until " + s.expiresAt()
                    + ", by worker " + worker + ")");
        } catch (RuntimeException e) {
            // the system most likely kept the token it had: keep accepting that one as the channel's token
            if (row.isPresent() && row.get().expiresAt().isAfter(now)) {
                table.settle(claimed, new ChannelTable.Row(connection, system, channelId, typeList,
                        callbackUrl.toString(), row.get().tokenHash(), claimed.tokenHash(), now.plus(RETRY),
                        row.get().expiresAt(), now.plus(RETRY), worker));
            }
            log.accept(connection + ": " + system + " notifications could not be " + (turn == Turn.RENEW ? "renewed"
                    : "turned on") + " (" + e.getMessage() + "); tried again in a minute, and changes are found by"
                    + " polling every " + session.connection().sync().interval().toSeconds() + " s");
        }
    }

    // ------------------------------------------------------------------------------------------------ callbacks

    @Override
    public int receive(byte[] body) {
        Instant received = clock.instant();
        List<ChannelTable.Row> rows;
        try {
            rows = table.all();
        } catch (RuntimeException e) {
            return 503;   // the store cannot be asked: nothing can be verified or kept
        }
        Set<String> served = Set.copyOf(service.connections());
        Map<String, String> hashes = new HashMap<>();
        for (ChannelTable.Row row : rows) {
            if (!served.contains(row.connection())) {
                continue;
            }
            Optional<ChangeNotifications> api = notifications(row.connection(), row.system());
            Optional<String> token = api.flatMap(a -> a.callbackToken(body));
            if (token.isEmpty()
                    || !row.accepts(hashes.computeIfAbsent(token.get(), ChannelTable::hash), received)) {
                continue;
            }
            Optional<ChangeNotice> notice = api.get().parse(body, token.get());
            if (notice.isEmpty()) {
                continue;
            }
            try {
                service.notified(row.connection(), NotificationChannels.notices(row.system(), notice.get(), received));
            } catch (RuntimeException e) {
                return 503;   // not kept: the next full cycle reads the change
            }
            return 200;
        }
        return 403;
    }

    private Optional<ChangeNotifications> notifications(String connection, String system) {
        try {
            EngineSession s = service.session(connection);
            for (Connector c : List.of(s.poweroffice(), s.zoho())) {
                if (c.system().equals(system)) {
                    return c.notifications();
                }
            }
        } catch (IllegalArgumentException removed) {
            // removed while the callback came in
        }
        return Optional.empty();
    }

    // ------------------------------------------------------------------------------------------------ the rest

    /** Nothing at once: each connection's channel is subscribed by the first cycle of it, on whichever worker. */
    @Override
    public void open() {
        log.accept("notifications: each connection's channel is subscribed and renewed by the worker that runs its"
                + " cycle; callbacks are taken by any worker at " + callbackUrl);
    }

    /** Nothing at once: the connection's next cycle subscribes its channel. */
    @Override
    public void open(String connection) {
    }

    /** Closes the connection's channels, if this worker is the first to remove them from the store. */
    @Override
    public void close(String connection) {
        List<ChannelTable.Row> rows;
        try {
            rows = table.all().stream().filter(r -> r.connection().equals(connection)).toList();
        } catch (RuntimeException e) {
            return;
        }
        for (ChannelTable.Row row : rows) {
            Optional<ChangeNotifications> api = notifications(connection, row.system());
            try {
                if (table.delete(connection, row.system()) && api.isPresent()) {
                    api.get().unsubscribe(new Subscription(row.channelId(), Set.of(row.types().split(",")),
                            URI.create(row.notifyUrl()), row.expiresAt()));
                }
            } catch (RuntimeException e) {
                log.accept(connection + ": " + row.system() + " notification channel could not be closed ("
                        + e.getMessage() + "); it expires by itself at " + row.expiresAt());
            }
        }
    }

    @Override
    public List<String> channelIds() {
        Instant now = clock.instant();
        Set<String> served = Set.copyOf(service.connections());
        List<String> ids = new ArrayList<>();
        for (ChannelTable.Row r : table.all()) {
            if (served.contains(r.connection()) && r.expiresAt().isAfter(now)) {
                ids.add(r.channelId());
            }
        }
        return ids;
    }

    /** Leaves every channel open for the other workers (see the class comment). */
    @Override
    public void close() {
    }

    private String token() {
        byte[] b = new byte[24];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b); // 32 characters, within Zoho's 50
    }
}
