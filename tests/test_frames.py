"""The frame read around each figure: what it measures, whose and where, which way, when, how hedged.

Each case is one sentence (written for these tests), the figure as written, and what its frame must say.
"""
from __future__ import annotations

import pytest

from workbench.nlp.extract import extract_claims


def figure(sentence: str, text: str, published: str = "2024-06-10"):
    claims = [c for c in extract_claims(sentence, published) if c.quantity is not None]
    found = [c for c in claims if c.quantity.text == text]
    assert found, [c.quantity.text for c in claims]
    return found[0]


@pytest.mark.parametrize("sentence,text,direction,role", [
    ("The state's economy shrank 3.4% in 2020.", "3.4%", "down", "change"),
    ("Output grew by 3.4% in 2020.", "3.4%", "up", "change"),
    ("Net profit rose to ₹7,025 crore, up from ₹6,272 crore a year earlier.", "₹6,272 crore", None, "baseline"),
    ("The number of job openings edged down by 150,000 to 7.4 million.", "150,000", "down", "change"),
    ("The river receded to 206.4 m on Thursday.", "206.4 m", "down", None),
    # a multiple against an earlier time is a rise; against another measure, or a share, is no change
    ("The chain sold 2.5 times as many phones as a year ago.", "2.5 times", "up", "change"),
    ("Tomatoes sell at ₹90 a kg, almost double last month's price.", "almost double", "up", "change"),
    ("The lake peaked at two and a third times its normal level.", "two and a third times", None, None),
    ("Hiring came in at nearly double economists' forecasts.", "nearly double", None, None),
    ("Migration accounted for about three-quarters of the gain.", "about three-quarters", None, None),
    ("Shares of the lender tanked 12% on Monday.", "12%", "down", "change"),
    ("The rail upgrade will cut journeys by 10 minutes to 40 minutes.", "10 minutes", "down", "change"),
    ("The price cap drops by £122 to £1,568 a year.", "£1,568", "down", None),
    ("Temperatures could reach 10C higher than the July average.", "10C", "up", "change"),
    ("A tornado with peak winds of 150 mph cut through Warren County.", "150 mph", None, None),  # a path
    ("The bank cut its lending rate by 25 basis points.", "25 basis points", "down", "change"),
    # another figure's "down", which the parse hangs from the verb, is not the verb's particle
    (("Like-for-like sales, excluding fuel, grew 1.2% in the 13 weeks to 28 September 2024, with food up 2.0% "
      "and general merchandise down 1.5%."), "1.2%", "up", "change"),
    # a percentage right after a verb of change is the change, however the parse hangs it
    ("India's merchandise exports contracted 2.2 per cent year-on-year to $34.4 billion in August.", "2.2 per cent",
     "down", "change"),
    ("The defence allocation was cut 4.7 per cent in the interim budget to ₹6.21 lakh crore.", "4.7 per cent",
     "down", "change"),
    # and one put below or above an earlier time's level
    ("Global military spending slipped to $2.72 trillion in 2024, 9.4 percent below the previous year.",
     "9.4 percent", "down", "change"),
    # but a level's "up from" is, however far from its verb
    (("An estimated 8.6 million people were internally displaced across all 18 states as of 31 March, up from "
      "8.1 million at the end of January."), "An estimated 8.6 million", "up", None),
])
def test_direction_and_role(sentence, text, direction, role):
    quantity = figure(sentence, text).quantity
    assert (quantity.direction, quantity.role) == (direction, role)


@pytest.mark.parametrize("sentence,text,unit", [
    ("Measles cases in Europe rose 45-fold to 58,000 last year.", "58,000", "case"),
    ("The number of births fell 7.7% to about 230,000.", "about 230,000", "birth"),
    ("The population grew by 1.6 million to 334.9 million in 2023.", "1.6 million", "person"),
    ("The county's homeless population grew 9% to 75,500.", "75,500", "person"),
])
def test_a_bare_count_a_change_reached_counts_its_subject(sentence, text, unit):
    assert figure(sentence, text).quantity.unit == unit


