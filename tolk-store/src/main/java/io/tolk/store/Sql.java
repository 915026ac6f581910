package io.tolk.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;

/**
 * Small JDBC helpers: bind parameters by Java type, map rows, convert instants, and prepare each statement once per
 * connection (statements are kept with their connection and reused; a connection that is closed takes them along).
 */
final class Sql {

    /** Maps the current row. */
    @FunctionalInterface
    interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** The statements prepared on each connection, by SQL text. A connection is used by one thread at a time. */
    private static final Map<Connection, Map<String, PreparedStatement>> PREPARED =
            Collections.synchronizedMap(new WeakHashMap<>());

    /** The sizes of {@code IN (...)} lists: a list is padded to the next, so few distinct statements exist. */
    static final int[] IN_SIZES = {1, 8, 64, 256};

    private Sql() {
    }

    /** The statement for {@code sql} on {@code c}, prepared the first time. Do not close it. */
    static PreparedStatement prepare(Connection c, String sql) throws SQLException {
        Map<String, PreparedStatement> mine = PREPARED.computeIfAbsent(c, x -> new HashMap<>());
        PreparedStatement ps = mine.get(sql);
        if (ps == null || ps.isClosed()) {
            ps = c.prepareStatement(sql);
            mine.put(sql, ps);
        }
        return ps;
    }

    static int update(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement ps = prepare(c, sql);
        bind(ps, args);
        return ps.executeUpdate();
    }

    static <T> List<T> list(Connection c, String sql, Row<T> row, Object... args) throws SQLException {
        PreparedStatement ps = prepare(c, sql);
        bind(ps, args);
        try (ResultSet rs = ps.executeQuery()) {
            List<T> result = new ArrayList<>();
            while (rs.next()) {
                result.add(row.map(rs));
            }
            return result;
        }
    }

    static <T> Optional<T> one(Connection c, String sql, Row<T> row, Object... args) throws SQLException {
        PreparedStatement ps = prepare(c, sql);
        bind(ps, args);
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(row.map(rs)) : Optional.empty();
        }
    }

    /** Runs one statement for each row of arguments, as one JDBC batch. */
    static void batch(Connection c, String sql, List<Object[]> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        PreparedStatement ps = prepare(c, sql);
        for (Object[] args : rows) {
            bind(ps, args);
            ps.addBatch();
        }
        ps.executeBatch();
    }

    /** {@code ?, ?, ?} for an {@code IN} list of {@code n} values. */
    static String marks(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    /**
     * Cuts {@code values} into lists of the {@link #IN_SIZES} (the last padded by repeating its last value), so a query
     * with an {@code IN} list is prepared in at most four shapes.
     */
    static <T> List<List<T>> inLists(List<T> values) {
        List<List<T>> out = new ArrayList<>();
        int max = IN_SIZES[IN_SIZES.length - 1];
        for (int i = 0; i < values.size(); i += max) {
            List<T> part = new ArrayList<>(values.subList(i, Math.min(values.size(), i + max)));
            int size = IN_SIZES[IN_SIZES.length - 1];
            for (int s : IN_SIZES) {
                if (s >= part.size()) {
                    size = s;
                    break;
                }
            }
            while (part.size() < size) {
                part.add(part.get(part.size() - 1));
            }
            out.add(part);
        }
        return out;
    }

    static void bind(PreparedStatement ps, Object[] args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            int p = i + 1;
            if (a == null) {
                ps.setNull(p, Types.VARCHAR); // every nullable column is TEXT or BIGINT; both take a typed null
            } else if (a instanceof String s) {
                ps.setString(p, s);
            } else if (a instanceof Long l) {
                ps.setLong(p, l);
            } else if (a instanceof Integer n) {
                ps.setInt(p, n);
            } else if (a instanceof Boolean b) {
                ps.setInt(p, b ? 1 : 0);
            } else if (a instanceof Instant t) {
                ps.setString(p, IsoInstants.format(t));
            } else if (a instanceof Enum<?> e) {
                ps.setString(p, e.name());
            } else {
                throw new IllegalArgumentException("cannot bind " + a.getClass().getName());
            }
        }
    }

    /** An instant stored as ISO-8601 text, or {@code null}. */
    static Instant instant(ResultSet rs, String column) throws SQLException {
        String text = rs.getString(column);
        return text == null ? null : IsoInstants.parse(text);
    }

    static boolean bool(ResultSet rs, String column) throws SQLException {
        return rs.getInt(column) != 0;
    }

    /** Epoch nanoseconds, for ordering by time; saturates outside the years 1677-2262. */
    static long nanos(Instant t) {
        try {
            return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
        } catch (ArithmeticException e) {
            return t.getEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }
}
