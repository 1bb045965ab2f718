"""Review: the queue, the current claim in context, its evidence side by side, and verdict keys.

A reviewer can work without the mouse: 1–5 give a verdict, save it and move on; j/k move through
the evidence and x picks a passage; n skips, p goes back, u undoes the last verdict, c jumps to
the note. Buttons call the library in callbacks, so a rerun always shows the state after the write.
"""
from __future__ import annotations

import streamlit as st

from workbench import review, team
from workbench.claims import KINDS, QUALIFIERS
from workbench.errors import WorkbenchError
from workbench.export.claimreview import claim_wording
from workbench.figures_text import KIND_LABELS, QUALIFIER_LABELS, decimals, row_figure_text
from workbench.match.engine import preselected
from workbench.match.figures import implied_text
from workbench.store import assignments, documents, reviews, signoffs
from workbench.store.reviews import QueueFilter
from workbench.ui import common
from workbench.ui.components import (
    RELATION_COLOURS,
    Mark,
    badge,
    escape,
    highlight,
    keyboard_shortcuts,
    md,
)

PAGE_SIZE = 25
#: The verdict a picked passage's relation points to, shown as a suggestion.
SUGGESTED = {"supports": "supported", "contradicts": "refuted"}
VERDICT_KEYS = {verdict: str(number) for number, verdict in enumerate(review.VERDICTS, start=1)}
SHORTCUTS = [("1 – 5", "Supported · Refuted · Misleading · Unverifiable · Not a claim — save and go to the next claim"),
             ("j / k", "next / previous evidence passage"), ("x", "pick or drop the evidence passage under the cursor"),
             ("n", "skip to the next claim"), ("p", "back to the previous claim"), ("u", "undo your last verdict"),
             ("c", "write a note"), ("Esc", "leave a text field (then keys work again)")]

common.setup("Review")
common.show_flash()
path = common.db_path()
state = st.session_state


# -- filters and queue -------------------------------------------------------------------------

#: Buttons per row: at 1280 px the claim's column is about 550 px wide, and a label with its key
#: ("Unverifiable [4]", "Next evidence [j]") needs a third of it (the browser test checks none is cut).
BUTTONS_PER_ROW = 3


def button_columns(count: int) -> list:
    """``count`` equal columns for buttons, in rows of at most :data:`BUTTONS_PER_ROW`."""
    columns = []
    for start in range(0, count, BUTTONS_PER_ROW):
        columns += st.columns(BUTTONS_PER_ROW)[:min(BUTTONS_PER_ROW, count - start)]
    return columns


#: Which claims the queue holds: assigned to the reviewer and awaiting them, nobody's, or every claim.
QUEUES = {"mine": "Assigned to me", "pool": "Open pool (assigned to nobody)", "all": "All claims",
          "second": "Second review (blind)"}


def queues() -> list[str]:
    """The queues this session may work from, its default first: with accounts, a reviewer has their own and
    (when the pool is open) the pool, an editor every claim too; without, every claim comes first."""
    if not common.accounts_required():
        return ["all", "mine", "pool", "second"]
    if common.allowed("editor"):
        return ["mine", "pool", "all", "second"]
    return ["mine", "pool", "second"] if common.read(path, team.open_pool) else ["mine", "second"]


def filters_from_state() -> QueueFilter:
    scope = state.get("f_queue", "all")
    return QueueFilter(
        status=state.get("f_status", "unreviewed"), kinds=tuple(state.get("f_kinds", ())),
        document_id=state.get("f_document"), reviewer=(state.get("f_reviewer") or "").strip() or None,
        min_checkworthiness=float(state.get("f_min_cw", 0.0)), text=state.get("f_text", ""),
        assignee=(common.reviewer() or "") if scope == "mine" else None, pool=scope == "pool",  # "": no one's
        second_for=(common.reviewer() or "") if scope == "second" else None)


def reset_position() -> None:
    state["position"] = 0
    state.pop("open_claim", None)


articles = common.read(path, documents.article_titles)
titles = {row["id"]: row["title"] or f"document {row['id']}" for row in articles}
offered_queues = queues()
if state.get("f_queue") not in offered_queues:
    state["f_queue"] = offered_queues[0]
