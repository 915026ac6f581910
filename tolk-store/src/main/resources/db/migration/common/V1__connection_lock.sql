-- The per-connection lock: at most one process runs a connection's cycle at a time.
-- Portable SQL (SQLite and PostgreSQL): instants are epoch milliseconds in BIGINT.
CREATE TABLE tolk_lock (
    connection_name TEXT   NOT NULL PRIMARY KEY,
    owner           TEXT   NOT NULL,
    acquired_at     BIGINT NOT NULL,
    expires_at      BIGINT NOT NULL
);
