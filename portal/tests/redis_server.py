"""Redis started with the shipped deploy/redis/hoangmai.conf, for tests and the bench.

Plain Python, no Django: bench/run.py starts the same server, as it does the front.
"""

import contextlib
import shutil
import subprocess
import time

import redis

from .front import ROOT, free_port

CONFIG = ROOT / "deploy" / "redis" / "hoangmai.conf"
SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"


@contextlib.contextmanager
def deployed_redis(folder, *options, seconds=10):
    """Yield (URL, client) of a Redis on CONFIG keeping its files in folder.

    options (e.g. "--maxmemory", "2097152") come after the file, so they win.
    """
    port = free_port()
    process = subprocess.Popen(  # noqa: S603 - Debian's server, on our file
        [SERVER, str(CONFIG), "--port", str(port), "--bind", "127.0.0.1",
         "--dir", str(folder), *options],
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    client = redis.Redis(port=port)
    deadline = time.monotonic() + seconds
    try:
        while True:
            try:
                client.ping()
                break
            except redis.ConnectionError:
                assert process.poll() is None, "redis-server exited"
                assert time.monotonic() < deadline, "redis-server does not answer"
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0", client
    finally:
        client.close()
        process.terminate()
        process.wait(timeout=10)
