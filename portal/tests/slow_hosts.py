"""Image hosts on 127.0.0.1 that never finish answering, for the save deadline tests.

TrickleHost sends its answer one byte a second: from the first byte of the status
line for paths under /dau/, else the status line and headers at once and then the
image one byte a second. It hangs up after 20 bytes, so that code without a deadline
fails these tests in a minute rather than hanging for ten. silent_host() accepts
connections and never answers; tls_trickle_host() starts a TLS handshake and sends
the rest of it a byte a second.
"""

import contextlib
import socket
import socketserver
import threading

from .images import jpeg_bytes

IMAGE = jpeg_bytes((8, 8))
SENT_AT_MOST = 20


class _Trickle(socketserver.StreamRequestHandler):
    def handle(self):
        self.server.connections += 1
        path = self.rfile.readline().split(b" ")[1].decode()
        while self.rfile.readline() not in (b"\r\n", b"\n", b""):
            pass
        self.server.paths.append(path)
        head = (
            "HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\n"
            f"Content-Length: {len(IMAGE)}\r\n\r\n"
        ).encode()
        slow = head + IMAGE
        if not path.startswith("/dau/"):
            self.wfile.write(head)
            slow = IMAGE
        for byte in slow[:SENT_AT_MOST]:
            if self.server.stopping.wait(1):
                return
            try:
                self.wfile.write(bytes([byte]))
            except OSError:  # the portal gave up and closed the connection
                return


class TrickleHost(socketserver.ThreadingTCPServer):
    """A web server whose images arrive one byte a second."""

    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _Trickle)
        self.connections = 0
        self.paths = []
        self.stopping = threading.Event()
        self.url = f"http://localhost:{self.server_address[1]}"


@contextlib.contextmanager
def trickle_host():
    """Yield a running TrickleHost; stop it and its answers after."""
    server = TrickleHost()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.stopping.set()
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def silent_port():
    """Yield a port on 127.0.0.1 that takes connections and never says a word.

    The kernel completes connections to a listening socket that nobody accepts:
    the client connects and sends its request, and no answer ever comes.
    """
    listener = socket.create_server(("127.0.0.1", 0), backlog=128)
    try:
        yield listener.getsockname()[1]
    finally:
        listener.close()


@contextlib.contextmanager
def silent_host():
    """Yield the URL of a web server that takes connections and never answers."""
    with silent_port() as port:
        yield f"http://localhost:{port}"


@contextlib.contextmanager
def tls_trickle_host():
    """Yield the https URL of a host whose TLS handshake arrives a byte a second."""
    listener = socket.create_server(("127.0.0.1", 0))
    stopping = threading.Event()

    def answer():
        with contextlib.suppress(OSError):
            connection, _ = listener.accept()
            with connection:
                connection.recv(4096)  # the client's hello
                # A handshake record announcing 16 KB, which then trickle in.
                connection.sendall(b"\x16\x03\x03\x40\x00")
                for _ in range(SENT_AT_MOST):
                    if stopping.wait(1):
                        return
                    connection.sendall(b"\x02")

    thread = threading.Thread(target=answer, daemon=True)
    thread.start()
    try:
        yield f"https://localhost:{listener.getsockname()[1]}"
    finally:
        stopping.set()
        listener.close()
