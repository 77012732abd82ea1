import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.utils import timezone

from campaigns.models import Document, Figure, Indicator, Report
from demo.images import cover_alt, draw_cover, scene_for
from demo.polls import INVITATION, QUESTION
from news.models import Article, Category
from pages.models import Page
from polls.models import Poll
from publishing.pictures import pictures_without_description
from publishing.workflow import APPROVER_GROUP, EDITOR_GROUP

pytestmark = pytest.mark.django_db

# The documents the office's review of 2021 cites, with their dates of issue.
CITED = {
    "06-CT/QU": datetime.date(2021, 2, 2),
    "05-CT/TU": datetime.date(2021, 7, 30),
    "06-CT/TU": datetime.date(2021, 9, 1),
    "15-CT/TU": None,  # cited without a date
    "19/CĐ-UBND": datetime.date(2021, 8, 21),
    "18/CĐ-UBND": datetime.date(2021, 8, 6),
}


def snapshot():
    return {
        "articles": list(
            Article.objects.order_by("pk").values_list(
                "pk", "slug", "status", "published_at", "updated_at", "cover"
            )
        ),
        "categories": list(Category.objects.order_by("pk").values_list()),
        "pages": list(Page.objects.order_by("pk").values_list()),
        "users": list(get_user_model().objects.values_list("pk", "password")),
        "reports": list(Report.objects.order_by("pk").values_list("pk", "version")),
        "figures": list(Figure.objects.order_by("pk").values_list("pk", "value")),
        "documents": list(Document.objects.order_by("pk").values_list("pk", "file")),
        "indicators": list(Indicator.objects.order_by("pk").values_list("pk", "name")),
        "polls": list(Poll.objects.values_list("pk", "version", "opens_at")),
    }


def test_seed_demo_loads_the_demo_and_a_second_run_changes_nothing(capsys):
    call_command("seed_demo")
    first = snapshot()
    out = capsys.readouterr().out
    assert "tài khoản admin" in out and "mật khẩu" in out
    call_command("seed_demo")
    assert snapshot() == first


def test_demo_has_what_the_issue_asks_for():
    call_command("seed_demo")
    now = timezone.now()
    articles = Article.objects.all()
    assert articles.count() >= 12
    assert Category.objects.count() >= 5
    assert Article.objects.published().filter(is_featured=True).count() >= 3
    assert articles.filter(status="published", published_at__gt=now).count() == 2
    assert articles.filter(status="draft").count() == 1
    assert all(a.cover_card and a.cover_full for a in articles)
    assert Page.objects.filter(slug="gioi-thieu").exists()
    User = get_user_model()
    assert User.objects.get(username="admin").is_superuser
    assert User.objects.get(username="bientap").groups.get().name == EDITOR_GROUP
    assert User.objects.get(username="duyetbai").groups.get().name == APPROVER_GROUP
    assert Article.objects.exclude(campaign=None).exists()


def test_the_demo_staff_have_names_that_mail_and_history_can_use():
    User = get_user_model()
    User.objects.create_user("bientap", "bientap@example.invalid", "x")
    call_command("seed_demo")
    names = {u.username: u.get_full_name() for u in User.objects.all()}
    # Django's get_full_name() is "first last"; the portal says the family first.
    assert names == {
        "admin": "Huy Lê Quang",
        "bientap": "Lan Nguyễn Thị",
        "duyetbai": "Minh Trần Văn",
    }
    User.objects.filter(username="bientap").update(first_name="Hoa")
    call_command("seed_demo")
    assert User.objects.get(username="bientap").first_name == "Hoa"


def test_seed_demo_refuses_production_settings(settings):
    settings.PORTAL_ENVIRONMENT = "production"
    with pytest.raises(CommandError, match="production"):
        call_command("seed_demo")
    assert not Article.objects.exists()


