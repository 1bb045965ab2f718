"""A deterministic generator of synthetic news articles for the benchmarks.

The articles look like wire copy: one sentence per line, a headline, a publication date, and a
mix of sentences across six desks (economy, elections, disasters, sport, health, science). Most
sentences carry a figure written the many ways news writes them (counts in digits and in words,
money with symbols, scale suffixes and Indian units, percentages, durations, dates, measures,
ratios, ranks), often with an attribution or a hedge; a good share carry no figure at all. The
word pools are large enough that no two articles are alike and the parser meets varied text.

Article ``i`` depends only on ``(seed, i)``, so ``generate_articles(100)`` is a prefix of
``generate_articles(2000)`` for the same seed.

    from bench.corpus import generate_articles, write_jsonl
    articles = generate_articles(2000, words_per_article=500, seed=0)
    write_jsonl(articles, "corpus.jsonl")

Run as a script to write a corpus: ``.venv/bin/python bench/corpus.py --articles 200 out.jsonl``.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
from collections.abc import Callable
from pathlib import Path

# -- word pools --------------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    return text.split()


FIRST_NAMES = _words("""
James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William Barbara Richard Susan Joseph
Jessica Thomas Sarah Charles Karen Daniel Nancy Matthew Lisa Anthony Betty Mark Margaret Donald Sandra Steven
Ashley Paul Kimberly Andrew Emily Joshua Donna Kenneth Michelle Kevin Carol Brian Amanda George Melissa
Timothy Deborah Ronald Stephanie Edward Rebecca Jason Sharon Jeffrey Laura Ryan Cynthia Jacob Kathleen Gary
Amy Nicholas Angela Eric Shirley Jonathan Anna Stephen Brenda Larry Pamela Justin Emma Scott Nicole Brandon
Helen Benjamin Samantha Samuel Katherine Gregory Christine Alexander Debra Patrick Rachel Frank Carolyn
Raymond Janet Jack Maria Dennis Olivia Priya Rahul Anjali Vikram Sunita Arjun Meera Ravi Kavita Sanjay
Ahmed Fatima Omar Aisha Yusuf Leila Hassan Noor Mehmet Elif Kenji Yuki Hiroshi Aiko Wei Mei Jian Li
Chen Xiu Olga Dmitri Ivan Natalia Sergei Anastasia Pierre Camille Luc Amelie Hans Greta Klaus Ingrid
Lars Astrid Sven Freya Diego Lucia Carlos Sofia Mateo Valentina Joao Beatriz Kwame Ama Chidi Ngozi Tendai
Thandiwe Samir Rania Karim Yasmin Tomasz Agnieszka Piotr Zofia Andrei Ioana Nikos Eleni Marco Giulia
""")

SURNAMES = _words("""
Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez Wilson
Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark Ramirez Lewis
Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill Flores Green Adams Nelson Baker Hall
Rivera Campbell Mitchell Carter Roberts Sharma Patel Gupta Singh Kumar Reddy Iyer Menon Banerjee Chatterjee
Khan Hussain Rahman Chowdhury Malik Qureshi Yilmaz Kaya Demir Tanaka Suzuki Watanabe Takahashi Yamamoto
Wang Zhang Liu Chen Yang Huang Zhao Wu Zhou Ivanov Petrov Smirnov Volkov Kuznetsov Dubois Lefebvre Moreau
Laurent Girard Muller Schmidt Schneider Fischer Weber Becker Johansson Andersson Nilsson Larsen Hansen
Rossi Russo Ferrari Esposito Bianchi Romano Silva Santos Oliveira Souza Pereira Costa Okafor Mensah Boateng
Adeyemi Mwangi Otieno Dlamini Nkosi Haddad Nasser Farouk Kowalski Nowak Wisniewski Popescu Ionescu
Papadopoulos Georgiou Novak Horvat Kovacs Nagy Fernandez Alvarez Castillo Morales Ortiz Gutierrez
""")

CITIES = _words("""
London Paris Berlin Madrid Rome Lisbon Dublin Warsaw Prague Vienna Budapest Athens Istanbul Cairo Lagos
Nairobi Johannesburg Accra Addis\u00a0Ababa Casablanca Dubai Riyadh Doha Tehran Karachi Lahore Delhi Mumbai
Kolkata Chennai Bengaluru Hyderabad Dhaka Colombo Kathmandu Bangkok Hanoi Jakarta Manila Singapore Seoul
Tokyo Osaka Beijing Shanghai Shenzhen Taipei Sydney Melbourne Auckland Toronto Vancouver Montreal Chicago
Houston Phoenix Denver Seattle Boston Atlanta Miami Dallas Detroit Philadelphia Baltimore Minneapolis
Mexico\u00a0City Bogota Lima Santiago Quito Caracas Havana Kingston Brasilia Recife Montevideo Kyiv Kharkiv
Odesa Minsk Vilnius Riga Tallinn Helsinki Oslo Stockholm Copenhagen Amsterdam Brussels Zurich Geneva Milan
Naples Marseille Lyon Barcelona Valencia Seville Porto Glasgow Manchester Birmingham Leeds Cardiff Belfast
Kabul Baghdad Beirut Amman Damascus Khartoum Kinshasa Kampala Dakar Harare Lusaka Maputo Luanda Tunis
""".replace("\u00a0", "_"))

COUNTRIES = _words("""
France Germany Spain Italy Portugal Ireland Poland Greece Turkey Egypt Nigeria Kenya Ghana Ethiopia Morocco
Algeria Tunisia Sudan Uganda Tanzania Zambia Zimbabwe Mozambique Angola Senegal Iran Iraq Syria Jordan
Lebanon Israel Pakistan India Bangladesh Nepal Bhutan Thailand Vietnam Indonesia Malaysia Japan China
Australia Canada Mexico Brazil Argentina Chile Peru Colombia Venezuela Ecuador Bolivia Uruguay Paraguay
Ukraine Belarus Lithuania Latvia Estonia Finland Norway Sweden Denmark Netherlands Belgium Switzerland
Austria Hungary Romania Bulgaria Serbia Croatia Slovenia Slovakia Czechia Iceland Cuba Jamaica Haiti
""")

ORGANISATIONS = [
    "the World Bank", "the International Monetary Fund", "the European Commission", "the United Nations",
    "the World Health Organization", "the Red Cross", "Oxfam", "Amnesty International", "Human Rights Watch",
    "the Federal Reserve", "the European Central Bank", "the Bank of England", "the Reserve Bank of India",
    "the central bank", "the finance ministry", "the health ministry", "the interior ministry",
    "the election commission", "the electoral board", "the national statistics office",
    "the meteorological department", "the disaster management agency", "the civil defence agency",
    "the football association", "the Olympic committee", "the national academy of sciences",
    "the space agency", "the environment agency", "the chamber of commerce", "the trade union federation",
    "the opposition alliance", "the ruling party", "the coalition government", "the state government",
    "the city council", "the transport authority", "the port authority", "the energy regulator",
    "the competition watchdog", "the audit office", "the university hospital", "the research institute",
    "Medecins Sans Frontieres", "the African Union", "the Asian Development Bank", "NATO", "the OECD",
    "the International Energy Agency", "the Food and Agriculture Organization", "UNICEF", "the WTO",
]
AGENCIES = ["Reuters", "the Associated Press", "AFP", "Bloomberg", "the BBC", "Al Jazeera", "Xinhua",
            "the Press Trust of India", "Kyodo", "Yonhap", "dpa", "EFE", "ANSA", "Anadolu", "Interfax",
            "the Financial Times", "the Guardian", "local media", "state television", "the state news agency"]
COMPANIES = _words("""
Meridian Northwind Vantage Helios Orion Atlas Zenith Sterling Pinnacle Cascade Apex Horizon Summit Keystone
Redwood Bluewater Ironbridge Silverline Crestview Harbourside Lakeshore Evergreen Goldfield Starling
Brightwater Oakridge Falcon Granite Solaris Nimbus Aurora Polaris Titan Quantum Vertex Nexus Equinox
""")
COMPANY_SUFFIXES = ["Holdings", "Group", "Energy", "Motors", "Telecom", "Airlines", "Bank", "Steel",
                    "Pharmaceuticals", "Logistics", "Foods", "Mining", "Insurance", "Retail", "Systems"]
ROLES = ["the finance minister", "the prime minister", "the president", "the health minister", "the mayor",
         "the governor", "a senior official", "the chief executive", "the central bank governor",
         "a government spokesperson", "the police chief", "a hospital director", "the head coach",
         "the team captain", "a senior economist", "the lead researcher", "an opposition leader",
         "the election commissioner", "a United Nations envoy", "the fire chief", "a local councillor",
         "the defence minister", "the interior minister", "the company's chairman", "a union leader"]
TEAMS = ["United", "City", "Rovers", "Athletic", "Wanderers", "Albion", "Rangers", "Dynamo", "Sporting",
         "Olympic", "Real", "Inter", "Lions", "Tigers", "Eagles", "Sharks", "Warriors", "Titans"]
SPORTS = ["league", "cup", "championship", "tournament", "series", "grand prix", "open", "marathon"]
DISEASES = ["measles", "cholera", "dengue", "influenza", "malaria", "tuberculosis", "mpox", "diphtheria",
            "hepatitis", "typhoid", "polio", "Covid-19", "yellow fever", "meningitis"]
DISASTERS = ["flood", "earthquake", "cyclone", "wildfire", "landslide", "heatwave", "drought", "storm",
             "typhoon", "hurricane", "avalanche", "tsunami", "blizzard", "mudslide"]
SCIENCE_TOPICS = ["glacier", "coral reef", "exoplanet", "vaccine candidate", "gene therapy", "battery cell",
                  "fusion reactor", "telescope", "ice sheet", "fossil", "asteroid", "rainforest",
                  "solar panel",
                  "quantum processor", "drought-resistant wheat", "deep-sea vent", "migratory bird"]
ECON_NOUNS = ["inflation", "unemployment", "growth", "exports", "imports", "the trade deficit",
              "fuel prices", "food prices", "interest rates", "the budget deficit", "public debt",
              "retail sales", "industrial output", "house prices", "wages", "foreign investment",
              "tax revenue", "consumer spending", "the jobless rate", "remittances"]
ADJECTIVES = ["sharp", "modest", "steady", "unexpected", "significant", "gradual", "dramatic", "slight",
              "sustained", "record", "surprising", "marked", "rapid", "cautious", "broad", "uneven"]
COUNTED = {
    "people": ["people", "residents", "villagers", "families", "households", "passengers", "workers",
               "students", "pilgrims", "migrants", "refugees", "commuters", "tourists", "children"],
    "casualties": ["people", "soldiers", "civilians", "militants", "police officers", "firefighters",
                   "rescue workers", "fishermen", "miners", "patients"],
    "voters": ["voters", "polling stations", "candidates", "seats", "constituencies", "ballots",
               "observers", "districts", "delegates", "supporters"],
    "things": ["homes", "houses", "schools", "hospitals", "bridges", "vehicles", "flights", "trains",
               "shops", "factories", "farms", "wells", "clinics", "buildings", "boats", "trees"],
    "health": ["cases", "deaths", "patients", "infections", "hospital admissions", "doses", "vaccinations",
               "tests", "nurses", "doctors", "beds", "clinics"],
    "science": ["species", "samples", "galaxies", "genes", "participants", "volunteers", "satellites",
                "sensors", "stars", "cells", "mice", "trials", "papers", "sites"],
    "sport": ["goals", "points", "matches", "wins", "fans", "spectators", "runs", "medals", "titles",
              "appearances", "tickets", "laps"],
}
NO_FIGURE_SUBJECTS = ["The government", "The opposition", "Residents", "Critics", "Analysts", "Officials",
                      "Investors", "Doctors", "Scientists", "Campaigners", "Local leaders", "Aid groups",
                      "The company", "The ministry", "The coach", "Fans", "Farmers", "Teachers", "Voters",
                      "Business owners", "Diplomats", "Police", "Engineers", "Economists", "Researchers"]
NO_FIGURE_VERBS = ["welcomed", "criticised", "questioned", "rejected", "defended", "praised", "condemned",
                   "cautiously welcomed", "dismissed", "called for a review of", "raised concerns about",
                   "demanded clarity on", "voiced support for", "pushed back against", "sought details of"]
NO_FIGURE_OBJECTS = ["the decision", "the announcement", "the new rules", "the proposal", "the plan",
                     "the findings", "the ruling", "the verdict", "the reforms", "the report", "the deal",
                     "the measures", "the appointment", "the timetable", "the changes", "the agreement",
                     "the investigation", "the strategy", "the move", "the policy"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

_ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
         "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_ORDINALS = ["", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
             "tenth",
             "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth"]


def number_words(n: int) -> str:
    """0 ≤ n < 1,000,000 in words: 42000 → 'forty-two thousand'."""
    if n < 20:
        return _ONES[n]
    if n < 100:
        return _TENS[n // 10] + ("-" + _ONES[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        return _ONES[n // 100] + " hundred" + (" and " + number_words(rest) if rest else "")
    rest = n % 1000
    return number_words(n // 1000) + " thousand" + (" " + number_words(rest) if rest else "")


def _grouped(n: int) -> str:
    return f"{n:,}"


# -- figure writers ----------------------------------------------------------------------------

class Writer:
    """Fills one article's templates from a seeded random generator."""

    def __init__(self, rng: random.Random, published: dt.date):
        self.r = rng
        self.published = published

    def pick(self, seq):
        return self.r.choice(seq)

    # names
    def person(self) -> str:
        return f"{self.pick(FIRST_NAMES)} {self.pick(SURNAMES)}"

    def city(self) -> str:
        return self.pick(CITIES).replace("_", " ")

    def country(self) -> str:
        return self.pick(COUNTRIES)

    def org(self) -> str:
        return self.pick(ORGANISATIONS)

    def company(self) -> str:
        return f"{self.pick(COMPANIES)} {self.pick(COMPANY_SUFFIXES)}"

    def team(self) -> str:
        return f"{self.city()} {self.pick(TEAMS)}"

    def speaker(self) -> str:
        r = self.r.random()
        if r < 0.35:
            return f"{self.pick(ROLES)}, {self.person()},"
        if r < 0.6:
            return self.person()
        if r < 0.8:
            return self.org()
        return self.pick(["officials", "police", "witnesses", "organisers", "analysts", "aid workers"])

    # figures
    def small(self, lo: int = 2, hi: int = 60) -> str:
        n = self.r.randint(lo, hi)
        return number_words(n) if n < 10 or self.r.random() < 0.25 else str(n)

    def count(self, pool: str = "people") -> str:
        noun = self.pick(COUNTED[pool])
        style = self.r.random()
        if style < 0.25:
            n = self.r.randint(2, 900)
            text = str(n) if n >= 10 else number_words(n)
        elif style < 0.45:
            text = _grouped(self.r.randint(1_000, 250_000))
        elif style < 0.6:
            text = number_words(self.r.choice([self.r.randint(2, 99), self.r.randint(2, 99) * 1000,
                                               self.r.randint(1, 9) * 100]))
        elif style < 0.75:
            text = f"{self.r.randint(1, 99) / 10:g} million" if self.r.random() < 0.7 else \
                f"{self.r.randint(2, 40)} lakh"
        elif style < 0.85:
            lo = self.r.randint(5, 300)
            return f"between {lo} and {lo + self.r.randint(5, 200)} {noun}"
        elif style < 0.92:
            return f"{self.pick(['dozens', 'hundreds', 'thousands', 'tens of thousands'])} of {noun}"
        else:
            text = f"a {self.pick(['dozen', 'hundred', 'thousand'])}"
        qualifier = self.pick(["", "", "", "at least ", "more than ", "nearly ", "about ", "some ", "over ",
                               "up to ", "fewer than ", "an estimated ", "as many as ", "almost "])
        return f"{qualifier}{text} {noun}"

    def money(self) -> str:
        r = self.r.random()
        amount = self.r.choice([self.r.randint(1, 99) / 10, self.r.randint(2, 950)])
        a = f"{amount:g}"
        if r < 0.2:
            return f"${a}{self.pick(['bn', 'm'])}"
        if r < 0.35:
            return f"${a} {self.pick(['million', 'billion', 'trillion'])}"
        if r < 0.45:
            return f"Rs {self.r.randint(2, 9000):,} {self.pick(['crore', 'lakh', 'crore rupees'])}"
        if r < 0.55:
            return f"\u20ac{a} {self.pick(['million', 'billion'])}"
        if r < 0.63:
            return f"\u00a3{a}{self.pick(['m', 'bn'])}"
        if r < 0.7:
            return f"${self.r.randint(10, 999) * 1000:,}"
        if r < 0.78:
            currency = self.pick(["yuan", "rupees", "euros", "dollars", "pounds", "yen", "naira"])
            return f"{a} billion {currency}"
        if r < 0.85:
            return f"US${a} {self.pick(['million', 'billion'])}"
        if r < 0.92:
            return f"{number_words(self.r.randint(2, 90))} million dollars"
        return f"{self.r.randint(2, 500)} million {self.pick(['Kenyan shillings', 'Swiss francs', 'rand'])}"

    def percent(self) -> str:
        v = self.r.choice([self.r.randint(1, 99), self.r.randint(1, 250) / 10])
        r = self.r.random()
        if r < 0.5:
            return f"{v:g}%"
        if r < 0.75:
            return f"{v:g} per cent"
        if r < 0.88:
            return f"{v:g} percent"
        if r < 0.95:
            return f"{self.r.randint(1, 40) / 10:g} percentage points"
        return f"{number_words(self.r.randint(2, 90))} percent"

    def duration(self) -> str:
        r = self.r.random()
        unit = self.pick(["years", "months", "weeks", "days", "hours", "decades"])
        if r < 0.3:
            qualifier = self.pick(["over ", "more than ", "nearly ", "almost ", ""])
            return f"for {qualifier}{self.small(2, 40)} {unit}"
        if r < 0.5:
            gap = self.pick(["hiatus", "ban", "absence", "freeze", "gap", "lull"])
            return f"a {number_words(self.r.randint(2, 15))}-{unit[:-1]} {gap}"
        if r < 0.65:
            return f"within {self.small(2, 72)} {unit}"
        if r < 0.8:
            return f"for the first time in {self.small(3, 50)} years"
        if r < 0.9:
            return f"{self.small(2, 30)} {unit} ago"
        return f"over the past {self.small(2, 20)} {unit}"

    def date(self) -> str:
        year = self.r.randint(1990, self.published.year)
        r = self.r.random()
        if r < 0.35:
            return f"in {self.pick(MONTHS)} {year}"
        if r < 0.55:
            return f"on {self.r.randint(1, 28)} {self.pick(MONTHS)} {year}"
        if r < 0.7:
            return f"on {self.pick(MONTHS)} {self.r.randint(1, 28)}, {year}"
        if r < 0.82:
            return f"{self.pick(['since', 'in', 'by the end of', 'before'])} {year}"
        if r < 0.9:
            return f"in the {self.r.choice([1960, 1970, 1980, 1990])}s"
        return self.pick(["last year", "this month", "last month", "this year", "on " + self.pick(WEEKDAYS)])

    def measure(self) -> str:
        r = self.r.random()
        if r < 0.15:
            return f"{self.r.randint(2, 400)} km"
        if r < 0.25:
            return f"minus {self.r.randint(2, 40)} degrees Celsius"
        if r < 0.35:
            return f"{self.r.randint(25, 51)} degrees Celsius"
        if r < 0.45:
            return f"{self.r.randint(20, 600)} mm of rain"
        if r < 0.55:
            return f"{self.r.randint(2, 90) * 100:,} metres"
        if r < 0.65:
            return f"{self.r.randint(2, 900):,} tonnes"
        if r < 0.75:
            return f"{self.r.randint(2, 90000):,} hectares"
        if r < 0.85:
            return f"{self.r.randint(2, 300)} kilometres"
        if r < 0.92:
            return f"{self.r.randint(2, 120)} miles"
        return f"{self.r.randint(2, 900)} square kilometres"

    def ratio(self) -> str:
        r = self.r.random()
        if r < 0.25:
            return self.pick(["double", "twice", "triple", "half"])
        if r < 0.55:
            return f"{self.pick(['three', 'four', 'five', 'ten', '2.5'])} times as many"
        if r < 0.8:
            return f"one in {self.pick(['three', 'four', 'five', 'ten', 'six'])}"
        return f"{self.pick(['two-thirds', 'a third', 'a quarter', 'three out of four'])}"

    def rank(self) -> str:
        n = self.r.randint(2, 12)
        noun = self.pick(["title", "place", "consecutive win", "term", "straight victory", "medal",
                          "championship", "position"])
        return f"{_ORDINALS[n]} {noun}"

    def magnitude(self) -> str:
        return f"{self.r.randint(40, 89) / 10:g}-magnitude"

    # glue
    def attribution(self) -> str:
        r = self.r.random()
        if r < 0.3:
            return f", according to {self.pick(AGENCIES + ORGANISATIONS)}"
        if r < 0.55:
            who = self.pick(["officials", "police", "the ministry", "organisers", "a spokesperson"])
            return f", {who} said"
        if r < 0.7:
            return f", {self.person()} told {self.pick(AGENCIES)}"
        if r < 0.8:
            return f", {self.pick(AGENCIES)} reported"
        return ""

    def hedge(self) -> str:
        return self.pick(["is expected to", "is set to", "could", "is likely to", "may", "plans to",
                          "is projected to", "reportedly will", "is due to", "aims to"])


