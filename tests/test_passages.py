"""Source passages: sentences, joined when a later one leans on the one before."""
from __future__ import annotations

from workbench.ingest.passages import group_passages, leans_back
from workbench.nlp.extract import analyse

SOURCE = ("The Indian Army said 20 of its soldiers were killed.\n"
          "It was the first deadly clash since 1975.\n"
          "China later named four soldiers who died.\n"
          "The figure was disputed by Russia's news agency.")


def test_leaning_sentences_join_the_passage_before_them():
    analysis = next(analyse([(SOURCE, None)]))
    passages = group_passages(SOURCE, analysis.sentences)
    assert [p.text for p in passages] == [
        "The Indian Army said 20 of its soldiers were killed.\nIt was the first deadly clash since 1975.",
        "China later named four soldiers who died.\nThe figure was disputed by Russia's news agency."]
    assert all(SOURCE[p.start:p.end] == p.text for p in passages)


def test_openers():
    assert leans_back("It was the first such clash.") and leans_back("The figure is disputed.")
    assert leans_back("“This is a tragedy,” he said.")
    assert not leans_back("China named four soldiers.") and not leans_back("Italy won.")


def test_passages_stay_short():
    text = "Prices rose 5%.\n" + "\n".join(["It rose again by 2%."] * 6)
    analysis = next(analyse([(text, None)]))
    passages = group_passages(text, analysis.sentences)
    assert [p.sentences for p in passages] == [3, 3, 1]
