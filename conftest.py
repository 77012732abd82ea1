import datetime
import os
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.test import Client, override_settings
from django.utils import timezone

from demo.images import draw_cover
from news.models import Article, Category
from portal.redis_cache import resume as resume_redis
from portal.tests.front import HOST as FRONT_HOST
from portal.tests.live import use_redis
from portal.tests.staff_login import give_app, login_verified
from publishing.workflow import APPROVER_GROUP, EDITOR_GROUP

CHROMIUM = Path("/usr/lib/chromium/chromium")
LIBREOFFICE = Path("/usr/bin/libreoffice")


@pytest.fixture(autouse=True, scope="session")
def one_round_passwords():
    """Hash the tests' passwords with one round (portal/tests/hashers.py)."""
    with override_settings(
        PASSWORD_HASHERS=["portal.tests.hashers.OneRoundPBKDF2PasswordHasher"]
    ):
        yield


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium driven by Playwright; skipped, with the reason, if absent."""
    if not CHROMIUM.exists():
        reason = "Debian's chromium is not installed (apt-get install chromium)"
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(reason)
        pytest.skip(reason)
    # Playwright's sync API runs an event loop in this thread; the test's own
    # database work around it is synchronous and safe.
    from playwright.sync_api import sync_playwright

    with (
        pytest.MonkeyPatch.context() as patch,
        sync_playwright() as playwright,
    ):
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                # The front's name in the tests (test_front.py) is this machine.
                f"--host-resolver-rules=MAP {FRONT_HOST} 127.0.0.1",
            ],
        )
        # A loaded CI machine can be slow; a wait that long means a real failure.
        browser.new_context = _with_timeout(browser.new_context)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def libreoffice():
    """Debian's LibreOffice (libreoffice-calc), to open files as a citizen does;
    skipped, with the reason, if absent, and a failure then where
    REQUIRE_LIBREOFFICE is set (CI)."""
    if not LIBREOFFICE.exists():
        reason = (
            "Debian's LibreOffice is not installed "
            "(apt-get install --no-install-recommends libreoffice-calc)"
        )
        if os.environ.get("REQUIRE_LIBREOFFICE"):
            pytest.fail(reason)
        pytest.skip(reason)
    return LIBREOFFICE


def _with_timeout(new_context, milliseconds=60_000):
    def new(*args, **kwargs):
        context = new_context(*args, **kwargs)
        context.set_default_timeout(milliseconds)
        return context

    return new


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Keep every uploaded or generated file in a temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def caches_on(settings):
    """Pages and what they share come from the cache, as in production.

    A developer's machine has both off (a template edit shows at once); the
    tests check what readers get.
    """
    settings.PAGE_CACHE_SECONDS = 60
    settings.FRAGMENT_CACHE_SECONDS = 60


@pytest.fixture(autouse=True)
def staff_two_factor(settings):
    """Staff need a second factor in every test, as in production.

    Sign staff in with login_verified(client, user) (portal/tests/staff_login.py),
    not client.force_login: a session without the second factor is anonymous.
    """
    settings.STAFF_TWO_FACTOR = True


@pytest.fixture(autouse=True)
def empty_cache():
    """Start every test with an empty cache; the local-memory one outlives tests.

    A test that made Redis fail leaves this process's pause behind: lift it.
    """
    resume_redis()
    cache.clear()


@pytest.fixture
def redis_refused(settings):
    """Point the cache at a Redis that refuses connections (nothing listens there)."""
    use_redis(settings, "redis://127.0.0.1:1/0")


@pytest.fixture
def category(db):
    return Category.objects.create(name="Tin tức – Sự kiện", order=1)


@pytest.fixture
def make_article(db, category):
    """Return a factory of articles, published an hour ago unless told otherwise."""
    counter = iter(range(1, 100000))

    def make(**fields):
        n = next(counter)
        fields.setdefault("title", f"Bài viết số {n}")
        fields.setdefault("sapo", f"Tóm tắt bài {n}.")
        fields.setdefault("body", f"<p>Nội dung bài {n}.</p>")
        fields.setdefault("category", category)
        fields.setdefault("status", Article.Status.PUBLISHED)
        if fields["status"] == Article.Status.PUBLISHED:
            fields.setdefault(
                "published_at", timezone.now() - datetime.timedelta(hours=n)
            )
        cover = fields.pop("with_cover", False)
        article = Article(**fields)
        if cover:
            article.cover.save(
                "anh-bia.jpg", ContentFile(draw_cover(n, 600, 400)), save=False
            )
        article.save()
        return article

    return make


@pytest.fixture
def make_staff(db):
    """Return a factory of staff users in a newsroom role (None: superuser).

    Each has set up their authenticator app (totp_code(user) gives its code) unless
    made with app=False, as before their first sign-in.
    """

    def make(username, group=None, app=True):
        User = get_user_model()
        if group is None:
            user = User.objects.create_superuser(username, f"{username}@x.vn", "pw")
        else:
            user = User.objects.create_user(username, password="pw", is_staff=True)
            user.groups.add(Group.objects.get(name=group))
        if app:
            give_app(user)
        return user

    return make


@pytest.fixture
def editor(make_staff):
    return make_staff("bientap", EDITOR_GROUP)


@pytest.fixture
def approver(make_staff):
    return make_staff("duyetbai", APPROVER_GROUP)


@pytest.fixture
def editor_client(client, editor):
    return login_verified(client, editor)


@pytest.fixture
def approver_client(client, approver):
    return login_verified(client, approver)


@pytest.fixture
def admin_client(db, admin_user):
    """pytest-django's admin_client (a client of its own), with the second factor."""
    return login_verified(Client(), admin_user)


@pytest.fixture
def open_poll(db):
    """The one-stop office poll, open and published, with its five choices."""
    from demo.polls import QUESTION, load_poll
    from polls.models import Poll

    load_poll()
    return Poll.objects.get(question=QUESTION)


@pytest.fixture
def rows_read(monkeypatch):
    """Count the rows imports read into a Dataset; stop a test past 10.000.

    A sheet that claims 1.048.576 rows would otherwise take minutes to fail.
    """
    import tablib

    rows = []
    append = tablib.Dataset.append

    def counted(self, row, tags=()):
        rows.append(row)
        assert len(rows) < 10_000, "the import reads the sheet's empty rows"
        return append(self, row, tags)

    monkeypatch.setattr(tablib.Dataset, "append", counted)
    return rows
