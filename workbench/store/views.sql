-- The documented views: the stable surface for people who query the database with SQL.
-- Names and columns may grow, never shrink. Recreated after every migration.

CREATE OR REPLACE VIEW documents_v AS
SELECT
    d.id,
    d.kind,
    d.title,
    d.url,
    d.published,
    d.imported_at,
    d.text,
    d.sha256,
    d.origin,
    d.run_id,
    (SELECT count(*) FROM claims c WHERE c.document_id = d.id)                         AS claims,
    (SELECT count(*) FROM segments s WHERE s.document_id = d.id AND s.kind = 'passage') AS passages
FROM documents d;

CREATE OR REPLACE VIEW reviews_v AS
SELECT
    r.id         AS review_id,
    r.claim_id,
    c.document_id,
    d.title      AS document,
    s.text       AS sentence,
    q.text       AS quantity,  -- the claim's figure as written, and its value and unit as extracted
    q.value,
    q.unit,
    r.reviewer,
    r.action,
    r.verdict,
    r.note,
    r.evidence,
    r.undoes,
    r.created_at
FROM reviews r
JOIN claims c    ON c.id = r.claim_id
JOIN documents d ON d.id = c.document_id
JOIN segments s  ON s.id = c.segment_id
LEFT JOIN quantities q ON q.claim_id = c.id
ORDER BY r.id;

-- One row per claim: the extracted reading with reviewers' corrections applied, and its review state.
-- That state is the claim's newest verdict that no undo reverted, credited to the reviewer who gave it and
-- dated when they did: an undo only ever reverts a claim's newest row and restores the state before it.
-- `dates`: the claim's figure only says when: a date, or a duration that points at one ("seven years ago") in a
-- sentence with other figures. `priority`: the queue's order (`priority DESC, dates, claim_id`): the sentence's
-- check-worthiness, with dates that only time another figure after it; a date alone in its sentence keeps the
-- score but comes after the other claims of that score; the document's own date (a dateline, a bare
-- publication date) is 0, last.
-- `claims_of(claim_ids)` is the same for the claims `claim_ids` only (NULL: all), read from their rows alone: what
-- the review queue (`review_queue`) and a claim's page need, in milliseconds. A claim's `dates` and `priority`
-- depend on the other claims of its sentence, so `claim_ids` must hold those too (`queue.sentence_claims`).
CREATE OR REPLACE MACRO claims_of(claim_ids) AS TABLE
WITH verdict_in_force AS (
    SELECT * FROM reviews v
    WHERE (claim_ids IS NULL OR v.claim_id IN (SELECT unnest(claim_ids)))
      AND v.action = 'verdict' AND NOT EXISTS (SELECT 1 FROM reviews u WHERE u.undoes = v.id)
    QUALIFY row_number() OVER (PARTITION BY claim_id ORDER BY id DESC) = 1
), latest_correction AS (
    SELECT claim_id, field, new_value FROM corrections
    WHERE claim_ids IS NULL OR claim_id IN (SELECT unnest(claim_ids))
    QUALIFY row_number() OVER (PARTITION BY claim_id, field ORDER BY id DESC) = 1
), wording AS (  -- how a reviewer words the claim for publication: not a correction of its reading
    SELECT claim_id, new_value AS wording FROM latest_correction WHERE field = 'wording'
), fix AS (
    SELECT
        claim_id,
        bool_or(field = 'kind')        AS has_kind,        max(new_value) FILTER (field = 'kind')        AS kind,
        bool_or(field = 'value')       AS has_value,       max(new_value) FILTER (field = 'value')       AS value,
        bool_or(field = 'value_max')   AS has_value_max,   max(new_value) FILTER (field = 'value_max')   AS value_max,
        bool_or(field = 'unit')        AS has_unit,        max(new_value) FILTER (field = 'unit')        AS unit,
        bool_or(field = 'qualifier')   AS has_qualifier,   max(new_value) FILTER (field = 'qualifier')   AS qualifier,
        bool_or(field = 'subject')     AS has_subject,     max(new_value) FILTER (field = 'subject')     AS subject,
        bool_or(field = 'predicate')   AS has_predicate,   max(new_value) FILTER (field = 'predicate')   AS predicate,
        bool_or(field = 'time')        AS has_time,        max(new_value) FILTER (field = 'time')        AS time,
        bool_or(field = 'attribution') AS has_attribution, max(new_value) FILTER (field = 'attribution') AS attribution,
        bool_or(field = 'hedged')      AS has_hedged,      max(new_value) FILTER (field = 'hedged')      AS hedged
    FROM latest_correction
    WHERE field <> 'wording'
    GROUP BY claim_id
), reading AS (
SELECT
    c.id                AS claim_id,
    c.document_id,
    d.title             AS document,
    d.url               AS document_url,
    d.published,
    c.segment_id,
    s.text              AS sentence,
    s.char_start        AS sentence_start,
    s.char_end          AS sentence_end,
    CASE WHEN f.has_kind THEN f.kind ELSE c.kind END                                   AS kind,
    q.text              AS quantity,
    q.char_start        AS quantity_start,
    q.char_end          AS quantity_end,
    CASE WHEN f.has_value THEN try_cast(f.value AS DOUBLE) ELSE q.value END            AS value,
    CASE WHEN f.has_value_max THEN try_cast(f.value_max AS DOUBLE) ELSE q.value_max END AS value_max,
    CASE WHEN f.has_unit THEN f.unit ELSE q.unit END                                   AS unit,
    CASE WHEN f.has_qualifier THEN f.qualifier ELSE q.qualifier END                    AS qualifier,
    q.iso,
    q.implied,
    q.implied_qualifier,
    q.implied_start,
    q.direction,
    q.role,
    q.step,
    q.measure,
    q.actors,
    q.places,
    CASE WHEN f.has_subject THEN f.subject ELSE c.subject END                          AS subject,
    CASE WHEN f.has_predicate THEN f.predicate ELSE c.predicate END                    AS predicate,
    CASE WHEN f.has_time THEN f.time ELSE c.time END                                   AS time,
    CASE WHEN f.has_attribution THEN f.attribution ELSE c.attribution END              AS attribution,
    CASE WHEN f.has_attribution THEN NULL ELSE c.attribution_kind END                  AS attribution_kind,
    CASE WHEN f.has_hedged THEN try_cast(f.hedged AS BOOLEAN) ELSE c.hedged END        AS hedged,
    c.checkworthiness,
    c.entities,
    c.origin,
    f.claim_id IS NOT NULL                                                             AS corrected,
    coalesce(r.verdict, 'unreviewed')                                                  AS status,
    r.verdict,
    r.reviewer,
    r.created_at        AS reviewed_at,
    r.note,
    r.evidence,
    c.created_at,
    c.run_id,
    w.wording
FROM (SELECT * FROM claims WHERE claim_ids IS NULL OR id IN (SELECT unnest(claim_ids))) c
JOIN documents d ON d.id = c.document_id
JOIN segments s  ON s.id = c.segment_id
LEFT JOIN quantities q       ON q.claim_id = c.id
LEFT JOIN fix f              ON f.claim_id = c.id
LEFT JOIN wording w          ON w.claim_id = c.id
LEFT JOIN verdict_in_force r ON r.claim_id = c.id
), sentence_figures AS (  -- per sentence, on narrow rows: does it hold a figure that is not a date?
    SELECT segment_id, bool_or(kind NOT IN ('date', 'duration')) AS has_figure FROM reading GROUP BY segment_id
), timed AS (
    SELECT r.*, r.kind = 'date' OR r.kind = 'duration' AND r.implied IS NOT NULL AND g.has_figure AS dates
    FROM reading r JOIN sentence_figures g ON g.segment_id = r.segment_id
), least_figure AS (  -- per sentence: the check-worthiness of its least check-worthy figure that is not a date
    SELECT segment_id, min(checkworthiness) FILTER (NOT dates) AS checkworthiness FROM timed GROUP BY segment_id
)
SELECT
    t.*,
    CASE WHEN t.dates AND coalesce(t.iso, t.implied) = strftime(t.published, '%Y-%m-%d') THEN 0.0
         WHEN t.dates THEN least(t.checkworthiness, coalesce(m.checkworthiness, t.checkworthiness))
         ELSE t.checkworthiness END AS priority
