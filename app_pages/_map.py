"""The map of projects: a light component of our own, not plotly's MapLibre.

Plotly's chart script is 4.7 MB; on the first screen it alone took a second and a half to arrive and
compile before a marker showed (benchmarks/browser_bench.py). This map is some 150 lines: background
tiles as images (``CATALOGUE_MAP_TILES``: a URL template, Carto's light map by default, ``none`` for
none), the projects as buttons coloured by category, grouped into numbered circles where they
crowd (a press zooms in there), zoom buttons and dragging. A press on a project sends its code; the
page opens it. Names are set as text (``textContent``, ``aria-label``), never as HTML.
"""

from __future__ import annotations

import json
import math
import os
from typing import Any

import streamlit as st

from app_pages._state import link
from catalogue import Catalogue
from catalogue.projects.landing import map_points
from catalogue.text import format_vnd_bn, localized, t

DEFAULT_TILES = "https://basemaps.cartocdn.com/light_all/{z}/{x}/{y}.png"
TILES_CREDIT = "© OpenStreetMap contributors © CARTO"
HANOI = (21.03, 105.78, 9)  # latitude, longitude, zoom: the whole city

_HTML = (
    '<div class="pmap" tabindex="0"><div class="pane"></div><div class="zoom"></div><p class="credit"></p></div>'
    '<ul class="legend"></ul><nav class="as-list"><ul></ul></nav>'
)
STYLE = """
.pmap { position: relative; height: 380px; overflow: hidden; border-radius: 0.5rem; background: #e8efec;
  border: 1px solid rgba(49, 51, 63, 0.15); touch-action: none; cursor: grab; user-select: none; }
.pmap.dragging { cursor: grabbing; }
.pmap .pane { position: absolute; inset: 0; }
.pmap img.tile { position: absolute; width: 256px; height: 256px; pointer-events: none; }
.pmap button.marker, .pmap button.cluster { position: absolute; transform: translate(-50%, -50%); border-radius: 50%;
  border: 2px solid #fff; box-shadow: 0 1px 3px rgba(0, 0, 0, 0.35); cursor: pointer; padding: 0; }
.pmap button.marker { width: 16px; height: 16px; background: var(--dot); }
.pmap button.cluster { min-width: 28px; height: 28px; background: var(--dot); color: #fff; font: 600 12px/24px sans-serif; }
.pmap button:focus-visible { outline: 3px solid #1f2933; outline-offset: 1px; }
.pmap .zoom { position: absolute; right: 8px; top: 8px; display: flex; flex-direction: column; gap: 4px; }
.pmap .zoom button { width: 32px; height: 32px; border: 1px solid rgba(0, 0, 0, 0.2); border-radius: 6px; background: #fff;
  font: 600 18px/1 sans-serif; cursor: pointer; color: #1f2933; }
.pmap .credit { position: absolute; right: 4px; bottom: 2px; margin: 0; font: 10px sans-serif; color: #52606d;
  background: rgba(255, 255, 255, 0.7); padding: 0 4px; }
.legend { list-style: none; display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; padding: 0; margin: 0.4rem 0 0;
  font-size: 0.8rem; color: var(--st-text-color, #1f2933); font-family: var(--st-font, sans-serif); }
.legend li::before { content: ""; display: inline-block; width: 0.7rem; height: 0.7rem; border-radius: 50%;
  background: var(--dot); margin-right: 0.35rem; vertical-align: -1px; }
@media (max-width: 640px) { .pmap { height: 300px; } }
.pmap:focus-visible { outline: 3px solid #1f2933; outline-offset: 2px; }
/* Every project as a list, for screen readers and the keyboard: hidden until a key reaches it */
.as-list { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.as-list:focus-within { position: static; width: auto; height: auto; clip-path: none; white-space: normal;
  margin-top: 0.5rem; font-family: var(--st-font, sans-serif); }
.as-list ul { list-style: none; padding: 0; margin: 0; display: flex; flex-wrap: wrap; gap: 0.35rem; }
.as-list button { font: inherit; font-size: 0.85rem; padding: 0.2rem 0.6rem; border-radius: 0.4rem; cursor: pointer;
  border: 1px solid rgba(49, 51, 63, 0.3); background: #fff; color: #1f2933; }
"""
SCRIPT = """
const TILE = 256;
const views = new Map();  // the view a person chose (zoom, centre), kept across redraws of the same map
let pressed = null;  // the project last pressed in this tab: { code, at (address), time }
const world = (lat, lon, z) => {
  const size = TILE * 2 ** z, r = lat * Math.PI / 180;
  return [(lon + 180) / 360 * size, (1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2 * size];
};
export default function (component) {
  const { parentElement, setTriggerValue } = component;
  const data = JSON.parse(component.data);
  const box = parentElement.querySelector(".pmap"), pane = box.querySelector(".pane");
  const view = views.get(data.key) || { ...data.view };
  views.set(data.key, view);
  box.setAttribute("role", "region");
  box.setAttribute("aria-label", data.labels.map);
  box.querySelector(".credit").textContent = data.tiles ? data.credit : "";
  const draw = () => {
    const w = box.clientWidth || 600, h = box.clientHeight || 380, z = Math.round(view.zoom);
    const [cx, cy] = world(view.lat, view.lon, z), left = cx - w / 2, top = cy - h / 2;
    pane.replaceChildren();
    if (data.tiles) {
      const n = 2 ** z;
      for (let tx = Math.floor(left / TILE); tx <= Math.floor((left + w) / TILE); tx++) {
        for (let ty = Math.max(0, Math.floor(top / TILE)); ty <= Math.min(n - 1, Math.floor((top + h) / TILE)); ty++) {
          const img = document.createElement("img");
          img.className = "tile"; img.alt = ""; img.loading = "lazy";
          img.onerror = () => img.remove();  // a tile host out of reach: the plain background, no broken images
          img.src = data.tiles.replace("{z}", z).replace("{x}", ((tx % n) + n) % n).replace("{y}", ty);
          img.style.left = `${tx * TILE - left}px`; img.style.top = `${ty * TILE - top}px`;
          pane.appendChild(img);
        }
      }
    }
    const groups = [];  // a project within 30 px of a group's first joins it: one numbered circle
    for (const p of data.points) {
      const [x, y] = world(p[3], p[4], z);
      const px = x - left, py = y - top;
      if (px < -20 || py < -20 || px > w + 20 || py > h + 20) continue;
      const near = groups.find((g) => Math.abs(g.x - px) < 30 && Math.abs(g.y - py) < 30);
      if (near) near.members.push([p, px, py]);
      else groups.push({ x: px, y: py, members: [[p, px, py]] });
    }
    for (const { members } of groups) {
      const button = document.createElement("button");
      button.type = "button";
      const px = members.reduce((s, m) => s + m[1], 0) / members.length;
      const py = members.reduce((s, m) => s + m[2], 0) / members.length;
      button.style.left = `${px}px`; button.style.top = `${py}px`;
      if (members.length === 1) {
        const p = members[0][0];
        button.className = "marker"; button.dataset.code = p[0];
        button.style.setProperty("--dot", p[2]);
        const said = p[5] ? `${p[1]} · ${p[5]}` : p[1];
        button.setAttribute("aria-label", said); button.title = said;
        button.addEventListener("click", () => openProject(p[0]));
      } else {
        button.className = "cluster"; button.textContent = String(members.length);
        button.style.setProperty("--dot", "#334155");
        button.setAttribute("aria-label", data.labels.cluster.replace("{count}", members.length));
        button.title = members.slice(0, 8).map((m) => m[0][1]).join("\\n");
        button.addEventListener("click", () => {  // closer in, centred on them
          const lat = members.reduce((s, m) => s + m[0][3], 0) / members.length;
          const lon = members.reduce((s, m) => s + m[0][4], 0) / members.length;
          Object.assign(view, { lat, lon, zoom: Math.min(17, z + 2) });
          draw();
          box.focus({ preventScroll: true });  // the pressed circle is gone: the keyboard stays on the map
        });
      }
      pane.appendChild(button);
    }
  };
  const zoom = box.querySelector(".zoom");
  zoom.replaceChildren();
  for (const [label, step] of [["+", 1], ["−", -1]]) {
    const button = document.createElement("button");
    button.type = "button"; button.textContent = label;
    button.setAttribute("aria-label", step > 0 ? data.labels.zoom_in : data.labels.zoom_out);
    button.addEventListener("click", () => { view.zoom = Math.max(3, Math.min(17, Math.round(view.zoom) + step)); draw(); });
    zoom.appendChild(button);
  }
  box.onfocus = () => box.scrollIntoView({ block: "nearest" });  // the whole map in view when the keyboard reaches it
  box.onkeydown = (e) => {  // the keyboard: arrows move the map by a quarter of its size, + and - zoom
    if (e.target !== box) return;
    const z = Math.round(view.zoom), size = TILE * 2 ** z, [x, y] = world(view.lat, view.lon, z);
    const steps = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] }[e.key];
    if (steps) {
      const nx = x + steps[0] * box.clientWidth / 4, ny = y + steps[1] * box.clientHeight / 4;
      view.lon = nx / size * 360 - 180;
      view.lat = Math.atan(Math.sinh(Math.PI * (1 - 2 * ny / size))) * 180 / Math.PI;
    } else if (e.key === "+" || e.key === "=" || e.key === "-") {
      view.zoom = Math.max(3, Math.min(17, z + (e.key === "-" ? -1 : 1)));
    } else return;
    e.preventDefault();
    draw();
  };
  // A press opens the project by following the page link the server then draws (hidden): Streamlit's
  // own navigation, one history entry, so Back returns to these results (st.switch_page added two).
  // Followed only if this tab has not gone elsewhere since the press.
  function openProject(code) {
    pressed = { code, at: window.location.href, time: Date.now() };
    setTriggerValue("open", code);
  }
  if (data.go && pressed && pressed.code === data.go && pressed.at === window.location.href
      && Date.now() - pressed.time < 10000) {
    const wanted = pressed;
    pressed = null;
    let tries = 40;
    const follow = () => {
      if (wanted.at !== window.location.href) return;
      const link = document.querySelector(".st-key-open-project-map a");
      if (link && new URL(link.href).searchParams.get("code") === data.go) link.click();
      else if (--tries > 0) setTimeout(follow, 50);
    };
    follow();
  }
  const list = parentElement.querySelector(".as-list");
  list.setAttribute("aria-label", data.labels.list);
  // One stop for Tab: the arrow keys (Home, End) move within the list, so Tab leaves it at once
  list.firstElementChild.replaceChildren(...data.points.map((p, index) => {
    const item = document.createElement("li"), button = document.createElement("button");
    button.type = "button"; button.textContent = p[5] ? `${p[1]} · ${p[5]}` : p[1];
    button.tabIndex = index === 0 ? 0 : -1;
    button.addEventListener("click", () => openProject(p[0]));
    item.appendChild(button);
    return item;
  }));
  list.onkeydown = (e) => {
    const buttons = [...list.querySelectorAll("button")], at = buttons.indexOf(e.target);
    const to = { ArrowDown: at + 1, ArrowRight: at + 1, ArrowUp: at - 1, ArrowLeft: at - 1, Home: 0, End: buttons.length - 1 }[e.key];
    if (at < 0 || to === undefined || to < 0 || to >= buttons.length) return;
    e.preventDefault();
    buttons[at].tabIndex = -1; buttons[to].tabIndex = 0; buttons[to].focus();
  };
  let drag = null;  // dragging moves the map; a press that barely moves stays a press
  box.onpointerdown = (e) => { if (e.target.closest("button")) return; drag = { x: e.clientX, y: e.clientY, lat: view.lat, lon: view.lon }; box.setPointerCapture(e.pointerId); box.classList.add("dragging"); };
  box.onpointermove = (e) => {
    if (!drag) return;
    const z = Math.round(view.zoom), [x, y] = world(drag.lat, drag.lon, z), size = TILE * 2 ** z;
    const nx = x - (e.clientX - drag.x), ny = y - (e.clientY - drag.y);
    view.lon = nx / size * 360 - 180;
    view.lat = Math.atan(Math.sinh(Math.PI * (1 - 2 * ny / size))) * 180 / Math.PI;
    draw();
  };
  box.onpointerup = box.onpointercancel = () => { drag = null; box.classList.remove("dragging"); };
  const legend = parentElement.querySelector(".legend");
  legend.replaceChildren();
  for (const [label, colour] of data.legend) {
    const item = document.createElement("li");
    item.textContent = label; item.style.setProperty("--dot", colour);
    legend.appendChild(item);
  }
  draw();
  if (!box.dataset.watched) {  // drawn again when the page's width changes (a phone turned)
    box.dataset.watched = "1";
    new ResizeObserver(() => draw()).observe(box);
  }
}
"""
_component = st.components.v2.component("catalogue_project_map", html=_HTML, css=STYLE, js=SCRIPT)


