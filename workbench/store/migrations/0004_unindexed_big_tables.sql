-- Segments, claims and quantities without primary-key indexes. Their ids are assigned by the single
-- writer inside its transaction, so the index guarded nothing, while DuckDB rewrote it at every
-- checkpoint: each import batch's commit grew slower with the size of the database (measured 70 ms at
-- 100 documents, 350 ms at 2,500). Lookups by id use DuckDB's zone maps instead.
-- The views are recreated after every migration.

CREATE TABLE segments_new (
    id              BIGINT NOT NULL,
    document_id     BIGINT NOT NULL,
    seq             INTEGER NOT NULL,
    kind            VARCHAR NOT NULL CHECK (kind IN ('sentence', 'passage')),
    char_start      INTEGER NOT NULL,
    char_end        INTEGER NOT NULL,
    text            VARCHAR NOT NULL,
    checkworthiness DOUBLE
);
INSERT INTO segments_new SELECT id, document_id, seq, kind, char_start, char_end, text, checkworthiness
FROM segments ORDER BY id;

CREATE TABLE claims_new (
    id              BIGINT NOT NULL,
    document_id     BIGINT NOT NULL,
    segment_id      BIGINT NOT NULL,
    kind            VARCHAR NOT NULL,
    subject         VARCHAR,
    predicate       VARCHAR,
    time            VARCHAR,
    attribution     VARCHAR,
    hedged          BOOLEAN NOT NULL DEFAULT false,
    checkworthiness DOUBLE,
    origin          VARCHAR NOT NULL DEFAULT 'extracted' CHECK (origin IN ('extracted', 'manual')),
    created_by      VARCHAR,
    created_at      TIMESTAMP NOT NULL,
    run_id          BIGINT
);
INSERT INTO claims_new SELECT id, document_id, segment_id, kind, subject, predicate, time, attribution, hedged,
    checkworthiness, origin, created_by, created_at, run_id FROM claims ORDER BY id;

CREATE TABLE quantities_new (
    id          BIGINT NOT NULL,
    segment_id  BIGINT NOT NULL,
    claim_id    BIGINT,
    text        VARCHAR NOT NULL,
    char_start  INTEGER NOT NULL,
    char_end    INTEGER NOT NULL,
    value       DOUBLE NOT NULL,
    value_max   DOUBLE,
    unit        VARCHAR,
    kind        VARCHAR NOT NULL,
    qualifier   VARCHAR,
    iso         VARCHAR,
    subject     VARCHAR,
    implied     VARCHAR,
    predicate   VARCHAR
);
INSERT INTO quantities_new SELECT id, segment_id, claim_id, text, char_start, char_end, value, value_max, unit, kind,
    qualifier, iso, subject, implied, predicate FROM quantities ORDER BY id;

DROP VIEW IF EXISTS claims_v;
DROP VIEW IF EXISTS documents_v;
DROP VIEW IF EXISTS matches_v;
DROP VIEW IF EXISTS reviews_v;
DROP TABLE segments;
DROP TABLE claims;
DROP TABLE quantities;
ALTER TABLE segments_new RENAME TO segments;
ALTER TABLE claims_new RENAME TO claims;
ALTER TABLE quantities_new RENAME TO quantities;
