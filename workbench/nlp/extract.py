"""Running the pipeline over whole texts: chunked by paragraph, streamed, offsets mapped back.

A text is cut at line breaks into chunks of at most ``MAX_CHUNK_CHARS`` so that a 5 MB file
goes through ``nlp.pipe`` in bounded memory and spaCy's length limit never applies. Many
documents share one ``nlp.pipe`` stream (batched), and each comes back as an :class:`Analysis`
with offsets into its own text.
"""
from __future__ import annotations

import bisect
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc

from workbench.claims import Claim, Sentence
from workbench.nlp.claim_builder import sentence_of
from workbench.nlp.frames import Names, name_spans, names_of
from workbench.nlp.numbers import dateline_date
from workbench.nlp.pipeline import load_pipeline

MAX_CHUNK_CHARS = 10_000
#: The most text in one ``nlp.pipe`` batch: spaCy's working memory grows with the batch's text (about 3 KB
#: per character here), so 32 chunks of a huge file (320,000 characters) took a gigabyte where 64,000 take
#: a few hundred megabytes, at the same speed (``bench/memory_bench.py``).
MAX_BATCH_CHARS = 64_000


@dataclass(frozen=True, slots=True)
class ScoredSentence:
    text: str
    start: int
    end: int
    checkworthiness: float
    actors: tuple[str, ...] = ()  # companies, parties, people named in it
    places: tuple[str, ...] = ()  # countries, states, cities, nationalities named in it


@dataclass
class Analysis:
    """What the pipeline found in one text: its sentences (scored) and its claims."""

    sentences: list[ScoredSentence] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)


def chunks(text: str, max_chars: int | None = None) -> Iterator[tuple[int, str]]:
    """Contiguous slices of ``text`` (offset, slice) that end at a line break where one is near."""
    max_chars = max_chars or MAX_CHUNK_CHARS
    start = 0
    length = len(text)
    while start < length:
        end = min(start + max_chars, length)
        if end < length:
            cut = text.rfind("\n", start, end)
            if cut <= start:
                cut = text.rfind(". ", start, end)
                cut = cut + 1 if cut > start else text.rfind(" ", start, end)
            if cut > start:
                end = cut + 1
        yield start, text[start:end]
        start = end


def _stream(items: Iterable[tuple[str, str | None]], batch_size: int) -> Iterator[tuple[int, bool, Doc]]:
    """(offset, last chunk of its text, analysed Doc) for every chunk of every text, in batches of at most
    ``batch_size`` chunks and :data:`MAX_BATCH_CHARS` characters."""
    nlp = load_pipeline()
    batch: list[tuple[int, bool, Doc]] = []
    characters = 0
    for offset, last, doc in _unanalysed(nlp, items):
        batch.append((offset, last, doc))
        characters += len(doc.text)
        if len(batch) >= batch_size or characters >= MAX_BATCH_CHARS:
            yield from _analysed(nlp, batch)
            batch, characters = [], 0
    yield from _analysed(nlp, batch)


def _unanalysed(nlp, items: Iterable[tuple[str, str | None]]) -> Iterator[tuple[int, bool, Doc]]:
    for text, published in items:
        published = published or dateline_date(text)
        parts = chunks(text)
        current = next(parts, (0, ""))
        while current is not None:  # one chunk ahead, to know the last: a 50 MB text is never copied whole
            following = next(parts, None)
            doc = nlp.make_doc(current[1])
            doc._.published = published
            yield current[0], following is None, doc
            current = following


def _analysed(nlp, batch: list[tuple[int, bool, Doc]]) -> Iterator[tuple[int, bool, Doc]]:
    docs = nlp.pipe((doc for _, _, doc in batch), batch_size=max(1, len(batch)))
    for (offset, last, _), doc in zip(batch, docs):
        yield offset, last, doc


