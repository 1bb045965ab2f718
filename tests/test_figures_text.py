"""The one figure formatter: what a person reads for a stored figure."""
import pytest

from workbench.claims import Quantity
from workbench.figures_text import figure_text, number, plural, row_figure_text


def q(text, value, unit, kind, **extra):
    return Quantity(text=text, start=0, end=len(text), value=value, unit=unit, kind=kind, **extra)


CASES = [
    (q("₹1,200 crore", 12e9, "INR", "money", step=1e9), "₹1,200 crore (₹12 bn)"),
    (q("Rs 2.3 lakh", 230000.0, "INR", "money", step=10000.0), "₹2.3 lakh (₹230,000)"),
    (q("Rs 2.3 lakh", 229999.99999999997, "INR", "money"), "₹2.3 lakh (₹230,000)"),
    (q("₹500 cr", 5e9, "INR", "money"), "₹500 crore (₹5 bn)"),
    (q("Rs 45,000", 45000.0, "INR", "money"), "₹45,000"),
    (q("$1.2 billion", 1.2e9, "USD", "money", step=1e8), "$1.2 bn"),
    (q("£450 million", 4.5e8, "GBP", "money", step=1e6), "£450 m"),
    (q("Rs 1,500 crore", 1.5e10, "USD", "money"), "$15 bn"),
    (q("AUD 3m", 3e6, "AUD", "money"), "AUD 3 m"),
    (q("$5-7 billion", 5e9, "USD", "money", value_max=7e9), "$5–7 bn"),
    (q("At least 20", 20.0, "soldier", "count", qualifier="at_least", step=1.0), "≥ 20 soldiers"),
    (q("One", 1.0, "soldier", "count", step=1.0), "1 soldier"),
    (q("20", 20.0, "soldier", "count"), "20 soldiers"),
    (q("more than 30 years", 30.0, "year", "duration", qualifier="more_than"), "> 30 years"),
    (q("Nearly 80%", 80.0, "percent", "percent", qualifier="nearly", step=1.0), "nearly 80%"),
    (q("About 53,000", 53000.0, "person", "count", qualifier="about", step=1000.0), "about 53,000 people"),
    (q("Nearly 24 lakh", 2.4e6, "person", "count", qualifier="nearly", step=1e5), "nearly 24 lakh people"),
    (q("7.54 million", 7.54e6, "vote", "count", step=1e4), "7.54 million votes"),
    (q("3.4%", 3.4, "percent", "percent", direction="down", role="change", step=0.1), "down 3.4%"),
    (q("5%", 5.0, "percent", "percent", direction="up", role="change"), "up 5%"),
    (q("4.2%", 4.2, "percent", "percent", direction="up"), "4.2% (rising)"),
    (q("2.5 times", 2.5, "times", "ratio", step=0.1), "2.5×"),
    (q("2.5 times", 2.5, "time", "count", step=0.1), "2.5×"),
    (q("Q3 2023", 2023.0, "year", "date", iso="2023-07/2023-09"), "Q3 2023"),
    (q("April-June 2020", 2020.0, "year", "date", iso="2020-04/2020-05"), "April–May 2020"),
    (q("June 2020", 2020.0, "year", "date", iso="2020-06"), "June 2020"),
    (q("15 June 2020", 2020.0, "year", "date", iso="2020-06-15"), "15 June 2020"),
    (q("2020", 2020.0, "year", "date", iso="2020"), "2020"),
    (q("the 1990s", 1990.0, "year", "date", iso="1990/1999"), "1990–1999"),
    (q("10 to 15 km", 10.0, "km", "measure", value_max=15.0, step=1.0), "10–15 km"),
    (q("0.67C", 0.67, "degC", "measure", step=0.01), "0.67°C"),
    (q("magnitude 5.4", 5.4, "magnitude", "measure", step=0.1), "magnitude 5.4"),
    (q("third", 3.0, "rank", "rank"), "No. 3"),
    (q("20", 20.0, None, "count"), "20"),
    (q("2:05:12", 7512.0, "second", "duration", step=1.0), "2:05:12"),
    (q("3:26.34", 206.34, "second", "duration", step=0.01), "3:26.34"),
    (q("45 seconds", 45.0, "second", "duration", step=1.0), "45 seconds"),
]


@pytest.mark.parametrize(("quantity", "expected"), CASES, ids=[c[1] for c in CASES])
def test_figure_text(quantity, expected):
    assert figure_text(quantity) == expected


@pytest.mark.parametrize(("value", "step", "expected"), [
    (20.0, None, "20"), (1234567.0, None, "1,234,567"), (2.50, None, "2.5"), (0.004, None, "0.004"),
    (7.54, 0.01, "7.54"), (229999.99999999997, 10000.0, "230,000"), (-3.4, 0.1, "-3.4")])
def test_number_has_no_float_noise(value, step, expected):
    assert number(value, step) == expected


@pytest.mark.parametrize(("noun", "count", "expected"), [
    ("soldier", 1, "soldier"), ("soldier", 20, "soldiers"), ("person", 2, "people"), ("family", 3, "families"),
    ("day", 2, "days"), ("box", 2, "boxes"), ("relief camp", 5, "relief camps"), ("deaths", 5, "deaths")])
def test_plural(noun, count, expected):
    assert plural(noun, count) == expected


def test_a_claims_v_row():
    row = {"quantity": "At least 20", "value": 20.0, "value_max": None, "unit": "soldier", "kind": "count",
           "qualifier": "at_least", "iso": None, "direction": None, "role": None, "step": 1.0}
    assert row_figure_text(row) == "≥ 20 soldiers"
    assert row_figure_text({**row, "value": None, "kind": "statement"}) is None
