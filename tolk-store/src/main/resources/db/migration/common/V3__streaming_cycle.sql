-- The streaming cycle: work is found in the store by keyset paging instead of loading every row.
-- Portable SQL (SQLite and PostgreSQL).

-- deletion detection: the last scan that saw each snapshot (a keyset sweep finds the ones it did not)
ALTER TABLE tolk_snapshot ADD COLUMN seen_scan BIGINT;
-- the dirty records, in ref order
CREATE INDEX tolk_snapshot_dirty ON tolk_snapshot (connection_name, record_system, record_type, record_id)
    WHERE processed = 0;

-- rule 3: match keys (normalised names, e-mails) of staged records, found by key
CREATE TABLE tolk_match_key (
    connection_name TEXT NOT NULL,
    record_system   TEXT NOT NULL,
    record_type     TEXT NOT NULL,
    record_id       TEXT NOT NULL,
    canonical_type  TEXT NOT NULL,
    match_key       TEXT NOT NULL,
    PRIMARY KEY (connection_name, record_system, record_type, record_id, match_key)
);
CREATE INDEX tolk_match_key_by_key ON tolk_match_key (connection_name, canonical_type, match_key);

-- why a record waits in review: 'matching' (looked at again every cycle) or 'user' (waits for tolk link)
ALTER TABLE tolk_review ADD COLUMN origin TEXT NOT NULL DEFAULT 'matching';
UPDATE tolk_review SET origin = 'user' WHERE reason LIKE 'unlinked by user%';

-- when a failure is due, as epoch nanoseconds (text instants do not order); failures stored before are due now
ALTER TABLE tolk_failure ADD COLUMN next_retry_nanos BIGINT NOT NULL DEFAULT 0;
CREATE INDEX tolk_failure_by_record ON tolk_failure (connection_name, record_system, record_type, record_id);

CREATE INDEX tolk_link_by_state ON tolk_link (connection_name, link_state, entity_id);
CREATE INDEX tolk_intent_by_entity ON tolk_intent (connection_name, entity_id, intent_state);

-- how a run ended when it stopped on an error
ALTER TABLE tolk_run ADD COLUMN error TEXT;

-- the next cycle examines every record once and computes its match keys
UPDATE tolk_connection SET mapping_fingerprint = NULL;
