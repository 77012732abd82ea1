"""The shipped units and files agree with each other and with the portal.

How nginx behaves is proved by test_front.py, which runs the site file; here, what
only a server would find out: a unit running a command that does not exist, an
environment file nobody reads, an upstream no gunicorn listens on.
"""

import re

from django.core.management import get_commands

from .live import ROOT

DEPLOY = ROOT / "deploy"
ENVIRONMENT = "/etc/hoangmai/portal.env"


def units(pattern):
    return {path.name: path.read_text() for path in (DEPLOY / "systemd").glob(pattern)}


def test_every_service_runs_the_portal_or_one_of_its_commands_with_its_environment():
    commands = get_commands()
    services = units("*.service")
    assert set(services) == {
        "hoangmai-gunicorn@.service",
        "hoangmai-weather.service",
        "hoangmai-close-polls.service",
        "hoangmai-backup.service",
    }
    for name, text in services.items():
        assert f"EnvironmentFile={ENVIRONMENT}\n" in text, name
        assert "WorkingDirectory=/srv/hoangmai\n" in text, name
        command = re.search(r"^ExecStart=(.*)$", text, re.M).group(1).split()
        if "manage.py" in command:
            assert command[0] == "/srv/hoangmai/.venv/bin/python", name
            assert command[command.index("manage.py") + 1] in commands, name
        else:
            assert command == [
                "/srv/hoangmai/.venv/bin/gunicorn",
                "-c",
                "gunicorn.conf.py",
                "portal.wsgi",
            ]
            assert "Environment=PORT=%i\n" in text
    for name in units("*.timer"):
        assert name.replace(".timer", ".service") in services, name


def test_the_environment_template_is_the_file_the_units_read():
    template = (DEPLOY / "portal.env.example").read_text()
    assert ENVIRONMENT in template
    assert "DJANGO_SETTINGS_MODULE=portal.settings_production\n" in template
    # Set by each gunicorn's unit: the file would override it (systemd reads
    # EnvironmentFile= after Environment=).
    assert not re.search(r"^PORT=", template, re.M)


def test_the_front_sends_to_the_gunicorns_the_guide_starts():
    site = (DEPLOY / "nginx" / "hoangmai.conf").read_text()
    upstream = re.search(r"upstream hoangmai \{(.*?)\}", site, re.S).group(1)
    ports = re.findall(r"server 127\.0\.0\.1:(\d+)", upstream)
    guide = (ROOT / "docs" / "operations.md").read_text()
    started = re.findall(r"hoangmai-gunicorn@(\d+)", guide)
    assert ports and sorted(set(started)) == sorted(ports)
    # Debian's proxy_params would send X-Forwarded-Proto a second time.
    assert "proxy_params" not in re.sub(r"#.*", "", site)
    assert site.count("proxy_set_header X-Forwarded-Proto") == 1


def test_the_portal_answers_to_the_one_name_the_front_serves():
    """nginx passes its server_name as Host; Django must allow exactly that name."""
    site = (DEPLOY / "nginx" / "hoangmai.conf").read_text()
    names = set(re.findall(r"^\s*server_name ([^;]+);", site, re.M)) - {"_"}
    template = (DEPLOY / "portal.env.example").read_text()
    allowed = re.search(r"^DJANGO_ALLOWED_HOSTS=(.*)$", template, re.M).group(1)
    assert names == {allowed}
    assert re.search(r"listen 80 default_server;", site)
    assert re.search(r"listen 443 ssl http2 default_server;", site)


def test_the_redis_of_the_guide_is_bounded():
    config = (DEPLOY / "redis" / "hoangmai.conf").read_text()
    assert re.search(r"^maxmemory \d+mb$", config, re.M)
    assert "\nmaxmemory-policy allkeys-lru\n" in config
    guide = (ROOT / "docs" / "operations.md").read_text()
    assert "include /etc/redis/hoangmai.conf" in guide