# -- templates ---------------------------------------------------------------------------------
# Each template is a format string; {name} calls Writer.name(), {name:arg} calls Writer.name(arg).

ECONOMY = [
    "{country} said {econ} rose {percent} in {month}, the fastest pace {duration}{attr}.",
    "{org} cut its growth forecast for {country} to {percent} from {percent}{attr}.",
    "The central bank raised its key rate by {percent} to {percent} {date}.",
    "{company} reported a net profit of {money} for the quarter, up {percent} on a year earlier.",
    "{company} {hedge} cut {jobs} jobs over the next {small} months{attr}.",
    "The government unveiled a stimulus package worth {money} to support {count:things} and small firms.",
    "Exports to {country} fell to {money} {date}, {ratio} the level of the previous year.",
    "{company} agreed to buy a stake in {company} for {money}{attr}.",
    "The budget allocates {money} to rural roads and {money} to health{attr}.",
    "{econ} has stayed above {percent} {durfor}, the longest run since records began.",
    "Fuel prices in {city} climbed {percent} {date}, pushing {count:people} into hardship.",
    "The {adj} rise in {econ} caught many economists off guard.",
    "{org} {hedge} lend {country} {money} over {small} years.",
    "Shares of {company} jumped {percent} after the results, their best day {durfor}.",
    "{country}'s economy grew {percent} in the {ordq} quarter, {ratio} the rate analysts had forecast.",
    "Unemployment in {city} stands at {percent}, with {count:people} out of work{attr}.",
    "The port handled {measure:t} of cargo last year, making it the country's {rank}.",
    "Debt repayments will cost {money} this year, about {percent} of revenue.",
    "A new factory near {city} {hedge} employ {count:people} once it opens {date}.",
    "{person}, chief economist at {company}, said the figures showed a {adj} recovery.",
]
ELECTIONS = [
    "More than {count:voters} are registered to vote in {country}'s election {date}{attr}.",
    "Turnout reached {percent}, the highest {duration}{attr}.",
    "The ruling party won {small} of the {small:100:550} seats in parliament.",
    "{person} took {percent} of the vote in {city}, well ahead of {person}.",
    "Polls suggest the opposition {hedge} win {ratio} seats it held before.",
    "{person} is seeking a {rank} after {duration} in office.",
    "Counting at {count:voters} was delayed by heavy rain{attr}.",
    "The election commission deployed {count:people} officials and {count:things} for the vote.",
    "Campaign spending topped {money}, {ratio} the amount spent {date}{attr}.",
    "{person} returned to politics after {duration} away from public life.",
    "Observers from {org} said the vote was largely peaceful.",
    "{person} conceded defeat late on {weekday} and congratulated {person}.",
    "The coalition {hedge} name a new cabinet within {small:2:20} days.",
    "About {percent} of first-time voters backed the new party{attr}.",
    "Voters in {city} queued for hours outside polling stations.",
]
DISASTER = [
    "At least {count:casualties} were killed when a {disaster} struck {city} {date}{attr}.",
    "A {magnitude} earthquake hit near {city} at a depth of {measure:km}{attr}.",
    "The {disaster} destroyed {count:things} and displaced {count:people}{attr}.",
    "Temperatures fell to {measure:cold} overnight, the coldest in {small:5:60} years.",
    "Rescue teams pulled {count:people} from the rubble in {city}{attr}.",
    "The fire burned across {measure:ha} before crews contained it.",
    "{org} appealed for {money} to help {count:people} affected by the {disaster}.",
    "Rivers rose {measure:m} above danger level and {measure:rain} fell {duration}.",
    "The death toll {hedge} rise as crews reach remote villages{attr}.",
    "Roads linking {city} and {city} remain closed after the {disaster}.",
    "Survivors described scenes of chaos as the {disaster} swept through.",
    "{count:things} were left without power, {ratio} the number reported on {weekday}.",
    "Authorities evacuated {count:people} living within {measure:km} of the coast.",
    "It was the region's worst {disaster} {duration}{attr}.",
    "Winds of up to {small:80:260} km per hour tore roofs off {count:things}.",
]
SPORT = [
    "{team} won their {rank} with a {score} victory over {team}.",
    "{person} scored {small:2:5} goals as {team} beat {team} in front of {count:sport}.",
    "{person} returned after a {number}-year hiatus to claim the {rank} of her career.",
    "The {sport} final drew {count:sport}, {ratio} last year's crowd{attr}.",
    "{person} finished {ordinal} in the {measure:metres} race in {city}.",
    "The club paid {money} to sign {person} from {team}{attr}.",
    "{team} have not lost at home {duration}.",
    "{person} {hedge} miss the rest of the season with a knee injury.",
    "{team} sacked their coach after a run of {small:4:12} defeats.",
    "The stadium in {city}, which holds {count:sport}, was sold out.",
    "{person} has won {small:2:30} titles {date}.",
    "{person} said the team would take the positives from the draw.",
    "The {sport} was halted for {small:10:90} minutes because of heavy rain.",
    "It was {team}'s first {sport} title in {small:10:60} years.",
    "Ticket prices rose {percent} this season{attr}.",
]
HEALTH = [
    "{org} reported {count:health} of {disease} in {country} {date}{attr}.",
    "Cases of {disease} rose {percent} in the week to {weekday}, {ratio} the previous week.",
    "The vaccination campaign {hedge} reach {count:people} by the end of {month}.",
    "Hospitals in {city} are treating {count:health}, with {count:health} in intensive care.",
    "{org} said {ratio} children in the region are not fully vaccinated.",
    "The health ministry set aside {money} for new clinics{attr}.",
    "The outbreak of {disease} is the largest {duration}{attr}.",
    "Doctors in {city} warned that waiting lists had grown {ratio} since {year}.",
    "A trial of {count:science} found the drug cut the risk of death by {percent}.",
    "{person}, a nurse in {city}, said staff were exhausted.",
    "The new hospital has {count:health} and cost {money} to build.",
    "Life expectancy in {country} rose to {small:55:85} years, up {small:2:9} years {duration}.",
    "Officials urged residents to boil drinking water until further notice.",
    "The {disease} vaccine must be stored at {measure:cold}.",
    "Spending on health reached {percent} of GDP {date}{attr}.",
]
SCIENCE = [
    "Researchers tracked {count:science} over {duration:plain} to study the {topic}.",
    "The {topic} has shrunk by {percent} {duration}, the study found.",
    "The telescope spotted a planet {small:4:900} light years away, about {ratio} the size of Earth.",
    "{org} {hedge} launch a satellite to monitor the {topic} {date}.",
    "The team drilled {measure:metres} into the ice near {city}.",
    "The {topic} project received {money} in funding{attr}.",
    "Average temperatures in the region have risen {measure:warm} {duration}.",
    "Scientists at {org} said the results were promising but needed to be confirmed.",
    "The study, published in {journal}, involved {count:science} from {small:3:40} countries.",
    "{person}, who led the research, said the {topic} was changing faster than expected.",
    "The fossil is {small:2:500} million years old, making it the {rank}.",
    "Sea levels near {city} rose {measure:mm} {duration}{attr}.",
    "The experiment ran for {small:10:400} days at {measure:cold}.",
    "The {topic} covers {measure:ha}, {ratio} its size in {year}.",
    "The researchers plan to publish their full data later this year.",
]
NO_FIGURE = [
    "{subject} {noverb} {noobject}.",
    "{subject} {noverb} {noobject}, saying it went too far.",
    "{person} said the {nothing} would be reviewed.",
    "\"We will not give up,\" {person} said.",
    "\"This is a difficult moment for everyone,\" {speaker} said.",
    "The announcement came after weeks of speculation.",
    "It was not immediately clear who would lead the {nothing}.",
    "{subject} in {city} {noverb} {noobject} on {weekday}.",
    "The talks in {city} ended without agreement.",
    "{person} declined to comment on the {nothing}.",
    "Details of the {nothing} have not been made public.",
    "The move is widely seen as a test of the government's resolve.",
    "Critics say the {nothing} favours large companies over small ones.",
    "{speaker} said the situation was under control.",
    "Many residents said they had received no warning.",
    "The meeting in {city} was described as constructive.",
    "The ministry did not respond to a request for comment.",
    "{subject} have long argued that the system needs reform.",
    "{person} is expected to visit {city} next week.",
    "The {nothing} {hedge} be debated in parliament.",
    "Questions remain over how the {nothing} will be funded.",
    "{subject} said they would study the {nothing} carefully.",
    "A spokesperson for {org} said the claims were false.",
    "The decision drew sharp criticism from {org}.",
    "{person} told reporters in {city} that talks would continue.",
]
DOMAINS = {"economy": ECONOMY, "elections": ELECTIONS, "disasters": DISASTER, "sport": SPORT,
           "health": HEALTH, "science": SCIENCE}
