"""Check-worthiness for any list of sentences (``workbench score``), with the model loaded once."""
from __future__ import annotations

import datetime as dt
import json

from workbench.errors import WorkbenchError
from workbench.nlp.pipeline import load_pipeline

_ANALYSIS_ONLY = ("quantity_normalizer", "checkworthiness", "claim_builder")


def read_sentences(text: str, name: str = "<stdin>", extra: tuple[str, ...] = ()) -> list[dict]:
    """``{"id", "text"}`` per sentence, from JSONL (``text`` and optional ``id``, plus the ``extra`` string
    fields when present) or plain text, one sentence per line.

    Plain lines get their line number as id; a JSONL line without an ``id`` gets its line number too. A
    ``published`` field must be an ISO date (YYYY-MM-DD).
    """
    lines = text.split("\n")
    first = next((line for line in lines if line.strip()), "")
    if not first.lstrip().startswith("{"):
        return [{"id": number, "text": line.strip()} for number, line in enumerate(lines, start=1) if line.strip()]
    items = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as error:
            raise WorkbenchError(f"{name}:{number}: invalid JSON ({error.msg} at column {error.colno})") from None
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            raise WorkbenchError(f"{name}:{number}: expected an object with a 'text' string")
        item = {"id": obj.get("id", number), "text": obj["text"]}
        for field in extra:
            value = obj.get(field)
            if value is None:
                continue
            if not isinstance(value, str):
                raise WorkbenchError(f"{name}:{number}: '{field}' must be a string")
            if field == "published":
                try:
                    dt.date.fromisoformat(value[:10])
                except ValueError:
                    raise WorkbenchError(f"{name}:{number}: 'published' must be a date like 2024-06-30, "
                                         f"not {value!r}") from None
            item[field] = value
        items.append(item)
    return items


def score_sentences(texts: list[str], batch_size: int = 256) -> list[float]:
    """The check-worthiness of each text, read as one sentence."""
    nlp = load_pipeline()
    scorer = nlp.get_pipe("checkworthiness")
    docs = nlp.pipe(texts, batch_size=batch_size, disable=list(_ANALYSIS_ONLY))
    return scorer.scores(docs)
