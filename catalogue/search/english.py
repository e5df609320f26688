"""English word forms for search: one spelling for British and American English, then the Snowball stem.

``english_key("desulphurisation") == english_key("desulfurization")`` and ``english_key("incinerator")
== english_key("incineration")``. British spellings become American through the table in
``catalogue/data/spelling_variants.csv`` (whole words, or a word's start: "odour", "odourless") and two
rules the table cannot list: -is(e|ed|es|ing|er|ation) after three letters or more becomes -iz…
(organise, pelletising, centralisation), -ys(e|ed|ing|er) becomes -yz… (analyse, catalysed). The
rules are applied to query and text alike, so a word they touch by mistake ("promise") still meets
itself. The key is the Snowball (Porter2) English stem of the result, -ment and -er taken off a stem that
keeps them (treatment, equipment, charger, sweeper: Porter2 strips -ment only after a long stem, and
-er never).

Vietnamese is never stemmed: the index keys only words written without Vietnamese letters this way, and
Porter2 leaves every folded Vietnamese syllable as it is (a syllable ends in a vowel or in c, ch, m, n,
ng, nh, p or t, none of them an English suffix; tests/test_search.py checks every syllable of the data).
"""

from __future__ import annotations

import functools
import re
import threading

import Stemmer

from catalogue.data import csv_rows

_STEMMER = Stemmer.Stemmer("english")
_STEMMER_LOCK = threading.Lock()  # a PyStemmer object is not safe to share between threads
_IZE_RE = re.compile(r"^([a-z]{3,})is(e|ed|es|ing|er|ers|ation|ations)$")
_YZE_RE = re.compile(r"^([a-z]+)ys(e|ed|es|ing|er|ers)$")


def _variants() -> tuple[dict[str, str], tuple[tuple[str, str], ...]]:
    words: dict[str, str] = {}
    starts: list[tuple[str, str]] = []
    for row in csv_rows("spelling_variants.csv"):
        if row["match"] == "word":
            words[row["british"]] = row["american"]
        else:
            starts.append((row["british"], row["american"]))
    return words, tuple(sorted(starts, key=lambda pair: -len(pair[0])))


_WORDS, _STARTS = _variants()


def american(word: str) -> str:
    """The American spelling of a folded English word (``"odours"`` → ``"odors"``); others unchanged."""
    found = _WORDS.get(word)
    if found is not None:
        return found
    for british, us in _STARTS:
        if word.startswith(british):
            word = us + word[len(british) :]
            break
    word = _IZE_RE.sub(r"\1iz\2", word)
    return _YZE_RE.sub(r"\1yz\2", word)


@functools.lru_cache(maxsize=1 << 17)
def english_key(word: str) -> str:
    """The search key of a folded English word: its American spelling's Snowball stem."""
    if not word.isalpha() or len(word) < 3:
        return word
    spelled = american(word)
    with _STEMMER_LOCK:
        stem = _STEMMER.stemWord(spelled)
        # Porter2 strips -ment only after a long stem: "treatment" would not meet "treat"
        if stem.endswith("ment") and len(stem) >= 8:
            stem = _STEMMER.stemWord(stem[:-4])
        # nor -er ("charger" would not meet "charging", "sweeper" not "sweeping")
        elif stem.endswith("er") and len(stem) >= 6:
            stem = _STEMMER.stemWord(stem[:-2])
        return stem