def tiles_url() -> str | None:
    """The background tiles' URL template (``CATALOGUE_MAP_TILES``; ``none``: no tiles)."""
    tiles = os.environ.get("CATALOGUE_MAP_TILES", DEFAULT_TILES).strip()
    return None if tiles in ("", "none") else tiles


def view_of(latitudes: list[float], longitudes: list[float]) -> dict[str, float]:
    """Centre and zoom that show every point with a margin (the whole city when there is none)."""
    if not latitudes:
        return {"lat": HANOI[0], "lon": HANOI[1], "zoom": HANOI[2]}
    span = max(max(latitudes) - min(latitudes), max(longitudes) - min(longitudes), 0.01)
    zoom = int(min(15, max(9, math.floor(math.log2(360 / span) - 1.3))))
    return {"lat": (min(latitudes) + max(latitudes)) / 2, "lon": (min(longitudes) + max(longitudes)) / 2, "zoom": zoom}


def map_data(cat: Catalogue, lang: str, codes: list[str] | None, key: str) -> dict[str, Any]:
    """What the map is drawn from: each project (code, name, colour, latitude, longitude, capital)."""
    points = map_points(cat, codes)
    rows = points.to_dict("records")
    ref = cat.reference
    used = set(points["category"])
    return {
        "key": f"{key}:{','.join(sorted(used))}:{len(rows)}",
        "points": [
            [
                row["code"],
                localized(row, "name", lang) or row["code"],
                row["colour"],
                row["latitude"],
                row["longitude"],
                format_vnd_bn(row["investment_vnd_bn"], lang)
                if row["investment_vnd_bn"] == row["investment_vnd_bn"]
                else "",
            ]
            for row in rows
        ],
        "view": view_of(list(points["latitude"]), list(points["longitude"])),
        "tiles": tiles_url(),
        "credit": TILES_CREDIT,
        "legend": [
            [ref.categories.label(code)(lang), colour]
            for code, colour in dict(zip(points["category"], points["colour"], strict=True)).items()
        ],
        "labels": {
            "map": t("landing.map", lang),
            "cluster": t("map.cluster", lang),
            "zoom_in": t("map.zoom_in", lang),
            "zoom_out": t("map.zoom_out", lang),
            "list": t("map.as_list", lang),
        },
    }


def project_map(
    cat: Catalogue, lang: str, codes: list[str] | None = None, *, key: str = "project-map", note: bool = True
) -> None:
    """The public projects (of ``codes``) on a map, coloured by category; a press opens the project.
    ``note``: the caption under it (what the map shows and where its tiles come from)."""

    def opened() -> None:
        code = (st.session_state.get(key) or {}).get("open")
        if isinstance(code, str):
            st.session_state[f"{key}-open"] = code

    go = st.session_state.pop(f"{key}-open", None)
    if go:  # the link the map follows at once (see SCRIPT's open)
        with st.container(key="open-project-map"):
            link("app_pages/project.py", t("browse.open", lang), {"code": go})
    _component(key=key, data=json.dumps({**map_data(cat, lang, codes, key), "go": go}), on_open_change=opened)
    if note:
        st.caption(t("landing.map_note", lang))
