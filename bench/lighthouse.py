"""Run Lighthouse (mobile) on the home, article, campaign, report, search, poll pages.

The demo is loaded into a fresh SQLite database in a temporary folder and served
by gunicorn under production settings (bench/lighthouse_settings.py: production's,
with Django serving the demo's images as nginx would, over plain HTTP on
127.0.0.1, which Chrome counts as secure). Lighthouse comes from the npm registry
(npx, pinned below), Chrome is Debian's chromium. Prints one row per page and
whether every category reaches the target; the search page's SEO is left out, as
it asks search engines not to index it. A run that fails is tried again, up to
ATTEMPTS times; a page that fails them all is a "failed" row, and the target is
not met.
"""

import contextlib
import json
import os
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from run import free_port, wait_for  # bench/run.py, beside this script

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
LIGHTHOUSE = os.environ.get("LIGHTHOUSE", "lighthouse@12.8.2")  # Node 18.16+
CHROME = os.environ.get("CHROME_PATH", "/usr/lib/chromium/chromium")
# Each run's full report is kept here, to see why a score fell.
REPORTS = ROOT / "artifacts" / "lighthouse"
REDIS_URL = os.environ.get("LIGHTHOUSE_REDIS_URL", "redis://127.0.0.1:6379/14")
# Each page is measured RUNS times; the median of each category is printed.
RUNS = int(os.environ.get("LIGHTHOUSE_RUNS", "1"))
TARGET = 98
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
NOINDEX = {"search": {"seo"}}
# Attempts per Lighthouse run before its page is reported as failed.
ATTEMPTS = int(os.environ.get("LIGHTHOUSE_ATTEMPTS", "3"))


def manage(env, *args, capture=False):
    return subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=capture,
        text=True,
    ).stdout


def pages(env):
    """Return {name: path} of the pages to measure, read from the demo."""
    code = (
        "from news.models import Article; from campaigns.models import Report;"
        "from polls.models import Poll;"
        "a = Article.objects.published().filter(is_featured=True).first();"
        "r = Report.objects.published().get(campaign__slug='bau-cu-2021');"
        "p = Poll.objects.current().first();"
        "print(a.get_absolute_url()); print(r.get_absolute_url());"
        "print(p.get_absolute_url())"
    )
    article, report, poll = manage(
        env, "shell", "-v0", "-c", code, capture=True
    ).split()
    return {
        "home": "/",
        "article": article,
        "campaign": "/chien-dich/bau-cu-2021/",
        "report": report,
        "search": "/tim-kiem/?q=v%C3%B9ng+xanh",
        "poll": poll,
    }


class LighthouseFailed(Exception):
    """Lighthouse gave no report of a page, or one with a runtime error."""


def lighthouse(url, report_path):
    """Run Lighthouse once on url; return its JSON report or raise LighthouseFailed."""
    report_path = Path(report_path)
    report_path.unlink(missing_ok=True)  # a report left by an earlier run is no answer
    done = subprocess.run(
        [
            "npx",
            "--yes",
            LIGHTHOUSE,
            url,
            f"--chrome-path={CHROME}",
            "--chrome-flags=--headless=new --no-sandbox",
            f"--only-categories={','.join(CATEGORIES)}",
            "--form-factor=mobile",
            "--output=json",
            f"--output-path={report_path}",
            "--quiet",
        ],
        cwd=ROOT,
    )
    try:
        result = json.loads(report_path.read_text())
    except (OSError, ValueError):
        result = None
    # Lighthouse writes the report, then exits with 1 on a runtime error.
    error = (result or {}).get("runtimeError")
    if error:
        raise LighthouseFailed(f"{error.get('code')}: {error.get('message')}")
    if done.returncode or result is None:
        raise LighthouseFailed(f"exit status {done.returncode}, no report")
    return result


def lighthouse_with_retries(url, report_path):
    """Run Lighthouse on url, again after a failure, up to ATTEMPTS times in all.

    Lighthouse sometimes fails on a page that loads well (NO_NAVSTART: Chrome
    reported no navigation); the next attempt usually succeeds.
    """
    for attempt in range(1, ATTEMPTS + 1):
        try:
            return lighthouse(url, report_path)
        except LighthouseFailed as error:
            again = "trying again" if attempt < ATTEMPTS else "giving up"
            print(
                f"Lighthouse failed on {url} (attempt {attempt} of {ATTEMPTS}): "
                f"{error}; {again}.",
                flush=True,
            )
            if attempt == ATTEMPTS:
                raise


