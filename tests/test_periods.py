"""When a figure is for: the periods news wording names, and which of them overlap."""
from __future__ import annotations

import datetime as dt

from workbench.nlp.periods import read_period

ANCHOR = dt.date(2024, 6, 1)


def period(text: str):
    found = read_period(text, ANCHOR)
    assert found is not None, text
    return found


def test_a_year_written_as_two_runs_april_to_march_and_never_overlaps_the_next():
    assert period("2022-23").iso() == period("fiscal 2022-23").iso() == "2022-04/2023-03"
    assert not period("in 2022-23").overlaps(period("2023-24"))
    assert period("2023-24").overlaps(period("the October-December quarter of 2023"))


def test_a_fiscal_year_by_its_end_is_read_loosely_for_either_convention():
    assert period("FY24").overlaps(period("the six months to September 2024"))  # a US federal year
    assert period("FY24").overlaps(period("April 2023"))  # an Indian one
