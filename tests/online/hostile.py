"""Raw TCP servers on 127.0.0.1 that misbehave below HTTP: a body dripped a byte at a time, a
listener whose backlog is full (connects hang, as behind a firewall that drops packets), a body
of tens of megabytes. Each runs in a daemon thread for the length of a ``with`` block."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Callable, Iterator


def _read_request(conn: socket.socket) -> bytes:
    data = b""
    conn.settimeout(5)
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(4096)
        if not chunk:
            break
        data += chunk
    return data


@contextlib.contextmanager
def raw_server(answer: Callable[[socket.socket], None]) -> Iterator[str]:
    """``http://127.0.0.1:PORT``; ``answer`` writes the response to each connection."""
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    stop = threading.Event()

    def serve() -> None:
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                continue
            threading.Thread(target=_answer, args=(conn,), daemon=True).start()

    def _answer(conn: socket.socket) -> None:
        with conn, contextlib.suppress(OSError):
            _read_request(conn)
            answer(conn)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        stop.set()
        thread.join(2)
        listener.close()


def drip(conn: socket.socket, *, every: float = 0.2, size: int = 10_000) -> None:
    """A 200 whose body arrives one byte every ``every`` seconds."""
    conn.sendall(
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
        + f"Content-Length: {size}\r\n\r\n".encode()
    )
    for _ in range(size):
        conn.sendall(b" ")
        time.sleep(every)


def huge_chunked(conn: socket.socket, *, megabytes: int = 60) -> None:
    """A 200 with a body of ``megabytes`` MB, chunked, so no Content-Length gives it away."""
    conn.sendall(
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
    )
    block = b"[" + b"0," * (512 * 1024 - 1)
    for _ in range(megabytes):
        conn.sendall(f"{len(block):x}\r\n".encode() + block + b"\r\n")
    conn.sendall(b"0\r\n\r\n")


@contextlib.contextmanager
def black_hole() -> Iterator[str]:
    """``http://127.0.0.1:PORT`` of a listener that never accepts, its backlog filled: new
    connections are neither accepted nor refused (the kernel drops their SYNs)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    port = listener.getsockname()[1]
    fillers = []
    for _ in range(8):
        filler = socket.socket()
        filler.setblocking(False)
        with contextlib.suppress(BlockingIOError, OSError):
            filler.connect(("127.0.0.1", port))
        fillers.append(filler)
    time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        for filler in fillers:
            filler.close()
        listener.close()


def connects_hang(url: str, wait: float = 0.5) -> bool:
    """Whether a connect to ``url`` neither succeeds nor fails within ``wait`` seconds."""
    host, port = url.removeprefix("http://").split(":")
    probe = socket.socket()
    probe.settimeout(wait)
    try:
        probe.connect((host, int(port)))
    except TimeoutError:
        return True
    except OSError:
        return False
    finally:
        probe.close()
    return False
