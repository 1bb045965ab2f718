"""Each normalisation rule of the quantity component, and each kind of figure that is not a claim."""
from __future__ import annotations

import pytest

from workbench.nlp.extract import extract_claims
from workbench.nlp.numbers import parse_digits, parse_ordinal, parse_words


def figures(text: str):
    return [c.quantity for c in extract_claims(text) if c.quantity]


def figure(text: str, span: str):
    """The one quantity whose text contains ``span``."""
    found = [q for q in figures(text) if span in q.text or q.text in span and q.text]
    assert found, f"no figure for {span!r} in {text!r}: {[q.text for q in figures(text)]}"
    return found[0]


# (sentence, span, value, value_max, unit, kind, qualifier)
RULES = [
    # digits, separators, decimals, Indian grouping
    ("The company sold 1,234,567 phones.", "1,234,567", 1234567, None, "phone", "count", None),
    ("Sales rose to 3.75 million units.", "3.75 million", 3750000, None, "unit", "count", None),
    ("The fund has 1,00,000 investors.", "1,00,000", 100000, None, "investor", "count", None),
    # number words, hyphenated forms, scale words
    ("Forty-two thousand people attended the rally.", "Forty-two thousand", 42000, None, "person", "count", None),
    ("Officials counted four hundred and five ballots.", "four hundred and five", 405, None, "ballot", "count", None),
    ("A dozen officials resigned.", "A dozen", 12, None, "official", "count", None),
    ("Two million people voted.", "Two million", 2000000, None, "person", "count", None),
    ("The plant employs 3.5m people.", "3.5m", 3500000, None, "person", "count", None),
    ("The app has 250k users.", "250k", 250000, None, "user", "count", None),
    # currencies by symbol, code and word
    ("The deal is worth $2.5bn.", "$2.5bn", 2.5e9, None, "USD", "money", None),
    ("It raised US$1 trillion.", "US$1 trillion", 1e12, None, "USD", "money", None),
    ("The bank fined it €300 million.", "€300 million", 3e8, None, "EUR", "money", None),
    ("Tickets cost £45.", "£45", 45, None, "GBP", "money", None),
    ("The budget allocates Rs 11.1 lakh crore to defence.", "Rs 11.1 lakh crore", 1.11e13, None, "INR", "money", None),
    ("Each farmer gets ₹6,000 a year.", "₹6,000", 6000, None, "INR", "money", None),
    ("The city spent 500 crore rupees on roads.", "500 crore rupees", 5e9, None, "INR", "money", None),
    ("Beijing pledged 10 billion yuan in aid.", "10 billion yuan", 1e10, None, "CNY", "money", None),
    ("The ticket cost 20 dollars.", "20 dollars", 20, None, "USD", "money", None),
    ("The club paid 80 million euros for him.", "80 million euros", 8e7, None, "EUR", "money", None),
    ("Exports reached USD 5 billion.", "USD 5 billion", 5e9, None, "USD", "money", None),
    # percentages
    ("Tariffs of 50% apply.", "50%", 50, None, "percent", "percent", None),
    ("Turnout was 41 percent.", "41 percent", 41, None, "percent", "percent", None),
    ("Inflation hit 7.5 per cent.", "7.5 per cent", 7.5, None, "percent", "percent", None),
    # durations
    ("The trade had run for seven years.", "seven years", 7, None, "year", "duration", None),
    ("Prices have not risen in a decade.", "a decade", 10, None, "year", "duration", None),
    ("The project took 18 months.", "18 months", 18, None, "month", "duration", None),
    ("Talks resumed after a five-year hiatus.", "five-year", 5, None, "year", "duration", None),
    ("Leaders met for a three-day summit.", "three-day", 3, None, "day", "duration", None),
    ("The mine closed two decades ago.", "two decades", 20, None, "year", "duration", None),
    ("He left fourteen years ago.", "fourteen years", 14, None, "year", "duration", None),
    # dates
    ("The border trade was suspended in 2020.", "2020", 2020, None, "year", "date", None),
    ("Fighting broke out in June 2020.", "June 2020", 2020, None, "year", "date", None),
    ("The clash happened on June 15, 2020.", "June 15, 2020", 2020, None, "year", "date", None),
    ("The clash happened on 15 June 2020.", "15 June 2020", 2020, None, "year", "date", None),
    ("Growth was faster in the 1990s.", "1990s", 1990, None, "year", "date", None),
    # ratios
    ("This rate is double that imposed on its neighbours.", "double", 2, None, "times", "ratio", None),
    ("Sales were twice as high.", "twice", 2, None, "times", "ratio", None),
    ("The city has three times as many doctors.", "three times", 3, None, "times", "ratio", None),
    ("Half of the voters stayed home.", "Half", 0.5, None, "times", "ratio", None),
    ("One in five adults smokes.", "One in five", 0.2, None, "times", "ratio", None),
    ("Costs rose tenfold.", "tenfold", 10, None, "times", "ratio", None),
    # measures with units
    ("The border runs 3,488 km.", "3,488 km", 3488, None, "km", "measure", None),
    ("The glacier lost 12 square kilometres.", "12 square kilometres", 12, None, "km2", "measure", None),
    ("The peak is 8,848 metres high.", "8,848 metres", 8848, None, "m", "measure", None),
    ("The ship carried 5,000 tonnes of grain.", "5,000 tonnes", 5000, None, "t", "measure", None),
    ("Temperatures fell to minus 12 degrees Celsius.", "minus 12 degrees Celsius", -12, None, "degC", "measure", None),
    ("A 6.2-magnitude earthquake struck.", "6.2-magnitude", 6.2, None, "magnitude", "measure", None),
    ("An aftershock of magnitude 5.4 followed.", "magnitude 5.4", 5.4, None, "magnitude", "measure", None),
    ("The earthquake had a magnitude of 7.1.", "7.1", 7.1, None, "magnitude", "measure", None),
    # members counted by the group they belong to
    ("Bodies of 14 Maoist cadres were recovered.", "14", 14, None, "maoist", "count", None),
    ("Security forces killed 9 militant fighters.", "9", 9, None, "militant", "count", None),
    ("M 5.6 - 148 km W of Coos Bay, Oregon.", "M 5.6", 5.6, None, "magnitude", "measure", None),  # USGS's form
    ("The farm produces 40 MW of power.", "40 MW", 40, None, "MW", "measure", None),
    ("The star is 120 light-years away.", "120 light-years", 120, None, "ly", "measure", None),
    # ranks
    ("She won her sixth title.", "sixth", 6, None, "rank", "rank", None),
    ("China is the second-largest economy.", "second-largest", 2, None, "rank", "rank", None),
    ("The team finished third.", "third", 3, None, "rank", "rank", None),
    # ranges
    ("Between 10 and 15 people were hurt.", "Between 10 and 15", 10, 15, "person", "count", None),
    ("Officials expect 10-15 arrests.", "10-15", 10, 15, "arrest", "count", None),
    ("Between 1 and 2 million people fled.", "Between 1 and 2 million", 1e6, 2e6, "person", "count", None),
    # negatives
    ("Output growth was minus 3 percent.", "minus 3 percent", -3, None, "percent", "percent", None),
    # qualifiers
    ("At least 20 soldiers died.", "At least 20", 20, None, "soldier", "count", "at_least"),
    ("More than 300 flights were cancelled.", "More than 300", 300, None, "flight", "count", "more_than"),
    ("Trade ran for over 30 years.", "over 30 years", 30, None, "year", "duration", "more_than"),
    ("Nearly 40% of homes lack power.", "Nearly 40%", 40, None, "percent", "percent", "nearly"),
    ("About 500 people marched.", "About 500", 500, None, "person", "count", "about"),
    ("Roughly $3bn was lost.", "Roughly $3bn", 3e9, None, "USD", "money", "about"),
    ("Up to 1,000 jobs could go.", "Up to 1,000", 1000, None, "job", "count", "up_to"),
    ("Exactly 12 players remain.", "Exactly 12", 12, None, "player", "count", "exactly"),
    # "a record 48,824" is 48,824, which is a record: neither "at least" nor a qualifier it does not write
    ("A record 48,824 runners finished.", "48,824", 48824, None, "runner", "count", None),
    ("Fewer than 50 seats were won.", "Fewer than 50", 50, None, "seat", "count", "less_than"),
    # ranges whose ends both carry their unit, and ends that share a scale
    ("Revenue will be between $4.1 billion and $4.3 billion.", "between $4.1 billion and $4.3 billion", 4.1e9,
     4.3e9, "USD", "money", None),
    ("The Fed held rates in a range of 5.25% to 5.5%.", "5.25% to 5.5%", 5.25, 5.5, "percent", "percent", None),
    ("Bills could rise by between 18% and 47%.", "between 18% and 47%", 18, 47, "percent", "percent", None),
    ("The war could cost $7 or $8 trillion.", "$7 or $8 trillion", 7e12, 8e12, "USD", "money", None),
    ("Repairs will cost $25-$40 billion.", "$25-$40 billion", 25e9, 40e9, "USD", "money", None),
    ("The 1969-70 season was his best.", "1969-70", 1969, 1970, "year", "date", None),
    # halves and fractions in words
    ("The trial lasted two and a half years.", "two and a half years", 2.5, None, "year", "duration", None),
    ("The plan costs a billion and a half dollars.", "a billion and a half dollars", 1.5e9, None, "USD", "money",
     None),
    ("Three-fourths of the paperwork was lost.", "Three-fourths", 0.75, None, "times", "ratio", None),
    ("Nine-tenths of voters agreed.", "Nine-tenths", 0.9, None, "times", "ratio", None),
    # units written against the number
    ("Inflation eased to 19.5pc in May.", "19.5pc", 19.5, None, "percent", "percent", None),
    ("The world has warmed by 0.67C since 1980.", "0.67C", 0.67, None, "degC", "measure", None),
    ("The region has 20million residents.", "20million", 2e7, None, "resident", "count", None),
    ("The quake struck 150km from the coast.", "150km", 150, None, "km", "measure", None),
    ("He warned of a $20-billion problem.", "$20-billion", 2e10, None, "USD", "money", None),
    # small money
    ("Women earn 76 cents on the dollar.", "76 cents", 0.76, None, "USD", "money", None),
    ("A stamp costs 85 pence.", "85 pence", 0.85, None, "GBP", "money", None),
    # a place name before a measure is not a model number
    ("The epicentre was near Taipei 150 km away.", "150 km", 150, None, "km", "measure", None),
    ("Cuba lies 90 miles from Florida.", "90 miles", 90, None, "mi", "measure", None),
    # ranks
    ("Djokovic remains world No. 1.", "No. 1", 1, None, "rank", "rank", None),
    ("He reached his fourth Grand Slam final.", "fourth", 4, None, "rank", "rank", None),
    ("The state ranks 4th in manufacturing.", "4th", 4, None, "rank", "rank", None),
    # counts that look like references
    ("He was convicted on all seven counts.", "seven", 7, None, "count", "count", None),
    ("The agency released 900 FBI files.", "900", 900, None, "file", "count", None),
    ("Parliament passed 17 new taxes.", "17", 17, None, "tax", "count", None),
    ("Officials deleted 33,000 e-mails.", "33,000", 33000, None, "e-mail", "count", None),
    # a glued "m": millions of something, or metres
    ("Neeraj Chopra threw 89.45m to win silver.", "89.45m", 89.45, None, "m", "measure", None),
    ("Bolt holds the 100m world record.", "100m", 100, None, "m", "measure", None),
    ("A total of 26,07,044 TB cases were notified.", "26,07,044", 2607044, None, "case", "count", None),
    ("The drive holds 4 TB of photos.", "4 TB", 4, None, "TB", "measure", None),
    ("The waiting list stood at 7.42m, down from 7.54m.", "7.42m", 7.42e6, None, None, "count", None),
    ("Some 3.2m patients had waited longer than 18 weeks; the long jump record is 8.95m.", "8.95m", 8.95, None,
     "m", "measure", None),
    ("The club paid £3.5m for him.", "£3.5m", 3.5e6, None, "GBP", "money", None),
    # nationalities counted as people, energy units
    ("About 8.9 million Sudanese have been displaced.", "About 8.9 million", 8.9e6, None, "person", "count", "about"),
    ("The reactor produced 69 megajoules of energy.", "69 megajoules", 69, None, "MJ", "measure", None),
    # a change from one figure to another: the first takes the second's unit
    ("The rate came down from 17 to 6 percent.", "17", 17, None, "percent", "percent", None),
    # newsroom conventions: Indian abbreviations, codes glued to digits, fiscal years, fractions, multipliers
    ("The ministry paid Rs 2,500 cr to the state.", "Rs 2,500 cr", 2.5e10, None, "INR", "money", None),
    ("Each family gets Rs 1 Cr in compensation.", "Rs 1 Cr", 1e7, None, "INR", "money", None),
    ("The board sanctioned Rs 15L for each school, officials said.", "Rs 15L", 1.5e6, None, "INR", "money", None),
    ("The scheme will cost ₹5 lakh-crore over a decade.", "₹5 lakh-crore", 5e12, None, "INR", "money", None),
    ("The startup raised USD34.6 million from investors.", "USD34.6 million", 3.46e7, None, "USD", "money", None),
    ("Revenue for 2024–25 grew.", "2024–25", 2024, 2025, "year", "date", None),
    ("Profit in FY24 doubled.", "FY24", 2023, 2024, "year", "date", None),
    ("Results for FY2023-24 were filed.", "FY2023-24", 2023, 2024, "year", "date", None),
    ("About three-quarters of the gain came from migration.", "About three-quarters", 0.75, None, "times",
     "ratio", "about"),
    ("The contract went to half a dozen firms.", "half a dozen", 6, None, "firm", "count", None),
    ("Exports grew 2.5x in a decade.", "2.5x", 2.5, None, "times", "ratio", None),
    ("Winds of 190 km/h lashed the coast.", "190 km/h", 190, None, "km/h", "measure", None),
    ("A magnitude-4.8 earthquake shook the city.", "magnitude-4.8", 4.8, None, "magnitude", "measure", None),
    ("Five of the nine committee members backed the cut.", "nine", 9, None, "member", "count", None),
    ("Output fell by 2.2 million barrels per day.", "2.2 million barrels per day", 2.2e6, None, "bbl/d", "measure",
     None),
    # "rose X to Y": the change and the level it reached, not a range; "ranges from X to Y" is one
    ("Gold rose ₹450 to ₹72,350 per 10 grams.", "₹72,350", 72350, None, "INR", "money", None),
    ("The price fell by 12 cents to $3.18 a gallon.", "$3.18", 3.18, None, "USD", "money", None),
    ("Pay ranges from Rs 45,000 to Rs 1.42 lakh a month.", "Rs 45,000 to Rs 1.42 lakh", 45000, 142000, "INR",
     "money", None),
    # the peers' suites (bench/peer_suites.py): number words with "and", fractions, accounting negatives,
    # scientific notation, capital scales after a currency, spaced thousands, units glued with powers
    ("Officials counted one hundred and two ballots.", "one hundred and two", 102, None, "ballot", "count", None),
    ("The village has a hundred and two households.", "a hundred and two", 102, None, "household", "count", None),
    ("The accounts show the annual result was ($99.99).", "($99.99)", -99.99, None, "USD", "money", None),
    ("The gap is 1/4 inch.", "1/4 inch", 0.25, None, "in", "measure", None),
    ("The door is 2 1/2 in thick.", "2 1/2", 2.5, None, None, "count", None),
    ("Add ½ teaspoon of salt.", "½ teaspoon", 0.5, None, "tsp", "measure", None),
    ("Turnout fell by one sixth.", "one sixth", 1 / 6, None, None, "count", None),
    ("The ratio is three halves.", "three halves", 1.5, None, None, "count", None),
    ("The road is one-half miles long.", "one-half miles", 0.5, None, "mi", "measure", None),
    ("The trail runs two and a third miles.", "two and a third miles", 7 / 3, None, "mi", "measure", None),
    ("The deviation was 2.48×10−5 of the mean.", "2.48×10−5", 2.48e-5, None, "mean", "count", None),
    ("The beam carried 4e14 photons.", "4e14", 4e14, None, "photon", "count", None),
    ("The fund holds €10M in bonds.", "€10M", 1e7, None, "EUR", "money", None),
    ("Its GDP is $2.174T.", "$2.174T", 2.174e12, None, "USD", "money", None),
    ("The wall is 1.8m tall.", "1.8m", 1.8, None, "m", "measure", None),
    ("Fujitsu made a one-yen bid.", "one-yen", 1, None, "JPY", "money", None),
    ("The telescope has an 8- to 16-meter mirror.", "8- to 16-meter", 8, 16, "m", "measure", None),
    ("Temperatures ranged from -18 °C to -34 °C overnight.", "-18 °C to -34 °C", -34, -18, "degC", "measure",
     None),
    ("It was sold for 10 000 dollars.", "10 000 dollars", 10000, None, "USD", "money", None),
    ("The lake covers 4km^2 of the valley.", "4km^2", 4, None, "km2", "measure", None),
    ("Each bottle holds 75ml of juice.", "75ml", 75, None, "ml", "measure", None),
    # index points, the level a change reached in what the change counted, multiples in fractions
    ("The Dow fell 475 points, or 1.3%, to 37,266.", "475 points", 475, None, "point", "measure", None),
    ("The Dow fell 475 points, or 1.3%, to 37,266.", "37,266", 37266, None, "point", "measure", None),
    ("The waiting list fell by 52,000 cases to 7.54 million.", "7.54 million", 7.54e6, None, "case", "count",
     None),
    ("The rail upgrade will cut journeys by 10 minutes to 40 minutes.", "40 minutes", 40, None, "minute",
     "duration", None),
    ("The network is two and a half times its size in 2005.", "two and a half times", 2.5, None, "times",
     "ratio", None),
    ("Relief reached each of the half a dozen families.", "half a dozen", 6, None, "family", "count", None),
    ("Some patients had waited more than a year for surgery.", "more than a year", 1, None, "year", "duration",
     "more_than"),
    ("Renters spend more than half their income on housing.", "more than half", 0.5, None, "times", "ratio",
     "more_than"),
    # compounds name what the counted noun is: "nine committee members" counts members
    ("Five of the nine committee members backed the cut.", "Five", 5, None, "member", "count", None),
    ("The alliance won 63 of Uttar Pradesh's 80 Lok Sabha seats.", "63", 63, None, "seat", "count", None),
    ("The alliance won 63 of Uttar Pradesh's 80 Lok Sabha seats.", "80", 80, None, "seat", "count", None),
    # a participle before the counted noun, which the tagger takes for a verb, and the noun's own compound
    ("A total of 1,476 confirmed measles cases were reported.", "1,476", 1476, None, "case", "count", None),
    # a mark in a results table, with the record it set
    ("Men's javelin: Neeraj Chopra (IND) 90.23m NR.", "90.23m", 90.23, None, "m", "measure", None),
]


