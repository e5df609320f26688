"""Widgets whose state is a code (or a plain value) kept under a key of ours, never a label.

Streamlit sends a choice widget's value back as the *text shown* for the option. When those
texts change between runs while the widget keeps its identity (the other language, new counts
beside the options), the browser sends back the old text, which names no option: that is how
"Calling for investment (12)" once reached the filters as if it were a code.

So :func:`bound` keys each widget by our state key plus a digest of its option labels and of a
revision number. Other labels, or a value set by the program (read from the URL after Back,
"clear all"), make a new widget, seeded from the value kept under the state key. What the
widget shows and what the page applies are then always the same value.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

MULTI = "multi"


def _revision_key(key: str) -> str:
    return f"{key}#rev"


def widget_key(key: str, labels: Sequence[str] = ()) -> str:
    """The Streamlit key of the widget that shows ``key`` with ``labels`` at its current revision."""
    revision = st.session_state.get(_revision_key(key), 0)
    digest = hashlib.blake2s("\x1f".join([str(revision), *labels]).encode("utf-8"), digest_size=5).hexdigest()
    return f"{key}@{digest}"


def set_value(key: str, value: Any) -> None:
    """Set the value kept under ``key`` from the program: the widget showing it starts afresh."""
    state = st.session_state
    state[key] = value
    state[_revision_key(key)] = state.get(_revision_key(key), 0) + 1


def sync_value(key: str, value: Any) -> None:
    """:func:`set_value` only when ``value`` differs from what ``key`` holds (keeps the widget otherwise)."""
    if st.session_state.get(key, _MISSING) != value:
        set_value(key, value)


_MISSING = object()


def _keep_known(key: str, options: list[Any], default: Any, multiple: bool) -> None:
    """Drop from the value kept under ``key`` what is no longer among ``options``."""
    state = st.session_state
    kept = state[key]
    if multiple:
        state[key] = [code for code in (kept or []) if code in options]
    elif kept not in options:
        state[key] = default if default in options else None


def _widget_name(key: str, labels: list[str]) -> str:
    """The widget's own key for these labels, seeded with the kept value when new."""
    state = st.session_state
    name = widget_key(key, labels)
    if state.get(f"{key}#shown", name) != name:
        # Other labels than last run (the language switched back): a key used before would come
        # back with the browser's stale value for it, so the widget gets a key never used yet.
        state[_revision_key(key)] = state.get(_revision_key(key), 0) + 1
        name = widget_key(key, labels)
    state[f"{key}#shown"] = name
    if name not in state:
        state[name] = list(state[key]) if isinstance(state[key], (list, tuple)) else state[key]
    return name


def bound(
    widget: Callable[..., Any],
    label: str,
    *,
    key: str,
    default: Any = None,
    options: Sequence[Any] | None = None,
    format_func: Callable[[Any], str] | None = None,
    on_change: Callable[..., None] | None = None,
    in_form: bool = False,
    multiple: bool | None = None,
    **rest: Any,
) -> Any:
    """Show ``widget`` (``st.selectbox``, ``st.multiselect``, ``st.segmented_control``, ``st.radio``,
    ``st.pills``, ``st.text_input``, ``st.number_input`` … or the same method of a container)
    for the value kept under ``key``; return that value.

    ``options`` are codes and ``format_func`` their labels; a kept value that is no longer among
    the options is dropped. ``on_change`` runs after the kept value was updated. Inside a form
    (``in_form=True``) no callback is possible: the value is taken from the widget when the form
    is sent.
    """
    state = st.session_state
    if key not in state:
        state[key] = default
    labels: list[str] = []
    if options is not None:
        options = list(options)
        labels = [(format_func or str)(option) for option in options]
        if multiple is None:
            multiple = getattr(widget, "__name__", "") == "multiselect" or rest.get("selection_mode") == MULTI
        _keep_known(key, options, default, multiple)
    name = _widget_name(key, labels)

    def changed() -> None:
        value = state[name]
        state[key] = list(value) if isinstance(value, (list, tuple)) else value
        if on_change is not None:
            on_change()

    arguments: dict[str, Any] = dict(rest)
    if options is not None:
        arguments["options"] = options
        if format_func is not None:
            arguments["format_func"] = format_func
    if not in_form:
        arguments["on_change"] = changed
    value = widget(label, key=name, **arguments)
    state[key] = list(value) if isinstance(value, (list, tuple)) else value
    return state[key]


_LEAVE_GUARD = """<span class="unsaved-edits" hidden></span>
<script>
window.onbeforeunload = (event) => {
  if (!document.querySelector(".unsaved-edits")) return undefined;  // the form was saved, or left in the app
  event.preventDefault();
  event.returnValue = "";
  return "";
};
</script>"""


def guard_unsaved(unsaved: bool) -> None:
    """While ``unsaved``, the browser asks before a reload or a closed tab throws the typed values away
    (its own question, in its own language). Leaving the page inside the app keeps them (the values
    are kept under keys of ours, see :func:`bound`), so it is not asked then: the marker the question
    looks for is gone once this page is no longer drawn."""
    if unsaved:
        st.html(_LEAVE_GUARD, unsafe_allow_javascript=True)
