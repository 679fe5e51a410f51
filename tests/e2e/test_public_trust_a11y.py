"""WCAG 2.1 AA on courses/public_trust: the screens and states the second course adds
(sections and their opening screens, the menu's sections, lettered scenario questions,
knowledge checks unanswered / refused / wrong / tried again / right, the assessment drawn
from its banks, failed and passed, the certificate with the LMS's name and with a name the
learner types), with axe-core at 1280x800 and 320x640 (tests/e2e/test_accessibility.py's
Audit: axe, one h1, lang, no horizontal scroll, focus on the h1 and the announcement after
each navigation); and the whole course to passed with the keyboard only."""

from __future__ import annotations

import re
from typing import Any

import pytest

from .a11y import MENU_FOLDS_BELOW, NARROW, WIDE, Keyboard, focused, wait_for_announcement
from .lms import Lms
from .public_trust import COURSE_DIR, Learner, option_name, public_trust_course
from .test_accessibility import Audit
from .test_keyboard import arrive

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("viewport", [WIDE, NARROW], ids=["1280x800", "320x640"])
def test_new_screens_and_states_pass_axe(
    lms: Lms, build_course: Any, viewport: dict[str, int]
) -> None:
    course = public_trust_course()
    # At 320 px the LMS gives no name: the learner types the one to print.
    name = "Evenson, Renee" if viewport == WIDE else ""
    session = lms.launch(
        build_course(COURSE_DIR), viewport=viewport, cmi={"cmi.core.student_name": name}
    )
    frame = session.course_frame
    learner = Learner(session, course)
    audit = Audit(frame, course["language"], viewport["width"])
    audit.arrived(learner.page.title)

    def menu_open(state: str) -> None:
        if viewport["width"] >= MENU_FOLDS_BELOW:
            audit.check(f"{state} [menu with sections]")
            return
        toggle = frame.get_by_role("button", name="Chapters", exact=True)
        toggle.click()
        assert toggle.get_attribute("aria-expanded") == "true"
        audit.check(f"{state} [chapter menu open, with sections]")
        toggle.click()

    quiz_key = course["quiz"]["id"]
    while learner.page.key != quiz_key:
        page = learner.page
        screen = page.screen
        assert screen is not None
        if screen.get("intro"):
            menu_open(page.title)
        if screen["type"] == "question":
            learner.answer_question(screen["question"]["correct"])
            audit.check(f"{page.title} [answered, lettered options]")
        elif screen["type"] == "knowledge_check":
            box = learner.question_box(0)
            box.get_by_role("button", name="Check Answer", exact=True).click()
            assert box.locator(".cbt-error").inner_text() == "Choose an answer first."
            wait_for_announcement(frame, "Choose an answer first.")
            audit.check(f"{page.title} [checked without an answer]")
            assert not learner.check(0, [1])
            wait_for_announcement(frame, "Incorrect.")
            audit.check(f"{page.title} [a wrong answer, Try Again]")
            learner.try_again(0)
            audit.check(f"{page.title} [after Try Again]")
            learner.do_page()
            audit.check(f"{page.title} [every answer right]")
        learner.next()
        audit.arrived(learner.page.title)

    learner.take_quiz(correct=False, each=lambda n: audit.check(f"assessment question {n}"))
    audit.check("assessment [failed]")
    learner.take_quiz(correct=True)
    audit.check("assessment [passed]")
    menu_open("assessment [passed, certificate in the menu]")
    learner.next()
    audit.arrived(learner.page.title, "certificate")
    cert = frame.locator(".cbt-certificate")
    if name:
        assert "Renee Evenson" in cert.inner_text()
    else:
        box = frame.get_by_role("textbox", name="Your name, as it should appear on the certificate")
        box.fill("Renée O'Brien-Castillo")
        assert "Renée O'Brien-Castillo" in cert.inner_text()
        audit.check("certificate [name typed]")
    assert len(audit.states) > 30, audit.states
    print(f"\n[{viewport['width']}px] public_trust: {len(audit.states)} states checked with axe")
    assert not audit.failures, (
        f"{len(audit.failures)} accessibility failures in {len(audit.states)} states:\n"
        + "\n".join(audit.failures)
    )


def test_keyboard_only_to_passed_and_the_certificate(lms: Lms, build_course: Any) -> None:
    """Tab, Shift+Tab, Enter, Space and arrows only; every control reached by its name."""
    course = public_trust_course()
    session = lms.launch(build_course(COURSE_DIR), viewport=WIDE)
    kb = Keyboard(session.page, session.course_frame)
    frame = session.course_frame
    learner = Learner(session, course)  # only reads the page list; input is the keyboard's

    def go_next() -> None:
        kb.tab_to("Next", role="button")
        kb.press("Enter")
        learner.pos += 1
        arrive(kb, learner.page.title)

    def answer(q: dict[str, Any], check: str) -> None:
        names = [option_name(q, i) for i in range(len(q["options"]))]
        if q["type"] == "multiple":
            for i in q["correct"]:
                kb.tab_to(names[i], role="checkbox")
                kb.press("Space")
        else:
            # A radio group (True/False appears in several checks: look at the focused one).
            kb.tab_to(names[0], role="radio")
            steps = q["correct"][0]
            if steps == 0:
                kb.press("Space")
            for _ in range(steps):
                kb.press("ArrowDown")
            assert focused(frame) == ("radio", names[steps])
            assert frame.evaluate("() => document.activeElement.checked")
        kb.tab_to(check, role="button")
        kb.press("Enter")

    quiz_key = course["quiz"]["id"]
    arrive(kb, learner.page.title)
    while learner.page.key != quiz_key:
        screen = learner.page.screen
        assert screen is not None
        if screen["type"] == "question":
            answer(screen["question"], "Submit Answer")
            assert "Correct." in frame.locator("[data-key=feedback]").inner_text()
        elif screen["type"] == "knowledge_check":
            for i, q in enumerate(screen["questions"]):
                answer(q, "Check Answer")
                assert focused(frame) is not None
                assert "Correct." in learner.question_box(i).locator(".cbt-feedback").inner_text()
        go_next()

    kb.tab_to("Start Quiz", role="button")
    kb.press("Enter")
    by_prompt = {
        " ".join(re.sub(r"<[^>]+>", "", q["promptHtml"]).split()): q
        for q in course["quiz"]["questions"]
    }
    for n in range(1, 9):
        arrive(kb, f"Question {n} of 8")
        prompt = " ".join(frame.locator("legend").first.inner_text().split())
        q = by_prompt[prompt.replace("&quot;", '"')]
        answer(q, "Submit Quiz" if n == 8 else "Next question")
    arrive(kb, f"{course['quiz']['title']}: Results")
    assert "Passed: your score is 100%." in frame.locator(".cbt-result").inner_text()
    go_next()
    assert learner.page.kind == "certificate"
    kb.tab_to("Print certificate", role="button")
    assert session.value("cmi.core.lesson_status") == "passed"
    assert kb.used <= {"Tab", "Shift+Tab", "Enter", "Space", "ArrowDown", "ArrowUp"}
    print(f"\npublic_trust by keyboard: {kb.presses} key presses")
