-- The review queue as a table: one row per claim with what the queue filters on and orders by (its reading's
-- kind, figure and subject, its priority, its review state, its assignment, whether its second review is due),
-- so that a queue page and its count read these narrow rows instead of computing claims_v over every claim
-- (0.5 s and more at 100,000 claims, for each page and again for its count). Derived data: `queue_of` (views.sql)
-- computes the rows, every write that changes one replaces it (store/queue.py), and the whole table is rebuilt
-- after every migration, once the views are recreated. No index, as for claims (0004): it is scanned, and DuckDB
-- would rewrite an index at every checkpoint.
CREATE TABLE review_queue (
    claim_id        BIGINT NOT NULL,
    document_id     BIGINT NOT NULL,
    segment_id      BIGINT NOT NULL,
    kind            VARCHAR,
    quantity        VARCHAR,
    subject         VARCHAR,
    checkworthiness DOUBLE,
    priority        DOUBLE,
    dates           BOOLEAN,
    status          VARCHAR NOT NULL,
    reviewer        VARCHAR,
    assignee        VARCHAR,
    pending         BOOLEAN NOT NULL,
    second_due      BOOLEAN NOT NULL,
    deciders        VARCHAR[] NOT NULL
);
