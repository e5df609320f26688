"""Everything a user reads, in every language the catalogue speaks: one ``Text`` type, ``t()``, plurals,
and the languages' ways of writing numbers, amounts and dates.

The strings live in ``catalogue/data/strings.csv`` (a ``key`` column, then one column per language
code); a language is a column there, not code. Enumeration labels (categories, stages, roles,
actions, …) live in the reference data beside it. This is the only module that knows which
language writes what: nothing else compares a language code.
"""

from __future__ import annotations

import csv
import datetime as dt
import logging
import math
import unicodedata
from collections.abc import Callable, Mapping
from typing import Any

from catalogue.clock import to_hanoi
from catalogue.data import data_file

DEFAULT_LANGUAGE = "vi"


def _load_strings(path: Any = None) -> tuple[tuple[str, ...], dict[str, dict[str, str]]]:
    """``(languages, {key: {language: text}})`` from strings.csv: its columns after ``key`` are the languages."""
    with (path or data_file("strings.csv")).open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        languages = tuple(header[1:])
        return languages, {row[0]: dict(zip(languages, row[1:], strict=True)) for row in reader}


LANGUAGES, STRINGS = _load_strings()
# Where a text lacks the reader's language: a foreign reader gets English, then Vietnamese.
FALLBACK = ("en", DEFAULT_LANGUAGE)
# Projects and reference data are written in Vietnamese first; other languages are translations.
SOURCE_LANGUAGE = DEFAULT_LANGUAGE
# How each language writes numbers and dates (a language without an entry writes as English does);
# ``plotly`` names a plotly.js locale the charts register, when plotly lacks the language.
FORMATS: dict[str, dict[str, str]] = {
    "vi": {"thousands": ".", "decimal": ",", "date": "{day:02d}/{month:02d}/{year}", "plotly": "vi"},
    "en": {"thousands": ",", "decimal": ".", "date": "{day} {month_abbr} {year}", "plotly": ""},
}
_missing = logging.getLogger("catalogue.text")


def _chain(lang: str) -> tuple[str, ...]:
    return (lang, *(code for code in FALLBACK if code != lang))


class Text:
    """A text a user reads, keyed by language code: ``Text(vi="Bản nháp", en="Draft")``.

    Domain code returns ``Text`` (or codes); a page renders it in the session's language with
    ``text(lang)``. A language the text lacks falls back to English, then Vietnamese.
    """

    __slots__ = ("_by_lang",)

    def __init__(self, by_lang: Mapping[str, str] | None = None, /, **by_code: str) -> None:
        # an empty translation is a missing one: the reader gets the fallback language instead
        self._by_lang = {code: value for code, value in {**(by_lang or {}), **by_code}.items() if value}

    @classmethod
    def of(cls, key: str, **values: object) -> Text:
        """The string ``key`` of strings.csv in every language, with ``values`` filled in."""
        return cls({lang: t(key, lang, **values) for lang in LANGUAGES})

    @classmethod
    def each(cls, render: Callable[[str], str]) -> Text:
        """``render(lang)`` in every language: a text whose parts depend on the language
        (a number's marks, a label inside a sentence)."""
        return cls({lang: render(lang) for lang in LANGUAGES})

    @classmethod
    def columns(cls, row: Any, field: str) -> Text:
        """``row.field_vi``, ``row.field_en``, … (a mapping or an object) as one Text; empty values skipped."""
        found = {}
        for lang in LANGUAGES:
            value = row.get(f"{field}_{lang}") if isinstance(row, Mapping) else getattr(row, f"{field}_{lang}", None)
            if isinstance(value, str) and value.strip():
                found[lang] = value
        return cls(found)

    def __call__(self, lang: str = DEFAULT_LANGUAGE) -> str:
        for code in _chain(lang):
            if code in self._by_lang:
                return self._by_lang[code]
        return next(iter(self._by_lang.values()), "")

    def has(self, lang: str) -> bool:
        """Whether the text exists in ``lang`` itself (not through the fallback)."""
        return lang in self._by_lang

    def as_dict(self) -> dict[str, str]:
        """``{language code: text}`` (for JSON)."""
        return dict(self._by_lang)

    def map(self, change: Any) -> Text:
        return Text({code: change(value) for code, value in self._by_lang.items()})

    def __add__(self, other: Text | str) -> Text:
        if isinstance(other, str):
            return self.map(lambda value: value + other)
        return Text({code: self(code) + other(code) for code in {*self._by_lang, *other._by_lang}})

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Text) and self._by_lang == other._by_lang

    def __hash__(self) -> int:
        return hash(tuple(sorted(self._by_lang.items())))

    def __bool__(self) -> bool:
        return any(value.strip() for value in self._by_lang.values())

    def __repr__(self) -> str:
        return f"Text({', '.join(f'{code}={value!r}' for code, value in self._by_lang.items())})"

    def __str__(self) -> str:
        return self(DEFAULT_LANGUAGE)