@pytest.mark.parametrize("sentence,span,value,value_max,unit,kind,qualifier", RULES,
                         ids=[r[1] for r in RULES])
def test_normalisation_rule(sentence, span, value, value_max, unit, kind, qualifier):
    q = figure(sentence, span)
    assert q.text == span
    assert sentence[q.start:q.end] == span
    assert q.value == pytest.approx(value)
    assert q.value_max == (pytest.approx(value_max) if value_max is not None else None)
    assert (q.unit, q.kind, q.qualifier) == (unit, kind, qualifier)


def test_dates_carry_iso_dates():
    assert figure("Fighting broke out in June 2020.", "June 2020").iso == "2020-06"
    assert figure("The clash happened on June 15, 2020.", "June 15, 2020").iso == "2020-06-15"
    assert figure("The border trade was suspended in 2020.", "2020").iso == "2020"



@pytest.mark.parametrize("sentence,published,span,iso", [
    # AP style abbreviates months with a full stop: a date, not a count of 10
    ("The runoff will be held on Dec. 10, the county elections board said.", "2024-11-20", "Dec. 10", "2024-12-10"),
    ("The special election will be held on Jan. 14.", "2024-12-20", "Jan. 14", "2025-01-14"),
    ("Early voting began Sept. 14, 2024, in most counties.", None, "Sept. 14, 2024", "2024-09-14"),
    # India's and Europe's day.month.year, as official bulletins write it
    ("A landslide occurred at Kattimala at 02:15 hrs on 30.07.2024.", None, "30.07.2024", "2024-07-30"),
    ("The poll shall be held on 05.02.2025.", None, "05.02.2025", "2025-02-05"),
    # a day written as an ordinal, as Indian and British releases write it, and as some US copy does
    ("The Southwest Monsoon has set in over Kerala today, the 24th May, 2025.", None, "24th May, 2025", "2025-05-24"),
    ("The scheme will close on 31st March 2026.", None, "31st March 2026", "2026-03-31"),
    ("The vote on the 3rd of March 2024 was close.", None, "3rd of March 2024", "2024-03-03"),
    ("The plant reopens on May 2nd, 2025.", None, "May 2nd, 2025", "2025-05-02"),
    ("The normal date of onset is 1st June.", "2025-05-24", "1st June", "2025-06-01"),
])
def test_newsroom_date_notations_are_dates(sentence, published, span, iso):
    found = [c.quantity for c in extract_claims(sentence, published) if c.quantity]
    dates = [q for q in found if q.kind == "date"]
    assert [(q.text, q.iso) for q in dates] == [(span, iso)], [(q.text, q.kind) for q in found]


