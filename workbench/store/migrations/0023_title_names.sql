-- The companies, parties, people and places a source's title names, read by the same rules as its passages'
-- (a results announcement names its company in its title, seldom in its figures' sentences): a passage
-- figure that names no one may be its title's organisation's (workbench.match.frames). One row per source
-- whose title was read. A table of its own: adding columns to `documents` fails in the transaction that
-- migrates a database older than 0012, whose rehashing updated `documents`.
CREATE TABLE title_names (
    id          BIGINT PRIMARY KEY,
    document_id BIGINT NOT NULL,
    actors      VARCHAR[] NOT NULL,
    places      VARCHAR[] NOT NULL
);
-- Sources stored until now have not had their titles read: `workbench reanalyse` reads them again.
INSERT OR REPLACE INTO meta SELECT 'reanalyse_through', CAST(max(id) AS VARCHAR) FROM documents HAVING count(*) > 0;
