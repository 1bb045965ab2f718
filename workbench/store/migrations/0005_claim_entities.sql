-- The named entities of a claim's sentence (places, people, organisations, nationalities), recorded at
-- extraction: matching uses them to tell a source about the same country or person from one about another.
ALTER TABLE claims ADD COLUMN entities VARCHAR[];
