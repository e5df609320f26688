"""Every project's words in order, as one array of term ids: phrases and the word that follows.

The index keeps, besides its postings (which project holds a term, in which field group), the
sequence of each project's terms: one flat ``int32`` array, a project's field groups one after the
other, each ended by ``-1``, and ``starts`` (a project's first position; ``starts[doc + 1]`` ends it).
At 100,000 projects that is 4 bytes a word and 16 a project. A phrase ("xử lý nước thải", "Tây Tựu") is then
checked over the candidates' slices with a few vectorised comparisons, never crossing a field or
a project, and the words that follow a phrase are read off the same slices.
"""

from __future__ import annotations

import numpy as np

GROUPS = 4  # name, code, description, address and capacity (catalogue.search.index NAME … OTHER)


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
    return tokens, group_start[::GROUPS].astype(np.int64)


def sequence(groups: list[list[int]]) -> list[int]:
    """One project's tokens from its term ids per field group (``GROUPS`` of them)."""
    out: list[int] = []
    for ids in groups:
        out += [*ids, -1]
    return out


def groups(tokens: np.ndarray, starts: np.ndarray, doc: int) -> list[list[int]]:
    """A project's term ids per field group, as :func:`sequence` took them."""
    found: list[list[int]] = [[]]
    for term in tokens[starts[doc] : starts[doc + 1]].tolist():
        if term < 0:
            found.append([])
        else:
            found[-1].append(term)
    return found[:GROUPS]


def names(tokens: np.ndarray, starts: np.ndarray, docs: np.ndarray, width: int) -> np.ndarray:
    """The first ``width`` terms of each of ``docs``'s first field group (its name), -1 after its end:
    a ``len(docs)`` × ``width`` matrix for vectorised phrase checks."""
    places = starts[docs][:, None] + np.arange(width)
    found = tokens[np.minimum(places, len(tokens) - 1)]
    ended = np.cumsum(found < 0, axis=1) > 0  # from the group's -1 on
    found[ended] = -1
    return found


def _slices(tokens: np.ndarray, starts: np.ndarray, docs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The tokens of ``docs`` one after the other, and which of ``docs`` (by index) each belongs to."""
    begin, end = starts[docs], starts[docs + 1]
    lengths = end - begin
    total = int(lengths.sum())
    if total == 0:
        return np.empty(0, dtype=np.int32), np.empty(0, dtype=np.int64)
    offsets = np.cumsum(lengths) - lengths
    positions = np.repeat(begin - offsets, lengths) + np.arange(total)
    return tokens[positions], np.repeat(np.arange(len(docs)), lengths)


def lookup(ids: object, vocabulary: int) -> np.ndarray:
    """A table of ``vocabulary + 1`` booleans, true at ``ids`` (shifted by one: -1 is never in it)."""
    table = np.zeros(vocabulary + 1, dtype=bool)
    chosen = np.fromiter(ids, dtype=np.int64)
    table[chosen[chosen < vocabulary] + 1] = True
    return table


def phrase_docs(tokens: np.ndarray, starts: np.ndarray, docs: np.ndarray, tables: list[np.ndarray]) -> np.ndarray:
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


def following(tokens: np.ndarray, starts: np.ndarray, docs: np.ndarray, table: np.ndarray) -> np.ndarray:
    """The distinct terms that come right after a term of ``table`` in ``docs``."""
    flat, _owner = _slices(tokens, starts, docs)
    if len(flat) < 2:
        return np.empty(0, dtype=np.int32)
    after = flat[1:][table[flat[:-1] + 1]]
    return np.unique(after[after >= 0])


def positions(tokens: np.ndarray, vocabulary: int) -> tuple[np.ndarray, np.ndarray]:
    """Where each term stands in ``tokens``: ``order[offsets[t + 1] : offsets[t + 2]]`` for term ``t``
    (the -1 separators come first). A phrase is then checked at its rarest word's places only."""
    order = np.argsort(tokens, kind="stable").astype(np.int32)  # each term's places in order
    counts = np.bincount(tokens.astype(np.int64) + 1, minlength=vocabulary + 1)
    return order, np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)


def phrase_docs_at(
    tokens: np.ndarray,
    starts: np.ndarray,
    where: tuple[np.ndarray, np.ndarray],
    tables: list[np.ndarray],
    anchor: list[int],
    at: int,
) -> np.ndarray:
    """The projects holding the phrase ``tables``, found from the places of its word number ``at``
    (whose terms are ``anchor``), within the tokens ``where`` indexes (see :func:`positions`)."""
    order, offsets = where
    pieces = [order[offsets[t + 1] : offsets[t + 2]] for t in anchor if t + 2 < len(offsets)]
    if not pieces:
        return np.empty(0, dtype=np.int64)
    begin = np.concatenate(pieces).astype(np.int64) - at
    begin = begin[(begin >= 0) & (begin + len(tables) <= len(tokens))]
    for offset, table in enumerate(tables):
        if offset != at:
            begin = begin[table[tokens[begin + offset] + 1]]
    begin.sort()  # a term's places are in order; several terms' places are merged
    owners = np.searchsorted(starts, begin, side="right") - 1
    if len(owners) < 2:
        return owners
    return owners[np.concatenate([[True], owners[1:] != owners[:-1]])]  # sorted: distinct without a hash
