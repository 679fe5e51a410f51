"""WCAG 2.1 AA on courses/federal_cx: every screen and state issue 14 adds (the welcome video
and its transcript, the Glossary dialog and a term's definition, the NPS rating and the rating
grid unrated / refused / rated, knowledge checks with numeric, fill-in, matching and
sequencing questions unanswered / wrong / tried again / right, the exercise whose answers are
not kept, each final-quiz question, failed and passed), with axe-core at 1280x800 and 320x640
(tests/e2e/test_accessibility.py's Audit: axe, one h1, lang, no horizontal scroll, focus on
the h1 and the announcement after each navigation); and the whole course to passed with the
keyboard only."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import pytest
from playwright.sync_api import expect

from .a11y import NARROW, WIDE, Keyboard, KeyboardTrap, assert_focus_ring, focused
from .federal_cx import (
    COURSE_DIR,
    Learner,
    federal_cx_course,
    spaced,
    text_of,
)
from .lms import Lms
from .test_accessibility import Audit
from .test_keyboard import arrive

pytestmark = pytest.mark.browser

NEW_QUESTIONS = {"numeric", "fill_in", "matching", "sequencing"}


def has_new_questions(screen: Mapping[str, Any]) -> bool:
    return any(q["type"] in NEW_QUESTIONS for q in screen.get("questions", []))


@pytest.mark.parametrize("viewport", [WIDE, NARROW], ids=["1280x800", "320x640"])
def test_new_screens_and_states_pass_axe(
    lms: Lms, build_course: Any, viewport: dict[str, int]
) -> None:
    course = federal_cx_course()
    session = lms.launch(build_course(COURSE_DIR), viewport=viewport)
    frame = session.course_frame
    learner = Learner(session, course)
    audit = Audit(frame, course["language"], viewport["width"])
    audit.arrived(learner.page.title, "video, transcript closed")

    learner.main.get_by_role("button", name="Show transcript", exact=True).click()
    expect(learner.main.locator(".cbt-transcript")).to_be_visible()
    audit.check("welcome [transcript open]")
    frame.get_by_role("button", name="Glossary", exact=True).click()
    dialog = frame.get_by_role("dialog", name="Glossary")
    expect(dialog).to_be_visible()
    audit.check("Glossary dialog open")
    dialog.get_by_role("button", name="Close", exact=True).click()
    expect(dialog).to_be_hidden()

    term_opened = False
    quiz_key = course["quiz"]["id"]
    while learner.page.key != quiz_key:
        page = learner.page
        screen = page.screen
        title = page.title
        if screen is not None and screen["type"] == "rating":
            submit = learner.main.get_by_role("button", name=re.compile("^Submit Rating"))
            submit.click()
            expect(learner.main.locator(".cbt-error")).to_be_visible()
            audit.check(f"{title} [submitted without a rating]")
            learner.do_page()
            audit.check(f"{title} [rated]")
        elif screen is not None and has_new_questions(screen):
            for i, q in enumerate(screen["questions"]):
                if q["type"] in NEW_QUESTIONS:
                    audit.check(f"{title} [{q['type']} unanswered]")
                    learner.check(i, right=False)
                    audit.check(f"{title} [{q['type']} wrong]")
                    learner.try_again(i)
                    audit.check(f"{title} [{q['type']} after Try Again]")
            learner.do_page()
            audit.check(f"{title} [every answer right]")
        elif screen is not None and screen.get("keepAnswers") is False:
            expect(learner.main).to_contain_text("not kept")
            audit.check(f"{title} [answers not kept: the notice and copy buttons]")
            learner.do_page()
            audit.check(f"{title} [nine answers written]")
        else:
            terms = learner.main.locator(".cbt-term")
            if not term_opened and page.kind == "screen" and terms.count():
                terms.first.click()
                expect(terms.first).to_have_attribute("aria-expanded", "true")
                audit.check(f"{title} [a glossary term's definition open]")
                terms.first.click()
                term_opened = True
            learner.do_page()
        learner.next()
        audit.arrived(learner.page.title)

    learner.take_quiz(
        correct=False,
        each=lambda n, q: audit.check(f"final quiz question {n} [{q['type']}, answered]"),
    )
    audit.check("final quiz [failed, every answer reviewed]")
    learner.take_quiz(correct=True)
    audit.check("final quiz [passed]")
    assert term_opened
    assert len(audit.states) > 40, audit.states
    print(f"\n[{viewport['width']}px] federal_cx: {len(audit.states)} states checked with axe")
    assert not audit.failures, (
        f"{len(audit.failures)} accessibility failures in {len(audit.states)} states:\n"
        + "\n".join(audit.failures)
    )


# --- keyboard only -------------------------------------------------------------------------


class Keys(Keyboard):
    """The tests' keyboard, plus Tab to a control whose name is a pattern (a prompt with a
    glossary term is spaced out in its name), and typing text into the focused box."""

    typed: int = 0

    def tab_to_pattern(self, role: str, name: re.Pattern[str]) -> None:
        seen: list[str] = []
        for _ in range(self.max_tabs):
            self.press("Tab")
            now = focused(self.frame)
            if now and now[0] == role and name.match(now[1]):
                assert_focus_ring(self.frame, f"{role} {now[1]!r}")
                return
            seen.append("(outside the course)" if now is None else f"{now[0]} {now[1]!r}")
        raise KeyboardTrap(f"Tab never reached {role} {name.pattern!r}: " + " -> ".join(seen))

    def type(self, text: str) -> None:
        self.page.keyboard.type(text)
        self.typed += len(text)


def choose(kb: Keys, labels: list[str], k: int) -> None:
    """A radio group from its first radio: Space checks it, each arrow the next one."""
    kb.tab_to(labels[0], role="radio")
    if k == 0:
        kb.press("Space")
    for _ in range(k):
        kb.press("ArrowRight")
    assert focused(kb.frame) == ("radio", labels[k])
    assert kb.frame.evaluate("document.activeElement.checked")


def answer(kb: Keys, learner: Learner, where: Any, q: Mapping[str, Any]) -> None:
    """Answer ``q`` right with the keyboard alone (``where`` holds the question)."""
    kind = q["type"]
    if kind in ("single", "true_false"):
        choose(kb, [text_of(o["html"]) for o in q["options"]], q["correct"][0])
    elif kind == "multiple":
        for k in q["correct"]:
            kb.tab_to(text_of(q["options"][k]["html"]), role="checkbox")
            kb.press("Space")
    elif kind in ("numeric", "fill_in"):
        kb.tab_to_pattern("textbox", spaced(text_of(q["promptHtml"])))
        kb.type(q["pattern"])
    elif kind == "matching":
        for i, item in enumerate(q["items"]):
            kb.tab_to(item, role="combobox")
            select = where.get_by_role("combobox", name=item, exact=True)
            shown = [" ".join(t.split()) for t in select.locator("option").all_inner_texts()]
            # A closed select changes its choice with the arrow keys (the first option is
            # the "Choose a match" prompt).
            for _ in range(shown.index(q["matches"][i])):
                kb.press("ArrowDown")
            expect(select.locator("option:checked")).to_have_text(q["matches"][i])
    elif kind == "sequencing":
        for target, item in enumerate(q["items"]):
            if learner.shown_order(where, q).index(target) == target:
                continue
            kb.tab_to_pattern("button", re.compile(rf"^Move up ?: {re.escape(item)}$"))
            while learner.shown_order(where, q).index(target) > target:
                kb.press("Enter")  # focus stays on the moved item's button
        assert learner.shown_order(where, q) == list(range(len(q["items"])))
    else:
        raise AssertionError(kind)


def test_keyboard_only_to_passed(lms: Lms, build_course: Any) -> None:
    """Tab, Shift+Tab, Enter, Space and arrows only (and typing in text boxes); every control
    reached by its name, the course completed and the quiz passed."""
    course = federal_cx_course()
    session = lms.launch(build_course(COURSE_DIR), viewport=WIDE)
    kb = Keys(session.page, session.course_frame)
    frame = session.course_frame
    learner = Learner(session, course)  # reads the pages and the DOM; input is the keyboard's

    def go_next() -> None:
        kb.tab_to("Next", role="button")
        kb.press("Enter")
        learner.pos += 1
        arrive(kb, learner.page.title)

    arrive(kb, learner.page.title)
    kb.tab_to("Show transcript", role="button")
    kb.press("Enter")
    expect(learner.main.locator(".cbt-transcript")).to_be_visible()
    quiz_key = course["quiz"]["id"]
    while learner.page.key != quiz_key:
        page = learner.page
        screen = page.screen
        if page.kind == "completion":
            kb.tab_to("Complete Chapter", role="button")
            kb.press("Space")
            expect(frame.locator("[data-key=feedback]")).to_contain_text("Chapter complete.")
        elif screen["type"] == "reveal":
            for item in screen["items"]:
                kb.tab_to(item["label"], role="button")
                kb.press("Enter")
        elif screen["type"] == "rating":
            for st, k in zip(screen["statements"], learner.ratings[page.key], strict=True):
                choose(kb, screen["points"], k)  # Tab goes from one statement to the next
                group = learner.main.get_by_role("group", name=st["text"], exact=True)
                expect(
                    group.get_by_role("radio", name=screen["points"][k], exact=True)
                ).to_be_checked()
            many = len(screen["statements"]) > 1
            kb.tab_to("Submit Ratings" if many else "Submit Rating", role="button")
            kb.press("Enter")
            expect(learner.main.locator(".cbt-feedback")).to_contain_text("Thank you")
        elif screen["type"] == "reflection":
            field = screen["fields"][0]  # fields are optional: one answer is enough
            kb.tab_to(field["label"], role="textbox")
            kb.type("Noted.")
        elif screen["type"] == "knowledge_check":
            for i, q in enumerate(screen["questions"]):
                box = learner.question_box(i)
                answer(kb, learner, box, q)
                kb.tab_to("Check Answer", role="button")
                kb.press("Enter")
                expect(box.locator(".cbt-feedback")).to_contain_text("Correct.")
        go_next()

    kb.tab_to("Start Quiz", role="button")
    kb.press("Enter")
    questions = course["quiz"]["questions"]
    by_prompt = {text_of(q["promptHtml"]): q for q in questions}
    for n in range(1, len(questions) + 1):
        arrive(kb, f"Question {n} of {len(questions)}")
        prompt = " ".join(
            learner.main.locator(".cbt-prompt, .cbt-legend").first.inner_text().split()
        )
        answer(kb, learner, learner.main, by_prompt[prompt])
        kb.tab_to("Submit Quiz" if n == len(questions) else "Next question", role="button")
        kb.press("Enter")
    arrive(kb, f"{course['quiz']['title']}: Results")
    expect(frame.locator(".cbt-result")).to_contain_text("Passed: your score is 100%.")
    assert session.value("cmi.core.lesson_status") == "passed"
    assert kb.used <= {"Tab", "Shift+Tab", "Enter", "Space", "ArrowDown", "ArrowRight"}
    print(f"\nfederal_cx by keyboard: {kb.presses} key presses, {kb.typed} characters typed")
