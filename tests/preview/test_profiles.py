"""The Arizona course, walked through the player's UI in the preview, completes under every
LMS profile, and a relaunch after each profile's failure mode resumes on the right screen.

    strict          the learner closes the course mid-chapter; no call is ever refused
    moodle          the quiz is failed first: the LMS records "failed" from the mastery score;
                    the relaunch lands on the quiz results, the retake passes
    cornerstone     LMSCommit is refused while the course unloads; LMSFinish saves
    successfactors  the LMS session expires mid-chapter and every call fails; the learner
                    goes on, and the relaunch resumes where they left off
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from .conftest import ARIZONA
from .pages import CourseWalker, PreviewPage

pytestmark = pytest.mark.browser

MID_COURSE = 9
"""Screens walked before the failure: past the first chapter's completion, into the second."""


def open_arizona(
    preview_server: Callable[..., Any], preview_page: Callable[[str], PreviewPage], profile: str
) -> tuple[PreviewPage, CourseWalker]:
    server = preview_server(ARIZONA)
    preview = preview_page(f"{server.url}?profile={profile}")
    assert preview.page.locator("#pv-profile").input_value() == profile
    return preview, CourseWalker(preview, ARIZONA)


def finish_course(preview: PreviewPage, walker: CourseWalker, *, quiz: bool = True) -> None:
    """From wherever the learner is: the rest of the chapters, the quiz, the evaluation, Exit."""
    if quiz:
        assert walker.walk(until=walker.quiz_title) == walker.quiz_title
        assert "Passed: your score is" in walker.take_quiz(right=True)
    walker.walk()  # the evaluation, to its completion page
    assert walker.info()["hasNext"] is False
    walker.frame.get_by_role("button", name="Exit course").click()
    preview.page.wait_for_function("() => cbtPreview.runtime.state === 'finished'")
    stored = preview.stored()
    assert stored is not None
    assert stored["cmi.core.lesson_status"] == "passed"
    assert int(stored["cmi.core.score.raw"]) >= 80
    assert stored["cmi.core.exit"] == ""
    assert len(stored["cmi.suspend_data"]) <= 4096
    assert preview.errors == []


def resume_check(preview: PreviewPage, title: str, location: str) -> None:
    assert preview.title() == title
    assert preview.value("cmi.core.entry") == "resume"
    assert preview.value("cmi.core.lesson_location") == location


def test_strict(preview_server: Any, preview_page: Any) -> None:
    preview, walker = open_arizona(preview_server, preview_page, "strict")
    title = walker.walk(steps=MID_COURSE)
    location = preview.value("cmi.core.lesson_location")
    assert location and location != "course-introduction"
    preview.relaunch()
    resume_check(preview, title, location)
    finish_course(preview, walker)
    assert preview.errors_in_log() == []  # the player never breaks a strict SCORM 1.2 rule


def test_moodle_fail_then_pass(preview_server: Any, preview_page: Any) -> None:
    preview, walker = open_arizona(preview_server, preview_page, "moodle")
    walker.walk(until=walker.quiz_title)
    assert "Not passed" in walker.take_quiz(right=False)
    assert preview.value("cmi.core.lesson_status") == "failed"
    preview.relaunch()
    stored = preview.stored()
    assert stored is not None
    assert int(stored["cmi.core.score.raw"]) < 80
    assert stored["cmi.core.lesson_status"] == "failed"  # Moodle's mastery override at LMSFinish
    resume_check(preview, "Final Quiz: Results", walker.data["quiz"]["id"])
    assert "Passed: your score is" in walker.take_quiz(right=True)
    finish_course(preview, walker, quiz=False)
    assert preview.errors_in_log() == []


def test_cornerstone_commit_refused_during_unload(preview_server: Any, preview_page: Any) -> None:
    preview, walker = open_arizona(preview_server, preview_page, "cornerstone")
    title = walker.walk(steps=MID_COURSE)
    location = preview.value("cmi.core.lesson_location")
    preview.relaunch()
    first = [c for c in preview.calls() if c["session"] == 1]
    unload_commits = [c for c in first if c["fn"] == "LMSCommit" and c["unloading"]]
    assert unload_commits and all(
        (c["result"], c["error"]) == ("false", "101") for c in unload_commits
    )
    finish = [c for c in first if c["fn"] == "LMSFinish"]
    assert [(c["result"], c["error"]) for c in finish] == [("true", "0")]
    resume_check(preview, title, location)
    finish_course(preview, walker)
    refused = preview.errors_in_log()
    assert refused and all(c["fn"] == "LMSCommit" and c["unloading"] for c in refused)


def test_successfactors_session_expires(preview_server: Any, preview_page: Any) -> None:
    preview, walker = open_arizona(preview_server, preview_page, "successfactors")
    walker.walk(steps=MID_COURSE)
    saved_location = preview.value("cmi.core.lesson_location")
    preview.button("Expire session now").click()
    assert preview.page.evaluate("() => cbtPreview.runtime.state") == "expired"
    title = walker.walk(steps=2)  # the learner goes on; the LMS refuses everything now
    alert = walker.frame.locator(".cbt-alert")
    alert.wait_for(state="visible")
    assert "could not be saved to the LMS" in alert.inner_text()
    stored = preview.stored()
    assert stored is not None and stored["cmi.core.lesson_location"] == saved_location
    preview.relaunch()
    assert preview.title() == title  # the player's own backup fills the gap
    finish_course(preview, walker)
    refused = preview.errors_in_log()
    assert refused and all((c["session"], c["error"]) == (1, "101") for c in refused)
