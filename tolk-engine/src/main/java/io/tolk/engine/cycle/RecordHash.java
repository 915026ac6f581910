package io.tolk.engine.cycle;

import io.tolk.api.SourceRecord;

import java.time.Instant;
import java.util.Map;

/**
 * The content hash of a record as read: its fields and modification instants, independent of field order. It only has
 * to tell "same content as last time" from "changed" for one record, so a 64-bit hash does (a collision would need
 * two versions of one record out of 2^64); nothing is secret, so a cryptographic hash buys nothing. Written here
 * because it is a few lines: FNV-1a over the characters and lengths, finished with a 64-bit avalanche mix.
 */
public final class RecordHash {

    private static final long OFFSET = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    private RecordHash() {
    }

    /** 16 hex digits. */
    public static String of(SourceRecord record) {
        return of(record.fields(), record.modifiedAt(), record.fieldModifiedAt());
    }

    /**
     * Each field contributes the mixed hash of its name and value, and the contributions are summed, so the order of
     * the fields does not matter and nothing is sorted; the instants come last, in their own lane.
     */
    public static String of(Map<String, String> fields, Instant modifiedAt, Map<String, Instant> fieldModifiedAt) {
        long sum = 0;
        for (Map.Entry<String, String> e : fields.entrySet()) {
            sum += mix(text(text(OFFSET, e.getKey()), e.getValue()));
        }
        long times = instant(OFFSET, modifiedAt);
        for (Map.Entry<String, Instant> e : fieldModifiedAt.entrySet()) {
            times += mix(instant(text(OFFSET ^ 0x5bd1e995L, e.getKey()), e.getValue()));
        }
        return hex(mix(sum * PRIME ^ mix(times)));
    }

    private static String hex(long h) {
        char[] out = new char[16];
        for (int i = 15; i >= 0; i--) {
            out[i] = HEX[(int) (h & 0xf)];
            h >>>= 4;
        }
        return new String(out);
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private static long text(long h, String s) {
        if (s == null) {
            return word(h, -1);
        }
        h = word(h, s.length());
        for (int i = 0; i < s.length(); i++) {
            h = (h ^ s.charAt(i)) * PRIME;
        }
        return h;
    }

    private static long instant(long h, Instant t) {
        return t == null ? word(h, Long.MIN_VALUE) : word(word(h, t.getEpochSecond()), t.getNano());
    }

    private static long word(long h, long v) {
        return (h ^ v) * PRIME ^ (v >>> 32);
    }

    /** The finaliser of MurmurHash3's 64-bit variant: every input bit affects every output bit. */
    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
