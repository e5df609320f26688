import unicodedata

import pytest

from catalogue.search.normalize import NumberFormatError, clean_text, fold, parse_number
from catalogue.text import format_number, format_vnd_bn


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        ("1.200", "plain", 1200),
        ("78,26", "plain", 78.26),
        ("khoảng 500 tỷ đồng", "vnd_bn", 500),
        ("7.000 tỷ", "vnd_bn", 7000),
        ("1.200,5", "plain", 1200.5),
        ("1,200.5", "plain", 1200.5),
        ("2.5", "plain", 2.5),
        ("1.234.567", "plain", 1234567),
        ("500 triệu đồng", "vnd_bn", 0.5),
        ("2 nghìn tỷ", "vnd_bn", 2000),
        ("~333 triệu USD", "usd_m", 333),
        ("1,5 tỷ USD", "usd_m", 1500),
        ("12 ha", "ha", 12),
        ("Dự kiến 1.500 tỷ", "vnd_bn", 1500),
        (" 45 ", "plain", 45),
        (1200, "plain", 1200),
        (78.26, "plain", 78.26),
    ],
)
def test_numbers_are_read_the_vietnamese_way(text, unit, expected):
    assert parse_number(text, unit) == pytest.approx(expected)


@pytest.mark.parametrize("text", ["", "   ", None, float("nan")])
def test_empty_cells_are_none(text):
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("300-500", "plain"),
        ("abc", "plain"),
        ("1.2.3", "plain"),
        ("500 USD", "usd_m"),
        ("500 triệu USD", "vnd_bn"),
        ("12 km", "ha"),
        ("hơn 500", "plain"),
        ("1.20.000", "plain"),
    ],
)
def test_unreadable_numbers_are_errors_not_guesses(text, unit):
    with pytest.raises(NumberFormatError) as info:
        parse_number(text, unit)
    assert info.value.text("vi") and info.value.text("en")


def test_fold_removes_accents_including_d_bar():
    assert fold("Quận Đống Đa") == "quan dong da"
    assert fold("Ứng Hoà") == fold("Ứng Hòa") == "ung hoa"
    assert fold(unicodedata.normalize("NFD", "sông Đuống")) == "song duong"


def test_clean_text_makes_nfc_and_drops_controls():
    nfd = unicodedata.normalize("NFD", "Xử lý  nước\tthải\x00")
    cleaned = clean_text(nfd)
    assert cleaned == "Xử lý nước thải"
    assert unicodedata.is_normalized("NFC", cleaned)
    assert clean_text("dòng 1\r\n  dòng 2 ", multiline=True) == "dòng 1\ndòng 2"


def test_amounts_are_formatted_per_language():
    assert format_vnd_bn(1200.5, "vi") == "1.200,5 tỷ đồng"
    assert format_vnd_bn(1200.5, "en") == "VND 1,200.5 bn"
    assert format_number(7000, "vi") == "7.000"
    assert format_vnd_bn(None, "en") == ""
