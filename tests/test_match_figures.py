"""Figure agreement (qualifiers, units, dates through implied dates) and same-subject judgements."""
from __future__ import annotations

import math

import pytest

from workbench.claims import Claim, Frame, Quantity, Sentence
from workbench.match.figures import compare, implied_text, interval, rate_of_change
from workbench.match.frames import two_spans, two_windows
from workbench.nlp.periods import from_iso


def Figure(kind, unit, value, **fields) -> Claim:
    """A figure with nothing around it, as a claim."""
    quantity = Quantity(text=f"{value:g}", start=0, end=0, value=value, unit=unit, kind=kind, **fields)
    return Claim(sentence=Sentence("", 0, 0), kind=kind, quantity=quantity)


def count(value, unit="soldier", qualifier=None, value_max=None):
    return Figure("count", unit, value, value_max=value_max, qualifier=qualifier)


@pytest.mark.parametrize("claim,source,agrees", [
    (count(4), count(4), True),
    (count(4, "troop"), count(45, "soldier", "at_least"), False),      # troops and soldiers are comparable
    (count(20, qualifier="at_least"), count(20), True),
    (count(20, qualifier="at_least"), count(25), True),
    (count(20, qualifier="at_least"), count(18), False),
    (count(30, qualifier="more_than"), count(28), False),
    (count(30, qualifier="more_than"), count(33), True),
    (count(500, qualifier="about"), count(480), True),
    (count(500, qualifier="about"), count(400), False),
    (count(10, value_max=15), count(12), True),
    (count(10, value_max=15), count(16), False),
    (count(1000, qualifier="up_to"), count(800), True),
    (Figure("money", "USD", 99.2e9), Figure("money", "USD", 99.23e9), True),       # rounding
    (Figure("percent", "percent", 50), Figure("percent", "percent", 25), False),
    (count(30, qualifier="more_than"), count(35, qualifier="at_least"), True),    # at least 35 establishes it
    (count(200_000, qualifier="more_than"), count(300_000, qualifier="more_than"), True),
    (count(400_000, qualifier="more_than"), count(800_000), True),                # twice the bound, no more
])
def test_agreement(claim, source, agrees):
    pairs = compare(claim, [source])
    assert [p.agrees for p in pairs] == [agrees]
    assert [p.conflicts for p in pairs] == [not agrees]


@pytest.mark.parametrize("claim,source", [
    (count(300, qualifier="more_than"), count(210, qualifier="more_than")),   # neither says the other is wrong
    (count(12), count(10, value_max=15)),
    (count(480), count(500, qualifier="about")),
])
def test_compatible_figures_neither_support_nor_contradict(claim, source):
    assert [p.verdict for p in compare(claim, [source])] == ["compatible"]


@pytest.mark.parametrize("claim,source", [
    (count(400_000, qualifier="more_than"), count(4_800_000, qualifier="about")),  # Sudan's, not North Darfur's
    (count(16_000, qualifier="more_than"), count(132_000)),
    (count(30, qualifier="more_than"), count(300, qualifier="at_least")),
    (Figure("measure", "mph", 90, qualifier="up_to"), Figure("measure", "mph", 30)),
    (Figure("percent", "percent", 5, qualifier="less_than"), Figure("percent", "percent", 0.4)),
])
def test_a_figure_far_from_the_bound_a_claim_gives_is_not_what_it_says(claim, source):
    """Newsrooms write a bound as a round figure near the count: "more than 400,000" displaced is not how
    4.8 million are reported, though it is not false of them."""
    assert [p.verdict for p in compare(claim, [source])] == ["compatible"]


def test_fractions_meet_percentages():
    two_thirds = Figure("ratio", "times", 2 / 3)
    assert [p.agrees for p in compare(two_thirds, [Figure("percent", "percent", 66)])] == [True]
    assert [p.conflicts for p in compare(two_thirds, [Figure("percent", "percent", 40)])] == [True]
    assert compare(Figure("ratio", "times", 2), [Figure("percent", "percent", 50)]) == []


@pytest.mark.parametrize("claim,source", [
    (Figure("measure", "km", 3), Figure("measure", "m", 3000)),
    (Figure("duration", "year", 7), Figure("duration", "month", 84)),
    (Figure("measure", "mi", 10), Figure("measure", "km", 16.09)),
])
def test_units_convert(claim, source):
    assert [p.agrees for p in compare(claim, [source])] == [True]


@pytest.mark.parametrize("claim,source", [
    (Figure("money", "USD", 5), Figure("money", "EUR", 5)),
    (Figure("percent", "percent", 5), Figure("money", "USD", 5)),
    (count(4, "soldier"), count(4, "minister")),
])
def test_different_things_are_not_compared(claim, source):
    assert compare(claim, [source]) == []


