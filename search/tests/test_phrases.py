"""Search finds what was typed: phrases, numbers, the lookalike Ð, and NFD text.

Every test here runs on SQLite and, with DATABASE_URL, on PostgreSQL: the two
must give the same results.
"""

import csv
import re
import unicodedata
from pathlib import Path

import pytest

from search import index
from search.models import SearchEntry

from .test_search import URL, titles

pytestmark = pytest.mark.django_db

WARDS_CSV = Path(__file__).resolve().parents[2] / "campaigns" / "data" / "wards.csv"
with open(WARDS_CSV, encoding="utf-8", newline="") as handle:
    WARDS = [row["name"] for row in csv.DictReader(handle)]

# For each ward, a title holding its syllables apart, and no ward's name.
APART = {
    "Đại Kim": "Đại hội chi bộ bàn cách tăng kim ngạch xuất khẩu",
    "Định Công": "Xác định nhiệm vụ trọng tâm của công tác tuyên truyền",
    "Giáp Bát": "Giáp Tết, các gia đình lau dọn bát hương",
    "Hoàng Liệt": "Quận Hoàng Mai tri ân gia đình liệt sĩ",
    "Hoàng Văn Thụ": "Quận Hoàng Mai tổ chức văn nghệ cho người dân thụ hưởng",
    "Lĩnh Nam": "Đảng viên lĩnh hội nghị quyết, thanh niên nam nữ hưởng ứng",
    "Mai Động": "Ngày mai, quận vận động người dân tiêm chủng",
    "Tân Mai": "Tân binh lên đường nhập ngũ từ sáng mai",
    "Thanh Trì": "Thanh niên duy trì nếp sống văn minh",
    "Thịnh Liệt": "Đời sống thịnh vượng, nhân dân nhớ ơn các anh hùng liệt sĩ",
    "Trần Phú": "Ông Trần Văn Ba làm ăn giỏi, trở nên phú quý",
    "Tương Mai": "Tương lai tươi sáng chờ đón học sinh từ ngày mai",
    "Vĩnh Hưng": "Tên các anh ghi vĩnh viễn, phong trào ngày càng hưng thịnh",
    "Yên Sở": "Người dân yên tâm khi Sở Y tế về kiểm tra",
}


def test_the_corpus_has_every_ward_and_no_ward_name_in_the_apart_titles():
    assert sorted(APART) == sorted(WARDS)
    for title in APART.values():
        key = index.words_key(title)
        assert not [w for w in WARDS if index.words_key(w) in key], title


@pytest.fixture
def wards_corpus(make_article):
    """For each ward, one article naming it in its text, one with its words apart.

    The apart ones hold every word in their title, which used to rank them first.
    """
    found = {}
    for n, ward in enumerate(WARDS):
        together = f"Tin từ cơ sở số {n + 1}"
        make_article(
            title=together,
            body=f"<p>Sáng nay, phường {ward} ra quân làm sạch ngõ xóm.</p>",
        )
        make_article(title=APART[ward], body="<p>Tin ngắn.</p>")
        found[ward] = together
    return found


def results(client, **params):
    """Return (titles holding the phrase, titles holding the words apart)."""
    html = client.get(URL, params).content.decode()
    together, _, apart = html.partition('class="notice">Các kết quả')
    return titles_in(together), titles_in(apart)


def titles_in(html):
    found = re.findall(r'<a href="[^"]+">(.*?)</a></h2>', html)
    return [re.sub(r"</?mark>", "", title) for title in found]


@pytest.mark.parametrize("ward", WARDS)
def test_a_ward_name_finds_its_ward_first_then_its_words_apart(
    client, wards_corpus, ward
):
    together, apart = results(client, q=ward)
    assert together == [wards_corpus[ward]]
    assert APART[ward] in apart
    assert wards_corpus[ward] not in apart
    assert results(client, q=index.fold(ward).lower()) == (together, apart)


@pytest.mark.parametrize("ward", WARDS)
def test_a_ward_name_in_quotes_finds_the_phrase_only(client, wards_corpus, ward):
    for quoted in [f'"{ward}"', f"“{ward}”", f'"{ward}']:
        assert results(client, q=quoted) == ([wards_corpus[ward]], [])


def test_the_page_says_how_many_hold_the_phrase(client, wards_corpus):
    html = client.get(URL, {"q": "Định Công"}).content.decode()
    assert "2 kết quả\n  cho “Định Công”:\n  1 có\n  cụm từ này, 1 có đủ các từ" in html
    assert "hãy đặt nó trong ngoặc kép" in html
    html = client.get(URL, {"q": "công định"}).content.decode()
    assert "không kết quả nào có\n  cụm từ này, 2 có đủ các từ" in html
    html = client.get(URL, {"q": '"Định Công"'}).content.decode()
    assert "1 kết quả\n  cho &quot;Định Công&quot;." in html


