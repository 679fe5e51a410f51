"""courses/public_trust walked in Chromium against the scorm-again LMS, under the strict
SCORM 1.2 checker: every section and knowledge check through the UI, the assessment drawn
from its question banks, a resume in the middle of a knowledge check, a retake that draws
other questions, and the certificate with the name the LMS gave."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from . import strict
from .arizona import interactions, wait_for_value, without_times
from .lms import Lms
from .public_trust import COURSE_DIR, Learner, public_trust_course

pytestmark = pytest.mark.browser

UNITS = ["Unit 1: Customer Service Best Practices", "Unit 2: Customer Service Challenges"]
SECTIONS = ["Meet and Greet", "Understand and Assist", "Agree and Acknowledge"]


def pooled(course: dict[str, Any], asked: list[str]) -> dict[int, set[str]]:
    """The asked question ids of each pool."""
    pool_of = {q["id"]: q.get("pool") for q in course["quiz"]["questions"]}
    out: dict[int, set[str]] = {}
    for qid in asked:
        if pool_of[qid] is not None:
            out.setdefault(pool_of[qid], set()).add(qid)
    return out


def test_walk_pass_and_print_the_certificate_with_the_lms_name(lms: Lms, build_course: Any) -> None:
    course = public_trust_course()
    session = lms.launch(build_course(COURSE_DIR), cmi={"cmi.core.student_name": "Evenson, Renee"})
    learner = Learner(session, course)
    learner.menu_item("Welcome", "In progress")
    for unit in UNITS:
        learner.menu_item(unit, "Locked")
    learner.menu_item("Course Assessment", "Locked")
    assert learner.menu.get_by_role("button", name="Certificate of Completion, Earned").count() == 0

    learner.walk("meet-and-greet")  # a section's opening screen: its title alone
    learner.menu_item("Welcome", "Complete")  # no closing screen: complete once all are done
    learner.menu_item("Meet and Greet", "In progress")
    learner.menu_item("Understand and Assist", "Not started")

    learner.walk("basics-quiz")
    kc = learner.page.screen
    assert kc is not None
    learner.expect_locked("Answer every question correctly to continue (5 left).")
    assert not learner.check(0, [1])  # wrong first: feedback for that option, Try Again
    learner.expect_locked("Answer every question correctly to continue (5 left).")
    learner.try_again(0)
    learner.do_page()
    learner.expect_unlocked()
    for title in SECTIONS:
        learner.menu_item(title, "Complete")
    learner.menu_item(UNITS[0], "Complete")

    learner.walk(course["quiz"]["id"])
    learner.menu_item(UNITS[1], "Complete")
    attempt = learner.take_quiz(correct=True)
    assert attempt.score == 100 and len(attempt.asked) == 8
    assert {k: len(v) for k, v in pooled(course, attempt.asked).items()} == {0: 3, 1: 3}
    wait_for_value(session, "cmi.core.lesson_status", "passed")

    learner.menu_item("Course Assessment", "Passed")
    learner.menu_item("Certificate of Completion", "Earned")
    learner.next()
    cert = learner.main.locator(".cbt-certificate")
    today = datetime.now(UTC)
    for text in (
        "Certificate of Completion",
        "Renee Evenson",  # cmi.core.student_name "Evenson, Renee"
        "Customer Service to Build the Public Trust",
        "1.0 hour of continuing education",
        f"Date: {today:%B} {today.day}, {today.year}",
        "Texas A&M AgriLife Extension Service",
    ):
        assert text in cert.inner_text(), text
    assert learner.main.get_by_role("textbox").count() == 0  # the LMS gave the name
    assert learner.main.get_by_role("button", name="Print certificate").is_visible()
    # Printed, only the certificate shows, on a landscape page.
    session.page.emulate_media(media="print")
    printed = session.course_frame.evaluate(
        """() => {
          const vis = (sel) => getComputedStyle(document.querySelector(sel)).visibility;
          const pages = [...document.styleSheets].flatMap((sheet) => [...sheet.cssRules])
            .flatMap((rule) => rule.cssRules ? [...rule.cssRules] : [rule])
            .filter((rule) => rule instanceof CSSPageRule).map((rule) => rule.style.size);
          const button = document.querySelector("[data-key=print]");
          return { menu: vis(".cbt-menu"), header: vis(".cbt-header"),
                   cert: vis(".cbt-certificate"), name: vis(".cbt-cert-name"),
                   button: getComputedStyle(button).display, pages };
        }"""
    )
    assert printed == {
        "menu": "hidden",
        "header": "hidden",
        "cert": "visible",
        "name": "visible",
        "button": "none",
        "pages": ["landscape"],
    }
    session.page.emulate_media(media="screen")
    session.close()

    session.assert_clean()
    flat = session.persisted_cmi()
    assert flat is not None
    assert flat["cmi.core.lesson_status"] == "passed"
    assert flat["cmi.core.score.raw"] == "100"
    assert flat["cmi.core.exit"] == ""
    assert flat["cmi.core.lesson_location"] == "public_trust/certificate"
    assert len(flat["cmi.suspend_data"]) <= 4096
    rows = interactions(flat)
    for row in rows:
        assert strict.time_problem(row["time"]) is None, row
    assert without_times(rows) == learner.journal
    ids = [row["id"] for row in rows]
    assert ids[:2] == ["basics-quiz__first-impression", "basics-quiz__first-impression"]
    assert [rows[0]["result"], rows[1]["result"]] == ["wrong", "correct"]
    assert rows[0]["student_response"] == "b" and rows[0]["weighting"] == "0"
    assert ids[6:8] == ["deal-makers-quiz", "dissatisfied-quiz"]
    assert [rows[6]["student_response"], rows[7]["student_response"]] == ["a", "b"]
    assert ids[8:] == [f"assessment__{q}" for q in attempt.asked]


def test_resume_in_a_knowledge_check_then_retake_draws_other_questions(
    lms: Lms, build_course: Any
) -> None:
    course = public_trust_course()
    package = build_course(COURSE_DIR)
    first = lms.launch(package)
    learner = Learner(first, course)
    learner.walk("basics-quiz")
    assert learner.check(0, [0])
    assert not learner.check(1, [0])  # "True": wrong
    first.close()
    first.assert_clean()
    stored = first.persisted_cmi()
    assert stored is not None
    assert (stored["cmi.core.exit"], stored["cmi.core.lesson_location"]) == (
        "suspend",
        "basics-quiz",
    )

    second = lms.launch(package, cmi=first.relaunch_cmi())
    assert second.value("cmi.core.entry") == "resume"
    learner.attach(second, at="basics-quiz")
    assert [learner.check_state(i) for i in range(5)] == ["right", "wrong", "open", "open", "open"]
    learner.expect_locked("Answer every question correctly to continue (4 left).")
    learner.do_page()  # Try Again on the wrong one, then the rest
    learner.walk(course["quiz"]["id"])

    failed = learner.take_quiz(correct=False)
    assert failed.score == 0
    wait_for_value(second, "cmi.core.lesson_status", "failed")
    learner.menu_item("Course Assessment", "Not passed")
    assert learner.menu.get_by_role("button", name="Certificate of Completion, Earned").count() == 0
    assert learner.next_button.is_hidden()

    passed = learner.take_quiz(correct=True)
    assert passed.score == 100
    first_draw, second_draw = pooled(course, failed.asked), pooled(course, passed.asked)
    for pool in (0, 1):
        assert first_draw[pool].isdisjoint(second_draw[pool]), "a retake draws other questions"
    wait_for_value(second, "cmi.core.lesson_status", "passed")
    learner.menu_item("Certificate of Completion", "Earned").click()
    learner.pos = learner.keys.index(f"{course['id']}/certificate")
    learner.arrived()
    second.close()

    second.assert_clean()
    flat = second.persisted_cmi()
    assert flat is not None
    assert (flat["cmi.core.lesson_status"], flat["cmi.core.score.raw"]) == ("passed", "100")
    rows = interactions(flat)
    assert without_times(rows) == learner.journal
    assert [r["id"] for r in interactions(stored)] == [
        "basics-quiz__first-impression",
        "basics-quiz__finish-statement",
    ]