def _load_enumerations() -> dict[str, dict[str, Text]]:
    """``{kind: {code: Text}}`` in each kind's sort order, from enumerations.csv (label_<language> columns)."""
    with data_file("enumerations.csv").open(encoding="utf-8", newline="") as handle:
        rows = sorted(csv.DictReader(handle), key=lambda row: (row["kind"], int(row["sort_order"])))
    found: dict[str, dict[str, Text]] = {}
    for row in rows:
        found.setdefault(row["kind"], {})[row["code"]] = Text.columns(row, "label")
    return found


# The catalogue's own enumerations (roles, publication states, history actions, task states, …),
# each a code with its labels, defined once in catalogue/data/enumerations.csv.
ENUMERATIONS = _load_enumerations()


def _load_aliases() -> dict[tuple[str, str], tuple[str, ...]]:
    with data_file("enumerations.csv").open(encoding="utf-8", newline="") as handle:
        return {
            (row["kind"], row["code"]): tuple(a.strip() for a in row["aliases"].split("|") if a.strip())
            for row in csv.DictReader(handle)
            if row.get("aliases")
        }


_ALIASES = _load_aliases()


def lower_first(text: str) -> str:
    """``text`` with its first letter in lower case, the rest as written (a column's name inside a
    sentence: "former district (until June 2025)", not "… june …")."""
    return text[:1].lower() + text[1:]


# Vietnamese letters in the alphabet's order (ă, â after a; đ after d …); tones sort after the letters,
# in the dictionaries' order: level, grave, hook, tilde, acute, dot below.
_VI_LETTERS = tuple("aăâbcdđeêfghijklmnoôơpqrstuưvwxyz")
_VI_RANK = {letter: index for index, letter in enumerate(_VI_LETTERS)}
_TONES = {"\u0300": "1", "\u0309": "2", "\u0303": "3", "\u0301": "4", "\u0323": "5"}


def collation_key(text: str, lang: str = DEFAULT_LANGUAGE) -> tuple[str, str, str]:
    """A key that sorts ``text`` as a list in ``lang`` is sorted: Vietnamese by its alphabet (a, ă, â,
    b …, đ after d) then tones; other languages by letters regardless of accents and case."""
    letters: list[str] = []
    tones = ["0"]  # one tone a word (hoá and hóa are one syllable, its tone placed two ways)
    for char in unicodedata.normalize("NFD", text.casefold()):
        if char in _TONES and is_default(lang):
            tones[-1] = _TONES[char]
        elif unicodedata.combining(char):
            if is_default(lang) and letters and unicodedata.normalize("NFC", letters[-1] + char) in _VI_RANK:
                letters[-1] = unicodedata.normalize("NFC", letters[-1] + char)  # ă, â, ê, ô, ơ, ư
        else:
            letters.append("d" if char == "đ" and not is_default(lang) else char)
            if char.isspace():
                tones.append("0")
    primary = "".join(chr(0x100 + _VI_RANK[c]) if c in _VI_RANK else c for c in letters)
    return primary, "".join(tones), text


def codes(kind: str) -> tuple[str, ...]:
    """The codes of an enumeration, in order (``codes("role")``)."""
    return tuple(ENUMERATIONS[kind])


def enum_aliases(kind: str, code: str) -> tuple[str, ...]:
    """Other words for an enumeration's code that a file or a user may write ("nháp" for draft)."""
    return _ALIASES.get((kind, code), ())


def enum_label(kind: str, code: str | None) -> Text:
    """The label of ``code`` in the enumeration ``kind``; an unknown code is shown as itself."""
    found = ENUMERATIONS[kind].get(code or "")
    return found if found is not None else Text({DEFAULT_LANGUAGE: code or "—"})


def fallback_chain(lang: str) -> tuple[str, ...]:
    """The languages to try, in order, for a reader of ``lang``."""
    return _chain(lang)


def _value(row: Any, name: str) -> Any:
    return row.get(name) if isinstance(row, Mapping) or hasattr(row, "get") else getattr(row, name, None)


def in_language(row: Any, field: str, lang: str) -> tuple[str | None, bool]:
    """``row.field_<lang>`` where filled in, else the fallback language's; and whether what is
    returned is in another language than the reader's (to be marked as such)."""
    for code in _chain(lang):
        value = _value(row, f"{field}_{code}")
        if isinstance(value, str) and value.strip():
            return value, code != lang
    return None, False


def localized(row: Any, field: str, lang: str) -> str:
    """``row.field_<lang>`` where it is filled in, else the fallback language's (see :class:`Text`)."""
    return in_language(row, field, lang)[0] or ""