st.radio("Queue", offered_queues, format_func=QUEUES.get, key="f_queue", on_change=reset_position, horizontal=True,
         help="Assigned to me: what an editor gave you that awaits your verdict, including claims sent back for "
              "correction.")
with st.expander("Filters", expanded=False):
    columns = st.columns(3)
    columns[0].selectbox("Status", review.STATUSES, key="f_status", on_change=reset_position,
                         format_func=lambda s: review.VERDICT_LABELS.get(s, s.capitalize()))
    columns[1].multiselect("Kind", [k for k in KINDS], key="f_kinds", on_change=reset_position)
    columns[2].selectbox("Document", [None] + list(titles), key="f_document", on_change=reset_position,
                         format_func=lambda d: "all documents" if d is None else titles[d])
    columns = st.columns(3)
    columns[0].text_input("Reviewed by", key="f_reviewer", on_change=reset_position)
    columns[1].slider("Minimum check-worthiness", 0.0, 1.0, 0.0, 0.05, key="f_min_cw", on_change=reset_position)
    columns[2].text_input("Text contains", key="f_text", on_change=reset_position)

filters = filters_from_state()
total = common.read(path, reviews.queue_count, filters)
if "goto_claim" in state:
    target = state.pop("goto_claim")
    found = reviews.queue_position(common.store(), filters, target) if target is not None else None
    if found is not None:
        state["position"] = found
position = min(state.get("position", 0), max(total - 1, 0))
state["position"] = position
offset = position // PAGE_SIZE * PAGE_SIZE
page = common.read(path, reviews.queue, filters, PAGE_SIZE, offset)
everything = common.read(path, reviews.queue_count, QueueFilter(status="all"))
reviewed = common.read(path, reviews.queue_count, QueueFilter(status="reviewed"))
st.progress(reviewed / everything if everything else 0.0,
            text=f"{reviewed} of {everything} claims reviewed · {total} in this queue")

if not page and "open_claim" not in state:
    st.info("Nothing assigned to you awaits a verdict." if everything and state["f_queue"] == "mine" else
            "No second review awaits you." if everything and state["f_queue"] == "second" else
            "No claims match these filters." if everything else
            "No claims yet: import articles (Import page or `workbench import`), or load the demo.")
    st.stop()


# -- actions (callbacks run before the rerun) ----------------------------------------------------

def current_claim() -> int:
    return state["current_claim"]


def chosen_evidence(claim_id: int, candidates: list[dict]) -> review.Evidence:
    offered = dict.fromkeys([c["passage_id"] for c in candidates] + common.attached_evidence(claim_id))
    picked = tuple(passage for passage in offered if state.get(f"ev_{claim_id}_{passage}"))  # and from Sources
    return review.Evidence(picked, state.get(f"quote_{claim_id}") or None, state.get(f"url_{claim_id}") or None)


def move_on(claim_id: int) -> None:
    """After a verdict or a skip: the claim that followed this one, wherever the queue now puts it."""
    if state.get("open_claim") == claim_id:
        state.pop("open_claim")
    state["goto_claim"] = state.get("following_claim")
    if state["goto_claim"] is None:
        state["position"] = state.get("position", 0) + 1


def decide(verdict: str) -> None:
    claim_id = current_claim()
    detail = common.read(path, reviews.claim_detail, claim_id)
    try:
        team.may_review(common.store(), claim_id, common.reviewer(), common.role())
        review.save_verdict(common.store(), claim_id, common.reviewer(), verdict,
                            state.get(f"note_{claim_id}"), chosen_evidence(claim_id, detail.candidates))
    except WorkbenchError as error:
        common.flash(f"Not saved: {error}", "⚠️")  # the claim and everything entered stay on screen
        return
    common.changed()
    common.flash(f"Claim {claim_id}: {review.VERDICT_LABELS[verdict]}")
    move_on(claim_id)
    state["decided_claim"] = claim_id  # Back returns to it, though the queue may no longer hold it


def skip() -> None:
    state.pop("decided_claim", None)
    move_on(current_claim())


def back() -> None:
    if "decided_claim" in state:
        state["open_claim"] = state.pop("decided_claim")
        return
    state.pop("open_claim", None)
    state["goto_claim"] = state.get("preceding_claim")
    if state["goto_claim"] is None:
        state["position"] = max(state.get("position", 0) - 1, 0)


