import threading
import urllib.request

from portal.tests.databases import postgresql_only

pytestmark = postgresql_only(
    "concurrent writers need PostgreSQL; SQLite serialises them"
)

HITS = 120
CLIENTS = 12


def test_concurrent_hits_are_all_counted(live_server, make_article, settings):
    settings.TRUSTED_PROXY_COUNT = 1  # each reader's address, as a proxy tells it
    article = make_article()
    url = f"{live_server.url}/tin-tuc/luot-xem/{article.pk}.gif"
    statuses = []
    lock = threading.Lock()

    def reader(index, count):
        for n in range(count):
            # Each hit from another reader: a reader's repeats count once.
            visitor = {"X-Forwarded-For": f"10.0.{index}.{n + 1}"}
            request = urllib.request.Request(url, headers=visitor)
            with urllib.request.urlopen(request, timeout=30) as response, lock:
                statuses.append(response.status)

    threads = [
        threading.Thread(target=reader, args=(i, HITS // CLIENTS))
        for i in range(CLIENTS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    article.refresh_from_db()
    assert statuses == [200] * HITS
    assert article.view_count == HITS