def test_newest_first_keeps_the_phrase_matches_first(client, make_article):
    make_article(title="Công tác xác định mốc giới", body="<p>Mới nhất.</p>")
    make_article(title="Tin cũ", body="<p>Phường Định Công.</p>")
    found = titles(client, q="Định Công", **{"sap-xep": "moi-nhat"})
    assert found == ["Tin cũ", "Công tác xác định mốc giới"]


def test_the_phrase_goes_before_words_in_the_title_and_its_title_first(
    client, make_article
):
    make_article(title="Công tác xác định mốc giới")
    make_article(title="Tin trong ngày", body="<p>Phường Định Công họp dân.</p>")
    make_article(title="Phường Định Công họp dân")
    assert titles(client, q="dinh cong") == [
        "Phường Định Công họp dân",
        "Tin trong ngày",
        "Công tác xác định mốc giới",
    ]


def test_a_phrase_is_not_found_across_the_title_and_the_text(client, make_article):
    make_article(title="Tin phường Định", body="<p>Công an phường trực Tết.</p>")
    assert results(client, q="Định Công") == ([], ["Tin phường Định"])
    assert results(client, q='"Định Công"') == ([], [])


def test_quoted_phrases_and_other_words_must_all_be_found(client, make_article):
    make_article(title="Phường Định Công ra quân vệ sinh môi trường")
    make_article(title="Phường Định Công họp dân")
    make_article(title="Vệ sinh môi trường ở Công viên Định")
    assert titles(client, q='"Định Công" vệ sinh') == [
        "Phường Định Công ra quân vệ sinh môi trường"
    ]


def test_the_snippet_shows_the_phrase_where_it_occurs(client, make_article):
    filler = " ".join(["Người dân tham gia đông đủ."] * 12)
    make_article(
        title="Tổng vệ sinh cuối tuần",
        body=f"<p>Công tác xác định điểm đen. {filler} Tại phường Định Công, "
        "các tổ dân phố ra quân từ sớm.</p>",
    )
    html = client.get(URL, {"q": "dinh cong"}).content.decode()
    assert "Tại phường <mark>Định Công</mark>, các tổ dân phố" in html
    # Words of the phrase elsewhere are not marked in an entry holding it.
    assert "<mark>Công</mark>" not in html
    assert "<mark>định</mark>" not in html


def test_words_apart_are_each_marked(client, make_article):
    make_article(title="Công tác xác định mốc giới")
    html = client.get(URL, {"q": "dinh cong"}).content.decode()
    assert "<mark>Công</mark> tác xác <mark>định</mark> mốc giới" in html


def test_parse_query():
    assert index.parse_query("Định  Công!") == index.Query(
        (("dinh", "cong"),), accented=(("định", "công"),)
    )
    assert index.parse_query("dinh  CONG!") == index.Query((("dinh", "cong"),))
    assert index.parse_query('"Định Công" vệ sinh') == index.Query(
        (("dinh", "cong"), ("ve",), ("sinh",)),
        exact=True,
        accented=(("định", "công"), ("vệ",), ("sinh",)),
    )
    assert index.parse_query("“Hoàng Mai”") == index.Query(
        (("hoang", "mai"),), exact=True, accented=(("hoàng", "mai"),)
    )
    # Ð is Đ, numbers lose their separators, as in the folded words.
    assert index.parse_query("\u00d0ạt 99,47%") == index.Query(
        (("dat", "9947"),), accented=(("đạt", "9947"),)
    )
    # Words fold() leaves are no folded words: the query is read folded.
    assert index.parse_query("Định Москва") == index.Query((("dinh",),))
    # Empty quotes are no phrase.
    assert index.parse_query('"" dinh') == index.Query((("dinh",),))
    assert not index.parse_query('"!!"')
    assert len(index.parse_query(" ".join(["a"] * 30)).words) == 1
    assert len(index.parse_query(" ".join(["a"] * 30)).phrases[0]) == index.MAX_TERMS


# --- numbers ------------------------------------------------------------------


@pytest.fixture
def turnout(make_article):
    make_article(
        title="Kết quả bầu cử",
        body="<p>Có 292.145 trên tổng số 293.695 cử tri đi bầu, đạt 99,47%.</p>",
    )
    make_article(title="Cử tri phường", body="<p>Danh sách có 292145 người.</p>")
    make_article(title="Chỉ số 145", body="<p>Không liên quan.</p>")


