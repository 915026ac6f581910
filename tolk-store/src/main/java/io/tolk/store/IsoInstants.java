package io.tolk.store;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The store's text form of an instant, exactly {@link Instant#toString()} ({@code 2026-12-02T21:38:28.123Z}: seconds
 * always, the fraction in groups of three digits as needed) and its parser, written out by hand because the store
 * formats and parses several instants per record and {@code DateTimeFormatter} was a tenth of a cycle's CPU. Instants
 * outside the years 0000–9999 take the JDK's way, so every instant round-trips.
 */
final class IsoInstants {

    private static final long MIN_SECOND = LocalDate.of(0, 1, 1).toEpochDay() * 86_400L;
    private static final long MAX_SECOND = LocalDate.of(10_000, 1, 1).toEpochDay() * 86_400L;

    private IsoInstants() {
    }

    static String format(Instant t) {
        long seconds = t.getEpochSecond();
        if (seconds < MIN_SECOND || seconds >= MAX_SECOND) {
            return t.toString();
        }
        long day = Math.floorDiv(seconds, 86_400L);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
        LocalDate date = LocalDate.ofEpochDay(day);
        char[] out = new char[30];
        int n = 0;
        n = digits(out, n, date.getYear(), 4);
        out[n++] = '-';
        n = digits(out, n, date.getMonthValue(), 2);
        out[n++] = '-';
        n = digits(out, n, date.getDayOfMonth(), 2);
        out[n++] = 'T';
        n = digits(out, n, secondOfDay / 3600, 2);
        out[n++] = ':';
        n = digits(out, n, secondOfDay / 60 % 60, 2);
        out[n++] = ':';
        n = digits(out, n, secondOfDay % 60, 2);
        int nano = t.getNano();
        if (nano != 0) {
            out[n++] = '.';
            if (nano % 1_000_000 == 0) {
                n = digits(out, n, nano / 1_000_000, 3);
            } else if (nano % 1_000 == 0) {
                n = digits(out, n, nano / 1_000, 6);
            } else {
                n = digits(out, n, nano, 9);
            }
        }
        out[n++] = 'Z';
        return new String(out, 0, n);
    }

    static Instant parse(String text) {
        int len = text.length();
        if (len < 20 || len > 30 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(len - 1) != 'Z') {
            return Instant.parse(text);
        }
        int year = number(text, 0, 4);
        int month = number(text, 5, 7);
        int day = number(text, 8, 10);
        int hour = number(text, 11, 13);
        int minute = number(text, 14, 16);
        int second = number(text, 17, 19);
        int nano = 0;
        if (len > 20) {
            int digits = len - 21;
            if (text.charAt(19) != '.' || digits < 1 || digits > 9) {
                return Instant.parse(text);
            }
            nano = number(text, 20, len - 1);
            if (nano < 0) {
                return Instant.parse(text);
            }
            for (int i = digits; i < 9; i++) {
                nano *= 10;
            }
        } else if (text.charAt(19) != 'Z') {
            return Instant.parse(text);
        }
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0
                || minute > 59 || second < 0 || second > 59
                || nano < 0) {
            return Instant.parse(text); // not a plain instant: the JDK says what is wrong with it
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (java.time.DateTimeException e) {
            return Instant.parse(text);
        }
        return Instant.ofEpochSecond(epochDay * 86_400L + hour * 3600L + minute * 60L + second, nano);
    }

    private static int number(String text, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1_000_000_000;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static int digits(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
        return at + width;
    }
}
