"""The preview server without a browser: what it serves, what it refuses (raw requests, so
nothing normalises the paths on the way), long polling, builds that fail."""

from __future__ import annotations

import io
import json
import os
import socket
import threading
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from cbtforge.build import player_dir
from cbtforge.preview import PROFILES
from cbtforge.preview.server import PreviewError, PreviewServer, safe_file
from cbtforge.preview.watcher import CourseFilter

from .conftest import MINIMAL

SECRET = "top secret, outside the build"


def raw_get(
    server: PreviewServer, target: str, *, method: str = "GET", host: str | None = None
) -> tuple[int, dict[str, str], bytes]:
    """Send ``target`` byte for byte; returns (status, headers, body)."""
    host = host if host is not None else f"127.0.0.1:{server.port}"
    request = f"{method} {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    with socket.create_connection(("127.0.0.1", server.port), timeout=30) as sock:
        sock.sendall(request.encode("latin-1"))
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    head, _, body = b"".join(chunks).partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    return status, headers, body


@pytest.fixture
def server(
    preview_server: Callable[..., PreviewServer], course_copy: Callable[[Path], Path]
) -> PreviewServer:
    return preview_server(course_copy(MINIMAL))


def break_course(course: Path) -> None:
    chapter = course / "chapters" / "02-practice.yaml"
    chapter.write_text(chapter.read_text().replace("type: poll", "type: pol"), encoding="utf-8")


def fix_course(course: Path) -> None:
    chapter = course / "chapters" / "02-practice.yaml"
    chapter.write_text(chapter.read_text().replace("type: pol\n", "type: poll\n"), encoding="utf-8")


# --- what it serves ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "content_type"),
    [
        ("/", "text/html; charset=utf-8"),
        ("/course/", "text/html; charset=utf-8"),
        ("/course/index.html", "text/html; charset=utf-8"),
        ("/course/index.html?cbt_screen=x", "text/html; charset=utf-8"),
        ("/course/imsmanifest.xml", "application/xml"),
        ("/course/player.js", "text/javascript; charset=utf-8"),
        ("/course/player.css", "text/css; charset=utf-8"),
        ("/course/assets/square.svg", "image/svg+xml"),
        ("/_preview/runtime.js", "text/javascript; charset=utf-8"),
        ("/_preview/preview.css", "text/css; charset=utf-8"),
        ("/_preview/cmi.js", "text/javascript; charset=utf-8"),
        ("/_preview/api/status", "application/json"),
        ("/_preview/download", "application/zip"),
    ],
)
def test_serves_with_content_types(server: PreviewServer, target: str, content_type: str) -> None:
    status, headers, body = raw_get(server, target)
    assert status == 200, body
    assert headers["content-type"] == content_type
    assert headers["cache-control"] == "no-store"
    assert headers["x-content-type-options"] == "nosniff"
    assert int(headers["content-length"]) == len(body) > 0


def test_page_and_shared_vocabulary(server: PreviewServer) -> None:
    _, headers, body = raw_get(server, "/")
    assert "script-src 'self'" in headers["content-security-policy"]
    assert "connect-src 'self'" in headers["content-security-policy"]
    assert b'src="/_preview/runtime.js"' in body
    for name in (b"http://", b"https://"):  # nothing is fetched from the network
        assert name not in body.replace(b"http://www.", b"")
    _, _, cmi = raw_get(server, "/_preview/cmi.js")
    assert cmi == (player_dir() / "cmi.js").read_bytes()


def test_head_has_headers_only(server: PreviewServer) -> None:
    status, headers, body = raw_get(server, "/course/index.html", method="HEAD")
    assert status == 200 and body == b"" and int(headers["content-length"]) > 0


def test_download_is_the_scorm_zip(server: PreviewServer) -> None:
    status, headers, body = raw_get(server, "/_preview/download")
    assert status == 200
    assert headers["content-disposition"] == 'attachment; filename="minimal.zip"'
    names = zipfile.ZipFile(io.BytesIO(body)).namelist()
    assert "imsmanifest.xml" in names and "index.html" in names


@pytest.mark.parametrize(
    ("method", "target", "host", "status"),
    [
        ("GET", "/nope", None, 404),
        ("GET", "/course/assets", None, 404),  # a folder: no listings
        ("GET", "/course/assets/", None, 404),
        ("GET", "/course/missing.js", None, 404),
        ("GET", "/_preview/", None, 404),
        ("GET", "/course/index.html", "evil.example", 403),  # DNS rebinding
        ("GET", "/course/index.html", "", 403),
        ("POST", "/_preview/api/status", None, 501),
        ("PUT", "/course/index.html", None, 501),
    ],
)
def test_refuses(server: PreviewServer, method: str, target: str, host: str, status: int) -> None:
    assert raw_get(server, target, method=method, host=host)[0] == status


