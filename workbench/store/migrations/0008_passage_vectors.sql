-- A sentence vector per source passage, for finding evidence by meaning (workbench/match/embed.py). Derived
-- from the passage's text by the model named in `model`, so another model's vectors are never compared with
-- these; written at import, filled in for older passages by `workbench reindex`. No primary-key index (see
-- 0004): the single writer assigns nothing here, it only adds rows for passages that have none.
CREATE TABLE passage_vectors (
    segment_id BIGINT NOT NULL,
    model      VARCHAR NOT NULL,
    vector     FLOAT[256] NOT NULL
);
