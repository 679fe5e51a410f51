"""The test-side LMS: launch a SCORM 1.2 package in a real runtime and look at what it did.

The runtime is scorm-again 3.4.3 (``Scorm12API``, pinned in tests/lms/package.json and
installed by ``bash scripts/test.sh``), running in tests/lms/host.html in Debian's Chromium.
Nothing here imitates the SCORM API: the SCO talks to scorm-again, and we read scorm-again's
answers, its own log messages and its CMI. tests/e2e/strict.py then holds the same calls to the
letter of SCORM 1.2, which scorm-again deliberately does not.

Fixtures (tests/e2e/fixtures.py, registered by tests/conftest.py): ``lms`` (an
:class:`Lms`), ``build_course``, ``browser``, ``context``, ``page``, ``lms_server``.
A whole life cycle::

    def test_resume(lms, build_course):
        zip_path = build_course("tests/courses/small")          # the real compiler
        first = lms.launch(zip_path)                            # or a folder; cmi=, faults=
        first.course_frame.get_by_role("button", name="Next").click()
        first.close()                                           # learner closes the window
        first.assert_clean()                                    # no LMS errors, strict SCORM
        second = lms.launch(zip_path, cmi=first.relaunch_cmi())
        assert second.value("cmi.core.entry") == "resume"       # if the SCO set exit=suspend

How a launch works, as an LMS does it: a zip is extracted (:func:`extract_package`), the
folder is served under ``/course/<name>/`` by :class:`LmsServer` (127.0.0.1, a free port), the
manifest is read (:func:`read_manifest`: launch href, item parameters, ``adlcp:masteryscore``
-> ``cmi.student_data.mastery_score``, ``datafromlms`` -> ``cmi.launch_data``, ...), and
``/lms/host.html`` is opened in a fresh browser context with its config set by
``add_init_script``. The host creates ``window.API`` (preloaded, mastery override on when there
is a mastery score) and then the course iframe. See tests/lms/host.js for the config format,
the call log, fault injection and replay.

What an LMS keeps between sessions (:meth:`LmsSession.relaunch_cmi`): the last state it
*persisted*, i.e. the CMI after the last successful LMSCommit or LMSFinish (a SCO that never
commits loses its data, as it would on a real LMS), with ``entry`` = ``resume`` only if that
state's ``exit`` was ``suspend`` (else ``""``), ``total_time`` = previous total_time +
session_time, and exit/session_time dropped. scorm-again computes none of this itself: its
``entry`` is whatever the LMS preloads.
"""

from __future__ import annotations

import contextlib
import json
import mimetypes
import re
import shutil
import threading
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urlencode, urlsplit

from lxml import etree

from . import strict

REPO_ROOT = Path(__file__).resolve().parents[2]
LMS_DIR = REPO_ROOT / "tests" / "lms"
FIXTURES_DIR = LMS_DIR / "fixtures"
SCORM_AGAIN_DIR = LMS_DIR / "node_modules" / "scorm-again"
SCORM_AGAIN_VERSION = "3.4.3"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
HOST_PATH = "/lms/host.html"
# Generous: waits end as soon as their condition holds, and a shared 2-core machine running
# several suites at once was seen taking over 10 s for one click.
DEFAULT_TIMEOUT_MS = 30_000

IMSCP_NS = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP_NS = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
_NS = {"cp": IMSCP_NS, "adlcp": ADLCP_NS}


class LmsError(RuntimeError):
    """The harness could not do what a test asked (bad package, bad preload, missing setup)."""


def prerequisite_problems() -> list[str]:
    """What is missing for browser tests, each with the fix (empty when all is there)."""
    problems = []
    if not CHROMIUM.is_file():
        problems.append(
            f"{CHROMIUM} is missing (Debian's chromium; Playwright's own browser download is "
            "not reachable here)"
        )
    package_json = SCORM_AGAIN_DIR / "package.json"
    if not package_json.is_file():
        problems.append(f"{SCORM_AGAIN_DIR} is missing (the scorm-again LMS runtime)")
    else:
        version = json.loads(package_json.read_text(encoding="utf-8")).get("version")
        if version != SCORM_AGAIN_VERSION:
            problems.append(
                f"{SCORM_AGAIN_DIR} is version {version}, the tests pin {SCORM_AGAIN_VERSION}"
            )
    if problems:
        problems.append("run `bash scripts/test.sh` once: it installs both")
    return problems