HEADLINES = {
    "economy": ["{country} {econ} hits {percent}", "{company} profit jumps on strong demand",
                "{org} warns of slowdown in {country}", "Central bank in {country} raises rates"],
    "elections": ["{person} claims victory in {country} vote", "Turnout high as {country} votes",
                  "Opposition gains ground in {city}", "{country} election too close to call"],
    "disasters": ["{disaster} kills dozens in {city}", "Thousands flee {disaster} near {city}",
                  "Rescuers race to reach {disaster} survivors",
                  "{country} hit by worst {disaster} in decades"],
    "sport": ["{team} win {rank}", "{person} returns in style", "{team} sack coach after defeats",
              "Record crowd for {sport} final in {city}"],
    "health": ["{disease} cases rise in {country}", "{country} launches {disease} vaccine drive",
               "Hospitals in {city} under strain", "New drug cuts {disease} deaths, trial finds"],
    "science": ["{topic} shrinking faster than thought", "Scientists find new {topic} near {city}",
                "{org} to launch {topic} mission", "Study tracks {topic} over decades"],
}
JOURNALS = ["Nature", "Science", "The Lancet", "Cell", "PNAS", "Nature Climate Change", "BMJ",
            "the New England Journal of Medicine", "Geophysical Research Letters"]
NOTHINGS = ["plan", "proposal", "inquiry", "deal", "bill", "reform", "programme", "investigation", "report",
            "strategy", "agreement", "scheme", "review"]