def measure(base, paths):
    """Return {page: {category: median score, and LCP, CLS, TBT}}.

    A page on which Lighthouse failed every attempt is {"failed": why}.
    """
    results = {}
    for name, path in paths.items():
        try:
            runs = [
                lighthouse_with_retries(base + path, REPORTS / f"{name}-{n}.json")
                for n in range(RUNS)
            ]
        except LighthouseFailed as error:
            results[name] = {"failed": str(error)}
            continue
        row = {
            category: statistics.median(
                round(run["categories"][category]["score"] * 100) for run in runs
            )
            for category in CATEGORIES
        }
        for audit in ("largest-contentful-paint", "cumulative-layout-shift"):
            row[audit] = statistics.median(
                run["audits"][audit]["numericValue"] for run in runs
            )
        row["total-blocking-time"] = statistics.median(
            run["audits"]["total-blocking-time"]["numericValue"] for run in runs
        )
        results[name] = row
    return results


def report(results):
    """Print the table and the targets; return True if every one is met."""
    print(
        f"\nLighthouse {LIGHTHOUSE.split('@')[-1]}, mobile (emulated Moto G "
        f"Power, slow 4G), median of {RUNS} run(s) per page; gunicorn, "
        "production settings, demo data.\n"
    )
    print(
        "| page | performance | accessibility | best practices | SEO "
        "| LCP ms | CLS | TBT ms |"
    )
    print("|---|" + "---:|" * 7)
    met = True
    for name, row in results.items():
        if "failed" in row:
            met = False
            print(f"| {name} | **failed** ({row['failed']}) |" + " |" * 6)
            continue
        cells = []
        for category in CATEGORIES:
            score = row[category]
            if category in NOINDEX.get(name, ()):
                cells.append(f"{score:.0f} (noindex)")
                continue
            ok = score >= TARGET
            met = met and ok
            cells.append(f"{score:.0f}" if ok else f"**{score:.0f}**")
        print(
            f"| {name} | {' | '.join(cells)} "
            f"| {row['largest-contentful-paint']:.0f} "
            f"| {row['cumulative-layout-shift']:.3f} "
            f"| {row['total-blocking-time']:.0f} |"
        )
    print(
        f"\nTarget: every category ≥ {TARGET} on every page (the search page's "
        "SEO aside): " + ("met." if met else "**not met**.")
    )
    return met


@contextlib.contextmanager
def demo_server(prefix, redis_url=REDIS_URL):
    """Serve the demo as production would; yield (its base URL, the development env).

    A fresh SQLite database in a temporary folder, seeded, its static files
    collected, served by gunicorn under bench/lighthouse_settings.py; redis_url's
    database is emptied first. bench/first_screen.py weighs the same server.
    """
    import redis

    redis.Redis.from_url(redis_url).flushdb()
    with tempfile.TemporaryDirectory(prefix=prefix) as temp:
        folder = Path(temp)
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "bench.lighthouse_settings",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
            "DJANGO_MEDIA_ROOT": str(folder / "media"),
            "DJANGO_STATIC_ROOT": str(folder / "static"),
            "REDIS_URL": redis_url,
            "DJANGO_LOG_LEVEL": "WARNING",
        }
        dev = {**env, "DJANGO_SETTINGS_MODULE": "portal.settings"}
        manage(dev, "migrate", "--noinput", "-v0")
        manage(dev, "seed_demo", capture=True)
        manage(env, "collectstatic", "--noinput", "-v0")
        port = free_port()
        server = subprocess.Popen(
            [
                PYTHON,
                "-m",
                "gunicorn",
                "--config=/dev/null",
                "portal.wsgi",
                f"--bind=127.0.0.1:{port}",
                "--workers=2",
                "--log-level=warning",
            ],
            cwd=ROOT,
            env=env,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            wait_for(base + "/healthz", seconds=60)
            yield base, dev
        finally:
            server.terminate()
            server.wait(timeout=30)


def main():
    if not shutil.which("npx"):
        raise SystemExit("npx is missing: install Node.js 18.16 or later with npm")
    if not Path(CHROME).exists():
        raise SystemExit(f"no Chrome at {CHROME}: apt-get install chromium")
    with demo_server("lighthouse-") as (base, dev):
        paths = pages(dev)
        REPORTS.mkdir(parents=True, exist_ok=True)
        results = measure(base, paths)
    if not report(results):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