# --------------------------------------------------------------------------------------
# Packages and manifests
# --------------------------------------------------------------------------------------


def extract_package(zip_path: Path | str, dest: Path | str) -> Path:
    """Unzip a package into ``dest`` (created) and return ``dest``.

    Refuses absolute names, ``..`` and backslashes instead of writing outside ``dest``.
    """
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    root = dest.resolve()
    with zipfile.ZipFile(zip_path) as zf:
        for info in zf.infolist():
            name = info.filename
            parts = PurePosixPath(name).parts
            if "\\" in name or name.startswith("/") or ".." in parts or not parts:
                raise LmsError(f"{zip_path}: unsafe entry name {name!r}")
            target = (root / name).resolve()
            if not target.is_relative_to(root):
                raise LmsError(f"{zip_path}: entry {name!r} escapes the package folder")
            if info.is_dir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            with zf.open(info) as src, target.open("wb") as out:
                shutil.copyfileobj(src, out)
    return dest


@dataclass(frozen=True)
class ManifestInfo:
    """What an LMS takes from ``imsmanifest.xml`` to launch the package's first SCO."""

    identifier: str
    item_identifier: str
    title: str
    launch_href: str
    """The resource href with every ``xml:base`` applied (checklist M10)."""
    parameters: str
    """``item/@parameters``, to append to the href (checklist M13)."""
    masteryscore: str | None
    datafromlms: str | None
    maxtimeallowed: str | None
    timelimitaction: str | None

    def preload(self) -> dict[str, str]:
        """The CMI values the LMS derives from the manifest (RTE 3.4, cmi.student_data.*)."""
        values = {
            "cmi.student_data.mastery_score": self.masteryscore,
            "cmi.launch_data": self.datafromlms,
            "cmi.student_data.max_time_allowed": self.maxtimeallowed,
            "cmi.student_data.time_limit_action": self.timelimitaction,
        }
        return {k: v for k, v in values.items() if v is not None}


def _manifest_bytes(package: Path) -> bytes:
    if package.is_dir():
        path = package / "imsmanifest.xml"
        if not path.is_file():
            raise LmsError(f"{package}: no imsmanifest.xml at the package root")
        return path.read_bytes()
    with zipfile.ZipFile(package) as zf:
        try:
            return zf.read("imsmanifest.xml")
        except KeyError:
            raise LmsError(f"{package}: no imsmanifest.xml at the zip root") from None


def _text(element: etree._Element | None, path: str) -> str | None:
    if element is None:
        return None
    found = element.find(path, _NS)
    if found is None or found.text is None:
        return None
    return found.text.strip()


def read_manifest(package: Path | str) -> ManifestInfo:
    """Read the launch data of a package (a folder or a zip) like an LMS does.

    The first ``<item>`` with an ``identifierref``, in document order, of the default
    organization, and the resource it points to.
    """
    package = Path(package)
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    root = etree.fromstring(_manifest_bytes(package), parser)
    if root.tag != f"{{{IMSCP_NS}}}manifest":
        raise LmsError(f"{package}: the root element is {root.tag}, not an IMS CP 1.1.2 manifest")
    orgs = root.find("cp:organizations", _NS)
    if orgs is None:
        raise LmsError(f"{package}: the manifest has no <organizations>")
    default = orgs.get("default")
    org = None
    for candidate in orgs.findall("cp:organization", _NS):
        if default is None or candidate.get("identifier") == default:
            org = candidate
            break
    if org is None:
        raise LmsError(f"{package}: no <organization> matches default={default!r}")
    item = next((i for i in org.iter(f"{{{IMSCP_NS}}}item") if i.get("identifierref")), None)
    if item is None:
        raise LmsError(f"{package}: the default organization has no item with an identifierref")
    ref = item.get("identifierref")
    resources = root.find("cp:resources", _NS)
    resource = None
    if resources is not None:
        resource = next(
            (r for r in resources.findall("cp:resource", _NS) if r.get("identifier") == ref), None
        )
    if resource is None or not resource.get("href"):
        raise LmsError(f"{package}: item {item.get('identifier')} points to no resource with href")
    href = (resources.get(XML_BASE) or "") + (resource.get(XML_BASE) or "") + resource.get("href")
    return ManifestInfo(
        identifier=root.get("identifier") or "",
        item_identifier=item.get("identifier") or "",
        title=_text(item, "cp:title") or "",
        launch_href=href,
        parameters=item.get("parameters") or "",
        masteryscore=_text(item, "adlcp:masteryscore"),
        datafromlms=_text(item, "adlcp:datafromlms"),
        maxtimeallowed=_text(item, "adlcp:maxtimeallowed"),
        timelimitaction=_text(item, "adlcp:timelimitaction"),
    )


