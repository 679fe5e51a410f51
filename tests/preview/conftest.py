"""Fixtures for the preview tests.

The browser and the scorm-again test LMS (``browser``, ``lms``, ``lms_server``,
``build_course``) are the harness's fixtures, registered for every folder by tests/conftest.py.

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
from e2e.lms import DEFAULT_TIMEOUT_MS

from .pages import PreviewPage

REPO = Path(__file__).resolve().parents[2]
ARIZONA = REPO / "courses" / "arizona_quality_cs"
MINIMAL = REPO / "tests" / "courses" / "minimal"
PLAYER_FULL = REPO / "tests" / "courses" / "player-full"


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
