"""Search knows the wards: a report's figures are found under each ward's name.

And a query typed with diacritics ranks its words as typed first, and finds its
words apart only as typed: "Trần Phú" is not "trân trọng … phù hợp". Every test
here runs on SQLite and, with DATABASE_URL, on PostgreSQL.
"""

import datetime
import re
import unicodedata
from decimal import Decimal

import pytest
from django.utils import timezone

from campaigns.models import Campaign, Figure, Indicator, Report, Ward
from search import index
from search.models import SearchEntry

from .test_phrases import APART, WARDS, results
from .test_search import URL, search_queries

pytestmark = pytest.mark.django_db

# For each ward, a title holding its syllables next to each other in other
# tones, and one holding them apart in other tones.
OTHER_TONES = {
    "Đại Kim": "Chiếc đài kim loại cũ được trưng bày",
    "Định Công": "Công nhân đình công đòi tăng lương",
    "Giáp Bát": "Khu dân cư giáp bạt ngàn ruộng lúa",
    "Hoàng Liệt": "Khu đất hoang liệt vào diện thu hồi",
    "Hoàng Văn Thụ": "Ngôi nhà hoang vẫn thu hút người tò mò",
    "Lĩnh Nam": "Cựu lính Nam Bộ kể chuyện chiến trường",
    "Mai Động": "Sáng mai đông người đi lễ chùa",
    "Tân Mai": "Đoàn đi tận mãi Cà Mau thăm chiến sĩ",
    "Thanh Trì": "Thành trì vững chắc của lòng dân",
    "Thịnh Liệt": "Cô lặng thinh, liệt kê từng việc",
    "Trần Phú": "Dinh trấn phủ xưa được trùng tu",
    "Tương Mai": "Bức tượng mãi là niềm tự hào",
    "Vĩnh Hưng": "Thành phố Vinh hưng thịnh nhờ du lịch",
    "Yên Sở": "Nhà yến số 5 cho thu hoạch",
}
OTHER_TONES_APART = {
    "Đại Kim": "Đài truyền thanh nhắc người dân dùng kìm cắt điện an toàn",
    "Định Công": "Đình làng được sửa cống thoát nước",
    "Giáp Bát": "Giáp ranh hai phường, công an bắt nhóm trộm",
    "Hoàng Liệt": "Ruộng bỏ hoang được liệt kê",
    "Hoàng Văn Thụ": "Đất hoang vẫn chưa được thu hồi",
    "Lĩnh Nam": "Lính mới nhập ngũ năm nay",
    "Mai Động": "Mái nhà văn hóa lợp tôn đồng màu",
    "Tân Mai": "Tăng tần suất kiểm tra mái nhà cũ",
    "Thanh Trì": "Thành phố đầu tư cho trí tuệ nhân tạo",
    "Thịnh Liệt": "Khám thính lực cho người bị liệt",
    "Trần Phú": "Trân trọng mời cán bộ phụ trách phù hợp",
    "Tương Mai": "Tướng Giáp mãi mãi trong lòng dân",
    "Vĩnh Hưng": "Vinh danh những tấm gương anh hùng",
    "Yên Sở": "Nuôi yến phải có sổ theo dõi",
}
REPORT = "Kết quả bầu cử trên địa bàn quận"


def test_the_other_tones_fold_to_the_ward_and_hold_it_as_asked():
    assert sorted(OTHER_TONES) == sorted(OTHER_TONES_APART) == sorted(WARDS)
    for ward in WARDS:
        key, typed = index.words_key(ward), index.accent_key(ward)
        together, apart = OTHER_TONES[ward], OTHER_TONES_APART[ward]
        assert key in index.words_key(together), together
        assert typed not in index.accent_key(together), together
        assert key not in index.words_key(apart), apart
        assert set(index.words(ward)) <= set(index.words(apart)), apart
        assert not set(index.accented_words(ward)) <= set(
            index.accented_words(apart)
        ), apart


