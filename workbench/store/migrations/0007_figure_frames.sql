-- The figure and its frame, for claims' figures and sources' alike, so that matching compares like with
-- like: the direction of a change ("shrank 3.4%" → down) and whether the figure is the change itself or
-- the level it started from, the time the figure is for ("in April", "Q3 FY24" as an ISO date or
-- interval), the precision it is written to ("7.54 million" → 10000), what it measures ("net profit"),
-- whose it is and where (names from its own clause), and whether it is hedged ("is expected to").
-- Rows from before this migration keep NULL: matching reads them as figures with nothing known around them.
ALTER TABLE quantities ADD COLUMN direction VARCHAR;
ALTER TABLE quantities ADD COLUMN role VARCHAR;
ALTER TABLE quantities ADD COLUMN time VARCHAR;
ALTER TABLE quantities ADD COLUMN step DOUBLE;
ALTER TABLE quantities ADD COLUMN measure VARCHAR;
ALTER TABLE quantities ADD COLUMN actors VARCHAR[];
ALTER TABLE quantities ADD COLUMN places VARCHAR[];
ALTER TABLE quantities ADD COLUMN hedged BOOLEAN;
-- The names of a sentence or passage (companies, parties, people; places), which a figure without names of its
-- own in its clause is read against.
ALTER TABLE segments ADD COLUMN actors VARCHAR[];
ALTER TABLE segments ADD COLUMN places VARCHAR[];
-- Documents stored until now were read without frames: `workbench reanalyse` reads them again and then
-- removes this mark.
INSERT INTO meta SELECT 'reanalyse_through', CAST(max(id) AS VARCHAR) FROM documents HAVING count(*) > 0;
