-- How a duration's implied date is bounded, and whether it is when a lasting state began: "had been ongoing
-- for over 30 years" until 2020 began in 1990 or earlier (implied '1990', implied_qualifier 'less_than',
-- implied_start true). Rows from before this migration keep NULL: an exact date, not a beginning.
ALTER TABLE quantities ADD COLUMN implied_qualifier VARCHAR;
ALTER TABLE quantities ADD COLUMN implied_start BOOLEAN;
