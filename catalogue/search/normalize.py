"""Text and number normalisation for Vietnamese data as it really arrives.

Two jobs: ``clean_text`` makes text fit to store (NFC, no control characters, tidy
whitespace), ``fold`` makes a comparison key (no accents, đ → d, lower case, punctuation
gone). ``parse_number`` reads amounts written the Vietnamese way ("1.200", "78,26",
"khoảng 500 tỷ đồng") and refuses anything it would have to guess.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata

from catalogue.errors import CatalogueError
from catalogue.text import Text

# Characters a user can paste that must never reach the database (C0/C1 controls, but
# keep tab and newline), plus zero-width and BOM characters that break matching.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]")
# Bidirectional controls and invisible format characters: "Nhà máy \u202egnp.exe\u202c" would
# show as "…exe.png". Removed outright (not turned into spaces).
# A zero-width space too: pasted inside a word ("so\u200blar"), it is no space a reader sees.
_INVISIBLE_RE = re.compile(r"[\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]")
_SPACES_RE = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_NON_ALNUM_RE = re.compile(r"[^0-9a-z]+")
# Anything clean_text would change in one line of text, found in one scan (the fast path).
_UNTIDY_RE = re.compile(r"[\x00-\x1f\x7f-\x9f\u00a0\u061c\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff]|  ")

# đ/Đ have no Unicode decomposition, so NFD alone leaves them in place.
_FOLD_TABLE = str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "Ð": "d"})


def clean_text(value: object, *, multiline: bool = False) -> str:
    """Return ``value`` as NFC text with controls removed and whitespace tidied.

    Single-line text has every run of spaces collapsed; multi-line text keeps its line
    breaks (``\\r\\n`` becomes ``\\n``) and trims each line's ends.
    """
    if value is None:
        return ""
    text = value if type(value) is str else str(value)
    if is_tidy(text):
        return text.strip()  # already tidy: most cells take this path and are not copied
    text = _INVISIBLE_RE.sub("", unicodedata.normalize("NFC", text))
    if multiline:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        text = _CONTROL_RE.sub("", text)
        lines = [_SPACES_RE.sub(" ", line).strip() for line in text.split("\n")]
        return "\n".join(lines).strip()
    text = _CONTROL_RE.sub(" ", text.replace("\r", " ").replace("\n", " "))
    return _SPACES_RE.sub(" ", text).strip()


def is_tidy(text: str) -> bool:
    """True when single-line ``clean_text`` would change nothing but outer spaces."""
    return unicodedata.is_normalized("NFC", text) and _UNTIDY_RE.search(text) is None


@functools.lru_cache(maxsize=65536)
def fold(value: str) -> str:
    """Accent-, case- and punctuation-blind key: ``"Quận Đống Đa"`` → ``"quan dong da"``."""
    text = unicodedata.normalize("NFD", value.translate(_FOLD_TABLE))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _NON_ALNUM_RE.sub(" ", text.lower()).strip()


# --- search keys -----------------------------------------------------------------------


def _ascii_table() -> bytes:
    table = bytearray(b" " * 256)
    for code in range(128):
        ch = chr(code)
        if ch.isalnum():
            table[code] = ord(ch.lower())
    table[0x1E] = 0x1E  # the record separator survives, so whole columns fold in one call
    return bytes(table)


_ASCII_TABLE = _ascii_table()
_ONE_SPACE_RE = re.compile(r" {2,}")


def fold_text(text: str) -> str:
    """Accent-, case- and punctuation-blind text, fast enough for a whole corpus at once.

    NFKD splits every accented letter (NFC, NFD and legacy Windows-1258 decomposed text
    alike) into a base letter and marks; the marks and anything else outside ASCII are
    dropped, đ becomes d (and so does ð, the eth that legacy VNI/TCVN3 conversions and pasted PDFs
    put for đ: "Ðông Anh" is "Đông Anh"), and every character that is not a letter or digit becomes a
    space. The ASCII record separator ``\x1e`` is kept.
    """
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD_TABLE))
    return decomposed.encode("ascii", "ignore").translate(_ASCII_TABLE).decode("ascii")


def canonical_word(word: str) -> str:
    """One folded word with the i/y spelling variants unified (lý/lí, kỹ/kĩ, quý/quí → i).

    A final y after a consonant, or in "quy", reads as i.
    """
    if len(word) > 1 and word[-1] == "y" and (word[-2] in "bcdghklmnpqrstvx" or word == "quy"):
        return word[:-1] + "i"
    return word


_AMPERSAND_RE = re.compile(r"(?<=[^\W_])&(?=[^\W_])")
# Where letters meet digits: "PM2.5", "CO2", "m3" are read as "pm 2 5", "co 2", "m 3" (as "PM 2.5" is)
_LETTER_DIGIT_RE = re.compile(r"(?<=[a-z])(?=[0-9])|(?<=[0-9])(?=[a-z])")


# A thousands separator between digits ("3.000 m³", "5,000 tonnes"): the number is one word, "3000",
# as typed without it. The index does the same in SQL (WORDS_SQL, search/index.py), twice, so
# "1.234.567" is joined whole. A decimal of three places ("1.500" in English) is read so too, on
# both sides alike.
THOUSANDS_PATTERN = r"([0-9])[.,]([0-9]{3})([^0-9]|$)"
_THOUSANDS_RE = re.compile(THOUSANDS_PATTERN)


def join_thousands(text: str) -> str:
    """``text`` with the thousands separators inside numbers taken out ("3.000" → "3000")."""
    for _ in range(2):
        text = _THOUSANDS_RE.sub(r"\1\2\3", text)
    return text


def search_fold(text: str) -> str:
    """The search key of ``text``: ``"Thuỷ điện Hoà Bình"`` and ``"thủy điện hòa bình"`` both
    give ``"thuy dien hoa binh"``; ``"Lý"`` and ``"lí"`` give ``"li"``; đ gives d; an ampersand
    inside an abbreviation joins it (``"TN&MT"`` gives ``"tnmt"``, as the index reads it), and
    letters and digits are words apart (``"PM2.5"`` gives ``"pm 2 5"``, as ``"PM 2.5"`` does)."""
    folded = _LETTER_DIGIT_RE.sub(" ", fold_text(_AMPERSAND_RE.sub("", join_thousands(text))))
    return " ".join(canonical_word(word) for word in folded.split())


# --- numbers -----------------------------------------------------------------------------

# Words that only soften an amount ("about", "expected"); the number stays as written.
_HEDGES = (
    "khoang",
    "du kien",
    "uoc tinh",
    "uoc",
    "gan",
    "tong cong",
    "tong",
    "approximately",
    "approx",
    "about",
    "around",
    "est",
    "ca",
)
_HEDGE_SYMBOLS = "~≈±"
# The hedges that make an amount approximate (not "total" or "expected", which only name it).
_APPROXIMATE = ("khoang", "uoc tinh", "uoc", "gan", "approximately", "approx", "about", "around", "est", "ca")


def is_approximate(value: object) -> bool:
    """Whether an amount was written as approximate: "khoảng 500 tỷ", "~ 20 triệu USD", "about 3 m"."""
    if not isinstance(value, str):
        return False
    text = clean_text(value)
    if text[:1] and text[0] in "~≈":
        return True
    words = fold(text)
    return any(words == hedge or words.startswith(hedge + " ") for hedge in _APPROXIMATE)


# Two amounts joined by a dash or a word: "500 - 700", "khoảng 1.200–1.500 tỷ đồng", "từ 2025 đến 2027".
_RANGE_RE = re.compile(
    r"^\D{0,20}?\d[\d.,]*\s*[^\d\s~–—-]{0,15}\s*(?:-|–|—|~|đến|tới|to)\s*\d[\d.,]*\s*\D{0,25}$", re.IGNORECASE
)


def is_range(value: object) -> bool:
    """Whether a cell gives a range rather than one number ("500 - 700", "từ 2025 đến 2027"): a
    figure the import keeps as written instead of choosing one end."""
    return isinstance(value, str) and bool(_RANGE_RE.match(clean_text(value))) and not _DATE_RE.fullmatch(value.strip())


class NumberFormatError(CatalogueError, ValueError):
    """A value that cannot be read as a number without guessing; ``text`` says why."""


# Units a number may carry, by the unit of the column it is read into. Each maps the folded
# unit text to the factor that converts it into the column's unit.
UNIT_FACTORS: dict[str, dict[str, float]] = {
    "vnd_bn": {
        "": 1.0,
        "ty": 1.0,
        "ti": 1.0,
        "ty dong": 1.0,
        "ti dong": 1.0,
        "ty vnd": 1.0,
        "ty d": 1.0,
        "billion vnd": 1.0,
        "vnd bn": 1.0,
        "bn vnd": 1.0,
        "bn": 1.0,
        "trieu": 0.001,
        "trieu dong": 0.001,
        "trieu vnd": 0.001,
        "million vnd": 0.001,
        "nghin ty": 1000.0,
        "ngan ty": 1000.0,
        "nghin ty dong": 1000.0,
        "ngan ty dong": 1000.0,
    },
    "usd_m": {
        "": 1.0,
        "trieu usd": 1.0,
        "trieu do": 1.0,
        "trieu do la": 1.0,
        "usd million": 1.0,
        "million usd": 1.0,
        "million": 1.0,
        "musd": 1.0,
        "usd m": 1.0,
        "m usd": 1.0,
        "usd": None,  # bare "USD" is ambiguous in a million-USD column
        "ty usd": 1000.0,
        "billion usd": 1000.0,
    },
    "ha": {"": 1.0, "ha": 1.0, "hecta": 1.0, "hec ta": 1.0, "hectare": 1.0, "hectares": 1.0},
    "years": {"": 1.0, "nam": 1.0, "years": 1.0, "year": 1.0, "yrs": 1.0},
    "plain": {"": 1.0},
}

_NUMBER_RE = re.compile(r"[-+]?\d[\d.,\s]*")


def parse_number(value: object, unit: str = "plain") -> float | None:
    """Read a number written the Vietnamese (or plain) way; ``None`` for an empty cell.

    ``"1.200"`` → 1200, ``"78,26"`` → 78.26, ``"1.200,5"`` → 1200.5, ``"7.000 tỷ"`` → 7000,
    ``"khoảng 500 tỷ đồng"`` → 500. In a ``vnd_bn`` column ``"500 triệu"`` becomes 0.5.
    Raises :class:`NumberFormatError` for anything that would need a guess: two numbers
    (a range), an unknown or mismatched unit, malformed digit groups.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise NumberFormatError(Text.of("number.not_a_number"))
    if isinstance(value, (int, float)):
        if value != value:  # NaN from a spreadsheet means an empty cell
            return None
        return float(value)
    return _parse_number_text(str(value), unit)


