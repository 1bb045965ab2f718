-- One row that every write through `workbench serve` updates first, in its own transaction: DuckDB refuses a
-- second transaction's update of a row another has changed, so writers take turns, each seeing the ids the
-- one before it committed. (The embedded file needs no turn: one process at a time can open it to write.)
CREATE TABLE write_turn (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    taken_at TIMESTAMP,
    taken_by VARCHAR                         -- host and process of the writer
);
INSERT INTO write_turn VALUES (1, NULL, NULL);