def read_masteryscore(package: Path | str) -> str | None:
    """``adlcp:masteryscore`` of the launched item, as written (None when absent)."""
    return read_manifest(package).masteryscore


def join_query(url: str, params: str) -> str:
    """Append ``?a=1``, ``&a=1``, ``a=1`` or ``#x`` to ``url`` the way LMSs join item
    parameters (checklist M13)."""
    if not params:
        return url
    if params.startswith("#"):
        return url + params
    params = params.lstrip("?&")
    base, hash_sep, fragment = url.partition("#")
    base += ("&" if "?" in base else "?") + params
    return base + hash_sep + fragment


def build_package(course_dir: Path | str, out: Path | str) -> Path:
    """Compile ``course_dir`` with cbtforge's real compiler into the zip ``out``."""
    try:
        from cbtforge.build import compile_course, write_zip
    except ImportError as exc:  # the loader or the player may not be merged yet
        raise LmsError(f"cannot import cbtforge's compiler: {exc}") from exc
    out = Path(out)
    compiled = compile_course(Path(course_dir))
    write_zip(compiled, out)
    return out


# --------------------------------------------------------------------------------------
# CMITimespan arithmetic and the next launch's CMI
# --------------------------------------------------------------------------------------

_LENIENT_TIMESPAN = re.compile(r"^(\d+):(\d{2}):(\d{2})(?:\.(\d{1,2}))?$")


def timespan_to_centiseconds(value: str) -> int:
    """``"0001:02:03.5"`` -> 372350. Accepts scorm-again's 1+ digit hours; "" is 0."""
    if value == "":
        return 0
    m = _LENIENT_TIMESPAN.match(value)
    if not m:
        raise ValueError(f"{value!r} is not a CMITimespan")
    hours, minutes, seconds = int(m.group(1)), int(m.group(2)), int(m.group(3))
    fraction = int((m.group(4) or "0").ljust(2, "0"))
    return ((hours * 60 + minutes) * 60 + seconds) * 100 + fraction


def centiseconds_to_timespan(cs: int) -> str:
    """372350 -> ``"01:02:03.5"``: at least 2-digit hours (strict CMITimespan up to 9999 h),
    the fraction only when there is one, without a trailing zero (as scorm-again writes it)."""
    if cs < 0:
        raise ValueError("a timespan cannot be negative")
    seconds, fraction = divmod(cs, 100)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    text = f"{hours:02d}:{minutes:02d}:{seconds:02d}"
    if fraction:
        text += "." + f"{fraction:02d}".rstrip("0")
    return text


def add_timespans(*values: str) -> str:
    """The sum of CMITimespans, e.g. total_time + session_time."""
    return centiseconds_to_timespan(sum(timespan_to_centiseconds(v) for v in values))


SESSION_ONLY = ("cmi.core.exit", "cmi.core.session_time", "cmi.core.entry", "cmi.core.total_time")


def next_launch_cmi(stored: Mapping[str, str], *, keep_interactions: bool = True) -> dict[str, str]:
    """The CMI an LMS hands to the next launch, from the flattened CMI it stored.

    entry is ``resume`` only when the stored exit is ``suspend``, else ``""`` (RTE 3.4,
    cmi.core.entry; checklist section 4). total_time becomes total_time + session_time.
    Everything else (status, location, suspend_data, scores, objectives, preferences, the
    manifest-derived values and, unless ``keep_interactions`` is False, interactions) is kept.
    """
    out = {k: v for k, v in stored.items() if k not in SESSION_ONLY and isinstance(v, str)}
    if not keep_interactions:
        out = {k: v for k, v in out.items() if not k.startswith("cmi.interactions.")}
    out["cmi.core.entry"] = "resume" if stored.get("cmi.core.exit") == "suspend" else ""
    out["cmi.core.total_time"] = add_timespans(
        stored.get("cmi.core.total_time", ""), stored.get("cmi.core.session_time", "")
    )
    return out


