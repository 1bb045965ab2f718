"""The passage index's search: words, figure terms and vectors found together, each passage once."""
from __future__ import annotations

import numpy as np

from workbench.match.embed import DIMENSIONS
from workbench.match.index import PassageIndex, figure_terms, query_terms
from workbench.store.matching import figure_from_record

TEXTS = {1: "At least 40 people were killed in the flood in Dunpur, officials said.",
         2: "The flood in Dunpur destroyed 300 homes.",
         3: "Rescue teams reached villages cut off by rising water.",
         4: "A new bridge opened in Kalgarh."}
VALUES = {1: 40, 2: 300, 3: None, 4: None}


def _record(passage_id: int) -> dict:
    text, value = TEXTS[passage_id], VALUES[passage_id]
    figures = [] if value is None else [{
        "text": str(value), "kind": "count", "unit": "person", "value": float(value), "subject": "people",
        "predicate": "kill", "measure": "people", "actors": [], "places": [], "step": 1.0,
        "start": text.find(str(value)), "end": text.find(str(value)) + len(str(value))}]
    return {"passage_id": passage_id, "document_id": passage_id, "source": f"Report {passage_id}",
            "published": "2024-07-01", "text": text, "start": 0, "end": len(text), "actors": [],
            "places": ["Dunpur"], "lead": None, "figures": figures}


def _index(tmp_path) -> tuple[PassageIndex, np.ndarray]:
    index = PassageIndex(tmp_path / "index")
    index.add_passages([_record(passage_id) for passage_id in TEXTS])
    vectors = np.random.default_rng(7).normal(size=(len(TEXTS), DIMENSIONS)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    index.add_vectors(np.array(list(TEXTS)), vectors)
    return index, vectors


def test_a_passage_found_by_its_words_figures_and_meaning_comes_once(tmp_path):
    index, vectors = _index(tmp_path)
    figure = figure_from_record({"text": "40", "kind": "count", "unit": "person", "value": 40.0})
    hits = index.search(query_terms("40 people killed in the Dunpur flood"), figure_terms(figure), 10,
                        vector=vectors[2], nearest=1)
    by_id = {hit.passage_id: hit for hit in hits}
    assert [hit.passage_id for hit in hits] == [1, 2, 3]  # best BM25 first; 3 only by meaning
    assert len(hits) == len(by_id)
    assert by_id[1].bm25 > by_id[2].bm25 > 0 and by_id[1].lexical and not by_id[1].nearest
    assert by_id[1].figures[0].quantity.value == 40.0 and by_id[1].places == ("Dunpur",)
    assert by_id[3].bm25 == 0.0 and not by_id[3].lexical and by_id[3].nearest
    assert abs(by_id[3].similarity - 1.0) < 1e-3


def test_within_returns_every_given_passage(tmp_path):
    index, _ = _index(tmp_path)
    hits = index.search(query_terms("flood in Dunpur"), [], 10, within=[2, 4])
    assert [(hit.passage_id, hit.bm25 > 0) for hit in hits] == [(2, True), (4, False)]


def _figure_passages(tmp_path, figures: dict[int, tuple[str, float, str | None]]) -> PassageIndex:
    """An index of passages that share no word, each with one count of runs (text, value, qualifier)."""
    index = PassageIndex(tmp_path / "figures")
    index.add_passages([{
        "passage_id": passage_id, "document_id": passage_id, "source": None, "published": None,
        "text": f"Scorecard {passage_id}: {text}", "start": 0, "end": 20, "actors": [], "places": [], "lead": None,
        "figures": [{"text": text, "kind": "count", "unit": "run", "value": value, "qualifier": qualifier,
                     "step": 1.0}]} for passage_id, (text, value, qualifier) in figures.items()])
    return index


def _found_by_figure(index: PassageIndex, value: float, qualifier: str | None = None) -> list[int]:
    figure = figure_from_record({"text": str(value), "kind": "count", "unit": "run", "value": value,
                                 "qualifier": qualifier})
    return sorted(hit.passage_id for hit in index.search([], figure_terms(figure), 10))


def test_a_precise_figure_meets_loose_ones_near_it_but_not_every_figure_that_rounds_alike(tmp_path):
    index = _figure_passages(tmp_path, {1: ("nearly 200", 200.0, "nearly"), 2: ("201", 201.0, None),
                                        3: ("240", 240.0, None), 4: ("185", 185.0, None), 5: ("200", 200.0, None)})
    assert _found_by_figure(index, 185) == [1, 4, 5]  # itself, "nearly 200" and a round 200; not 201 or 240
    assert _found_by_figure(index, 201) == [1, 2, 5]  # two digits alike (200) or rough
    assert _found_by_figure(index, 200) == [1, 2, 5]  # a round figure is not a loose one
    # a loose claim asks for every figure that rounds to its one digit
    assert _found_by_figure(index, 200, "about") == [1, 2, 3, 4, 5]


def _search_in_child(index_path, queue) -> None:
    index = PassageIndex(index_path)
    queue.put([hit.passage_id for hit in index.search(query_terms("flood in Dunpur"), [], 10)])


def test_a_forked_process_searches_with_threads_of_its_own(tmp_path):
    """The queries run on a pool of threads; a child forked after a search has none of its parent's."""
    import multiprocessing

    index, _ = _index(tmp_path)
    expected = [hit.passage_id for hit in index.search(query_terms("flood in Dunpur"), [], 10)]
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    child = context.Process(target=_search_in_child, args=(index.path, queue))
    child.start()
    child.join(timeout=30)
    alive = child.is_alive()
    if alive:
        child.kill()
    assert not alive, "the search in the forked process never finished"
    assert queue.get(timeout=5) == expected and expected
