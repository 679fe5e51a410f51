"""Fixtures for the preview tests.

The scorm-again test LMS comes from the end-to-end harness (tests/e2e: ``lms``,
``lms_server``, ``build_course``), re-exported here; the harness itself is not changed.

``playwright`` and ``browser`` cannot simply be re-exported: a fixture imported here is a
second definition, and Playwright's sync API refuses to start a second driver in the same
thread while the harness's session-scoped one is alive ("using Playwright Sync API inside the
asyncio loop"). So ours reuse the harness's driver and browser when its tests already started
them, and otherwise start their own for this package only (package scope: they are gone
before the harness's tests start theirs). Moving ``playwright``/``browser`` to tests/conftest.py
would let every folder share one instance without this.

    preview_server  a started :class:`PreviewServer` factory: ``preview_server(course_dir,
                    profile=...)``, stopped after the test
    preview_page    ``preview_page(url, wait=True)`` -> a :class:`PreviewPage` in a fresh browser
                    context, once the course has loaded (``wait=False``: at once)
    course_copy     ``course_copy(source)`` -> a copy of a course folder in tmp_path
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from cbtforge.preview.server import PreviewServer
from e2e.conftest import _require_prerequisites, build_course, lms, lms_server
from e2e.lms import CHROMIUM, CHROMIUM_ARGS, DEFAULT_TIMEOUT_MS

from .pages import PreviewPage

__all__ = ["build_course", "lms", "lms_server"]

REPO = Path(__file__).resolve().parents[2]
ARIZONA = REPO / "courses" / "arizona_quality_cs"
MINIMAL = REPO / "tests" / "courses" / "minimal"
PLAYER_FULL = REPO / "tests" / "courses" / "player-full"


def _harness_value(request: pytest.FixtureRequest, name: str) -> Any:
    """The value of tests/e2e's fixture ``name`` if it is set up right now, else None.

    Looked up through an end-to-end test item, the node from which that fixture is visible
    (pytest has no public way to read another folder's fixture)."""
    manager = getattr(request, "_fixturemanager", None)
    item = next((i for i in request.session.items if i.nodeid.startswith("tests/e2e/")), None)
    if manager is None or item is None:
        return None
    for definition in manager.getfixturedefs(name, item) or ():
        cached = getattr(definition, "cached_result", None)
        if cached is not None and cached[0] is not None:
            return cached[0]
    return None


@pytest.fixture(scope="package")
def playwright(request: pytest.FixtureRequest) -> Iterator[Any]:
    shared = _harness_value(request, "playwright")
    if shared is not None:
        yield shared
        return
    _require_prerequisites()
    from playwright.sync_api import sync_playwright

    driver = sync_playwright().start()
    yield driver
    driver.stop()


@pytest.fixture(scope="package")
def browser(request: pytest.FixtureRequest, playwright: Any) -> Iterator[Any]:
    shared = _harness_value(request, "browser")
    if shared is not None:
        yield shared
        return
    chromium = playwright.chromium.launch(
        executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
    )
    yield chromium
    chromium.close()


@pytest.fixture
def course_copy(tmp_path: Path) -> Callable[[Path], Path]:
    def copy(source: Path) -> Path:
        target = tmp_path / "course"
        shutil.copytree(source, target)
        return target

    return copy


@pytest.fixture
def preview_server() -> Iterator[Callable[..., PreviewServer]]:
    started: list[PreviewServer] = []

    def start(course_dir: Path, **options: Any) -> PreviewServer:
        server = PreviewServer(course_dir, **options).start()
        started.append(server)
        server.rebuild()
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def preview_page(browser: Any) -> Iterator[Callable[..., PreviewPage]]:
    contexts: list[Any] = []

    def open_page(url: str, *, wait: bool = True) -> PreviewPage:
        context = browser.new_context(viewport={"width": 1440, "height": 900})
        context.set_default_timeout(DEFAULT_TIMEOUT_MS)
        contexts.append(context)
        return PreviewPage.open(context.new_page(), url, wait=wait)

    yield open_page
    for context in contexts:
        context.close()
