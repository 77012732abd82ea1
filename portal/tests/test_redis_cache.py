"""A Redis in trouble costs one short wait per process, then none, until it is back."""

import time
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import Client

from portal import redis_cache

from . import redis_server
from .live import missing, redis_database, use_redis
from .slow_hosts import silent_port

SMALL = 2 * 1024 * 1024


def timed(call):
    started = time.monotonic()
    result = call()
    return result, time.monotonic() - started


def test_a_silent_redis_is_waited_for_once(settings):
    settings.REDIS_TIMEOUT = 0.2
    with silent_port() as port:
        use_redis(settings, f"redis://127.0.0.1:{port}/0")
        value, first = timed(lambda: cache.get("khoa"))
        assert value is None and 0.15 < first < 1.0
        assert redis_cache.paused()
        _, rest = timed(lambda: [cache.get(f"khoa-{n}") for n in range(200)])
        assert rest < 0.1  # no call touches the network while paused


def test_the_pause_ends_by_itself_once_redis_answers(settings):
    settings.REDIS_PROBE_SECONDS = 0.1
    with redis_database(6) as url:
        use_redis(settings, url)
        redis_cache.pause("Redis stopped answering")
        assert cache.set("khoa", "giá trị") is None  # not even tried
        deadline = time.monotonic() + 5
        while redis_cache.paused() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not redis_cache.paused()
        cache.set("khoa", "giá trị")
        assert cache.get("khoa") == "giá trị"


@pytest.fixture(autouse=True)
def no_pause_left():
    yield
    redis_cache.resume()


@pytest.fixture
def small_redis(tmp_path):
    """Yield the URL of a Redis started with deploy/redis/hoangmai.conf, at 2 MB."""
    if not Path(redis_server.SERVER).exists():
        missing("redis-server is not installed (apt-get install redis-server)")
    with redis_server.deployed_redis(tmp_path, "--maxmemory", str(SMALL)) as started:
        yield started


def test_the_portal_keeps_working_while_redis_evicts_under_its_limit(
    settings, small_redis, make_article, open_poll
):
    """Made-up searches fill the cache past its limit: Redis drops, pages stand."""
    url, client = small_redis
    assert client.config_get("maxmemory-policy") == {"maxmemory-policy": "allkeys-lru"}
    use_redis(settings, url)
    make_article(title="Phường Hoàng Liệt ra mắt mô hình dân vận khéo")
    for n in range(600):
        page = Client().get(f"/tim-kiem/?q=d%C3%A2n+v%E1%BA%ADn+{n}")
        assert page.status_code == 200 and "Hoàng Liệt" in page.content.decode()
    memory = client.info("memory")
    assert client.info("stats")["evicted_keys"] > 0
    assert memory["used_memory"] <= memory["maxmemory"] == SMALL
    for _ in range(2):
        home = Client().get("/")
        assert home.status_code == 200 and "Hoàng Liệt" in home.content.decode()
    assert home["X-Cache"] == "HIT"
    vote = Client().post(
        f"/binh-chon/{open_poll.slug}/binh-chon/",
        {"choice": open_poll.choices.first().pk, "next": "/"},
        HTTP_ORIGIN="http://testserver",
    )
    assert vote.status_code == 302
    assert open_poll.votes.count() == 1
