package io.tolk.api;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Optional capability: the system calls back when records change (Zoho's {@code /actions/watch}).
 * Channels expire; the caller renews them before {@link Subscription#expiresAt()}.
 */
public interface ChangeNotifications {

    /** Opens a channel; the system will include {@code token} in every callback so it can be verified. */
    Subscription subscribe(String channelId, Set<String> types, URI notifyUrl, String token, Duration lifetime);

    /** Extends a channel's life. */
    Subscription renew(Subscription subscription, String token, Duration lifetime);

    /** Closes a channel. Closing one that no longer exists is not an error. */
    void unsubscribe(Subscription subscription);

    /**
     * Parses a callback body. Empty when the body is not a notification of a watched type or its token is not
     * {@code expectedToken} (the caller answers such requests with 4xx and ignores them).
     */
    Optional<ChangeNotice> parse(byte[] body, String expectedToken);

    /**
     * The verification token a callback body carries, unchecked: for a caller that keeps only a hash of each channel's
     * token, to find the channel the callback claims to be from before {@link #parse} verifies it. Empty when the body
     * carries none (or the system's callbacks carry no token, the default).
     */
    default Optional<String> callbackToken(byte[] body) {
        return Optional.empty();
    }
}
