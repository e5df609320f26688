"""The first screen: the headline figures as tiles that filter, the map of public projects, the newest.

The tiles are one element (a Streamlit v2 component, like the result cards): the browser draws them
from data with ``textContent`` only; a press sends which tile, and the page applies it to the URL.
"""

from __future__ import annotations

import json
from typing import Any

import streamlit as st

from app_pages._state import link
from catalogue.projects.browse_state import BrowseState
from catalogue.projects.landing import Headline
from catalogue.text import format_number, t

_HTML = '<div class="tiles" role="group"></div>'
STYLE = """
.tiles { display: grid; grid-template-columns: repeat(auto-fill, minmax(10.5rem, 1fr)); gap: 0.6rem;
  font-family: var(--st-font, "Source Sans", sans-serif); color: var(--st-text-color, #1f2933); }
.tile { text-align: left; font: inherit; color: inherit; background: var(--st-background-color, #fff);
  border: 1px solid var(--st-border-color, rgba(49, 51, 63, 0.2)); border-left: 0.35rem solid var(--tile, #0f766e);
  border-radius: var(--st-base-radius, 0.5rem); padding: 0.6rem 0.75rem; cursor: pointer; display: flex;
  flex-direction: column; gap: 0.1rem; min-width: 0; }
.tile:hover { background: var(--st-secondary-background-color, #f0f7f5); }
.tile[aria-pressed="true"] { background: var(--st-secondary-background-color, #f0f7f5); box-shadow: inset 0 0 0 2px var(--tile); }
.tile:focus-visible { outline: 2px solid var(--st-primary-color, #0f766e); outline-offset: 2px; }
.tile .figure { font-size: 1.5rem; font-weight: 700; line-height: 1.2; color: var(--tile, #0f766e); }
.tile .label { font-size: 0.85rem; line-height: 1.3; display: -webkit-box; -webkit-line-clamp: 2;
  -webkit-box-orient: vertical; overflow: hidden; }  /* the whole label in the tile's title */
.tile .more { font-size: 0.8rem; color: var(--st-gray-color, #6b7280); }
/* A phone: one row of tiles to swipe through, the search box still close to the top. */
@media (max-width: 640px) { .tiles { display: flex; overflow-x: auto; scroll-snap-type: x mandatory; gap: 0.5rem;
  padding-bottom: 0.25rem; } .tile { flex: 0 0 44%; scroll-snap-align: start; padding: 0.5rem 0.6rem; }
  .tile .figure { font-size: 1.2rem; } }
"""
SCRIPT = """
let pressedAt = 0;
export default function (component) {
  const { parentElement, setTriggerValue } = component;
  const data = JSON.parse(component.data);
  const box = parentElement.querySelector(".tiles");
  box.setAttribute("aria-label", data.label);
  box.replaceChildren();
  for (const tile of data.tiles) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "tile";
    button.dataset.tile = tile.id;
    button.style.setProperty("--tile", tile.colour);
    button.setAttribute("aria-pressed", tile.on ? "true" : "false");
    button.title = tile.hint || tile.label;
    for (const [name, value] of [["figure", tile.figure], ["label", tile.label], ["more", tile.more]]) {
      if (!value) continue;
      const line = document.createElement("span");
      line.className = name;
      line.textContent = value;
      button.appendChild(line);
    }
    button.addEventListener("click", () => {
      if (Date.now() - pressedAt < 700) return;  // a double click is one press
      pressedAt = Date.now();
      setTriggerValue("tile", tile.id);
    });
    box.appendChild(button);
  }
}
"""
_tiles = st.components.v2.component("catalogue_headline_tiles", html=_HTML, css=STYLE, js=SCRIPT)
PRIMARY = "#0f766e"


def tile_state(state: BrowseState, tile: str) -> BrowseState:
    """What pressing ``tile`` shows: "calling" the projects calling for investment, "capital" the
    largest first, "category:CODE" that category (pressed again: every category)."""
    if tile == "calling":
        return state.with_changes(status=() if state.status == ("calling",) else ("calling",))
    if tile == "capital":
        return state.with_changes(sort="relevance" if state.sort == "investment" else "investment")
    if tile.startswith("category:"):
        code = tile.removeprefix("category:")
        return state.with_changes(category=() if state.category == (code,) else (code,))
    return state


def _tile_data(figures: Headline, state: BrowseState, lang: str) -> list[dict[str, Any]]:
    usd = t("money.usd_m", lang, number=format_number(figures.capital_usd_m, lang, 0))
    tiles = [
        {
            "id": "calling",
            "colour": PRIMARY,
            "figure": format_number(figures.calling, lang, 0),
            "label": t("landing.calling", lang, count=figures.calling),
            "more": t("landing.of_public", lang, count=format_number(figures.projects, lang, 0)),
            "on": state.status == ("calling",),
        },
        {
            "id": "capital",
            "colour": PRIMARY,
            "figure": t("money.vnd_bn", lang, number=format_number(figures.capital_vnd_bn, lang, 0)),
            "label": t("landing.capital", lang, count=format_number(figures.projects, lang, 0)),
            "more": f"≈ {usd}",
            "hint": t("landing.capital_hint", lang),
            "on": state.sort == "investment",
        },
    ]
    for figure in figures.categories:
        tiles.append(
            {
                "id": f"category:{figure.code}",
                "colour": figure.colour,
                "figure": format_number(figure.projects, lang, 0),
                "label": figure.label(lang),
                "more": t("money.vnd_bn", lang, number=format_number(figure.capital_vnd_bn, lang, 0))
                if figure.capital_vnd_bn
                else "",
                "on": state.category == (figure.code,),
            }
        )
    return tiles


def headline_tiles(figures: Headline, state: BrowseState, lang: str, on_press: Any) -> None:
    """The headline figures as tiles; a press calls ``on_press(state to show)``."""

    def pressed() -> None:
        tile = (st.session_state.get("headline_tiles") or {}).get("tile")
        if isinstance(tile, str):
            on_press(tile_state(state, tile))

    data = {"label": t("landing.figures", lang), "tiles": _tile_data(figures, state, lang)}
    _tiles(key="headline_tiles", data=json.dumps(data), on_tile_change=pressed)


def newest_projects(figures: Headline, lang: str) -> None:
    st.markdown(f"**{t('landing.newest', lang)}**")
    if not figures.newest:
        st.caption(t("landing.none_yet", lang))
    for code, name in figures.newest:
        link("app_pages/project.py", name(lang), {"code": code}, icon=":material/arrow_forward:")
