"""The project fact sheet's top: the stage as a visual tracker and the key facts as a panel.

Both are drawn with ``st.html`` from texts escaped here (``html.escape``): a project's own words
are never read as HTML.
"""

from __future__ import annotations

from html import escape

import streamlit as st

STYLE = """<style>
.sheet-top { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; margin: 0 0 0.5rem; font-size: 0.85rem; }
.sheet-top .chip { color: #fff; border-radius: 1rem; padding: 0.1rem 0.7rem; font-weight: 600; }
.sheet-top .code { color: #52606d; font-variant-numeric: tabular-nums; }
ol.tracker { list-style: none; display: flex; margin: 0.25rem 0 1rem; padding: 0; counter-reset: stage; }
ol.tracker li { flex: 1 1 0; position: relative; text-align: center; font-size: 0.85rem; line-height: 1.25;
  color: #52606d; padding: 0 0.25rem; min-width: 0; overflow-wrap: anywhere; }
ol.tracker li::before { content: ""; position: absolute; top: 0.8rem; left: -50%; width: 100%; height: 3px;
  background: #d5dbe1; z-index: 0; }
ol.tracker li:first-child::before { display: none; }
ol.tracker li.done::before, ol.tracker li.current::before { background: #0f766e; }
ol.tracker .dot { position: relative; z-index: 1; display: flex; align-items: center; justify-content: center;
  width: 1.6rem; height: 1.6rem; margin: 0 auto 0.3rem; border-radius: 50%; background: #fff;
  border: 3px solid #d5dbe1; font-weight: 700; font-size: 0.8rem; color: #52606d; }
ol.tracker li.done .dot { background: #0f766e; border-color: #0f766e; color: #fff; }
ol.tracker li.current .dot { border-color: #0f766e; color: #0f766e; box-shadow: 0 0 0 4px rgba(15, 118, 110, 0.18); }
ol.tracker li.current { color: #1f2933; font-weight: 700; }
dl.keyfacts { display: grid; grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr)); gap: 0.9rem 1.25rem; margin: 0;
  padding: 1rem 1.1rem; border: 1px solid #d5dbe1; border-radius: 0.5rem; background: #f0f7f5; }
dl.keyfacts div { min-width: 0; }
dl.keyfacts dt { font-size: 0.75rem; text-transform: uppercase; letter-spacing: 0.03em; color: #52606d; }
dl.keyfacts dd { margin: 0.1rem 0 0; font-size: 1.05rem; font-weight: 600; color: #1f2933; overflow-wrap: anywhere; }
dl.keyfacts dd.first { font-size: 1.35rem; color: #0f766e; }
dl.keyfacts .detail { display: block; font-size: 0.8rem; font-weight: 400; color: #52606d; }
p.tracker-now { display: none; margin: 0 0 1rem; text-align: center; font-weight: 700; color: #0f766e; }
@media (max-width: 640px) { dl.keyfacts { grid-template-columns: 1fr 1fr; padding: 0.75rem; gap: 0.6rem 0.75rem; }
  /* five names do not fit a phone's width whole: the dots stay, only the current stage is named
     (under its dot, kept inside the screen); the others stay for screen readers */
  ol.tracker { margin-bottom: 0.2rem; }
  ol.tracker li .name { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  p.tracker-now { display: block; } }
@media print { ol.tracker li.done .dot { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
</style>"""


def sheet_top(category: str, colour: str, code: str) -> str:
    return (
        f'<div class="sheet-top"><span class="chip" style="background:{escape(colour)}">{escape(category)}</span>'
        f'<span class="code">{escape(code)}</span></div>'
    )


def tracker(stages: list[tuple[str, str]], label: str) -> str:
    """The stages as steps joined by a line: done ones ticked, the current one ringed."""
    items = []
    for number, (name, state) in enumerate(stages, start=1):
        mark = "✓" if state == "done" else str(number)
        current = ' aria-current="step"' if state == "current" else ""
        items.append(
            f'<li class="{escape(state)}"{current}><span class="dot" aria-hidden="true">{mark}</span><span class="name">{escape(name)}</span></li>'
        )
    now = next((name for name, state in stages if state == "current"), "")
    # on a phone the names do not fit under five dots: the current one is written under them instead
    shown = f'<p class="tracker-now" aria-hidden="true">{escape(now)}</p>' if now else ""
    return f'<ol class="tracker" aria-label="{escape(label)}">{"".join(items)}</ol>{shown}'


def key_facts(facts: list[tuple[str, str, str]], label: str) -> str:
    """The key facts as a panel of label, value and a smaller detail line."""
    cells = []
    for index, (name, value, detail) in enumerate(facts):
        extra = f'<span class="detail">{escape(detail)}</span>' if detail else ""
        first = ' class="first"' if index == 0 else ""
        cells.append(f"<div><dt>{escape(name)}</dt><dd{first}>{escape(value)}{extra}</dd></div>")
    return f'<dl class="keyfacts" aria-label="{escape(label)}">{"".join(cells)}</dl>'


def draw_top(
    category: str, colour: str, code: str, stages: list[tuple[str, str]], facts, labels: tuple[str, str]
) -> None:
    """The chip and code, the tracker and the key facts panel, as one element."""
    st.html(STYLE + sheet_top(category, colour, code) + tracker(stages, labels[0]) + key_facts(facts, labels[1]))
