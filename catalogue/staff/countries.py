"""Countries for an investor's address: ISO 3166-1 codes with Vietnamese and English names.

Read from catalogue/data/countries.csv (names from the Unicode CLDR; tools/make_countries.py). Inquiries
store the code; older inquiries typed the country as free text, which :func:`country_label`
shows as typed.
"""

from __future__ import annotations

import functools
import unicodedata

from catalogue.data import csv_rows
from catalogue.search.normalize import search_fold
from catalogue.text import Text

# Names people type that the CLDR does not list.
_ALIASES = {
    "usa": "US",
    "us": "US",
    "my": "US",
    "uk": "GB",
    "anh": "GB",
    "england": "GB",
    "korea": "KR",
    "han quoc": "KR",
    "republic of korea": "KR",
    "viet nam": "VN",
    "vietnam": "VN",
    "vn": "VN",
    "hong kong": "HK",
    "holland": "NL",
    "ha lan": "NL",
    "uae": "AE",
    "taiwan": "TW",
    "dai loan": "TW",
}


@functools.cache
def countries() -> dict[str, Text]:
    """``{code: name}`` in code order (names in every language of countries.csv)."""
    return {row["code"]: Text.columns(row, "label") for row in csv_rows("countries.csv")}


@functools.cache
def _by_name() -> dict[str, str]:
    names = {search_fold(code): code for code in countries()}
    for code, name in countries().items():
        for text in name.as_dict().values():
            names[search_fold(text)] = code
    names.update({search_fold(alias): code for alias, code in _ALIASES.items()})
    return names


def match_country(text: str | None) -> str | None:
    """The code of the country ``text`` names (code, Vietnamese or English name, accents and case
    ignored), or ``None``."""
    if not text:
        return None
    return _by_name().get(search_fold(str(text)).strip())


def closest_country(text: str) -> str | None:
    """The country whose name is nearest to a misspelt ``text`` (for "did you mean …?")."""
    from rapidfuzz import fuzz, process

    found = process.extractOne(search_fold(text), list(_by_name()), scorer=fuzz.ratio, score_cutoff=70)
    return _by_name()[found[0]] if found else None


def country_label(value: str | None) -> Text:
    """A stored country (a code, or free text from before the list) in every language."""
    if not value:
        return Text()
    names = countries().get(str(value).strip().upper())
    if names is None:
        code = match_country(value)
        names = countries().get(code) if code else None
    return Text(vi=str(value)) if names is None else names


def _without_accents(text: str) -> str:
    text = text.replace("Đ", "D").replace("đ", "d")
    return "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))


@functools.cache  # the list is shipped data: each country's choice text is made once per process
def country_choice_label(code: str) -> Text:
    """A country as offered in a list that people search by typing: the name in ``lang``, and
    the other language's name and the name without accents when they differ, since the list's
    search matches letters as typed ("Viet" must find "Việt Nam", "Germany" must find "Đức")."""
    names = countries().get(code)
    if names is None:
        return Text(vi=code)

    def offered(lang: str) -> str:
        shown = names(lang)
        # English: what foreign investors type; Vietnamese with and without accents: what staff and
        # Vietnamese speakers type on the English page ("Duc" found only Dominican Republic there)
        extra = [_without_accents(shown), names("en"), names("vi"), _without_accents(names("vi"))]
        extra = [e for e in dict.fromkeys(extra) if e and e.lower() != shown.lower()]
        return f"{shown} ({' · '.join(extra)})" if extra else shown

    return Text.each(offered)


def country_options(lang: str) -> list[str]:
    """Country codes ordered by their name in ``lang`` (Viet Nam first: most inquiries are local)."""
    names = countries()
    ordered = sorted(names, key=lambda code: search_fold(names[code](lang)))
    return ["VN", *[code for code in ordered if code != "VN"]]