def test_demo_covers_differ_by_article_and_say_what_they_show():
    call_command("seed_demo")
    articles = list(Article.objects.all())
    covers = {}
    for article in articles:
        with article.cover.open("rb") as file:
            covers[article.slug] = file.read()
    assert len(set(covers.values())) == len(articles)
    alts = {article.cover_alt for article in articles}
    assert len(alts) >= 6  # as many scenes: a hall, a ballot box, a road...
    assert all(alt.startswith("Tranh minh họa: ") for alt in alts)
    slug = articles[0].slug
    assert draw_cover(slug) == draw_cover(slug)  # the same slug, the same picture
    assert cover_alt(scene_for("ket-qua-bau-cu-tai-quan-hoang-mai")) == (
        "Tranh minh họa: hòm phiếu, lá phiếu và hàng cờ ngày bầu cử"
    )
    # Every picture of a body is described too, and the home page has a lead.
    bodies = [
        *Article.objects.values_list("body", flat=True),
        *Page.objects.values_list("body", flat=True),
        *Report.objects.values_list("body", flat=True),
    ]
    assert [b for b in bodies if pictures_without_description(b)] == []
    assert Article.objects.featured().first().lead


def test_demo_has_the_documents_the_review_of_2021_cites(client):
    call_command("seed_demo")
    issued = dict(Document.objects.published().values_list("number", "issued_on"))
    assert {number: issued[number] for number in CITED} == CITED
    undated = Document.objects.get(number="15-CT/TU")
    page = " ".join(client.get(undated.get_absolute_url()).content.decode().split())
    assert "<dt>Ngày ban hành</dt><dd>Chưa rõ</dd>" in page
    listing = client.get("/van-ban/?loai=cong-dien").content.decode()
    assert "Công điện số 19/CĐ-UBND" in listing and "Công điện số 18/CĐ-UBND" in listing
    review = Article.objects.get(title__startswith="Những hoạt động nổi bật")
    for document in Document.objects.filter(number__in=CITED):
        assert f'href="{document.get_absolute_url()}"' in review.body


def test_the_demo_agrees_with_itself_and_speaks_plainly(client):
    call_command("seed_demo")
    poll = Poll.objects.get(question=QUESTION)
    invitation = Article.objects.get(slug=INVITATION)
    assert invitation.published_at >= poll.opens_at
    assert Poll.objects.current().get() == poll
    # Where the poll is holds on every screen: a link, not "the right-hand column".
    assert "bên phải" not in invitation.body and "cột bên" not in invitation.body
    assert f'href="{poll.get_absolute_url()}"' in invitation.body
    page = client.get(invitation.get_absolute_url()).content.decode()
    assert f"{timezone.localtime(invitation.published_at):%d/%m/%Y}" in page
    poll_page = client.get(poll.get_absolute_url()).content.decode()
    assert f"Mở từ {timezone.localtime(poll.opens_at):%d/%m/%Y}" in poll_page
    # One name for the office's Facebook pages.
    texts = [
        *Article.objects.values_list("title", "sapo", "body"),
        *Report.objects.values_list("title", "summary", "body"),
        *Indicator.objects.values_list("name"),
    ]
    words = " ".join(" ".join(row) for row in texts).lower()
    assert "fan page" not in words and "fanpage" not in words
    assert "trang facebook" in words


def test_seed_demo_brings_an_earlier_runs_text_up_to_date():
    call_command("seed_demo")
    new = snapshot()
    # What an earlier demo wrote: the poll opened a month before today, the
    # invitation sent readers to the right-hand column, "fanpage" in names.
    poll = Poll.objects.get(question=QUESTION)
    month_ago = timezone.now() - datetime.timedelta(days=30)
    Poll.objects.filter(pk=poll.pk).update(opens_at=month_ago, published_at=month_ago)
    Article.objects.filter(slug=INVITATION).update(
        body="<p>Mục bình chọn được đặt ở cột bên phải của trang.</p>"
    )
    indicator = Indicator.objects.get(name="Người theo dõi hai trang Facebook")
    figures = list(indicator.figures.values_list("pk", "value"))
    indicator.name = "Người theo dõi hai fanpage"
    indicator.save()
    report = indicator.figures.first().report
    Report.objects.filter(pk=report.pk).update(summary="Hai fanpage của quận.")

    call_command("seed_demo")
    poll.refresh_from_db()
    invitation = Article.objects.get(slug=INVITATION)
    assert poll.opens_at == poll.published_at == invitation.published_at
    assert "bên phải" not in invitation.body
    indicator.refresh_from_db()
    assert indicator.name == "Người theo dõi hai trang Facebook"
    assert list(indicator.figures.values_list("pk", "value")) == figures
    report.refresh_from_db()
    assert report.summary.startswith("Hai trang Facebook của quận")
    assert Indicator.objects.count() == len(new["indicators"])
    again = snapshot()
    call_command("seed_demo")
    assert snapshot() == again
