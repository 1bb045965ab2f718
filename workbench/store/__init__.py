"""The database: the only code that holds SQL or knows the name of a table, a view or a column.

Each module keeps one concern and hands back plain data: dataclasses, dicts keyed by column name, Arrow
tables. An article's sentences and a source's passages are both ``segments`` rows: what this package
takes and returns calls their ids ``sentence_id`` and ``passage_id``, its tables ``segment_id``.
"""
