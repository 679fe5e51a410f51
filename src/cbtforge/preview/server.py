"""The preview's HTTP side: builds into a temporary folder and serves them on 127.0.0.1.

One :class:`PreviewServer` per ``cbtforge preview``. It keeps the last good build on disk
(``compile_course`` then ``write_directory``, which swaps the folder in atomically) and, when a
rebuild fails, goes on serving it while the page and the terminal show the problems. The page
learns about new builds by long-polling ``/_preview/api/wait?since=N`` (MkDocs' livereload
approach: one pending request, answered when something changes or after a timeout).

URL space, all GET/HEAD, nothing else:

    /                          the LMS emulator page (static/index.html)
    /_preview/<file>           its assets (static/), plus cmi.js from the player sources
    /_preview/api/status       build state as JSON
    /_preview/api/wait?since=N the same, once its version differs from N (long poll)
    /_preview/download         the last good build as a SCORM zip
    /course/<path>             the last good build

Only files under the build folder and the static folder are ever read: dot segments, empty
segments, backslashes and NUL bytes are refused before and after percent-decoding, and the
resolved path (symlinks followed) must stay inside its root. Requests naming another host in
``Host`` are refused too, so a web page cannot reach the server through DNS rebinding.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote

from .. import coursedata, package
from ..build import CompiledCourse, compile_course, player_dir, write_directory
from ..errors import Problem, ProblemsError, display_path, sort_problems
from . import DEFAULT_IDLE_SECONDS, PROFILES

HOST = "127.0.0.1"
STATIC_DIR = Path(__file__).resolve().parent / "static"
LONG_POLL_SECONDS = 25.0
IDLE_CONNECTION_SECONDS = 15.0
"""How long a wait request is held open; well under common proxy and browser timeouts."""

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".xml": "application/xml",
    ".xsd": "application/xml",
    ".txt": "text/plain; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".ico": "image/x-icon",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".mp3": "audio/mpeg",
    ".m4a": "audio/mp4",
    ".ogg": "audio/ogg",
    ".mp4": "video/mp4",
    ".webm": "video/webm",
    ".vtt": "text/vtt; charset=utf-8",
    ".pdf": "application/pdf",
    ".zip": "application/zip",
}

# The emulator page runs only its own scripts and talks only to this server.
PAGE_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'"
)


class PreviewError(Exception):
    """The preview cannot start (for example, the port is taken)."""


def content_type(path: Path) -> str:
    return CONTENT_TYPES.get(path.suffix.lower(), "application/octet-stream")


def safe_file(root: Path, relative: str) -> Path | None:
    """The regular file ``relative`` (a decoded URL path below a mount) names under ``root``,
    or None when it is missing, a folder, malformed, or would leave ``root``."""
    parts = relative.split("/")
    if not relative or any(p in ("", ".", "..") or "\\" in p or "\0" in p for p in parts):
        return None
    try:
        resolved = root.joinpath(*parts).resolve(strict=True)
        base = root.resolve(strict=True)
    except (OSError, RuntimeError):  # missing, or a symlink loop
        return None
    if not resolved.is_relative_to(base) or not resolved.is_file():
        return None
    return resolved


@dataclass
class BuildResult:
    """What one build attempt produced."""

    ok: bool
    number: int
    """The number of the good build being served after this attempt (0: none yet)."""
    seconds: float
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    title: str = ""


@dataclass
class _State:
    version: int = 0
    """Bumped by every build attempt: what a waiting page compares."""
    build: int = 0
    """Bumped by every good build."""
    ok: bool = False
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    course: dict[str, Any] | None = None
    compiled: CompiledCourse | None = None
    built_at: str = ""


def screen_list(compiled: CompiledCourse) -> list[dict[str, str]]:
    """Every page the player shows, keyed as its bookmark (``cmi.core.lesson_location``):
    chapter screens, each chapter's completion page, the quiz, the certificate, the evaluation."""
    data = coursedata.course_data(compiled.course)
    out: list[dict[str, str]] = []

    def chapter(c: dict[str, Any]) -> None:
        for s in c["screens"]:
            out.append({"key": s["id"], "title": s["title"], "group": c["title"]})
        if c["completion"] is not None:
            out.append(
                {
                    "key": f"{c['id']}/complete",
                    "title": c["completion"]["title"],
                    "group": c["title"],
                }
            )

    for c in data["chapters"]:
        chapter(c)
    if data["quiz"]:
        out.append({"key": data["quiz"]["id"], "title": data["quiz"]["title"], "group": "Quiz"})
    if data.get("certificate"):
        title = data["certificate"]["title"]
        out.append({"key": f"{data['id']}/certificate", "title": title, "group": title})
    if data["evaluation"]:
        chapter(data["evaluation"])
    return out


