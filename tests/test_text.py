"""One way to say things: Text keyed by language code, t() over strings.csv, enumerations from data."""

import logging

import pytest

from catalogue import text
from catalogue.errors import CatalogueError
from catalogue.text import Text, enum_label, format_date, format_number, in_language, localized, t


def test_a_text_falls_back_to_english_then_vietnamese():
    both = Text(vi="Bản nháp", en="Draft")
    assert (both("vi"), both("en"), both("ja")) == ("Bản nháp", "Draft", "Draft")
    assert Text(vi="Chỉ tiếng Việt")("en") == "Chỉ tiếng Việt"
    assert both.has("vi") and not both.has("ja")
    assert Text.of("language_name.en")("vi") == "tiếng Anh"


def test_a_third_language_is_a_column_of_strings_csv(tmp_path, monkeypatch):
    table = tmp_path / "strings.csv"
    table.write_text("key,vi,en,ja\nhello,Xin chào,Hello,こんにちは\ncount,{count} dự án,{count} projects,\n", "utf-8")
    languages, strings = text._load_strings(table)
    assert languages == ("vi", "en", "ja")
    monkeypatch.setattr(text, "STRINGS", strings)
    assert t("hello", "ja") == "こんにちは"
    assert t("count", "ja", count=3) == "3 projects"  # no Japanese yet: English, written the English way


def test_an_unknown_key_never_fails_a_page(caplog):
    with caplog.at_level(logging.ERROR, logger="catalogue.text"):
        assert t("no.such.key", "en") == "no.such.key"
    assert "no.such.key" in caplog.text


def test_numbers_and_dates_follow_the_language_and_fall_back_to_english():
    import datetime as dt

    assert format_number(1234.5, "vi") == "1.234,5" and format_number(1234.5, "en") == "1,234.5"
    assert format_number(1234.5, "ja") == "1,234.5"
    assert format_date(dt.date(2026, 1, 5), "vi") == "05/01/2026"
    assert format_date(dt.date(2026, 1, 5), "en") == "5 Jan 2026"


def test_column_pairs_are_read_in_the_readers_language_with_the_fallback_marked():
    row = {"name_vi": "Nhà máy", "name_en": "", "title_vi": "Nhiệm vụ", "title_en": "Task"}
    assert in_language(row, "name", "en") == ("Nhà máy", True)  # shown, and marked as not English
    assert in_language(row, "title", "en") == ("Task", False)
    assert localized(row, "title", "vi") == "Nhiệm vụ"


def test_enumerations_come_from_data_with_their_labels():
    assert enum_label("role", "reviewer")("en") == "Reviewer"
    assert enum_label("publication", "draft")("vi") == "Bản nháp"
    assert enum_label("history_action", "no-such-action")("en") == "no-such-action"  # shown, never a traceback
    assert text.codes("role") == ("viewer", "staff", "reviewer", "admin")


def test_an_error_carries_one_text():
    error = CatalogueError(Text(vi="Sai", en="Wrong"))
    assert error.text("en") == "Wrong" and error.text("vi") == "Sai" and str(error) == "Wrong"
    with pytest.raises(TypeError):  # no written-out (vietnamese, english) pair: messages live in strings.csv
        CatalogueError("Không được", "Not allowed")


def test_a_text_built_from_language_dependent_parts_holds_every_language():
    amount = Text.each(lambda lang: format_number(1234.5, lang))
    assert (amount("vi"), amount("en"), amount("ja")) == ("1.234,5", "1,234.5", "1,234.5")


def test_lists_sort_in_the_readers_alphabet():
    """Vietnamese: ă and â after a, đ after d, ơ after ô, tones after the letters; English ignores marks."""
    from catalogue.text import collation_key

    names = [
        "Đông Anh",
        "Ba Đình",
        "Ứng Hòa",
        "Ân Thi",
        "An Khánh",
        "Dương Nội",
        "Ô Chợ Dừa",
        "Oai",
        "Sơn Tây",
        "Sóc Sơn",
    ]
    assert sorted(names, key=lambda name: collation_key(name, "vi")) == [
        "An Khánh", "Ân Thi", "Ba Đình", "Dương Nội", "Đông Anh", "Oai", "Ô Chợ Dừa", "Sóc Sơn", "Sơn Tây", "Ứng Hòa",
    ]  # fmt: skip
    assert sorted(names, key=lambda name: collation_key(name, "en")) == [
        "An Khánh",
        "Ân Thi",
        "Ba Đình",
        "Đông Anh",
        "Dương Nội",
        "Ô Chợ Dừa",
        "Oai",
        "Sóc Sơn",
        "Sơn Tây",
        "Ứng Hòa",
    ]  # fmt: skip  ("o cho" before "oai": a word ends before a letter follows)
    assert sorted(["hòa", "hoá", "hoa", "hỏa"], key=lambda name: collation_key(name, "vi")) == [
        "hoa",
        "hòa",
        "hỏa",
        "hoá",
    ]