def test_an_ordinal_that_is_no_day_of_a_month_stays_a_rank():
    assert [(q.text, q.kind) for q in figures("He finished 24th in May 2025.")] == [("24th", "rank"), ("May 2025", "date")]


def test_dots_between_numbers_that_cannot_be_a_day_and_month_are_no_date():
    assert [q.kind for q in figures("Version 31.13.2024 was withdrawn on 3 March 2024.")] == ["date"]  # March's


def test_a_bulletin_list_s_figure_counts_what_its_own_label_says():
    """"Cases: 2,86,914; Deaths: 223.": the semicolon ends what the first number counts (it was read as
    2,86,914 deaths, the next item's label)."""
    claims = [c for c in extract_claims("Cases: 2,86,914; Deaths: 223.") if c.quantity]
    assert [(c.quantity.text, c.quantity.unit, c.frame.measure) for c in claims] == [
        ("2,86,914", None, "Cases"), ("223", None, "Deaths")]


def test_a_sign_in_brackets_is_the_figure_s_sign():
    """India's official releases write a rate's sign in brackets: "(-) 2.04 per cent" fell 2.04% (it was read
    as 2.04), "(-)0.13%" glued to its number (it was read as nothing), "(+) 1.31" rose."""
    figures = [(c.quantity.text, c.quantity.value) for c in extract_claims(
        "WPI inflation was (-) 2.04 per cent in September against (-)0.13% in June and (+) 1.31 per cent in May.",
        "2025-10-14") if c.quantity and c.quantity.kind == "percent"]
    assert figures == [("(-) 2.04 per cent", -2.04), ("(-)0.13%", -0.13), ("(+) 1.31 per cent", 1.31)]
    # a bracket after a figure still holds its conversion
    assert [c.quantity.text for c in extract_claims("Revenue was Rs 500 crore ($60m) in May.") if c.quantity] == [
        "Rs 500 crore", "$60m"]

