import secrets

import pytest

from .front import LIFETIME, Front, require_nginx, running
from .live import (
    app_servers,
    collect_static,
    database_url,
    production_env,
    redis_database,
)


@pytest.fixture(scope="session")
def static_root(tmp_path_factory):
    """Static files collected once a session for the tests' gunicorn servers."""
    return collect_static(tmp_path_factory.getbasetemp() / "staticfiles")


@pytest.fixture
def front(transactional_db, static_root, tmp_path):
    """nginx on the shipped site file, in front of gunicorn servers A and B."""
    require_nginx()
    media_root = tmp_path / "media"
    media_root.mkdir()
    front = Front(tmp_path / "nginx", static_root, media_root)
    with redis_database(11) as redis_url:
        env = production_env(
            secret_key=secrets.token_urlsafe(50),
            database_url=database_url("portal-front-test"),
            redis_url=redis_url,
            static_root=static_root,
            media_root=media_root,
            SHARED_CACHE_SECONDS=LIFETIME,
            # Forms are posted from the front's port, which browsers name.
            DJANGO_CSRF_TRUSTED_ORIGINS=front.origin,
        )
        with app_servers(["A", "B"], env, tmp_path) as servers:
            upstreams = [f"127.0.0.1:{server.port}" for server in servers]
            with running(front, upstreams):
                front.servers = servers
                yield front
