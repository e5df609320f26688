"""Search that understands Vietnamese: accent-blind, typo-tolerant, bilingual, instant.

An in-memory inverted index built once per process from the ``projects`` table and kept in
step with it: a write marks the index stale, and the next search folds in just the rows
changed since (a delta); a full rebuild happens only when the delta grows large or the
synonyms change.

Matching, per query word: the exact folded word (accents, case, punctuation, đ/d, i/y all
blind, see :func:`normalize.search_fold`), words within an edit distance that grows with
word length (1 from three letters, 2 from six: Vietnamese syllables are short), every word
starting with the last query word while it is being typed, and the expansion of an
abbreviation from the synonyms table (KCN → khu công nghiệp), which is applied to
documents too.

Ranking, in order (Meilisearch's bucket sort, adapted): more query words matched; fewer
typos; the words as a phrase, then closer together; in the name before the code and place,
before the description, before the rest; the words as typed with their accents; the code.
"""

from __future__ import annotations

import bisect
import itertools
import re
import threading
import time
import unicodedata
from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA

from .filters import Filters
from .normalize import search_fold

if TYPE_CHECKING:
    from .core import Catalogue

MAX_QUERY_CHARS = 200
MAX_QUERY_WORDS = 10
RERANK_DEPTH = 120
NO_MATCH = 255
# Field groups, best first.
NAME, META, DESC, OTHER = 0, 1, 2, 3
HIGHLIGHT_FIELDS = ("name_vi", "name_en", "description_vi", "description_en")
FACETS = ("category", "district", "status", "investment_form", "lead_agency")
# Row positions (see _load_rows) of the coded attributes the index filters on.
ATTRIBUTES = {"category": 7, "district": 8, "ward": 9, "lead_agency": 10, "investment_form": 11, "status": 12}
NAME_WIDTH = 32  # name terms kept per project for the vectorised phrase check
SORTS = ("relevance", "investment", "updated", "code")
_WORD_RE = re.compile(r"\w+", re.UNICODE)


def typo_budget(word: str) -> int:
    """Typos allowed in a folded word: none up to 2 letters, 1 from 3, 2 from 6; none in numbers."""
    if not word.isalpha() or len(word) < 3:
        return 0
    return 1 if len(word) < 6 else 2


@dataclass(frozen=True)
class SearchHit:
    """One result: ``highlights`` maps a field to the (start, end) spans that matched."""

    code: str
    score: float
    name_vi: str
    name_en: str | None
    highlights: dict[str, list[tuple[int, int]]] = field(default_factory=dict)


@dataclass(frozen=True)
class SearchResult:
    hits: list[SearchHit]
    total: int
    facets: dict[str, dict[str, int]]
    words_matched: int = 0
    words: int = 0


@dataclass
class _Word:
    folded: str
    typed: str  # lower-case NFC as typed, accents kept
    prefix: bool
    terms: dict[int, int] = field(default_factory=dict)  # term id -> typos (prefix matches count 0)
    best: np.ndarray | None = None  # per document: typos * 4 + field, NO_MATCH if absent