@pytest.mark.parametrize("sentence", [
    "During the exchange of fire, four troops embraced shahadat.",  # as Pakistan's military writes it
    "Four jawans of the District Reserve Guard attained martyrdom in the exchange of fire.",
    "Four soldiers laid down their lives in the attack.",
])
def test_a_soldiers_death_in_the_words_of_an_army_is_a_death(sentence):
    from workbench.match.figures import counted

    claim = next(c for c in extract_claims(sentence, "2024-06-10") if c.quantity is not None)
    assert counted(claim.quantity, claim.predicate) == "death"


@pytest.mark.parametrize("sentence,text,measure", [
    ("Tata Motors' net profit rose to ₹7,025 crore in the quarter.", "₹7,025 crore", "net profit"),
    ("The floods caused $1.2 billion of losses in Assam.", "$1.2 billion", "losses"),
    ("The state has set up 612 relief camps.", "612", "relief camps"),
    ("Turnout was 46.33 per cent.", "46.33 per cent", "Turnout"),  # not a PERSON, as the small model says
    # the parser hangs the figure on "tax"; the measure's name has a preposition inside
    ("The Bank recorded a profit after tax of Rs 24.5 billion for the year.", "Rs 24.5 billion", "profit"),
    # a hyphenated modifier kept whole, however the parser hangs it (here as an interjection)
    ("Like-for-like sales at Barrow & Finch rose 6.1 per cent.", "6.1 per cent", "Like-for-like sales"),
    ("The company despatched 46 lakh tonnes of finished steel in FY24.", "46 lakh tonnes", "steel"),
    ("The RBI raised the repo rate by 50 basis points to 5.4%.", "50 basis points", "repo"),  # not "RBI"
    # what took place, not the place of "take place"
    ("Polling will take place on 12 February.", "12 February", "Polling"),
    # a date's measure is what its event happened to, never another figure: the crore is no measure
    ("The Board of Control for Cricket in India earned ₹9,741 crore in 2023-24.", "₹9,741 crore", None),
    # a figure after a label, as tables, results lines and statistical releases write them: the label
    ("Profit before tax: £1,302m (2024/25: £1,118m), up 16.5%.", "£1,302m", "Profit before tax"),
    ("Total ballots cast: 1,614,203.", "1,614,203", "Total ballots cast"),
    ("Kick-off 15:00. Referee: S. Hooper. Attendance: 86,412.", "86,412", "Attendance"),
    ("Deaths: 187; houses fully damaged: 612.", "612", "houses damaged"),
    ("Total receipts this period (July 1, 2024 - September 30, 2024): $12,403,118.56.", "$12,403,118.56",
     "Total receipts period"),
    # a disease names what is counted, however the small model tags it
    ("The number of dengue deaths this year stands at 212.", "212", "dengue deaths"),
    # an index's name, which the small model takes for an organisation's
    ("The Producer Price Index rose 0.2 percent in May.", "0.2 percent", "Producer Price Index"),
    # a rate a measure changed at is the measure's, written either way round
    ("Real gross domestic product increased at an annual rate of 3.1 percent in the third quarter.", "3.1 percent",
     "Real gross domestic product"),
    ("The U.S. economy grew at a 3.1 percent annual rate in the third quarter.", "3.1 percent", "economy"),
    # the object of its own verb measures what the verb did, not what another clause's figure counts
    ("The Ridgeback Fire has burned about 48,000 acres and destroyed more than 600 structures.",
     "about 48,000 acres", None),
    # a date's event happened to something other than a figure: the money gets no measure from it
    ("A further £1.8bn will go to community diagnostic centres by March 2026.", "£1.8bn", None),
    # people of whom a relative clause says they died are deaths, as official bulletins count them
    ("The number of persons who lost their lives in the landslide has risen to 31.", "31", "persons who died"),
    ("So far 14 villagers who drowned in the flash flood have been identified.", "14", "villagers who died"),
    ("There were 40 people who attended the rally.", "40", "people"),
    # the margin a contest was won or lost by, however it is written
    ("Democrat Elena Ruiz beat Tom Hardy by about 6,000 votes.", "about 6,000", "margin"),
    ("India won the third Test by a 434-run margin.", "434-run", "margin"),
    ("Ruiz received 182,440 votes, a margin of 872 votes over Hardy.", "872", "margin"),
    ("Ruiz received 182,440 votes, a margin of 872 votes over Hardy.", "182,440", "votes"),
    # the conjunction kept, so that the lexicon knows the name
    ("The goods and services deficit was $76.9 billion in August.", "$76.9 billion", "goods and services deficit"),
])
def test_what_is_measured(sentence, text, measure):
    assert figure(sentence, text).frame.measure == measure