def test_two_figures_in_a_sentence_are_two_claims_with_their_own_subjects():
    claims = [c for c in extract_claims("At least 20 Indian soldiers and four Chinese troops died.") if c.quantity]
    assert [(c.quantity.text, c.subject) for c in claims] == [("At least 20", "Indian soldiers"),
                                                               ("four", "Chinese troops")]


NOT_CLAIMS = [
    ("The G20 summit opened on Monday.", "G20"),
    ("The COVID-19 pandemic closed schools.", "COVID-19"),
    ("Article 370 was revoked.", "Article 370"),
    ("The Boeing 737 MAX was grounded.", "737"),
    ("He won the Formula One title.", "One"),
    ("Section 230 protects platforms.", "230"),
    ("Windows 11 was released.", "11"),
    ("It is one of the largest ports.", "one"),
    ("The two sides are discussing trade.", "two"),
    ("The three leaders met in Delhi.", "three"),
    ("This is a first step.", "first"),
    ("They met for the first time.", "first"),
    ("Tensions eased last year.", "last year"),
    ("Flights resume next month.", "next month"),
    ("The meeting starts at 10:30 am.", "10:30"),
    ("She hoped one day to thank them.", "one day"),
    ("It was a double standard.", "double"),
    ("Sales doubled in the second half.", "second half"),
    ("See report 3: the figures.", "3"),
    ("The S&P 500 fell sharply.", "500"),
    ("Patients with type 2 diabetes benefit.", "2"),
    ("The drug entered phase 3 trials.", "3"),
    ("3M reported higher earnings.", "3M"),
    ("Number two, we will cut taxes.", "two"),
    ("Three, a poll taken in February shows support.", "Three"),
    ("One final point: the plan works.", "One"),
    ("There is not one shred of evidence.", "one"),
    ("Our schools are second to none.", "second"),
    ("We need skills for the 21st century.", "21st"),
    ("It was a third-rate performance.", "third"),
    ("Trade must be a 2-way street.", "2"),
    ("I thought twice about it.", "twice"),
    ("The show airs at 8 o'clock.", "8"),
    # a results table's places, numbered before each entrant
    ("1. Evans Kiprono (KEN) 2:05:12; 2. Dawit Mekonnen (ETH) 2:05:47.", "1"),
    ("1. Evans Kiprono (KEN) 2:05:12; 2. Dawit Mekonnen (ETH) 2:05:47.", "2."),
    ("Men's javelin throw final: 1. Arjun Malik (IND) 87.86m; 2. Yuto Saito (JPN) 84.10m.", "1."),
    # datelines, sources, labels and telephone numbers
    ("NEW DELHI, 12 March 2024 — The Centre earmarked ₹500 crore for roads.", "12 March 2024"),
    ("One official said the bridge had not been inspected.", "One"),
    ("No. 10 said it had not been consulted.", "No. 10"),
    ("Residents can call the helpline 1916 at any hour.", "1916"),
    ("A helpline on 0300 123 4567 has been set up.", "0300 123 4567"),
    ("Call the county hotline at 1-800-555-0199 for help.", "1-800-555-0199"),
    ("Sales of the iPhone 15 slowed in China.", "15"),
    ("Emergency 999 calls about flooding rose.", "999"),
    # slashes that are no fractions
    ("The shop is open 24/7 for customers.", "24/7"),
    ("The 9/11 attacks changed policy.", "9/11"),
    ("Rents rose to $2,400 a month and $80 a year in fees.", "a month"),
]


