"""Every project's words in order, as one array of term ids: phrases and the word that follows.

The index keeps, besides its postings (which project holds a term, in which field group), the
sequence of each project's terms: a project's field groups one after the other, each ended by
``-1``, and ``starts`` (a project's first position; ``starts[doc + 1]`` ends it). A phrase ("xử lý
nước thải", "Tây Tựu") is then checked over the candidates' slices with a few vectorised
comparisons, never crossing a field or a project, and the words that follow a phrase are read off
the same slices.

The sequence is held in two bytes a word (:class:`Tokens`): the 65,534 commonest terms have a short
code; any other term (a project's own code, a rare name) is an escape whose term id is kept aside
with its place. At 100,000 projects that is half the memory of ``int32`` ids.
"""

from __future__ import annotations

import numpy as np

GROUPS = 4  # name, code, description, address and capacity (catalogue.search.index NAME … OTHER)
ESCAPE = 0xFFFF  # the code of a term without a short code of its own
SHORT_CODES = ESCAPE - 1  # codes 1 … 65,534 (0 is the -1 that ends a field group)


class Tokens:
    """A sequence of term ids (-1 ends a field group) held in two bytes a word.

    ``codes[i]`` is 0 for -1, the short code of the term at ``i``, or ``ESCAPE``; then the term is
    ``escaped_term[k]`` where ``escaped_at[k] == i`` (sorted). Read with :meth:`take`; never changed
    in place (:meth:`extend` returns a new sequence sharing nothing a reader holds).
    """

    __slots__ = ("code_of", "codes", "escaped_at", "escaped_term", "term_of")

    def __init__(
        self,
        codes: np.ndarray,
        term_of: np.ndarray,
        code_of: np.ndarray,
        escaped_at: np.ndarray,
        escaped_term: np.ndarray,
    ) -> None:
        self.codes, self.term_of, self.code_of = codes, term_of, code_of
        self.escaped_at, self.escaped_term = escaped_at, escaped_term

    @classmethod
    def of(cls, ids: np.ndarray, vocabulary: int, short: int | None = None) -> Tokens:
        """The sequence ``ids`` (term ids below ``vocabulary``, or -1), the ``short`` (at most
        ``SHORT_CODES``) commonest terms coded short (fewer only to test escapes)."""
        counts = np.bincount(ids.astype(np.int64) + 1, minlength=vocabulary + 1)[1:]
        common = np.argsort(-counts, kind="stable")[: min(short or SHORT_CODES, SHORT_CODES)]
        common = common[counts[common] > 0]
        code_of = np.full(vocabulary + 1, ESCAPE, dtype=np.uint16)  # by term id + 1
        code_of[0] = 0
        code_of[common + 1] = np.arange(1, len(common) + 1, dtype=np.uint16)
        term_of = np.full(ESCAPE + 1, -1, dtype=np.int32)
        term_of[1 : len(common) + 1] = common
        codes = code_of[ids.astype(np.int64) + 1]
        escaped_at = np.flatnonzero(codes == ESCAPE).astype(np.int64)
        return cls(codes, term_of, code_of, escaped_at, ids[escaped_at].astype(np.int32))

    def __len__(self) -> int:
        return len(self.codes)

    @property
    def nbytes(self) -> int:
        return sum(a.nbytes for a in (self.codes, self.term_of, self.code_of, self.escaped_at, self.escaped_term))

    def take(self, places: np.ndarray | slice) -> np.ndarray:
        """The term ids (``int32``, -1 for a group's end) at ``places`` (an array of places, or a slice)."""
        codes = self.codes[places]
        found = self.term_of[codes]
        escaped = codes == ESCAPE
        if escaped.any():
            if isinstance(places, slice):
                at = np.flatnonzero(escaped) + (places.start or 0)
            else:
                at = np.asarray(places)[escaped]
            found[escaped] = self.escaped_term[np.searchsorted(self.escaped_at, at)]
        return found

    def extend(self, ids: list[int]) -> Tokens:
        """This sequence followed by ``ids`` (a term without a short code, or new, is escaped)."""
        added = np.asarray(ids, dtype=np.int64)
        known = added < len(self.code_of) - 1
        codes = np.full(len(added), ESCAPE, dtype=np.uint16)
        codes[known] = self.code_of[added[known] + 1]
        escaped = np.flatnonzero(codes == ESCAPE)
        return Tokens(
            np.concatenate([self.codes, codes]),
            self.term_of,
            self.code_of,
            np.concatenate([self.escaped_at, escaped + len(self.codes)]),
            np.concatenate([self.escaped_term, added[escaped].astype(np.int32)]),
        )

    def head(self, end: int) -> Tokens:
        """The first ``end`` places (a view: nothing copied)."""
        cut = int(np.searchsorted(self.escaped_at, end))
        return Tokens(self.codes[:end], self.term_of, self.code_of, self.escaped_at[:cut], self.escaped_term[:cut])