def test_rs_with_a_full_stop_is_rupees_in_one_sentence():
    """"Rs." stays one token: split, the parser ended the sentence at its stop and the figure lost its currency."""
    claim = figure("The Company earned a profit after tax of Rs. 18,612 million during the half year.",
                   "Rs. 18,612 million")
    assert (claim.quantity.unit, claim.quantity.value, claim.frame.measure) == ("INR", 18_612_000_000, "profit")
    assert claim.sentence.text.startswith("The Company")


def test_a_scale_that_took_the_full_stop_still_ends_its_sentence():
    """"£32m. The previous record ... in 2019": two sentences, so the 2019 is not the fee's time."""
    text = "He joined Westbury for a club-record fee of £32m. The previous record was the £14m received in 2019."
    fee = figure(text, "£32m")
    assert fee.sentence.text.endswith("£32m.") and fee.quantity.time is None


def test_a_scale_tagged_a_verb_is_no_verb():
    """"sold ... for £32m on 30 August": the tagger read "m" as a verb; the fee is what was paid in a sale."""
    claim = figure("Harrowgate Town sold striker Callum Reeve to Westbury for £32m on 30 August 2024.", "£32m")
    assert (claim.predicate, claim.frame.measure) == ("sell", "fee")


def test_a_sentence_final_scale_keeps_its_figure():
    quantity = figure("Capital investment totalled £62m.", "£62m").quantity
    assert (quantity.value, quantity.unit, quantity.end - quantity.start) == (62_000_000, "GBP", 4)


@pytest.mark.parametrize("sentence,text,actors", [
    ("Maruti Suzuki's net profit rose to ₹3,130 crore.", "₹3,130 crore", ("Maruti Suzuki",)),
    # a subject spaCy's small model does not recognise as a name is still whose the figure is
    ("Hyderabad-based drugmaker Deccan Pharma reported a net profit of ₹1,240 crore.", "₹1,240 crore",
     ("drugmaker Deccan Pharma",)),
    # "the Board", "the Trust", "Consolidated": capitalised common words name no one
    ("The Board approved capital expenditure of Rs 18,000 crore.", "Rs 18,000 crore", ()),
    ("A total of 26,07,044 TB cases were notified in 2024.", "26,07,044", ()),  # a disease, not an organisation
    ("Revenue rose 103% on an FX-neutral basis.", "103%", ()),  # foreign exchange names no one
    # a measure's own word opening the sentence ("Output", "Size: 32,800 acres") names no one
    ("Output of India's eight core industries contracted 2.4 per cent in November.", "2.4 per cent", ()),
    # the reporter is the owner of a clause whose subject is a pronoun, not of one that only names "their homes"
    ("Fighting forced about 14,000 people from their homes last week, the UN refugee agency said.", "about 14,000",
     ()),
    ("Tata Motors said its net profit rose 9% to ₹1,400 crore.", "₹1,400 crore", ("Tata Motors",)),
    # a name that hangs by another figure's preposition is that figure's (the parser hangs "for" by "to")
    (("Ruiz took 54.0% of ballots cast in Saturday's runoff, according to unofficial county returns, to 46.0% "
      "for Ortega."), "54.0%", ()),
    # the owner of the subject, unrecognised as a name ("Engro Corporation's profit")
    ("Engro Corporation's profit after tax rose 18 per cent to Rs 34.2bn.", "Rs 34.2bn", ("Engro Corporation",)),
    # "Rs." (the small model's organisation) is a currency, no one's
    ("The Company earned Rs. 18,612 million, as against Rs. 15,255 million last year.", "Rs. 15,255 million", ()),
    # a relative clause's figure is its antecedent's
    ("The Congress, which polled nearly 40 per cent of the vote, won 37 seats.", "nearly 40 per cent", ("Congress",)),
])
def test_whose_figure(sentence, text, actors):
    assert figure(sentence, text).frame.actors == actors


