-- Claims an editor sent to a second, blind reviewer (besides the share of decided claims the profile's
-- `second_review` picks), and editors' sign-offs: a sign-off approves the verdict in force (`review_id`), and is
-- `adjudicated` when the editor gave that verdict themselves, deciding between reviewers who disagreed.
CREATE TABLE review_flags (
    claim_id   BIGINT PRIMARY KEY,
    flagged_by VARCHAR NOT NULL,
    flagged_at TIMESTAMP NOT NULL
);

CREATE TABLE signoffs (
    id          BIGINT PRIMARY KEY,
    claim_id    BIGINT NOT NULL,
    review_id   BIGINT NOT NULL,
    verdict     VARCHAR NOT NULL,
    editor      VARCHAR NOT NULL,
    adjudicated BOOLEAN NOT NULL,
    created_at  TIMESTAMP NOT NULL
);
