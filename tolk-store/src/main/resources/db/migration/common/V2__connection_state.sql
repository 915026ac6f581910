-- The durable state of each connection (io.tolk.engine.store.ConnectionStore).
-- One dialect for SQLite and PostgreSQL: TEXT, INTEGER (booleans as 0/1), BIGINT; ids are allocated by the
-- application from tolk_counter (no SERIAL/AUTOINCREMENT); instants are ISO-8601 TEXT (exact, nanoseconds kept),
-- plus an epoch-nanosecond BIGINT where the store orders by time; value maps are JSON objects in TEXT
-- (order and null values kept). Every row belongs to one connection (connection_name).

CREATE TABLE tolk_connection (
    connection_name     TEXT NOT NULL PRIMARY KEY,
    mapping_fingerprint TEXT
);

-- id allocation per connection and kind ('failure', 'conflict', 'review', 'run', 'intent', 'activity')
CREATE TABLE tolk_counter (
    connection_name TEXT   NOT NULL,
    kind            TEXT   NOT NULL,
    last_value      BIGINT NOT NULL,
    PRIMARY KEY (connection_name, kind)
);

CREATE TABLE tolk_snapshot (
    connection_name       TEXT    NOT NULL,
    record_system         TEXT    NOT NULL,
    record_type           TEXT    NOT NULL,
    record_id             TEXT    NOT NULL,
    content_hash          TEXT    NOT NULL,
    fields                TEXT    NOT NULL,
    modified_at           TEXT,
    field_modified_at     TEXT    NOT NULL,
    processed             INTEGER NOT NULL,
    last_complete_scan_at TEXT,
    PRIMARY KEY (connection_name, record_system, record_type, record_id)
);

CREATE TABLE tolk_entity (
    connection_name TEXT NOT NULL,
    entity_id       TEXT NOT NULL,
    canonical_type  TEXT NOT NULL,
    flow_id         TEXT NOT NULL,
    baseline        TEXT NOT NULL,
    forced          TEXT NOT NULL,
    created_at      TEXT,
    updated_at      TEXT,
    PRIMARY KEY (connection_name, entity_id)
);

CREATE TABLE tolk_link (
    connection_name TEXT    NOT NULL,
    record_system   TEXT    NOT NULL,
    record_type     TEXT    NOT NULL,
    record_id       TEXT    NOT NULL,
    entity_id       TEXT    NOT NULL,
    link_state      TEXT    NOT NULL,
    last_seen       TEXT    NOT NULL,
    last_written    TEXT    NOT NULL,
    written_at      TEXT,
    echo_pending    INTEGER NOT NULL,
    linked_at       TEXT,
    PRIMARY KEY (connection_name, record_system, record_type, record_id)
);
CREATE INDEX tolk_link_by_entity ON tolk_link (connection_name, entity_id, record_system, record_type, record_id);

CREATE TABLE tolk_intent (
    connection_name TEXT   NOT NULL,
    intent_key      TEXT   NOT NULL,
    seq             BIGINT NOT NULL,
    source_system   TEXT   NOT NULL,
    source_type     TEXT   NOT NULL,
    source_id       TEXT   NOT NULL,
    target_system   TEXT   NOT NULL,
    target_type     TEXT   NOT NULL,
    entity_id       TEXT   NOT NULL,
    fields          TEXT   NOT NULL,
    created_at      TEXT   NOT NULL,
    intent_state    TEXT   NOT NULL,
    result_id       TEXT,
    PRIMARY KEY (connection_name, intent_key)
);
CREATE INDEX tolk_intent_by_state ON tolk_intent (connection_name, intent_state, seq);

CREATE TABLE tolk_checkpoint (
    connection_name  TEXT NOT NULL,
    record_system    TEXT NOT NULL,
    stream           TEXT NOT NULL,
    checkpoint_value TEXT,
    PRIMARY KEY (connection_name, record_system, stream)
);

CREATE TABLE tolk_failure (
    connection_name TEXT    NOT NULL,
    failure_id      BIGINT  NOT NULL,
    record_system   TEXT    NOT NULL,
    record_type     TEXT    NOT NULL,
    record_id       TEXT    NOT NULL,
    target          TEXT    NOT NULL,
    reason          TEXT    NOT NULL,
    attempts        INTEGER NOT NULL,
    first_at        TEXT,
    last_at         TEXT,
    next_retry_at   TEXT,
    source_hash     TEXT,
    PRIMARY KEY (connection_name, failure_id),
    UNIQUE (connection_name, record_system, record_type, record_id, target)
);

CREATE TABLE tolk_conflict (
    connection_name TEXT    NOT NULL,
    conflict_id     BIGINT  NOT NULL,
    entity_id       TEXT    NOT NULL,
    flow_id         TEXT,
    property        TEXT    NOT NULL,
    winner_side     TEXT,
    winner_value    TEXT,
    loser_side      TEXT,
    loser_value     TEXT,
    reason          TEXT,
    at_time         TEXT,
    restored        INTEGER NOT NULL,
    PRIMARY KEY (connection_name, conflict_id)
);

CREATE TABLE tolk_review (
    connection_name TEXT   NOT NULL,
    review_id       BIGINT NOT NULL,
    record_system   TEXT   NOT NULL,
    record_type     TEXT   NOT NULL,
    record_id       TEXT   NOT NULL,
    flow_id         TEXT,
    candidates      TEXT   NOT NULL,
    reason          TEXT,
    at_time         TEXT,
    PRIMARY KEY (connection_name, review_id),
    UNIQUE (connection_name, record_system, record_type, record_id)
);

CREATE TABLE tolk_activity (
    connection_name TEXT   NOT NULL,
    seq             BIGINT NOT NULL,
    record_system   TEXT   NOT NULL,
    record_type     TEXT   NOT NULL,
    record_id       TEXT   NOT NULL,
    at_time         TEXT   NOT NULL,
    at_nanos        BIGINT NOT NULL,
    action          TEXT   NOT NULL,
    detail          TEXT,
    PRIMARY KEY (connection_name, seq)
);
CREATE INDEX tolk_activity_by_record ON tolk_activity (connection_name, record_system, record_type, record_id, at_nanos, seq);

CREATE TABLE tolk_run (
    connection_name TEXT   NOT NULL,
    run_id          BIGINT NOT NULL,
    started_at      TEXT   NOT NULL,
    finished_at     TEXT,
    counts          TEXT   NOT NULL,
    api_calls       TEXT   NOT NULL,
    outcome         TEXT,
    PRIMARY KEY (connection_name, run_id)
);