def test_a_forecast_is_hedged_in_its_own_clause_only():
    sentence = "The bank approved a $500 million loan in 2023, and the state plans to spend ₹5.5 lakh crore."
    assert not figure(sentence, "$500 million").frame.hedged
    assert figure(sentence, "₹5.5 lakh crore").frame.hedged


def test_the_time_a_figure_is_for():
    sentence = "Unemployment rose to 4.2% in May from 4.1% in April."
    assert figure(sentence, "4.2%").quantity.time == "2024-05"
    assert figure(sentence, "4.1%").quantity.time == "2024-04"


@pytest.mark.parametrize("sentence,text,time", [
    # a results statement's prior-year comparative in brackets is that year's, and lends its year to no other
    ("Adjusted operating profit for the year ended 31 December 2024 was £1,468 million (2023: £1,912 million).",
     "£1,468 million", "2024"),
    ("Adjusted operating profit for the year ended 31 December 2024 was £1,468 million (2023: £1,912 million).",
     "£1,912 million", "2023"),
    # and says the figure before it is for the year after
    ("Revenue increased by 9% to £1.4 billion (2023: £1.28 billion), with growth in defence.", "£1.4 billion", "2024"),
    # a change without a time of its own is for the time of the level it reached
    ("Revenue for the year decreased by 6% to £528.2m (2023: £561.9m).", "6%", "2024"),
    (("Provisional data indicate 80,391 drug overdose deaths during 2024, a decrease of 26.9% from the 110,037 "
      "deaths estimated in 2023."), "26.9%", "2024"),
    # a time in a clause of another figure's ("the ₹28,414 crore mopped up in October 2023") is that figure's
    (("Maharashtra's GST receipts stood at Rs 31,540 crore, 11% higher than the Rs 28,414 crore mopped up in "
      "October 2023."), "Rs 31,540 crore", None),
    # a quarter written as a code before its fiscal year, which the small model reads as a name
    ("Revenue from operations stood at ₹3,412 crore for Q3 FY26, up 6.2 per cent.", "₹3,412 crore",
     "2025-10/2026-06"),
    # a month in which a verb of reporting issued the figure itself dates the figure, not a report
    ("The Environment Agency issued 312 flood warnings across England in January.", "312", "2026-01"),
    ("In December 2023 the Environment Agency issued 312 flood warnings.", "312", "2023-12"),
    # unless what it counts has an event of its own: the naming is then the report's
    ("In February 2021, China named four soldiers who died in the confrontation.", "four", None),
    # a time that hangs from another figure is that figure's, though the parse climbs to the shared verb
    (("Officials said final turnout in the seven-phase 2024 assembly election stood at 61.3 per cent, slightly "
      "below the 63.9 per cent of 2019."), "61.3 per cent", "2024"),
    (("Officials said final turnout in the seven-phase 2024 assembly election stood at 61.3 per cent, slightly "
      "below the 63.9 per cent of 2019."), "63.9 per cent", "2019"),
    # a time on the clause's subject is the clause's, as one on its verb is
    ("Fourth quarter fiscal 2025 revenue was $2.4 billion, up 15% year over year.", "$2.4 billion",
     "2025-01/2025-09"),
    ("Full-year 2024 revenue rose 8% to $2.4 billion.", "$2.4 billion", "2024"),
])
def test_whose_time_a_time_phrase_is(sentence, text, time):
    assert figure(sentence, text, "2026-02-01").quantity.time == time


@pytest.mark.parametrize("text,actors,places", [
    ("91.06m", ("Julian Weber",), ("Germany",)),
    ("90.23m", ("Neeraj Chopra",), ("India",)),  # not the first entrant's, nor "NR" (a national record)
    ("85.64m", ("Anderson Peters",), ("Grenada",)),  # an Olympic code that is not ISO 3166's
])
def test_a_results_tables_entry_is_its_entrants(text, actors, places):
    line = ("Men's javelin throw — 1. Julian Weber (GER) 91.06m; 2. Neeraj Chopra (IND) 90.23m NR; "
            "3. Anderson Peters (GRN) 85.64m.")
    found = figure(line, text)
    assert (found.frame.actors, found.frame.places) == (actors, places)


