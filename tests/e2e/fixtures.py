"""Fixtures for browser tests in the test LMS (scorm-again in Debian's Chromium).

Registered once, by tests/conftest.py, for every test folder: Playwright's sync API cannot
start a second driver in the same thread, so tests/e2e and tests/preview must share these
definitions rather than each defining their own.

    lms_server    session: the static server on 127.0.0.1 (/lms/ and /course/<name>/)
    playwright    session: the Playwright driver
    browser       session: Chromium from /usr/bin/chromium, headless, with CHROMIUM_ARGS
    context/page  per test: a fresh browser context and a page in it, for raw Playwright work
    lms           per test: an :class:`~.lms.Lms`; ``lms.launch(package, cmi=, faults=)``,
                  ``lms.launch_course(course_dir)``, ``lms.replay(calls)``
    lms_replayer  session: an Lms for ``replay(calls)`` only (one shared host page)
    build_course  session: ``build_course(course_dir) -> Path`` of a zip made by cbtforge's
                  compiler, built once per course folder and content per test session

Mark browser tests ``@pytest.mark.browser``. When Chromium or the pinned scorm-again is
missing, the browser fixtures FAIL (they never skip) and say to run ``bash scripts/test.sh``.
When a test that used ``lms`` fails, its report gets a section per launch with the API calls
and scorm-again's messages.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from .lms import (
    CHROMIUM,
    CHROMIUM_ARGS,
    DEFAULT_TIMEOUT_MS,
    Lms,
    LmsServer,
    build_package,
    prerequisite_problems,
)


def _require_prerequisites() -> None:
    problems = prerequisite_problems()
    if problems:
        pytest.fail("browser tests cannot run:\n  " + "\n  ".join(problems), pytrace=False)


@pytest.fixture(scope="session")
def lms_server() -> Iterator[LmsServer]:
    _require_prerequisites()
    server = LmsServer().start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def playwright() -> Iterator[Any]:
    _require_prerequisites()
    from playwright.sync_api import sync_playwright

    driver = sync_playwright().start()
    yield driver
    driver.stop()


@pytest.fixture(scope="session")
def browser(playwright: Any) -> Iterator[Any]:
    chromium = playwright.chromium.launch(
        executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
    )
    yield chromium
    chromium.close()


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    ctx = browser.new_context()
    ctx.set_default_timeout(DEFAULT_TIMEOUT_MS)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context: Any) -> Any:
    return context.new_page()


@pytest.fixture
def lms(browser: Any, lms_server: LmsServer, tmp_path: Path) -> Iterator[Lms]:
    launcher = Lms(browser, lms_server, tmp_path / "lms")
    yield launcher
    launcher.close()


@pytest.fixture(scope="session")
def lms_replayer(
    browser: Any, lms_server: LmsServer, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Lms]:
    """A session-wide :class:`~.lms.Lms` for ``replay()`` only: one host page for the whole
    run, a fresh Scorm12API per replay. Much faster than ``lms`` for many small sequences."""
    launcher = Lms(browser, lms_server, tmp_path_factory.mktemp("replayer"))
    yield launcher
    launcher.close()


def _fingerprint(course_dir: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in course_dir.rglob("*") if p.is_file()):
        stat = path.stat()
        digest.update(f"{path.relative_to(course_dir)}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:16]


@pytest.fixture(scope="session")
def build_course(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Path | str], Path]:
    """``build_course(course_dir)`` -> the zip cbtforge builds from it (cached per content)."""
    out_dir = tmp_path_factory.mktemp("built")
    cache: dict[tuple[Path, str], Path] = {}

    def build(course_dir: Path | str) -> Path:
        course_dir = Path(course_dir).resolve()
        key = (course_dir, _fingerprint(course_dir))
        if key not in cache:
            out = out_dir / f"{len(cache) + 1}-{course_dir.name}.zip"
            cache[key] = build_package(course_dir, out)
        return cache[key]

    return build


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()
    if report.when != "call" or not report.failed:
        return
    funcargs = getattr(item, "funcargs", {})
    launcher = funcargs.get("lms") or funcargs.get("lms2004")
    if not isinstance(launcher, Lms):
        return
    for number, session in enumerate(launcher.sessions, start=1):
        try:
            text = session.dump()
        except Exception as exc:  # the page may be gone; the report must not break
            text = f"(could not read the LMS log: {exc})"
        report.sections.append((f"LMS launch {number}", text))


@pytest.fixture
def lms2004(browser: Any, lms_server: LmsServer, tmp_path: Path) -> Iterator[Any]:
    """The test LMS over scorm-again's Scorm2004API (tests/e2e/lms2004.py)."""
    from .lms2004 import Lms2004

    launcher = Lms2004(browser, lms_server, tmp_path / "lms2004")
    yield launcher
    launcher.close()
