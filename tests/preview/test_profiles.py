"""The Arizona course, walked through the player's UI in the preview, completes under every
LMS profile, and a relaunch after each profile's failure mode resumes on the right screen.

    strict          the learner closes the course mid-chapter; no call is ever refused
    moodle          the quiz is failed first: the LMS records "failed" from the mastery score;
                    the relaunch lands on the quiz results, the retake passes
    cornerstone     LMSCommit is refused while the course unloads; LMSFinish saves
    successfactors  the LMS session expires mid-chapter and every call fails; the learner
                    goes on, and the relaunch resumes where they left off
    openedx         commits are acknowledged and stored late: the last ones die with the
                    window, and the relaunch still resumes on the last screen with the last
                    answers; "" for _count, yet three sessions keep every interaction
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import expect

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


def wait_stored(preview: PreviewPage) -> None:
    """Until every commit the LMS acknowledged has reached its store (openedx)."""
    preview.page.wait_for_function("() => cbtPreview.runtime.inflight === 0")


def stored_interactions(preview: PreviewPage) -> list[str]:
    stored = preview.stored() or {}
    ids = {
        int(k.split(".")[2]): v
        for k, v in stored.items()
        if re.fullmatch(r"cmi\.interactions\.\d+\.id", k)
    }
    assert sorted(ids) == list(range(len(ids))), ids
    return [ids[i] for i in sorted(ids)]


def test_openedx_last_commits_lost(preview_server: Any, preview_page: Any) -> None:
    preview, walker = open_arizona(preview_server, preview_page, "openedx")
    assert walker.walk(steps=3) == "Customers? Who, me?"
    wait_stored(preview)
    # A slow network from here on: every later commit is still on its way when the window
    # closes, and is lost.
    preview.page.evaluate("() => { cbtPreview.runtime.latencyMs = 600000; }")
    assert walker.walk(steps=6) == "Customer Contact"  # the poll answered on the way
    location = preview.value("cmi.core.lesson_location")
    assert location == "customer-contact-external"
    preview.relaunch()
    stored = preview.stored() or {}
    assert stored["cmi.core.lesson_location"] == "customers-who-me", "the last commits were lost"
    assert stored["cmi.core.exit"] == "suspend"  # written early, so it was not lost
    first = [c for c in preview.calls() if c["session"] == 1]
    assert [c["fn"] for c in first if c["fn"] == "LMSFinish"] == ["LMSFinish"]
    assert preview.title() == "Customer Contact"  # not "Definition"
    assert preview.value("cmi.core.lesson_location") == location
    # The learner's answer came back too.
    frame = walker.frame
    frame.get_by_role("navigation", name="Chapters").get_by_role(
        "button", name=re.compile("^Introduction")
    ).click()
    for _ in range(4):
        walker.next()
    assert preview.title() == "How Concerned?"
    expect(frame.locator("#cbt-p4-0")).to_be_checked()
    wait_stored(preview)
    reads = [c for c in preview.calls() if c["fn"] == "LMSGetValue" and c["session"] == 2]
    blank = {c["args"][0] for c in reads if c["result"] == ""}
    assert {"cmi.interactions._count", "cmi.core.lesson_status", "cmi.core.entry"} <= blank
    assert {c["result"] for c in preview.calls() if c["fn"] == "LMSGetLastError"} == {"0"}


def test_openedx_three_sessions_keep_every_interaction(
    preview_server: Any, preview_page: Any
) -> None:
    preview, walker = open_arizona(preview_server, preview_page, "openedx")
    for stop in ("Your Task", "Scenario B", "Scenario D"):
        assert walker.walk(until=stop) == stop
        wait_stored(preview)
        preview.relaunch()
        assert preview.title() == stop
    assert stored_interactions(preview) == [
        "how-concerned",
        "scenario-a",
        "scenario-b",
        "scenario-c",
    ]
    assert preview.errors == []