@pytest.fixture
def election(db):
    """A report with figures for the 14 wards; its title and text name none."""
    campaign = Campaign.objects.create(
        name="Bầu cử 2021", slug="bau-cu-2021", summary="Tóm tắt.", period="2021"
    )
    listed = Indicator.objects.create(
        campaign=campaign, name="Cử tri trong danh sách", unit="cử tri", order=1
    )
    voted = Indicator.objects.create(
        campaign=campaign, name="Cử tri đã bỏ phiếu", unit="cử tri", order=2
    )
    Indicator.objects.create(
        campaign=campaign,
        name="Tỷ lệ cử tri đi bầu",
        unit="%",
        order=3,
        decimals=2,
        numerator=voted,
        denominator=listed,
    )
    report = Report.objects.create(
        campaign=campaign,
        title=REPORT,
        period="2021",
        reported_on=datetime.date(2021, 5, 28),
        summary="Cử tri toàn quận đi bầu đông đủ.",
        body="<p>Ngày bầu cử diễn ra an toàn.</p>",
        status=Report.Status.PUBLISHED,
        # Older than every article, which would come first were it newer.
        published_at=timezone.now() - datetime.timedelta(days=30),
    )
    for n, ward in enumerate(Ward.objects.all()):
        Figure.objects.create(
            report=report, indicator=listed, ward=ward, value=20000 + 1000 * n
        )
        Figure.objects.create(
            report=report, indicator=voted, ward=ward, value=19900 + 1000 * n
        )
    return report


def line(ward):
    """Return the ward's line of the election report, as the snippet shows it."""
    n = [w.name for w in Ward.objects.all()].index(ward)
    listed, voted = 20000 + 1000 * n, 19900 + 1000 * n
    rate = (Decimal(voted) * 100 / listed).quantize(Decimal("0.01"))
    return (
        f"{ward}: {listed:,} cử tri trong danh sách; {voted:,} cử tri đã bỏ phiếu; "
        f"{rate}% cử tri đã bỏ phiếu"
    ).translate(str.maketrans({",": ".", ".": ","}))


def snippets(client, query):
    """Return {title: snippet's text} of the results, <mark> shown as [ ]."""
    html = client.get(URL, {"q": query}).content.decode()
    found = {}
    for result in re.findall(r'<h2 class="card__title">.*?</li>', html, re.S):
        title = re.search(r'<a href="[^"]+">(.*?)</a>', result)[1]
        text = re.findall(r"<p>(.*?)</p>", result, re.S)[-1]
        found[re.sub("</?mark>", "", title)] = text.replace("<mark>", "[").replace(
            "</mark>", "]"
        )
    return found


def forms(ward):
    """The ward as a reader may type it: as written, decomposed, folded, upper."""
    return {
        "nfc": ward,
        "nfd": unicodedata.normalize("NFD", ward),
        "folded": index.fold(ward).lower(),
        "upper": ward.upper(),
    }


@pytest.mark.parametrize("form", ["nfc", "nfd", "folded", "upper"])
@pytest.mark.parametrize("ward", WARDS)
def test_a_ward_finds_the_report_with_its_line_as_snippet(client, election, ward, form):
    query = forms(ward)[form]
    together, apart = results(client, q=query)
    assert together == [REPORT]
    assert snippets(client, query)[REPORT] == "[" + ward + "]" + line(ward)[len(ward) :]


def test_the_ward_lines_are_the_report_tables(election):
    entry = SearchEntry.objects.get(kind="report", object_id=election.pk)
    assert entry.figures.splitlines() == [
        line(ward.name) for ward in Ward.objects.all()
    ]
    assert entry.figures.splitlines()[8] == (
        "Giáp Bát: 28.000 cử tri trong danh sách; 27.900 cử tri đã bỏ phiếu; "
        "99,64% cử tri đã bỏ phiếu"
    )


@pytest.fixture
def wards_corpus(election, make_article):
    """For each ward, newest first: an article naming it in its title, one in its
    text, one holding its syllables together in other tones (in its title), one
    holding them apart with its tones and one apart in other tones; and the
    election report, the oldest, with its figures."""
    found = {}
    for ward in WARDS:
        found[ward] = {
            "title": make_article(title=f"Phường {ward} ra quân vệ sinh").title,
            "text": make_article(
                title=f"Tin cơ sở {len(found) + 1}",
                body=f"<p>Sáng nay, phường {ward} họp dân.</p>",
            ).title,
            "other_tones": make_article(title=OTHER_TONES[ward]).title,
            "apart": make_article(title=APART[ward]).title,
            "other_tones_apart": make_article(title=OTHER_TONES_APART[ward]).title,
        }
    return found


