"""Check-worthiness for any list of sentences (``workbench score``), with the model loaded once."""
from __future__ import annotations

from workbench.nlp.pipeline import load_pipeline

_ANALYSIS_ONLY = ("quantity_normalizer", "checkworthiness", "claim_builder")


def score_sentences(texts: list[str], batch_size: int = 256) -> list[float]:
    """The check-worthiness of each text, read as one sentence."""
    nlp = load_pipeline()
    scorer = nlp.get_pipe("checkworthiness")
    docs = nlp.pipe(texts, batch_size=batch_size, disable=list(_ANALYSIS_ONLY))
    return scorer.scores(docs)
