"""Time the search query over the bench database; print p50/p95 and the plan."""

import os
import random
import statistics
import sys
import time
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
django.setup()

from django.db import connection  # noqa: E402

from search import index as search  # noqa: E402
from search.models import SearchEntry  # noqa: E402

QUERIES = [
    "dinh cong", "Định Công", "hoang mai", "HOÀNG LIỆT", "tong ve sinh",
    "phòng cháy chữa cháy", "nha van hoa", "tiêm chủng", "dan van kheo",
    "giải phóng mặt bằng", "mai dong", "Yên Sở", "chuyen doi so", "nguoi cao tuoi",
    "bầu cử", "vung xanh", "tan mai hoi thao", "an ninh trat tu", "khong co gi",
    "thinh liet khanh thanh",
]  # fmt: skip
RUNS = int(os.environ.get("BENCH_SEARCH_RUNS", "300"))


def one(query):
    """Run what the results page runs: the count and the first page."""
    entries = search.search(search.parse_query(query))
    started = time.perf_counter()
    count = entries.count()
    list(entries[0:10])
    return (time.perf_counter() - started) * 1000, count


def main():
    rows = SearchEntry.objects.count()
    rng = random.Random(1)
    for query in QUERIES:  # warm the caches once
        one(query)
    timings = [one(rng.choice(QUERIES))[0] for _ in range(RUNS)]
    timings.sort()
    p50 = statistics.median(timings)
    p95 = timings[int(len(timings) * 0.95) - 1]
    print(f"\nSearch over {rows} entries ({connection.vendor}), {RUNS} queries:")
    print("| query | p50 ms | p95 ms | max ms |")
    print("|---|---:|---:|---:|")
    print(f"| count + first page | {p50:.1f} | {p95:.1f} | {timings[-1]:.1f} |")
    for query in ["dinh cong", "giải phóng mặt bằng"]:
        ms, count = one(query)
        print(f"\n“{query}”: {count} results (counted up to 1000), {ms:.1f} ms")
    if connection.vendor == "postgresql":
        results = search.search(search.parse_query("dinh cong"))
        results.count()  # more than MAX_COUNT: the page walks the title group
        first = results.groups()[0][0][:10]
        sql, params = first.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN ANALYZE " + sql, params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        print("\nEXPLAIN ANALYZE of the first page for “dinh cong”:\n" + plan)
        uses_index = "search_title_gin" in plan or "search_public_newest_idx" in plan
        print(f"\nThe plan uses an index: {'yes' if uses_index else 'NO'}")


if __name__ == "__main__":
    main()