_SLOT = re.compile(r"\{(\w+)(?::([\w.]+))?(?::(\w+))?\}")


def _filler(w: Writer) -> dict[str, Callable[..., str]]:
    r = w.r
    measures = {
        "km": lambda: f"{r.randint(2, 90)} km", "cold": lambda: f"minus {r.randint(2, 80)} degrees Celsius",
        "warm": lambda: f"{r.randint(2, 30) / 10:g} degrees Celsius",
        "ha": lambda: f"{r.randint(2, 90000):,} hectares",
        "m": lambda: f"{r.randint(1, 9)} metres", "rain": lambda: f"{r.randint(20, 600)} mm of rain",
        "metres": lambda: f"{r.choice([100, 200, 400, 800, 1500, 5000, 10000]):,} metres",
        "mm": lambda: f"{r.randint(2, 300)} mm", "t": lambda: f"{r.randint(2, 90)} million tonnes",
    }
    return {
        "person": w.person, "city": w.city, "country": w.country, "org": w.org, "company": w.company,
        "team": w.team, "speaker": w.speaker, "count": w.count, "money": w.money, "percent": w.percent,
        "duration": lambda arg=None: (f"{w.small(2, 40)} {w.pick(['years', 'months', 'weeks'])}"
                                      if arg == "plain" else w.duration()),
        "date": w.date, "ratio": w.ratio, "rank": w.rank, "magnitude": w.magnitude,
        "measure": lambda arg=None: measures[arg]() if arg in measures else w.measure(),
        "attr": w.attribution, "hedge": w.hedge,
        "small": lambda lo=None, hi=None: (w.small(int(lo), int(hi)) if hi else
                                           w.small(2, int(lo)) if lo else w.small()),
        "number": lambda: number_words(r.randint(2, 12)),
        "jobs": lambda: w.pick([str(r.randint(20, 900)), f"{r.randint(1, 40) * 500:,}",
                                number_words(r.randint(2, 90) * 100), f"about {r.randint(2, 30)},000"]),
        "durfor": lambda: f"{w.pick(['for', 'in', 'in more than', 'in nearly'])} {w.small(2, 40)} "
                          f"{w.pick(['years', 'months', 'weeks', 'decades'])}",
        "score": lambda: f"{r.randint(1, 6)}-{r.randint(0, 3)}",
        "ordinal": lambda: w.pick(_ORDINALS[2:]),
        "ordq": lambda: w.pick(["first", "second", "third", "fourth"]),
        "month": lambda: w.pick(MONTHS), "weekday": lambda: w.pick(WEEKDAYS),
        "year": lambda: str(r.randint(1980, w.published.year)),
        "econ": lambda: w.pick(ECON_NOUNS), "adj": lambda: w.pick(ADJECTIVES),
        "disaster": lambda: w.pick(DISASTERS), "disease": lambda: w.pick(DISEASES),
        "topic": lambda: w.pick(SCIENCE_TOPICS), "sport": lambda: w.pick(SPORTS),
        "journal": lambda: w.pick(JOURNALS), "nothing": lambda: w.pick(NOTHINGS),
        "subject": lambda: w.pick(NO_FIGURE_SUBJECTS), "noverb": lambda: w.pick(NO_FIGURE_VERBS),
        "noobject": lambda: w.pick(NO_FIGURE_OBJECTS),
    }