_DATE_RE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}(?:[ T][\d:.]+)?|\d{1,2}/\d{1,2}/\d{4}")
_SCIENTIFIC_RE = re.compile(r"[+-]?\d+(?:[.,]\d+)?[eE][+-]?\d{1,3}")


@functools.lru_cache(maxsize=65536)
def _parse_number_text(text: str, unit: str) -> float | None:
    raw = clean_text(text)
    if not raw:
        return None
    work = raw.strip(_HEDGE_SYMBOLS + " ").replace("US$", " usd ").replace("$", " usd ")
    if _DATE_RE.fullmatch(work):
        raise NumberFormatError(Text.of("number.a_date", raw=raw))
    if _SCIENTIFIC_RE.fullmatch(work):  # "1e30": Excel's way of writing a large number
        number = float(work.replace(",", "."))
        if not math.isfinite(number) or abs(number) > 1e15:
            raise NumberFormatError(Text.of("number.too_large", raw=raw))
        return number
    numbers = _NUMBER_RE.findall(work)
    numbers = [n.strip() for n in numbers if n.strip(" .,")]
    if not numbers:
        raise NumberFormatError(Text.of("number.none_found", raw=raw))
    if len(numbers) > 1:
        raise NumberFormatError(Text.of("number.several", raw=raw))
    number_text = numbers[0]
    before, _, after = work.partition(number_text)
    prefix = fold(before)
    for hedge in _HEDGES:
        if prefix == hedge or prefix.startswith(hedge + " "):
            prefix = prefix[len(hedge) :].strip()
    if prefix:
        raise NumberFormatError(Text.of("number.unread_prefix", prefix=before.strip(), raw=raw))
    factors = UNIT_FACTORS[unit]
    unit_text = fold(after)
    if unit_text not in factors:
        raise NumberFormatError(Text.of("number.wrong_unit", unit=after.strip()))
    factor = factors[unit_text]
    if factor is None:
        raise NumberFormatError(Text.of("number.say_usd_m", raw=raw))
    return _digits_to_float(number_text.replace(" ", ""), raw) * factor


