"""Acceptance: a designer runs ``cbtforge preview``, clicks through the course, saves a change
and sees it without reloading, saves a mistake and sees it reported with its file and line
(the last good build stays up), then fixes it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .conftest import MINIMAL
from .pages import PreviewPage
from .process import PreviewProcess
from .test_server import break_course, fix_course

pytestmark = pytest.mark.browser

WAIT_MS = 20_000  # a rebuild is a save, a file-system event and a build away


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_edit_error_fix_cycle(
    course_copy: Callable[[Path], Path],
    tmp_path: Path,
    preview_page: Callable[[str], PreviewPage],
) -> None:
    course = course_copy(MINIMAL)
    process = PreviewProcess(course, "--port", "0", cwd=tmp_path)
    try:
        preview = preview_page(process.wait_for_url())
        frame = preview.frame
        heading = frame.locator(".cbt-screen h1")
        assert preview.title() == "Welcome"
        frame.get_by_role("button", name="Next", exact=True).click()
        assert preview.title() == "Two ideas"
        frame.get_by_role("button", name="First idea").click()
        frame.get_by_role("button", name="Next", exact=True).click()
        frame.get_by_role("button", name="Complete Chapter").click()
        frame.get_by_role("button", name="Next", exact=True).click()
        assert preview.title() == "Check yourself"
        frame.get_by_role("radio", name="Right").check()
        frame.get_by_role("button", name="Submit Answer").click()
        session = preview.session()

        # A change on disk appears by itself, on the same screen, with the learner's answer.
        chapter = course / "chapters" / "02-practice.yaml"
        edit(chapter, "Which answer is right?", "Which answer is really right?")
        expect(frame.locator("legend")).to_have_text(
            "Which answer is really right?", timeout=WAIT_MS
        )
        preview.wait_ready(session + 1)
        assert preview.title() == "Check yourself"
        assert frame.get_by_role("radio", name="Right").is_checked()
        assert "Correct." in frame.locator("[data-key=feedback]").inner_text()
        assert preview.value("cmi.core.entry") == "resume"
        assert preview.page.locator("#pv-build").inner_text().startswith("Build 2 at ")
        process.expect(r"Rebuilt in \d+ ms \(chapters/02-practice\.yaml\)\.", "out")

        # A new title gives the screen a new id (its bookmark is gone): the preview still
        # returns to the screen at the same place.
        edit(chapter, "title: Check yourself", "title: Check yourself again")
        expect(heading).to_have_text("Check yourself again", timeout=WAIT_MS)
        preview.wait_ready(session + 2)
        assert preview.value("cmi.core.lesson_location") == "check-yourself-again"

        # A mistake: reported in the page and the terminal as file:line:col; the last good
        # build stays on screen, untouched.
        break_course(course)
        alert = preview.page.get_by_role("alert")
        expect(alert).to_be_visible(timeout=WAIT_MS)
        problem = (
            "course/chapters/02-practice.yaml:10:11: unknown screen type 'pol'; use one of: "
            "content, reveal, classifier, poll, reflection, question, knowledge_check, "
            "rating, media (did you mean 'poll'?)"
        )
        expect(alert.locator("li")).to_have_text([problem])
        assert "still shows the last good build" in alert.inner_text()
        assert process.expect(r"unknown screen type", "err") == problem
        assert preview.session() == session + 2  # no relaunch for a failed build
        assert preview.title() == "Check yourself again"
        assert "The last save has errors" in preview.page.locator("#pv-build").inner_text()

        # Fixed: the errors go, the course reloads on the same screen.
        fix_course(course)
        expect(alert).to_be_hidden(timeout=WAIT_MS)
        preview.wait_ready(session + 3)
        assert preview.title() == "Check yourself again"
        assert preview.page.locator("#pv-build").inner_text().startswith("Build 4 at ")
        assert preview.errors == []
        assert preview.errors_in_log() == []
        assert process.interrupt() == 0
        assert not any("Traceback" in line for line in process.stderr)
    finally:
        process.kill()
