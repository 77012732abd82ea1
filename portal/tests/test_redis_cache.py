"""A Redis in trouble costs one short wait per process, then none, until it is back."""

import time

import pytest
from django.core.cache import cache

from portal import redis_cache

from .live import redis_database, use_redis
from .slow_hosts import silent_port


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
