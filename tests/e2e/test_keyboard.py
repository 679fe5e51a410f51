"""The Arizona course, quiz included, with the keyboard only, in the scorm-again harness.

Only ``page.keyboard.press`` with Tab, Shift+Tab, Enter, Space and the arrow keys (Escape too
for the chapter menu, which the issue asks to close with it): no clicks, no ``focus()``, no
element handle used for input. Targets are found by tabbing until the focused element's
accessible name (Playwright's, as get_by_role matches it) is the one wanted; a target not
reached within a bounded number of presses fails the test, which also proves that focus is
never trapped. The page is only *read* (titles, option order, checked state).
"""

from __future__ import annotations

import time
from typing import Any

import pytest

from .a11y import (
    ALLOWED_KEYS,
    ARIZONA,
    NARROW,
    WIDE,
    Keyboard,
    arizona_data,
    focused,
    option_labels,
    wait_for_announcement,
)
from .lms import Lms

pytestmark = pytest.mark.browser


def arrive(kb: Keyboard, title: str) -> None:
    """A navigation put focus on the new screen's h1."""
    assert focused(kb.frame) == ("heading", title)


def next_screen(kb: Keyboard, title: str) -> None:
    kb.tab_to("Next", role="button")
    kb.press("Enter")
    arrive(kb, title)


def choose_one(kb: Keyboard, labels: list[str], wanted: str) -> None:
    """A radio group: Tab lands on its first radio (none is checked yet); Space checks it,
    each ArrowDown moves to the next one and checks it."""
    kb.tab_to(labels[0], role="radio")
    steps = labels.index(wanted)
    if steps == 0:
        kb.press("Space")
    for _ in range(steps):
        kb.press("ArrowDown")
    assert focused(kb.frame) == ("radio", wanted)
    assert kb.frame.get_by_role("radio", name=wanted, exact=True).is_checked()


def submit(kb: Keyboard, headline: str) -> None:
    kb.tab_to("Submit Answer", role="button")
    kb.press("Enter")
    feedback = kb.frame.locator("[data-key=feedback]")
    assert headline in feedback.inner_text()
    assert feedback.evaluate("el => el === document.activeElement")


def do_screen(kb: Keyboard, screen: dict[str, Any]) -> None:
    kind = screen["type"]
    if kind == "reveal":
        for n, item in enumerate(screen["items"]):
            kb.tab_to(item["label"], role="button")
            kb.press("Enter" if n % 2 == 0 else "Space")
            name = f"{item['label']} (viewed)"
            assert focused(kb.frame) == ("button", name)
            expanded = kb.frame.get_by_role("button", name=name, exact=True)
            assert expanded.get_attribute("aria-expanded") == "true"
    elif kind == "classifier":
        labels = [c["label"] for c in screen["categories"]]
        choose_one(kb, labels, labels[screen["correct"]])
        submit(kb, "Correct.")
    elif kind == "poll":
        choose_one(kb, screen["options"], screen["options"][0])
        submit(kb, "Thank you, your answer was recorded.")
    else:
        # content; reflection (optional fields: Tab goes through them, they do not trap it)
        assert kind in ("content", "reflection"), kind


def do_chapter(kb: Keyboard, chapter: dict[str, Any]) -> None:
    """From the chapter's first screen (focus on its h1) to its completion, done."""
    for i, screen in enumerate(chapter["screens"]):
        if i > 0:
            next_screen(kb, screen["title"])
        do_screen(kb, screen)
    next_screen(kb, chapter["completion"]["title"])
    kb.tab_to("Complete Chapter", role="button")
    kb.press("Space")
    assert "Chapter complete." in kb.frame.locator("[data-key=feedback]").inner_text()


