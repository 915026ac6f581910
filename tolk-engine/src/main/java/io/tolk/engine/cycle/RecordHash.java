package io.tolk.engine.cycle;

import io.tolk.api.SourceRecord;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/** The content hash of a record as read: its fields and modification instants, independent of field order. */
public final class RecordHash {

    private RecordHash() {
    }

    public static String of(SourceRecord record) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String> e : new TreeMap<>(record.fields()).entrySet()) {
            append(b, e.getKey());
            append(b, e.getValue());
        }
        b.append('|').append(record.modifiedAt());
        for (Map.Entry<String, Instant> e : new TreeMap<>(record.fieldModifiedAt()).entrySet()) {
            append(b, e.getKey());
            append(b, String.valueOf(e.getValue()));
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(b.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static void append(StringBuilder b, String s) {
        if (s == null) {
            b.append("\u0000;");
        } else {
            b.append(s.length()).append(':').append(s).append(';');
        }
    }
}
