package io.tolk.zoho;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tolk.api.ChangeNotice;
import io.tolk.api.ChangeNotifications;
import io.tolk.api.ConnectorException;
import io.tolk.api.ErrorKind;
import io.tolk.api.Subscription;
import io.tolk.api.WriteOperation;
import io.tolk.api.http.ApiResponse;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Zoho's notifications ({@code /actions/watch}).
 *
 * <ul>
 *   <li>{@link #subscribe}: {@code POST /actions/watch} with the channel, events {@code Module.all} per type, the
 *       expiry (now + lifetime, at most Zoho's one week), the verification token (at most 50 characters) and the
 *       URL. The expiry Zoho confirms is the subscription's.</li>
 *   <li>{@link #renew}: {@code PUT /actions/watch} with the same details and a later expiry (PUT replaces them).</li>
 *   <li>{@link #unsubscribe}: {@code DELETE /actions/watch?channel_ids=…}; a channel Zoho no longer knows is fine.</li>
 *   <li>{@link #parse}: a callback whose {@code token} equals the expected one (compared in constant time), of a
 *       watched module, with operation {@code insert}/{@code update}/{@code delete}; anything else is empty. The
 *       channel asks for {@code return_affected_field_values}, and the values a callback carries are handed on as
 *       the reader would read them.</li>
 *   <li>{@link #callbackToken}: the callback's {@code token}, unchecked (for a caller that keeps only its hash).</li>
 * </ul>
 */
final class ZohoNotifications implements ChangeNotifications {

    static final Duration MAX_LIFETIME = Duration.ofDays(7);
    static final int MAX_TOKEN = 50;

    private final ZohoApi api;
    private final Clock clock;

    ZohoNotifications(ZohoApi api, Clock clock) {
        this.api = api;
        this.clock = clock;
    }

    @Override
    public Subscription subscribe(String channelId, Set<String> types, URI notifyUrl, String token, Duration lifetime) {
        return watch("POST", "subscribe", channelId, types, notifyUrl, token, lifetime);
    }

    @Override
    public Subscription renew(Subscription subscription, String token, Duration lifetime) {
        return watch("PUT", "renew", subscription.channelId(), subscription.types(), subscription.notifyUrl(), token,
                lifetime);
    }

    private Subscription watch(String method, String what, String channelId, Set<String> types, URI notifyUrl,
                               String token, Duration lifetime) {
        String op = what + " notifications " + channelId;
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN) {
            throw new IllegalArgumentException("zoho: " + op + ": the verification token must have 1 to " + MAX_TOKEN
                    + " characters");
        }
        Duration life = lifetime.compareTo(MAX_LIFETIME) > 0 ? MAX_LIFETIME : lifetime;
        Instant expiry = clock.instant().plus(life);
        ObjectNode body = api.mapper().createObjectNode();
        ObjectNode w = body.putArray("watch").addObject();
        if (channelId.matches("\\d{1,18}")) {
            w.put("channel_id", Long.parseLong(channelId));
        } else {
            w.put("channel_id", channelId);
        }
        ArrayNode events = w.putArray("events");
        for (String t : new TreeSet<>(types)) {
            events.add(ZohoType.of(t).module() + ".all");
        }
        w.put("channel_expiry", ZohoTime.format(expiry));
        w.put("token", token);
        w.put("notify_url", notifyUrl.toString());
        w.put("return_affected_field_values", true); // lets tolk tell its own writes coming back without a read
        ApiResponse r = api.send(op, null, method, "actions/watch", null, body, true, 1);
        if (!r.isSuccess()) {
            throw api.failure(r, op);
        }
        JsonNode item = api.json(r, op).path("watch").path(0);
        if (!"success".equals(item.path("status").asText())) {
            throw new ConnectorException(ErrorKind.PERMANENT, "zoho", op + ": " + item.path("code").asText("no result")
                    + " " + item.path("message").asText("") + " " + item.path("details"));
        }
        Instant confirmed = null;
        for (JsonNode e : item.path("details").path("events")) {
            Instant at = ZohoTime.parse(e.path("channel_expiry").asText(null));
            if (at != null && (confirmed == null || at.isBefore(confirmed))) {
                confirmed = at;
            }
        }
        return new Subscription(channelId, Set.copyOf(types), notifyUrl, confirmed != null ? confirmed : expiry);
    }

    @Override
    public void unsubscribe(Subscription subscription) {
        String op = "unsubscribe notifications " + subscription.channelId();
        ApiResponse r = api.send(op, null, "DELETE", "actions/watch", Map.of("channel_ids", subscription.channelId()),
                null, true, 1);
        if (r.isSuccess() || r.status() == 404) {
            return;
        }
        if (r.status() == 400) {
            String code = api.code(r);
            if (code.equals("INVALID_DATA") || code.equals("RESOURCE_NOT_FOUND") || code.equals("NOT_SUBSCRIBED")) {
                return;
            }
        }
        throw api.failure(r, op);
    }

    @Override
    public Optional<String> callbackToken(byte[] body) {
        try {
            JsonNode n = api.mapper().readTree(body);
            return n != null && n.path("token").isTextual() ? Optional.of(n.path("token").asText()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<ChangeNotice> parse(byte[] body, String expectedToken) {
        JsonNode n;
        try {
            n = api.mapper().readTree(body);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (n == null || !n.isObject() || expectedToken == null) {
            return Optional.empty();
        }
        String token = n.path("token").asText(null);
        if (token == null || !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                expectedToken.getBytes(StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        ZohoType type;
        try {
            type = ZohoType.of(n.path("module").asText(""));
        } catch (IllegalArgumentException notWatched) {
            return Optional.empty();
        }
        WriteOperation operation = switch (n.path("operation").asText("")) {
            case "insert", "create" -> WriteOperation.CREATE;
            case "update", "edit" -> WriteOperation.UPDATE;
            case "delete" -> WriteOperation.DELETE;
            default -> null;
        };
        if (operation == null) {
            return Optional.empty();
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode id : n.path("ids")) {
            ids.add(id.asText());
        }
        JsonNode time = n.path("server_time");
        Instant at = time.isNumber() ? Instant.ofEpochMilli(time.asLong()) : clock.instant();
        Map<String, Map<String, String>> fields = new java.util.LinkedHashMap<>();
        for (JsonNode v : n.path("affected_values")) {
            String id = v.path("record_id").asText(null);
            if (id != null && v.path("values").isObject()) {
                ObjectNode record = ((ObjectNode) v.path("values")).deepCopy();
                record.put("id", id);
                fields.put(id, RecordMapper.toSource(type, record).fields());
            }
        }
        return Optional.of(new ChangeNotice(type.module(), List.copyOf(ids), operation, at, fields));
    }
}