@pytest.mark.parametrize("sentence,trap", NOT_CLAIMS, ids=[t for _, t in NOT_CLAIMS])
def test_not_a_claim(sentence, trap):
    start = sentence.index(trap)
    end = start + len(trap)
    overlapping = [q.text for q in figures(sentence) if q.start < end and start < q.end]
    assert overlapping == []


def test_a_sum_in_brackets_after_another_figure_is_its_conversion_not_a_loss():
    assert figure("The district paid Rs 500 crore ($60 million) for the bridge.", "$60 million").value == 6e7
    assert figure("The deal was worth £40m ($52m), the filing shows.", "$52m").value == 5.2e7


def test_pure_number_helpers():
    assert parse_digits("1,00,000") == 100000
    assert parse_digits("2.5bn") == 2.5e9
    assert parse_digits("-12") == -12
    assert parse_digits("12a") is None
    assert (parse_digits("½"), parse_digits("2½"), parse_digits("1/40")) == (0.5, 2.5, 0.025)
    assert parse_digits("9/11") is None and parse_digits("1/0") is None and parse_digits("24/7") is None
    assert parse_digits("-1e-3") == -0.001 and parse_digits("2.48×10−5") == pytest.approx(2.48e-5)
    assert parse_digits("1e999") is None  # no float overflow
    assert parse_words(["forty", "two", "thousand"]) == 42000
    assert parse_words(["eleven", "lakh"]) == 1100000
    assert parse_ordinal("twenty-first") == 21 and parse_ordinal("3rd") == 3 and parse_ordinal("sixth") == 6


