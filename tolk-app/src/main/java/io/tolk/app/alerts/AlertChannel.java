package io.tolk.app.alerts;

/**
 * One way of telling a person (a webhook, e-mail). {@link AlertWatcher} calls {@link #send} on the channel's own
 * thread, one alert at a time, in the order the changes happened; a send may block (within its own timeouts) and
 * throws when the alert was not delivered, so that the watcher can try again.
 */
public interface AlertChannel {

    /** What the channel is called in logs, e.g. {@code webhook https://hooks.slack.com/…}; never a secret. */
    String name();

    /**
     * Delivers the alert, or throws.
     *
     * @throws Exception when it was not delivered (the watcher retries a bounded number of times)
     */
    void send(Alert alert) throws Exception;

    /**
     * A delivery failure as it may be logged: the exception's message without any secret of the channel (a webhook's
     * path, a password).
     */
    String describe(Exception failure);
}
