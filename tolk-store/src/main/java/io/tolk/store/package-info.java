/**
 * tolk's durable state on JDBC: {@link io.tolk.store.JdbcStore} implements the engine's
 * {@link io.tolk.engine.store.Store} on SQLite (the embedded default, {@code store: sqlite:./tolk.db}) or PostgreSQL
 * ({@code store: jdbc:postgresql://host/db}, credentials from {@code TOLK_DB_USER} / {@code TOLK_DB_PASSWORD}).
 *
 * <ul>
 *   <li>{@link io.tolk.store.StoreUrl} parses the {@code store} setting; mistakes name the key and the accepted forms.</li>
 *   <li>{@code Database} lends connections (SQLite: WAL, one writer, a few readers, busy timeout; PostgreSQL: a few)
 *       and runs the Flyway migrations in {@code db/migration/common} — one SQL dialect for both databases: TEXT,
 *       INTEGER, BIGINT, {@code INSERT ... ON CONFLICT}; ids come from a counter table, never SERIAL.</li>
 *   <li>{@code LockTable} is the per-connection cycle lock: one row with owner and expiry, taken by one conditional
 *       upsert so two processes can never both hold it.</li>
 *   <li>{@code JdbcConnectionStore} is one connection's state: every row carries the connection's name; value maps
 *       are JSON (order and {@code null} values kept); instants are ISO-8601 text (nanoseconds kept).</li>
 * </ul>
 */
package io.tolk.store;