def preloaded_counts(cmi: Mapping[str, Any]) -> dict[str, int]:
    """Array sizes a flattened preload creates (for :func:`strict.check_calls`)."""
    counts: dict[str, int] = {}
    for name in cmi:
        for array_re in (
            r"^(cmi\.objectives)\.(\d+)\.",
            r"^(cmi\.interactions)\.(\d+)\.",
            r"^(cmi\.interactions\.\d+\.objectives)\.(\d+)\.",
            r"^(cmi\.interactions\.\d+\.correct_responses)\.(\d+)\.",
        ):
            m = re.match(array_re, name)
            if m:
                counts[m.group(1)] = max(counts.get(m.group(1), 0), int(m.group(2)) + 1)
    return counts


# --------------------------------------------------------------------------------------
# The HTTP server
# --------------------------------------------------------------------------------------

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".map": "application/json",
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
    ".ttf": "font/ttf",
    ".mp3": "audio/mpeg",
    ".mp4": "video/mp4",
    ".webm": "video/webm",
    ".vtt": "text/vtt; charset=utf-8",
    ".pdf": "application/pdf",
}

_MOUNT_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


def content_type(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in CONTENT_TYPES:
        return CONTENT_TYPES[suffix]
    guessed, _ = mimetypes.guess_type(path.name)
    return guessed or "application/octet-stream"


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        self._serve(body=True)

    def do_HEAD(self) -> None:
        self._serve(body=False)

    def _serve(self, *, body: bool) -> None:
        path = self.server.owner.resolve_path(unquote(urlsplit(self.path).path))
        if path is None:
            data = b"not found\n"
            self.send_response(HTTPStatus.NOT_FOUND)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            if body:
                self.wfile.write(data)
            return
        data = path.read_bytes()
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", content_type(path))
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if body:
            self.wfile.write(data)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    owner: LmsServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A browser closing a connection mid-response is not a test failure; stay quiet.
        pass


class LmsServer:
    """Static files on 127.0.0.1: ``/lms/`` = tests/lms, ``/course/<name>/`` = a mounted
    folder. No directory listings, ``Cache-Control: no-store``, quiet."""

    def __init__(self, lms_dir: Path = LMS_DIR) -> None:
        self.lms_dir = lms_dir.resolve()
        self._mounts: dict[str, Path] = {}
        self._lock = threading.Lock()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> LmsServer:
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.owner = self
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="lms-server", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    @property
    def base_url(self) -> str:
        if self._server is None:
            raise LmsError("the LMS server is not running")
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base_url + path

    def mount(self, name: str, directory: Path | str) -> str:
        """Serve ``directory`` under ``/course/<name>/``; returns that prefix."""
        if not _MOUNT_NAME.match(name):
            raise LmsError(f"bad mount name {name!r}")
        with self._lock:
            self._mounts[name] = Path(directory).resolve()
        return f"/course/{name}/"

    def unmount(self, name: str) -> None:
        with self._lock:
            self._mounts.pop(name, None)

    def mounted(self, name: str) -> bool:
        with self._lock:
            return name in self._mounts

    def resolve_path(self, url_path: str) -> Path | None:
        """The file for a URL path, or None (not found, a folder, or outside its root)."""
        parts = url_path.split("/")
        if len(parts) >= 3 and parts[1] == "lms":
            root, rest = self.lms_dir, parts[2:]
        elif len(parts) >= 4 and parts[1] == "course":
            with self._lock:
                root = self._mounts.get(parts[2])
            rest = parts[3:]
            if root is None:
                return None
        else:
            return None
        if any(p in ("..", ".") or "\\" in p for p in rest):
            return None
        candidate = root.joinpath(*rest).resolve() if rest else root
        if not candidate.is_relative_to(root) or not candidate.is_file():
            return None
        return candidate


# --------------------------------------------------------------------------------------
# Launching and sessions
# --------------------------------------------------------------------------------------


def _slug(text: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-.") or "course"
    return slug[:40]


def describe_calls(log: Iterable[Mapping[str, Any]], width: int = 60) -> str:
    """The call log as readable lines: ``#3 LMSSetValue("cmi.core.exit", "suspend") -> "true"``."""
    lines = []
    for call in log:
        result = call.get("result")
        line = f"#{call.get('seq')} {strict.describe_call(call, width)} -> {json.dumps(result)}"
        if call.get("error") not in ("0", None):
            line += f" [error {call.get('error')}]"
        if call.get("faulted"):
            line += " (injected fault)"
        lines.append(line)
    return "\n".join(lines)


class Lms:
    """Launches packages into the test LMS; one per test (the ``lms`` fixture).

    Every launch gets its own browser context (no shared localStorage or cookies between a
    session and its relaunch: resume must come from the LMS). Everything is closed at the end
    of the test. tests/e2e/lms2004.py's ``Lms2004`` sets the three class attributes below for
    SCORM 2004 (its host page, manifest reader and session type).
    """

    host_path = HOST_PATH

    @staticmethod
    def read_manifest(directory: Path) -> Any:
        return read_manifest(directory)

    @property
    def session_class(self) -> type[LmsSession]:
        return LmsSession

    def __init__(self, browser: Any, server: LmsServer, workdir: Path | str) -> None:
        self.browser = browser
        self.server = server
        self.workdir = Path(workdir)
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.sessions: list[LmsSession] = []
        self._mounts: list[str] = []
        self._contexts: list[Any] = []
        self._counter = 0
        self._replay_page: Any = None

    # -- launching --

    def launch(
        self,
        package: Path | str,
        *,
        cmi: Mapping[str, str | None] | None = None,
        faults: Mapping[str, Any] | None = None,
        settings: Mapping[str, Any] | None = None,
        params: str = "",
        href: str | None = None,
        viewport: Mapping[str, int] | None = None,
        timeout: float = DEFAULT_TIMEOUT_MS,
        window: str = "frame",
        context: Any = None,
        blank_reads: Iterable[str] = (),
    ) -> LmsSession:
        """Launch ``package`` (a zip or a folder) and return once the course page has loaded.

        cmi: flattened values preloaded before LMSInitialize, over the host's defaults and the
            manifest's values; None removes one (see host.js). Pass ``session.relaunch_cmi()``
            for a second session.
        faults: fault injection rules (host.js, FAULTS).
        settings: extra scorm-again settings (JSON values).
        params: appended to the launch URL after the manifest's item parameters.
        href: the launch page relative to the package root, for a folder without a manifest.
        window: "frame" (an iframe of the LMS page) or "popup" (a window the LMS opens, as
            SuccessFactors does: the SCO must find the API through ``window.opener``), or
            "both": the iframe, then the pop-up, two instances of the SCO on one API (the Open
            edX SCORM XBlock's pop-up mode); ``course_frame`` is the pop-up's, ``hidden_frame``
            the iframe.
        blank_reads: elements LMSGetValue answers "" for (error 0), as the Open edX SCORM
            XBlock does for lesson_status, score.raw, interactions._count, entry, ...
        context: a browser context of an earlier session to launch in (the same learner's
            browser: localStorage carries over); default a fresh one.
        """
        package = Path(package)
        self._counter += 1
        name = f"{_slug(package.stem)}-{self._counter}"
        if package.is_file():
            directory = extract_package(package, self.workdir / name)
        elif package.is_dir():
            directory = package
        else:
            raise LmsError(f"{package} is neither a zip nor a folder")

        manifest = None
        preload: dict[str, str | None] = {}
        if (directory / "imsmanifest.xml").is_file():
            manifest = self.read_manifest(directory)
            preload.update(manifest.preload())
        if href is None:
            if manifest is None:
                raise LmsError(f"{directory} has no imsmanifest.xml; pass href='index.html'")
            href = join_query(manifest.launch_href, manifest.parameters)
        preload.update(cmi or {})

        prefix = self.server.mount(name, directory)
        self._mounts.append(name)
        config = {
            "launch": join_query(prefix + href, params),
            "cmi": preload,
            "settings": dict(settings or {}),
            "faults": dict(faults or {}),
            "window": window,
            "blankReads": list(blank_reads),
        }
        page, context, console, page_errors = self._open_host(
            config, viewport=viewport, timeout=timeout, context=context
        )
        session = self.session_class(
            self,
            page,
            context,
            config,
            manifest=manifest,
            directory=directory,
            console=console,
            page_errors=page_errors,
        )
        self.sessions.append(session)
        preload_errors = page.evaluate("window.lmsPreload.errors")
        if preload_errors:
            raise LmsError(
                "scorm-again rejected the preloaded CMI:\n"
                + "\n".join(preload_errors)
                + f"\npreload: {json.dumps(preload, indent=1)}"
            )
        page.wait_for_function("window.lmsCourseLoaded === true", timeout=timeout)
        if window in ("popup", "both"):
            opened = [p for p in context.pages if p is not page and p.opener() == page]
            session.course_frame = opened[-1].main_frame if opened else None
            if window == "both":
                session.hidden_frame = page.frame(name="course")
        else:
            session.course_frame = page.frame(name="course")
        if session.course_frame is None:
            raise LmsError(f"the course {window} did not appear")
        return session

    def launch_course(self, course_dir: Path | str, **kwargs: Any) -> LmsSession:
        """Build ``course_dir`` with the real compiler, then :meth:`launch` the zip."""
        self._counter += 1
        out = self.workdir / f"build-{self._counter}" / f"{_slug(Path(course_dir).name)}.zip"
        return self.launch(build_package(course_dir, out), **kwargs)

    def replay(
        self,
        calls: Iterable[Mapping[str, Any]],
        *,
        cmi: Mapping[str, str | None] | None = None,
        settings: Mapping[str, Any] | None = None,
    ) -> list[dict[str, Any]]:
        """scorm-again's verdicts for a recorded call sequence, in a fresh Scorm12API with the
        host's default preload plus ``cmi``: ``[{fn, args, result, error}]`` (host.js, REPLAY).
        Every replay gets a new API; they share one host page without a course.
        """
        if self._replay_page is None:
            config = {"launch": None, "cmi": {}, "settings": {}}
            self._replay_page, _, _, _ = self._open_host(
                config, viewport=None, timeout=DEFAULT_TIMEOUT_MS
            )
        options = {"cmi": dict(cmi or {}), "settings": dict(settings or {})}
        return self._replay_page.evaluate(
            "([calls, options]) => window.replay(calls, options)", [_plain_calls(calls), options]
        )

    def last_replay(self) -> dict[str, Any]:
        """``{messages, cmi}`` of the last :meth:`replay`: scorm-again's messages during it
        and its final flattened CMI."""
        if self._replay_page is None:
            raise LmsError("no replay yet")
        return self._replay_page.evaluate("window.lastReplay")

    def _open_host(
        self,
        config: Mapping[str, Any],
        *,
        viewport: Mapping[str, int] | None,
        timeout: float,
        context: Any = None,
    ) -> tuple[Any, Any, list[dict[str, str]], list[str]]:
        host_url = self.server.url(self.host_path)
        if context is None:
            options: dict[str, Any] = {}
            if viewport is not None:
                options["viewport"] = dict(viewport)
            context = self.browser.new_context(**options)
            self._contexts.append(context)
            context.set_default_timeout(timeout)
            # Only the LMS window gets the config: the SCO (a frame, or a window it opened)
            # must not see it.
            context.add_init_script(
                script="if (window === window.top && !window.opener) "
                f"{{ window.LMS_CONFIG = {json.dumps(config)}; }}"
            )
        else:
            # A reused context already carries an earlier launch's init script: this launch's
            # config travels in the URL, which host.js reads when LMS_CONFIG is absent.
            context.add_init_script(script="delete window.LMS_CONFIG;")
            host_url += "?" + urlencode({"config": json.dumps(config)})
        page = context.new_page()
        console: list[dict[str, str]] = []
        page_errors: list[str] = []

        def on_console(message: Any) -> None:
            location = message.location or {}
            console.append(
                {"type": message.type, "text": message.text, "url": location.get("url", "")}
            )

        page.on("console", on_console)
        page.on("pageerror", lambda error: page_errors.append(str(error)))
        page.goto(host_url)
        try:
            page.wait_for_function("window.lmsReady === true", timeout=timeout)
        except Exception as exc:
            raise LmsError(
                f"the LMS host page did not start: {exc}\nuncaught: {page_errors}\n"
                f"console: {console}"
            ) from exc
        return page, context, console, page_errors

    def close(self) -> None:
        for context in self._contexts:
            with contextlib.suppress(Exception):
                context.close()
        self._contexts.clear()
        self._replay_page = None
        for name in self._mounts:
            self.server.unmount(name)
        self._mounts.clear()


@dataclass
class LmsSession:
    """One launch of a SCO in the test LMS."""

    lms: Lms
    page: Any
    """The Playwright Page of the host (the LMS window)."""
    context: Any
    config: dict[str, Any]
    """What host.js got: launch URL, preloaded cmi, settings, faults."""
    manifest: ManifestInfo | None = None
    directory: Path | None = None
    course_frame: Any = None
    """The Playwright Frame of the SCO (the same object across its own navigations)."""
    hidden_frame: Any = None
    """With ``window="both"``: the iframe instance of the SCO beside the pop-up's."""
    closed: bool = False
    console: list[dict[str, str]] = field(default_factory=list)
    """Every console message of the page and its frames: {type, text, url}."""
    page_errors: list[str] = field(default_factory=list)
    """Uncaught exceptions in the page or the SCO."""

    # -- what happened --

    def log(self) -> list[dict[str, Any]]:
        """Every API call: ``{seq, fn, args, result, error, t}`` (+ ``faulted``)."""
        return self.page.evaluate("window.lmsLog")

    def calls(self, fn: str | None = None, element: str | None = None) -> list[dict[str, Any]]:
        """The log filtered by function name and/or first argument."""
        return [
            c
            for c in self.log()
            if (fn is None or c["fn"] == fn)
            and (element is None or (c["args"] and c["args"][0] == element))
        ]

    def messages(self) -> list[dict[str, Any]]:
        """scorm-again's WARN/ERROR messages: ``{level, message, seq, t, source}``."""
        return self.page.evaluate("window.lmsMessages")

    def cmi(self) -> dict[str, Any]:
        """scorm-again's whole CMI, nested (``{"core": {...}, "suspend_data": ...}``), with
        ``core.total_time`` (the preloaded value) added."""
        return self.page.evaluate("window.lmsCmi()")

    def flat_cmi(self) -> dict[str, str]:
        """The CMI flattened: ``{"cmi.core.lesson_status": "passed", ...}``."""
        return self.page.evaluate("window.lmsFlatCmi()")

    def value(self, element: str) -> str | None:
        """One value of :meth:`flat_cmi` (None when scorm-again has no such value)."""
        return self.flat_cmi().get(element)

    def commits(self) -> list[dict[str, Any]]:
        """What the LMS persisted: ``{seq, fn, cmi, current_total_time}`` per successful
        LMSCommit/LMSFinish."""
        return self.page.evaluate("window.lmsCommits")

    def drop_commits(self) -> None:
        """From now on the LMS acknowledges LMSCommit and LMSFinish but loses what they carry
        (host.js, ``lmsDropCommits``): the requests of the last moments before the window
        closes, aborted."""
        self.page.evaluate("window.lmsDropCommits()")

    def lost(self) -> list[dict[str, Any]]:
        """The acknowledged commits the LMS lost: ``{seq, fn, cmi, current_total_time}``."""
        return self.page.evaluate("window.lmsLost")

    def persisted_cmi(self) -> dict[str, str] | None:
        """The flattened CMI of the last successful commit or finish, or None."""
        commits = self.commits()
        return commits[-1]["cmi"] if commits else None

    def state(self) -> str:
        """``not initialized`` | ``initialized`` | ``terminated`` (scorm-again's state)."""
        return self.page.evaluate("window.lmsState()")

    def events(self) -> list[dict[str, Any]]:
        """Host events (``course-loaded``, ``course-unloaded``)."""
        return self.page.evaluate("window.lmsEvents")

    def errors(self) -> list[dict[str, Any]]:
        """Calls scorm-again answered with an error (error functions excluded: they only echo
        the last code), then scorm-again's ERROR messages. Each has ``kind``: call|message."""
        out: list[dict[str, Any]] = [
            {"kind": "call", **c}
            for c in self.log()
            if c["fn"] not in strict.ERROR_FUNCTIONS and c.get("error") not in ("0", None)
        ]
        out += [{"kind": "message", **m} for m in self.messages() if m["level"] == "ERROR"]
        return out

    def violations(self, *, require_finish: bool = True) -> list[strict.Violation]:
        """:func:`strict.check_calls` on this session's log, knowing the preloaded arrays."""
        return strict.check_calls(
            self.log(),
            initial_counts=preloaded_counts(self.config["cmi"]),
            require_finish=require_finish,
        )

    def js_errors(self) -> list[str]:
        """Uncaught exceptions in the host or the SCO."""
        return list(self.page_errors)

    def dump(self) -> str:
        """Calls, messages, errors and commits as text (used in failure reports)."""
        parts = [f"launch: {self.config['launch']}", "calls:", describe_calls(self.log())]
        messages = self.messages()
        if messages:
            parts.append("scorm-again messages:")
            parts += [f"  [{m['level']}] (call #{m['seq']}) {m['message']}" for m in messages]
        if self.page_errors:
            parts.append("uncaught exceptions:")
            parts += [f"  {e}" for e in self.page_errors]
        return "\n".join(parts)

    def assert_clean(self, *, strict_scorm: bool = True, final: bool = True) -> None:
        """Fail unless scorm-again saw no error, nothing threw, and (by default) the calls and
        the final CMI follow strict SCORM 1.2."""
        problems = [f"scorm-again: {describe_error(e)}" for e in self.errors()]
        problems += [f"uncaught exception: {e}" for e in self.js_errors()]
        if strict_scorm:
            problems += [f"strict: {v}" for v in self.violations()]
            if final:
                problems += [f"strict: {v}" for v in strict.check_final_cmi(self.cmi())]
        if problems:
            raise AssertionError("\n".join(problems) + "\n\n" + self.dump())

    # -- acting --

    def call(self, fn: str, *args: Any) -> Any:
        """Call ``API[fn](*args)`` from inside the SCO's frame (as the SCO would)."""
        return self.course_frame.evaluate(
            "([fn, args]) => window.parent.API[fn](...args)", [fn, list(args)]
        )

    def wait_for_call(
        self, fn: str, element: str | None = None, *, timeout: float = DEFAULT_TIMEOUT_MS
    ) -> dict[str, Any]:
        """Wait until the log has a call of ``fn`` (on ``element``) and return the first."""
        self.page.wait_for_function(
            """([fn, element]) => window.lmsLog.some(
                c => c.fn === fn && (element === null || c.args[0] === element))""",
            arg=[fn, element],
            timeout=timeout,
        )
        return self.calls(fn, element)[0]

    def close(self, how: str = "navigate") -> None:
        """The learner closes the course: the SCO is unloaded, so its pagehide and unload
        handlers run (a LMSFinish there lands in the log). ``how``: ``navigate`` (the iframe
        goes to about:blank) or ``remove`` (the iframe is removed). The host stays open to be
        inspected."""
        if self.closed:
            return
        self.page.evaluate("how => window.lmsUnloadCourse(how)", how)
        self.closed = True

    def relaunch_cmi(self, *, keep_interactions: bool = True, source: str = "persisted") -> dict:
        """The preload for the next launch (:func:`next_launch_cmi`).

        source ``persisted`` (default): from the last successful LMSCommit/LMSFinish; if
        there was none, the LMS learned nothing and the next launch gets this launch's preload
        again. ``live``: from scorm-again's current CMI (as if every SetValue were saved).
        """
        if source == "live":
            stored: Mapping[str, str] | None = self.flat_cmi()
        elif source == "persisted":
            stored = self.persisted_cmi()
        else:
            raise ValueError("source is 'persisted' or 'live'")
        if stored is None:
            return {k: v for k, v in self.config["cmi"].items() if v is not None}
        return next_launch_cmi(stored, keep_interactions=keep_interactions)

    def replay(
        self,
        calls: Iterable[Mapping[str, Any]],
        *,
        cmi: Mapping[str, str | None] | None = None,
        settings: Mapping[str, Any] | None = None,
    ) -> list[dict[str, Any]]:
        """scorm-again's verdicts for ``calls`` in a fresh API with this session's preload
        (or ``cmi``) and settings (host.js, REPLAY)."""
        options: dict[str, Any] = {}
        if cmi is not None:
            options["cmi"] = dict(cmi)
        if settings is not None:
            options["settings"] = dict(settings)
        return self.page.evaluate(
            "([calls, options]) => window.replay(calls, options)", [_plain_calls(calls), options]
        )

    def last_replay(self) -> dict[str, Any]:
        """``{messages, cmi}`` of this page's last :meth:`replay`."""
        return self.page.evaluate("window.lastReplay")


def _plain_calls(calls: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    return [{"fn": c["fn"], "args": list(c.get("args") or [])} for c in calls]


def describe_error(error: Mapping[str, Any]) -> str:
    if error.get("kind") == "message":
        return f"[{error.get('level')}] {error.get('message')}"
    return f"#{error.get('seq')} {strict.describe_call(error)} -> error {error.get('error')}"