# --- path traversal ---------------------------------------------------------------------

TRAVERSALS = [
    "/course/../secret.txt",
    "/course/%2e%2e/secret.txt",
    "/course/%2E%2E/secret.txt",
    "/course/.%2e/secret.txt",
    "/course/..%2fsecret.txt",
    "/course/..%2Fsecret.txt",
    "/course/%2e%2e%2fsecret.txt",
    "/course/%252e%252e/secret.txt",
    "/course/%252e%252e%252fsecret.txt",
    "/course/..\\secret.txt",
    "/course/..%5csecret.txt",
    "/course/..%5Csecret.txt",
    "/course/./../secret.txt",
    "/course/index.html/../../secret.txt",
    "/course//etc/passwd",
    "/course/%2fetc%2fpasswd",
    "/course/%2Fetc/passwd",
    "/course/%00/secret.txt",
    "/course/index.html%00",
    "/course/%c0%ae%c0%ae/secret.txt",  # overlong UTF-8 dots
    "/course/link-out.txt",  # a symlink out of the build
    "/course/dir-out/secret.txt",  # a symlinked folder out of the build
    "/_preview/../secret.txt",
    "/_preview/%2e%2e/server.py",
    "/_preview/%2e%2e%2f__init__.py",
    "/_preview/..%2f..%2fbuild.py",
    "/../secret.txt",
    "/%2e%2e/secret.txt",
    "//etc/passwd",
    "/etc/passwd",
    "secret.txt",
    "http://127.0.0.1/course/../secret.txt",
]


def test_no_path_traversal(server: PreviewServer) -> None:
    assert server.workdir is not None
    (server.workdir / "secret.txt").write_text(SECRET, encoding="utf-8")
    outside = server.workdir / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(SECRET, encoding="utf-8")
    os.symlink(server.workdir / "secret.txt", server.site / "link-out.txt")
    os.symlink(outside, server.site / "dir-out")
    served = []
    for target in TRAVERSALS:
        status, _, body = raw_get(server, target)
        if status == 200 or SECRET.encode() in body or b"root:" in body or b"import" in body:
            served.append((target, status, body[:60]))
        assert status in (400, 404), (target, status)
    assert served == []


def test_symlinks_inside_the_build_are_fine(server: PreviewServer) -> None:
    os.symlink(server.site / "index.html", server.site / "alias.html")
    assert raw_get(server, "/course/alias.html")[0] == 200


def test_safe_file(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "b.txt").write_text("b")
    assert safe_file(tmp_path, "a/b.txt") == (tmp_path / "a" / "b.txt").resolve()
    for bad in ("", "a", "a/", "/a/b.txt", "a//b.txt", "./a/b.txt", "a/../a/b.txt", "a\\b.txt"):
        assert safe_file(tmp_path, bad) is None, bad


# --- long polling and builds --------------------------------------------------------------


def _wait_in_thread(server: PreviewServer, since: int) -> tuple[threading.Thread, list[dict]]:
    answers: list[dict] = []

    def run() -> None:
        status, _, body = raw_get(server, f"/_preview/api/wait?since={since}")
        assert status == 200
        answers.append(json.loads(body))

    thread = threading.Thread(target=run)
    thread.start()
    deadline = time.monotonic() + 30
    while server.waiting == 0 and thread.is_alive():  # until the request is being held
        assert time.monotonic() < deadline, "the wait request never arrived"
        time.sleep(0.01)
    return thread, answers


def test_long_poll_answers_when_a_build_happens(server: PreviewServer) -> None:
    version = server.status()["version"]
    thread, answers = _wait_in_thread(server, version)
    assert answers == []  # held open: nothing changed yet
    server.rebuild()
    thread.join(30)
    assert answers[0]["version"] == version + 1
    assert answers[0]["build"] == 2


def test_long_poll_answers_at_once_when_behind(server: PreviewServer) -> None:
    status, _, body = raw_get(server, "/_preview/api/wait?since=-5")
    assert status == 200 and json.loads(body)["version"] == server.status()["version"]
    assert raw_get(server, "/_preview/api/wait?since=abc")[0] == 400


def test_long_poll_times_out_with_the_same_version(server: PreviewServer) -> None:
    server.long_poll_seconds = 0.05
    version = server.status()["version"]
    _, _, body = raw_get(server, f"/_preview/api/wait?since={version}")
    assert json.loads(body)["version"] == version


