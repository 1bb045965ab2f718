-- The verb a figure hangs on ("300 people died" → 'die'), so that "people killed" can meet "deaths".
ALTER TABLE quantities ADD COLUMN predicate VARCHAR;