FROM timed t JOIN least_figure m ON m.segment_id = t.segment_id;

CREATE OR REPLACE VIEW claims_v AS SELECT * FROM claims_of(NULL);

CREATE OR REPLACE VIEW matches_v AS
SELECT
    m.claim_id,
    m.rank,
    m.segment_id   AS passage_id,
    p.document_id  AS source_id,
    d.title        AS source,
    d.url          AS source_url,
    p.text         AS passage,
    p.char_start   AS passage_start,
    p.char_end     AS passage_end,
    m.score,
    m.text_score,
    m.fuzz_score,
    m.figure_score,
    m.relation,
    m.why,
    m.computed_at
FROM matches m
JOIN segments p  ON p.id = m.segment_id
JOIN documents d ON d.id = p.document_id
ORDER BY m.claim_id, m.rank;

-- One row per claim that is assigned: its newest assignment (to `reviewer`, by `assigned_by`, `state` `assigned`
-- or `sent_back` for correction, with its `note`), and whether it is `pending`: no verdict given since is in force.
-- `assignments_of(claim_ids)`: the same for those claims only (NULL: all).
CREATE OR REPLACE MACRO assignments_of(claim_ids) AS TABLE
SELECT
    a.claim_id,
    a.reviewer,
    a.assigned_by,
    a.assigned_at,
    a.state,
    a.note,
    NOT EXISTS (SELECT 1 FROM reviews v
                WHERE v.claim_id = a.claim_id AND v.action = 'verdict' AND v.created_at >= a.assigned_at
                  AND NOT EXISTS (SELECT 1 FROM reviews u WHERE u.undoes = v.id)) AS pending