def _fill(template: str, fill: dict[str, Callable[..., str]]) -> str:
    def slot(match: re.Match) -> str:
        args = [a for a in match.groups()[1:] if a]
        return fill[match.group(1)](*args)

    text = _SLOT.sub(slot, template)
    text = re.sub(r"\s+([,.])", r"\1", text)
    return text[:1].upper() + text[1:]


def _article(seed: int, index: int, words_per_article: int) -> dict:
    rng = random.Random(f"claim-workbench-bench:{seed}:{index}")
    published = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(10 * 365))
    writer = Writer(rng, published)
    fill = _filler(writer)
    domain = rng.choice(list(DOMAINS))
    others = [d for d in DOMAINS if d != domain]
    title = _fill(rng.choice(HEADLINES[domain]), fill)
    lines: list[str] = []
    words = 0
    dateline = f"{writer.city().upper()}, {published.strftime('%B')} {published.day} -"
    while words < words_per_article:
        roll = rng.random()
        if roll < 0.3:
            template = rng.choice(NO_FIGURE)
        elif roll < 0.85:
            template = rng.choice(DOMAINS[domain])
        else:
            template = rng.choice(DOMAINS[rng.choice(others)])
        sentence = _fill(template, fill)
        if not lines:
            sentence = f"{dateline} {sentence}"
        lines.append(sentence)
        words += len(sentence.split())
    return {"title": title, "published": published.isoformat(), "text": "\n".join(lines)}


def generate_articles(n: int, words_per_article: int = 500, seed: int = 0) -> list[dict]:
    """``n`` synthetic news articles of about ``words_per_article`` words: title, published, text."""
    return [_article(seed, i, words_per_article) for i in range(n)]


def write_jsonl(articles: list[dict], path: str | Path) -> None:
    """One JSON object per line (the format ``workbench import`` reads)."""
    with open(path, "w", encoding="utf-8") as out:
        out.writelines(json.dumps(article, ensure_ascii=False) + "\n" for article in articles)


def word_count(articles: list[dict]) -> int:
    return sum(len(a["text"].split()) for a in articles)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("output", help="the .jsonl file to write")
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--words", type=int, default=500, help="words per article (approximate)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    generated = generate_articles(args.articles, args.words, args.seed)
    write_jsonl(generated, args.output)
    print(f"wrote {len(generated)} articles, {word_count(generated):,} words, to {args.output}")
