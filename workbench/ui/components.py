"""Rendering pieces for the review UI: escaped text, highlighted figures, keyboard shortcuts.

Every piece of document or user text goes through :func:`md` (for anything Streamlit reads as
Markdown: markdown, captions, labels) or :func:`escape` (for our own HTML): an article containing
``<script>`` or ``![x](http://...)`` shows as the characters it contains, and loads nothing. Our own
markup is only ever wrapped around text that has already been escaped.
"""
from __future__ import annotations

import html
import json
import string
from dataclasses import dataclass

import streamlit as st

_MARKDOWN_SPECIAL = set(string.punctuation)
STATUS_COLOURS = {"unreviewed": "#e8eaf0", "supported": "#c8ecd0", "refuted": "#f7c9c9", "misleading": "#fbe3b5",
                  "unverifiable": "#dcd6f5", "not_a_claim": "#d9d9d9"}
RELATION_COLOURS = {"supports": "#1b7a3a", "contradicts": "#b3261e", "related": "#5f6368"}

CSS = """
<style>
.wb-text { line-height: 1.7; font-size: 1.05rem; }
.wb-context { color: #5f6368; }
.wb-figure { background: #ffe08a; border-radius: 3px; padding: 0 2px; font-weight: 600; }
.wb-passage { border-left: 4px solid #ccc; padding: 0.3rem 0.7rem; margin: 0.2rem 0 0.4rem 0; }
.wb-cursor { outline: 2px solid #1a73e8; border-radius: 4px; }
.wb-badge { border-radius: 10px; padding: 1px 8px; color: white; font-size: 0.8rem; }
.wb-claim { border-radius: 3px; padding: 0 2px; }
.wb-legend span { margin-right: 0.6rem; padding: 1px 6px; border-radius: 3px; }
</style>
"""


def escape(text: object) -> str:
    """Text made safe to place inside our HTML."""
    return html.escape("" if text is None else str(text), quote=True)


def md(text: object) -> str:
    """Text made safe for anything Streamlit renders as Markdown: every ASCII punctuation mark is
    backslash-escaped (no links, images, emphasis, LaTeX ``$`` or ``:colour[...]`` directives), and
    HTML characters are entities."""
    out = []
    for ch in "" if text is None else str(text):
        if ch in "<>&":
            out.append(html.escape(ch))
        elif ch in _MARKDOWN_SPECIAL:
            out.append("\\" + ch)
        elif ch == "\n":
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


@dataclass(frozen=True)
class Mark:
    """A span of a text to wrap: [start, end) with a CSS class, a style and a tooltip."""

    start: int
    end: int
    css: str = "wb-figure"
    style: str = ""
    title: str = ""


def highlight(text: str, marks: list[Mark]) -> str:
    """``text`` as escaped HTML with the marked spans wrapped; overlapping marks after the first are dropped."""
    pieces, position = [], 0
    for mark in sorted(marks, key=lambda m: (m.start, -m.end)):
        if mark.start < position or mark.start >= mark.end or mark.end > len(text):
            continue
        pieces.append(escape(text[position:mark.start]))
        style = f' style="{escape(mark.style)}"' if mark.style else ""
        title = f' title="{escape(mark.title)}"' if mark.title else ""
        pieces.append(f'<span class="{mark.css}"{style}{title}>{escape(text[mark.start:mark.end])}</span>')
        position = mark.end
    pieces.append(escape(text[position:]))
    return "".join(pieces)


def badge(label: str, colour: str) -> str:
    return f'<span class="wb-badge" style="background:{escape(colour)}">{escape(label)}</span>'


# -- keyboard ---------------------------------------------------------------------------------

# Runs in the page itself (not in the helper iframe, whose script realm dies when Streamlit replaces it).
_PAGE_JS = """
window.__wbShortcuts = %(bindings)s;
if (!window.__wbShortcutListener) {
  window.__wbShortcutListener = function (e) {
    const target = e.target;
    const typing = target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" ||
                              target.tagName === "SELECT" || target.isContentEditable);
    if (typing) {
      if (e.key === "Escape") { target.blur(); e.preventDefault(); }
      return;  // letters and digits belong to the field being typed in
    }
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
    const action = window.__wbShortcuts[key];
    if (!action) return;
    e.preventDefault();
    if (action.startsWith("focus:")) {
      const name = action.slice(6);
      const field = document.querySelector(".st-key-" + name + " textarea, .st-key-" + name + " input");
      if (field) field.focus();
      return;
    }
    // During a rerun Streamlit may still show the previous run's copy (marked data-stale): skip it.
    const buttons = document.querySelectorAll(".st-key-" + action + " button");
    const live = Array.from(buttons).find((b) => !b.disabled && !b.closest('[data-stale="true"]'));
    if (live) live.click();
  };
  document.addEventListener("keydown", window.__wbShortcutListener);
}
"""
_INJECT_JS = """
<script>
const script = window.parent.document.createElement("script");
script.textContent = %(code)s;
window.parent.document.head.appendChild(script);
script.remove();
</script>
"""


def keyboard_shortcuts(bindings: dict[str, str]) -> None:
    """Bind single keys to buttons (by widget key) or to focusing a field (``"focus:<key>"``).

    Keys do nothing while the reviewer types in a text field; Escape leaves the field.
    The script carries only our own key map, never document text.
    """
    code = _PAGE_JS % {"bindings": json.dumps(bindings)}
    st.iframe(_INJECT_JS % {"code": json.dumps(code)}, height=1, width=1)
