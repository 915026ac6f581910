package io.tolk.app.service;

import java.util.List;

/**
 * The notification channels of a running service, as the web server ({@code /webhooks/zoho}) and the connections
 * watcher see them. {@link NotificationChannels} keeps them in this process; a cluster keeps them in the shared store,
 * owned by whichever worker runs each connection. Thread-safe: callbacks arrive on the web server's threads.
 */
public interface CallbackChannels extends AutoCloseable {

    /** Makes a service's channels; called before the service starts, {@link #open()} after. */
    @FunctionalInterface
    interface Factory {
        /**
         * @param publicUrl the service's address as the systems reach it ({@code server.publicUrl})
         * @param log       where subscriptions and their problems are told (one line each, never a token)
         */
        CallbackChannels of(Service service, java.net.URI publicUrl, java.util.function.Consumer<String> log);
    }

    /** Turns notifications on for every connection (at start). A refusal is told and polling goes on. */
    void open();

    /** Turns notifications on for one connection added while running. */
    void open(String connection);

    /** Turns notifications off for one connection no longer served (its file was removed or changed). */
    void close(String connection);

    /**
     * A callback's body: 200 when a channel's token verified it (its records went to the service, which asks for a
     * cycle), 403 when no channel accepts it. Never throws.
     */
    int receive(byte[] body);

    /** The ids of the channels this service knows are open (for status and tests). */
    List<String> channelIds();

    /** Stops renewing; what becomes of the channels is the implementation's to say. */
    @Override
    void close();
}