def test_a_dateline_dates_the_story_and_is_no_figure(tmp_path):
    from workbench.ingest.importer import import_records
    from workbench.ingest.readers import Record
    from workbench.nlp.numbers import dateline_date
    from workbench.store.db import Store

    text = "NEW DELHI, 12 March 2024 — The recruitment test is scheduled for 31 August and 1 September."
    assert dateline_date(text) == "2024-03-12"
    assert dateline_date("The Centre, 12 March 2024 — said") is None  # no place in capitals: no dateline
    assert [(q.text, q.iso) for q in figures(text)] == [("31 August", "2024-08-31"), ("1 September", "2024-09-01")]
    store = Store(tmp_path / "dateline.duckdb")
    import_records(store, [Record(text=text, origin="wire")], match=False)
    with store.read() as con:
        assert con.execute("SELECT CAST(published AS VARCHAR) FROM documents").fetchone()[0] == "2024-03-12"


def test_a_dateline_split_off_as_a_sentence_is_no_statement_claim():
    text = "NEW DELHI, 12 March 2024 — In 2020, at least 20 soldiers died on the border, officials said."
    claims = extract_claims(text)
    assert claims and all(not c.sentence.text.startswith("NEW DELHI") for c in claims)
    assert [c.kind for c in claims] == ["date", "count"]


@pytest.mark.parametrize("sentence,text,seconds,step", [
    ("Evans Kiprono won the Chicago Marathon on Sunday in 2:05:12.", "2:05:12", 7512.0, 1.0),
    ("1. Evans Kiprono (KEN) 2:05:12; 2. Dawit Mekonnen (ETH) 2:05:47.", "2:05:47", 7547.0, 1.0),
    ("She won the 1500m final in 3:26.34, a meet record.", "3:26.34", 206.34, 0.01),
])
def test_a_race_time_is_a_duration_in_seconds_to_its_written_precision(sentence, text, seconds, step):
    found = figure(sentence, text)
    assert (found.text, found.kind, found.unit, found.value, found.step) == (text, "duration", "second", seconds, step)


def test_a_bulletins_count_before_a_full_stop_is_a_figure_not_a_place_in_a_table():
    assert [q.value for q in figures("Deaths: 4. Injuries: 38. Homes destroyed: 112.")] == [4, 38, 112]