@pytest.mark.parametrize("sentence,text,actors,places", [
    # a country the small model labels an organisation is a place
    ("An attack in Niger killed 20 soldiers on Tuesday.", "20", (), ("Niger",)),
    # a region named by its side of a country is a place like a province
    ("More than 700,000 people are displaced in South Kivu.", "More than 700,000", (), ("South Kivu",)),
    # a party named as a plural proper noun is whose; a storm's name is what happened, not whose
    ("The Liberal Democrats gained 163 council seats.", "163", ("Liberal Democrats",), ()),
    ("Storm Fenella brought gusts of 93mph to the coast.", "93mph", (), ()),
    ("Storm Corrie left around 240,000 homes without power across Wales.", "around 240,000", (), ("Wales",)),
    # a state or province is a place where the small model reads an organisation, a facility or a person,
    # but a person named like one who acts is a person
    ("At least 41 people died in Himachal Pradesh on Monday.", "At least 41", (), ("Himachal Pradesh",)),
    ("The ministry will deploy 156 helicopters along the Ladakh and Sikkim borders.", "156", (),
     ("Ladakh", "Sikkim")),
    ("About 1.48 crore families in Tamil Nadu are enrolled in the scheme.", "About 1.48 crore", (), ("Tamil Nadu",)),
    ("Nelson scored 40 runs.", "40", ("Nelson",), ()),
    # but a state of more than one word is no person, whatever it does
    ("Andhra Pradesh has reported 6,218 dengue cases this year.", "6,218", (), ("Andhra Pradesh",)),
    # a unit, a kind of share sale or a period the small model takes for a name is no one's
    ("Deccan Power Ltd raised ₹1,200 crore through a QIP on Monday.", "₹1,200 crore", ("Deccan Power Ltd",), ()),
    ("Infolane Technologies will set up 150 MW of capacity at a cost of about ₹8,500 crore.", "about ₹8,500 crore",
     ("Infolane Technologies",), ()),
    ("In Q3 FY26, volumes rose 6.2% to 8.1 million tonnes, Dakshin Cement said.", "FY26", (), ()),
    # a company's own board is no one's: the company is whose
    ("The Board of Directors of Northfield Semiconductor approved a buyback of up to $5 billion.", "up to $5 billion",
     ("Northfield Semiconductor",), ()),
    # a town written with its state, which the small model reads as a facility, is a place in that state
    ("The storm surge reached 9 feet in Cedar Key, Florida, on Thursday.", "9 feet", (), ("Cedar Key", "Florida")),
    # an institution named by an acronym and its city is an institution there, not the city
    ("AIIMS Delhi carried out 312 kidney transplants in 2024-25.", "312", ("AIIMS Delhi",), ("Delhi",)),
    # an agency named by its state is that state's
    ("The Oregon Health Authority has confirmed 148 measles cases since January.", "148",
     ("Oregon Health Authority",), ("Oregon",)),
    # an alliance that sets the scene is not whose the figure is; one that owns the measure is
    ("Some 2,300 troops will deploy to Estonia as part of NATO's forward presence.", "Some 2,300", (), ("Estonia",)),
    ("NATO's defence spending rose 11% in 2024.", "11%", ("NATO",), ()),
    ("Punjab Kings spent ₹26.75 crore at the IPL auction.", "₹26.75 crore", (), ()),  # not the IPL's
    ("Lalitpur district has reported 3,100 dengue cases so far in 2024.", "3,100", (), ("Lalitpur",)),
    # and so is each of a list of them
    ("Rain-related deaths in Kullu and Mandi districts stood at 41 on Monday.", "41", (), ("Kullu", "Mandi")),
    # a seat a by-election is held in is a place, not an organisation
    ("Labour won the Selby and Ainsty by-election with a majority of 4,312 votes.", "4,312", ("Labour",), ("Ainsty",)),
    # Britain's counties, under its nations in ISO 3166-2 (the small model calls this one a product)
    ("Officers confirmed that 620 residential properties in Monmouthshire were flooded.", "620", (),
     ("Monmouthshire",)),
    # a results table's country code (ISO 3166 or the IOC's) is a country, not an organisation
    ("2. Lin Cheng-hao (TPE) 84.02m; 3. Rafiq Ahmed (PAK) 83.70m.", "83.70m", ("Rafiq Ahmed",), ("Pakistan",)),
    # a storm's rating is no organisation; a place it passed through is where
    ("An EF-3 tornado with winds of 150 mph tore through Rowan County.", "150 mph", (), ("Rowan County",)),
    # an event's name is not whose either
    ("Karan Bhati won the Asian Athletics Championships with a throw of 87.21 m.", "87.21", ("Karan Bhati",), ()),
    ("Jasprit Bumrah took 32 wickets in the Border-Gavaskar Trophy.", "32", ("Jasprit Bumrah",), ()),
    ("Jannik Sinner won $3.6 million at the US Open.", "$3.6 million", ("Jannik Sinner",), ()),
    # a record's own "its" ("its lowest") does not make the reporter whose the figure is
    (("India's retail inflation eased to 3.16 per cent in April, its lowest in six years, the statistics "
      "ministry said."), "3.16 per cent", (), ("India",)),
    # "its" soldiers are the reporter's: the clause's own name is a person, its place the army's
    (("The Indian Army said 20 of its soldiers were killed, among them Colonel B. Santosh Babu, the "
      "commanding officer."), "20", ("B. Santosh Babu",), ("Indian",)),
    # a name the small model takes "the" into is still whose the figure is
    ("Turnout in the Kingsbridge Town Council elections was 38.5 per cent.", "38.5 per cent",
     ("Kingsbridge Town Council",), ()),
    # a name the small model stops at "of" goes on with the proper nouns after it
    ("The turnout in the election to the Legislative Assembly of Haryana was 67.9 per cent.", "67.9 per cent",
     ("Legislative Assembly of Haryana",), ()),
    # a place nearer the clause's date, or under "longer than 12 hours", is the count's too
    (("A total of 18,200 patients waited longer than 12 hours in emergency departments in Scotland during "
      "March 2026."), "18,200", (), ("Scotland",)),
    # a relative clause saying which people are counted is part of the count ...
    ("The number of patients who waited over a year for surgery in Wales fell to 9,800 in May.", "9,800",
     (), ("Wales",)),
    # ... but not one about someone else in the sentence
    ("The blaze, started by a farmer who burned stubble near Rampur on 2 May, has burned about 3,400 hectares.",
     "about 3,400 hectares", (), ()),
])
def test_whose_and_where(sentence, text, actors, places):
    frame = figure(sentence, text).frame
    assert (frame.actors, frame.places) == (actors, places)


