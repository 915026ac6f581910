-- Fenced commits of a cluster worker (Store#fenceWrites with logCommits): one line per committed change set of a
-- connection, naming the cycle-lock owner that committed it (its worker and claim generation). Two owners whose lines
-- interleave would be two writers at once; the cluster test reads this log to prove there were none.
CREATE TABLE tolk_commit_log (
    connection_name TEXT   NOT NULL,
    owner           TEXT   NOT NULL,
    at_time         BIGINT NOT NULL
);
CREATE INDEX tolk_commit_log_by_connection ON tolk_commit_log (connection_name, at_time);
