"""The shared Redis cache, which the portal does without while Redis is in trouble.

Pages, votes and sign-ins need nothing from the cache to be right: it only makes
them faster. So a Redis that refuses connections, or accepts them and never
answers, must not make them slower. Every connection to Redis gets short
timeouts (REDIS_TIMEOUT), and the first failure pauses this process's use of
Redis for REDIS_PAUSE_SECONDS: meanwhile every cache call fails at once, without
touching the network, and django-redis (IGNORE_EXCEPTIONS) answers it as a miss.
After the pause, the next call tries Redis again.
"""

import logging
import time

from django.conf import settings
from redis.connection import Connection, ConnectionPool
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

_paused_until = 0.0


def paused():
    """Tell whether this process is leaving Redis alone for now."""
    return time.monotonic() < _paused_until


def pause(error):
    """Leave Redis alone for REDIS_PAUSE_SECONDS after error."""
    global _paused_until
    if not paused():
        logger.warning(
            "Redis unavailable (%s): cache skipped for %s s",
            error,
            settings.REDIS_PAUSE_SECONDS,
        )
    _paused_until = time.monotonic() + settings.REDIS_PAUSE_SECONDS


def resume():
    """Try Redis again at the next call (tests, and after a known repair)."""
    global _paused_until
    _paused_until = 0.0


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