@pytest.mark.parametrize("sentence,text,base", [
    # the time after "compared with the same period of" is the change's base, not its time
    (("A total of 4.1 million malaria cases were reported in the first six months of 2024, an increase of 23 "
      "percent compared with the same period of 2023."), "23 percent", "2023"),
    # so is "a year earlier" in a sentence of change
    ("Insurers paid out £573m in the first three months of 2024, 12 per cent less than a year earlier.",
     "12 per cent", "2023"),
    # and the time of the level a change is measured from
    ("Colombia recorded 142 landmine casualties in 2024, down 18 percent from 173 in 2023.", "18 percent", "2023"),
    ("The party polled 33.2 per cent of the votes, up 2.3 percentage points from 30.9 per cent in 2019.",
     "2.3 percentage points", "2019"),
    # a time "compared with" is the other side's: the profit is the quarter's, the loss the year before's
    (("Konkan Cements reported a standalone net profit of ₹318 crore for the June quarter, compared with a loss a "
      "year earlier, the company said on Monday."), "₹318 crore", "2023"),
])
def test_a_change_is_never_for_its_base_time(sentence, text, base):
    assert not (figure(sentence, text).quantity.time or "").startswith(base)


@pytest.mark.parametrize("sentence,level,level_time,compared,compared_time", [
    # the level a figure is compared with keeps its own time, and lends it to no other figure
    ("Payrolls edged up by 22,000 in August, and the jobless rate rose to 4.3%, compared with 4.2% in July.",
     "4.3%", "2023-08", "4.2%", "2023-07"),
    ("A total of 2,04,812 dengue cases were reported across the country in 2023, against 2,33,251 cases in 2022.",
     "2,04,812", "2023", "2,33,251", "2022"),
    ("Net profit for FY 2024-25 was ₹640.2 crore, compared with ₹588.9 crore in FY 2023-24.",
     "₹640.2 crore", "2024-04/2025-03", "₹588.9 crore", "2023-04/2024-03"),
    # the parse hangs the compared figure's time on the sentence's verb: the comparison still owns it
    (("Net income for the second quarter of 2023 was $412 million, or $1.38 per diluted share, compared with "
     "$367 million, or $1.21 per diluted share, for the second quarter of 2022."),
     "$412 million", "2023-04/2023-09", "$367 million", "2022-04/2022-09"),
])
def test_the_level_compared_with_is_a_baseline_of_its_own_time(sentence, level, level_time, compared,
                                                                compared_time):
    reached, before = figure(sentence, level, "2024-01-10"), figure(sentence, compared, "2024-01-10")
    assert (reached.quantity.time, reached.quantity.role) == (level_time, None)
    assert (before.quantity.time, before.quantity.role) == (compared_time, "baseline")