@pytest.mark.parametrize("query", ["292145", "292.145", "292,145"])
def test_a_number_matches_with_or_without_its_separator(client, turnout, query):
    assert titles(client, q=query) == ["Kết quả bầu cử", "Cử tri phường"]


@pytest.mark.parametrize("query", ["99,47", "99.47", "99,47%", "đạt 99.47%"])
def test_a_decimal_matches_with_a_comma_or_a_point(client, turnout, query):
    assert titles(client, q=query) == ["Kết quả bầu cử"]


def test_a_number_is_one_word_not_its_groups(client, turnout):
    assert titles(client, q="145") == ["Chỉ số 145"]
    key = SearchEntry.objects.get(title="Kết quả bầu cử").body_key
    assert " 292145 tren tong so 293695 cu tri di bau dat 9947 " in key


def test_a_number_is_highlighted_as_written(client, turnout):
    html = client.get(URL, {"q": "292145"}).content.decode()
    assert "Có <mark>292.145</mark> trên tổng số" in html
    assert "Danh sách có <mark>292145</mark> người" in html
    html = client.get(URL, {"q": "99.47"}).content.decode()
    assert "đạt <mark>99,47</mark>%" in html


# --- the lookalike Ð (U+00D0) -------------------------------------------------

ETH = "\u00d0"


def test_eth_is_read_as_d_with_stroke(client, make_article):
    article = make_article(title=f"{ETH}ẢNG BỘ PHƯỜNG {ETH}ỊNH CÔNG")
    assert article.slug == "dang-bo-phuong-dinh-cong"
    assert titles(client, q="Đảng bộ") == [article.title]
    assert titles(client, q=f"{ETH}ảng bộ") == [article.title]
    html = client.get(URL, {"q": "dang bo phuong dinh cong"}).content.decode()
    assert f"<mark>{ETH}ẢNG BỘ PHƯỜNG {ETH}ỊNH CÔNG</mark>" in html


def test_a_query_typed_with_eth_finds_d_with_stroke(client, make_article):
    make_article(title="Đảng bộ phường Định Công")
    assert titles(client, q=f"{ETH}ịnh Công") == ["Đảng bộ phường Định Công"]


def test_the_admin_finds_an_article_typed_with_eth(approver_client, make_article):
    make_article(title=f"{ETH}ảng bộ phường họp")
    html = approver_client.get("/admin/news/article/", {"q": "dang bo"}).content
    assert f"{ETH}ảng bộ phường họp" in html.decode()


# --- decomposed (NFD) text ----------------------------------------------------


def nfd(text):
    return unicodedata.normalize("NFD", text)


def test_a_title_typed_decomposed_is_stored_served_and_found_composed(
    client, make_article
):
    article = make_article(
        title=nfd("Phường Định Công họp dân"),
        sapo=nfd("Tóm tắt có dấu."),
        body=nfd("<p>Người dân phường Định Công góp ý.</p>"),
    )
    article.refresh_from_db()
    assert article.title == "Phường Định Công họp dân"
    assert article.sapo == "Tóm tắt có dấu."
    assert article.body == "<p>Người dân phường Định Công góp ý.</p>"
    entry = SearchEntry.objects.get(object_id=article.pk)
    assert entry.title == article.title
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Phường Định Công họp dân" in page
    assert nfd("Định") not in page
    for query in ["Định Công", nfd("Định Công"), "dinh cong"]:
        html = client.get(URL, {"q": query}).content.decode()
        assert "Phường <mark>Định Công</mark> họp dân" in html
        assert "phường <mark>Định Công</mark> góp ý" in html
    html = client.get(URL, {"q": nfd("Định Công")}).content.decode()
    assert 'value="Định Công"' in html


def test_highlighting_marks_accented_words_of_decomposed_text():
    query = index.parse_query(nfd("Hoàng Liệt"))
    assert index.highlight(nfd("Phường Hoàng Liệt"), query) == (
        "Phường <mark>Hoàng Liệt</mark>"
    )


# --- existing databases -------------------------------------------------------


def test_the_migration_makes_the_keys_of_existing_entries_again(client, turnout):
    import importlib

    from django.apps import apps
    from django.core.cache import cache

    migration = importlib.import_module(
        "search.migrations.0002_keys_read_numbers_and_eth"
    )
    # Keys as the code before made them: numbers in groups, Ð dropped.
    SearchEntry.objects.filter(title="Kết quả bầu cử").update(
        title_key=" ket qua ", body_key=" co 292 145 tren tong so 293 695 cu tri "
    )
    assert titles(client, q="292145") == ["Cử tri phường"]
    migration.make_keys_again(apps, None)
    cache.clear()  # the page above, cached; a deploy's would expire in a minute
    assert titles(client, q="292145") == ["Kết quả bầu cử", "Cử tri phường"]