def take_quiz(kb: Keyboard, quiz: dict[str, Any]) -> None:
    kb.tab_to("Start Quiz", role="button")
    kb.press("Enter")
    count = len(quiz["questions"])
    for n, question in enumerate(quiz["questions"], start=1):
        arrive(kb, f"Question {n} of {count}")
        labels = option_labels(question)
        texts = kb.frame.locator(".cbt-option label").all_inner_texts()
        shown = [" ".join(t.split()) for t in texts]
        assert sorted(shown) == sorted(labels)  # the options, shuffled
        right = [labels[i] for i in question["correct"]]
        if question["type"] == "multiple":
            for label in right:
                kb.tab_to(label, role="checkbox")
                kb.press("Space")
                assert kb.frame.get_by_role("checkbox", name=label, exact=True).is_checked()
        else:
            choose_one(kb, shown, right[0])
        kb.tab_to("Submit Quiz" if n == count else "Next question", role="button")
        kb.press("Enter")
    arrive(kb, f"{quiz['title']}: Results")


def test_the_whole_course_by_keyboard(lms: Lms, build_course: Any) -> None:
    started = time.monotonic()
    data = arizona_data()
    session = lms.launch(build_course(ARIZONA), viewport=WIDE)
    kb = Keyboard(session.page, session.course_frame)
    chapters = data["chapters"]
    arrive(kb, chapters[0]["screens"][0]["title"])

    # The skip link is the first stop of the page and moves focus to the content.
    kb.tab_to("Skip to content", role="link", backwards=True)
    kb.press("Enter")
    assert kb.frame.evaluate("document.activeElement.id") == "cbt-main"

    for ci, chapter in enumerate(chapters):
        if ci > 0:
            next_screen(kb, chapter["screens"][0]["title"])
        do_chapter(kb, chapter)

    quiz = data["quiz"]
    next_screen(kb, quiz["title"])
    take_quiz(kb, quiz)
    assert "Passed: your score is 100%." in kb.frame.locator(".cbt-score").inner_text()
    assert session.value("cmi.core.lesson_status") == "passed"

    evaluation = data["evaluation"]
    next_screen(kb, evaluation["screens"][0]["title"])
    do_chapter(kb, evaluation)

    # The last screen has no Next: back up to Exit course (in the header) with Shift+Tab.
    kb.tab_to("Exit course", role="button", backwards=True)
    kb.press("Enter")
    arrive(kb, "You have left the course")

    assert session.value("cmi.core.lesson_status") == "passed"
    assert session.value("cmi.core.score.raw") == "100"
    session.assert_clean()
    assert kb.used <= ALLOWED_KEYS, kb.used
    print(f"\nkeyboard walk: {kb.presses} key presses in {time.monotonic() - started:.1f} s")


def test_the_mobile_chapter_menu_by_keyboard(lms: Lms, build_course: Any) -> None:
    """At 320 px the chapter menu is a disclosure: it opens with Enter, Tab goes through it
    and on out (no trap), Escape closes it and gives focus back to its button."""
    session = lms.launch(build_course(ARIZONA), viewport=NARROW)
    kb = Keyboard(session.page, session.course_frame)
    frame = kb.frame
    toggle = frame.get_by_role("button", name="Chapters", exact=True)

    kb.tab_to("Chapters", role="button", backwards=True)
    kb.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    kb.tab_to("Introduction, In progress", role="button")
    assert (
        frame.get_by_role("button", name="Introduction, In progress").get_attribute("aria-current")
        == "true"
    )
    kb.press("Escape")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert focused(frame) == ("button", "Chapters")

    # Open again, walk through every chapter and on to the content: nothing holds focus.
    kb.press("Space")
    assert toggle.get_attribute("aria-expanded") == "true"
    kb.tab_to("Course Evaluation, Locked", role="button")
    kb.tab_to("Next", role="button")
    # Enter on a locked chapter says why and keeps the menu open.
    kb.tab_to("Customer Identification, Locked", role="button", backwards=True)
    kb.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    wait_for_announcement(frame, "Customer Identification is locked. Complete the previous")
    kb.press("Escape")
    assert focused(frame) == ("button", "Chapters")
    assert toggle.get_attribute("aria-expanded") == "false"
