import csv
from pathlib import Path

import pytest

from publishing.text import clean, fold, nfc, plain_numbers, slugify, unique_slug

from .unclean import BREAKS, EVERY, LINE_BREAKS, REMOVED, name

DATA = Path(__file__).parent / "data"


def rows(name):
    with open(DATA / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


@pytest.mark.parametrize(
    "row", rows("vietnamese_letters.tsv"), ids=lambda r: r["letter"]
)
def test_fold_agrees_with_every_vietnamese_letter(row):
    assert fold(row["letter"]) == row["folded"]


@pytest.mark.parametrize(
    "row", rows("vietnamese_letters.tsv"), ids=lambda r: r["letter"]
)
def test_slug_of_every_vietnamese_letter_is_its_folded_form(row):
    assert slugify(row["letter"]) == row["folded"].lower()


@pytest.mark.parametrize("row", rows("slugs.tsv"), ids=lambda r: r["slug"])
def test_slugs_follow_vietnamese_rules(row):
    assert slugify(row["title"]) == row["slug"]


def test_d_with_stroke_becomes_d_never_dropped():
    assert slugify("Đảng bộ quận Hoàng Mai") == "dang-bo-quan-hoang-mai"
    assert slugify("ĐỊNH CÔNG") == "dinh-cong"


def test_fold_keeps_text_in_nfc_and_decomposed_input_folds_too():
    decomposed = "Hoa\u0300ng Mai"
    assert fold(decomposed) == "Hoang Mai"


def test_long_titles_are_cut_at_a_word_boundary_within_255_characters():
    slug = slugify("Đảng bộ quận Hoàng Mai " * 30)
    assert len(slug) <= 255
    assert not slug.endswith("-")
    assert slug.startswith("dang-bo-quan-hoang-mai-dang-bo")


def test_unique_slug_adds_a_number_when_taken():
    taken = {"dinh-cong", "dinh-cong-2"}
    assert unique_slug("Định Công", taken.__contains__) == "dinh-cong-3"


def test_unique_slug_of_punctuation_only_title_is_not_empty():
    assert unique_slug("!!!", lambda s: False) == "bai-viet"


@pytest.mark.parametrize(
    ("eth", "stroke"), [("\u00d0", "Đ"), ("\u00f0", "đ")], ids=["upper", "lower"]
)
def test_the_lookalike_eth_folds_as_d_with_stroke(eth, stroke):
    title = f"{eth}ảng bộ phường {eth}ịnh Công"
    same = title.replace(eth, stroke)
    assert fold(title) == fold(same) == fold(same).replace("Đ", "D")
    assert slugify(title) == slugify(same) == "dang-bo-phuong-dinh-cong"


def test_nfc_composes_decomposed_text():
    assert nfc("Hoa\u0300ng Mai") == "Hoàng Mai"
    assert nfc("Hoàng Mai") == "Hoàng Mai"


@pytest.mark.parametrize("char", REMOVED, ids=name)
def test_clean_removes_each_control_character_and_non_character(char):
    assert clean(f"Hoàng Mai{char}") == "Hoàng Mai"
    assert clean(f"Phường {char}Định{char} Công") == "Phường Định Công"


def test_clean_keeps_tab_and_newline():
    assert clean("Chỉ tiêu\tĐơn vị\nCử tri\tngười\n") == (
        "Chỉ tiêu\tĐơn vị\nCử tri\tngười\n"
    )


def test_clean_reads_cr_lf_and_a_lone_cr_as_one_line_break():
    assert clean("Dòng một\r\nDòng hai\rDòng ba\r\n\r\n") == (
        "Dòng một\nDòng hai\nDòng ba\n\n"
    )


@pytest.mark.parametrize("char", LINE_BREAKS[2:], ids=name)
def test_a_soft_line_break_between_two_words_keeps_them_apart(char):
    assert clean(f"Hoàng{char}Mai") == "Hoàng\nMai"


def test_clean_composes_text_even_around_a_removed_character():
    assert clean("Hoa\u0300ng Mai") == "Hoàng Mai"
    assert clean("Hoa\x00\u0300ng Mai\ufffe") == "Hoàng Mai"
    assert clean("Hoàng Mai") == "Hoàng Mai"


def test_clean_text_stays_as_it_is():
    assert clean(EVERY) == BREAKS
    assert clean(clean(f"Hoa\u0300ng{EVERY}Mai")) == f"Hoàng{BREAKS}Mai"


def test_plain_numbers_drops_separators_inside_numbers_only():
    assert plain_numbers("292.145 cử tri, 99,47%") == "292145 cử tri, 9947%"
    assert plain_numbers("năm 2021. Có 15, rồi 16.") == "năm 2021. Có 15, rồi 16."