def test_a_figure_reported_in_a_year_is_of_that_year_but_a_report_date_is_no_figures_time():
    assert figure("Some 412 deaths were reported in 2023.", "Some 412", "2024-06-10").quantity.time == "2023"
    assert figure("Exports rose 5% to $20 billion, the ministry reported on 3 June.", "$20 billion",
                  "2024-06-10").quantity.time is None


@pytest.mark.parametrize("sentence,text", [
    ("Labour won the by-election with a majority of 11,176, the returning officer announced.", "11,176"),
    ("Joanna Penrose is duly elected with a majority of 3,948.", "3,948"),
])
def test_a_majority_of_a_number_is_a_winning_margin(sentence, text):
    assert figure(sentence, text).frame.measure == "majority"


def test_edged_down_is_down_whatever_the_parse():
    # the small model reads this "down" as an adverb, not as the verb's particle
    assert figure("The unemployment rate edged down to 4.1 percent in December.", "4.1 percent").quantity.direction \
        == "down"


def test_since_runs_from_then_to_the_report():
    sentence = "More than 9,000 people have fled their homes in the province since January, the agency said."
    assert figure(sentence, "More than 9,000", published="2024-07-04").quantity.time == "2024-01-01/2024-07-04"


def test_losing_by_a_margin_is_no_fall():
    claim = figure("Tom Hardy lost the governor's race to Elena Ruiz by 17,240 votes.", "17,240")
    assert (claim.quantity.direction, claim.quantity.role, claim.frame.measure) == (None, None, "margin")


def test_since_a_clause_runs_from_its_date_to_the_report():
    """"since the season began on 29 September": the clause's date is where the count starts, not its day."""
    sentence = "Montana has confirmed 27 measles cases since the outbreak began on 3 March, officials said."
    assert figure(sentence, "27", published="2025-06-20").quantity.time == "2025-03-03/2025-06-20"


def test_since_after_a_record_is_not_the_figures_time():
    sentence = "Turnout at the general election was 59.7 per cent, the lowest since 2001, the commission said."
    assert figure(sentence, "59.7 per cent", published="2024-07-06").quantity.time != "2001"


def test_states_and_provinces_are_known_with_their_countries():
    from workbench.nlp.names import countries_of, is_subdivision

    assert countries_of("Ladakh") == {"india"} and countries_of("Punjab") == {"india", "pakistan"}
    assert countries_of("Kentucky") == {"us"} and is_subdivision("Himachal Pradesh")
    # below the first level, and names of well-known companies, are left alone: Morocco's Tata, Nigeria's Delta
    assert not is_subdivision("Tata") and not is_subdivision("Delta") and not countries_of("Tata Motors")
    # Britain's counties are listed under its nations, by their English names ("Monmouthshire [Sir Fynwy]")
    assert countries_of("Monmouthshire") == countries_of("Bristol") == {"uk"}


def test_a_list_entry_is_the_place_written_before_its_figure():
    """A bulletin's "Kerala 17,426 cases; Maharashtra 19,034 cases": each count is its entry's state's."""
    assert figure("Dengue cases by state, 2023 (provisional). Kerala 17,426 cases; Maharashtra 19,034 cases.",
                  "17,426").frame.places == ("Kerala",)
