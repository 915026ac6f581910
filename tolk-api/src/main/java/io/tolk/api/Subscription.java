package io.tolk.api;

import java.net.URI;
import java.time.Instant;
import java.util.Set;

/**
 * A live change-notification channel.
 *
 * @param channelId the channel's id in the system
 * @param types     the record types watched
 * @param notifyUrl where the system calls back
 * @param expiresAt when the system stops calling unless renewed
 */
public record Subscription(String channelId, Set<String> types, URI notifyUrl, Instant expiresAt) {
}
