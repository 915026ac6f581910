-- Every write is recorded before it is sent (issue 10): updates and deletes get intents as creates already do.
-- write_op: CREATE, UPDATE or DELETE; target_id: the record updated or deleted (NULL for a create).
ALTER TABLE tolk_intent ADD COLUMN write_op TEXT NOT NULL DEFAULT 'CREATE';
ALTER TABLE tolk_intent ADD COLUMN target_id TEXT;