def undo() -> None:
    try:
        undone = review.undo_last(common.store(), common.reviewer())
    except WorkbenchError as error:
        common.flash(str(error), "⚠️")
        return
    if undone is None:
        common.flash("Nothing of yours to undo.", "ℹ️")
        return
    common.changed()
    claim_id = state["open_claim"] = undone["claim_id"]
    state.pop("decided_claim", None)
    restore_entries(claim_id, undone["note"], review.Evidence.from_json(undone["evidence"]))
    restored = review.VERDICT_LABELS.get(undone["restored"], "unreviewed")
    common.flash(f"Undone: claim {undone['claim_id']} is {restored} again", "↩️")


def restore_entries(claim_id: int, note: str | None, evidence: review.Evidence) -> None:
    """Put back what the reviewer entered with a verdict: its note, its picked passages, its quote and URL."""
    state[f"note_{claim_id}"] = note or ""
    state[f"quote_{claim_id}"] = evidence.quote or ""
    state[f"url_{claim_id}"] = evidence.url or ""
    for candidate in common.read(path, reviews.claim_detail, claim_id).candidates:
        state[f"ev_{claim_id}_{candidate['passage_id']}"] = candidate["passage_id"] in evidence.passages


def move_cursor(step: int, count: int) -> None:
    state["cursor"] = (state.get("cursor", 0) + step) % max(count, 1)


def toggle_evidence(claim_id: int, candidates: list[dict]) -> None:
    if candidates:
        key = f"ev_{claim_id}_{candidates[state.get('cursor', 0) % len(candidates)]['passage_id']}"
        state[key] = not state.get(key, False)


def blank_to_none(value):
    return None if isinstance(value, str) and not value.strip() else value


def save_corrections(claim_id: int, original: dict) -> None:
    changes = {name: blank_to_none(state[f"fix_{name}_{claim_id}"]) for name in review.CORRECTABLE
               if f"fix_{name}_{claim_id}" in state}
    changes = {name: value for name, value in changes.items() if value != original.get(name)}
    try:
        count = review.correct(common.store(), claim_id, common.reviewer(), changes)
    except WorkbenchError as error:
        common.flash(f"Not saved: {error}", "⚠️")
        return
    common.changed()
    common.flash(f"{count} correction(s) saved for claim {claim_id}" if count else "Nothing changed", "✏️")


# -- the queue column ----------------------------------------------------------------------------

queue_column, claim_column = st.columns([1, 2.4], gap="large")
with queue_column:
    st.subheader("Queue")
    labels = {i: f"{offset + i + 1}. {row['quantity'] or 'statement'} — {common.shorten(row['sentence'], 70)}"
              for i, row in enumerate(page)}
    if page:
        pick_key = f"queue_pick_{offset}"
        state[pick_key] = position - offset  # the radio shows where the queue stands, whatever moved it

        def picked() -> None:
            state.pop("open_claim", None)
            state["position"] = offset + state[pick_key]

        st.radio("Claims", list(labels), format_func=lambda i: md(labels[i]), key=pick_key, on_change=picked,
                 label_visibility="collapsed")
    previous_page, next_page = st.columns(2)
    previous_page.button("◀ Page", key="page_prev", disabled=offset == 0, width="stretch",
                         on_click=lambda: state.update(position=max(offset - PAGE_SIZE, 0)))
    next_page.button("Page ▶", key="page_next", disabled=offset + PAGE_SIZE >= total, width="stretch",
                     on_click=lambda: state.update(position=offset + PAGE_SIZE))

claim_id = state.get("open_claim") or page[position - offset]["claim_id"]
if state.get("current_claim") != claim_id:
    state["cursor"] = 0
state["current_claim"] = claim_id
index_in_page = position - offset
state["following_claim"] = page[index_in_page + 1]["claim_id"] if index_in_page + 1 < len(page) else None
state["preceding_claim"] = page[index_in_page - 1]["claim_id"] if index_in_page > 0 else None
detail = common.read(path, reviews.claim_detail, claim_id)
claim = detail.claim


# -- the claim and its evidence ----------------------------------------------------------------------

