"""courses/ct_module2 walked whole in Chromium against scorm-again, as the Arizona course is:
every screen through the UI under linear navigation (reveals opened, classifiers and polls
answered, reflections typed, chapters completed), the final quiz passed, the evaluation
done; the strict SCORM 1.2 checker passes the session, and axe-core (WCAG 2.0/2.1 A and AA)
finds nothing on any page, nor with the Resources list open."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from cbtforge.coursedata import course_data
from cbtforge.loader import load_course

from .a11y import axe_violations, describe_violations
from .arizona import Learner, interactions, right_plan, wait_for_value, without_times
from .lms import Lms

pytestmark = pytest.mark.browser

COURSE_DIR = Path(__file__).resolve().parents[2] / "courses" / "ct_module2"


def test_walk_the_whole_module_strict_and_axe_clean(lms: Lms, build_course: Any) -> None:
    course = course_data(load_course(COURSE_DIR))
    session = lms.launch(build_course(COURSE_DIR))
    learner = Learner(session, course, right_plan(course))
    failures: list[str] = []

    def audit(state: str) -> None:
        failures.extend(
            f"{state}: {line}" for line in describe_violations(axe_violations(learner.frame))
        )

    resources = learner.frame.get_by_role("button", name="Resources")
    resources.click()
    audit("Resources open")
    resources.click()

    quiz_key = course["quiz"]["id"]
    # Each page once its interaction is done: every panel open, feedback shown, text typed.
    while learner.page.key != quiz_key:
        learner.do_page()
        audit(learner.page.key)
        learner.next()
    attempt = learner.take_quiz(correct=True)
    assert (attempt.right, attempt.score) == (8, 100)
    audit("quiz results")
    wait_for_value(session, "cmi.core.lesson_status", "passed")
    learner.next()
    while True:
        learner.do_page()
        audit(learner.page.key)
        if learner.pos == len(learner.pages) - 1:
            break
        learner.next()
    session.close()

    assert failures == []
    session.assert_clean()  # the strict SCORM 1.2 checker: every call, the final data
    flat = session.persisted_cmi()
    assert flat is not None
    assert (flat["cmi.core.lesson_status"], flat["cmi.core.score.raw"]) == ("passed", "100")
    rows = interactions(flat)
    assert without_times(rows) == learner.journal
    assert [r["id"] for r in rows][:3] == [
        "group-exercise__1",
        "group-exercise__2",
        "group-exercise__3",
    ]
    assert len(learner.titles_seen) == sum(len(c["screens"]) for c in course["chapters"])