class SearchIndex:
    """The search index of one catalogue; thread-safe; see the module docstring."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self._lock = threading.RLock()
        self._stale = False
        self._rebuild_needed = True
        self.build_seconds = 0.0
        catalogue.on_change(self._on_change)
        self._build()

    # --- building ---------------------------------------------------------------------

    def _on_change(self, event: str) -> None:
        self._stale = True
        if event == "synonyms":
            self._rebuild_needed = True

    def _load_rows(self, since: Any = None) -> list[tuple]:
        sql = (
            "select code, name_vi, name_en, description_vi, description_en, address, capacity, category, district, "
            "ward, lead_agency, investment_form, status, investment_vnd_bn, updated_at, coalesce(demo, false) "
            "from projects"
        )
        params: list[Any] = []
        if since is not None:
            sql += " where updated_at >= ?"
            params.append(since)
        with self.catalogue.cursor() as cur:
            return cur.execute(sql + " order by code", params).fetchall()

    def _synonyms(self) -> dict[str, list[str]]:
        with self.catalogue.cursor() as cur:
            rows = cur.execute("select term, expansion from synonyms").fetchall()
        return {search_fold(term).strip(): search_fold(expansion).split() for term, expansion in rows}

    def _build(self) -> None:
        started = time.perf_counter()
        self.synonyms = self._synonyms()
        rows = self._load_rows()
        self.codes: list[str] = []
        self.doc_of_code: dict[str, int] = {}
        self.vocab: dict[str, int] = {}
        self.terms: list[str] = []
        self.doc_terms: list[array] = []
        self.names: list[tuple[str, str | None]] = []
        self.facet_codes: dict[str, list[str]] = {name: [] for name in ATTRIBUTES}
        self.facet_index: dict[str, dict[str, int]] = {name: {} for name in ATTRIBUTES}
        facet_values: dict[str, list[int]] = {name: [] for name in ATTRIBUTES}
        self._investment: list[float] = []
        self._updated: list[int] = []
        self._demo: list[bool] = []
        self._alive: list[bool] = []
        post_term, post_doc, post_field = array("i"), array("i"), array("b")
        for doc, fields in enumerate(self._documents(rows)):
            self._add_doc_attributes(rows[doc], facet_values)
            for term, best_field in self._tokenise(doc, fields).items():
                post_term.append(term)
                post_doc.append(doc)
                post_field.append(best_field)
        self._facet_arrays = {name: np.array(values, dtype=np.int32) for name, values in facet_values.items()}
        self.investment = np.array(self._investment, dtype=np.float64)
        self.updated = np.array(self._updated, dtype=np.int64)
        self.demo = np.array(self._demo, dtype=bool)
        self.alive = np.array(self._alive, dtype=bool)
        terms = np.frombuffer(post_term, dtype=np.int32)
        order = np.lexsort((np.frombuffer(post_doc, dtype=np.int32), terms))
        self.post_docs = np.frombuffer(post_doc, dtype=np.int32)[order]
        self.post_fields = np.frombuffer(post_field, dtype=np.int8)[order].astype(np.uint8)
        self.post_offsets = np.searchsorted(terms[order], np.arange(len(self.terms) + 1)).astype(np.int64)
        self.name_matrix = _name_matrix(self.doc_terms)
        self.main_terms = len(self.terms)
        self.delta: dict[int, list[tuple[int, int]]] = {}
        self.delta_terms: list[tuple[str, int]] = []
        self.delta_docs = 0
        self._index_vocabulary()
        self._last_sync = max((row[14] for row in rows if row[14] is not None), default=None)
        self._stale = False
        self._rebuild_needed = False
        self.build_seconds = time.perf_counter() - started

    def _documents(self, rows: list[tuple]) -> Iterable[list[str]]:
        """Each row's four field groups as folded text (one translate over all rows)."""
        ref = self.catalogue.reference
        texts: list[str] = []
        for row in rows:
            (code, name_vi, name_en, desc_vi, desc_en, address, capacity, category, district, ward, agency, form) = row[
                :12
            ]
            meta = [code, *_labels(ref.categories, category), *_labels(ref.districts, district)]
            meta += [*_labels(ref.wards, ward), *_labels(ref.forms, form), *_agency_labels(ref, agency)]
            texts += [
                f"{name_vi or ''} {name_en or ''}",
                " ".join(meta),
                f"{desc_vi or ''} {desc_en or ''}",
                f"{address or ''} {capacity or ''}",
            ]
        folded = search_fold("\x1e".join(texts)).split("\x1e") if texts else []
        for start in range(0, len(folded), 4):
            yield folded[start : start + 4]

    def _tokenise(self, doc: int, fields: list[str]) -> dict[int, int]:
        """Record the document's term sequence; return each term's best field."""
        vocab, terms, synonyms = self.vocab, self.terms, self.synonyms
        best: dict[int, int] = {}
        sequence = array("i")
        for rank, text in enumerate(fields):
            words = text.split()
            expansions = [e for w in words if w in synonyms for e in synonyms[w]]
            for word in words + expansions:
                term = vocab.get(word)
                if term is None:
                    term = vocab[word] = len(terms)
                    terms.append(word)
                sequence.append(term)
                if term not in best:
                    best[term] = rank
            sequence.append(-1 - rank)  # field boundary
        self.doc_terms.append(sequence)
        return best

    def _add_doc_attributes(self, row: tuple, facet_values: dict[str, list[int]]) -> None:
        code = row[0]
        self.doc_of_code[code] = len(self.codes)
        self.codes.append(code)
        self.names.append((row[1], row[2]))
        for name, position in ATTRIBUTES.items():
            facet_values[name].append(self._facet_id(name, row[position]))
        self._investment.append(np.nan if row[13] is None else float(row[13]))
        self._updated.append(0 if row[14] is None else int(row[14].timestamp() * 1e6))
        self._demo.append(bool(row[15]))
        self._alive.append(True)

    def _facet_id(self, name: str, value: str | None) -> int:
        if value is None:
            return -1
        index = self.facet_index[name]
        if value not in index:
            index[value] = len(self.facet_codes[name])
            self.facet_codes[name].append(value)
        return index[value]

    def _index_vocabulary(self) -> None:
        """Helpers for typo and prefix look-ups over the terms."""
        self.doc_freq = np.diff(self.post_offsets)
        by_length: dict[int, list[int]] = {}
        for term_id, term in enumerate(self.terms):
            if term.isalpha():
                by_length.setdefault(len(term), []).append(term_id)
        self.alpha_by_length = {
            length: ([self.terms[t] for t in ids], np.array(ids, dtype=np.int32)) for length, ids in by_length.items()
        }
        order = sorted(range(len(self.terms)), key=self.terms.__getitem__)
        self.sorted_terms = [self.terms[t] for t in order]
        self.sorted_ids = order

    # --- keeping in step --------------------------------------------------------------

    def sync(self) -> None:
        """Fold in what changed since the last search (cheap), or rebuild if needed."""
        if not self._stale:
            return
        with self._lock:
            if not self._stale:
                return
            if self._rebuild_needed:
                self._build()
                return
            self._stale = False  # a write landing during this sync marks it stale again
            rows = self._load_rows(self._last_sync)
            if self.delta_docs + len(rows) > max(1000, len(self.codes) // 20):
                self._build()
                return
            self._apply_delta(rows)

    def _apply_delta(self, rows: list[tuple]) -> None:
        facet_values: dict[str, list[int]] = {name: [] for name in ATTRIBUTES}
        self._investment, self._updated, self._demo, self._alive = [], [], [], []
        alive = self.alive.copy()
        for row, fields in zip(rows, self._documents(rows), strict=True):
            old = self.doc_of_code.get(row[0])
            if old is not None:
                alive[old] = False  # the old version is a tombstone from now on
            doc = len(self.codes)
            self._add_doc_attributes(row, facet_values)
            for term, best_field in self._tokenise(doc, fields).items():
                self.delta.setdefault(term, []).append((doc, best_field))
            if row[14] is not None and (self._last_sync is None or row[14] > self._last_sync):
                self._last_sync = row[14]
        self.delta_docs += len(rows)
        for name in ATTRIBUTES:
            self._facet_arrays[name] = np.concatenate(
                [self._facet_arrays[name], np.array(facet_values[name], np.int32)]
            )
        self.investment = np.concatenate([self.investment, np.array(self._investment, dtype=np.float64)])
        self.updated = np.concatenate([self.updated, np.array(self._updated, dtype=np.int64)])
        self.demo = np.concatenate([self.demo, np.array(self._demo, dtype=bool)])
        self.alive = np.concatenate([alive, np.array(self._alive, dtype=bool)])
        self.name_matrix = np.concatenate([self.name_matrix, _name_matrix(self.doc_terms[len(self.name_matrix) :])])
        new_terms = range(self.main_terms, len(self.terms))
        self.delta_terms = [(self.terms[t], t) for t in new_terms]

    # --- matching ---------------------------------------------------------------------

    def _postings(self, term: int) -> tuple[np.ndarray, np.ndarray]:
        if term < self.main_terms:
            start, end = self.post_offsets[term], self.post_offsets[term + 1]
            docs, fields = self.post_docs[start:end], self.post_fields[start:end]
        else:
            docs, fields = np.empty(0, np.int32), np.empty(0, np.uint8)
        extra = self.delta.get(term)
        if extra:
            docs = np.concatenate([docs, np.array([d for d, _ in extra], np.int32)])
            fields = np.concatenate([fields, np.array([f for _, f in extra], np.uint8)])
        return docs, fields

    def _candidates(self, word: _Word) -> dict[int, int]:
        """Terms that ``word`` matches, each with its typo count."""
        found: dict[int, int] = {}
        exact = self.vocab.get(word.folded)
        if exact is not None:
            found[exact] = 0
        budget = typo_budget(word.folded)
        if budget:
            for length in range(len(word.folded) - budget, len(word.folded) + budget + 1):
                bucket = self.alpha_by_length.get(length)
                if bucket is None:
                    continue
                for _term, distance, position in process.extract(
                    word.folded, bucket[0], scorer=OSA.distance, score_cutoff=budget, limit=None
                ):
                    term_id = int(bucket[1][position])
                    found[term_id] = min(found.get(term_id, budget), int(distance))
            for term, term_id in self.delta_terms:
                if term.isalpha() and abs(len(term) - len(word.folded)) <= budget:
                    distance = OSA.distance(word.folded, term, score_cutoff=budget)
                    if distance <= budget:
                        found[term_id] = min(found.get(term_id, budget), distance)
        if word.prefix:
            for term_id in self._prefixed(word.folded):
                found.setdefault(term_id, 0)
        return found

    def _prefixed(self, stem: str) -> list[int]:
        """Terms that start with ``stem``; for a 1–2 letter stem only the most common ones."""
        start = bisect.bisect_left(self.sorted_terms, stem)
        end = bisect.bisect_left(self.sorted_terms, stem + "\x7f", start)
        ids = [self.sorted_ids[i] for i in range(start, end)]
        ids += [t for term, t in self.delta_terms if term.startswith(stem)]
        cap = {1: 25, 2: 120}.get(len(stem))
        if cap is not None and len(ids) > cap:
            freq = self.doc_freq
            ids = sorted(ids, key=lambda t: -(freq[t] if t < len(freq) else 0))[:cap]
        return ids

    def _match(self, word: _Word, size: int) -> None:
        best = np.full(size, NO_MATCH, dtype=np.uint8)
        for term, typos in word.terms.items():
            docs, fields = self._postings(term)
            if len(docs):
                best[docs] = np.minimum(best[docs], fields + np.uint8(typos * 4))
        word.best = best

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
        self.sync()
        with self._lock:
            return self._search(query, filters, max(0, int(limit)), max(0, int(offset)), sort, facets)

    def _search(self, query: str, filters: Filters, limit: int, offset: int, sort: str, facets: bool) -> SearchResult:
        size = len(self.codes)
        allowed = self._filter_mask(filters)
        words = self._parse(query)
        for word in words:
            word.terms = self._candidates(word)
            self._match(word, size)
        if words:
            stacked = np.stack([w.best for w in words])
            matched = stacked != NO_MATCH
            counts = matched.sum(axis=0)
            counts[~allowed] = 0
            most = int(counts.max()) if size else 0
            # All words if any project has them all, else as many as any project has.
            selected = counts == most if most else np.zeros(size, dtype=bool)
            typos = np.where(matched, stacked // 4, 0).sum(axis=0)
            places = np.where(matched, stacked % 4, 0).sum(axis=0)
        else:
            selected, most, typos, places = allowed, 0, None, None
        docs = np.flatnonzero(selected)
        facet_counts = self._facets(docs) if facets else {}
        order = self._order(docs, words, typos, places, sort, offset + limit)
        page = [int(doc) for doc in order[offset : offset + limit]]
        texts = self._texts([self.codes[doc] for doc in page]) if words else {}
        terms = {self.terms[t] for w in words for t in w.terms}
        hits = []
        for rank, doc in enumerate(page, start=offset):
            name_vi, name_en = self.names[doc]
            row = texts.get(self.codes[doc], {})
            highlights = {
                name: spans for name in HIGHLIGHT_FIELDS if (spans := _spans(row.get(name), terms, self.synonyms))
            }
            hits.append(SearchHit(self.codes[doc], round(1.0 / (1 + rank), 6), name_vi, name_en, highlights))
        return SearchResult(hits, len(docs), facet_counts, most, len(words))

    def _texts(self, codes: list[str]) -> dict[str, dict[str, Any]]:
        if not codes:
            return {}
        with self.catalogue.cursor() as cur:
            rows = cur.execute(
                f"select code, {', '.join(HIGHLIGHT_FIELDS)} from projects "
                f"where code in ({', '.join('?' for _ in codes)})",
                codes,
            ).fetchall()
        return {row[0]: dict(zip(HIGHLIGHT_FIELDS, row[1:], strict=True)) for row in rows}

    def _parse(self, query: str) -> list[_Word]:
        text = unicodedata.normalize("NFC", str(query or ""))[:MAX_QUERY_CHARS]
        folded = search_fold(text).split()
        typed = [t.lower() for t in _WORD_RE.findall(text.replace("_", " "))]
        if len(typed) != len(folded):  # the two tokenisers disagree on odd input: drop exactness
            typed = folded
        typing = bool(text) and not text[-1].isspace()
        words: list[_Word] = []
        for position, (word, as_typed) in enumerate(zip(folded, typed, strict=True)):
            is_last = position == len(folded) - 1
            expansion = self.synonyms.get(word)
            if expansion and not (is_last and typing and word not in self.vocab and len(word) < 3):
                words += [_Word(part, part, False) for part in expansion]
            else:
                words.append(_Word(word, as_typed, is_last and typing))
        return words[:MAX_QUERY_WORDS]

    def _filter_mask(self, filters: Filters) -> np.ndarray:
        mask = self.alive.copy()
        for name in ATTRIBUTES:
            for codes in (getattr(filters, name), filters.visible_statuses if name == "status" else ()):
                if codes:
                    ids = [self.facet_index[name].get(code, -2) for code in codes]
                    mask &= np.isin(self._facet_arrays[name], ids)
        if filters.min_investment is not None:
            mask &= self.investment >= filters.min_investment
        if filters.max_investment is not None:
            mask &= self.investment <= filters.max_investment
        if filters.demo is not None:
            mask &= self.demo == filters.demo
        return mask

    def _facets(self, docs: np.ndarray) -> dict[str, dict[str, int]]:
        counts: dict[str, dict[str, int]] = {}
        for name in FACETS:
            values = self._facet_arrays[name][docs]
            values = values[values >= 0]
            tally = np.bincount(values, minlength=len(self.facet_codes[name])) if len(values) else []
            counts[name] = {
                self.facet_codes[name][i]: int(n)
                for i, n in sorted(enumerate(tally), key=lambda item: (-item[1], self.facet_codes[name][item[0]]))
                if n
            }
        return counts

    def _order(
        self,
        docs: np.ndarray,
        words: list[_Word],
        typos: np.ndarray | None,
        places: np.ndarray | None,
        sort: str,
        needed: int,
    ) -> list[int]:
        codes = self.codes
        if sort in ("investment", "updated"):
            values = self.investment[docs] if sort == "investment" else self.updated[docs].astype(np.float64)
            values = np.where(np.isnan(values), -np.inf, values)
            return [int(d) for d in docs[np.lexsort((np.array([codes[d] for d in docs]), -values))]]
        if not words or sort == "code":
            return sorted((int(d) for d in docs), key=codes.__getitem__)
        phrase = self._phrase_in_name(docs, words)
        coarse = typos[docs].astype(np.int64) * 1024 + np.where(phrase, 0, 512) + places[docs]
        depth = max(needed, RERANK_DEPTH)
        if len(docs) > depth:
            keep = np.argpartition(coarse, depth - 1)[:depth]
            # Every project tied with the last one kept is re-ranked too: ties decide by code.
            keep = np.flatnonzero(coarse <= coarse[keep].max())
            docs, coarse = docs[keep], coarse[keep]
        keyed = [(self._fine_key(int(d), words, int(typos[d])), codes[d], int(d)) for d in docs]
        keyed.sort()
        return [doc for _key, _code, doc in keyed]

    def _phrase_in_name(self, docs: np.ndarray, words: list[_Word]) -> np.ndarray:
        """Whether the name holds the query words as a phrase, for many projects at once."""
        names = self.name_matrix[docs]
        found = np.zeros(len(docs), dtype=bool)
        hits = [np.isin(names, np.fromiter(w.terms, dtype=np.int32, count=len(w.terms))) for w in words]
        width = names.shape[1] - len(words) + 1
        for start in range(max(width, 0)):
            run = np.ones(len(docs), dtype=bool)
            for offset, hit in enumerate(hits):
                run &= hit[:, start + offset]
            found |= run
        return found

    def _fine_key(self, doc: int, words: list[_Word], typos: int) -> tuple[int, int, int, int]:
        """(typos, proximity, field, -exact accents): lower is better."""
        sequence = self.doc_terms[doc]
        positions: list[list[list[int]]] = [[[] for _ in words] for _ in range(4)]
        field_rank, index = 0, 0
        for term in sequence:
            if term < 0:
                field_rank += 1
                index = 0
                continue
            for w, word in enumerate(words):
                if term in word.terms:
                    positions[field_rank][w].append(index)
            index += 1
        proximity, place = 8 * len(words), 4
        for rank, per_word in enumerate(positions):
            present = [p for p in per_word if p]
            if len(present) == len(words):
                distance = _proximity(per_word)
                if (distance, rank) < (proximity, place):
                    proximity, place = distance, rank
        if place == 4:  # the words are spread over fields
            place = 3 + min(int(word.best[doc]) % 4 for word in words if word.best[doc] != NO_MATCH)
        return typos, proximity, place, -self._exact_accents(doc, words)

    def _exact_accents(self, doc: int, words: list[_Word]) -> int:
        accented = [accent_key(w.typed) for w in words if w.typed != w.folded]
        if not accented:
            return 0
        name_vi, name_en = self.names[doc]
        tokens = {accent_key(t) for t in _WORD_RE.findall(f"{name_vi or ''} {name_en or ''}".lower())}
        return sum(1 for word in accented if word in tokens)


_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def accent_key(word: str) -> str:
    """A word's letters and marks with the tone mark moved to the end: old and new tone
    placement (hoà/hòa, thuỷ/thủy) give the same key; a missing or different mark does not."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = "".join(ch for ch in decomposed if ch in _TONE_MARKS)
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONE_MARKS)) + tones


def _name_matrix(sequences: list[array]) -> np.ndarray:
    matrix = np.full((len(sequences), NAME_WIDTH), -1, dtype=np.int32)
    for doc, sequence in enumerate(sequences):
        name = np.frombuffer(sequence, dtype=np.int32)
        end = int(np.argmax(name < 0))  # the name is the first field
        width = min(end, NAME_WIDTH)
        matrix[doc, :width] = name[:width]
    return matrix


def _proximity(per_word: list[list[int]]) -> int:
    """0 when the words stand as a phrase in order; else the summed gaps (each capped at 8)."""
    total = 0
    for before, after in itertools.pairwise(per_word):
        gap = min((abs(b - a - 1) + (1 if b < a else 0) for a in before for b in after), default=8)
        total += min(gap, 8)
    return total


def _spans(text: Any, terms: set[str], synonyms: dict[str, list[str]]) -> list[tuple[int, int]]:
    if not isinstance(text, str) or not text:
        return []
    spans = []
    for match in _WORD_RE.finditer(text):
        folded = search_fold(match.group()).strip()
        if folded in terms or (folded in synonyms and all(part in terms for part in synonyms[folded])):
            spans.append((match.start(), match.end()))
    return spans


def _labels(enum: Any, code: str | None) -> list[str]:
    if code is None:
        return []
    vi, en = enum.labels.get(code, (code, code))
    return [vi, en]


def _agency_labels(ref: Any, code: str | None) -> list[str]:
    if code is None:
        return []
    labels = _labels(ref.agencies, code)
    successor = ref.agency_successor.get(code)
    if successor and successor != code:
        labels += _labels(ref.agencies, successor)
    return labels