class Places:
    """Where each term stands in a :class:`Tokens` sequence, for phrases checked at their rarest
    word's places only: the places grouped by short code (a term's in order), the escaped terms'
    from the sequence's own list. Holds no reference to the sequence's codes (a longer sequence
    made by :meth:`Tokens.extend` does not keep the shorter one alive)."""

    __slots__ = ("code_of", "escaped_at", "escaped_term", "offsets", "order")

    def __init__(self, tokens: Tokens) -> None:
        self.code_of, self.escaped_at, self.escaped_term = tokens.code_of, tokens.escaped_at, tokens.escaped_term
        counts = np.bincount(tokens.codes, minlength=ESCAPE + 1)
        order = np.argsort(tokens.codes, kind="stable")[counts[0] :]  # without the groups' ends
        self.order = order.astype(np.int32 if len(tokens) < 2**31 else np.int64)
        self.offsets = np.concatenate([[0], np.cumsum(counts[1:])]).astype(np.int64)

    @property
    def nbytes(self) -> int:
        return self.order.nbytes + self.offsets.nbytes

    def of(self, term: int) -> np.ndarray:
        """The places of ``term``, in order."""
        if term < 0:
            return np.empty(0, dtype=np.int64)
        code = int(self.code_of[term + 1]) if term + 1 < len(self.code_of) else ESCAPE
        if code != ESCAPE:
            return self.order[self.offsets[code - 1] : self.offsets[code]]
        return self.escaped_at[self.escaped_term == term]


def place(
    doc: np.ndarray, group: np.ndarray, rank: np.ndarray, ids: np.ndarray, documents: int
) -> tuple[np.ndarray, np.ndarray]:
    """``(tokens, starts)`` from every project's terms, in any order, each with its place (``rank``)
    within its project's field group: a project's ``GROUPS`` field groups one after the other, each
    ended by -1 (an empty one is just -1), so the k-th segment of a project is its field group k."""
    key = doc.astype(np.int64) * GROUPS + group
    sizes = np.bincount(key, minlength=documents * GROUPS)
    widest = np.zeros(documents * GROUPS, dtype=np.int64)
    np.maximum.at(widest, key, rank.astype(np.int64) + 1)
    if (widest > sizes).any():  # a word without a term (marks only) left a gap: close it
        order = np.lexsort((rank, key))
        rank = np.empty_like(rank)
        first = np.concatenate([[0], np.cumsum(sizes)])[key[order]]
        rank[order] = np.arange(len(order)) - first
    group_start = np.concatenate([[0], np.cumsum(sizes + 1)])  # each group's terms and its -1
    tokens = np.full(int(group_start[-1]), -1, dtype=np.int32)
    tokens[group_start[key] + rank] = ids
    return tokens, group_start[::GROUPS].astype(np.int32 if len(tokens) < 2**31 else np.int64)


def sequence(groups: list[list[int]]) -> list[int]:
    """One project's tokens from its term ids per field group (``GROUPS`` of them)."""
    out: list[int] = []
    for ids in groups:
        out += [*ids, -1]
    return out


def groups(tokens: Tokens, starts: np.ndarray, doc: int) -> list[list[int]]:
    """A project's term ids per field group, as :func:`sequence` took them."""
    found: list[list[int]] = [[]]
    for term in tokens.take(slice(int(starts[doc]), int(starts[doc + 1]))).tolist():
        if term < 0:
            found.append([])
        else:
            found[-1].append(term)
    return found[:GROUPS]


def names(tokens: Tokens, starts: np.ndarray, docs: np.ndarray, width: int) -> np.ndarray:
    """The first ``width`` terms of each of ``docs``'s first field group (its name), -1 after its end:
    a ``len(docs)`` × ``width`` matrix for vectorised phrase checks."""
    places = starts[docs][:, None] + np.arange(width)
    found = tokens.take(np.minimum(places, len(tokens) - 1))
    ended = np.cumsum(found < 0, axis=1) > 0  # from the group's -1 on
    found[ended] = -1
    return found


