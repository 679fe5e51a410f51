"""The preview server under hostile clients and courses (issue 10): request bodies on GET,
idle connections, bursts of connections, a course whose files cannot be packaged."""

from __future__ import annotations

import json
import socket
from collections.abc import Callable
from pathlib import Path

import pytest

from cbtforge.preview import server as server_module
from cbtforge.preview.server import PreviewServer

from .conftest import MINIMAL
from .test_server import raw_get


@pytest.fixture
def server(
    preview_server: Callable[..., PreviewServer], course_copy: Callable[[Path], Path]
) -> PreviewServer:
    return preview_server(course_copy(MINIMAL))


def _read_all(sock: socket.socket) -> bytes:
    chunks = []
    while chunk := sock.recv(65536):
        chunks.append(chunk)
    return b"".join(chunks)


def test_a_get_body_is_not_parsed_as_a_second_request(server: PreviewServer) -> None:
    host = f"127.0.0.1:{server.port}"
    smuggled = f"GET /_preview/api/status HTTP/1.1\r\nHost: {host}\r\n\r\n"
    request = (
        f"GET /course/index.html HTTP/1.1\r\nHost: {host}\r\n"
        f"Content-Length: {len(smuggled)}\r\n\r\n{smuggled}"
    )
    with socket.create_connection(("127.0.0.1", server.port), timeout=30) as sock:
        sock.sendall(request.encode("latin-1"))
        answer = _read_all(sock)  # the server hangs up after its one answer
    assert answer.startswith(b"HTTP/1.1 400 ")
    assert answer.count(b"HTTP/1.1 ") == 1


def test_chunked_get_is_refused(server: PreviewServer) -> None:
    host = f"127.0.0.1:{server.port}"
    request = (
        f"GET /_preview/api/status HTTP/1.1\r\nHost: {host}\r\n"
        "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
    )
    with socket.create_connection(("127.0.0.1", server.port), timeout=30) as sock:
        sock.sendall(request.encode("latin-1"))
        assert _read_all(sock).startswith(b"HTTP/1.1 400 ")


def test_an_idle_connection_is_closed(
    server: PreviewServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without a timeout a silent client held a server thread for ever."""
    monkeypatch.setattr(server_module._Handler, "timeout", 0.5)
    with socket.create_connection(("127.0.0.1", server.port), timeout=30) as sock:
        sock.sendall(b"GET /_preview/api/status HTTP/1.1\r\n")  # and never the rest
        assert sock.recv(1024) == b""  # closed by the server, long before our 30 s


def test_a_burst_of_connections_is_answered(server: PreviewServer) -> None:
    """200 connections opened at once (the listen backlog was 5)."""
    assert server_module._HTTPServer.request_queue_size >= 128
    host = f"127.0.0.1:{server.port}"
    request = f"GET /_preview/api/status HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    sockets = [socket.create_connection(("127.0.0.1", server.port), timeout=60) for _ in range(200)]
    try:
        for sock in sockets:
            sock.sendall(request.encode("latin-1"))
        answers = [_read_all(sock) for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()
    assert all(answer.startswith(b"HTTP/1.1 200 ") for answer in answers)


def test_a_course_with_colliding_file_names_is_an_error_not_a_dropped_download(
    preview_server: Callable[..., PreviewServer], course_copy: Callable[[Path], Path]
) -> None:
    course = course_copy(MINIMAL)
    (course / "assets" / "Square.svg").write_bytes((course / "assets" / "square.svg").read_bytes())
    chapter = course / "chapters" / "01-intro.yaml"
    text = chapter.read_text(encoding="utf-8")
    chapter.write_text(
        text.replace("(assets/square.svg)", "(assets/square.svg) ![Again](assets/Square.svg)"),
        encoding="utf-8",
    )
    server = preview_server(course)
    status = json.loads(raw_get(server, "/_preview/api/status")[2])
    assert status["ok"] is False
    assert any("differ only in case" in json.dumps(p) for p in status["problems"])
    assert raw_get(server, "/_preview/download")[0] == 404
