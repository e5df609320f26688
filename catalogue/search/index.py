"""Search that understands Vietnamese: accent-blind, typo-tolerant, bilingual, instant.

An in-memory inverted index built once per process from the ``projects`` table and kept in
step with it. Reads never wait for writes: a search works on an immutable :class:`IndexSnapshot`
taken by reference, and a committed change to projects (or synonyms) makes the writer build the
next snapshot aside — the rows changed since folded into a copy (a delta), or, when the delta
grows large or the synonyms change, a full rebuild — and swap it in. Tokenising a whole
catalogue is done by DuckDB in a private in-memory database.

Matching, per query word: the exact folded word (accents, case, punctuation, đ/d and i/y
all blind, see :func:`normalize.search_fold`), words within an edit distance that grows
with word length (1 from three letters, 2 from six: Vietnamese syllables are short), every
word starting with the last query word while it is being typed, and the expansion of an
abbreviation from the synonyms table (KCN → khu công nghiệp), applied to documents too. A syllable
typed with its marks matches that spelling only (each posting keeps its spelling's class of marks:
MARKS_SHIFT), unless no project writes every word so.

Ranking, in order (Meilisearch's bucket sort, adapted): more query words matched; fewer
typos; the words as a phrase, then closer together; in the name before the code, category
and place, before the description, before the rest; the words as typed with their accents;
then the code.
"""

from __future__ import annotations

import bisect
import collections
import contextlib
import copy
import functools
import itertools
import logging
import operator
import os
import re
import threading
import time
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
from rapidfuzz import process
from rapidfuzz.distance import OSA

from catalogue import pieces
from catalogue.projects.demo import DEMO_MARK
from catalogue.projects.filters import Condition, Filters
from catalogue.search import telex
from catalogue.search import tokens as tokenseq
from catalogue.search.english import english_key
from catalogue.search.lexicon import FUNCTION_TYPED, FUNCTION_WORDS, TOKEN_RE, WRITTEN, Lexicon, Part
from catalogue.search.normalize import THOUSANDS_PATTERN, accent_key, canonical_word, fold_text, search_fold
from catalogue.storage.database import every_core
from catalogue.text import LANGUAGES, Text

if TYPE_CHECKING:
    from catalogue.core import Catalogue
    from catalogue.projects.reference import Enumeration, Reference

MAX_QUERY_CHARS = 200
MAX_QUERY_WORDS = 16  # after abbreviations are expanded
NEAR_EXTRA = 8  # words a term's words may have between them in a text (a list: "xử lý NOx, SOx, …, H2S và mùi")
RERANK_DEPTH = 40  # projects ranked on every criterion; the rest of a large result by the cheap ones
PHRASE_DEPTH = 2000  # projects checked for the query as a phrase in their name
NO_MATCH = 255
SCATTERED = 4  # a glossary term's words apart rank as one typo more than the term itself
NAME_WIDTH = 32  # name words kept per project for the phrase check
PREFIX_CAP = {1: 8, 2: 24}  # a one- or two-letter word being typed expands to its most common words only
PREFIX_MAX = 150
SHORT_SLIP = 4  # letters up to which a word read as a slip must follow the word before (_slips_after)
# A word that nearly every project in view holds ("demo" of codes DEMO-001…, "dự án") tells them
# apart no more than a letter being typed: beside a word that does, it does not list a project alone.
EVERYWHERE = 0.9
EVERYWHERE_FROM = 20  # projects in view from which a word can be that common
NEAR_FEW = 3  # a term of several words held by fewer projects in view than this: see SearchIndex._near
NEAR_SHARE = 0.25  # nor a term held by more than this share of them ("xử lý", "environmental")
POSITIONS_FROM = 2000  # projects holding a phrase's words from which it is found by its words' places
FOLLOWING_DOCS = 5000
TEXT_CACHE = 4096  # projects whose texts a snapshot keeps after reading them (the results people open)  # projects read for the words that follow the previous part (phrase-aware prefix)
# Whole answers kept per snapshot (a snapshot never changes, so neither do they): the same search
# again (a shortlist toggle or the language switch redraws the results, a page back, the searches
# many visitors type) costs a dict look-up. CATALOGUE_SEARCH_CACHE=0 turns it off (benchmarks).
RESULT_CACHE = int(os.environ.get("CATALOGUE_SEARCH_CACHE", "512"))
WARM_QUERIES = 24  # the latest distinct searches replayed on a new snapshot before it is swapped in
WARM_FROM = 2000  # projects from which a new snapshot is warmed (below, a cold search costs about as much)
WARM_SECONDS = 0.5  # … for at most this long (a staff member's save waits for it)
NAME, META, DESC, OTHER = 0, 1, 2, 3  # field groups, best first
# A posting's byte holds its field group (two bits) and, above them, which of its term's spellings with
# marks the project writes ("vạn", "vấn", "văn" are all "van"): a class per spelling, up to seven per
# term; MARKS_ANY for a word written without marks ("Van Phuc" in an English name) and the rest.
FIELD_BITS, MARKS_SHIFT, MARKS_ANY = 3, 2, 7
HIGHLIGHT_FIELDS = ("name_vi", "name_en", "description_vi", "description_en", "address", "capacity")
MASKS_KEPT = 32  # filter masks a snapshot keeps (100 KB each at 100,000 projects)
FACETS = ("category", "project_type", "district", "ward", "status", "investment_form", "lead_agency")
ATTRIBUTES = FACETS
LABELLED = ("category", "project_type", "district", "ward", "investment_form", "lead_agency")  # searchable by label
TEXT_FIELDS = ("name_vi", "name_en", "description_vi", "description_en", "address", "capacity")
SORTS = ("relevance", "investment", "updated", "code")
# The sentence every demo project's description ends with: it says nothing about the project, and
# searched it made "minh họa", "dữ liệu", "không phải" or "demo" match every demo project.
UNSEARCHED = ("(Dữ liệu minh họa, không phải dự án chính thức.)", "(Illustrative demo data, not an official project.)")
DEMO_MARKS = tuple(DEMO_MARK.as_dict().values())  # "[Minh họa]" before a demo project's name: not searched
_WORD_RE = re.compile(r"[^\W_]+")
# A word of a text, for marking it: a number with thousands separators whole ("5.000", read as 5000
# as the index reads it), else letters and digits
_MARKED_RE = re.compile(r"[0-9]+(?:[.,][0-9]{3})+(?![0-9])|[^\W_]+")
_ASCII_WORD_RE = re.compile(
    r"(?<!\w)[A-Za-z]{2,12}(?!\w)"
)  # a word as Telex types it (catalogue.search.telex)  # letters and digits (and the marks of NFD text: see _split_words)
_COLUMNS = (  # the texts stay in the database: DuckDB splits them, a page of hits reads them back
    "code, category, project_type, district, ward, "
    "lead_agency, investment_form, status, investment_vnd_bn, updated_at, coalesce(demo, false) as demo, "
    "coalesce(publication, 'published') = 'published' as published"
)


def typo_budget(word: str) -> int:
    """Typos allowed in a folded word: none up to 2 letters, 1 from 3, 2 from 8 (two from 6 read
    "pottery" as "battery" and "sewage" as "stage"); none in numbers."""
    if not word.isalpha() or len(word) < 3:
        return 0
    return 1 if len(word) < 8 else 2


