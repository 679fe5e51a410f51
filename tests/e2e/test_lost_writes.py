"""Learner data survives an LMS that acknowledges writes and then loses them (issue 11), in
the scorm-again test LMS, walking the Arizona course through its UI.

The Open edX SCORM XBlock answers LMSCommit "true" while its request is still on its way, and
the browser aborts it when the window closes; it answers "" for lesson_status, score.raw,
interactions._count, entry, mastery_score and lesson_mode; in pop-up mode it runs the package
twice (a hidden frame and the pop-up) on one API. The host reproduces each of these around
scorm-again (tests/lms/host.js: ``lmsDropCommits``, ``blankReads``, ``window: "both"``).
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from . import strict
from .arizona import (
    COURSE_DIR,
    Learner,
    arizona_course,
    interactions,
    right_plan,
    screens_of,
)
from .lms import Lms

pytestmark = pytest.mark.browser

XBLOCK_BLANK_READS = (
    "cmi.core.lesson_status",
    "cmi.core.score.raw",
    "cmi.interactions._count",
    "cmi.core.entry",
    "cmi.student_data.mastery_score",
    "cmi.core.lesson_mode",
)
READS = {"scorm-again": (), "xblock-reads": XBLOCK_BLANK_READS}


def poll_choice(frame: Any, option: str) -> Any:
    (poll,) = [s for s in screens_of(arizona_course(), "poll") if s["id"] == "how-concerned"]
    group = frame.get_by_role("group", name=poll["question"], exact=True)
    return group.get_by_role("radio", name=option, exact=True)


def back_to_how_concerned(frame: Any) -> None:
    """Through the chapter menu and Back/Next, as a learner would look."""
    menu = frame.get_by_role("navigation", name="Chapters")
    menu.get_by_role("button", name=re.compile("^Introduction")).click()
    pager = frame.get_by_role("navigation", name="Screens")
    for _ in range(4):
        pager.get_by_role("button", name="Next", exact=True).press("Enter")
    expect(frame.get_by_role("main").get_by_role("heading", level=1)).to_have_text("How Concerned?")


@pytest.mark.parametrize("reads", sorted(READS))
def test_last_commit_lost_relaunch_resumes_same_screen_and_answers(
    lms: Lms, build_course: Any, reads: str
) -> None:
    course = arizona_course()
    plan = right_plan(course)
    package = build_course(COURSE_DIR)
    first = lms.launch(package, blank_reads=READS[reads])
    learner = Learner(first, course, plan)
    learner.walk("customers-who-me")
    # From here on the LMS says "true" to every commit and loses it (the last ~300 ms before
    # the window closes, as the XBlock's aborted request does).
    first.drop_commits()
    learner.walk("customer-contact-external")  # answers the poll, completes Introduction
    first.close()
    lost = first.lost()
    assert lost and lost[-1]["fn"] == "LMSFinish", "the finish was acknowledged and lost"
    stored = first.persisted_cmi() or {}
    assert stored["cmi.core.lesson_location"] == "customers-who-me"
    assert stored["cmi.core.exit"] == "suspend", "committed early, so the LMS resumes"
    assert not any(k.startswith("cmi.interactions.") for k in stored)

    second = lms.launch(
        package, cmi=first.relaunch_cmi(), context=first.context, blank_reads=READS[reads]
    )
    learner.attach(second, at="customer-contact-external")  # not "Definition": same screen
    learner.chapter_state("Introduction", "Complete")
    back_to_how_concerned(second.course_frame)
    chosen = poll_choice(second.course_frame, plan.polls["how-concerned"])
    expect(chosen).to_be_checked()
    second.close()
    second.assert_clean()
    flat = second.persisted_cmi() or {}
    # The newer state reached the LMS, with a higher save count.
    assert flat["cmi.suspend_data"] != stored["cmi.suspend_data"]
    assert flat["cmi.core.lesson_location"] == "how-concerned"


def test_three_sessions_keep_every_interaction_when_count_is_blank(
    lms: Lms, build_course: Any
) -> None:
    """The XBlock answers "" for cmi.interactions._count: each session goes on at the index
    kept in suspend_data instead of overwriting the previous sessions' records."""
    course = arizona_course()
    package = build_course(COURSE_DIR)
    session = lms.launch(package, blank_reads=XBLOCK_BLANK_READS)
    learner = Learner(session, course, right_plan(course))
    stops = ["your-task", "scenario-b", "scenario-d"]
    for number, stop in enumerate(stops):
        if number:
            session = lms.launch(
                package, cmi=session.relaunch_cmi(), blank_reads=XBLOCK_BLANK_READS
            )
            learner.attach(session, at=learner.page.key)
        learner.walk(stop)
        session.close()
        session.assert_clean()
        assert session.calls("LMSGetValue", "cmi.interactions._count")[0]["result"] == ""
    rows = interactions(session.persisted_cmi() or {})
    assert [r["id"] for r in rows] == [j["id"] for j in learner.journal]
    assert [r["id"] for r in rows] == ["how-concerned", "scenario-a", "scenario-b", "scenario-c"]


@pytest.mark.parametrize("frame_acts", [True, False], ids=["frame-acts", "frame-idle"])
def test_popup_and_hidden_frame_only_one_writes(
    lms: Lms, build_course: Any, frame_acts: bool
) -> None:
    """The XBlock's pop-up mode: the package runs in a hidden frame and in the pop-up, on one
    API and one learner record. The pop-up (opened last, in front of the learner) writes;
    the frame stops writing and says so. An idle frame that unloads after the pop-up has
    closed does not write its older state either."""
    course = arizona_course()
    session = lms.launch(build_course(COURSE_DIR), window="both")
    hidden = session.hidden_frame
    assert hidden is not None and hidden != session.course_frame
    learner = Learner(session, course, right_plan(course))
    learner.walk("how-concerned")

    if frame_acts:
        # The frame's learner acts: nothing reaches the LMS, and the frame tells why.
        before = len(session.log())
        hidden.get_by_role("navigation", name="Screens").get_by_role(
            "button", name="Next", exact=True
        ).press("Enter")
        alert = hidden.locator(".cbt-alert")
        expect(alert).to_contain_text("opened in another window")
        writes = [c for c in session.log()[before:] if c["fn"] in ("LMSSetValue", "LMSCommit")]
        assert writes == []

    learner.walk("your-task")
    # The learner closes the pop-up; it finishes the session. Then the unit page (and its
    # frame, which never got the lock back) goes away.
    session.course_frame.page.close()
    session.wait_for_call("LMSFinish")
    session.close()
    finishes = session.calls("LMSFinish")
    assert len(finishes) == 1
    after = [
        c
        for c in session.log()
        if c["seq"] > finishes[0]["seq"] and c["fn"] not in strict.ERROR_FUNCTIONS
    ]
    assert after == [], "nothing after the one LMSFinish"
    flat = session.persisted_cmi() or {}
    assert flat["cmi.core.lesson_location"] == "your-task"
    assert [r["id"] for r in interactions(flat)] == ["how-concerned"]
    # The only refusal: the pop-up's LMSInitialize on the API the frame already initialised
    # (scorm-again says 101; the player joins that session instead of running standalone).
    (init,) = [c for c in session.calls("LMSInitialize") if c["result"] == "false"]
    errors = session.errors()
    assert [(e.get("fn"), e.get("error")) for e in errors if e["kind"] == "call"] == [
        ("LMSInitialize", "101")
    ]
    assert {e["seq"] for e in errors} == {init["seq"]}  # scorm-again's messages about it
    assert session.js_errors() == []
