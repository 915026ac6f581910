-- Notifications in a cluster (tolk run --cluster, PostgreSQL; a SQLite store has the tables too, always empty).

-- Records a system notified as changed, waiting for the next cycle of their connection on whichever worker runs it.
-- One row per record: a record notified again keeps its latest notice and gets a new stamp, so a cycle that took the
-- older notice removes it only if the stamp is still the one it took. Times are epoch milliseconds; fields is the
-- JSON object of the values the notice carried, or null.
CREATE TABLE tolk_notified_record (
    connection_name TEXT   NOT NULL,
    system_name     TEXT   NOT NULL,
    record_type     TEXT   NOT NULL,
    record_id       TEXT   NOT NULL,
    operation       TEXT   NOT NULL,
    server_time     BIGINT NOT NULL,
    received_at     BIGINT NOT NULL,
    fields          TEXT,
    stamp           TEXT   NOT NULL,
    PRIMARY KEY (connection_name, system_name, record_type, record_id)
);

-- One notification channel per connection and system, owned by the cluster rather than by a worker: whichever worker
-- runs the connection's cycle when renew_after has passed subscribes or renews it, after claiming that turn with a
-- conditional update of this row. Tokens are kept only as SHA-256 hashes (hex), so any worker can verify a callback:
-- token_hash is the latest token; previous_token_hash, accepted until previous_until, the one before it (callbacks in
-- flight while a renewal changes the token). record_types (comma-separated) and notify_url are what the channel was
-- asked for, so a changed mapping or server.publicUrl renews it. Times are epoch milliseconds; expires_at 0: never
-- confirmed.
CREATE TABLE tolk_notification_channel (
    connection_name     TEXT   NOT NULL,
    system_name         TEXT   NOT NULL,
    channel_id          TEXT   NOT NULL,
    record_types        TEXT   NOT NULL,
    notify_url          TEXT   NOT NULL,
    token_hash          TEXT   NOT NULL,
    previous_token_hash TEXT,
    previous_until      BIGINT NOT NULL,
    expires_at          BIGINT NOT NULL,
    renew_after         BIGINT NOT NULL,
    renewed_by          TEXT   NOT NULL,
    PRIMARY KEY (connection_name, system_name)
);
