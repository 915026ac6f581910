-- API budgets a cluster's workers share beyond the rate slots of V5 (PostgreSQL only; a SQLite store has the tables
-- too, always empty). Every budget is keyed by a hash of what it belongs to (an org), never by a secret.

-- API credits spent per org over a rolling 24 hours: one row per minute bucket of the workers' clocks.
CREATE TABLE tolk_credit_spent (
    budget_key TEXT   NOT NULL,
    minute     BIGINT NOT NULL,
    credits    BIGINT NOT NULL,
    PRIMARY KEY (budget_key, minute)
);

-- Per org: the credits left as the service last reported them, lowered by every spend since (-1: never reported).
-- Each spend locks the org's row, so two workers cannot both take the last credits.
CREATE TABLE tolk_credit_org (
    budget_key TEXT   NOT NULL PRIMARY KEY,
    remaining  BIGINT NOT NULL
);

-- The calls in flight per org across the workers (at most the org's concurrency): one lease per call, which its
-- worker renews while the call lasts, so the leases of a killed worker lapse by themselves (times: database clock,
-- epoch milliseconds).
CREATE TABLE tolk_call_lease (
    lease_id   TEXT   NOT NULL PRIMARY KEY,
    budget_key TEXT   NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX tolk_call_lease_by_key ON tolk_call_lease (budget_key);

-- Callers that wait for a lease, served in the order they first asked; a waiter that stops asking lapses.
CREATE TABLE tolk_call_waiter (
    ticket     TEXT   NOT NULL PRIMARY KEY,
    budget_key TEXT   NOT NULL,
    since      BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX tolk_call_waiter_by_key ON tolk_call_waiter (budget_key, since);

-- One row per org whose lock every take of a lease holds, so the count of leases and the line are read as one.
CREATE TABLE tolk_call_limit (
    budget_key TEXT NOT NULL PRIMARY KEY
);
