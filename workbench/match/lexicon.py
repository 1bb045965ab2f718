"""Words news copy uses for one measure or one event, so that a claim and a source can say it differently.

Each group is one canonical word and the words (and their common inflections) that stand for it when
comparing what two figures measure: "revenue" and "sales", "jobs" and "positions", "sent" and "deployed".
Multi-word names are rewritten first to one name ("profit after tax" → "net profit", "gross domestic
product" → "gdp", "goods and services tax" → "gst").

The groups are deliberately narrow: two words share a group only when a fact-checker would accept one
for the other about the same figure. Words that are merely related (exports and imports, displaced and
evacuated, revenue and profit) are kept apart, because a wrong match here is what turns a figure about
something else into a false contradiction.
"""
from __future__ import annotations

import re

GROUPS = """
soldier: soldier soldiers troop troops trooper troopers serviceman servicemen personnel jawan jawans
person: person persons people individual individuals resident residents citizen citizens inhabitant inhabitants
  villager villagers population
death: death deaths fatality fatalities casualty casualties dead die died dies dying kill killed killing
  killings toll life lives perish perished slain victim victims neutralise neutralised neutralize neutralized
injure: injure injured injuries injury wound wounded hurt
employee: employee employees worker workers staff job jobs position positions post posts role roles headcount
  employment payroll payrolls
ballot: ballot ballots vote votes
turnout: turnout polling participation cast
margin: margin majority
seat: seat seats councillor councillors ward wards constituency constituencies
revenue: revenue revenues sale sales turnover topline takings
profit: profit profits earnings earning income incomes pat earn earned
spend: spend spending spent expenditure expenditures outlay outlays invest invested investment investments
  capex commit committed commitment allocate allocated allocation earmark earmarked
borrowing: borrowing borrowings
payout: payout payouts pay paid
fee: fee fees price prices
attendance: attendance attendances crowd crowds spectator spectators fan fans
passenger: passenger passengers traveller travellers traveler travelers flyer flyers
case: case cases infection infections patient patients
unemployment: unemployment jobless unemployed
economy: economy gdp gva output
deploy: deploy deployed deployment send sent dispatch dispatched station stationed join joined
evacuate: evacuate evacuated evacuation evacuations shift shifted relocate relocated move moved
displace: displace displaced displacement flee fled uproot uprooted drive driven force forced
launch: launch launched fire fired attack attacked
intercept: intercept intercepted downed destroy destroyed
sell: sell sold buy bought purchase purchased acquire acquired dispatches deliver delivered delivery hand handed
  deliveries
sign: sign signed agree agreed deal contract
win: win won take took secure secured bag bagged receive received capture captured elect elected retain retained
open: open opened opening inaugurate inaugurated debut debuted host hosted stage staged
approve: approve approved sanction sanctioned clear cleared
cut: cut cuts reduce reduced reduction lower lowered trim trimmed slash slashed
occur: occur occurred occurs happen happened happens strike struck hit
suspend: suspend suspended suspension halt halted stop stopped freeze froze frozen pause paused
raise: raise raised collect collected receipt receipts mobilise mobilised mobilize mobilized
house: house houses home homes dwelling dwellings property properties
militant: militant militants terrorist terrorists insurgent insurgents
maoist: maoist maoists naxal naxals naxalite naxalites
vehicle: vehicle vehicles car cars unit units automobile automobiles
aircraft: aircraft plane planes jet jets
child: child children kid kids
give: give gives gave given giving provide provides provided providing grant grants granted donate donated
  pledge pledged
aid: aid assistance support
student: student students pupil pupils
voter: voter voters elector electors
collapse: collapse collapsed fail failed breach breached burst
prize: prize prizes reward rewards purse
influenza: influenza flu
burn: burn burned burnt burning scorch scorched char charred
drone: drone drones uav uavs
""".strip()

