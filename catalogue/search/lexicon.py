"""What a query says, before any project is looked at: its words, and the phrases it names.

A query is read into :class:`Part` s, left to right, each the unit that must match:

- a **place** from the reference lists, a 2025 ward or a former district, in either language and
  any tone placement ("phường Tây Tựu", "Soc Son district", "Đông Anh"): it matches a project
  *there* (its ward or district), or one whose text names the place as a phrase. The kind of
  place before or after the name ("phường", "xã", "quận", "huyện", "ward", "district") goes with it;
- a **glossary** term, the longest first ("craft village", "nước thải"): it matches its own words
  as a phrase or any of its translations (``glossary`` table, ``catalogue/data/glossary.csv``);
- an **abbreviation** ("XLNT"): itself, its expansion as a phrase (``synonyms``), and that
  expansion's translations; a glossary term is matched by its abbreviation too ("KCN");
- a **technical token** ("pH", "NOx", "PM2.5", "DO" in capitals): matched exactly, never
  completed or corrected (``catalogue/data/technical_terms.csv``);
- any other **word**: forgiving (typos, the last word completed while typed).

A kind-of-place word written alone ("phường" with a topic) is *weak*: it ranks, but never makes
a project match on its own. This module does no matching; :mod:`catalogue.search.index` does.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from catalogue.data import csv_rows
from catalogue.search.english import english_key
from catalogue.search.normalize import accent_key, search_fold

MAX_PHRASE = 6  # words in the longest glossary term or place name looked for
WRITTEN = "~"  # before the accent key of a syllable as written, a term of its own (Lexicon.written)
# Kinds of place, folded: before a name in Vietnamese, after it in English.
# Their short forms as addresses write them ("TX Sơn Tây", "Q. Ba Đình", "P. Tây Hồ") go with a name only.
KINDS_BEFORE = (
    ("thi", "tran"),
    ("thi", "xa"),
    ("phuong",),
    ("xa",),
    ("quan",),
    ("huyen",),
    ("tx",),
    ("tt",),
    ("q",),
    ("h",),
    ("p",),
    ("x",),
)
KINDS_AFTER = (("ward",), ("commune",), ("district",), ("town",))
# What each kind word names, as the reference lists' ``kind`` column writes it: "phường Long Biên" is
# the 2025 ward, "quận Long Biên" the former district of the same name.
KIND_OF_WORDS = {
    ("phuong",): {"phuong"},
    ("xa",): {"xa"},
    ("quan",): {"quan"},
    ("huyen",): {"huyen"},
    ("thi", "xa"): {"thi_xa"},
    ("thi", "tran"): {"thi_tran"},
    ("tx",): {"thi_xa"},
    ("tt",): {"thi_tran"},
    ("q",): {"quan"},
    ("h",): {"huyen"},
    ("p",): {"phuong"},
    ("x",): {"xa"},
    ("ward",): {"phuong"},
    ("commune",): {"xa"},
    ("district",): {"quan", "huyen", "thi_xa"},
    ("town",): {"thi_xa", "thi_tran"},
}
# The same words written alone (and the kind of agency, "Sở", "Department") are weak only as typed
# with their marks ("quan" is also "quản",
# "xa" is "xả"); the English ones always.
WEAK_TYPED = frozenset(
    {"phường", "xã", "quận", "huyện", "thị", "trấn", "ward", "commune", "district", "sở", "department"}
    | {"p", "x", "q", "h", "tx", "tt"}  # an address's short forms ("P. Vạn Phúc", a former ward's name)
)
# Words that say how a query is put, not what it asks for ("and", "for", "của", "dự án"), as typed
# (``catalogue/data/function_words.csv``): weak too, so "algae control in urban lakes" does not
# need a project to hold "in", and a Vietnamese-only project can match every word of it.
FUNCTION_WORDS = frozenset(
    tuple(unicodedata.normalize("NFC", row["word"]).lower().split()) for row in csv_rows("function_words.csv")
)
_FUNCTION_LONGEST_FIRST = tuple(sorted(FUNCTION_WORDS, key=len, reverse=True))  # "hình thức đầu tư" before "đầu tư"
# The single ones, as written: never marked on a card ("và", "the"; "tại" is not "tái")
FUNCTION_TYPED = frozenset(phrase[0] for phrase in FUNCTION_WORDS if len(phrase) == 1)
# A typed token: letters and digits, with a decimal point or comma kept inside ("PM2.5"), or an
# ampersand between letters ("TN&MT", read as "tnmt").
# Invisible characters a pasted word may carry inside it ("so\u200blar"): taken out, not read as a space.
_INVISIBLE_RE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")
TOKEN_RE = re.compile(r"[^\W_]+(?:[.,][0-9]+|&[^\W_]+)*")  # and "TN&MT" whole
# Capitals joined by a hyphen ("KT-XH"): one abbreviation when the synonyms know it ("ktxh")
_HYPHENED_RE = re.compile(r"(?<![^\W_])([A-ZĐ]{1,4})-([A-ZĐ]{1,4})(?![^\W_])")
# An ampersand with spaces round it ("TN & MT", "KCN & CX"), as a pasted title may have: one
# abbreviation when the synonyms know the letters together
_SPACED_AMPERSAND_RE = re.compile(r"(?<![^\W_])([^\W\d_]{1,5})\s+&\s+([^\W\d_]{1,5})(?![^\W_])")


_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")  # grave, acute, tilde, hook above, dot below


@dataclass
class Part:
    """One unit of a query that a project must match (see the module docstring)."""

    words: list[str]  # the query's own words, folded
    typed: str  # as typed (lower case, marks kept), for accents-as-typed ranking
    alternatives: list[tuple[str, ...]] = field(default_factory=list)  # phrases meaning the same
    places: list[tuple[str, str]] = field(default_factory=list)  # (attribute, code) of a named place
    prefix: bool = False  # the last word is still being typed
    exact: bool = False  # a technical token: no typos, no completion
    weak: bool = False  # ranks, but never matches alone
    written: str = ""  # a technical token that counts only as written, case and all ("DO", not "đô")
    marked: bool = False  # a syllable typed with its tone: its marks may differ, its letters may not
    whole: bool = False  # a name (an industrial park's): its words count only together, never apart

    @property
    def phrase(self) -> bool:
        return len(self.words) > 1 or bool(self.alternatives) or bool(self.places)


def _glossary_groups(pairs: Iterable[tuple[str, str]]) -> dict[tuple[str, ...], set[tuple[str, ...]]]:
    """Each glossary phrase's key (:func:`_key`) → every phrase meaning the same, in either language:
    the pairs taken together, so that what two rows say through a shared phrase holds ("rác sinh
    hoạt" = "household waste" = "chất thải rắn sinh hoạt", "CTRSH"). The largest such group of the
    shipped glossary has 8 phrases (a test keeps them small)."""
    parent: dict[tuple[str, ...], tuple[str, ...]] = {}

    def root(key: tuple[str, ...]) -> tuple[str, ...]:
        while parent.setdefault(key, key) != key:
            key = parent[key]
        return key

    phrases: list[tuple[str, ...]] = []
    for vi, en in pairs:
        pair = {tuple(search_fold(vi).split()), tuple(search_fold(en).split())}
        if all(pair) and len(pair) == 2:
            first, second = (_key(phrase) for phrase in pair)
            parent[root(first)] = root(second)
            phrases += pair
    together: dict[tuple[str, ...], set[tuple[str, ...]]] = {}
    for phrase in phrases:
        together.setdefault(root(_key(phrase)), set()).add(phrase)
    return {key: together[root(key)] for key in parent}


# The words of an industrial park or cluster, folded, in either language
PARK_WORDS = frozenset(
    {
        ("kcn",),
        ("ccn",),
        ("khu", "cong", "nghiep"),
        ("cum", "cong", "nghiep"),
        ("industrial", "park"),
        ("industrial", "zone"),
        ("industrial", "cluster"),
    }
)


def _is_park(part: Part) -> bool:
    return tuple(part.words) in PARK_WORDS


def _parks_named(parts: list[Part]) -> list[Part]:
    """A place named with an industrial park's or cluster's word ("KCN Thạch Thất", "Quang Minh
    industrial park") is the park's name: one part, the projects whose text names the park in any of
    its ways ("khu công nghiệp Thạch Thất", "Thach That industrial park"), not every project in the
    district of that name, nor one that says "KCN" in one place and "Thạch Thất" in another."""
    named: list[Part] = []
    k = 0
    while k < len(parts):
        part, after = parts[k], parts[k + 1] if k + 1 < len(parts) else None
        if after is not None and _is_park(part) and after.places and not after.exact:
            named.append(_park_named(part, after, park_first=True))
            k += 2
        elif after is not None and part.places and not part.exact and _is_park(after):
            named.append(_park_named(after, part, park_first=False))
            k += 2
        else:
            named.append(part)
            k += 1
    return named


def _park_named(park: Part, place: Part, *, park_first: bool) -> Part:
    """One part for a park's word and a place's name beside it, its ways in both orders."""
    name = tuple(place.words)
    kinds = [tuple(park.words), *park.alternatives]
    words = [*park.words, *name] if park_first else [*name, *park.words]
    ways = dict.fromkeys([*(kind + name for kind in kinds), *(name + kind for kind in kinds)])
    typed = f"{park.typed} {place.typed}" if park_first else f"{place.typed} {park.typed}"
    alternatives = [way for way in ways if list(way) != words]
    return Part(words, typed, alternatives=alternatives, prefix=place.prefix or park.prefix, whole=True)


def _nothing(_word: str) -> bool:
    return False


def _technical_meanings(rows: Iterable[dict[str, str]]) -> list[tuple[str, str]]:
    """(token, meaning) pairs from the technical terms' meanings, so that "hydrogen sulphide" finds
    "H2S" and "poly aluminium chloride" "PAC": each meaning in either language (";" parts one from
    another, a bracketed note left out), and the Vietnamese meaning with the English one. Not for a
    token counted only as written ("DO" is also "đồ", "độ"), nor a meaning that is the token itself."""
    pairs = []
    for row in rows:
        if row["case_sensitive"] == "yes":
            continue
        meanings = [
            re.sub(r"\s*\([^)]*\)", "", meaning).strip()
            for column in ("meaning_vi", "meaning_en")
            for meaning in row[column].split(";")
        ]
        meanings = [m for m in dict.fromkeys(meanings) if m and search_fold(m) != search_fold(row["term"])]
        pairs += [(row["term"], meaning) for meaning in meanings]
        pairs += [(vi, en) for vi in meanings[:1] for en in meanings[1:]]
    return pairs


def _function_phrase(words: list[tuple[str, str, bool]], start: int) -> tuple[Part, int] | None:
    """A function word or phrase ("dự án", "city") at ``start``, as typed: one weak part, read before
    any glossary term or abbreviation ("TP" is "thành phố", "city" a glossary term: both say nothing
    in a catalogue of one city's projects)."""
    for phrase in _FUNCTION_LONGEST_FIRST:
        end = start + len(phrase)
        if tuple(t for _w, t, _x in words[start:end]) == phrase:
            return Part([w for w, _t, _x in words[start:end]], " ".join(phrase), weak=True), end
    return None


def _key(words: Iterable[str]) -> tuple[str, ...]:
    return tuple(english_key(word) for word in words)


class Lexicon:
    """The phrases a snapshot's queries are read with: glossary, abbreviations, places, tokens."""

    def __init__(
        self,
        synonyms: dict[str, list[str]],
        glossary: Iterable[tuple[str, str]],
        places: Iterable[tuple[str, str, Iterable[str]]],
        coded: Iterable[tuple[str, str, Iterable[str]]] = (),
        kinds: dict[tuple[str, str], str] | None = None,
    ) -> None:
        """``glossary``: (vi, en) pairs; ``places``: (attribute, code, names in any language);
        ``coded``: (attribute, code, aliases) whose aliases in capitals ("BOT", "ODA") name the value
        when typed so ("BOT" is a PPP project; "bột" and "bot" stay words); ``kinds``: (attribute,
        code) → the place's kind ("phuong", "huyen"…), so that a kind word typed with a name picks it."""
        self.kinds = kinds or {}
        self.synonyms = synonyms
        self.abbreviations: dict[tuple[str, ...], list[str]] = {}
        for term, expansion in synonyms.items():
            self.abbreviations.setdefault(tuple(expansion), []).append(term)
        self.technical = {row["term"].lower(): row for row in csv_rows("technical_terms.csv")}
        glossary = list(glossary)
        self.glossary = _glossary_groups([*glossary, *_technical_meanings(self.technical.values())])
        # A Vietnamese side of one syllable with its marks ("tấn", "hồ") is found as written: folded it
        # is also "tân", "hộ". Such a syllable is a term of its own in the index (WRITTEN + its accent key).
        self.written: dict[tuple[str, ...], set[tuple[str, ...]]] = {}
        for vi, _en in glossary:
            folded = search_fold(vi).split()
            if len(folded) == 1 and folded[0] != vi.strip().lower() and vi.strip().isalpha():
                self.written.setdefault(tuple(folded), set()).add((WRITTEN + accent_key(vi.strip()),))
        self.written_keys = frozenset(phrase[0][len(WRITTEN) :] for ways in self.written.values() for phrase in ways)
        self.places: dict[tuple[str, ...], list[tuple[str, str]]] = {}
        self.place_words: set[str] = set()  # one-word names as written, marks and all
        for attribute, code, names in places:
            for name in names:
                words = tuple(search_fold(name).split())
                if not words:
                    continue
                for kinds in KINDS_AFTER:  # "Hoan Kiem Ward" is named "hoan kiem"
                    if len(words) > len(kinds) and words[-len(kinds) :] == kinds:
                        words = words[: -len(kinds)]
                found = self.places.setdefault(words, [])
                if words and (attribute, code) not in found:
                    found.append((attribute, code))
                if len(words) == 1:
                    self.place_words.add(name.lower())
        self.coded: dict[str, list[tuple[str, str]]] = {}
        for attribute, code, aliases in coded:
            for alias in aliases:
                if alias.isalpha() and alias.isupper() and len(alias) <= 6:
                    self.coded.setdefault(alias, []).append((attribute, code))

    def parse(
        self, query: str, max_chars: int, *, widest: int = MAX_PHRASE, known: Callable[[str], bool] = _nothing
    ) -> list[Part]:
        """The parts of ``query`` in order (see the module docstring); no glossary term or place of
        more than ``widest`` words (1: each word by itself, with its own translations). ``known``:
        whether the catalogue holds a folded word ("tttt" of "Sở TT&TT"), for letters joined by "&"."""
        text = _INVISIBLE_RE.sub("", unicodedata.normalize("NFC", str(query or "")))[:max_chars]
        typing = bool(text) and not text[-1].isspace()

        def _abbreviation(letters: str) -> bool:
            folded = search_fold(letters)
            return folded in self.synonyms or known(folded)

        for joined in (_HYPHENED_RE, _SPACED_AMPERSAND_RE):
            text = joined.sub(lambda m: f"{m[1]}&{m[2]}" if _abbreviation(m[1] + m[2]) else m[0], text)
        words, coded, opened = self._words(TOKEN_RE.findall(text), typing)
        parts: list[Part] = []
        i = 0
        while i < len(words):
            if i in coded:  # the value itself, or the alias as written in a project's text
                token = coded[i]
                # a PPP contract type ("BOT") is also the project's own contract, indexed as "pppbot"
                contract = [("ppp" + token.lower(),)] if ("investment_form", "ppp") in self.coded[token] else []
                parts.append(
                    Part([words[i][0]], words[i][1], contract, places=self.coded[token], exact=True, written=token)
                )
                i += 1
                continue
            # a function phrase before a glossary term or place, unless that is longer ("đầu tư" is how a
            # query is put, "đầu tư công" an investment form)
            function, phrase = _function_phrase(words, i), self._phrase_at(words, i, typing, widest, opened)
            found = phrase if phrase is not None and (function is None or phrase[1] > function[1]) else function
            if found is None:
                parts.append(self._word_part(*words[i], last=i == len(words) - 1, typing=typing))
                i += 1
            else:
                part, i = found
                parts.append(part)
        return _parks_named(parts)

    def _words(self, tokens: list[str], typing: bool) -> tuple[list[tuple[str, str, bool]], dict[int, str], bool]:
        """The typed tokens as words (folded, typed, technical); which of them are a coded value's
        alias typed in capitals ("BOT"); whether the last one is a word's start being typed."""
        words: list[tuple[str, str, bool]] = []
        coded: dict[int, str] = {}
        opened = False
        for number, token in enumerate(tokens):
            if token in self.coded:
                coded[len(words)] = token
            parts = search_fold(token).split()
            if not parts:  # letters the folding does not keep ("太阳能", "ΣΟΛΑΡ"): a word no project holds
                words.append((token.lower(), token.lower(), False))
                continue
            if typing and number == len(tokens) - 1 and self._being_typed(token):
                words.append((parts[0], token.lower(), False))  # "Van Ph": "Phúc" being typed, not pH
                opened = True
                continue
            # a listed token, or letters and digits typed together ("SO3", "NH4", "20MW"): its parts
            # side by side, exactly, not "số" and a 3 anywhere
            technical = self._technical(token) or (len(parts) > 1 and token.isalnum() and not token.isdigit())
            if technical and len(parts) > 1:
                words.append((" ".join(parts), token.lower(), True))
                continue
            words += [(part, token.lower() if len(parts) == 1 else part, technical) for part in parts]
        return words, coded, opened

    def _as_found(self, phrases: set[tuple[str, ...]]) -> set[tuple[str, ...]]:
        """``phrases`` as the index finds them: a syllable of the glossary written with its marks as
        written ("tấn" for "tonnes", not "tân" of "Tân Hòa")."""
        return {found for phrase in phrases for found in self.written.get(phrase, {phrase})}

    def _being_typed(self, token: str) -> bool:
        """Whether the last word, still being typed, is rather the start of a word than the short
        technical token it spells in another case ("Ph" of "Phúc", not "pH"; "pH" as written is pH)."""
        row = self.technical.get(token.lower())
        return row is not None and len(token) <= 2 and token.isalpha() and token != row["term"]

    def _technical(self, token: str) -> bool:
        row = self.technical.get(token.lower().replace(",", "."))  # "PM2,5" is PM2.5
        return row is not None and (row["case_sensitive"] != "yes" or token == row["term"])

    def _word_part(self, folded: str, typed: str, technical: bool, *, last: bool, typing: bool) -> Part:
        if technical:
            row = self.technical.get(typed.replace(",", "."))
            written = row["term"] if row is not None and row["case_sensitive"] == "yes" else ""
            return Part(folded.split(), typed, exact=True, written=written)
        expansion = self.synonyms.get(folded)
        if expansion:  # itself, its expansion as a phrase, and what it is in the other language
            translations = self._as_found(self.glossary.get(_key(expansion), set()) - {tuple(expansion)})
            return Part([folded], typed, [tuple(expansion), *sorted(translations)], exact=True)
        # A word with its tone ("Hòa") is written whole: a tone is typed at a syllable's end. A vowel's
        # own mark comes mid-word ("nư" on the way to "nước" in Telex): such a word is still being typed.
        toned = typed.isalpha() and not _TONES.isdisjoint(unicodedata.normalize("NFD", typed))
        weak = typed in WEAK_TYPED or (typed,) in FUNCTION_WORDS
        # and is meant as typed: one letter changed makes another syllable ("thủy" is not "thu" of "thu gom")
        return Part([folded], typed, prefix=last and typing and not toned and not weak, weak=weak, marked=toned)

    def _phrase_at(
        self,
        words: list[tuple[str, str, bool]],
        start: int,
        typing: bool,
        widest: int = MAX_PHRASE,
        opened: bool = False,
    ) -> tuple[Part, int] | None:
        """The longest place or glossary term starting at ``start``, of ``widest`` words at most:
        (its part, the index after it)."""
        folded = [w for w, _t, technical in words]
        skip = next((len(k) for k in KINDS_BEFORE if tuple(folded[start : start + len(k)]) == k), 0)
        for begin in dict.fromkeys((start + skip, start)):
            for end in range(min(len(words), begin + widest), begin, -1):
                span = tuple(folded[begin:end])
                typed = " ".join(t for _w, t, _x in words[start:end])
                places = self.places.get(span)
                # a one-word name ("Láng") only as written with its marks, or after its kind ("phường"):
                # "lang" is just as often "làng"
                if places and (len(span) > 1 or begin > start or words[begin][1] in self.place_words):
                    after = next((len(k) for k in KINDS_AFTER if tuple(folded[end : end + len(k)]) == k), 0)
                    named = KIND_OF_WORDS.get(tuple(folded[start:begin]), set()) | KIND_OF_WORDS.get(
                        tuple(folded[end : end + after]), set()
                    )
                    places = [place for place in places if self.kinds.get(place) in named] or places
                    return Part(list(span), typed, places=places), end + after
                # a technical token alone stays exact ("pH"): its meanings find it, not it them
                alone = end == begin + 1 and (words[begin][2] or (opened and begin == len(words) - 1))
                group = self.glossary.get(_key(span)) if begin == start and not alone else None
                if group and len(span) + (len(group) > 1) > 1:
                    others = self._as_found(group - {span})
                    # and the abbreviations of any of its phrases ("KCN" for "khu công nghiệp")
                    others |= {(a,) for phrase in group | {span} for a in self.abbreviations.get(phrase, ())}
                    return Part(list(span), typed, sorted(others)), end
        return None