def test_a_relative_duration_meets_a_date_through_its_implied_date():
    seven_years = Figure("duration", "year", 7, implied="2018")
    assert [p.agrees for p in compare(seven_years, [Figure("date", "year", 2018, iso="2018-06")])] == [True]
    assert [p.agrees for p in compare(seven_years, [Figure("date", "year", 2015, iso="2015")])] == [False]
    plain = Figure("duration", "year", 7)
    assert compare(plain, [Figure("date", "year", 2018, iso="2018")]) == []


def test_a_whole_count_of_years_places_its_date_within_a_year():
    seven_years = Figure("duration", "year", 7, implied="2018")
    assert [p.verdict for p in compare(seven_years, [Figure("date", "year", y, iso=str(y)) for y in (2016, 2017, 2019)])] \
        == ["conflicts", "agrees", "agrees"]
    assert implied_text(seven_years.quantity.implied, seven_years.quantity.implied_qualifier) == "around 2018"


@pytest.mark.parametrize("qualifier,year,verdict", [
    ("less_than", 1985, "agrees"),      # "more than 40 years" before 2025: 1985 or earlier
    ("less_than", 1970, "agrees"),
    ("less_than", 1986, "conflicts"),
    ("more_than", 1986, "agrees"),      # "less than 40 years" before 2025: 1985 or later
    ("more_than", 1984, "conflicts"),
])
def test_a_qualified_duration_bounds_the_date_it_implies(qualifier, year, verdict):
    forty = Figure("duration", "year", 40, qualifier="more_than", implied="1985", implied_qualifier=qualifier,
                   implied_start=True)
    [pair] = compare(forty, [Figure("date", "year", year, iso=str(year))])
    assert pair.verdict == verdict
    assert pair.mine.implied_start


def test_dates_compare_months_when_both_have_them():
    june = Figure("date", "year", 2020, iso="2020-06")
    assert [p.agrees for p in compare(june, [Figure("date", "year", 2020, iso="2020-06-15")])] == [True]
    assert [p.agrees for p in compare(june, [Figure("date", "year", 2020, iso="2020-02")])] == [False]
    assert [p.verdict for p in compare(june, [Figure("date", "year", 2020, iso="2020")])] == ["compatible"]


@pytest.mark.parametrize("qualifier,bounds", [
    (None, (99.501, 100.499)),             # (just under) half a step either side
    ("exactly", (99.501, 100.499)),
    ("at_least", (100.0, math.inf)),
    ("more_than", (100.0, math.inf)),
    ("at_most", (-math.inf, 100.499)),     # a bound allows what rounds to it ("up to 93 mph" ← 81 knots)
    ("less_than", (-math.inf, 100.0)),
    ("up_to", (0.0, 100.499)),
    ("about", (90.0, 110.0)),              # ten per cent either side
    ("nearly", (90.0, 100.499)),
])
def test_the_values_a_qualified_figure_allows(qualifier, bounds):
    low, high = interval(Quantity(text="100", start=0, end=0, value=100.0, unit="soldier", kind="count",
                                  qualifier=qualifier, step=1.0))
    assert (round(low, 6), round(high, 6)) == bounds


@pytest.mark.parametrize("value,step,other,agrees", [
    (6_800_000, 100_000, 6_280_000, False),  # "around 6.8 million" is not "around 6.28 million"
    (6_800_000, 100_000, 6_620_000, True),
    (53_000, 1_000, 53_429, True),           # "around 53,000" ≈ 53,429
    (500, 1, 460, True),                     # a step of one says nothing of how round "500" is: a tenth
    (1_200_000_000, 100_000_000, 1_240_000_000, True),
])
def test_about_a_coarsely_written_figure_is_a_few_of_its_steps(value, step, other, agrees):
    claim = Figure("count", "person", value, qualifier="about", step=step)
    assert [c.agrees for c in compare(claim, [Figure("count", "person", other, step=1.0)])] == [agrees]


def test_an_approximate_date_allows_a_year_either_side():
    assert interval(Quantity(text="1990", start=0, end=0, value=1990.0, unit="year", kind="date",
                             qualifier="about")) == (1989.0, 1991.0)


@pytest.mark.parametrize("first,second,apart", [
    ("2023-03/2024-02", "2022-08/2023-07", True),   # two 12-month windows of a rolling measure
    ("2025", "2024-04/2025-03", False),             # a fiscal year labelled by the year it ends in
    ("2024-07/2025-06", "2024-04/2025-03", False),  # two companies' fiscal years, mostly shared
    ("2024-10/2024-12", "2024-12-01/2025-02-01", False),  # quarters: retailers' calendars shift them
])
def test_two_windows_of_a_rolling_measure_are_two_times(first, second, apart):
    assert two_windows(from_iso(first), from_iso(second)) is apart


