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


def test_a_quarter_or_half_of_a_fiscal_year_written_as_two_is_that_quarter_or_half():
    """A fiscal year written as two ("FY2025-26", "2024-25") runs April to March, so its quarters and halves
    are exact; one written by its end ("FY25") is read for either convention."""
    assert period("Q1 FY2025-26").iso() == "2025-04/2025-06"
    assert period("Q3 FY 2024-25").iso() == "2024-10/2024-12"
    assert period("H1 FY2024-25").iso() == "2024-04/2024-09"
    assert period("H1 FY25").iso() == "2024-04/2025-03"  # April to September, or October to March
    assert not period("H1 FY25").overlaps(period("2023"))


def test_days_and_weeks_of_a_month_are_those_days():
    """Health bulletins and disaster reports count by runs of days ("1 to 7 June") and weeks of a month."""
    assert period("during the week of 1 to 7 June 2024").iso() == "2024-06-01/2024-06-07"
    assert period("between 1 and 7 June 2024").iso() == "2024-06-01/2024-06-07"
    assert period("June 1-7, 2024").iso() == "2024-06-01/2024-06-07"
    assert period("from 1 March to 31 May 2024").iso() == "2024-03/2024-05"  # whole months
    assert period("March 1 through May 15, 2024").iso() == "2024-03-01/2024-05-15"
    assert period("the first week of June").iso() == "2024-06-01/2024-06-07"  # read on 1 June 2024
    assert period("the last week of March 2024").iso() == "2024-03-25/2024-03-31"
    assert not period("the first week of June").overlaps(period("8 June 2024"))


def test_a_date_written_with_dots_is_day_month_year():
    """Indian and European bulletins date themselves "07.08.2025" (as of 7 August); an impossible one is a year."""
    assert period("as of 18:00 hrs on 07.08.2025").iso() == "2025-08-07"
    assert period("31.12.2024").iso() == "2024-12-31"
    assert period("13.13.2025").iso() == "2025"


def test_a_fiscal_year_written_in_full_is_a_fiscal_year():
    assert period("in fiscal year 2022").iso() == period("fiscal 2022").iso() == period("FY2022").iso()
    assert period("fiscal year 2022-23").iso() == "2022-04/2023-03"
