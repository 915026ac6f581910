package io.tolk.engine.plan;

import io.tolk.engine.store.EchoExpectation;
import io.tolk.engine.store.Link;
import io.tolk.engine.store.Snapshot;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rule 7 on the reading side: what a record's read means once tolk's own last write is taken into account.
 * <ul>
 *   <li>A read older than tolk's write (a lagging replica, which some systems read from) is not a user edit: the record is
 *       taken to hold what tolk last saw of it.</li>
 *   <li>The first read after a write that was not read back adopts the system's own form of the written fields as
 *       "last seen", so normalisation (a trimmed phone, a country name for a code) is not taken as an edit, when the
 *       write's answer gave no modification instant: a read modified within the echo window of the write is then
 *       tolk's own. When the answer gave the instant (a system that keeps values as sent and says when it stored
 *       them), "last seen" is the values sent, and any field that reads otherwise, even in the same second, is an
 *       edit: nobody's change is ever taken for tolk's own.</li>
 * </ul>
 */
final class EchoGuard {

    private EchoGuard() {
    }

    /**
     * @param current the values to merge with
     * @param link    the link with "last seen" adjusted (to store at commit)
     * @param stale   whether the read came from a replica older than tolk's write
     */
    record Reading(Map<String, String> current, Link link, boolean stale) {
    }

    static Reading read(Link link, Snapshot snapshot, Duration resolution, Duration echoWindow) {
        if (link.writtenAt() == null) {
            return new Reading(snapshot.fields(), link, false);
        }
        Instant modified = snapshot.latestModifiedAt();
        Duration tolerance = link.echo() == EchoExpectation.WITHIN_WINDOW ? resolution : Duration.ZERO;
        if (modified != null && modified.plus(tolerance).isBefore(link.writtenAt())) {
            Map<String, String> current = new LinkedHashMap<>(snapshot.fields());
            current.putAll(link.lastSeen());
            return new Reading(current, link, true);
        }
        if (!link.echoPending()) {
            return new Reading(snapshot.fields(), link, false);
        }
        // With the write's own instant (EXACT) "last seen" already holds the values sent, which such a system keeps as
        // sent: a field that reads otherwise was changed by someone, even within the same second, and is taken as an
        // edit. Only without that instant is a read near the write taken as the system's own form of tolk's values.
        boolean ours = link.echo() == EchoExpectation.WITHIN_WINDOW
                && (modified == null || !modified.isAfter(link.writtenAt().plus(echoWindow).plus(resolution)));
        Map<String, String> seen = new LinkedHashMap<>(link.lastSeen());
        if (ours) {
            for (String field : link.lastWritten().keySet()) {
                seen.put(field, snapshot.fields().get(field));
            }
        }
        Link adopted = link.withWrite(seen, link.lastWritten(), modified != null ? modified : link.writtenAt(),
                EchoExpectation.NONE);
        return new Reading(snapshot.fields(), adopted, false);
    }
}