@pytest.mark.parametrize("first,second,apart", [
    ("2024-07/2024-12", "2024-04/2024-09", True),   # "third quarter" and "second quarter", each read loosely
    ("2025-06/2025-08", "2025-05/2025-07", True),   # "the three months to August" and "May to July"
    ("2024-01/2024-06", "2024-04/2024-09", True),   # the first half and a second quarter
    ("2024-10/2024-12", "2024-11/2025-01", False),  # a calendar quarter and a fiscal one a month off
    ("2024-07/2024-12", "2024-07/2024-12", False),  # the same months
    ("2024-07/2024-12", "2024-10/2024-12", False),  # a loose quarter and the three months within it
    ("2024", "2024-03/2025-02", False),             # a year or more: two_windows' question
])
def test_two_spans_of_the_same_months_are_two_times(first, second, apart):
    assert two_spans(from_iso(first), from_iso(second)) is apart


def rate(measure: str, value: float, sentence: str = "", time: str | None = None) -> Claim:
    quantity = Quantity(text=f"{value:g}%", start=0, end=0, value=value, unit="percent", kind="percent", time=time,
                        direction="down")
    return Claim(sentence=Sentence(sentence, 0, len(sentence)), kind="percent", quantity=quantity,
                 frame=Frame(measure=measure))


@pytest.mark.parametrize("measure,sentence,changes", [
    ("UK inflation", "", "UK consumer prices"),
    ("Retail inflation", "", "consumer prices"),
    ("consumer price inflation", "", "consumer prices"),
    ("wholesale inflation", "", "wholesale prices"),
    ("Regular pay growth", "", "Regular pay"),
    ("Inflation", "Inflation excluding food and energy prices was 4.9%", "core consumer prices"),
    ("unemployment rate", "", None),
])
def test_a_rate_of_change_given_as_a_level_measures_the_change_of_its_measure(measure, sentence, changes):
    assert rate_of_change(rate(measure, 3.4, sentence)) == changes


def test_a_rate_level_meets_a_change_over_the_year_to_its_month_without_directions():
    change = Figure("percent", "percent", 3.4, role="change", direction="up", time="2024-06/2025-05")
    [comparison] = compare(rate("UK inflation", 3.4, time="2025-05"), [change])
    assert comparison.claim.frame.measure == "UK consumer prices" and comparison.verdict == "agrees"
    assert (comparison.mine.role, comparison.mine.direction, comparison.theirs.direction) == ("change", None, None)
    assert comparison.theirs.time == "2025-05"  # the year to May is May's rate
    level = Figure("percent", "percent", 3.4, time="2025-05")
    [comparison] = compare(rate("UK inflation", 3.4, time="2025-05"), [level])
    assert comparison.mine.role is None and comparison.claim.frame.measure == "UK inflation"  # two levels: as they are


def passage_figures(text: str, times: dict[str, str | None], baselines: tuple[str, ...] = ()) -> tuple[Claim, ...]:
    """The figures of a passage (starting at offset 100 of its source), each written as in ``times``' keys, with
    the time its own clause says."""
    passage = Sentence(text, 100, 100 + len(text))
    figures = []
    for written, time in times.items():
        start = 100 + text.index(written)
        quantity = Quantity(text=written, start=start, end=start + len(written), value=1.0, unit="percent",
                            kind="percent", time=time, role="baseline" if written in baselines else None)
        figures.append(Claim(sentence=passage, kind="percent", quantity=quantity))
    return tuple(figures)


def test_a_figure_that_says_no_time_is_for_the_time_said_in_a_sentence_before_it():
    from workbench.match.figures import passage_times

    text = "Inflation was 5.1% in January 2024, up from 4.9% in December 2023. Rural inflation was 5.3%; urban 4.9%."
    read = passage_times(passage_figures(text, {"5.1%": "2024-01", "4.9% in": "2023-12", "5.3%": None,
                                                "urban 4.9%": None}, baselines=("4.9% in",)))
    # the level the change started from is not the sentence's time
    assert [figure.quantity.time for figure in read] == ["2024-01", "2023-12", "2024-01", "2024-01"]
    # within one sentence the figure's own clause decides; before any time said, the passage before's
    text = "Sales were 3.0% higher than the 2.1% of March 2024. Exports rose 4%."
    before = [{"time": "2024-02", "role": None}, {"time": "2023-02", "role": "baseline"}, {"time": "2024-02-27",
                                                                                          "role": None}]
    read = passage_times(passage_figures(text, {"3.0%": None, "2.1%": "2024-03", "4%": None}), before)
    # the passage before's last time that holds: not a baseline's, not a day's (an event's)
    assert [figure.quantity.time for figure in read] == ["2024-02", "2024-03", "2024-03"]
    assert [figure.quantity.time for figure in passage_times(passage_figures(text, {"3.0%": None, "2.1%": None,
                                                                                     "4%": None}))] == [None] * 3