class PreviewServer:
    """Builds ``course_dir`` into a temporary folder and serves it with the emulator page."""

    def __init__(
        self,
        course_dir: Path,
        *,
        port: int = 0,
        profile: str = "strict",
        idle_seconds: int = DEFAULT_IDLE_SECONDS,
        standard: str | None = None,
    ) -> None:
        if profile not in PROFILES:
            raise PreviewError(f"unknown profile {profile!r}: use one of {', '.join(PROFILES)}")
        self.course_dir = Path(course_dir)
        self.port = port
        self.profile = profile
        self.idle_seconds = idle_seconds
        self.standard = standard
        """scorm12 or scorm2004 (None: the course's ``standard:``, else scorm12)."""
        self.workdir: Path | None = None
        self._state = _State()
        self._changed = threading.Condition()
        self._build_lock = threading.Lock()
        self._zip_lock = threading.Lock()
        self._zip: tuple[int, bytes] | None = None
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._stopping = False
        self.waiting = 0
        """Long-poll requests being held open right now."""
        self.long_poll_seconds = LONG_POLL_SECONDS

    # -- life cycle --

    def start(self) -> PreviewServer:
        """Bind 127.0.0.1 and serve in a background thread (call :meth:`rebuild` too)."""
        self.workdir = Path(tempfile.mkdtemp(prefix="cbtforge-preview-"))
        try:
            self._httpd = _HTTPServer((HOST, self.port), _Handler)
        except OSError as exc:
            shutil.rmtree(self.workdir, ignore_errors=True)
            raise PreviewError(
                f"cannot listen on {HOST}:{self.port} ({exc.strerror or exc}); "
                "choose another port with --port (0 picks a free one)"
            ) from exc
        self._httpd.owner = self
        self.port = self._httpd.server_address[1]
        self._thread = threading.Thread(
            target=self._httpd.serve_forever,
            kwargs={"poll_interval": 0.1},  # how soon stop() is noticed
            name="cbtforge-preview",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, release waiting requests and delete the temporary folder."""
        with self._changed:
            self._stopping = True
            self._changed.notify_all()
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None
        if self.workdir is not None:
            shutil.rmtree(self.workdir, ignore_errors=True)
            self.workdir = None

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}/"

    @property
    def site(self) -> Path:
        if self.workdir is None:
            raise PreviewError("the preview server is not started")
        return self.workdir / "site"

    # -- building --

    def rebuild(self) -> BuildResult:
        """Compile the course; on success swap the new build in, else keep the last good one.
        Either way the page is told (the state's version changes)."""
        with self._build_lock:
            started = time.perf_counter()
            try:
                compiled = compile_course(self.course_dir, standard=self.standard)
            except ProblemsError as exc:
                problems = sort_problems(exc.problems)
                return self._publish(False, None, problems, [], started)
            except OSError as exc:  # e.g. the folder vanished while an editor saved
                where = display_path(Path(exc.filename)) if exc.filename else ""
                problem = Problem(where or str(self.course_dir), 0, 0, exc.strerror or str(exc))
                return self._publish(False, None, [problem], [], started)
            except Exception as exc:  # a compiler bug must not stop the preview
                message = (
                    f"cbtforge could not build this course ({type(exc).__name__}: {exc}); "
                    "this is a bug in cbtforge, please report it"
                )
                problem = Problem(display_path(self.course_dir), 0, 0, message)
                return self._publish(False, None, [problem], [], started)
            try:
                write_directory(compiled.entries, self.site)
            except OSError as exc:  # the temporary folder is full or gone: say so, go on
                problem = Problem(str(self.site), 0, 0, f"cannot write the build: {exc}")
                return self._publish(False, None, [problem], [], started)
            return self._publish(True, compiled, [], sort_problems(compiled.warnings), started)

    def _publish(
        self,
        ok: bool,
        compiled: CompiledCourse | None,
        problems: list[Problem],
        warnings: list[Problem],
        started: float,
    ) -> BuildResult:
        with self._changed:
            state = self._state
            state.version += 1
            state.ok = ok
            state.problems = [p.format() for p in problems]
            state.warnings = [p.format() for p in warnings]
            if compiled is not None:
                state.build += 1
                state.compiled = compiled
                state.course = {
                    "id": compiled.course.id,
                    "title": compiled.course.title,
                    "screens": screen_list(compiled),
                }
                state.built_at = time.strftime("%H:%M:%S")
            self._changed.notify_all()
            title = state.compiled.course.title if state.compiled else ""
            return BuildResult(
                ok=ok,
                number=state.build,
                seconds=time.perf_counter() - started,
                problems=problems,
                warnings=warnings,
                title=title,
            )

    # -- what the page reads --

    def status(self) -> dict[str, Any]:
        with self._changed:
            s = self._state
            return {
                "version": s.version,
                "build": s.build,
                "ok": s.ok,
                "problems": list(s.problems),
                "warnings": list(s.warnings),
                "course": s.course,
                "builtAt": s.built_at,
                "profile": self.profile,
                "idleSeconds": self.idle_seconds,
                # The run-time the page offers: the standard of the build it serves.
                "standard": s.compiled.standard if s.compiled else (self.standard or "scorm12"),
                "courseDir": display_path(self.course_dir),
            }

    def wait(self, since: int) -> dict[str, Any]:
        """The status once its version differs from ``since`` (or after
        ``long_poll_seconds``; the page then asks again)."""
        with self._changed:
            self.waiting += 1
            try:
                self._changed.wait_for(
                    lambda: self._state.version != since or self._stopping,
                    timeout=self.long_poll_seconds,
                )
            finally:
                self.waiting -= 1
        return self.status()

    def zip_bytes(self) -> tuple[str, bytes] | None:
        """The last good build as a SCORM zip (built once per build), or None."""
        with self._changed:
            compiled, number = self._state.compiled, self._state.build
        if compiled is None or self.workdir is None:
            return None
        name = f"{compiled.course.id}.zip"
        with self._zip_lock:
            if self._zip is None or self._zip[0] != number:
                out = self.workdir / "download" / name
                out.parent.mkdir(parents=True, exist_ok=True)
                package.write_zip(compiled.entries, out)
                self._zip = (number, out.read_bytes())
            return name, self._zip[1]


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True  # a pending long poll must not keep the process alive
    owner: PreviewServer
    # The default backlog of 5 let a burst of connections (a page's assets, several tabs,
    # a misbehaving client) wait on SYN retries for seconds.
    request_queue_size = 128

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A browser dropping a connection (reload, closed tab) is normal; say nothing.
        pass


class _Handler(BaseHTTPRequestHandler):
    server: _HTTPServer
    protocol_version = "HTTP/1.1"
    server_version = "cbtforge-preview"
    sys_version = ""
    # Seconds a connection may sit silent (socket timeout): an idle keep-alive connection
    # or a client that never finishes its request no longer holds a thread for ever. Long
    # polls are unaffected: the server, not the socket, waits there.
    timeout = IDLE_CONNECTION_SECONDS

    def log_message(self, format: str, *args: Any) -> None:  # the terminal is for builds
        pass

    def do_GET(self) -> None:
        self._route(body=True)

    def do_HEAD(self) -> None:
        self._route(body=False)

    # -- routing --

    def _route(self, *, body: bool) -> None:
        owner = self.server.owner
        if self.headers.get("Transfer-Encoding") or self.headers.get("Content-Length", "0") != "0":
            # A GET or HEAD has no body here; an unread one would be parsed as the next
            # request on this connection (request smuggling), so refuse and hang up.
            self.close_connection = True
            self._text(HTTPStatus.BAD_REQUEST, "a GET or HEAD request has no body\n", body)
            return
        if not self._host_allowed(owner.port):
            self._text(HTTPStatus.FORBIDDEN, "this server only answers to 127.0.0.1\n", body)
            return
        raw_path, _, query = self.path.partition("?")
        raw_path = raw_path.partition("#")[0]
        if not raw_path.startswith("/") or "\\" in raw_path or "%5c" in raw_path.lower():
            self._text(HTTPStatus.BAD_REQUEST, "bad path\n", body)
            return
        try:
            path = unquote(raw_path, errors="strict")
        except UnicodeDecodeError:
            self._text(HTTPStatus.BAD_REQUEST, "bad path\n", body)
            return
        if path in ("/", "/index.html"):
            self._file(STATIC_DIR / "index.html", body, page=True)
        elif path == "/_preview/api/status":
            self._json(owner.status(), body)
        elif path == "/_preview/api/wait":
            self._wait(query, body)
        elif path == "/_preview/download":
            self._download(body)
        elif path == "/_preview/cmi.js":
            # The SCO side's SCORM vocabulary, shared with the emulator (runtime.js).
            self._file(player_dir() / "cmi.js", body)
        elif path.startswith("/_preview/"):
            self._file(safe_file(STATIC_DIR, path[len("/_preview/") :]), body)
        elif path.startswith("/course/"):
            rest = path[len("/course/") :] or "index.html"
            self._file(safe_file(owner.site, rest), body)
        else:
            self._file(None, body)

    def _host_allowed(self, port: int) -> bool:
        host = (self.headers.get("Host") or "").strip().lower()
        return host in (f"127.0.0.1:{port}", f"localhost:{port}")

    def _wait(self, query: str, body: bool) -> None:
        values = parse_qs(query).get("since", ["-1"])
        try:
            since = int(values[0])
        except ValueError:
            self._text(HTTPStatus.BAD_REQUEST, "since must be a number\n", body)
            return
        self._json(self.server.owner.wait(since), body)

    def _download(self, body: bool) -> None:
        try:
            made = self.server.owner.zip_bytes()
        except (package.PackageError, OSError) as error:
            # Say why in the page instead of dropping the connection.
            self._text(HTTPStatus.INTERNAL_SERVER_ERROR, f"cannot make the zip: {error}\n", body)
            return
        if made is None:
            self._text(HTTPStatus.NOT_FOUND, "no good build yet\n", body)
            return
        name, data = made
        self._send(
            HTTPStatus.OK,
            data,
            "application/zip",
            body,
            {"Content-Disposition": f'attachment; filename="{name}"'},
        )

    # -- responses --

    def _file(self, path: Path | None, body: bool, *, page: bool = False) -> None:
        data = None
        if path is not None:
            try:
                data = path.read_bytes()
            except OSError:  # swapped out by a rebuild between resolve and read
                data = None
        if path is None or data is None:
            self._text(HTTPStatus.NOT_FOUND, "not found\n", body)
            return
        headers = {"Content-Security-Policy": PAGE_CSP} if page else {}
        self._send(HTTPStatus.OK, data, content_type(path), body, headers)

    def _json(self, value: Any, body: bool) -> None:
        data = json.dumps(value, ensure_ascii=False).encode("utf-8")
        self._send(HTTPStatus.OK, data, "application/json", body)

    def _text(self, status: HTTPStatus, text: str, body: bool) -> None:
        self._send(status, text.encode("utf-8"), "text/plain; charset=utf-8", body)

    def _send(
        self,
        status: HTTPStatus,
        data: bytes,
        ctype: str,
        body: bool,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if body:
            self.wfile.write(data)
