"""The publisher profile in the database: one ``profile`` row per key that is set.

Which keys there are, their defaults and what a value must be live in :mod:`workbench.export.profile`."""
from __future__ import annotations

from workbench.store import queue
from workbench.store.db import Store, utc_now

#: The key whose value (a share of claims for a second review) decides which claims' second review is due.
_SECOND_REVIEW = "second_review"


def profile_values(store: Store) -> dict[str, str]:
    """Every key that is set, with its value."""
    return {row["key"]: row["value"] for row in store.records("SELECT key, value FROM profile ORDER BY key")}


def set_profile_values(store: Store, values: dict[str, str | None]) -> None:
    """Set each key to its value, or unset it (None), in one transaction; a new second-review share rewrites the
    review queue, since it decides whose second review is due."""
    with store.write() as con:
        for key, value in values.items():
            if value is None:
                con.execute("DELETE FROM profile WHERE key = ?", [key])
            else:
                con.execute("INSERT OR REPLACE INTO profile (key, value, updated_at) VALUES (?, ?, ?)",
                            [key, value, utc_now()])
        if _SECOND_REVIEW in values:
            queue.rebuild(con)