@pytest.mark.parametrize("ward", WARDS)
def test_a_ward_typed_with_diacritics_ranks_what_is_about_it_first(
    client, wards_corpus, ward
):
    made = wards_corpus[ward]
    for query in [ward, unicodedata.normalize("NFD", ward), ward.upper()]:
        together, apart = results(client, q=query)
        # As typed: the title, the text, the report's figures; then the same
        # syllables in other tones.
        assert together == [made["title"], made["text"], REPORT, made["other_tones"]]
        # Apart, only with the diacritics typed.
        assert apart == [made["apart"]]


@pytest.mark.parametrize("ward", WARDS)
def test_a_ward_typed_without_diacritics_finds_every_tone_as_before(
    client, wards_corpus, ward
):
    made = wards_corpus[ward]
    together, apart = results(client, q=index.fold(ward).lower())
    # Title, text, figures; newest first in each.
    assert together == [made["title"], made["other_tones"], made["text"], REPORT]
    assert apart == [made["apart"], made["other_tones_apart"]]


def test_words_typed_with_diacritics_are_marked_as_typed(client, wards_corpus):
    made = wards_corpus["Trần Phú"]
    found = snippets(client, "Trần Phú")
    assert set(found) == {
        made["title"],
        made["text"],
        REPORT,
        made["other_tones"],
        made["apart"],
    }
    assert found[made["text"]].endswith("Sáng nay, phường [Trần Phú] họp dân.")
    assert found[REPORT] == "[Trần Phú]" + line("Trần Phú")[len("Trần Phú") :]
    html = client.get(URL, {"q": "Trần Phú"}).content.decode()
    assert "Phường <mark>Trần Phú</mark> ra quân" in html
    assert "Dinh <mark>trấn phủ</mark> xưa" in html  # found folded: marked so
    assert "Ông <mark>Trần</mark> Văn Ba làm ăn giỏi, trở nên <mark>phú</mark>" in html
    assert "Trân trọng" not in html


def test_a_word_in_a_ward_line_only_shows_that_line(client, election):
    found = snippets(client, "Yên")
    assert found == {REPORT: "[Yên] Sở" + line("Yên Sở")[len("Yên Sở") :]}
    # Whole, wherever the match is in it.
    found = snippets(client, "99,64%")
    assert found == {REPORT: line("Giáp Bát").replace("99,64", "[99,64]")}


def test_a_query_typed_with_diacritics_reads_as_few_queries(
    client, settings, wards_corpus
):
    settings.PAGE_CACHE_SECONDS = 0
    # Counts of the phrase and of the words apart, then a page of each.
    assert search_queries(client, "Tân Mai") == 2 + 2
    assert search_queries(client, "tan mai") == 2 + 2
    assert search_queries(client, '"Tân Mai"') == 1 + 1


def test_a_phrase_found_by_many_typed_with_diacritics_reads_group_by_group(
    client, settings, wards_corpus, monkeypatch
):
    settings.PAGE_CACHE_SECONDS = 0
    monkeypatch.setattr(index, "MAX_COUNT", 2)
    # More than 2 hold "tan mai": the page reads the groups in order, as typed
    # first (title, text, figures), until it has its 2 entries.
    made = wards_corpus["Tân Mai"]
    assert results(client, q="Tân Mai")[0] == [made["title"], made["text"]]
    assert search_queries(client, "Tân Mai") == 1 + 2
    monkeypatch.setattr(index, "MAX_COUNT", 3)
    assert results(client, q="Tân Mai")[0] == [made["title"], made["text"], REPORT]
    assert search_queries(client, "Tân Mai") == 1 + 3
    monkeypatch.setattr(index, "MAX_COUNT", 4)
    assert results(client, q="tan mai")[0] == [
        made["title"],
        made["other_tones"],
        made["text"],
        REPORT,
    ]