def analyse_pieces(items: Iterable[tuple[str, str | None]], batch_size: int = 32, workers: int = 1,
                   progress: Callable[[int], None] | None = None) -> Iterator[tuple[Analysis, bool]]:
    """What each piece of each (text, published ISO date or None) pair holds, in order, with whether it is its
    text's last piece: a consumer can store a huge text piece by piece instead of holding all of it. One piece
    is a chunk of at most :data:`MAX_CHUNK_CHARS`; with ``workers`` > 1 (processes, each with its own pipeline)
    a whole text comes back as one piece. ``progress`` is told how many characters have been analysed as they
    are: chunk by chunk, so that a single 50 MB text shows it is moving."""
    if workers > 1:
        yield from ((analysis, True) for analysis in _analyse_in_processes(items, batch_size, workers, progress))
        return
    for offset, last, doc in _stream(items, batch_size):
        if progress:
            progress(len(doc.text))
        piece = Analysis()
        entities = name_spans(list(doc.ents))  # once per Doc: Span.ents rebuilds every entity on each call
        starts = [ent.start for ent in entities]
        for sent in doc.sents:
            if sent.text.strip():
                sentence = sentence_of(sent)
                actors, places = names_of(entities[bisect.bisect_left(starts, sent.start):
                                                   bisect.bisect_left(starts, sent.end)])
                piece.sentences.append(ScoredSentence(
                    sentence.text, sentence.start + offset, sentence.end + offset,
                    float(sent._.checkworthiness or 0.0), actors, places))
        piece.claims.extend(claim.shifted(offset) for claim in doc._.claims)
        yield piece, last


#: The components a title's names need: the base model's (its entities, tags and parse), not ours.
_OURS = ("quantity_normalizer", "checkworthiness", "claim_builder")


def title_names(titles: Iterable[str | None]) -> list[Names]:
    """The companies, parties and people (actors) and the places each title names, read by the rules of a
    passage's names (:func:`workbench.nlp.frames.names_of`): a source's title names the organisation whose
    results or statistics its passages give without naming it again. A missing title names no one."""
    nlp = load_pipeline()
    with nlp.select_pipes(disable=[name for name in _OURS if name in nlp.pipe_names]):
        docs = nlp.pipe(title or "" for title in titles)
        return [names_of(name_spans(list(doc.ents))) for doc in docs]


def analyse(items: Iterable[tuple[str, str | None]], batch_size: int = 32, workers: int = 1,
            progress: Callable[[int], None] | None = None) -> Iterator[Analysis]:
    """Analyse (text, published ISO date or None) pairs, in order, through one ``nlp.pipe`` stream, each text
    whole (its pieces joined; see :func:`analyse_pieces` for the arguments)."""
    current = Analysis()
    for piece, last in analyse_pieces(items, batch_size, workers, progress):
        current.sentences.extend(piece.sentences)
        current.claims.extend(piece.claims)
        if last:
            yield current
            current = Analysis()


#: Documents sent to a worker process at a time: enough to keep its ``nlp.pipe`` batches full.
WORKER_CHUNK = 64


def _analyse_chunk(chunk: list[tuple[str, str | None]], batch_size: int) -> list[Analysis]:
    return list(analyse(chunk, batch_size))


def _analyse_in_processes(items: Iterable[tuple[str, str | None]], batch_size: int, workers: int,
                          progress: Callable[[int], None] | None) -> Iterator[Analysis]:
    """spaCy's own ``n_process`` ships Docs back and cannot carry our claims on them, so the workers run the
    whole analysis on chunks of documents and send back plain :class:`Analysis` values, in order."""
    import itertools
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    iterator = iter(items)
    chunks_of_items = iter(lambda: list(itertools.islice(iterator, WORKER_CHUNK)), [])
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
        pending = deque()

        def finished() -> Iterator[Analysis]:
            characters, future = pending.popleft()
            analyses = future.result()
            if progress:
                progress(characters)
            return iter(analyses)

        for chunk in chunks_of_items:
            pending.append((sum(len(text) for text, _ in chunk), pool.submit(_analyse_chunk, chunk, batch_size)))
            if len(pending) > 2 * workers:  # bounded memory: a few chunks ahead of the writer
                yield from finished()
        while pending:
            yield from finished()


def iter_claims(text: str, published: str | None = None, batch_size: int = 8) -> Iterator[Claim]:
    """The claims of one text, in document order, streamed chunk by chunk (bounded memory)."""
    for offset, _, doc in _stream([(text, published)], batch_size):
        yield from (claim.shifted(offset) for claim in doc._.claims)


def extract_claims(text: str, published: str | None = None) -> list[Claim]:
    """Every claim in ``text``: one per figure, plus check-worthy statements without one."""
    return list(iter_claims(text, published))


__all__ = ["Analysis", "ScoredSentence", "Sentence", "analyse", "analyse_pieces", "chunks", "extract_claims", "iter_claims"]