def localized_series(frame: Any, field: str, lang: str) -> Any:
    """A frame's ``field_<lang>`` column, its gaps filled from the fallback languages' columns."""
    names = [f"{field}_{code}" for code in _chain(lang) if f"{field}_{code}" in frame.columns]
    series = frame[names[0]]
    for name in names[1:]:
        series = series.where(series.notna() & (series.astype(str).str.strip() != ""), frame[name])
    return series


def is_default(lang: str) -> bool:
    """Whether ``lang`` is the catalogue's default language (left out of URLs)."""
    return lang == DEFAULT_LANGUAGE


def reads_translation(lang: str) -> bool:
    """Whether a reader of ``lang`` reads content translated from the language it is written in."""
    return lang != SOURCE_LANGUAGE


# The language Streamlit and plotly write their own texts in.
BUILT_IN_LANGUAGE = "en"


def is_built_in(lang: str) -> bool:
    """Whether Streamlit's and plotly's own texts are already in ``lang``."""
    return lang == BUILT_IN_LANGUAGE


def plotly_locale(lang: str) -> str:
    """The plotly.js locale the charts register for ``lang`` ("" when plotly's own English will do)."""
    return _formats(lang).get("plotly", "")


def number_marks(lang: str) -> str:
    """Plotly's ``separators``: the decimal mark, then the thousands mark."""
    marks = _formats(lang)
    return marks["decimal"] + marks["thousands"]


def t(key: str, lang: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """The string ``key`` of strings.csv in ``lang`` (falling back as :class:`Text` does), ``values`` filled in.

    A number given as ``count`` is written the language's way ("1.300" / "1,300"), and when it is
    1 and a ``key.one`` text exists, that one is used ("1 project", not "1 projects"). An unknown
    key never fails the page: it shows the key and is logged (and tests/test_code_shape.py fails
    on any key used in the code that strings.csv lacks).
    """
    count = values.get("count")
    if isinstance(count, (int, float)) and not isinstance(count, bool):
        one = count == 1
        values["count"] = format_number(count, lang, 0 if float(count).is_integer() else 1)
    else:
        one = isinstance(count, str) and count.strip() == "1"
    if one and f"{key}.one" in STRINGS:
        key = f"{key}.one"
    entry = STRINGS.get(key)
    if entry is None:
        _missing.error("no text for key %r", key)
        return key
    text = Text(entry)(lang)
    return text.format(**values) if values else text


def _formats(lang: str) -> dict[str, str]:
    return FORMATS.get(lang, FORMATS["en"])


def format_number(value: float | None, lang: str = DEFAULT_LANGUAGE, decimals: int = 1) -> str:
    """``1200.5`` → ``"1.200,5"`` in Vietnamese, ``"1,200.5"`` in English; ``""`` for none."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    text = f"{value:,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    marks = _formats(lang)
    return text.replace(",", "\x00").replace(".", marks["decimal"]).replace("\x00", marks["thousands"])


def format_vnd_bn(value: float | None, lang: str = DEFAULT_LANGUAGE) -> str:
    """An amount in tỷ đồng: ``"1.200,5 tỷ đồng"`` / ``"VND 1,200.5 bn"``."""
    number = format_number(value, lang)
    return t("money.vnd_bn", lang, number=number) if number else ""


def format_usd_m(value: float | None, lang: str = DEFAULT_LANGUAGE) -> str:
    """An amount in millions of USD: ``"12,3 triệu USD"`` / ``"USD 12.3 m"``; empty for none."""
    number = format_number(value, lang)
    return t("money.usd_m", lang, number=number) if number else ""


def format_date(value: object, lang: str = DEFAULT_LANGUAGE) -> str:
    """``28/11/2026`` in Vietnamese, ``28 Nov 2026`` in English; ``""`` for none.

    A stored time (naive UTC) is read in Hanoi time first, so late evening falls on the right day.
    """
    if value is None or not hasattr(value, "strftime"):
        return ""
    if isinstance(value, dt.datetime):
        value = to_hanoi(value)
    return _formats(lang)["date"].format(
        day=value.day, month=value.month, year=value.year, month_abbr=value.strftime("%b")
    )


def format_datetime(value: object, lang: str = DEFAULT_LANGUAGE, *, zone: bool = True) -> str:
    """A stored time (naive UTC) in Hanoi time: ``28/11/2026 14:05 (giờ Hà Nội)`` /
    ``28 Nov 2026 14:05 (Hanoi time)``; without the label when ``zone`` is false."""
    if not isinstance(value, dt.datetime):
        return format_date(value, lang)
    local = to_hanoi(value)
    text = f"{format_date(local, lang)} {local:%H:%M}"
    return text + " " + t("time.hanoi_zone", lang) if zone else text