def change_text(direction: str | None, role: str | None) -> str | None:
    """A figure's direction in words: "down (the change)", "up (the level reached)", "the level before"."""
    if role == "baseline":
        return "the level before"
    if direction is None:
        return None
    return f"{direction} ({'the change' if role == 'change' else 'the level reached'})"


def correction_kind(claim_id: int, claim: dict) -> str:
    """The kind chosen for the correction, outside the form: choosing it redraws the form with that kind's
    units at once (a form's own widgets only take effect when it is submitted)."""
    return st.selectbox("Kind", KINDS, index=KINDS.index(claim["kind"]), key=f"fix_kind_{claim_id}",
                        format_func=KIND_LABELS.get)


def correction_fields(claim_id: int, claim: dict, kind: str) -> None:
    """The reading's fields as the widgets that fit them: the qualifier chosen from its list, the unit from
    the units of the chosen ``kind`` (typed for a count's noun), numbers as numbers."""
    key = f"_{claim_id}"
    figure, frame = st.columns(2), st.columns(3)
    figure[0].selectbox("Qualifier", (None, *QUALIFIERS), key="fix_qualifier" + key,
                        index=(None, *QUALIFIERS).index(claim["qualifier"]) if claim["qualifier"] in QUALIFIERS else 0,
                        format_func=lambda q: QUALIFIER_LABELS.get(q, "none"))
    units = review.unit_choices(kind)
    if units is None:
        figure[1].text_input("Unit", value=claim["unit"] or "", key="fix_unit" + key,
                             placeholder="what is counted: soldiers, people, …")
    else:
        units = (*units, *([claim["unit"]] if claim["unit"] and claim["unit"] not in units else []))
        figure[1].selectbox("Unit", (None, *units), key="fix_unit" + key, format_func=lambda u: u or "none",
                            index=(None, *units).index(claim["unit"]) if claim["unit"] in units else 0)
    places = decimals(claim["value"] or 0.0, claim["step"])
    for column, name, label in ((frame[0], "value", "Value"), (frame[1], "value_max", "Up to (a range's top)")):
        column.number_input(label, value=claim[name], key=f"fix_{name}" + key, format=f"%.{places}f",
                            step=10.0 ** -places, placeholder="none")
    frame[2].checkbox("Hedged (a forecast, plan or possibility)", value=bool(claim["hedged"]), key="fix_hedged" + key)
    columns = st.columns(3)
    for number, name in enumerate(("subject", "predicate", "time", "attribution", "wording")):
        columns[number % 3].text_input(name.capitalize(), value=claim[name] or "", key=f"fix_{name}" + key,
                                       placeholder=claim_wording(claim) if name == "wording" else None)