def _digits_to_float(digits: str, raw: str) -> float:
    sign = -1.0 if digits.startswith("-") else 1.0
    digits = digits.lstrip("+-")
    dots, commas = digits.count("."), digits.count(",")
    if dots and commas:
        # Both present: the later one marks decimals, the other groups thousands.
        decimal, group = (",", ".") if digits.rfind(",") > digits.rfind(".") else (".", ",")
        if digits.count(decimal) > 1:
            raise _invalid(raw)
        whole, frac = digits.split(decimal)
        return sign * float(_ungroup(whole, group, raw) + "." + _require_digits(frac, raw))
    if commas:
        if commas == 1:  # Vietnamese decimal comma: "78,26"
            whole, frac = digits.split(",")
            return sign * float(_require_digits(whole, raw) + "." + _require_digits(frac, raw))
        return sign * float(_ungroup(digits, ",", raw))
    if dots:
        parts = digits.split(".")
        if dots == 1 and len(parts[1]) != 3:  # "2.5": a decimal point, not a group
            return sign * float(_require_digits(parts[0], raw) + "." + _require_digits(parts[1], raw))
        return sign * float(_ungroup(digits, ".", raw))  # "1.200" / "1.200.000"
    return sign * float(_require_digits(digits, raw))


def _invalid(raw: str) -> NumberFormatError:
    return NumberFormatError(Text.of("number.invalid", raw=raw))


