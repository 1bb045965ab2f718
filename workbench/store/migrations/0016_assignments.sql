-- Who is to review which claim, append-only: each row assigns a claim to a reviewer, or sends it back to one
-- for correction with a note; a claim's newest row is its assignment, awaiting the reviewer until a verdict
-- given after it is in force. Every row names who made it.
CREATE TABLE assignments (
    id          BIGINT PRIMARY KEY,
    claim_id    BIGINT NOT NULL,
    reviewer    VARCHAR NOT NULL,
    assigned_by VARCHAR NOT NULL,
    assigned_at TIMESTAMP NOT NULL,
    state       VARCHAR NOT NULL CHECK (state IN ('assigned', 'sent_back')),
    note        VARCHAR
);
