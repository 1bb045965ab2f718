-- No table changes: documents.sha256 is now the hash of the text normalised as
-- store.documents.normalised_text does it (line ends to \n, spaces and tabs at line ends dropped, spaces,
-- tabs and newlines around the text dropped), so a copy that differs only in those is skipped on import.
-- This recomputes the stored hashes, which were of the raw text. Where a database already holds several
-- such copies of one text, one of them takes the new hash (the one whose text is already normalised, if
-- any, else the first imported) and the others keep theirs, so (kind, sha256) stays unique.
UPDATE documents SET sha256 = fresh.sha256
FROM (
    SELECT id, sha256, row_number() OVER (PARTITION BY kind, sha256 ORDER BY already DESC, id) AS nth
    FROM (
        SELECT id, kind, text = normal AS already, sha256(normal) AS sha256
        FROM (
            SELECT id, kind, text,
                   trim(regexp_replace(regexp_replace(text, '\r\n?', chr(10), 'g'), '[ \t]+\n', chr(10), 'g'),
                        ' ' || chr(9) || chr(10)) AS normal
            FROM documents
        )
    )
) fresh
WHERE documents.id = fresh.id AND fresh.nth = 1 AND documents.sha256 <> fresh.sha256;