def _outside_unsearched(text: Any, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` without those inside the demo note (UNSEARCHED) or the demo mark before a name
    ("[Minh họa]"): neither is searched, so nothing in them is marked as matched ("demo" was marked in
    "(Illustrative demo data, …)", "Minh" of "[Minh họa]" for a query's "hinh")."""
    if not spans or not isinstance(text, str):
        return spans
    notes = [(at, at + len(note)) for note in (*UNSEARCHED, *DEMO_MARKS) if (at := text.find(note)) >= 0]
    if not notes:
        return spans
    return [(a, b) for a, b in spans if not any(start <= a and b <= end for start, end in notes)]


# The words of a column ``text``, as DuckDB splits it for the index: runs of letters (with their marks)
# and runs of digits, in one pass, so letters and digits are words apart ("PM2.5" is "pm 2 5", as
# "PM 2.5" is), "TN&MT" is one word, "tnmt", and "3.000" is "3000" (twice: "1.234.567"), as
# normalize.search_fold reads a query (a regexp_split after three regexp_replace took 20 % longer).
WORDS_SQL = (
    "list_transform(regexp_extract_all(regexp_replace(regexp_replace(lower(text), "
    f"'{THOUSANDS_PATTERN}', '\\1\\2\\3', 'g'), '{THOUSANDS_PATTERN}', '\\1\\2\\3', 'g'), "
    r"'[\p{L}\p{M}]+(?:&[\p{L}\p{M}]+)*|\p{N}[\p{N}\p{M}]*(?:&\p{N}[\p{N}\p{M}]*)*'), "
    "lambda x: replace(x, '&', ''))"
)
_CODE_RUN_RE = re.compile(r"[^\W\d_]+|\d+")


def _code_key(text: str) -> tuple[str | int, ...] | None:
    """A code read as its runs of letters (any case) and numbers (leading zeros aside): "DEMO-2" and
    "demo 002" are ("DEMO", 2). None unless ``text`` is short, letters then a number, nothing else."""
    if len(text) > 40 or not re.fullmatch(r"[\w\s\-./]+", text.strip()):
        return None
    runs = _CODE_RUN_RE.findall(text)
    if len(runs) < 2 or not runs[0].isalpha() or not any(run.isdigit() for run in runs):
        return None
    return tuple(int(run) if run.isdigit() else run.upper() for run in runs)


def _zero_padded(word: str) -> tuple[str, ...]:
    """A number of two digits or more as codes write it, with leading zeros: "48" is also "048" and
    "0048" (DEMO-048). Not the other way: "015" is a code's number, not "15 ha" in a description (a
    helper's "DEMO-015" listed three other projects); nor a single digit: "5" is not "05"."""
    if not word.isdigit() or len(word) > 6 or word.startswith("0") or len(word) < 2:
        return ()
    return ("0" + word, "00" + word, "000" + word)


@dataclass(frozen=True)
class SearchHit:
    """One result: ``highlights`` maps a text field to the (start, end) spans that matched;
    ``labels`` names the coded values (of :data:`LABELLED`) whose label holds a word of the query;
    ``unshown`` those of them that hold a word the highlights do not mark (the only place that word is)."""

    code: str
    score: float
    name_vi: str
    name_en: str | None
    highlights: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    labels: tuple[str, ...] = ()
    unshown: tuple[str, ...] = ()  # those of ``labels`` holding a word that no marked text holds


@dataclass(frozen=True)
class SearchResult:
    """A page of hits, the number of projects listed, and per filter option the number listed if chosen.

    The list holds first the ``complete`` projects that match every part of the query, then those
    that match only some ("also matching some of your words"): ``total - complete`` of them. When
    no project matches every part, ``complete`` is 0 and the list holds those matching the most.
    ``suggestion`` is a query from the catalogue's own words, when nothing at all was found;
    ``unmatched`` the parts of the query that no project holds then ("SO3" of "SO3 lò hơi"), and
    ``without_unmatched`` the query without them, if that lists projects within the same filters.
    """

    hits: list[SearchHit]
    total: int
    facets: dict[str, dict[str, int]]
    words_matched: int = 0
    words: int = 0
    complete: int = -1  # -1: every listed project matches every part (no partial matches listed)
    suggestion: str = ""
    unmatched: tuple[str, ...] = ()  # when nothing was found: the parts of the query no project holds
    without_unmatched: str = ""  # and the query without them, when that finds something

    @property
    def main(self) -> int:
        """How many of the listed projects come before the "also matching some" separator."""
        return self.total if self.complete < 0 else self.complete


@dataclass
class _Word:
    """One part of a query (:class:`lexicon.Part`) as matched: a word, or a phrase with its other ways."""

    folded: str
    typed: str  # lower case as typed, accents kept
    prefix: bool
    terms: dict[int, int] = field(default_factory=dict)  # term id -> typos (every way, for marks and ranking)
    best: np.ndarray | None = None  # per project: typos * 4 + field group, NO_MATCH if absent
    weak: bool = False  # ranks, never matches alone (a kind of place written alone)
    part: Part | None = None
    own: list[dict[int, int]] = field(default_factory=list)  # the candidates of each of the query's own words
    loose: np.ndarray | None = None  # ``best`` before syllables typed with marks were held to them
    slip: bool = False  # the marks typed were read as a slip (no project writes every word so)
    near: bool = False  # the most telling term of the part before it (SearchIndex._near)


@dataclass
class _Marking:
    """What a page of hits marks (:meth:`SearchIndex._highlighting`), and what it decided on the way."""

    terms: set[str]  # terms marked word by word
    marks: dict[str, str]  # syllables marked only as typed (folded → accent key)
    starts: dict[str, list[tuple[str, ...]]]  # phrases marked only whole, by their first word's key
    seen: dict[str, int] = field(default_factory=dict)  # words repeat from hit to hit: decided once


@dataclass
class _Found:
    """What a query matched: the docs (complete matches, then partial ones from ``complete``), the
    parts as matched, and per doc the typos, field groups and parts missing (for the order)."""

    docs: np.ndarray
    complete: int  # -1: no partial matches listed; else the number of complete matches first
    words: list[_Word]
    typos: np.ndarray | None = None
    places: np.ndarray | None = None
    missing: np.ndarray | None = None
    most: int = 0
    texts: dict[int, tuple] = field(default_factory=dict)  # texts read from the database, by doc
    tally: _Tally | None = None


@dataclass
class _Tally:
    """How many of a query's counted parts each project matches (``strong``: not counting a letter
    or two being typed), and the rule saying which projects a search then lists."""

    counted: list[_Word]
    stacked: np.ndarray
    counts: np.ndarray
    strong: np.ndarray

    @property
    def everything(self) -> int:
        return len(self.counted)

    def listed(self, most: int) -> np.ndarray:
        """Which projects are listed when the best of those allowed match ``most`` parts: with every
        part matched by some, those and the ones matching at least half; otherwise those matching
        the most (said so, with the words no project holds: "foul smell removal" lists the odour
        projects rather than nothing). Each project listed matches a part that carries (``strong``).
        :meth:`IndexSnapshot._listed_per_option` counts the same per filter option."""
        counts, strong, everything = self.counts, self.strong, self.everything
        half = (everything + 1) // 2
        partial = (most == everything) & (everything > 1) & (counts >= half) & (counts < most) & (strong > 0)
        return (most > 0) & (((counts == most) & (strong > 0)) | partial)


# Committed writes that change what the index holds; a sign-in, an inquiry or a plan edit does not.
INDEXED_EVENTS = frozenset({"projects", "synonyms", "restore"})
REBUILD_EVENTS = frozenset({"synonyms", "restore"})  # a restored file's rows are not a delta of ours
_log = logging.getLogger("catalogue.search")


class SearchIndex:
    """The search index of one catalogue: the current :class:`IndexSnapshot`, swapped by reference.

    Searches read ``self.current`` once and never take a lock. The thread that committed a change
    to projects builds the next snapshot (under a lock only writers take), so its own next search
    sees its change while every other search goes on with the previous snapshot.
    """

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self._sync_lock = threading.Lock()  # writers (and a reader that finds it free) only
        self._stale = False
        self._rebuild_needed = False
        with catalogue.cursor() as db, every_core(db):  # no search waits beside the first build
            self.current = IndexSnapshot(catalogue)
            self.current.prepare()
        self.swaps = 0
        self.swapped_at = time.monotonic()
        self.recent: collections.deque[tuple[str, Filters, str]] = collections.deque(maxlen=4 * WARM_QUERIES)
        catalogue.on_change(self._on_change)

    def __getattr__(self, name: str) -> Any:  # figures of the current snapshot: build_seconds, delta_docs, …
        current = self.__dict__.get("current")
        if current is None:
            raise AttributeError(name)
        return getattr(current, name)

    def _on_change(self, event: str) -> None:
        if event not in INDEXED_EVENTS:
            return
        self._stale = True
        if event in REBUILD_EVENTS:
            self._rebuild_needed = True
        try:
            self.sync()
        except Exception:  # the write is committed; the next write or an idle reader retries
            _log.exception("search index: the next snapshot could not be built")

    def sync(self, *, wait: bool = True) -> None:
        """Build the next snapshot aside (a delta, or a rebuild when needed) and swap it in."""
        if not self._stale or not self._sync_lock.acquire(blocking=wait):
            return
        try:
            while self._stale:
                self._stale = False  # a write landing during this build marks it stale again
                rebuild, self._rebuild_needed = self._rebuild_needed, False
                following = self._next(rebuild)
                if following is not self.current:
                    self._warm(following)
                self.current = following
                self.swaps += 1
                self.swapped_at = time.monotonic()
        finally:
            self._sync_lock.release()

    def _next(self, rebuild: bool) -> IndexSnapshot:
        current = self.current
        if rebuild:
            return IndexSnapshot(self.catalogue)
        with self.catalogue.cursor() as db:
            db.execute("begin transaction")  # one snapshot for the rows and their words
            try:
                frame = current.frame(db, current.last_sync)
                if current.delta_docs + len(frame) > max(1000, len(current.codes) // 20):
                    return IndexSnapshot(self.catalogue)
                return current.with_delta(db, frame) if len(frame) else current
            finally:
                db.execute("rollback")

    def _warm(self, snapshot: IndexSnapshot) -> None:
        """Run the latest distinct searches on ``snapshot`` before it serves anyone, so that its
        look-up caches hold what visitors are asking for (Solr's cache autowarming): without this,
        every search just after a swap started cold, several times slower at 100,000 projects."""
        started = time.perf_counter()
        snapshot.prepare()
        if len(snapshot.codes) < WARM_FROM:  # a small catalogue searches as fast cold: the save need not wait
            return
        latest = list(self.recent)  # one C-level copy: searches append meanwhile
        for query, filters, sort in list(dict.fromkeys(reversed(latest)))[:WARM_QUERIES]:
            if time.perf_counter() - started > WARM_SECONDS:
                break
            with contextlib.suppress(Exception):  # a warm-up never fails a write
                snapshot.search(query, filters, limit=20, sort=sort)

    def age_seconds(self) -> float:
        """Seconds since the current snapshot was swapped in (for /healthz)."""
        return time.monotonic() - self.swapped_at

    def search(
        self,
        query: str,
        filters: Filters,
        *,
        limit: int = 20,
        offset: int = 0,
        sort: str = "relevance",
        facets: bool = True,
    ) -> SearchResult:
        """Projects matching ``query`` within ``filters``, ranked, with facet counts."""
        self.sync(wait=False)  # only when no writer is building (a write's own thread builds it)
        self.recent.append((query, filters, sort))  # for the next snapshot's warm-up (deque: thread-safe)
        with pieces.reading():  # an import or rebuild on another thread pauses between its pieces
            return self.current.search(query, filters, limit=limit, offset=offset, sort=sort, facets=facets)

    def matching_codes(self, query: str, filters: Filters) -> list[str]:
        """The codes of every project in the result of ``query`` within ``filters`` (unordered)."""
        self.sync(wait=False)
        return self.current.matching_codes(query, filters)


class _Docs:
    """Project code → document: a built snapshot's projects by bisection of their codes (which come
    in order), those a delta added in a dict; a dict of 100,000 codes held 6.6 MB more."""

    def __init__(self, codes: list[str]) -> None:
        self.codes = codes
        self.built = len(codes) if all(map(operator.lt, codes, codes[1:])) else 0
        self.later: dict[str, int] = {} if self.built else {code: doc for doc, code in enumerate(codes)}

    def get(self, code: str, default: int | None = None) -> int | None:
        doc = self.later.get(code)
        if doc is not None:
            return doc
        i = bisect.bisect_left(self.codes, code, 0, self.built)
        return i if i < self.built and self.codes[i] == code else default

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and self.get(code) is not None

    def __getitem__(self, code: str) -> int:
        doc = self.get(code)
        if doc is None:
            raise KeyError(code)
        return doc

    def __setitem__(self, code: str, doc: int) -> None:
        self.later[code] = doc

    def copy(self, codes: list[str]) -> _Docs:
        """The same look-up over ``codes`` (a copy of this one's, to be extended)."""
        new = copy.copy(self)
        new.codes, new.later = codes, dict(self.later)
        return new


class IndexSnapshot:
    """One immutable state of the index (its look-up caches aside): built from the database, or
    from a previous snapshot and the rows changed since; see the module docstring."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.build_seconds = 0.0
        self._build()

    # --- building ---------------------------------------------------------------------

    def frame(self, db: duckdb.DuckDBPyConnection, since: Any = None) -> pd.DataFrame:
        """The indexed columns of projects (changed after ``since`` when given), ordered by code."""
        sql, params = f"select {_COLUMNS} from projects", []
        if since is not None:
            sql, params = sql + " where updated_at > ?", [since]
        return pieces.fetch_frame(db, sql + " order by code", params)

    def _load_synonyms(self) -> None:
        with self.catalogue.cursor() as cur:
            rows = cur.execute("select term, expansion from synonyms").fetchall()
        self.synonyms = {search_fold(term): search_fold(expansion).split() for term, expansion in rows}
        with self.catalogue.cursor() as cur:
            glossary = cur.execute("select vi, en from glossary").fetchall()
        ref = self.catalogue.reference
        places = _named_places(ref)
        coded = [("investment_form", code, ref.forms.aliases.get(code, ())) for code in ref.forms.codes]
        self.lexicon = Lexicon(self.synonyms, glossary, places, coded, ref.place_kinds)
        # Tuples, not lists: a tuple of strings leaves the garbage collector's lists, so 100,000
        # cached words do not lengthen every full collection (a pause for every thread).
        self._word_cache: dict[str, tuple[str, ...]] = {}
        self._shown_cache: dict[str, tuple[str, ...]] = {}  # filled and emptied by a build

    def _word_terms(self, word: str) -> tuple[str, ...]:
        """The terms a word of text stands for: its search key, an abbreviation's expansion, and the
        English key (stem, American spelling) of a word written without Vietnamese letters."""
        terms = self._word_cache.get(word)
        if terms is None:
            terms = self._word_cache[word] = self._with_written(
                word, self._terms_of(search_fold(word).split(), word.isascii())
            )
        return terms

    def _with_written(self, word: str, terms: tuple[str, ...]) -> tuple[str, ...]:
        """``terms`` and, for a syllable the glossary holds as written ("tấn"), that syllable's own term."""
        if terms and (terms[0],) in self.lexicon.written and not word.isascii():  # (cheap first: its fold)
            key = accent_key(word)
            if key in self.lexicon.written_keys:
                return (*terms, WRITTEN + key)
        return terms

    def _terms_of(self, parts: list[str], english: bool) -> tuple[str, ...]:
        found: list[str] = []
        for part in parts:
            found.append(part)
            found.extend(self.synonyms.get(part, ()))
        if english:
            found.extend(key for term in found if (key := english_key(term)) != term)
        return tuple(dict.fromkeys(found))

    def _shown_terms(self, word: str) -> list[str]:
        """The term that takes the word's place in a sequence (one place per word): its search key,
        an English word's key (so "incinerators" reads as "inciner"); none for a word of marks only."""
        shown = self._shown_cache.get(word)
        return list(shown) if shown is not None else list(self._shown_of(search_fold(word).split(), word.isascii()))

    @staticmethod
    def _shown_of(parts: list[str], english: bool) -> tuple[str, ...]:
        if not parts:
            return ()
        return (english_key(parts[0]) if english else parts[0],)

    def _prime_word_cache(self, words: list[str]) -> None:
        """Fold many words in one call (the cache then answers _word_terms)."""
        for part in pieces.spans(len(words)):  # a piece per call: see catalogue.pieces
            some = words[part]
            for word, folded in zip(some, fold_text("\x1e".join(some)).split("\x1e"), strict=True):
                parts = [canonical_word(term) for term in folded.split()]
                self._word_cache[word] = self._with_written(word, self._terms_of(parts, word.isascii()))
                self._shown_cache[word] = self._shown_of(parts, word.isascii())

    def _label_terms(self, name: str, value: str) -> list[str]:
        """Search terms of a coded value's labels in both languages (and a merged agency's successor)."""
        return [term for word in " ".join(self._label_texts(name, value)).split() for term in self._word_terms(word)]

    def _label_texts(self, name: str, value: str) -> list[str]:
        """A coded value's labels in every language (and a merged agency's successor's)."""
        ref = self.catalogue.reference
        enum = {
            "category": ref.categories,
            "project_type": ref.types,
            "district": ref.districts,
            "ward": ref.wards,
            "investment_form": ref.forms,
            "lead_agency": ref.agencies,
        }[name]
        texts = [enum.labels.get(value, Text(vi=value))]
        successor = ref.agency_successor.get(value) if name == "lead_agency" else None
        if successor and successor != value:
            texts.append(enum.labels[successor])
        labels = [text.as_dict()[lang] for text in texts for lang in LANGUAGES if text.has(lang)]
        if name == "lead_agency":  # "Sở TN&MT", "DONRE": an agency is searched by its abbreviations too,
            # and by those of the agencies merged into it in 2025 (Sở TN&MT is now Sở NN&MT)
            merged = [code for code, after in ref.agency_successor.items() if after == value and code != value]
            labels += [
                enum.labels[code].as_dict()[lang] for code in merged for lang in LANGUAGES if code in enum.labels
            ]
            codes = [value, successor, *merged]
            labels += [alias for code in codes if code for alias in enum.aliases.get(code, ())]
        return labels

    def _split_words(self, db: duckdb.DuckDBPyConnection, first_doc: int, since: Any = None) -> list[str]:
        """Fill the temporary table ``raw(doc, field, pos, word)``; return its distinct words.

        DuckDB reads the projects (in code order, as ``_frame`` does) and splits their text on
        anything that is not a letter, digit or combining mark (so NFD text stays whole), in
        parallel and without the text leaving the database; each distinct word is then folded
        once in Python. Category, place, form and agency labels are not in this text: they
        match through the coded attributes (see ``_postings``). The table lives in memory on
        this cursor's own connection, never in the catalogue's file.
        """
        where, params = ("where updated_at > ?", [first_doc, since]) if since is not None else ("", [first_doc])
        params += [*DEMO_MARKS, *UNSEARCHED]
        db.execute(
            "create or replace temp table raw as "
            f"with p as (select (row_number() over (order by code) - 1 + ?)::integer as doc, * from projects {where}), "
            "texts as (select doc, 0::tinyint as field, replace(replace(concat_ws(' ', name_vi, name_en), ?, ''), ?, '') "
            "as text from p "
            "union all select doc, 1, concat_ws(' ', code, array_to_string(list_transform("  # a PPP contract's
            r"regexp_extract_all(ppp_structure, '\b[A-Z]{2,4}\b'), lambda x: 'ppp' || lower(x)), ' ')) from p "  # "pppbot"
            "union all select doc, 2, replace(replace(concat_ws(' ', description_vi, description_en), ?, ''), ?, '') from p "
            "union all select doc, 3, concat_ws(' ', address, capacity) from p) "
            "select doc, field, unnest(w) as word, unnest(range(len(w))) as pos from "
            f"(select doc, field, {WORDS_SQL} as w from texts)",
            params,
        )
        return pieces.fetch_values(db, "select distinct word from raw where word <> ''")

    def _build(self) -> None:
        started = time.perf_counter()
        self._load_synonyms()
        with self.catalogue.cursor() as db:
            db.execute("begin transaction")  # one snapshot for the rows and their words
            try:
                frame = self.frame(db)
                self._index_words(db, frame)
            finally:
                db.execute("rollback")
        self._finish_build(frame, started)

    def _index_words(self, db: duckdb.DuckDBPyConnection, frame: pd.DataFrame) -> None:
        words = self._split_words(db, 0)
        self.codes = pieces.tolist(frame["code"])
        self.doc_of_code = _Docs(self.codes)
        self.attribute_codes: dict[str, list[str]] = {}
        self.attribute_index: dict[str, dict[str, int]] = {}
        self.attributes: dict[str, np.ndarray] = {}
        for name in ATTRIBUTES:
            ids, uniques = pieces.factorize(frame[name])
            self.attribute_codes[name] = [str(u) for u in uniques]
            self.attribute_index[name] = {code: i for i, code in enumerate(self.attribute_codes[name])}
            self.attributes[name] = ids.astype(np.int32)
        labels = {
            (name, i): self._label_terms(name, code)
            for name in LABELLED
            for i, code in enumerate(self.attribute_codes[name])
        }
        self._prime_word_cache(words)
        word_terms = {word: self._word_terms(word) for word in words}
        self.terms = pieces.sorted_strings(
            {t for terms in word_terms.values() for t in terms} | {t for ts in labels.values() for t in ts}
        )
        self.vocab = {word: term for term, word in enumerate(self.terms)}
        db.register("canon", self._canon(word_terms))
        postings = pieces.fetch_arrays(
            db,
            # Aggregating before the join halves the work; a term reached by two spellings in
            # one project may appear twice, which _best_of absorbs (best field last). The byte holds
            # the spelling's class of marks too (MARKS_SHIFT).
            f"select c.id, g.doc, (g.field + c.mark * {1 << MARKS_SHIFT})::utinyint as field from (select word, doc, "
            "min(field)::utinyint as field from raw where word <> '' group by all) g join canon c using (word) "
            "order by c.id, g.field desc",
        )
        # Every word's shown term with its place in its (project, field group): no sort, the arrays
        # are laid out in numpy (tokens.place).
        shown = pieces.fetch_arrays(
            db, "select r.doc, r.field, r.pos::integer as rank, c.id from raw r join canon c using (word) where c.shown"
        )
        db.unregister("canon")
        db.execute("drop table raw")
        self._shown_cache = {}
        self._word_cache = {}  # a word per distinct word of the catalogue: made again only for the words shown
        doc, group, rank = (np.asarray(shown[name]) for name in ("doc", "field", "rank"))
        ids, self.token_starts = tokenseq.place(doc, group, rank, np.asarray(shown["id"]), len(self.codes))
        self.tokens = tokenseq.Tokens.of(ids, len(self.terms))
        self._positions: tokenseq.Places | None = None  # made on first need (see _phrase_best)
        self.positioned_docs = len(self.codes)  # projects added by a delta are read one by one
        self._store_postings(frame, postings, labels)

    def _canon(self, word_terms: dict[str, tuple[str, ...]]) -> pa.Table:
        """Each distinct word of the texts → its terms (word, k, id, shown, mark), for DuckDB to join."""
        # "shown": the term takes a place in the word sequence (an abbreviation gives its place
        # to its expansion, so "KCN Quang Minh" reads as the phrase "khu công nghiệp Quang Minh").
        canon_rows = []
        self.mark_classes: dict[int, dict[str, int]] = {}
        for word, terms in word_terms.items():
            shown = self._shown_terms(word)  # in order: k is the place within the word
            canon_rows += [
                (word, k, self.vocab[term], True, self._mark_class(word, self.vocab[term]) if k == 0 else MARKS_ANY)
                for k, term in enumerate(shown)
            ]
            canon_rows += [(word, -1, self.vocab[term], False, MARKS_ANY) for term in terms if term not in shown]
        columns = ("word", "k", "id", "shown", "mark")
        canon = pieces.arrow_table(
            dict(zip(columns, (list(c) for c in zip(*canon_rows, strict=True)), strict=True))
            if canon_rows
            else {name: [] for name in columns},
            {"word": pa.large_string(), "k": pa.int32(), "id": pa.int32(), "shown": pa.bool_(), "mark": pa.uint8()},
        )
        return canon

    def _mark_class(self, word: str, term: int) -> int:
        """Which of ``term``'s spellings with marks ``word`` is (see MARKS_SHIFT): a class of its own for
        each of the first seven met, MARKS_ANY for a word without marks and for the spellings after."""
        if word.isascii():
            return MARKS_ANY
        key = accent_key(word)
        classes = self.mark_classes.get(term, {})
        found = classes.get(key)
        if found is None:
            if len(classes) >= MARKS_ANY:
                return MARKS_ANY
            found = len(classes)  # a new dict, not a changed one: a delta's snapshot shares the others
            self.mark_classes[term] = {**classes, key: found}
        return found

    def _store_postings(self, frame: pd.DataFrame, postings: dict, labels: dict) -> None:
        self.post_docs = np.asarray(postings["doc"], dtype=np.int32)
        self.post_fields = np.asarray(postings["field"], dtype=np.uint8)
        offsets = np.searchsorted(np.asarray(postings["id"]), np.arange(len(self.terms) + 1))
        self.post_offsets = offsets.astype(np.int32 if len(self.post_docs) < 2**31 else np.int64)
        self.main_terms = len(self.terms)
        self.label_postings: dict[int, list[tuple[str, int]]] = {}
        for (name, value), terms in labels.items():
            for term in dict.fromkeys(terms):
                self.label_postings.setdefault(self.vocab[term], []).append((name, value))
        self.delta: dict[int, tuple[list[int], list[int]]] = {}
        self.delta_terms: list[tuple[str, int]] = []
        self.delta_docs = 0
        self.investment = frame["investment_vnd_bn"].to_numpy(dtype=np.float64, na_value=np.nan)
        self.updated = _microseconds(frame["updated_at"])
        self.demo = frame["demo"].to_numpy(dtype=bool)
        self.published = frame["published"].to_numpy(dtype=bool)
        self.alive = np.ones(len(self.codes), dtype=bool)
        self.code_rank = np.arange(len(self.codes), dtype=np.int32)  # rows arrive ordered by code

    def _finish_build(self, frame: pd.DataFrame, started: float) -> None:
        self.last_sync = frame["updated_at"].max() if len(frame) else None
        self._index_vocabulary()
        self.build_seconds = time.perf_counter() - started

    def _index_vocabulary(self) -> None:
        """Look-up helpers over the terms: by length for typos, sorted for prefixes."""
        self._attribute_cache: dict[tuple[str, int], np.ndarray] = {}
        self._result_cache: dict[tuple, SearchResult] = {}
        self._result_lock = threading.Lock()
        self.doc_freq = np.diff(self.post_offsets).astype(np.int32)
        tallies = {
            name: np.bincount(values[values >= 0], minlength=len(self.attribute_codes[name]))
            for name, values in self.attributes.items()
        }
        for term, pairs in self.label_postings.items():
            if term < len(self.doc_freq):
                self.doc_freq[term] += sum(
                    int(tallies[name][value]) for name, value in pairs if value < len(tallies[name])
                )
        by_length: dict[int, list[int]] = {}
        for term, word in enumerate(self.terms):
            if word.isalpha():
                by_length.setdefault(len(word), []).append(term)
        self.alpha_by_length = {
            length: ([self.terms[t] for t in ids], np.array(ids, dtype=np.int32)) for length, ids in by_length.items()
        }
        self._candidate_cache: dict[tuple[str, bool], dict[int, int]] = {}
        self._best_cache: dict[tuple[str, bool], np.ndarray] = {}
        self._label_cache: dict[tuple, Any] = {}  # label term ids, label sequences, label word pairs
        self._mask_cache: dict[Filters, np.ndarray] = {}  # filter masks (alive and attributes change with a delta)
        self._text_cache: dict[int, tuple] = {}

    # --- keeping in step --------------------------------------------------------------

    def with_delta(self, db: duckdb.DuckDBPyConnection, frame: pd.DataFrame) -> IndexSnapshot:
        """A new snapshot: this one with the changed projects ``frame`` folded in (this one unchanged)."""
        new = copy.copy(self)
        new.terms, new.vocab, new.delta_terms = list(self.terms), dict(self.vocab), list(self.delta_terms)
        new.mark_classes = dict(self.mark_classes)  # a term's classes are replaced, never changed
        new.delta = {term: (list(docs), list(fields)) for term, (docs, fields) in self.delta.items()}
        new.codes = list(self.codes)
        new.doc_of_code = self.doc_of_code.copy(new.codes)
        new.attribute_codes = {name: list(codes) for name, codes in self.attribute_codes.items()}
        new.attribute_index = {name: dict(index) for name, index in self.attribute_index.items()}
        new.attributes = dict(self.attributes)
        new.label_postings = {term: list(pairs) for term, pairs in self.label_postings.items()}
        new.alive = self.alive.copy()
        new._mask_cache = {}
        new._label_cache = {}  # a term the delta adds changes a label's ids; _word_cache depends
        # only on the synonyms, which never change within a snapshot's line of deltas: shared
        new._apply_delta(db, frame)
        return new

    def _term_id(self, term: str) -> int:
        found = self.vocab.get(term)
        if found is None:
            found = self.vocab[term] = len(self.terms)
            self.terms.append(term)
            self.delta_terms.append((term, found))
        return found

    def _apply_delta(self, db: duckdb.DuckDBPyConnection, frame: pd.DataFrame) -> None:
        """Append changed projects as new documents; their old versions become tombstones."""
        first = len(self.codes)
        best = self._delta_words(db, first, len(frame))
        for (term, doc), (field_rank, classes) in best.items():
            entry = self.delta.setdefault(term, ([], []))
            for mark in classes:  # the same field group each time: the order of a project's entries is free
                entry[0].append(doc)
                entry[1].append(field_rank + (mark << MARKS_SHIFT))
        for code in frame["code"]:
            old = self.doc_of_code.get(code)
            if old is not None:
                self.alive[old] = False
        self.codes += frame["code"].tolist()
        for doc, code in enumerate(self.codes[first:], start=first):
            self.doc_of_code[code] = doc
        self._delta_attributes(frame)
        self.delta_docs += len(frame)
        newest = frame["updated_at"].max()
        self.last_sync = newest if self.last_sync is None else max(self.last_sync, newest)
        # new caches, never cleared ones: the previous snapshot, still searched, keeps its own
        self._attribute_cache, self._candidate_cache, self._best_cache = {}, {}, {}
        self._result_cache, self._result_lock, self._text_cache = {}, threading.Lock(), {}

    def _delta_words(
        self, db: duckdb.DuckDBPyConnection, first: int, count: int
    ) -> dict[tuple[int, int], tuple[int, set[int]]]:
        """The changed projects' words: each (term, doc)'s best field group and the classes of its
        spellings (see MARKS_SHIFT); their sequences are appended to ``tokens``."""
        self._split_words(db, first, self.last_sync)
        tokens = db.execute("select doc, field, word from raw where word <> '' order by doc, field, pos")
        best: dict[tuple[int, int], tuple[int, set[int]]] = {}
        groups: dict[int, list[list[int]]] = {}
        for doc, field_rank, word in tokens.fetchall():
            shown = [self._term_id(term) for term in self._shown_terms(word)]
            for term in map(self._term_id, self._word_terms(word)):
                mark = self._mark_class(word, term) if shown and term == shown[0] else MARKS_ANY
                before, classes = best.get((term, doc), (9, set()))
                best[(term, doc)] = (min(before, field_rank), classes | {mark})
            groups.setdefault(doc, [[], [], [], []])[field_rank] += shown
        db.execute("drop table raw")
        added = [tokenseq.sequence(groups.get(doc, [[], [], [], []])) for doc in range(first, first + count)]
        self.tokens = self.tokens.extend([t for ts in added for t in ts])
        lengths = np.cumsum([len(ts) for ts in added], dtype=np.int64)
        self.token_starts = np.concatenate([self.token_starts, self.token_starts[-1] + lengths])
        return best

    def _delta_attributes(self, frame: pd.DataFrame) -> None:
        """The changed projects' coded attributes, figures and flags, appended."""
        for name in ATTRIBUTES:
            index, codes = self.attribute_index[name], self.attribute_codes[name]
            values = []
            for value in frame[name]:
                if not isinstance(value, str):
                    values.append(-1)
                    continue
                if value not in index:
                    index[value] = len(codes)
                    codes.append(value)
                    for term in dict.fromkeys(self._label_terms(name, value) if name in LABELLED else ()):
                        self.label_postings.setdefault(self._term_id(term), []).append((name, index[value]))
                values.append(index[value])
            self.attributes[name] = np.concatenate([self.attributes[name], np.array(values, dtype=np.int32)])
        self.investment = np.concatenate(
            [self.investment, frame["investment_vnd_bn"].to_numpy(dtype=np.float64, na_value=np.nan)]
        )
        self.updated = np.concatenate([self.updated, _microseconds(frame["updated_at"])])
        self.demo = np.concatenate([self.demo, frame["demo"].to_numpy(dtype=bool)])
        self.published = np.concatenate([self.published, frame["published"].to_numpy(dtype=bool)])
        self.alive = np.concatenate([self.alive, np.ones(len(frame), dtype=bool)])
        self.code_rank = np.argsort(np.argsort(np.array(self.codes), kind="stable")).astype(np.int32)

    # --- matching ---------------------------------------------------------------------

    def _attribute_docs(self, name: str, value: int) -> np.ndarray:
        docs = self._attribute_cache.get((name, value))
        if docs is None:
            docs = self._attribute_cache[(name, value)] = np.flatnonzero(self.attributes[name] == value).astype(
                np.int32
            )
        return docs

    def _text_postings(self, term: int) -> list[tuple[np.ndarray, np.ndarray]]:
        """The (projects, field group and class of marks) whose texts hold ``term``: built, changed since."""
        parts = []
        if term < self.main_terms:
            start, end = self.post_offsets[term], self.post_offsets[term + 1]
            if end > start:
                parts.append((self.post_docs[start:end], self.post_fields[start:end]))
        extra = self.delta.get(term)
        if extra:
            parts.append((np.array(extra[0], np.int32), np.array(extra[1], np.uint8)))
        return parts

    def _postings(self, term: int) -> list[tuple[np.ndarray, np.ndarray]]:
        """The (projects, field groups) that hold ``term``: text, changed projects, labels."""
        parts = [(docs, fields & FIELD_BITS) for docs, fields in self._text_postings(term)]
        for name, value in self.label_postings.get(term, ()):
            docs = self._attribute_docs(name, value)
            parts.append((docs, np.full(len(docs), META, dtype=np.uint8)))
        return parts

    def _candidates(self, word: str, prefix: bool, exact: bool = False) -> dict[int, int]:
        """Terms that ``word`` matches, each with its typo count (cached per word). An ``exact``
        word (a technical token, a glossary translation) matches itself and its English key only."""
        key = (word, prefix, exact)
        cached = self._candidate_cache.get(key)
        if cached is not None:
            return cached
        found: dict[int, int] = {}
        budget = 0 if exact else typo_budget(word)
        if budget and self._held(word):
            # A word that projects hold as typed (or in another form of it) is that word: "bat"
            # (Bát Tràng) is not "bai", "bao" or "cat"; "aerating" (aeration) is not "generating".
            # Only a word no project holds is read as a slip ("incinerater").
            budget = 0
        if budget:
            for length in range(len(word) - budget, len(word) + budget + 1):
                bucket = self.alpha_by_length.get(length)
                if bucket is None:
                    continue
                for _term, distance, position in process.extract(
                    word, bucket[0], scorer=OSA.distance, score_cutoff=budget, limit=None
                ):
                    found[int(bucket[1][position])] = int(distance)
            for term_word, term in self.delta_terms:
                if term_word.isalpha() and abs(len(term_word) - len(word)) <= budget:
                    distance = OSA.distance(word, term_word, score_cutoff=budget)
                    if distance <= budget:
                        found[term] = distance
        if prefix and not exact:  # a completion of the word being typed is no typo ("ngu" → "nguy")
            for term in self._prefixed(word):
                found[term] = 0
        for term, typos in list(found.items()):  # a word's English key: "incinerators" finds "incineration"
            key_id = self.vocab.get(english_key(self.terms[term]))
            if key_id is not None and found.get(key_id, 9) > typos:
                found[key_id] = typos
        for term in (word, english_key(word), *_zero_padded(word)):
            exact_id = self.vocab.get(term)
            if exact_id is not None:
                found[exact_id] = 0
        if len(self._candidate_cache) > 4096:
            self._candidate_cache.clear()
        self._candidate_cache[key] = found
        return found

    def _held(self, word: str) -> bool:
        """Whether some project holds ``word`` itself (or its English key)."""
        for term in (word, english_key(word)):
            found = self.vocab.get(term)
            if found is not None and (found >= len(self.doc_freq) or self.doc_freq[found] > 0):
                return True
        return False

    def _prefixed(self, stem: str) -> list[int]:
        """Terms that start with ``stem``; for a short stem only its most common ones."""
        start = bisect.bisect_left(self.terms, stem, hi=self.main_terms)
        end = bisect.bisect_left(self.terms, stem + "\x7f", start, self.main_terms)
        ids = list(range(start, end)) + [t for w, t in self.delta_terms if w.startswith(stem)]
        cap = PREFIX_CAP.get(len(stem), PREFIX_MAX)
        if len(ids) > cap:
            freq = self.doc_freq
            ids.sort(key=lambda t: -(freq[t] if t < len(freq) else 0))
            ids = ids[:cap]
        return ids

    def _following(self, stem: str, context: list[_Word], allowed: np.ndarray) -> dict[int, int]:
        """The completions of ``stem`` that follow the previous part in projects holding every
        previous part ("Bát Tr" → "tràng" after "bát"), in text or in a label: a rare completion
        that the short list of common ones leaves out is still reached."""
        holding = allowed.copy()
        for word in context:
            holding &= word.best != NO_MATCH
        docs = np.flatnonzero(holding)[:FOLLOWING_DOCS]
        previous = context[-1].terms
        table = tokenseq.lookup(previous, len(self.terms))
        if self._positions is not None and len(docs) and docs[-1] < self.positioned_docs:
            # read off the places of the previous part's terms, not every project holding them
            holding[docs[-1] + 1 :] = False
            found = tokenseq.following_at(
                self.tokens, self.token_starts, self._positions, list(previous), holding, int(docs[-1])
            )
        else:
            found = tokenseq.following(self.tokens, self.token_starts, docs, table)
        after = set(found.tolist())
        pairs = self._label_pairs()  # a label's words in order ("Bát Tràng", the ward)
        for term in previous:
            after.update(pairs.get(term, ()))
        return {term: 0 for term in after if 0 <= term < len(self.terms) and self.terms[term].startswith(stem)}

    def _own_candidates(
        self, part: Part, context: list[_Word] | None, allowed: np.ndarray, scope: tuple[str, ...]
    ) -> tuple[list[dict[int, int]], tuple, dict[int, int] | None]:
        """The candidates of each of the part's own words, the key of their match, and the slips of a
        short word read after the word before (:meth:`_slips_after`), if so read."""
        last = len(part.words) - 1
        # a word the glossary translates into words some project holds ("data": "dữ liệu") is that
        # word, not a slip for another ("data" is not "đặt")
        exact = (
            part.exact
            or part.marked
            or any(all(self._held(w) for w in way) for way in part.alternatives if not part.places)
        )
        own = [self._candidates(w, part.prefix and i == last, exact) for i, w in enumerate(part.words)]
        key: tuple = (tuple(part.words), part.prefix, part.exact)
        if context is not None and part.prefix:
            own[-1] = {**self._following(part.words[-1], context, allowed), **own[-1]}
            key = (*key, tuple(w.folded for w in context), scope)
        slips = None
        if context is not None and not part.phrase and len(part.words[0]) <= SHORT_SLIP:
            slips = self._slips_after(own[0], context, allowed)
            if slips is not None:
                own[0] = slips
                key = (*key, "after", tuple(w.folded for w in context), scope)
        return own, key, slips

    def _slips_after(self, terms: dict[int, int], context: list[_Word], allowed: np.ndarray) -> dict[int, int] | None:
        """A short word read as a slip ("thia"), only for the words that follow the previous part in
        some project holding it ("thải" after "nước"), when some do: a slip in a short syllable reaches
        many common words ("thi", "chia", "phía"), and a project then matched every word by chance."""
        if not any(typos for typos in terms.values()):
            return None
        after = self._following("", context, allowed)
        kept = {term: typos for term, typos in terms.items() if not typos or term in after}
        return kept if any(kept.values()) else None

    def _label_pairs(self) -> dict[int, set[int]]:
        """For each term of a label, the terms that follow it in some label (made once a snapshot)."""
        pairs = self._label_cache.get(("pairs",))
        if pairs is None:
            pairs = {}
            for name in LABELLED:
                for value in range(len(self.attribute_codes[name])):
                    for a, b in itertools.pairwise(self._label_sequence(name, value)):
                        pairs.setdefault(a, set()).add(b)
            self._label_cache[("pairs",)] = pairs
        return pairs

    def _best_of(self, terms: dict[int, int], size: int, key: tuple | None) -> np.ndarray:
        """Per project, the best (typos * 4 + field group) of ``terms``; cached under ``key``."""
        cached = self._best_cache.get(key) if key is not None else None
        if cached is not None and len(cached) == size:
            return cached
        best = np.full(size, NO_MATCH, dtype=np.uint8)
        for term, typos in terms.items():
            for docs, fields in self._postings(term):
                # Within one part a project that appears twice comes with its best field last
                # (postings are ordered so), and the last write of a fancy assignment wins.
                best[docs] = np.minimum(best[docs], fields + np.uint8(typos * 4))
        if key is not None:
            if len(self._best_cache) >= 128:  # the oldest goes; searches share this dict without a lock,
                with contextlib.suppress(StopIteration, KeyError, RuntimeError):  # so another may have gone first
                    self._best_cache.pop(next(iter(self._best_cache)))
            self._best_cache[key] = best
        return best

    def _part_word(
        self, part: Part, size: int, context: list[_Word] | None, allowed: np.ndarray, scope: tuple[str, ...]
    ) -> _Word:
        """A query part matched (:meth:`_matched_part`), its syllables typed with marks held to them:
        "Vạn Phúc" is not "tư vấn, phục hồi". A project that writes the syllable with other marks only
        no longer matches it; one that writes it without marks ("Van Phuc") still does, as do the
        projects in a place the part names. ``loose`` keeps the match before (see :meth:`_matching`)."""
        word = self._matched_part(part, size, context, allowed, scope)
        wrong: np.ndarray | None = None
        for folded, key in _typed_marks(part):
            term = self.vocab.get(folded)
            found = self._wrong_marks(term, folded, key, size) if term is not None else None
            if found is not None:
                wrong = found if wrong is None else wrong | found
        if wrong is None or word.best is None:
            return word
        for attribute, code in part.places:
            value = self.attribute_index[attribute].get(code)
            if value is not None:
                wrong[self._attribute_docs(attribute, value)] = False
        if (word.best[wrong] != NO_MATCH).any():
            word.loose, word.best = word.best, np.where(wrong, NO_MATCH, word.best).astype(np.uint8)
        return word

    def _wrong_marks(self, term: int, folded: str, key: str, size: int) -> np.ndarray | None:
        """Per project, whether it writes ``term`` only with marks other than ``key`` (its accent key),
        in its texts and labels; None when no project writes ``key`` (the marks typed then decide nothing)
        or none writes it otherwise."""
        mark = self.mark_classes.get(term, {}).get(key)
        if mark is None:
            return None
        cached = self._best_cache.get(("marks", term, key))
        if cached is not None and len(cached) in (0, size):
            return cached.copy() if len(cached) else None
        texts = self._text_postings(term) if len(self.mark_classes[term]) > 1 else []  # one spelling: all right
        classed = [(docs, fields >> MARKS_SHIFT) for docs, fields in texts]
        # written with other marks; without marks ("Van Dinh" beside "Vân Đình") tells nothing
        wrongly = [docs[(classes != mark) & (classes != MARKS_ANY)] for docs, classes in classed]
        labels = [(pair, self._label_marks(*pair, folded, key)) for pair in self.label_postings.get(term, ())]
        if not any(len(docs) for docs in wrongly) and all(right for _pair, right in labels):
            self._best_cache[("marks", term, key)] = np.zeros(0, dtype=bool)  # none wrong
            return None
        wrong = np.zeros(size, dtype=bool)
        for docs in wrongly:
            wrong[docs] = True
        for (name, value), right in labels:
            if not right:
                wrong[self._attribute_docs(name, value)] = True
        for docs, classes in classed:  # a project that writes it right too is right
            wrong[docs[classes == mark]] = False
        for (name, value), right in labels:
            if right:
                wrong[self._attribute_docs(name, value)] = False
        self._best_cache[("marks", term, key)] = wrong
        return wrong.copy()

    def _label_marks(self, name: str, value: int, folded: str, key: str) -> bool:
        """Whether a label of attribute ``name``'s ``value`` writes ``folded`` with the marks of ``key``, or
        holds it otherwise: without marks only (an English label), or not as a word (an abbreviation's
        expansion). Its English label ("Van Dinh") beside the Vietnamese one ("Vân Đình") tells nothing."""
        found = self._label_cache.get(("marks", name, value, folded, key))
        if found is None:
            code = self.attribute_codes[name][value]
            written = [word for text in self._label_texts(name, code) for word in _WORD_RE.findall(text.lower())]
            spelt = [word for word in written if search_fold(word) == folded and not word.isascii()]
            found = not spelt or any(accent_key(word) == key for word in spelt)
            self._label_cache[("marks", name, value, folded, key)] = found
        return found

    def _matched_part(
        self, part: Part, size: int, context: list[_Word] | None, allowed: np.ndarray, scope: tuple[str, ...]
    ) -> _Word:
        """A query part matched: a word's candidates, or a phrase's ways (its own words in order,
        a translation, an abbreviation's expansion, the place itself) taken at their best."""
        word = _Word(" ".join(part.words), part.typed, part.prefix, weak=part.weak, part=part)
        own, key, slips = self._own_candidates(part, context, allowed, scope)
        word.own = own
        if not part.phrase:
            word.terms = own[0]
            word.best = self._best_of(own[0], size, key)
            if slips is not None:  # read so because it follows the word before: only where it does
                word.best = self._phrase_best([context[-1].terms, own[0]], size)
            if part.written:  # "DO" as written, not "đô" or "độ": read in the projects' own text
                word.best = self._as_written(word.best, part.written, key)
            return word
        key = (*key, tuple(part.alternatives), tuple(part.places))
        ways = [own] + [[self._candidates(w, False, True) for w in alternative] for alternative in part.alternatives]
        word.terms = {term: typos for way in ways for terms in way for term, typos in terms.items()}
        cached = self._best_cache.get(key)
        if cached is not None and len(cached) == size:
            word.best = cached
            return word
        best = np.full(size, NO_MATCH, dtype=np.uint8)
        for way in ways:
            # a place is matched by where projects are (below) and by their texts, never by a label
            # that names it ("UBND các quận, huyện, thị xã Sơn Tây" leads projects all over Hà Nội)
            best = np.minimum(best, self._phrase_best(way, size, labels=not part.places))
        if part.alternatives and not part.places and not part.whole and (len(own) > 1 or part.exact):
            # a glossary term's words apart, or a translation's ("xử lý nước thải trang trại chăn nuôi"
            # for "nước thải chăn nuôi"), still match it, a typo's step below the phrase itself; not a
            # translation of two words ("nhà nước", the state, of "đầu tư công" is no "nhà máy xử lý
            # nước"): the words typed are what the visitor asked for, a translation's two only together
            for number, way in enumerate(ways):
                if len(way) > 2 or (number == 0 and len(way) > 1):
                    best = np.minimum(best, self._scattered_best(way, size, best == NO_MATCH))
        if part.written:  # in a text only as written ("BOT", not "bột"); the coded value itself always
            best = self._as_written(best, part.written, key)
        for attribute, code in part.places:  # a project there ranks as if its name said so
            value = self.attribute_index[attribute].get(code)
            if value is not None:
                best[self._attribute_docs(attribute, value)] = NAME
        word.best = best
        self._best_cache[key] = best
        return word

    def _as_written(self, best: np.ndarray, token: str, key: tuple) -> np.ndarray:
        """``best`` kept only for the projects whose text holds ``token`` exactly as written."""
        cached = self._best_cache.get(("written", *key))
        if cached is not None and len(cached) == len(best):
            return cached
        docs = np.flatnonzero(best != NO_MATCH)
        codes = {self.codes[doc]: int(doc) for doc in docs}
        pattern = rf"(^|[^\p{{L}}]){re.escape(token)}([^\p{{L}}]|$)"  # "CO2" writes CO: digits part words too
        with self.catalogue.cursor() as cur:
            found = cur.execute(
                f"select code from projects where code in (select unnest(?)) "
                f"and regexp_matches(concat_ws(' ', {', '.join(TEXT_FIELDS)}), ?)",
                [list(codes), pattern],
            ).fetchall()
        kept = np.full(len(best), NO_MATCH, dtype=np.uint8)
        chosen = np.array([codes[code] for (code,) in found], dtype=np.int64)
        kept[chosen] = best[chosen]
        self._best_cache[("written", *key)] = kept
        return kept

    def _phrase_best(self, way: list[dict[int, int]], size: int, *, labels: bool = True) -> np.ndarray:
        """Per project, the worst of the words' bests where the words stand as a phrase (in one
        field group, or, with ``labels``, in one label), else NO_MATCH."""
        key = ("phrase", labels, *(tuple(sorted(terms.items())) for terms in way))
        cached = self._best_cache.get(key)
        if cached is not None and len(cached) == size:
            return cached
        bests = [self._best_of(terms, size, ("terms", key[i + 2])) for i, terms in enumerate(way)]
        if len(bests) == 1:
            return bests[0]
        stacked = np.stack(bests)
        holding_mask = (stacked != NO_MATCH).all(axis=0)
        holding = np.flatnonzero(holding_mask)
        tables = [tokenseq.lookup(terms, len(self.terms)) for terms in way]
        if len(holding) < POSITIONS_FROM:  # few projects: read their words
            phrased = tokenseq.phrase_docs(self.tokens, self.token_starts, holding, tables)
        else:  # many: from the places of the rarest word; projects changed since, one by one
            freq = self.doc_freq
            at = min(range(len(way)), key=lambda i: int(sum(freq[t] for t in way[i] if t < len(freq))))
            where = self._term_positions()
            found = tokenseq.phrase_docs_at(self.tokens, self.token_starts, where, tables, list(way[at]), at)
            found = found[found < self.positioned_docs]
            later = holding[holding >= self.positioned_docs]
            phrased = np.concatenate(
                [found[holding_mask[found]], tokenseq.phrase_docs(self.tokens, self.token_starts, later, tables)]
            )
        labelled = self._label_phrase_docs(way, holding) if labels else np.empty(0, dtype=np.int64)
        chosen = np.concatenate([phrased, labelled]).astype(np.int64)  # a project twice is set twice alike
        best = np.full(size, NO_MATCH, dtype=np.uint8)
        best[chosen] = stacked[:, chosen].max(axis=0)
        self._best_cache[key] = best
        return best

    def _scattered_best(self, way: list[dict[int, int]], size: int, unmatched: np.ndarray) -> np.ndarray:
        """Per project holding every word of ``way`` in one field group, or in its name and description
        (each word's best place): the worst of their bests, one typo worse (SCATTERED); else NO_MATCH.
        A label or the address with another field says nothing: "nước" in an investment form's label
        ("Tư nhân trong nước") and "thải" in "chất thải" are not "nước thải". Of the projects not
        matched otherwise (``unmatched``), only those with the words near one another in one field
        group (NEAR_EXTRA places more than the words) count: "rác thải sinh hoạt" is not "lọc sinh học
        và than hoạt tính cho trạm xử lý nước thải, trạm trung chuyển rác"."""
        # (what is checked depends on the projects not matched otherwise)
        key = ("scattered", np.packbits(unmatched).tobytes(), *(tuple(sorted(terms.items())) for terms in way))
        cached = self._best_cache.get(key)
        if cached is not None and len(cached) == size:
            return cached
        stacked = np.stack([self._best_of(terms, size, ("terms", key[i + 2])) for i, terms in enumerate(way)])
        worst = stacked.max(axis=0).astype(np.int32)
        # The field group of each word's best place (labels and codes match a term as a phrase or not at
        # all: words of two labels are not one term; a name's "Điện" with a type's "chất thải" is not
        # "chất thải điện tử"). NAME and DESC are the even groups. Row by row over uint8: 0.4 ms at 100,000.
        first = stacked[0] & 3
        same, odd = np.ones(size, dtype=bool), first & 1
        for row in stacked[1:]:
            group = row & 3
            same &= group == first
            odd |= group & 1
        worst[~((same & (first != META)) | (odd == 0))] = NO_MATCH
        apart = np.flatnonzero((worst != NO_MATCH) & unmatched)
        if len(apart):
            tables = [tokenseq.lookup(terms, len(self.terms)) for terms in way]
            near = tokenseq.near_docs(self.tokens, self.token_starts, apart, tables, len(way) + NEAR_EXTRA)
            worst[np.setdiff1d(apart, near, assume_unique=True)] = NO_MATCH
        best = np.where(worst == NO_MATCH, NO_MATCH, np.minimum(worst + SCATTERED, NO_MATCH - 1)).astype(np.uint8)
        self._best_cache[key] = best
        return best

    def prepare(self) -> None:
        """Make, before the snapshot serves anyone, what its first searches would otherwise make: the
        terms' places, for a catalogue large enough that phrases are found by them."""
        if self.positioned_docs >= POSITIONS_FROM:
            self._term_positions()

    def _term_positions(self) -> tokenseq.Places:
        """Where each term of the built index stands in ``tokens`` (made once, on the first phrase
        that many projects hold; a delta's snapshot shares it: its own projects are read one by one)."""
        if self._positions is None:
            self._positions = tokenseq.Places(self.tokens.head(int(self.token_starts[self.positioned_docs])))
        return self._positions

    def _label_sequence(self, name: str, value: int) -> list[int]:
        """The term ids of a coded value's labels in order, as a phrase check reads them."""
        ids = self._label_cache.get(("sequence", name, value))
        if ids is None:
            words = " ".join(self._label_texts(name, self.attribute_codes[name][value])).split()
            ids = [self.vocab.get(term, -1) for word in words for term in self._shown_terms(word.lower())]
            self._label_cache[("sequence", name, value)] = ids
        return ids

    def _label_phrase_docs(self, way: list[dict[int, int]], holding: np.ndarray) -> np.ndarray:
        """Those of ``holding`` whose category, place, form or agency label holds the phrase ``way``."""
        saying = self._label_saying(way)
        # rare: a label that says the phrase ("Xử lý nước thải" as a category)
        found = [holding[np.isin(self.attributes[name][holding], values)] for name, values in saying.items()]
        return np.concatenate(found) if found else np.empty(0, dtype=np.int64)

    def _label_saying(self, way: list[dict[int, int]]) -> dict[str, list[int]]:
        """Per labelled attribute, its values whose label holds the phrase ``way`` (found once a snapshot)."""
        key = ("phrase values", *(tuple(sorted(terms)) for terms in way))
        saying = self._label_cache.get(key)
        if saying is None:  # the labels that say the phrase, looked for once a snapshot
            width = len(way)
            saying = self._label_cache[key] = {
                name: values
                for name in LABELLED
                if (
                    values := [
                        value
                        for value in range(len(self.attribute_codes[name]))
                        if (ids := self._label_sequence(name, value))
                        and any(all(ids[i + j] in way[j] for j in range(width)) for i in range(len(ids) - width + 1))
                    ]
                )
            }
        return saying

    # --- querying ---------------------------------------------------------------------

    def search(
        self,
        query: str,
        filters: Filters,
        *,
        limit: int = 20,
        offset: int = 0,
        sort: str = "relevance",
        facets: bool = True,
    ) -> SearchResult:
        """Projects matching ``query`` within ``filters``, ranked, with facet counts."""
        if sort not in SORTS:
            raise ValueError(f"sort must be one of {', '.join(SORTS)}")
        limit, offset = max(0, int(limit)), max(0, int(offset))
        key = (query, filters, limit, offset, sort, facets)
        found = self._result_cache.get(key)
        if found is not None:
            return found
        result = self._search(query, filters, limit, offset, sort, facets)
        if RESULT_CACHE:
            with self._result_lock:
                self._result_cache[key] = result
                while len(self._result_cache) > RESULT_CACHE:  # the oldest answer goes
                    self._result_cache.pop(next(iter(self._result_cache)), None)
        return result

    def matching_codes(self, query: str, filters: Filters) -> list[str]:
        """The codes of the projects in the result of ``query`` within ``filters`` (unordered): those
        matching every part when any does, not the partial matches listed after them."""
        found = self._matching(query, filters)
        docs = found.docs[: found.complete] if found.complete > 0 else found.docs
        return [self.codes[i] for i in docs]

    def _search(self, query: str, filters: Filters, limit: int, offset: int, sort: str, facets: bool) -> SearchResult:
        found = self._matching(query, filters)
        docs, complete = found.docs, found.complete
        named = self._code_named(query, filters)
        if named is not None:  # the query is a project's code ("DEMO-2", "demo 002"): that project first
            main_before = set((docs[:complete] if complete > 0 else docs).tolist())
            docs = np.concatenate([np.array([named], dtype=docs.dtype), docs[docs != named]])
            if complete == 0 or (complete < 0 and len(docs) > 1):
                complete = 1  # the others matched the words of the code, not the code: listed after it
            elif complete > 0 and named not in main_before:
                complete += 1
        main = docs[:complete] if complete > 0 else docs
        # Each option counts what choosing it gives: the projects listed, partial matches included
        facet_counts = self._facet_counts(found, filters) if facets else {}
        needed = offset + limit
        page = self._order(main, found, sort, needed, partial=complete == 0)
        if named is not None and sort == "relevance":
            page = [named, *(doc for doc in page if doc != named)][:needed]
        if complete > 0 and len(page) < needed:  # then those matching some of the words
            page += self._order(docs[complete:], found, sort, needed - len(page), partial=True)
        page = page[offset : offset + limit]
        suggestion = self._suggestion(found.words) if len(docs) == 0 and found.words else ""
        counted = [w for w in found.words if not w.weak] or found.words
        # what no project holds, when nothing, or only the closest, was found
        unmatched, without = self._unmatched(query, counted, filters) if complete == 0 or not len(docs) else ((), "")
        return SearchResult(
            self._hits(page, found.words, offset, found.texts),
            len(docs),
            facet_counts,
            found.most,
            len(counted),
            complete,
            suggestion,
            unmatched,
            without,
        )

    def _unmatched(self, query: str, counted: list[_Word], filters: Filters) -> tuple[tuple[str, ...], str]:
        """The parts of a query that found nothing which no project in view holds, as typed, and the
        query without them when some parts remain and they list projects within ``filters``."""
        scope = self._scope_mask(filters.visible_statuses)
        missing = [w for w in counted if not w.weak and w.best is not None and not (w.best[scope] != NO_MATCH).any()]
        named, rest = [], query
        for word in missing:  # the words as typed in the query, case and all ("SO3", not "so3")
            pattern = r"\s+".join(re.escape(piece) for piece in word.typed.split())
            written = re.compile(rf"(?<![^\W_])(?i:{pattern})(?![^\W_])")
            found = written.search(rest)
            if (found.group() if found else word.typed) not in named:
                named.append(found.group() if found else word.typed)
            rest = written.sub(" ", rest)  # every time it is typed ("<b>solar</b>")
        # the words left, as typed, without the marks between them ("<b>solar</b>" leaves no "< >")
        rest = " ".join(TOKEN_RE.findall(rest))
        # (and some word is left: "1" of "<script>alert(1)</script>" is no search)
        if (
            len(missing) == len(counted)
            or not any(c.isalpha() for c in rest)
            or rest == " ".join(TOKEN_RE.findall(query))
        ):
            return tuple(named), ""
        return tuple(named), rest if len(self._matching(rest, filters).docs) else ""

    def _code_named(self, query: str, filters: Filters) -> int | None:
        """The project whose code the whole query is, read as letters and numbers ("DEMO-2", "demo 002"
        and "DEMO-002" are DEMO-002), when the filters and stages shown allow it; else None."""
        key = _code_key(query)
        if key is None:
            return None
        keys = self._label_cache.get(("code keys",))
        if keys is None:  # made on a snapshot's first query that looks like a code
            keys = self._label_cache[("code keys",)] = {}
            for doc, code in enumerate(self.codes):
                if (code_key := _code_key(code)) is not None:
                    keys.setdefault(code_key, doc)
        doc = keys.get(key)
        if doc is None or not self.alive[doc]:
            return None
        allowed = self._filter_mask(filters) & self._scope_mask(filters.visible_statuses)
        return doc if allowed[doc] else None

    def _matching(self, query: str, filters: Filters, parsed: list[_Word] | None = None) -> _Found:
        """The matching docs; ``parsed`` reuses the words of an earlier call with the same query."""
        size = len(self.codes)
        allowed = self._filter_mask(filters)
        words = parsed if parsed is not None else self._parse(query, filters.visible_statuses)
        if all(w.weak for w in words):  # nothing, or only words that say how a query is put ("dự án",
            # "projects", "hình thức"): every project, as for an empty search
            return _Found(np.flatnonzero(allowed), -1, [])
        tally = self._tally(words, self._scope_mask(filters.visible_statuses))
        counts = np.where(allowed, tally.counts, 0)
        most = int(counts.max()) if size else 0
        if most < tally.everything and any(w.loose is not None for w in words):
            # no project writes every word with the marks typed ("Vân Phúc" for Vạn Phúc): the marks are
            # then a slip, and the words are matched as if typed without them
            loose = [replace(w, best=w.loose, loose=None, slip=True) if w.loose is not None else w for w in words]
            found = self._matching(query, filters, loose)
            if found.tally is not None and found.most == found.tally.everything:
                return found
        listed = tally.listed(most) & allowed
        if most == tally.everything and tally.everything > 1:
            # Every part matched by some: those first, then the ones matching at least half.
            complete = np.flatnonzero(listed & (counts == most))
            partial = np.flatnonzero(listed & (counts < most))
            docs = np.concatenate([complete, partial])
            split = len(complete) if len(partial) else -1
        else:  # one part, or none matching them all: those matching the most (or nothing)
            docs, split = np.flatnonzero(listed), (-1 if most == tally.everything else 0)
        stacked = tally.stacked
        chosen = stacked[:, docs]
        matched = chosen != NO_MATCH
        typos = np.zeros(size, dtype=np.int64)
        places = np.zeros(size, dtype=np.int64)
        typos[docs] = np.where(matched, chosen // 4, 0).sum(axis=0)
        places[docs] = np.where(matched, chosen % 4, 0).sum(axis=0)
        # For the order of partial matches: a missing place costs less than a missing topic word
        weights = np.array([1 if w.part is not None and w.part.places else 2 for w in tally.counted], dtype=np.int64)
        missing = ((stacked == NO_MATCH) * weights[:, None]).sum(axis=0)
        return _Found(docs, split, words, typos, places, missing, most, tally=tally)

    def _tally(self, words: list[_Word], scope: np.ndarray) -> _Tally:
        counted = [w for w in words if not w.weak] or words
        stacked = np.stack([w.best for w in counted])
        matched = stacked != NO_MATCH
        counts = matched.sum(axis=0, dtype=np.int16)
        # a letter or two being typed ("tr", not a number: "48"), or a word nearly every project in
        # view holds, says too little to list a project that has nothing else
        in_view = int(np.count_nonzero(scope))
        everywhere = EVERYWHERE * in_view
        carrying = [
            not (w.prefix and len(w.folded) <= 2 and not w.folded.isdigit())
            and not (
                in_view >= EVERYWHERE_FROM
                and np.count_nonzero(matched[i]) >= everywhere  # (cheap first: held anywhere)
                and np.count_nonzero(matched[i] & scope) >= everywhere
            )
            for i, w in enumerate(counted)
        ]
        strong = matched[carrying].sum(axis=0) if any(carrying) else counts
        return _Tally(counted, stacked, counts, strong)

    def _facet_counts(self, found: _Found, filters: Filters) -> dict[str, dict[str, int]]:
        """For each option of each facet: how many projects the query lists when that option alone
        is chosen there, the other filters kept. Each option has its own best match, as choosing it
        gives: where none of its projects matches every word, those matching the most are listed."""
        base = self._filter_mask(replace(filters, **{name: () for name in FACETS}))
        tally = found.tally
        levels = 1
        if tally is None:
            docs = np.flatnonzero(base)
        else:
            # only a project matching some part is ever listed
            docs = np.flatnonzero(base & (tally.counts >= 1))
            levels = 2 * (tally.everything + 1)
            level = tally.counts[docs].astype(np.int32) * 2 + (tally.strong[docs] > 0)
        chosen = {
            name: self._condition_mask(Condition(name, "in", getattr(filters, name)))[docs]
            for name in FACETS
            if getattr(filters, name)
        }
        counts: dict[str, dict[str, int]] = {}
        for name in FACETS:
            keep = None
            for other, mask in chosen.items():
                if other != name:
                    keep = mask if keep is None else keep & mask
            values = self.attributes[name][docs] if keep is None else self.attributes[name][docs[keep]]
            options = len(self.attribute_codes[name])
            # per option (after "none") and level (parts matched, carried by more than a letter or two)
            key = (values.astype(np.int32) + 1) * levels
            if tally is not None:
                key += level if keep is None else level[keep]
            table = np.bincount(key, minlength=(options + 1) * levels).reshape(options + 1, levels)[1:]
            listed = table.sum(axis=1) if tally is None else self._listed_per_option(table, tally.everything)
            codes = self.attribute_codes[name]
            order = sorted(np.flatnonzero(listed), key=lambda i: (-listed[i], codes[i]))
            counts[name] = {codes[i]: int(listed[i]) for i in order}
        return counts

    @staticmethod
    def _listed_per_option(table: np.ndarray, everything: int) -> np.ndarray:
        """From the projects per option, parts matched and carrying part (``table[o, 2 * parts +
        carried]``), how many a search restricted to each option lists (:meth:`_Tally.listed`)."""
        by_parts = table[:, 0::2] + table[:, 1::2]
        present = by_parts > 0
        most = np.where(present.any(axis=1), everything - np.argmax(present[:, ::-1], axis=1), 0)
        half = (everything + 1) // 2
        at_most = table[np.arange(len(most)), 2 * most + 1]  # carried
        partial = table[:, 2 * half + 1 : 2 * everything : 2].sum(axis=1)  # at least half, not all, carried
        listed = np.where(most > 0, at_most, 0)
        return listed + np.where((most == everything) & (everything > 1), partial, 0)

    def _parse(self, query: str, scope: tuple[str, ...]) -> list[_Word]:
        """The query's parts (:meth:`Lexicon.parse`), each matched against every project. How a
        part is read depends on the projects in ``scope`` (the stages visible), never on the
        filters chosen: a count beside a filter option is then what choosing it gives."""
        size = len(self.codes)
        allowed = self._scope_mask(scope)
        words: list[_Word] = []
        parts = self.lexicon.parse(self._from_telex(query), MAX_QUERY_CHARS, known=self._held)
        # a function word says how the query is put, not what it asks: it neither matches nor ranks
        # ("wastewater investment" lists and orders as "wastewater")
        parts = [part for part in parts if not (part.weak and tuple(part.typed.split()) in FUNCTION_WORDS)]
        for whole in parts[:MAX_QUERY_WORDS]:
            word = self._part_word(whole, size, self._context(whole, words), allowed, scope)
            if (
                len(whole.words) > 1
                and not (whole.places or whole.exact or whole.weak)
                and not (word.best[allowed] != NO_MATCH).any()
            ):
                # a term of several words that no project holds in any of its ways ("medical waste"):
                # its words one by one, so that the projects holding some of them are still found
                for part in self._its_words(whole):
                    words.append(self._part_word(part, size, self._context(part, words), allowed, scope))
            else:
                words.append(word)
                near = self._near(whole, word, size, allowed, scope)
                if near is not None:
                    words.append(near)
        return words

    def _near(self, whole: Part, word: _Word, size: int, allowed: np.ndarray, scope: tuple[str, ...]) -> _Word | None:
        """For a term of several words that few projects hold ("quan trắc môi trường"), a second part
        held by those and by the projects holding one of its own terms ("quan trắc", "monitoring")
        that is not common: the term's holders match both, and the others are listed after them, as
        matching some of the query ("quan trắc khí thải" is not environmental monitoring as written,
        but it is what a visitor looks for next). None when there is no such term."""
        # the words it is written with, or those an abbreviation stands for ("QTMT": quan trac moi truong)
        spelt = whole.alternatives[0] if len(whole.words) == 1 and whole.exact and whole.alternatives else ()
        words = list(spelt) or whole.words
        if len(words) < 2 or whole.places or (whole.exact and not spelt) or whole.weak or whole.whole:
            return None
        if word.best is None or whole.written:  # (a token counted only as written)
            return None
        held = int(np.count_nonzero(word.best[allowed] != NO_MATCH))
        if held >= NEAR_FEW:
            return None
        in_view = max(int(np.count_nonzero(allowed)), 1)
        typed = whole.typed if not spelt and len(whole.typed.split()) == len(words) else " ".join(words)
        read = self.lexicon.parse(typed + ("" if whole.prefix else " "), MAX_QUERY_CHARS, widest=len(words) - 1)
        main: tuple[int, _Word] | None = None  # its most telling term: the one the fewest projects hold
        for part in read:
            if not part.phrase or len(part.words) >= len(words) or part.places or part.weak:
                continue
            if tuple(part.typed.split()) in FUNCTION_WORDS:
                continue
            sub = self._part_word(part, size, None, allowed, scope)
            holders = int(np.count_nonzero(sub.best[allowed] != NO_MATCH)) if sub.best is not None else 0
            if holders and holders <= NEAR_SHARE * in_view and (main is None or holders < main[0]):
                main = (holders, sub)
        if main is None:
            return None
        sub = main[1]  # ranked and marked by its own terms: not "môi trường", which most projects say
        # marked only whole where it is a phrase ("quan trắc", not "quan" of "cơ quan quản lý")
        said = sub.part or Part([sub.folded], sub.typed)
        ways = [tuple(said.words), *said.alternatives]
        near = Part(said.words, said.typed, alternatives=ways, prefix=said.prefix)
        best = np.minimum(word.best, sub.best)
        return _Word(sub.folded, sub.typed, sub.prefix, dict(sub.terms), best, part=near, near=True)

    def _from_telex(self, query: str) -> str:
        """``query`` with each word typed in Telex with the keyboard tool off ("nuowcs thair") read as
        the word it makes ("nuoc thai"): only a word no project holds, and only into one some
        project holds (:mod:`catalogue.search.telex`), the commonest of its readings."""

        def known(word: str) -> int:
            term = self.vocab.get(canonical_word(word))  # as the words of texts are kept (lý, lí: "li")
            return int(self.doc_freq[term]) if term is not None and term < len(self.doc_freq) else 0

        def read(match: re.Match[str]) -> str:
            typed = match.group()
            if known(typed.lower()) or typed in self.lexicon.coded or typed.lower() in self.lexicon.technical:
                return typed  # a word of the catalogue, or a coded alias in capitals ("BOO" is not "bô")
            counted = [(known(reading), reading) for reading in telex.readings(typed)]
            best = max(counted, default=(0, ""))
            return best[1] if best[0] else typed

        return _ASCII_WORD_RE.sub(read, query)

    @staticmethod
    def _context(part: Part, before: list[_Word]) -> list[_Word] | None:
        """The parts before a word being typed, which its completions must follow, or before a short
        word, which its slips must follow (:meth:`_slips_after`); None otherwise."""
        short = len(part.words) == 1 and len(part.words[0]) <= SHORT_SLIP and not part.marked
        if (part.prefix or short) and not part.exact and any(not w.weak for w in before):
            return [w for w in before if not w.weak]
        return None

    def _its_words(self, part: Part) -> list[Part]:
        """A term's words one by one, each read as the lexicon reads a word alone: "air quality", which
        no project holds, is "air" (also "không khí") and "quality"."""
        typed = part.typed.split()
        if len(typed) != len(part.words):
            typed = part.words
        read = self.lexicon.parse(" ".join(typed) + ("" if part.prefix else " "), MAX_QUERY_CHARS, widest=1)
        if len(read) == len(part.words):
            return read
        return [Part([word], typed[i], prefix=part.prefix and i == len(typed) - 1) for i, word in enumerate(part.words)]

    def _scope_mask(self, scope: tuple[str, ...]) -> np.ndarray:
        """The projects of the stages in ``scope`` (every project when empty), made once a snapshot."""
        return self._filter_mask(Filters(visible_statuses=scope))

    def _filter_mask(self, filters: Filters) -> np.ndarray:
        """The documents that meet every condition of ``filters`` (the rules SQL applies too); read
        only, kept for the snapshot's next searches with the same filters (the last few)."""
        masks = self._mask_cache
        mask = masks.get(filters)
        if mask is None:
            mask = self.alive.copy()
            for condition in filters.conditions():
                mask &= self._condition_mask(condition)
            mask.flags.writeable = False
            if len(masks) >= MASKS_KEPT:  # the oldest goes; searches share this dict without a lock
                with contextlib.suppress(StopIteration, KeyError, RuntimeError):
                    masks.pop(next(iter(masks)))
            masks[filters] = mask
        return mask

    def _condition_mask(self, condition: Condition) -> np.ndarray:
        column, operator, value = condition.column, condition.operator, condition.value
        if operator == "in" and column == "code":
            chosen = np.zeros(len(self.alive), dtype=bool)
            chosen[[self.doc_of_code[c] for c in value if c in self.doc_of_code]] = True
            return chosen
        if operator == "in":
            return np.isin(self.attributes[column], [self.attribute_index[column].get(code, -2) for code in value])
        if operator == "published":
            return self.published
        if operator == "=":  # the demo flag (missing: false, as in SQL)
            return self.demo == value
        values = {"investment_vnd_bn": self.investment}[column]
        return values >= value if operator == ">=" else values <= value

    def _order(self, docs: np.ndarray, found: _Found, sort: str, needed: int, *, partial: bool = False) -> list[int]:
        """The best ``needed`` of ``docs`` in order; ``partial`` ranks those missing fewer parts first."""
        words = found.words
        rank = self.code_rank[docs]
        if sort in ("investment", "updated"):
            values = self.investment[docs] if sort == "investment" else self.updated[docs].astype(np.float64)
            values = np.where(np.isnan(values), -np.inf, values)
            return docs[np.lexsort((rank, -values))][:needed].tolist()
        if not words or sort == "code":
            return docs[np.argsort(rank)][:needed].tolist()
        # Cheap criteria for everything, the phrase check for the best few thousand, every
        # criterion for the best RERANK_DEPTH; ties at each cut go by code. Each tier comes whole
        # before the next, whatever the number asked for: a page further on continues the same order
        # (asking for 60 once re-ranked 60 on every criterion, and page 3 repeated projects of page 2).
        missing = found.missing[docs] if partial else np.zeros(len(docs), dtype=np.int64)
        key = (missing * 4096 + found.typos[docs].astype(np.int64) * 64 + found.places[docs]) * (1 << 22) + rank
        every, every_key = docs, key
        top, top_key = _smallest(docs, key, PHRASE_DEPTH)
        phrase = self._phrase_in_name(top, words)
        top_key = top_key + np.where(phrase, 0, 32 * (1 << 22))  # between a typo and a field step
        docs, key = _smallest(top, top_key, RERANK_DEPTH)
        later: list[int] = []
        if needed > len(docs):  # the rest of the phrase tier, then the rest by the cheap criteria
            later = _ranked(top, top_key, needed - len(docs), docs)
            if needed > len(docs) + len(later):
                later += _ranked(every, every_key, needed - len(docs) - len(later), top)
        places = self._word_places([int(d) for d in docs], words)
        accented = any(w.typed != w.folded for w in words)
        texts = self._texts([int(d) for d in docs]) if accented else {}  # names, for accents as typed
        found.texts.update(texts)  # the page's hits come from these docs: read once
        keyed = sorted(
            (
                (
                    int(found.missing[d]) if partial else 0,
                    *self._fine_key(int(d), words, places[int(d)], texts),
                ),
                int(k),
                int(d),
            )
            for d, k in zip(docs, key, strict=True)
        )
        return ([doc for _fine, _key, doc in keyed] + later)[:needed]

    def _word_places(self, docs: list[int], words: list[_Word]) -> dict[int, list[list[list[int]]]]:
        """Per project, per field group, per word of the query: where in the group the word's terms
        stand (an abbreviation read as its expansion, an English word as its key); the project's
        labels' terms follow its code in the codes-and-labels group. Read off the index's arrays
        for the matching places only, not word by word."""
        word_of_term: dict[int, list[int]] = {}
        for w, word in enumerate(words):
            for term in word.terms:
                word_of_term.setdefault(term, []).append(w)
        result = {doc: [[[] for _ in words] for _ in range(tokenseq.GROUPS)] for doc in docs}
        if not docs:
            return result
        table = tokenseq.lookup(word_of_term, len(self.terms))
        chosen = np.array(docs, dtype=np.int64)
        who, group, place, term, lengths = tokenseq.hits(self.tokens, self.token_starts, chosen, table)
        for k, g, at, t in zip(who.tolist(), group.tolist(), place.tolist(), term.tolist(), strict=True):
            for w in word_of_term[t]:
                result[docs[k]][g][w].append(at)
        labelled: dict[tuple[str, int], tuple[int, list[tuple[int, int]]]] = {}  # label → its length, (place, word)
        for k, doc in enumerate(docs):
            offset, per_word = int(lengths[k, META]), result[doc][META]
            for name in LABELLED:
                value = int(self.attributes[name][doc])
                if value < 0:
                    continue
                label = labelled.get((name, value))
                if label is None:
                    ids = self._label_ids(name, value)
                    found = [(j, w) for j, t in enumerate(ids) for w in word_of_term.get(t, ())]
                    label = labelled[(name, value)] = (len(ids), found)
                for j, w in label[1]:
                    per_word[w].append(offset + j)
                offset += label[0]
        return result

    def _label_ids(self, name: str, value: int) -> list[int]:
        ids = self._label_cache.get((name, value))
        if ids is None:
            terms = self._label_terms(name, self.attribute_codes[name][value])
            ids = self._label_cache[(name, value)] = [self.vocab.get(t, -1) for t in terms]
        return ids

    def _phrase_in_name(self, docs: np.ndarray, words: list[_Word]) -> np.ndarray:
        """Whether each project's name holds the query's words in order as a phrase (a part of
        several words standing for its words in turn; a kind of place written alone left out)."""
        names = tokenseq.names(self.tokens, self.token_starts, docs, NAME_WIDTH)
        found = np.zeros(len(docs), dtype=bool)
        slots = [terms for word in words if not word.weak for terms in (word.own or [word.terms])]
        hits = [tokenseq.lookup(terms, len(self.terms))[names + 1] for terms in slots]
        for start in range(max(NAME_WIDTH - len(hits) + 1, 0)):
            run = np.ones(len(docs), dtype=bool)
            for offset, hit in enumerate(hits):
                run &= hit[:, start + offset]
            found |= run
        return found

    def _fine_key(
        self,
        doc: int,
        words: list[_Word],
        places: list[list[list[int]]],
        texts: dict[int, tuple],
    ) -> tuple[int, int, int, int, int, int, int]:
        """(typos, -places that are the project's own, -words with their marks as typed, tier,
        proximity, field, -those in the name): lower is better. ``places``: see _word_places."""
        active = [w for w, word in enumerate(words) if word.best[doc] != NO_MATCH]  # what this project matched
        positions = [[per_word[w] for w in active] for per_word in places]
        # Names above the rest, and within a field a phrase above scattered words:
        # 0 phrase in the name, 1 all words in the name, 2 a phrase in one other field,
        # 3 all words in one other field, 4 the words spread over fields.
        best = (4, 8 * len(words), 4)
        for field_rank, per_word in enumerate(positions):
            if per_word and all(per_word):
                proximity = _proximity(per_word)
                tier = (0 if proximity == 0 else 1) if field_rank == NAME else (2 if proximity == 0 else 3)
                best = min(best, (tier, proximity, field_rank))
        matched = [int(w.best[doc]) for w in words if w.best[doc] != NO_MATCH]
        typos = sum(q // 4 for q in matched)
        if best[0] == 4:
            best = (4, best[1], sum(q % 4 for q in matched))
        # the words typed with marks written so anywhere ("Tân Hòa", not "tấn" and "hoạt"), then in the name
        anywhere = self._accents_as_typed(doc, words, texts, len(TEXT_FIELDS))
        return typos, -self._there(doc, words), -anywhere, *best, -self._accents_as_typed(doc, words, texts)

    def _there(self, doc: int, words: list[_Word]) -> int:
        """How many of the places the query names are this project's own ward or district (not
        only words of its text): a project there outranks one that merely mentions the place."""
        count = 0
        for word in words:
            places = word.part.places if word.part is not None else ()
            count += any(
                self.attribute_index[name].get(code, -2) == self.attributes[name][doc] for name, code in places
            )
        return count

    def _accents_as_typed(self, doc: int, words: list[_Word], texts: dict[int, tuple], fields: int = 2) -> int:
        """How many of the words typed with marks the project writes with the same marks, in its
        first ``fields`` texts (the names; all of them with ``len(TEXT_FIELDS)``)."""
        accented = _marked_syllables(tuple((w.typed, w.folded) for w in words))
        if not accented or doc not in texts:
            return 0
        text = " ".join(value for value in texts[doc][:fields] if isinstance(value, str))
        tokens = {accent_key(t) for t in _WORD_RE.findall(text)}
        return sum(1 for word in accented if word in tokens)

    def _texts(self, docs: list[int]) -> dict[int, tuple]:
        """The texts (``TEXT_FIELDS``) of ``docs``, read from the database: the index keeps none."""
        cache = self._text_cache
        found = {doc: cache[doc] for doc in docs if doc in cache}
        codes = {self.codes[doc]: doc for doc in docs if doc not in found}
        if not codes:
            return found
        with self.catalogue.cursor() as cur:
            # a list of parameters, not "in (select unnest(?))": DuckDB then filters the scan by the
            # codes' range (1.9 ms for 20 projects of 100,000, against 15 ms for the join)
            marks = ", ".join("?" * len(codes))
            rows = cur.execute(
                f"select code, {', '.join(TEXT_FIELDS)} from projects where code in ({marks})", list(codes)
            ).fetchall()
        for row in rows:
            found[codes[row[0]]] = cache[codes[row[0]]] = tuple(row[1:])
        while len(cache) > TEXT_CACHE:  # the oldest go; searches share this dict without a lock
            with contextlib.suppress(StopIteration, KeyError, RuntimeError):
                cache.pop(next(iter(cache)))
        return found

    def _suggestion(self, words: list[_Word]) -> str:
        """A query from the catalogue's own words when nothing was found ("did you mean"): each word
        that matched nothing replaced by the most common word a little further than a typo away
        (same first letter), or split in two words the catalogue holds ("socson" → "sóc sơn"),
        written as a project writes it; "" unless every such word has one."""
        out = []
        for word in words:
            exact = word.part is not None and word.part.exact
            if exact or (word.best is not None and (word.best != NO_MATCH).any()) or not word.folded.isalpha():
                out.append(word.typed)
                continue
            if word.part is not None and word.part.marked:  # "thủy" is meant as typed: not "thu"
                return ""
            close = self._closest(word.folded) or self._split(word.folded)
            if close is None:
                return ""
            out.append(close)
        suggestion = " ".join(out)
        return suggestion if suggestion != " ".join(w.typed for w in words) else ""

    def _split(self, folded: str) -> str | None:
        """Two words the catalogue holds that ``folded`` runs together, the commonest pair."""
        freq = self.doc_freq
        best: tuple[int, str] | None = None
        for cut in range(3, len(folded) - 2):  # halves of three letters or more
            left, right = self.vocab.get(folded[:cut]), self.vocab.get(folded[cut:])
            if left is not None and right is not None and left < len(freq) and right < len(freq):
                together = min(int(freq[left]), int(freq[right]))
                if together and (best is None or together > best[0]):
                    best = (together, f"{self._written(left)} {self._written(right)}")
        return best[1] if best else None

    def _closest(self, folded: str) -> str | None:
        """The commonest word one typo further than a search forgives, for a word of 8 letters or more
        ("wasteeeewater"); two typos in a short word make another word ("tons" is not "thống",
        "project" not "product"): no suggestion then."""
        if typo_budget(folded) < 2:
            return None
        budget = min(3, typo_budget(folded) + 1)
        best: tuple[int, int, int] | None = None
        for length in range(max(1, len(folded) - budget), len(folded) + budget + 1):
            bucket = self.alpha_by_length.get(length)
            if bucket is None:
                continue
            for term_word, distance, position in process.extract(
                folded, bucket[0], scorer=OSA.distance, score_cutoff=budget, limit=None
            ):
                if term_word[:1] != folded[:1]:  # people rarely miss the first letter ("pottery" is not "battery")
                    continue
                term = int(bucket[1][position])
                candidate = (int(distance), -int(self.doc_freq[term]) if term < len(self.doc_freq) else 0, term)
                best = candidate if best is None or candidate < best else best
        if best is None or best[1] == 0:
            return None
        return self._written(best[2])

    def _written(self, term: int) -> str:
        """A term as the first project holding it writes it (with its marks), else the term."""
        wanted = self.terms[term]
        for docs, _fields in self._postings(term):
            for text in self._texts([int(docs[0])]).get(int(docs[0]), ()):
                for match in _WORD_RE.finditer(text or ""):
                    word = match.group().lower()
                    folded = search_fold(word).split()
                    # the word itself, not what it abbreviates; an English key ("closur") as written ("closure")
                    if wanted in folded or (len(folded) == 1 and english_key(folded[0]) == wanted):
                        return word
        return wanted

    def _hits(self, page: list[int], words: list[_Word], offset: int, known: dict[int, tuple]) -> list[SearchHit]:
        # what a weak word ("hình thức", "phường") matched is not why a project is listed
        terms = {self.terms[t] for w in words if not w.weak for t in w.terms}
        # a card marks what its project matched: not "chế" of "chế tạo" for "chế phẩm sinh học", which
        # a project listed for "sinh học" alone does not hold (one marking per set of words matched)
        markings = {tuple(range(len(words))): self._marking(words)}
        marks = markings[tuple(range(len(words)))].marks
        # why a project is listed: a label holding a word, or the very place, agency or stage named
        # (not the PPP form's "công" for "Sở Công Thương", nor Hà Đông for "Đông Anh")
        named = [pair for w in words if not w.weak and w.part is not None for pair in w.part.places]
        strong = [w for w in words if not w.weak]
        in_labels = {self.terms[t] for w in strong if not (w.part and w.part.places) for t in w.terms}
        hits = []
        texts = {**known, **self._texts([doc for doc in page if doc not in known])}
        for rank, doc in enumerate(page, start=offset):
            row = dict(zip(TEXT_FIELDS, texts.get(doc, ("",) + (None,) * (len(TEXT_FIELDS) - 1)), strict=True))
            held = tuple(i for i in range(len(words)) if not self._listed_for_near(words, i, doc))
            marking = markings.get(held)
            if marking is None:
                marking = markings[held] = self._marking([words[i] for i in held])
            highlights = (
                {
                    name: spans
                    for name in HIGHLIGHT_FIELDS
                    if (
                        spans := _outside_unsearched(
                            row.get(name),
                            self._spans(row.get(name), marking),
                        )
                    )
                }
                if terms
                else {}
            )
            labels = tuple(
                name
                for name in LABELLED
                if (in_labels and self._label_holds(doc, name, in_labels, marks)) or self._named_here(doc, name, named)
            )
            # the labels that say a word as it matched; with nothing marked and none so, those holding one
            unshown = self._unshown(doc, labels, strong, row, highlights, marks) if labels else ()
            if not unshown and not highlights:
                unshown = labels
            hits.append(
                SearchHit(
                    self.codes[doc],
                    round(1.0 / (1 + rank), 6),
                    row["name_vi"],
                    row["name_en"],
                    highlights,
                    labels,
                    unshown,
                )
            )
        return hits

    def _unshown(
        self,
        doc: int,
        labels: tuple[str, ...],
        words: list[_Word],
        row: dict[str, Any],
        highlights: dict[str, list[tuple[int, int]]],
        marks: dict[str, str],
    ) -> tuple[str, ...]:
        """Those of ``labels`` that hold a word of the query no marked word of the texts stands for
        ("khí thải" of "khí thải lò hơi" only in the category of a boiler-filter project)."""
        shown = {
            term
            for name, spans in highlights.items()
            for start, end in spans
            for term in self._word_terms(row[name][start:end].lower())
        }
        missing = [w for w in words if not any(self.terms[t] in shown for t in w.terms)]
        return tuple(name for name in labels if any(self._label_says(doc, name, w, marks) for w in missing))

    def _named_here(self, doc: int, name: str, named: list[tuple[str, str]]) -> bool:
        """Whether project ``doc``'s ``name`` is one of the places, agencies or stages ``named`` (attribute, code)."""
        return any(self.attribute_index[a].get(code, -2) == self.attributes[a][doc] for a, code in named if a == name)

    def _label_says(self, doc: int, name: str, word: _Word, marks: dict[str, str]) -> bool:
        """Whether project ``doc``'s label of ``name`` says ``word`` as the search matched it: a named place
        or agency by its code, a phrase whole in one of its ways (not "chế" of "tái chế" in "chế phẩm",
        nor "nghề" of "làng nghề" through "Trade"), another word by one of its terms."""
        part = word.part
        if part is not None and part.places:
            return self._named_here(doc, name, part.places)
        if part is not None and part.phrase:
            value = int(self.attributes[name][doc])
            ways = [word.own] if word.own else []
            ways += [[self._candidates(w, False, True) for w in other] for other in part.alternatives]
            return value >= 0 and any(value in self._label_saying(way).get(name, ()) for way in ways)
        return self._label_holds(doc, name, {self.terms[t] for t in word.terms}, marks)

    @staticmethod
    def _listed_for_near(words: list[_Word], i: int, doc: int) -> bool:
        """Whether ``doc`` is listed for the most telling term of part ``i`` (:meth:`_near`) without
        holding part ``i`` itself: then the part's own words are not marked in it."""
        word = words[i]
        after = words[i + 1] if i + 1 < len(words) else None
        return after is not None and after.near and word.best is not None and word.best[doc] == NO_MATCH

    def _marking(self, words: list[_Word]) -> _Marking:
        """What a card whose project matched ``words`` marks (:meth:`_highlighting`)."""
        in_text, phrases, marks = self._highlighting(words)
        starts: dict[str, list[tuple[str, ...]]] = {}
        for phrase in phrases:
            starts.setdefault(phrase[0], []).append(phrase)
        return _Marking(in_text, marks, starts)

    def _highlighting(self, words: list[_Word]) -> tuple[set[str], set[tuple[str, ...]], dict[str, str]]:
        """What a card marks: the terms of the words typed, marked word by word; the phrases marked only
        where they stand whole (a named place's or agency's ways, "công" of "Sở Công Thương" not in "cụm
        công nghiệp"; a translation's or an expansion's, "nhà" of "mái nhà" for "rooftop" not in "Nhà
        máy"); and the syllables typed with marks some project writes so (folded → accent key): other
        spellings are not marked ("khi" in "trước khi" for "khí thải"), unless the marks were a slip."""
        in_text: set[str] = set()
        phrases: set[tuple[str, ...]] = set()
        marks: dict[str, str] = {}
        for w in words:
            if w.weak:
                continue
            part = w.part
            if part is None:
                in_text.update(self.terms[t] for t in w.terms)
                continue
            own = [tuple(part.words)] if part.places else []
            in_text.update(self.terms[t] for way in ([] if part.places else w.own) for t in way)
            for way in (*own, *part.alternatives):
                if len(way) > 1:
                    phrases.add(tuple(_phrase_key(word) for word in way))
                else:
                    in_text.update(self.terms[t] for t in self._candidates(way[0], False, True))
            if not w.slip:
                for folded, key in _typed_marks(part):
                    term = self.vocab.get(folded)
                    if term is not None and key in self.mark_classes.get(term, {}):
                        marks[folded] = key
        return in_text, phrases, marks

    def _label_holds(self, doc: int, name: str, terms: set[str], marks: dict[str, str] | None = None) -> bool:
        """Whether project ``doc``'s label of ``name`` holds one of ``terms`` (why a project whose
        texts do not have the words is listed: its type says "waste-to-energy"), a syllable of ``marks``
        with the marks typed ("vận chuyển" does not hold "vạn")."""
        value = int(self.attributes[name][doc])
        if value < 0:
            return False
        code = self.attribute_codes[name][value]
        held = self._label_cache.get(("term set", name, code))
        if held is None:
            held = self._label_cache[("term set", name, code)] = frozenset(self._label_terms(name, code))
        return any(
            term not in marks or self._label_marks(name, value, term, marks[term]) if marks else True
            for term in held & terms
        )

    def _spans(self, text: Any, marking: _Marking) -> list[tuple[int, int]]:
        """Where the words of ``text`` that matched the query stand (start, end): those marked one by
        one, and the words of a phrase marked only whole where it stands so (one pass over the words;
        each word decided once a search: 1 marked, 2 the first of a phrase)."""
        if not isinstance(text, str) or not text:
            return []
        spans = []
        seen, starts = marking.seen, marking.starts
        matches = list(_MARKED_RE.finditer(text))
        begins = []
        for at, match in enumerate(matches):
            word = match.group()
            flags = seen.get(word)
            if flags is None:
                flags = seen[word] = self._marks(word, marking.terms, marking.marks) | (
                    2 if starts and _folded_key(word) in starts else 0
                )
            if flags & 1:
                spans.append((match.start(), match.end()))
            if flags & 2:
                begins.append(at)
        if not begins:
            return spans
        marked = set(spans)
        for at in begins:
            for phrase in starts[_folded_key(matches[at].group())]:
                following = matches[at : at + len(phrase)]
                if tuple(_folded_key(m.group()) for m in following) == phrase:
                    marked.update((m.start(), m.end()) for m in following)
        return sorted(marked)

    def _marks(self, word: str, terms: set[str], marks: dict[str, str] | None = None) -> bool:
        """Whether a word of a text is marked as matching ``terms`` (decided once a search per word), and
        for a syllable of ``marks`` (folded → accent key typed), written with those marks or none."""
        lower = word.lower()
        if lower in FUNCTION_TYPED:  # "và" of an expansion ("tài nguyên và môi trường")
            return False
        if marks and not lower.isascii():
            key = marks.get(search_fold(lower))
            if key is not None and accent_key(lower) != key:
                return False
        if not word.isalnum():  # "5.000", "5,000": the number 5000
            lower = lower.replace(".", "").replace(",", "")
        return any(term in terms for term in self._word_terms(lower))

    def memory_bytes(self) -> int:
        """Bytes held by the index's arrays (the Python lists of codes and names come on top)."""
        arrays = [self.post_docs, self.post_fields, self.post_offsets, self.doc_freq]
        arrays += [self.tokens, self.token_starts, *([self._positions] if self._positions else [])]
        arrays += [self.investment, self.updated, self.demo, self.published, self.alive]
        arrays += [self.code_rank, *self.attributes.values()]
        return int(sum(a.nbytes for a in arrays))


@functools.lru_cache(maxsize=4096)
def _marked_syllables(typed: tuple[tuple[str, str], ...]) -> list[str]:
    """The accent keys of the syllables typed with marks, of words (as typed, folded) typed so: "khu"
    of "khu công nghiệp" has no marks to agree with."""
    return [
        accent_key(syllable)
        for written, folded in typed
        if written != folded
        for syllable in written.split()
        if search_fold(syllable) != syllable
    ]


# Words of the texts → their keys as a phrase to mark compares them (a pure function of the word, so
# shared by every search and snapshot; emptied when it grows past PHRASE_KEYS words)
_PHRASE_KEYS: dict[str, str] = {}
PHRASE_KEYS = 200_000


def _folded_key(word: str) -> str:
    """A word of a text as a phrase to mark compares it (remembered: see _PHRASE_KEYS)."""
    key = _PHRASE_KEYS.get(word)
    if key is None:
        if len(_PHRASE_KEYS) > PHRASE_KEYS:
            _PHRASE_KEYS.clear()
        key = _PHRASE_KEYS[word] = _phrase_key(search_fold(word))
    return key


def _phrase_key(folded: str) -> str:
    """A folded word as a phrase to mark compares it: an English word by its key ("wastes", "waste")."""
    return english_key(folded) if folded.isascii() and folded.isalpha() else folded


def _typed_marks(part: Part) -> list[tuple[str, str]]:
    """(folded syllable, accent key) of each of the part's own words typed with marks ("vạn" of "Vạn
    Phúc"); none for a part whose words are not those typed (an abbreviation's expansion)."""
    typed = part.typed.split()
    if part.typed.isascii() or len(typed) != len(part.words):
        return []
    return [
        (folded, accent_key(syllable))
        for syllable, folded in zip(typed, part.words, strict=True)
        if syllable != folded and search_fold(syllable) == folded
    ]


def _named_places(ref: Reference) -> list[tuple[str, str, list[str]]]:
    """What a query can name whole, as (attribute, code, names in any language): the 2025 wards and
    the former districts; an investment form ("public investment", "xã hội hóa"), the projects in that
    form; a stage ("đang kêu gọi đầu tư", "investor selected"), the projects at that
    stage; an agency ("Sở Công Thương", "DOIT", "Sở TN&MT"), the projects it leads or its successor
    since 2025 leads, not every text with "công" and "thương" in it."""

    def names(enum: Enumeration, code: str) -> list[str]:
        return [text for lang in LANGUAGES if (text := enum.labels[code].as_dict().get(lang))]

    places = [
        (name, code, names(enum, code))
        for name, enum in (("ward", ref.wards), ("district", ref.districts))
        for code in enum.labels
    ]
    places += [  # (an alias in capitals, "BOT", names it only as typed so: Lexicon.coded; "bot" is a word)
        (
            "investment_form",
            code,
            [*names(ref.forms, code), *(a for a in ref.forms.aliases.get(code, ()) if not _capitals(a))],
        )
        for code in ref.forms.labels
    ]
    places += [
        ("status", code, [*names(ref.statuses, code), *ref.statuses.aliases.get(code, ())])
        for code in ref.statuses.labels
    ]
    for code in ref.agencies.labels:
        called = [*names(ref.agencies, code), *ref.agencies.aliases.get(code, ())]
        places += [("lead_agency", led, called) for led in dict.fromkeys((code, ref.agency_successor.get(code, code)))]
    return places


def _capitals(alias: str) -> bool:
    """An alias in capitals, as Lexicon reads coded values' aliases ("BOT", "ODA")."""
    return alias.isalpha() and alias.isupper() and len(alias) <= 6


def _ranked(docs: np.ndarray, key: np.ndarray, count: int, before: np.ndarray) -> list[int]:
    """The ``count`` of ``docs`` with the smallest ``key`` in its order, leaving out those of ``before``."""
    kept = ~np.isin(docs, before)
    docs, key = _smallest(docs[kept], key[kept], count)
    return docs[np.argsort(key, kind="stable")].tolist()


def _smallest(docs: np.ndarray, key: np.ndarray, count: int) -> tuple[np.ndarray, np.ndarray]:
    if len(docs) <= count:
        return docs, key
    keep = np.argpartition(key, count - 1)[:count]
    return docs[keep], key[keep]


def _proximity(per_word: list[list[int]]) -> int:
    """0 when the words stand as a phrase in order; else the summed gaps (each capped at 8)."""
    total = 0
    for before, after in itertools.pairwise(per_word):
        gap = min((abs(b - a - 1) + (1 if b < a else 0) for a in before for b in after), default=8)
        total += min(gap, 8)
    return total


def _microseconds(values: pd.Series) -> np.ndarray:
    stamps = pd.to_datetime(values)
    return np.where(stamps.isna(), 0, stamps.astype("int64") // 1000).astype(np.int64)