# --- keeping the figures --------------------------------------------------------


def test_a_changed_figure_changes_the_ward_line(client, election):
    giap_bat = Ward.objects.get(name="Giáp Bát")
    figure = election.figures.get(ward=giap_bat, indicator__name="Cử tri đã bỏ phiếu")
    figure.value = 27000
    figure.save()
    entry = SearchEntry.objects.get(kind="report", object_id=election.pk)
    assert "Giáp Bát: 28.000 cử tri trong danh sách; 27.000 cử tri đã bỏ phiếu; " in (
        entry.figures
    )
    election.figures.filter(ward=giap_bat).delete()  # a queryset: no signals
    figure = election.figures.filter(ward__name="Yên Sở").first()
    figure.delete()
    entry.refresh_from_db()
    assert "Giáp Bát" not in entry.figures
    assert "Yên Sở: 33.000 cử tri trong danh sách\n" not in entry.figures + "\n"
    assert results(client, q="giap bat") == ([], [])


def test_a_renamed_indicator_renames_the_lines(election):
    indicator = Indicator.objects.get(name="Cử tri trong danh sách")
    indicator.name = "Cử tri có tên trong danh sách"
    indicator.save()
    entry = SearchEntry.objects.get(kind="report", object_id=election.pk)
    assert entry.figures.startswith("Thanh Trì: 20.000 cử tri có tên trong danh sách")


def test_rebuild_gives_the_same_ward_lines(election):
    fields = ["title", "text", "figures", "title_key", "body_key", "figures_key"]
    fields += ["title_accent_key", "body_accent_key", "figures_accent_key"]
    before = set(SearchEntry.objects.values_list(*fields))
    assert any(figures for _, _, figures, *_ in before)
    index.rebuild()
    assert set(SearchEntry.objects.values_list(*fields)) == before


def test_the_demo_reports_are_found_by_their_wards(client):
    import io

    from django.core.management import call_command

    call_command("seed_demo", stdout=io.StringIO())
    for ward in ["Giáp Bát", "Vĩnh Hưng", "Yên Sở"]:
        together, _ = results(client, q=ward, loai="report")
        assert "Kết quả bầu cử ngày 23/5/2021 trên địa bàn quận Hoàng Mai" in together


def test_the_migration_makes_the_accent_keys(client, wards_corpus):
    import importlib

    from django.apps import apps
    from django.core.cache import cache

    migration = importlib.import_module(
        "search.migrations.0004_ward_figures_and_accented_words"
    )
    # As the entries were before (the figures come with rebuild_search_index).
    SearchEntry.objects.update(title_accent_key="", body_accent_key="")
    made = wards_corpus["Tân Mai"]
    assert results(client, q="Tân Mai")[1] == []
    migration.make_accent_keys(apps, None)
    cache.clear()  # the page above, cached; a deploy's would expire in a minute
    assert results(client, q="Tân Mai") == (
        [made["title"], made["text"], REPORT, made["other_tones"]],
        [made["apart"]],
    )


# --- the snippet's punctuation -------------------------------------------------


def test_a_mark_after_an_inline_tag_keeps_to_its_word(client, make_article):
    body = (
        "<p>Tỷ lệ cử tri đi bầu đạt <strong>99,47%</strong>. Khi kiểm phiếu, "
        '<a href="/x">tổ bầu cử</a>, <em>công an</em>; <b>dân quân</b>: có mặt '
        "(<i>đủ</i>)!</p><p>Đoạn hai.</p><ul><li>Một</li><li>Hai<br>Ba</li></ul>"
    )
    assert index.plain_text(body) == (
        "Tỷ lệ cử tri đi bầu đạt 99,47%. Khi kiểm phiếu, tổ bầu cử, công an; "
        "dân quân: có mặt (đủ)! Đoạn hai. Một Hai Ba"
    )
    make_article(title="Bầu cử", body=body)
    html = client.get(URL, {"q": "99,47"}).content.decode()
    assert "đạt <mark>99,47</mark>%. Khi kiểm phiếu, tổ bầu cử, công an;" in html
