"""The browse page's result cards as one element (a Streamlit v2 component), not four per card.

Every Streamlit element costs the server on every run (issue 14): twenty cards drawn as a
container, a text, a page link and a shortlist button each were 80 of the page's ~120 messages.
Here the cards travel as data (texts in pieces, matched words marked) and the browser draws them
with ``textContent`` only, so no project text is ever read as HTML or Markdown. "Open" is a real
link (a new tab or a copied address work as links do); a plain click stays in the app and goes to
the project page with the session kept; the shortlist toggle is a real button.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

import streamlit as st

from app_pages._state import SHORTLIST_LIMIT, global_params, link, page_file, shortlist, toggle_shortlist
from catalogue.projects.views import ResultCard
from catalogue.text import format_number, t

_HTML = '<div class="cards" role="list"></div><nav class="pager" hidden></nav><p class="pager-caption" hidden></p>'

STYLE = """
.cards { scroll-margin-top: 7rem; display: flex; flex-direction: column; gap: 1rem; font-family: var(--st-font, "Source Sans", sans-serif);
  color: var(--st-text-color, #1f2933); }
.card { border: 1px solid var(--st-border-color, rgba(49, 51, 63, 0.2)); border-radius: var(--st-base-radius, 0.5rem);
  border-top: 0.3rem solid var(--cat, #0f766e);
  padding: 0.85rem 1rem; overflow: hidden; overflow-wrap: anywhere; }  /* a 300-letter word wraps; stacked accents stay inside */
.card .top { display: flex; flex-wrap: wrap; gap: 0.4rem; align-items: center; margin: 0 0 0.4rem; font-size: 0.8rem; }
.card .chip { color: #fff; background: var(--cat, #0f766e); border-radius: 1rem; padding: 0.1rem 0.6rem; font-weight: 600;
  max-width: 100%; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.card .stage { border: 1px solid var(--cat, #0f766e); color: var(--st-text-color, #1f2933); border-radius: 1rem;
  padding: 0.05rem 0.55rem; }
.card .code { color: var(--st-gray-color, #6b7280); margin-left: auto; font-variant-numeric: tabular-nums; }
.card dl.facts { display: flex; flex-wrap: wrap; gap: 0.25rem 1.5rem; margin: 0 0 0.5rem; font-size: 0.9rem; }
.card dl.facts div { display: flex; flex-direction: column; min-width: 0; }
.card dt { font-size: 0.75rem; color: var(--st-gray-color, #6b7280); text-transform: uppercase; letter-spacing: 0.02em; }
.card dd { margin: 0; font-weight: 600; }
.card dd .more { font-weight: 400; color: var(--st-gray-color, #6b7280); }
.card h3 { font-size: 1.25rem; font-weight: 600; line-height: 1.4; margin: 0 0 0.5rem; }
.card h3 mark { background: #fde68a; color: inherit; border-radius: 3px; padding: 0 0.1em; }
.card .other { font-size: 0.875rem; color: var(--st-gray-color, #6b7280); margin: 0 0 0.5rem; }
.card .snippet { margin: 0 0 0.75rem; white-space: pre-line; display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical;
  overflow: hidden; line-height: 1.6; }
.card .reason { margin: 0 0 0.25rem; display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical;
  overflow: hidden; line-height: 1.6; }
.card b { font-weight: 700; }
.actions { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: center; }
.actions .toggle { margin-left: auto; }  /* the shortlist toggle at the right edge, on every card alike */
.actions a, .actions button { display: inline-flex; align-items: center; gap: 0.5rem; font: inherit; font-size: 0.95rem;
  min-height: 2.5rem; padding: 0.25rem 0.75rem; border-radius: var(--st-button-radius, 0.5rem); cursor: pointer;
  color: var(--st-text-color, #1f2933); text-decoration: none; }
.actions a { border: 1px solid transparent; }
.actions a:hover { background: var(--st-secondary-background-color, #f0f7f5); }
.actions button { border: 1px solid var(--st-border-color, rgba(49, 51, 63, 0.2)); background: transparent; }
.actions button:hover, .actions button[aria-pressed="true"] { border-color: var(--st-primary-color, #0f766e);
  color: var(--st-primary-color, #0f766e); }
.actions a:focus-visible, .actions button:focus-visible { outline: 2px solid var(--st-primary-color, #0f766e);
  outline-offset: 2px; }
.actions svg { width: 1.1rem; height: 1.1rem; fill: currentColor; flex: none; }
.pager { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; margin-top: 1rem; }
.pager button { font: inherit; min-width: 2.5rem; min-height: 2.5rem; padding: 0.25rem 0.75rem; cursor: pointer;
  border-radius: var(--st-button-radius, 0.5rem); border: 1px solid var(--st-border-color, rgba(49, 51, 63, 0.2));
  background: transparent; color: var(--st-text-color, #1f2933); }
.pager button:hover:not(:disabled) { border-color: var(--st-primary-color, #0f766e);
  color: var(--st-primary-color, #0f766e); }
.pager button[aria-current="page"] { background: var(--st-primary-color, #0f766e); border-color: transparent;
  color: #fff; }
.pager button:disabled { opacity: 0.4; cursor: default; }
.pager button:focus-visible { outline: 2px solid var(--st-primary-color, #0f766e); outline-offset: 2px; }
.pager .gap { padding: 0 0.25rem; }
@media (max-width: 640px) { .cards { scroll-margin-top: 14rem; } }  /* the count and the sort, stacked, stay in view */
.cards .separator { font-size: 1rem; font-weight: 600; margin: 0.75rem 0 0; padding-top: 1rem;
  border-top: 2px solid var(--st-border-color, rgba(49, 51, 63, 0.2)); color: var(--st-gray-color, #6b7280); }
.pager-caption { font-size: 0.875rem; color: var(--st-gray-color, #6b7280); margin: 0.5rem 0 0; }
"""

# Material Symbols "open_in_new", "bookmark_add" and "bookmark_remove" (Apache 2.0), drawn inline.
_ICONS = {
    "open": "M200-120q-33 0-56.5-23.5T120-200v-560q0-33 23.5-56.5T200-840h280v80H200v560h560v-280h80v280q0 33-23.5 "
    "56.5T760-120H200Zm188-212-56-56 372-372H560v-80h280v280h-80v-144L388-332Z",
    "add": "M200-120v-640q0-33 23.5-56.5T280-840h240v80H280v518l200-86 200 86v-278h80v400L480-240 200-120Zm80-640h240"
    "-240Zm400 160v-80h-80v-80h80v-80h80v80h80v80h-80v80h-80Z",
    "remove": "M840-680H600v-80h240v80ZM200-120v-640q0-33 23.5-56.5T280-840h240v80H280v518l200-86 200 86v-278h80v400L4"
    "80-240 200-120Zm80-640h240-240Z",
}

SCRIPT = (
    "const ICONS = "
    + json.dumps(_ICONS)
    + ";\n"
    + """
const svg = (path) => {
  const ns = "http://www.w3.org/2000/svg";
  const icon = document.createElementNS(ns, "svg");
  icon.setAttribute("viewBox", "0 -960 960 960");
  icon.setAttribute("aria-hidden", "true");
  const shape = document.createElementNS(ns, "path");
  shape.setAttribute("d", path);
  icon.appendChild(shape);
  return icon;
};
const text = (tag, parts, className, markTag) => {
  const node = document.createElement(tag);
  if (className) node.className = className;
  for (const [piece, marked] of parts) {
    if (marked) {
      const mark = document.createElement(markTag);
      mark.textContent = piece;
      node.appendChild(mark);
    } else {
      node.appendChild(document.createTextNode(piece));
    }
  }
  return node;
};
// What a press is waiting for, kept between draws: the next draw answers it.
let pressed = null;  // {kind: "open" | "toggle", code, at: the address when pressed}
// Back or Forward pressed since "Open": the history may hold the very address Open was pressed at
// (the shortlist's changes write the address), so comparing addresses alone is not enough
let lastPop = 0;
window.addEventListener("popstate", () => { lastPop = Date.now(); });
export default function (component) {
  const { parentElement, setTriggerValue } = component;
  const data = JSON.parse(component.data);  // sent as one JSON text (see result_list)
  const list = parentElement.querySelector(".cards");
  // The shortlist into the address in place: a card's "Add to shortlist" reruns only the results, not
  // the page around them, and is not a step to go Back over (see _state.keep_globals_in_url).
  const address = new URL(window.location.href);
  if ((address.searchParams.get("list") || null) !== data.list) {
    if (data.list) address.searchParams.set("list", data.list);
    else address.searchParams.delete("list");
    window.history.replaceState(window.history.state, "", address.toString());
  }
  const answered = pressed;
  pressed = null;  // the server has answered: the buttons take presses again
  const press = (kind, code) => {
    // One press at a time (a double click adds, it does not add then remove); a press the server
    // never answered stops blocking after three seconds.
    // Pages are the exception: the last page pressed is the one wanted.
    if (kind !== "page" && pressed && Date.now() - pressed.time < 3000) return false;
    pressed = { kind, code, at: window.location.href, time: Date.now() };
    setTriggerValue(kind, code);
    return true;
  };
  list.replaceChildren();
  data.cards.forEach((card, index) => {
    if (data.separator && index === data.separator.index) {
      const rule = document.createElement("h2");
      rule.className = "separator";
      rule.setAttribute("role", "separator");
      rule.textContent = data.separator.label;
      list.appendChild(rule);
    }
    const item = document.createElement("article");
    item.className = "card";
    item.setAttribute("role", "listitem");
    item.dataset.code = card.code;
    item.style.setProperty("--cat", card.colour);
    const top = document.createElement("div");
    top.className = "top";
    for (const [name, value] of [["chip", card.category], ["stage", card.stage], ["code", card.code]]) {
      if (!value) continue;
      const span = document.createElement("span");
      span.className = name;
      if (name === "stage") span.dataset.stage = card.stage_code;
      span.textContent = value;
      top.appendChild(span);
    }
    item.appendChild(top);
    item.appendChild(text("h3", card.title, "", "mark"));
    if (card.other.length) item.appendChild(text("p", card.other, "other", "b"));
    const facts = document.createElement("dl");
    facts.className = "facts";
    facts.setAttribute("aria-label", card.facts);
    for (const [label, value, more] of [[data.labels.place, card.place, ""], [data.labels.capital, card.capital, card.usd],
                                        [data.labels.form, card.form, ""]]) {
      if (!value) continue;
      const pair = document.createElement("div");
      const term = document.createElement("dt");
      term.textContent = label;
      const detail = document.createElement("dd");
      detail.textContent = value;
      if (more) {
        const extra = document.createElement("span");
        extra.className = "more";
        extra.textContent = " " + more;
        detail.appendChild(extra);
      }
      pair.append(term, detail);
      facts.appendChild(pair);
    }
    item.appendChild(facts);
    if (card.reason.length) {  // at most two lines on a phone (the whole of it on hover)
      const reason = item.appendChild(text("p", card.reason, "reason", "b"));
      reason.title = reason.textContent;
    }
    if (card.snippet.length) item.appendChild(text("p", card.snippet, "snippet", "b"));
    const actions = document.createElement("div");
    actions.className = "actions";
    const open = document.createElement("a");
    open.href = card.href;
    open.dataset.code = card.code;
    open.appendChild(svg(ICONS.open));
    open.appendChild(document.createTextNode(data.labels.open));
    open.setAttribute("aria-label", `${data.labels.open}: ${card.name}`);  // not forty links all called "Open"
    open.addEventListener("click", (event) => {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();  // in the app, with the session kept, as Streamlit's own page links do
      press("open", card.code);
    });
    const toggle = document.createElement("button");
    toggle.type = "button";
    toggle.setAttribute("aria-pressed", card.listed ? "true" : "false");
    toggle.appendChild(svg(card.listed ? ICONS.remove : ICONS.add));
    toggle.appendChild(document.createTextNode(card.listed ? data.labels.remove : data.labels.add));
    toggle.setAttribute("aria-label", `${card.listed ? data.labels.remove : data.labels.add}: ${card.name}`);
    toggle.addEventListener("click", () => press("toggle", card.code));
    toggle.className = "toggle";
    actions.append(open, toggle);
    item.appendChild(actions);
    list.appendChild(item);
    if (answered && answered.kind === "toggle" && answered.code === card.code) {
      toggle.focus();  // drawn anew: the keyboard stays on the button just pressed
    }
  });
  // The pager: numbered pages around this one, the first and the last, previous and next.
  const nav = parentElement.querySelector(".pager");
  const caption = parentElement.querySelector(".pager-caption");
  nav.replaceChildren();
  const pager = data.pager;
  nav.hidden = caption.hidden = !pager;
  if (pager) {
    nav.setAttribute("aria-label", pager.labels.pages);
    const pageButton = (label, number, name, current) => {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = label;
      button.dataset.page = String(number);
      if (name) button.setAttribute("aria-label", name);
      if (name) button.title = name;
      if (current) button.setAttribute("aria-current", "page");
      button.disabled = number < 1 || number > pager.pages;
      button.addEventListener("click", () => { if (!current) press("page", String(number)); });
      return button;
    };
    nav.appendChild(pageButton("‹", pager.page - 1, pager.labels.previous, false));
    let previous = 0;
    for (const [number, label] of pager.window) {
      if (number - previous > 1) {
        const gap = document.createElement("span");
        gap.className = "gap";
        gap.textContent = "…";
        nav.appendChild(gap);
      }
      nav.appendChild(pageButton(label, number, "", number === pager.page));
      previous = number;
    }
    nav.appendChild(pageButton("›", pager.page + 1, pager.labels.next, false));
    caption.textContent = pager.labels.caption;
  }
  if (answered && answered.kind === "page") {
    // Another page of results: to its first card (the count and sort just above stay in view),
    // the keyboard on the page now shown.
    list.scrollIntoView({ block: "start" });
    const current = nav.querySelector('button[aria-current="page"]');
    if (current) current.focus({ preventScroll: true });
  }
  // Followed only if this tab asked for it and has not gone elsewhere since (Back pressed meanwhile).
  if (data.go && answered && answered.kind === "open" && answered.code === data.go
      && answered.at === window.location.href && lastPop < answered.time) {
    // "Open" was pressed: the server drew that one project's page link (hidden); following it is
    // Streamlit's own in-app navigation (one history entry, the session kept), as a page link's is.
    // It may be drawn just after this element: look for it for up to two seconds.
    let tries = 40;
    const follow = () => {
      if (answered.at !== window.location.href || lastPop >= answered.time) return;  // gone elsewhere meanwhile
      const link = document.querySelector(".st-key-open-project a");
      if (link && new URL(link.href).searchParams.get("code") === data.go) link.click();
      else if (--tries > 0) setTimeout(follow, 50);
    };
    follow();
  }
}
"""
)

_component = st.components.v2.component("catalogue_result_cards", html=_HTML, css=STYLE, js=SCRIPT)

KEY = "result_cards"


def _href(code: str) -> str:
    """The project page's address for a plain link (a new tab, a copied link): the language and
    the shortlist go with it, as with every internal link."""
    return "project?" + urlencode({"code": code, **global_params()})


def _answered() -> None:
    """Count the presses answered: the cards are drawn anew after each, even when nothing else
    changed (a fifth project refused), so the browser takes presses again."""
    st.session_state["result_cards_answers"] = st.session_state.get("result_cards_answers", 0) + 1


def _open() -> None:
    """A plain click on a card's "Open": that project's page, in this session (see ``result_list``)."""
    _answered()
    code = (st.session_state.get(KEY) or {}).get("open")
    if isinstance(code, str):
        st.session_state["open_project"] = code


def _toggle() -> None:
    """The shortlist button of a card was pressed: add or remove that project."""
    _answered()
    code = (st.session_state.get(KEY) or {}).get("toggle")
    if isinstance(code, str) and not toggle_shortlist(code):
        st.session_state["shortlist_full"] = True


def _page(on_page: Callable[[int], None] | None) -> None:
    """A page number of the pager was pressed: the page's own callback shows that page."""
    _answered()
    number = (st.session_state.get(KEY) or {}).get("page")
    if isinstance(number, str) and number.isdigit() and on_page is not None:
        on_page(int(number))


def _card_data(card: ResultCard, listed: bool) -> dict[str, Any]:
    """One card as the browser draws it."""
    return {
        "code": card.code,
        "href": _href(card.code),
        "title": list(card.title_parts),
        "name": "".join(part for part, _marked in card.title_parts),  # for the buttons' spoken names
        "other": list(card.other_name_parts),
        "facts": card.facts,  # every fact on one line: what a screen reader says
        "category": card.category,
        "colour": card.colour,
        "stage": card.status,
        "stage_code": card.status_code,
        "place": card.place,
        "capital": card.investment_text,
        "usd": card.usd_text,
        "form": card.form,
        "snippet": list(card.snippet_parts),
        "reason": list(card.reason_parts),
        "listed": listed,
    }


def result_list(
    cards: list[ResultCard],
    lang: str,
    *,
    page: int = 1,
    pages: int = 1,
    on_page: Callable[[int], None] | None = None,
    separator: tuple[int, str] | None = None,
) -> None:
    """Draw ``cards``; a plain click on "Open" goes to that project's page. With ``pages`` > 1, a
    pager under them: pressing a page calls ``on_page(number)``. ``separator`` (index, heading)
    heads the cards from that index on (the projects matching only some of the words)."""
    if st.session_state.pop("shortlist_full", False):
        st.toast(t("shortlist.full", lang, limit=SHORTLIST_LIMIT))
    go = st.session_state.pop("open_project", None)
    if isinstance(go, str) and go not in {card.code for card in cards}:
        # The results changed under the click (a project just withdrawn or moved to another page):
        # go there all the same (the project page says when it is no longer public).
        st.switch_page(page_file("project.py"), query_params={"code": go, **global_params()})
    if go is not None:  # the page link the browser follows at once (st.switch_page adds two history entries)
        with st.container(key="open-project"):
            link("app_pages/project.py", t("browse.open", lang), {"code": go})
    chosen = set(shortlist())
    data: dict[str, Any] = {
        "cards": [_card_data(card, card.code in chosen) for card in cards],
        "labels": {
            "open": t("browse.open", lang),
            "add": t("shortlist.add", lang),
            "remove": t("shortlist.remove", lang),
            "place": t("card.place", lang),
            "capital": t("card.capital", lang),
            "form": t("card.form", lang),
        },
        "go": go,
        "answers": st.session_state.get("result_cards_answers", 0),
        "list": ",".join(shortlist()) or None,  # the shortlist, for the address bar (below)
        "pager": _pager(page, pages, lang) if pages > 1 and on_page is not None else None,
        "separator": {"index": separator[0], "label": separator[1]} if separator else None,
    }
    # One JSON text, not the dict: Streamlit walks a dict's every value looking for dataframes and
    # hashes it again key-sorted for the element's identity, on every run (3.4 ms against 1.2 ms
    # for twenty cards, measured alone).
    _component(
        key=KEY,
        data=json.dumps(data),
        on_toggle_change=_toggle,
        on_open_change=_open,
        on_page_change=functools.partial(_page, on_page),
    )


def _pager(page: int, pages: int, lang: str) -> dict[str, Any]:
    """The pager's data: this page, the first and the last, two either side (numbers as the language writes them)."""
    window = sorted({1, pages, *range(max(1, page - 2), min(pages, page + 2) + 1)})
    return {
        "page": page,
        "pages": pages,
        "window": [[number, format_number(number, lang, 0)] for number in window],
        "labels": {
            "previous": t("browse.previous", lang),
            "next": t("browse.next", lang),
            "pages": t("browse.pages", lang),
            "caption": t("browse.page", lang, page=format_number(page, lang, 0), pages=format_number(pages, lang, 0)),
        },
    }
