"""One `workbench ui` serves the whole desk: eight reviewers save verdicts at once on one database (as the UI's
sessions do, from threads of one process) while `workbench import` writes to it from another process; every
verdict is stored exactly once and attributed to its author."""
from __future__ import annotations

import subprocess
import threading
import time

import pytest
from conftest import WORKBENCH, subprocess_env
from test_store import corpus

from workbench import review
from workbench.store.db import Store

REVIEWERS = [f"reviewer{n}" for n in range(1, 9)]
#: Enough documents that the import is still writing when the reviewers start, even on a busy machine (with 30,
#: and once with 80, the whole import finished before the first save began: the first batch the test can see
#: may come late, when the import lets go of the file).
DOCUMENTS = 160


@pytest.mark.slow
def test_eight_reviewers_and_an_import_at_once_store_every_verdict_once_under_its_author(demo_database, tmp_path):
    store = demo_database
    claim_ids = [row["id"] for row in store.records("SELECT id FROM claims ORDER BY id")]
    documents_before = store.value("SELECT count(*) FROM documents")
    corpus(tmp_path / "incoming", "delta", DOCUMENTS)
    importing = subprocess.Popen([WORKBENCH, "import", str(tmp_path / "incoming"), "--db", str(store.path),
                                  "--batch-size", "1", "--no-match", "--workers", "1"],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                 env=subprocess_env(WORKBENCH_LOCK_TIMEOUT="120"))
    deadline = time.monotonic() + 120
    while Store(store.path).value("SELECT count(*) FROM documents") == documents_before:  # its first batch is in
        assert importing.poll() is None and time.monotonic() < deadline, importing.communicate()
        time.sleep(0.05)
    failures: list[BaseException] = []
    during_import = []

    def work(reviewer: str, verdict: str) -> None:
        try:
            for claim_id in claim_ids:
                # whether the import was still writing when this save began (a save may then wait for the file
                # while the import writes a burst of batches; what matters is that none is lost or doubled)
                during_import.append(importing.poll() is None)
                review.save_verdict(Store(store.path), claim_id, reviewer, verdict, f"{reviewer} on {claim_id}")
        except BaseException as error:  # noqa: BLE001 - reported by the test thread
            failures.append(error)

    threads = [threading.Thread(target=work, args=(name, review.VERDICTS[n % len(review.VERDICTS)]))
               for n, name in enumerate(REVIEWERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(300)
    _, err = importing.communicate(timeout=300)
    assert failures == [] and importing.returncode == 0, (failures, err)
    assert any(during_import)  # verdicts were being saved while the import was writing
    rows = store.records("SELECT claim_id, reviewer, verdict, note FROM reviews WHERE action = 'verdict'")
    assert len(rows) == len(REVIEWERS) * len(claim_ids)
    assert {(row["claim_id"], row["reviewer"]) for row in rows} == {(c, r) for c in claim_ids for r in REVIEWERS}
    assert all(row["note"] == f"{row['reviewer']} on {row['claim_id']}" for row in rows)
    assert all(row["verdict"] == review.VERDICTS[REVIEWERS.index(row["reviewer"]) % len(review.VERDICTS)]
               for row in rows)
    assert store.value("SELECT count(*) = count(DISTINCT id) FROM reviews")
    assert store.value("SELECT count(*) FROM documents") == documents_before + DOCUMENTS
