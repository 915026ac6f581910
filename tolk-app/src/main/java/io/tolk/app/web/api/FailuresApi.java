package io.tolk.app.web.api;

import io.tolk.api.RecordRef;
import io.tolk.app.service.ServiceControl;
import io.tolk.app.wiring.EngineSession;
import io.tolk.engine.store.ConnectionStore;
import io.tolk.engine.store.Failure;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code GET /api/connections/{c}/failures} and {@code POST …/failures/retry}: the records that could not be synced,
 * grouped by the kind of error, and retrying one, a group or all of them. A retry makes the failures due and asks
 * for a cycle at once.
 */
public final class FailuresApi {

    private static final Pattern QUOTED = Pattern.compile("'[^']*'|\"[^\"]*\"");
    private static final Pattern NUMBERS = Pattern.compile("\\d+");

    private final ServiceControl service;

    public FailuresApi(ServiceControl service) {
        this.service = service;
    }

    /** One failure. */
    public record FailureView(long id, RecordLabel record, String target, String reason, int attempts, Instant firstAt,
                              Instant lastAt, Instant nextRetryAt) {
        static FailureView of(Failure f, RecordLabel label) {
            return new FailureView(f.id(), label, f.target(), f.reason(), f.attempts(), f.firstAt(), f.lastAt(),
                    f.nextRetryAt());
        }
    }

    /**
     * Failures of one kind: the same reason but for the values and ids in it, towards the same system.
     *
     * @param group    the group's key, for {@code POST …/failures/retry {"group": …}}
     * @param kind     the reason with its values and numbers left out, e.g. {@code Account_Name is … characters}
     * @param target   the system the values were to reach
     * @param count    how many failures (all of them; {@code failures} lists the first 100)
     */
    public record FailureGroup(String group, String kind, String target, int count, List<FailureView> failures) {
    }

    /** All failures, grouped, the largest group first. */
    public record FailuresView(String connection, int total, List<FailureGroup> groups) {
    }

    /** What a retry did: how many failures were made due, and that a cycle was asked for. */
    public record Retried(String connection, int retried, boolean cycleRequested) {
    }

    /** What a retry asks for: failure ids, or a group, or (neither) all failures. */
    public record RetryRequest(List<Long> ids, String group) {
    }

    /** The most failures one group lists (its count stays exact, and a retry of the group takes them all). */
    static final int SHOWN_PER_GROUP = 100;

    /** Failures of one kind, before they are shown. */
    record Grouped(String group, String kind, String target, List<Failure> failures) {
    }

    public FailuresView failures(String connection) {
        EngineSession session = Connections.session(service, connection);
        ConnectionStore db = session.store().connection(connection);
        List<Failure> all = session.engine().failures();
        List<Grouped> groups = grouped(all);
        List<RecordRef> shown = new ArrayList<>();
        groups.forEach(g -> g.failures().stream().limit(SHOWN_PER_GROUP).forEach(f -> shown.add(f.record())));
        Map<RecordRef, RecordLabel> labels = RecordLabel.all(session.mapping(), db, shown);
        List<FailureGroup> out = new ArrayList<>();
        for (Grouped g : groups) {
            out.add(new FailureGroup(g.group(), g.kind(), g.target(), g.failures().size(), g.failures().stream()
                    .limit(SHOWN_PER_GROUP).map(f -> FailureView.of(f, labels.get(f.record()))).toList()));
        }
        return new FailuresView(connection, all.size(), out);
    }

    /** Failures by kind and target, the largest group first (then by kind). */
    static List<Grouped> grouped(List<Failure> failures) {
        Map<String, List<Failure>> byKey = new LinkedHashMap<>();
        for (Failure f : failures) {
            byKey.computeIfAbsent(f.target() + "\u0000" + kind(f.reason()), k -> new ArrayList<>()).add(f);
        }
        List<Grouped> out = new ArrayList<>();
        byKey.forEach((key, list) -> out.add(new Grouped(groupKey(key), kind(list.get(0).reason()), list.get(0).target(),
                List.copyOf(list))));
        out.sort(Comparator.comparingInt((Grouped g) -> g.failures().size()).reversed().thenComparing(Grouped::kind));
        return out;
    }

    /** A reason without what differs from record to record: quoted values become …, numbers #. */
    static String kind(String reason) {
        String s = QUOTED.matcher(reason).replaceAll("…");
        return NUMBERS.matcher(s).replaceAll("#");
    }

    private static String groupKey(String key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Retries the failures asked for and asks for a cycle.
     *
     * @throws ApiException 404 for an unknown failure id or group, 400 for both ids and a group
     */
    public Retried retry(String connection, RetryRequest request) {
        EngineSession session = Connections.session(service, connection);
        List<Long> ids = request == null || request.ids() == null ? List.of() : request.ids();
        String group = request == null ? null : request.group();
        if (!ids.isEmpty() && group != null) {
            throw ApiException.badRequest("retry takes ids or a group, not both");
        }
        List<Failure> all = session.engine().failures();
        List<Long> chosen;
        if (group != null) {
            chosen = grouped(all).stream().filter(g -> g.group().equals(group)).findFirst()
                    .orElseThrow(() -> ApiException.notFound("no failure group '" + group + "'; it may have cleared"))
                    .failures().stream().map(Failure::id).toList();
        } else if (!ids.isEmpty()) {
            for (Long id : ids) {
                if (id == null || all.stream().noneMatch(f -> f.id() == id)) {
                    throw ApiException.notFound("no failure with id " + id + "; it may have cleared");
                }
            }
            chosen = ids;
        } else {
            chosen = all.stream().map(Failure::id).toList();
        }
        int n = chosen.isEmpty() ? 0 : session.engine().retry(chosen);
        service.triggerNow(connection);
        return new Retried(connection, n, true);
    }
}
