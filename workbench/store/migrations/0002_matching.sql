-- Evidence matching: implied dates of relative durations, a database identity for derived indexes,
-- and what each claim was last matched against.

ALTER TABLE quantities ADD COLUMN implied VARCHAR;  -- "seven years" before a 2025 text → '2018'

-- Key/value facts about this database; database_id tells a derived index which database it belongs to.
CREATE TABLE meta (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);
INSERT INTO meta VALUES ('database_id', CAST(uuid() AS VARCHAR));

-- A claim's candidates were computed at matched_at against passages with id <= passages_upto.
CREATE TABLE match_state (
    claim_id      BIGINT PRIMARY KEY,
    matched_at    TIMESTAMP NOT NULL,
    passages_upto BIGINT NOT NULL
);
