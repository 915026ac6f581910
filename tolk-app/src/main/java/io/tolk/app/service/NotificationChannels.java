package io.tolk.app.service;

import io.tolk.api.ChangeNotice;
import io.tolk.api.ChangeNotifications;
import io.tolk.api.Connector;
import io.tolk.api.RecordRef;
import io.tolk.api.Subscription;
import io.tolk.app.wiring.EngineSession;
import io.tolk.engine.ChangeQueue;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The notification channels of a running service: for every connection, every system that has notifications
 * ({@link Connector#notifications()}: Zoho's {@code /actions/watch}) is subscribed for the types the mapping binds,
 * calling back to {@code <server.publicUrl>/webhooks/zoho} with a random token made for this run. Channels are renewed
 * when two thirds of their life has passed (a failed renewal is tried again every minute). A callback is accepted only
 * with a channel's token (compared in constant time by the connector); its records go to the connection's engine and a
 * small cycle is asked for.
 *
 * <p>This is the channels of one process ({@code tolk run}); a cluster's are shared through the store (see
 * {@code io.tolk.app.cluster.SharedChannels}).
 *
 * <p>On a clean stop every channel is closed: a stopped tolk cannot take callbacks, and a channel left pointing at a
 * dead URL only makes Zoho fail deliveries until it gives up on it. Nothing is lost by closing: the next start
 * subscribes again, and its first full cycle reads what changed in between (polling stays on as the safety net).
 */
public final class NotificationChannels implements CallbackChannels {

    /** How long a channel is asked for (Zoho allows up to a week). */
    public static final Duration LIFETIME = Duration.ofDays(1);

    /** One open channel. */
    private record Channel(String connection, String system, ChangeNotifications api, String token,
                           Subscription subscription) {
        Channel with(Subscription s) {
            return new Channel(connection, system, api, token, s);
        }
    }

    private final Service service;
    private final URI callbackUrl;
    private final Clock clock;
    private final Duration lifetime;
    private final Consumer<String> log;
    private final List<Channel> channels = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tolk-notification-renewals");
        t.setDaemon(true);
        return t;
    });
    private final SecureRandom random = new SecureRandom();

    /**
     * @param publicUrl the service's address as the systems reach it ({@code server.publicUrl})
     * @param log       where subscription problems and renewals are told (one line each, never a token)
     */
    public NotificationChannels(Service service, URI publicUrl, Clock clock, Duration lifetime, Consumer<String> log) {
        this.service = service;
        this.callbackUrl = callbackUrlOf(publicUrl);
        this.clock = clock;
        this.lifetime = lifetime;
        this.log = log;
    }

    /** Where the systems call back. */
    public URI callbackUrl() {
        return callbackUrl;
    }

    /** Subscribes every connection's systems that have notifications. A refusal is told and polling goes on. */
    @Override
    public void open() {
        for (String connection : service.connections()) {
            open(connection);
        }
    }

    /** Closes the channels of one connection (removed while tolk runs). */
    @Override
    public void close(String connection) {
        for (Channel ch : List.copyOf(channels)) {
            if (ch.connection().equals(connection)) {
                channels.remove(ch);
                unsubscribe(ch);
            }
        }
    }

    /** Subscribes one connection's systems that have notifications (one added while tolk runs, or at start). */
    @Override
    public void open(String connection) {
        EngineSession session = service.session(connection);
        for (Connector c : List.of(session.poweroffice(), session.zoho())) {
            Optional<ChangeNotifications> api = c.notifications();
            if (api.isEmpty()) {
                continue;
            }
            Set<String> types = new LinkedHashSet<>(session.mapping().boundTypes(c.system()));
            String channelId = channelId(connection, c.system());
            String token = token();
            try {
                Subscription s = api.get().subscribe(channelId, types, callbackUrl, token, lifetime);
                Channel ch = new Channel(connection, c.system(), api.get(), token, s);
                channels.add(ch);
                scheduleRenewal(ch);
                log.accept(connection + ": " + c.system() + " notifications on for " + String.join(", ", types)
                        + " (channel " + channelId + ", until " + s.expiresAt() + ")");
            } catch (RuntimeException e) {
                log.accept(connection + ": " + c.system() + " notifications could not be turned on ("
                        + e.getMessage() + "); changes are found by polling every "
                        + session.connection().sync().interval().toSeconds() + " s");
            }
        }
    }

    /** The channel ids of the open channels (for status and tests). */
    @Override
    public List<String> channelIds() {
        return channels.stream().map(c -> c.subscription().channelId()).toList();
    }

    /**
     * A callback's body: 200 when a channel's token verified it (its records are queued and a small cycle asked
     * for), 403 when no open channel accepts it.
     */
    @Override
    public int receive(byte[] body) {
        Instant received = clock.instant();
        for (Channel ch : channels) {
            Optional<ChangeNotice> notice = ch.api().parse(body, ch.token());
            if (notice.isEmpty()) {
                continue;
            }
            service.notified(ch.connection(), notices(ch.system(), notice.get(), received));
            return 200;
        }
        return 403;
    }

    /** A verified notice of {@code system} as the engine's notices, one per record. */
    public static List<ChangeQueue.Notice> notices(String system, ChangeNotice n, Instant received) {
        List<ChangeQueue.Notice> notices = new ArrayList<>();
        for (String id : n.ids()) {
            notices.add(new ChangeQueue.Notice(new RecordRef(system, n.type(), id), n.operation(), n.serverTime(),
                    received, n.fields().get(id)));
        }
        return notices;
    }

    /** Where the systems call back, under the service's public address. */
    public static URI callbackUrlOf(URI publicUrl) {
        return URI.create(publicUrl.toString().replaceAll("/+$", "") + "/webhooks/zoho");
    }

    private void scheduleRenewal(Channel ch) {
        Duration left = Duration.between(clock.instant(), ch.subscription().expiresAt());
        long delay = Math.max(1_000, left.toMillis() * 2 / 3);
        renewals.schedule(() -> renew(ch), delay, TimeUnit.MILLISECONDS);
    }

    private void renew(Channel ch) {
        if (!channels.contains(ch)) {
            return;
        }
        try {
            Subscription s = ch.api().renew(ch.subscription(), ch.token(), lifetime);
            Channel renewed = ch.with(s);
            channels.replaceAll(c -> c == ch ? renewed : c);
            scheduleRenewal(renewed);
        } catch (RuntimeException e) {
            log.accept(ch.connection() + ": " + ch.system() + " notification channel could not be renewed ("
                    + e.getMessage() + "); trying again in a minute");
            renewals.schedule(() -> renew(ch), 1, TimeUnit.MINUTES);
        }
    }

    /** Closes every channel (see the class comment for why). */
    @Override
    public void close() {
        renewals.shutdownNow();
        for (Channel ch : channels) {
            unsubscribe(ch);
        }
        channels.clear();
    }

    private void unsubscribe(Channel ch) {
        try {
            ch.api().unsubscribe(ch.subscription());
        } catch (RuntimeException e) {
            log.accept(ch.connection() + ": " + ch.system() + " notification channel could not be closed ("
                    + e.getMessage() + "); it expires by itself at " + ch.subscription().expiresAt());
        }
    }

    /** A stable numeric channel id per connection and system (Zoho wants digits). */
    public static String channelId(String connection, String system) {
        long h = 1125899906842597L;
        for (char c : (connection + "/" + system).toCharArray()) {
            h = 31 * h + c;
        }
        return Long.toString(1_000_000_000_000L + Math.floorMod(h, 8_999_999_999_999L));
    }

    private String token() {
        byte[] b = new byte[24];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b); // 32 characters, within Zoho's 50
    }
}
