"""The shared Redis cache, which the portal does without while Redis is in trouble.

Pages, votes and sign-ins need nothing from the cache to be right: it only makes
them faster. So a Redis that refuses connections, or accepts them and never
answers, must not make them slower. Every connection to Redis gets short
timeouts (REDIS_TIMEOUT), and the first failure pauses this process's use of
Redis: meanwhile every cache call fails at once, without touching the network,
and django-redis (IGNORE_EXCEPTIONS) answers it as a miss. No request waits to
find out whether Redis is back: a thread of the process asks it every
REDIS_PROBE_SECONDS, and its first answer ends the pause.
"""

import logging
import threading
import time

import redis
from django.conf import settings
from redis.backoff import NoBackoff
from redis.connection import Connection, ConnectionPool
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from redis.retry import Retry

logger = logging.getLogger(__name__)

_paused = threading.Event()
_lock = threading.Lock()
_prober = None


def paused():
    """Tell whether this process is leaving Redis alone for now."""
    return _paused.is_set()


def pause(error):
    """Leave Redis alone after error, until the prober hears it answer again."""
    global _prober
    with _lock:
        if not _paused.is_set():
            logger.warning(
                "Redis unavailable (%s): cache skipped until it answers", error
            )
            _paused.set()
        if _prober is None or not _prober.is_alive():
            _prober = threading.Thread(target=_probe, name="redis-probe", daemon=True)
            _prober.start()


def resume():
    """Use Redis again from the next cache call."""
    _paused.clear()


def _probe():
    """Ask Redis every REDIS_PROBE_SECONDS whether it answers; resume when it does."""
    while _paused.is_set():
        time.sleep(settings.REDIS_PROBE_SECONDS)
        if _paused.is_set() and _answers():
            logger.warning("Redis answers again: cache used again")
            resume()


def _answers():
    """Tell whether the cache's Redis answers a PING within REDIS_TIMEOUT, once."""
    location = settings.CACHES["default"].get("LOCATION")
    if not location:  # the cache is no longer Redis (tests change it)
        return True
    client = redis.Redis.from_url(
        location,
        socket_connect_timeout=settings.REDIS_TIMEOUT,
        socket_timeout=settings.REDIS_TIMEOUT,
        retry=Retry(NoBackoff(), 0),
    )
    try:
        return client.ping()
    except redis.RedisError:
        return False
    finally:
        client.close()


class PausingConnection(Connection):
    """A Redis connection that fails fast while paused and pauses on failure."""

    def connect_check_health(self, *args, **kwargs):
        self._refuse_if_paused()
        try:
            return super().connect_check_health(*args, **kwargs)
        except (RedisConnectionError, RedisTimeoutError) as error:
            pause(error)
            raise

    def send_packed_command(self, *args, **kwargs):
        self._refuse_if_paused()
        try:
            return super().send_packed_command(*args, **kwargs)
        except (RedisConnectionError, RedisTimeoutError) as error:
            pause(error)
            raise

    def read_response(self, *args, **kwargs):
        try:
            return super().read_response(*args, **kwargs)
        except (RedisConnectionError, RedisTimeoutError) as error:
            pause(error)
            raise

    def _refuse_if_paused(self):
        if paused():
            self.disconnect()
            raise RedisConnectionError("Redis paused after a failure")


class PausingConnectionPool(ConnectionPool):
    """django-redis's pool (CONNECTION_POOL_CLASS) of PausingConnections."""

    def __init__(self, connection_class=PausingConnection, **kwargs):
        super().__init__(connection_class=connection_class, **kwargs)
