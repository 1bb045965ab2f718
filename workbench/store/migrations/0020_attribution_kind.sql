-- Who made a claim, as spaCy's entities read the attribution ("person" or "organization"), so that an
-- exported ClaimReview types the claim's author as a Person or an Organization by its entity label.
-- Claims stored before keep NULL: the export then decides by a rule on the attribution's words.
ALTER TABLE claims ADD COLUMN attribution_kind VARCHAR;