#: Multi-word names rewritten to one before words are compared.
PHRASES = {
    "profit after tax": "net profit", "net income": "net profit", "net earnings": "net profit",
    "profit before tax": "pretax profit", "pre-tax profit": "pretax profit",
    "gross domestic product": "gdp", "gross value added": "gva", "jobless rate": "unemployment rate",
    "consumer price index": "cpi", "consumer prices": "cpi", "retail inflation": "cpi inflation",
    # the US "all items index" (a measure is read without its determiner: "items index")
    "all items index": "cpi", "all-items index": "cpi", "items index": "cpi",
    "incomplete pathways": "waiting list",  # the NHS's own name for its waiting list
    "nonfarm payroll employment": "jobs", "nonfarm payrolls": "jobs", "non-farm payrolls": "jobs",
    "goods and services tax": "gst", "index of industrial production": "iip", "industrial production": "iip",
    "industrial output": "iip", "voter turnout": "turnout", "polling percentage": "turnout",
    "death toll": "deaths", "lost their lives": "died", "lost his life": "died", "lost her life": "died",
    "forced from their homes": "displaced", "forced to flee": "displaced", "shot down": "downed",
    "revenue from operations": "revenue", "gst collections": "gst revenue", "gst collection": "gst revenue",
    "tax collections": "tax revenue", "tax collection": "tax revenue",
    "goods and services deficit": "trade deficit", "goods and services trade deficit": "trade deficit",
    "privately-owned housing starts": "housing starts", "privately owned housing starts": "housing starts",
    "public sector net borrowing": "government borrowing", "public sector borrowing": "government borrowing",
    "came into force": "took effect", "come into force": "take effect", "comes into force": "takes effect",
    "came into effect": "took effect", "come into effect": "take effect", "cessation of hostilities": "ceasefire",
    "per cent": "percent", "year-on-year": "yoy", "year on year": "yoy", "month-on-month": "mom",
    "month on month": "mom", "quarter-on-quarter": "qoq", "quarter on quarter": "qoq",
    # sales of the shops open a year earlier: the UK's like-for-like, the US's same-store or comparable sales
    "like-for-like": "lfl", "like for like": "lfl", "same-store": "lfl", "same store": "lfl",
    "comparable-store": "lfl", "comparable store": "lfl", "comparable sales": "lfl sales",
}
#: Pairs of sides that name two measures of one thing: a figure said of one side ("retail inflation", "urban
#: unemployment") is no evidence about the other ("the Wholesale Price Index", "rural"), however alike the rest.
CONTRASTS = """
retail cpi consumer | wholesale wpi producer ppi
urban | rural
domestic | foreign international overseas
public | private
inflow inflows | outflow outflows
gross | net
nominal | real
""".strip()


def groups() -> dict[str, str]:
    """Word → its group's canonical word."""
    mapping: dict[str, str] = {}
    for block in re.split(r"\n(?=\S)", GROUPS):
        canonical, _, words = block.partition(":")
        for word in words.split():
            mapping[word] = canonical.strip()
    return mapping


# Matched against lowercased text, without IGNORECASE: case-blind alternation is eight times slower in
# Python's re (160 against 20 µs for a passage), and matching rewrites every passage it reranks.
_PHRASE = re.compile("|".join(re.escape(phrase) for phrase in sorted(PHRASES, key=len, reverse=True)))
#: The last word of every phrase: a text that uses none of them has nothing to rewrite (checked first, cheaply).
_LAST_WORDS = frozenset(phrase.split()[-1].split("-")[-1] for phrase in PHRASES)
_LETTERS = re.compile(r"[a-z]+")


def rewrite(text: str) -> str:
    """The text lowercased, with its multi-word names rewritten to one ("profit after tax" → "net profit")."""
    text = text.lower()
    if _LAST_WORDS.isdisjoint(_LETTERS.findall(text)):
        return text
    text, rewritten = _PHRASE.subn(_canonical, text)
    if rewritten:  # again: one name's rewriting can complete another ("goods and services tax collections" →
        text = _PHRASE.sub(_canonical, text)  # "gst collections" → "gst revenue")
    return text


def _canonical(match: re.Match) -> str:
    return PHRASES[match.group(0)]
