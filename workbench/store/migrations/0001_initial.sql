-- The workbench's tables. Views live in views.sql and are recreated after every migration.
-- Ids are assigned by the single writer inside its transaction (DuckDB allows one writing process).

CREATE TABLE runs (
    id            BIGINT PRIMARY KEY,
    kind          VARCHAR NOT NULL,          -- import | demo | match | reindex
    started_at    TIMESTAMP NOT NULL,
    finished_at   TIMESTAMP,
    user_name     VARCHAR,
    host          VARCHAR,
    pid           INTEGER,
    command       VARCHAR,
    model         VARCHAR,                   -- spaCy pipeline name, e.g. en_core_web_sm
    model_version VARCHAR,
    components    JSON,                      -- {"quantity_normalizer": "1", ...}
    documents     INTEGER,
    claims        INTEGER,
    passages      INTEGER,
    skipped       INTEGER,
    failed        INTEGER,
    errors        JSON                       -- [{"origin": "a.jsonl:3", "reason": "..."}]
);

CREATE TABLE documents (
    id          BIGINT PRIMARY KEY,
    kind        VARCHAR NOT NULL CHECK (kind IN ('article', 'source')),
    title       VARCHAR,
    url         VARCHAR,
    published   DATE,
    sha256      VARCHAR NOT NULL,            -- of the text; with kind, what makes re-imports idempotent
    text        VARCHAR NOT NULL,
    origin      VARCHAR,                     -- file, or file:line for a JSONL/CSV record
    imported_at TIMESTAMP NOT NULL,
    run_id      BIGINT,
    UNIQUE (kind, sha256)
);

-- Sentences of articles and passages of sources, with offsets into documents.text.
CREATE TABLE segments (
    id              BIGINT PRIMARY KEY,
    document_id     BIGINT NOT NULL,
    seq             INTEGER NOT NULL,        -- order within the document
    kind            VARCHAR NOT NULL CHECK (kind IN ('sentence', 'passage')),
    char_start      INTEGER NOT NULL,
    char_end        INTEGER NOT NULL,
    text            VARCHAR NOT NULL,
    checkworthiness DOUBLE
);

CREATE TABLE claims (
    id              BIGINT PRIMARY KEY,
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
    created_by      VARCHAR,                 -- reviewer, for manual claims
    created_at      TIMESTAMP NOT NULL,
    run_id          BIGINT
);

-- Figures: a claim's own quantity (claim_id set) or a source passage's figures (claim_id NULL).
CREATE TABLE quantities (
    id          BIGINT PRIMARY KEY,
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
    subject     VARCHAR
);

-- Candidate evidence for a claim; replaced as a whole when the claim is re-matched.
CREATE TABLE matches (
    claim_id     BIGINT NOT NULL,
    segment_id   BIGINT NOT NULL,
    rank         INTEGER NOT NULL,
    score        DOUBLE NOT NULL,
    text_score   DOUBLE,
    fuzz_score   DOUBLE,
    figure_score DOUBLE,
    relation     VARCHAR NOT NULL CHECK (relation IN ('supports', 'contradicts', 'related')),
    why          VARCHAR,
    computed_at  TIMESTAMP NOT NULL,
    run_id       BIGINT
);

-- Append-only: every verdict is kept; the newest row per claim is its state. Undo is a new row.
CREATE TABLE reviews (
    id         BIGINT PRIMARY KEY,
    claim_id   BIGINT NOT NULL,
    reviewer   VARCHAR NOT NULL,
    action     VARCHAR NOT NULL CHECK (action IN ('verdict', 'undo')),
    verdict    VARCHAR CHECK (verdict IN ('supported', 'refuted', 'misleading', 'unverifiable', 'not_a_claim')),
    note       VARCHAR,
    evidence   JSON,                         -- {"passages": [ids], "quote": "...", "url": "..."}
    undoes     BIGINT,                       -- for action = 'undo': the review it reverts
    created_at TIMESTAMP NOT NULL
);

-- Append-only corrections of an extracted reading; the original stays in claims/quantities.
CREATE TABLE corrections (
    id         BIGINT PRIMARY KEY,
    claim_id   BIGINT NOT NULL,
    field      VARCHAR NOT NULL,
    old_value  VARCHAR,
    new_value  VARCHAR,
    reviewer   VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL
);
