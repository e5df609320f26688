"""Vietnamese typed in Telex with the keyboard tool off: "nuowcs thair" for "nước thải".

Telex writes the marks as letters after the ones they belong to: a doubled vowel for the hat
("aa" â, "ee" ê, "oo" ô), "dd" for đ, "w" for the horn and the breve ("ow" ơ, "uw" ư, "aw" ă, a lone
"w" ư), and one of s f r x j for the tone (sắc, huyền, hỏi, ngã, nặng), usually at the end of the
syllable, sometimes right after its vowel ("thasng"). With the tool off, those letters stay in the
text. The search compares words without their marks, so a Telex word only needs its mark letters
taken out: "nuowcs" → "nuoc", "thair" → "thai", "dduwowngf" → "duong".

Only a word the catalogue does not hold is read this way, and only when the reading is a word it
does hold (:meth:`catalogue.search.index.SearchIndex`): "solar", "trees" and every other real word
are left alone.
"""

from __future__ import annotations

import re

TONE_KEYS = "sfrxj"
_VOWELS = "aeiouy"
# a syllable's end after its vowels: what may follow a tone key typed right after the vowel ("thasng")
_FINALS = ("ng", "nh", "ch", "c", "m", "n", "p", "t")
_SYLLABLE = re.compile(r"[a-z]+")


def _marks_out(word: str) -> str:
    """``word`` without the letters Telex uses for the hat, the horn, the breve and đ."""
    for double, single in (("dd", "d"), ("aa", "a"), ("ee", "e"), ("oo", "o")):
        word = word.replace(double, single)
    out = []
    for position, letter in enumerate(word):
        if letter != "w":
            out.append(letter)
        elif position == 0 or word[position - 1] not in "aou":
            out.append("u")  # a lone "w" is ư
    return "".join(out)


def readings(typed: str) -> list[str]:
    """What ``typed`` may be as Telex, without marks, the likeliest first; [] when it has no mark letters.

    >>> readings("nuowcs")
    ['nuoc']
    >>> readings("thasng")
    ['thang']
    """
    word = typed.lower()
    if not (_SYLLABLE.fullmatch(word) and 2 <= len(word) <= 12):
        return []
    stems = []
    if word[-1] in TONE_KEYS and any(v in word[:-1] for v in _VOWELS):
        stems.append(word[:-1])  # the tone typed last
    for final in _FINALS:  # the tone typed right after the vowel, the final consonants after it
        head = word[: -len(final)] if word.endswith(final) else ""
        if len(head) >= 2 and head[-1] in TONE_KEYS and head[-2] in _VOWELS + "w":
            stems.append(head[:-1] + final)
    stems.append(word)  # no tone key: the marks alone ("dduwowng")
    found = []
    for stem in stems:
        if stem.endswith("aw"):  # ă ends no syllable ("law", "saw" are English)
            continue
        reading = _marks_out(stem)
        if reading != word and reading not in found and any(v in reading for v in _VOWELS):
            found.append(reading)
    return found