def test_stop_releases_waiting_requests(
    preview_server: Callable[..., PreviewServer], course_copy: Callable[[Path], Path]
) -> None:
    server = PreviewServer(course_copy(MINIMAL)).start()
    server.rebuild()
    thread, _answers = _wait_in_thread(server, server.status()["version"])
    server.stop()
    thread.join(30)
    assert not thread.is_alive()


def test_failed_rebuild_keeps_serving_the_last_good_build(
    preview_server: Callable[..., PreviewServer], course_copy: Callable[[Path], Path]
) -> None:
    course = course_copy(MINIMAL)
    server = preview_server(course)
    _, _, good = raw_get(server, "/course/index.html")
    break_course(course)
    result = server.rebuild()
    assert not result.ok and result.number == 1
    assert (
        result.problems[0]
        .format()
        .endswith(
            "chapters/02-practice.yaml:10:11: unknown screen type 'pol'; use one of: content, "
            "reveal, classifier, poll, reflection, question, knowledge_check, rating, media "
            "(did you mean 'poll'?)"
        )
    )
    status = json.loads(raw_get(server, "/_preview/api/status")[2])
    assert (status["ok"], status["build"], status["version"]) == (False, 1, 2)
    assert "chapters/02-practice.yaml:10:11: unknown screen type 'pol'" in status["problems"][0]
    assert status["course"]["id"] == "minimal"  # still the last good one
    assert raw_get(server, "/course/index.html")[2] == good
    assert raw_get(server, "/_preview/download")[0] == 200
    fix_course(course)
    assert server.rebuild().ok
    status = json.loads(raw_get(server, "/_preview/api/status")[2])
    assert (status["ok"], status["build"], status["problems"]) == (True, 2, [])


def test_no_good_build_yet(
    preview_server: Callable[..., PreviewServer], course_copy: Callable[[Path], Path]
) -> None:
    course = course_copy(MINIMAL)
    break_course(course)
    server = preview_server(course)
    status = json.loads(raw_get(server, "/_preview/api/status")[2])
    assert (status["ok"], status["build"], status["course"]) == (False, 0, None)
    assert raw_get(server, "/course/index.html")[0] == 404
    assert raw_get(server, "/_preview/download")[0] == 404
    assert raw_get(server, "/")[0] == 200  # the page is there to show the errors


def test_status_lists_screens_as_bookmarks(server: PreviewServer) -> None:
    screens = server.status()["course"]["screens"]
    keys = [s["key"] for s in screens]
    assert keys[0] == "welcome" and "introduction/complete" in keys
    assert keys[-1] == "final-quiz"
    assert screens[-1]["group"] == "Quiz"


def test_port_in_use_and_unknown_profile(course_copy: Callable[[Path], Path]) -> None:
    course = course_copy(MINIMAL)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        with pytest.raises(PreviewError, match=r"cannot listen on 127\.0\.0\.1:\d+"):
            PreviewServer(course, port=taken.getsockname()[1]).start()
    with pytest.raises(PreviewError, match="unknown profile 'blackboard'"):
        PreviewServer(course, profile="blackboard")


def test_binds_loopback_only(server: PreviewServer) -> None:
    assert server.url.startswith("http://127.0.0.1:")
    assert server._httpd is not None
    assert server._httpd.server_address[0] == "127.0.0.1"


def test_profiles_match_the_javascript() -> None:
    """The CLI's --profile choices are the profiles static/profiles.js defines."""
    import shutil
    import subprocess

    root = Path(__file__).resolve().parents[2]
    script = (
        "require('./player/cmi.js');"
        "require('./src/cbtforge/preview/static/runtime.js');"
        "require('./src/cbtforge/preview/static/profiles.js');"
        "console.log(JSON.stringify(CbtPreview.profiles.names()))"
    )
    node = shutil.which("node")
    assert node, "node is needed (Node.js 20 or newer)"
    out = subprocess.run([node, "-e", script], cwd=root, capture_output=True, text=True, check=True)
    assert tuple(json.loads(out.stdout)) == PROFILES


# --- the watcher's filter -----------------------------------------------------------------


def test_course_filter(tmp_path: Path) -> None:
    from watchfiles import Change

    keep = CourseFilter(tmp_path)
    assert keep(Change.modified, str(tmp_path / "chapters" / "01.yaml"))
    assert keep(Change.added, str(tmp_path / "assets" / "photo.png"))
    assert keep(Change.deleted, str(tmp_path / "course.yaml"))
    for ignored in (".git/index", ".hidden.yaml", "chapters/.01.yaml.swp", "course.yaml~"):
        assert not keep(Change.modified, str(tmp_path / ignored)), ignored
    assert not keep(Change.modified, str(tmp_path.parent / "elsewhere.yaml"))
