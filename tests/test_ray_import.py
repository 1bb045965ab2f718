"""``workbench import --engine ray``: on a local 2-worker Ray cluster, the same database as the single-process
import, and a stopped run that resumes without duplicates."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
from conftest import ROOT

from workbench.ingest import distributed
from workbench.ingest.distributed import import_paths_on_ray, staging_folder
from workbench.ingest.importer import import_paths
from workbench.store.db import Store

sys.path.insert(0, str(ROOT))
from bench.corpus import generate_articles, write_jsonl

pytestmark = pytest.mark.slow

#: Every stored column but when and by which run a row was written.
TABLES = {
    "documents": "id, kind, title, url, published, sha256, text, origin",
    "segments": "id, document_id, seq, kind, char_start, char_end, text, checkworthiness, actors, places",
    "claims": "id, document_id, segment_id, kind, subject, predicate, time, attribution, hedged, checkworthiness, "
              "origin, entities",
    "quantities": "id, segment_id, claim_id, text, char_start, char_end, value, value_max, unit, kind, qualifier, "
                  "iso, implied, implied_qualifier, implied_start, subject, predicate, direction, role, time, step, "
                  "measure, actors, places, hedged",
}


def contents(store: Store) -> dict[str, list[tuple]]:
    with store.read() as con:
        return {table: con.execute(f"SELECT {columns} FROM {table} ORDER BY id").fetchall()
                for table, columns in TABLES.items()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Ten articles and a repeat of the third, and what the single-process import stores of them."""
    folder = tmp_path_factory.mktemp("ray")
    articles = generate_articles(10, words_per_article=200, seed=16)
    path = folder / "articles.jsonl"
    write_jsonl(articles + [articles[2]], path)
    single = Store(folder / "single.duckdb")
    report = import_paths(single, [str(path)], workers=1, batch_docs=3, match=False)
    assert (report.documents, report.skipped) == (10, 1)
    return path, contents(single)


def test_ray_stores_what_the_single_process_import_stores(corpus, tmp_path):
    path, expected = corpus
    store = Store(tmp_path / "ray.duckdb")
    report = import_paths_on_ray(store, [str(path)], workers=2, batch_docs=3, match=False)
    assert report.ok and (report.documents, report.skipped) == (10, 1)
    assert report.claims == len(expected["claims"]) > 100
    assert contents(store) == expected
    assert not staging_folder(store).exists()  # every batch file loaded and removed
    with store.read() as con:
        assert con.execute("SELECT count(*) FROM loaded_batches").fetchone()[0] == 4  # 10 documents, 3 a batch


#: A Ray import stopped by Ctrl-C while its second batch is loaded (the transaction rolls back), in a process
#: of its own: Ray's local cluster, shut down by the interrupt, now and then took the test process with it.
STOPPED_RUN = """
import json, sys
from workbench.ingest import distributed
from workbench.store.db import Store

load, loads = distributed.load_batch, []

def stopped_after_the_first_batch(con, name, tables, run_id):
    if loads:
        raise KeyboardInterrupt
    loads.append(name)
    return load(con, name, tables, run_id)

distributed.load_batch = stopped_after_the_first_batch
try:
    distributed.import_paths_on_ray(Store(sys.argv[1]), [sys.argv[2]], workers=2, batch_docs=3, match=False)
except KeyboardInterrupt:
    print(json.dumps(loads))
"""


def test_a_stopped_run_resumes_without_duplicates(corpus, tmp_path):
    path, expected = corpus
    store = Store(tmp_path / "ray.duckdb")
    stopped = subprocess.run([sys.executable, "-c", STOPPED_RUN, str(store.path), str(path)], cwd=ROOT,
                             capture_output=True, text=True, timeout=600, check=False)  # (Ray's exit code aside)
    loads = json.loads(stopped.stdout.strip().splitlines()[-1]) if stopped.stdout.strip() else None
    assert loads, stopped.stderr[-2000:]  # it stopped after loading one batch
    staged = {entry.name for entry in staging_folder(store).iterdir()}
    assert staged and loads[0] not in staged  # the loaded batch file is gone, later ones wait
    # a batch loaded whose file was not yet removed when the run stopped is skipped, not loaded twice
    first = staging_folder(store) / loads[0]
    shutil.copytree(staging_folder(store) / min(staged), first)
    report = import_paths_on_ray(store, [str(path)], workers=2, batch_docs=3, match=False)
    assert report.ok and (report.documents, report.skipped) == (7, 4)  # three stored before, and the repeat
    assert contents(store) == expected
    assert not staging_folder(store).exists()


def test_a_run_of_stored_documents_starts_no_cluster(corpus, tmp_path, monkeypatch):
    path, expected = corpus
    store = Store(tmp_path / "single.duckdb")
    import_paths(store, [str(path)], workers=1, batch_docs=3, match=False)
    monkeypatch.setattr(distributed, "_cluster", None)  # calling it would fail
    report = import_paths_on_ray(store, [str(path)], workers=2, batch_docs=3, match=False)
    assert (report.documents, report.skipped) == (0, 11)
    assert contents(store) == expected


def test_cluster_options_need_the_ray_engine(cli, write):
    path = write("a.txt", "Exports rose 4% in 2024.")
    result = cli("import", str(path), "--address", "auto")
    assert result.exit_code == 2
    assert result.stderr == "error: --address and --staging are for a Ray import; add --engine ray\n"
