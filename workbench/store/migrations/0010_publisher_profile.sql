-- The publisher profile: who publishes the fact-checks this database exports as ClaimReview (the
-- organisation, its addresses, where each fact-check lives, the language), set once with `workbench config`
-- or on the Settings page. One row per key that is set; a key that is not set has no row.
CREATE TABLE profile (
    key        VARCHAR PRIMARY KEY,
    value      VARCHAR NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
