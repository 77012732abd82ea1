"""Two app servers behind one host name, sharing PostgreSQL and Redis.

An approver publishes through the admin of server A; server B, whose pages were
cached before, shows the article at once. Voters through both servers are all
counted, and a voter who voted on A is refused on B.
"""

import re
import secrets
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db.models import Sum

from news.models import Article
from polls.models import Vote

from .databases import postgresql_only
from .live import (
    Browser,
    admin_login,
    admin_url,
    app_servers,
    database_url,
    production_env,
    read_form,
    redis_database,
)

pytestmark = postgresql_only(
    "app servers sharing a database need PostgreSQL, not an SQLite file"
)

TITLE = "Phường Định Công ra quân làm sạch môi trường mùa mưa bão"
VOTERS_ON_A = 9
VOTERS_ON_B = 7
THANKS = "Cảm ơn bạn đã bình chọn! Phiếu của bạn đã được ghi nhận."
ALREADY = "Bạn đã bình chọn cho câu hỏi này. Cảm ơn bạn!"


@pytest.fixture
def two_servers(transactional_db, static_root, tmp_path):
    """Servers A and B: one worker each, the test database, Redis database 13."""
    with redis_database(13) as redis_url:
        env = production_env(
            secret_key=secrets.token_urlsafe(50),
            database_url=database_url("portal-scale-out-test"),
            redis_url=redis_url,
            static_root=static_root,
            media_root=tmp_path / "media",
        )
        with app_servers(["A", "B"], env, tmp_path) as servers:
            yield servers


def titles_on(browser, server, path):
    """Return the page at path from server and whether it came from the cache."""
    page = browser.get(server.url, path)
    assert page.status == 200, (server.name, path, page.status)
    return page.text, page.headers.get("X-Cache")


def test_publishing_on_one_server_shows_on_the_other_and_votes_on_both_count(
    two_servers, make_article, category, approver, open_poll
):
    a, b = two_servers
    make_article(title="Hội nghị học tập Nghị quyết của Đảng bộ quận")
    make_article(title="Quận Hoàng Mai tổng kết công tác tuyên truyền năm")
    reader = Browser("198.51.100.7")
    pages = ["/", category.get_absolute_url()]

    # Readers load the pages through both servers: one cache serves both.
    for path in pages:
        text, cached = titles_on(reader, a, path)
        assert cached == "MISS" and TITLE not in text
        text, cached = titles_on(reader, b, path)
        assert cached == "HIT" and TITLE not in text

    # The approver writes a draft in the admin of A, then publishes it there.
    staff = Browser("198.51.100.20")
    admin_login(staff, a.url, approver, "pw")
    add_url = admin_url("news/article/add/")
    fields = read_form(staff.get(a.url, add_url).text, "article_form")
    fields.update(
        title=TITLE,
        category=str(category.pk),
        sapo="Hơn 300 đoàn viên, hội viên cùng người dân tham gia.",
        body="<p>Sáng Chủ nhật, phường Định Công tổ chức ra quân.</p>",
        status="draft",
        _save="Lưu",
    )
    response = staff.post(a.url, add_url, fields)
    assert response.status == 302, response.text[:3000]
    article = Article.objects.get(title=TITLE)
    assert article.status == Article.Status.DRAFT
    assert reader.get(b.url, article.get_absolute_url()).status == 404

    change_url = admin_url(f"news/article/{article.pk}/change/")
    opened = read_form(staff.get(a.url, change_url).text, "article_form")
    assert opened["loaded_version"] == str(article.version)
    response = staff.post(
        a.url, change_url, {**opened, "status": "published", "_save": "Lưu"}
    )
    assert response.status == 302, response.text[:3000]
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED

    # Server B shows it at once: its cached pages are stale in the shared cache.
    for path in pages:
        text, cached = titles_on(reader, b, path)
        assert cached == "MISS" and TITLE in text, (path, cached)
        text, cached = titles_on(reader, a, path)
        assert cached == "HIT" and TITLE in text, (path, cached)
    text, _ = titles_on(reader, b, article.get_absolute_url())
    assert TITLE in text

    # The session opened on A is valid on B, and B refuses the form opened
    # before the publication (the version check reads the shared database).
    stale = staff.post(b.url, change_url, {**opened, "title": "Sửa trên bản cũ"})
    assert stale.status == 200 and "sau khi bạn mở trang này" in stale.text
    assert Article.objects.get(pk=article.pk).title == TITLE

    # Voters, each with their own browser and address, through A and through B.
    choices = list(open_poll.choices.all())
    vote_url = f"/binh-chon/{open_poll.slug}/binh-chon/"
    voters = [
        (a if n < VOTERS_ON_A else b, Browser(f"203.0.113.{n + 1}"), choices[n % 5])
        for n in range(VOTERS_ON_A + VOTERS_ON_B)
    ]

    def vote(server, voter, choice):
        response = voter.post(server.url, vote_url, {"choice": choice.pk, "next": "/"})
        assert response.status == 302, response.status
        return voter.get(server.url, response.location).text

    with ThreadPoolExecutor(max_workers=4) as pool:
        answers = list(pool.map(lambda v: vote(*v), voters))
    assert all(THANKS in answer for answer in answers)

    total = VOTERS_ON_A + VOTERS_ON_B
    assert Vote.objects.filter(poll=open_poll).count() == total
    assert open_poll.choices.aggregate(n=Sum("votes_count"))["n"] == total
    expected = {c.text: c.votes_count for c in open_poll.choices.all()}
    first_on_a, first_on_b = voters[0][1], voters[-1][1]
    for voter, server in [(first_on_a, b), (first_on_b, a)]:
        results = voter.get(server.url, f"/binh-chon/{open_poll.slug}/").text
        assert f"Tổng số phiếu: <strong>{total}</strong>" in results
        assert result_rows(results) == expected

    # Who voted on A is refused on B; nothing more is counted.
    refused = vote(b, first_on_a, choices[0])
    assert ALREADY in refused and THANKS not in refused
    assert Vote.objects.filter(poll=open_poll).count() == total
    assert open_poll.choices.aggregate(n=Sum("votes_count"))["n"] == total


def result_rows(html):
    """Return {choice: votes} from the results table of a poll page."""
    table = html.split('class="figures poll-results"', 1)[1].split("</tbody>", 1)[0]
    rows = re.findall(r'<th scope="row">([^<]+)</th><td>([\d.]+)</td>', table)
    return {text: int(count.replace(".", "")) for text, count in rows}