FROM assignments a
WHERE claim_ids IS NULL OR a.claim_id IN (SELECT unnest(claim_ids))
QUALIFY row_number() OVER (PARTITION BY a.claim_id ORDER BY a.id DESC) = 1;

CREATE OR REPLACE VIEW assignments_v AS SELECT * FROM assignments_of(NULL);

-- One row per decided claim: its verdict in force (`review_id`, `verdict`), each reviewer's own newest verdict on
-- it (`verdicts`: reviewer, verdict, note, evidence, created_at; `reviewers`, in the order they decided; an
-- editor's adjudication is no reviewer's), whether it goes to a second, blind reviewer (`second_review`: flagged
-- by an editor, or among the profile's `second_review` percent of claims, picked by a fixed hash of the id), whether
-- that is still due (`second_due`: one reviewer so far), whether reviewers `disagree`, and its sign-off.
-- `review_rounds_of(claim_ids)`: the same for those claims only (NULL: all).
CREATE OR REPLACE MACRO review_rounds_of(claim_ids) AS TABLE
WITH decided AS (
    SELECT * FROM reviews v
    WHERE (claim_ids IS NULL OR v.claim_id IN (SELECT unnest(claim_ids)))
      AND v.action = 'verdict' AND NOT EXISTS (SELECT 1 FROM reviews u WHERE u.undoes = v.id)
), in_force AS (
    SELECT claim_id, max(id) AS review_id FROM decided GROUP BY claim_id
), own AS (
    SELECT claim_id,
           list(reviewer ORDER BY id) AS reviewers,
           list({'reviewer': reviewer, 'verdict': verdict, 'note': note, 'evidence': evidence,
                 'created_at': created_at} ORDER BY id) AS verdicts,
           count(DISTINCT verdict) AS kinds
    FROM (SELECT * FROM decided d
          WHERE NOT EXISTS (SELECT 1 FROM signoffs s WHERE s.review_id = d.id AND s.adjudicated)
          QUALIFY row_number() OVER (PARTITION BY claim_id, reviewer ORDER BY id DESC) = 1)
    GROUP BY claim_id
), share AS (
    SELECT coalesce((SELECT try_cast(value AS INTEGER) FROM profile WHERE key = 'second_review'), 0) AS percent
)
SELECT
    f.claim_id,
    f.review_id,
    r.verdict,
    coalesce(o.reviewers, [])                                                        AS reviewers,
    coalesce(o.verdicts, [])                                                         AS verdicts,
    fl.claim_id IS NOT NULL
        OR (f.claim_id * 2654435761) % 4294967296 * 100 // 4294967296 < share.percent AS second_review,
    fl.flagged_by,
    (fl.claim_id IS NOT NULL
        OR (f.claim_id * 2654435761) % 4294967296 * 100 // 4294967296 < share.percent)
        AND len(coalesce(o.reviewers, [])) = 1                                       AS second_due,
    coalesce(o.kinds, 0) > 1                                                         AS disagree,
    s.id IS NOT NULL                                                                 AS signed_off,
    s.editor                                                                         AS signed_off_by,
    s.created_at                                                                     AS signed_off_at,
    coalesce(s.adjudicated, false)                                                   AS adjudicated
FROM in_force f
JOIN reviews r            ON r.id = f.review_id
LEFT JOIN own o           ON o.claim_id = f.claim_id
LEFT JOIN review_flags fl ON fl.claim_id = f.claim_id
LEFT JOIN signoffs s      ON s.review_id = f.review_id
CROSS JOIN share;

CREATE OR REPLACE VIEW review_rounds_v AS SELECT * FROM review_rounds_of(NULL);

-- The review queue's row of each of the claims `claim_ids` (NULL: all; with the other claims of their sentences):
-- what the queue filters on and orders by, from `claims_of`, `assignments_of` and `review_rounds_of`. The table
-- `review_queue` holds these rows, kept up to date by every write that changes one (see `store/queue.py`).
CREATE OR REPLACE MACRO queue_of(claim_ids) AS TABLE
SELECT
    c.claim_id,
    c.document_id,
    c.segment_id,
    c.kind,
    c.quantity,
    c.subject,
    c.checkworthiness,
    c.priority,
    c.dates,
    c.status,
    c.reviewer,
    a.reviewer                    AS assignee,
    coalesce(a.pending, false)    AS pending,
    coalesce(r.second_due, false) AS second_due,
    coalesce(r.reviewers, [])     AS deciders
FROM claims_of(claim_ids) c
LEFT JOIN assignments_of(claim_ids) a    ON a.claim_id = c.claim_id
LEFT JOIN review_rounds_of(claim_ids) r  ON r.claim_id = c.claim_id;