#: A second reviewer sees neither the first verdict, nor its note or evidence, nor the history, until they decide.
blind = common.read(path, team.second_reviewer, claim_id, common.reviewer())
with claim_column:
    status = claim["status"]
    label = "Second review" if blind else review.VERDICT_LABELS.get(status, "Unreviewed")
    st.html(f"<div data-testid='wb-claim-header'>"
            f"{badge(label, '#5f6368' if blind or status == 'unreviewed' else '#1a73e8')}"
            f" &nbsp;<b>Claim {claim_id}</b> · {escape(claim['kind'])} · {escape(claim['document'])}"
            f"{' · manual' if claim['origin'] == 'manual' else ''}</div>")
    marks = []
    if claim["quantity_start"] is not None:
        start = claim["quantity_start"] - claim["sentence_start"]
        marks.append(Mark(start, start + len(claim["quantity"]), title="the figure"))
    context = "".join([f'<span class="wb-context">{escape(detail.before)} </span>' if detail.before else "",
                       highlight(claim["sentence"], marks),
                       f'<span class="wb-context"> {escape(detail.after)}</span>' if detail.after else ""])
    st.html(f'<div class="wb-text" data-testid="wb-claim-sentence">{context}</div>')
    assigned = common.read(path, assignments.assignment, claim_id)
    if blind:
        st.info("Second review: decide on your own; the first verdict, its note and evidence show once you have.")
    elif assigned and assigned["pending"] and assigned["state"] == "sent_back":
        st.warning(md(f"Sent back for correction by {assigned['assigned_by']}: {assigned['note']}"))
    elif assigned:
        st.caption(md(f"Assigned to {assigned['reviewer']} by {assigned['assigned_by']}"))

    reading = [("figure", row_figure_text(claim)), ("kind", KIND_LABELS.get(claim["kind"], claim["kind"])),
               ("subject", claim["subject"]), ("predicate", claim["predicate"]), ("measure", claim["measure"]),
               ("change", change_text(claim["direction"], claim["role"])),
               ("whose · where", ", ".join([*(claim["actors"] or []), *(claim["places"] or [])]) or None),
               ("time", claim["time"]),
               ("implied date", claim["implied"] and implied_text(claim["implied"], claim["implied_qualifier"],
                                                                  bool(claim["implied_start"]))),
               ("attribution", claim["attribution"]), ("hedged", "yes" if claim["hedged"] else "no"),
               ("check-worthiness", f"{claim['checkworthiness']:.2f}")]
    cells = "".join(f"<td><small>{escape(name)}</small><br>{escape('—' if value is None else value)}</td>"
                    for name, value in reading)
    st.html(f'<table data-testid="wb-reading"><tr>{cells}</tr></table>'
            + ("<small>corrected by a reviewer</small>" if claim["corrected"] else ""))

    with st.expander("Correct the reading"):
        chosen_kind = correction_kind(claim_id, claim)
        with st.form(f"correct_{claim_id}"):
            correction_fields(claim_id, claim, chosen_kind)
            st.form_submit_button("Save corrections", on_click=save_corrections, args=(claim_id, claim),
                                  disabled=common.reviewer() is None)

    st.subheader("Evidence")
    candidates = detail.candidates
    offered = {candidate["passage_id"] for candidate in candidates}
    attached = [passage for passage in common.read(path, documents.passages, tuple(common.attached_evidence(claim_id)))
                if passage["passage_id"] not in offered]
    for passage in attached:  # attached from a search on the Sources page: ticked, and can be unticked here
        pick, body = st.columns([0.08, 0.92])
        pick.checkbox("use", key=f"ev_{claim_id}_{passage['passage_id']}", label_visibility="collapsed")
        body.html(f'<div class="wb-passage"><b>{escape(passage["source"] or "")}</b> · attached from Sources<br>'
                  f'{escape(passage["text"])}</div>')
    cursor = state.get("cursor", 0) % len(candidates) if candidates else 0
    if not candidates:
        st.caption("No candidate evidence: import sources (Sources page) and they are matched automatically.")
    for number, candidate in enumerate(candidates):
        key = f"ev_{claim_id}_{candidate['passage_id']}"
        if key not in state:
            state[key] = preselected(candidate["relation"], candidate["score"])
        figure_marks = [Mark(f["start"] - candidate["passage_start"], f["end"] - candidate["passage_start"])
                        for f in candidate["figures"] or []]
        pick, body = st.columns([0.08, 0.92])
        pick.checkbox("use", key=key, label_visibility="collapsed")
        css = "wb-passage wb-cursor" if number == cursor else "wb-passage"
        body.html(
            f'<div class="{css}" style="border-left-color:{RELATION_COLOURS[candidate["relation"]]}">'
            f'{badge(candidate["relation"], RELATION_COLOURS[candidate["relation"]])} '
            f'<b>{escape(candidate["source"])}</b> · score {candidate["score"]:.2f}'
            f'{" · preselected" if preselected(candidate["relation"], candidate["score"]) else ""}<br>'
            f'{highlight(candidate["passage"], figure_marks)}<br><small>{escape(candidate["why"])}</small></div>')
    with st.expander("Evidence from elsewhere: a quote and its URL"):
        st.text_area("Quote", key=f"quote_{claim_id}", height=68)
        st.text_input("URL", key=f"url_{claim_id}", placeholder="https://...")
    st.text_area("Note", key=f"note_{claim_id}", height=68, placeholder="optional — press c to write, Esc to leave")

    if common.reviewer() is None:
        st.warning("Enter your name under **Reviewer** in the sidebar before the first verdict.")
    st.caption("Verdict: saves it with the evidence ticked above and the note, then moves to the next claim.")
    picked = {candidate["relation"] for candidate in candidates if state.get(f"ev_{claim_id}_{candidate['passage_id']}")}
    suggested = [review.VERDICT_LABELS[verdict] for relation, verdict in SUGGESTED.items() if relation in picked]
    if suggested:
        st.caption(md(f"The picked evidence suggests: {' or '.join(suggested)}"))
    verdict_columns = button_columns(len(review.VERDICTS))
    for column, verdict in zip(verdict_columns, review.VERDICTS):  # all alike: none is chosen for the reviewer
        column.button(f"{review.VERDICT_LABELS[verdict]} [{VERDICT_KEYS[verdict]}]", key=f"verdict_{verdict}",
                      on_click=decide, args=(verdict,), disabled=common.reviewer() is None, width="stretch")
    actions = button_columns(6)
    actions[0].button("Skip [n]", key="skip", on_click=skip, width="stretch")
    actions[1].button("Back [p]", key="back", on_click=back, width="stretch")
    actions[2].button("Undo last [u]", key="undo", on_click=undo, disabled=common.reviewer() is None,
                      width="stretch")
    actions[3].button("Next evidence [j]", key="cursor_next", on_click=move_cursor, args=(1, len(candidates)),
                      width="stretch")
    actions[4].button("Prev evidence [k]", key="cursor_prev", on_click=move_cursor, args=(-1, len(candidates)),
                      width="stretch")
    actions[5].button("Pick evidence [x]", key="toggle_evidence", on_click=toggle_evidence,
                      args=(claim_id, candidates), width="stretch")

    assigned_history = [] if blind else common.read(path, assignments.assignment_history, claim_id)
    signed_history = [] if blind else common.read(path, signoffs.signoff_history, claim_id)
    with st.expander("History: shown once you have decided" if blind else
                     f"History ({len(detail.history)} verdicts, {len(detail.corrections)} corrections, "
                     f"{len(assigned_history)} assignments, {len(signed_history)} sign-offs and second reviews)"):
        for entry in [] if blind else detail.history:
            verdict = review.VERDICT_LABELS.get(entry["verdict"], "unreviewed")
            what = f"undo → {verdict}" if entry["action"] == "undo" else verdict
            st.html(f"<div>{escape(entry['created_at'].strftime('%Y-%m-%d %H:%M'))} · <b>{escape(entry['reviewer'])}</b>"
                    f" · {escape(what)}{' · ' + escape(entry['note']) if entry['note'] else ''}</div>")
        for entry in [] if blind else detail.corrections:
            st.html(f"<div>{escape(entry['created_at'].strftime('%Y-%m-%d %H:%M'))} · <b>{escape(entry['reviewer'])}</b>"
                    f" · {escape(entry['field'])}: {escape(entry['old_value'])} → {escape(entry['new_value'])}</div>")
        for entry in assigned_history:
            what = "sent back to" if entry["state"] == "sent_back" else "assigned to"
            st.html(f"<div>{escape(entry['assigned_at'].strftime('%Y-%m-%d %H:%M'))} · "
                    f"<b>{escape(entry['assigned_by'])}</b> · {what} {escape(entry['reviewer'])}"
                    f"{' · ' + escape(entry['note']) if entry['note'] else ''}</div>")
        for entry in signed_history:
            verdict = f" · {review.VERDICT_LABELS[entry['verdict']]}" if entry["verdict"] else ""
            st.html(f"<div>{escape(entry['created_at'].strftime('%Y-%m-%d %H:%M'))} · <b>{escape(entry['editor'])}</b>"
                    f" · {escape(entry['action'])}{escape(verdict)}</div>")

    with st.expander("Keyboard shortcuts"):
        st.html("<table>" + "".join(f"<tr><td><kbd>{escape(keys)}</kbd></td><td>{escape(what)}</td></tr>"
                                    for keys, what in SHORTCUTS) + "</table>")

bindings = {key: f"verdict_{verdict}" for verdict, key in VERDICT_KEYS.items()}
bindings.update({"n": "skip", "p": "back", "u": "undo", "j": "cursor_next", "k": "cursor_prev",
                 "x": "toggle_evidence", "c": f"focus:note_{claim_id}"})
keyboard_shortcuts(bindings)
