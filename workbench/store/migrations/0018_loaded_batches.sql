-- Batch files of analysed documents (Parquet, written by `workbench import --engine ray`) that have been
-- bulk-loaded: a run that was stopped and started again skips each one named here.
CREATE TABLE loaded_batches (
    name      VARCHAR PRIMARY KEY,           -- SHA-256 of the kind and the content hashes of its documents
    run_id    BIGINT,
    documents INTEGER NOT NULL,              -- documents it added (those already stored are skipped)
    loaded_at TIMESTAMP NOT NULL
);
