-- tolk run --cluster (PostgreSQL only; a SQLite store has the tables too, always empty).
-- The schedule the workers share, in db-scheduler's layout: one row per connection (task_instance), which worker
-- runs it now (picked, picked_by, last_heartbeat) and its version, which every claim raises: the claim's generation.
CREATE TABLE tolk_scheduled_tasks (
    task_name            TEXT                     NOT NULL,
    task_instance        TEXT                     NOT NULL,
    task_data            BYTEA,
    execution_time       TIMESTAMP WITH TIME ZONE NOT NULL,
    picked               BOOLEAN                  NOT NULL,
    picked_by            TEXT,
    last_success         TIMESTAMP WITH TIME ZONE,
    last_failure         TIMESTAMP WITH TIME ZONE,
    consecutive_failures INT,
    last_heartbeat       TIMESTAMP WITH TIME ZONE,
    version              BIGINT                   NOT NULL,
    priority             SMALLINT,
    PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX tolk_scheduled_tasks_by_time ON tolk_scheduled_tasks (execution_time);
CREATE INDEX tolk_scheduled_tasks_by_heartbeat ON tolk_scheduled_tasks (last_heartbeat);

-- Every claim of a connection by a worker and how it ended, with the claim's generation (epoch milliseconds).
CREATE TABLE tolk_claim_log (
    connection_name TEXT   NOT NULL,
    worker          TEXT   NOT NULL,
    generation      BIGINT NOT NULL,
    event           TEXT   NOT NULL,
    at_time         BIGINT NOT NULL
);
CREATE INDEX tolk_claim_log_by_connection ON tolk_claim_log (connection_name, at_time);

-- Rate budgets the workers share (PowerOffice: 10 requests/s per subscription key): per key (a hash, never the key),
-- the next free slot in microseconds of the database's clock, so workers on machines whose clocks differ agree.
CREATE TABLE tolk_rate_slot (
    budget_key TEXT   NOT NULL PRIMARY KEY,
    next_free  BIGINT NOT NULL
);
