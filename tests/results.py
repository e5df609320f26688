"""The browse page's result cards in AppTest: what they show, and pressing their buttons.

The cards are one Streamlit v2 component (app_pages/_results.py): AppTest sees it as an element
whose JSON is the cards' data, and a press in the browser reaches the server as the component's
trigger (an event name and the project's code). ``press`` sends exactly that, as the browser does.
"""

from __future__ import annotations

import json
from typing import Any

from streamlit.components.v2.bidi_component.main import _make_trigger_id
from streamlit.testing.v1 import AppTest

COMPONENT = "catalogue_result_cards"


def _element(at: AppTest, component: str = COMPONENT) -> Any | None:
    found = [e for e in at.get("bidi_component") if e.proto.component_name == component]
    return found[0] if found else None


def component_data(at: AppTest, component: str) -> dict[str, Any] | None:
    """The data a v2 component of the page was drawn from (None when the page drew none)."""
    element = _element(at, component)
    return _payload(element) if element is not None else None


def _payload(element: Any) -> dict[str, Any]:
    """The component's data: one JSON text (app_pages/_results.py), itself sent as JSON."""
    return json.loads(json.loads(element.proto.json))


def card_data(at: AppTest) -> list[dict[str, Any]]:
    """The cards the page drew, in order (none when it drew no result list)."""
    element = _element(at)
    return _payload(element)["cards"] if element is not None else []


def text(parts: list[list[Any]]) -> str:
    """A card text's pieces joined (the marks dropped)."""
    return "".join(piece for piece, _marked in parts)


def titles(at: AppTest) -> list[str]:
    """The cards' titles, as shown."""
    return [text(card["title"]) for card in card_data(at)]


def pager(at: AppTest) -> dict[str, Any] | None:
    """The pager under the cards (this page, the number of pages, the numbers offered), if drawn."""
    element = _element(at)
    return _payload(element)["pager"] if element is not None else None


def press(at: AppTest, event: str, code: str, component: str = COMPONENT) -> AppTest:
    """A press of a card's button: ``"toggle"`` (the shortlist) or ``"open"`` (a plain click on
    "Open"), for the card of project ``code``, or of the pager (``"page"``, the number as text);
    the app runs as after the browser's press."""
    element = _element(at, component)
    assert element is not None, f"the page shows no {component}"
    states = at._tree.get_widget_states()
    state = states.widgets.add()
    state.id = _make_trigger_id(element.proto.id, "events")
    state.json_trigger_value = json.dumps([{"event": event, "value": code}])
    return at._run(states)