def _slices(tokens: Tokens, starts: np.ndarray, docs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The tokens of ``docs`` one after the other, and which of ``docs`` (by index) each belongs to."""
    begin, end = starts[docs], starts[docs + 1]
    lengths = end - begin
    total = int(lengths.sum())
    if total == 0:
        return np.empty(0, dtype=np.int32), np.empty(0, dtype=np.int64)
    offsets = np.cumsum(lengths) - lengths
    positions = np.repeat(begin - offsets, lengths) + np.arange(total)
    return tokens.take(positions), np.repeat(np.arange(len(docs)), lengths)


def hits(
    tokens: Tokens, starts: np.ndarray, docs: np.ndarray, table: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Where ``docs`` hold a term of ``table`` (see :func:`lookup`), in order: for each place, which
    of ``docs`` (by index), its field group, its place within the group and its term; and each of
    ``docs``'s group lengths (a ``len(docs)`` × ``GROUPS`` matrix)."""
    flat, owner = _slices(tokens, starts, docs)
    ends = np.flatnonzero(flat < 0).reshape(len(docs), GROUPS)  # every group ends with -1
    first = np.concatenate([[0], np.cumsum(starts[docs + 1] - starts[docs])[:-1]])
    begins = np.concatenate([first[:, None], ends[:, :-1] + 1], axis=1)  # each group's first place
    lengths = ends - begins
    at = np.flatnonzero(table[flat + 1])
    who = owner[at]
    group = (ends[who] < at[:, None]).sum(axis=1)
    return who, group, at - begins[who, group], flat[at], lengths


def lookup(ids: object, vocabulary: int) -> np.ndarray:
    """A table of ``vocabulary + 1`` booleans, true at ``ids`` (shifted by one: -1 is never in it)."""
    table = np.zeros(vocabulary + 1, dtype=bool)
    chosen = np.fromiter(ids, dtype=np.int64)
    table[chosen[chosen < vocabulary] + 1] = True
    return table


def phrase_docs(tokens: Tokens, starts: np.ndarray, docs: np.ndarray, tables: list[np.ndarray]) -> np.ndarray:
    """Those of ``docs`` holding the phrase: a term of ``tables[0]``, then one of ``tables[1]``, …"""
    flat, owner = _slices(tokens, starts, docs)
    width = len(tables)
    if len(flat) < width:
        return np.empty(0, dtype=docs.dtype)
    shifted = flat + 1
    span = len(flat) - width + 1
    run = tables[0][shifted[:span]]
    for offset, table in enumerate(tables[1:], start=1):
        run &= table[shifted[offset : offset + span]]
    return docs[np.unique(owner[:span][run])]


def near_docs(tokens: Tokens, starts: np.ndarray, docs: np.ndarray, tables: list[np.ndarray], width: int) -> np.ndarray:
    """Those of ``docs`` holding a term of each of ``tables``, in any order, within ``width`` places of
    one another in one field group ("nước thải … chăn nuôi", not "sinh" of "sinh học" and "hoạt" of
    "hoạt tính" ten words apart)."""
    flat, owner = _slices(tokens, starts, docs)
    if len(flat) == 0:
        return np.empty(0, dtype=docs.dtype)
    shifted = flat + 1
    places = np.arange(len(flat))
    ends = np.flatnonzero(flat < 0)  # every group ends with -1: a window stops there
    stop = np.minimum(places + width, ends[np.searchsorted(ends, places)])
    run = flat >= 0
    for table in tables:
        counted = np.concatenate([[0], np.cumsum(table[shifted], dtype=np.int64)])
        run &= counted[stop] - counted[places] > 0
    return docs[np.unique(owner[run])]


def following(tokens: Tokens, starts: np.ndarray, docs: np.ndarray, table: np.ndarray) -> np.ndarray:
    """The distinct terms that come right after a term of ``table`` in ``docs``."""
    flat, _owner = _slices(tokens, starts, docs)
    if len(flat) < 2:
        return np.empty(0, dtype=np.int32)
    after = flat[1:][table[flat[:-1] + 1]]
    return np.unique(after[after >= 0])


def following_at(
    tokens: Tokens, starts: np.ndarray, where: Places, terms: list[int], holding: np.ndarray, last: int
) -> np.ndarray:
    """What :func:`following` finds in the projects of the mask ``holding`` up to project ``last``,
    from the places of ``terms`` (those ``where`` knows) rather than by reading every project."""
    end = starts[last + 1]
    pieces = [places[: np.searchsorted(places, end)] for places in map(where.of, terms)]
    places = np.concatenate([np.empty(0, dtype=np.int64), *pieces]).astype(np.int64)
    owners = np.searchsorted(starts, places, side="right") - 1
    after = tokens.take(places[holding[owners]] + 1)
    return np.unique(after[after >= 0])


def phrase_docs_at(
    tokens: Tokens,
    starts: np.ndarray,
    where: Places,
    tables: list[np.ndarray],
    anchor: list[int],
    at: int,
) -> np.ndarray:
    """The projects holding the phrase ``tables``, found from the places of its word number ``at``
    (whose terms are ``anchor``), within the places ``where`` knows (its own tokens)."""
    pieces = [where.of(t) for t in anchor]
    pieces = [piece for piece in pieces if len(piece)]
    if not pieces:
        return np.empty(0, dtype=np.int64)
    begin = np.concatenate(pieces).astype(np.int64) - at
    begin = begin[(begin >= 0) & (begin + len(tables) <= len(tokens))]
    for offset, table in enumerate(tables):
        if offset != at:
            begin = begin[table[tokens.take(begin + offset) + 1]]
    begin.sort()  # a term's places are in order; several terms' places are merged
    owners = np.searchsorted(starts, begin, side="right") - 1
    if len(owners) < 2:
        return owners
    return owners[np.concatenate([[True], owners[1:] != owners[:-1]])]  # sorted: distinct without a hash