def _require_digits(text: str, raw: str) -> str:
    if not text.isdigit():
        raise _invalid(raw)
    return text


def _ungroup(text: str, group: str, raw: str) -> str:
    parts = text.split(group)
    if not parts[0].isdigit() or len(parts[0]) > 3 or any(len(p) != 3 or not p.isdigit() for p in parts[1:]):
        raise _invalid(raw)
    return "".join(parts)


def strip_prefix(folded: str, prefixes: tuple[str, ...]) -> str:
    """Remove one leading administrative word ("quan", "huyen", …) from a folded name."""
    for prefix in prefixes:
        if folded.startswith(prefix + " "):
            return folded[len(prefix) + 1 :]
    return folded


# An address as mail systems accept it: the local part in RFC 5322's dot-atom (letters, digits and
# !#$%&'*+/=?^_`{|}~- ; dots between, never first, last or doubled; at most 64), a domain of
# labels of letters (any script), digits and inner hyphens, ending in a top-level domain of
# letters. No quotes, spaces, brackets or angle brackets: "<script>@x.com" and
# "=HYPERLINK(…)@x.com" are refused.
_EMAIL_RE = re.compile(
    r"(?=[^@]{1,64}@)[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@(?:[^\W_](?:[\w-]{0,61}[^\W_])?\.)+[^\W\d_]{2,63}"
)


_PHONE_RE = re.compile(r"^\+?[0-9 ().-]+$")


def is_phone(text: str) -> bool:
    """Whether ``text`` is a phone number: 8–15 digits, with +, spaces, dots, dashes, brackets."""
    return _PHONE_RE.match(text) is not None and 8 <= sum(ch.isdigit() for ch in text) <= 15


def is_email(text: str) -> bool:
    """Whether ``text`` is an e-mail address (see ``_EMAIL_RE``), at most 254 characters."""
    return len(text) <= 254 and _EMAIL_RE.fullmatch(text) is not None


_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")


@functools.lru_cache(maxsize=65536)
def accent_key(word: str) -> str:
    """A word's letters and marks with the tone mark moved to the end: old and new tone
    placement (hoà/hòa, thuỷ/thủy) give the same key; a missing or different mark does not."""
    decomposed = unicodedata.normalize("NFD", word.lower().replace("ð", "đ"))
    tones = "".join(ch for ch in decomposed if ch in _TONE_MARKS)
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONE_MARKS)) + tones
