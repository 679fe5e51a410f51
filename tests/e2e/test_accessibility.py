"""WCAG 2.1 AA on every screen and in every interaction state of the Arizona course.

One walk through the whole course per viewport (1280x800, and 320x640 = WCAG 1.4.10's reflow
width), inside the scorm-again harness, with axe-core (the WCAG 2.0/2.1 A and AA rules, see
a11y.py) run inside the course's frame at every state: each screen as it arrives, each reveal
with all its panels open, each classifier after its submission (wrong answers and right ones),
the "choose an answer first" error, the polls answered, the reflections typed, every chapter
completion before and after Complete Chapter, the chapter menu open (narrow layouts), the quiz
intro, each quiz question, the results failed and passed, the evaluation, and the closing
screen. A third walk at 640x400 (1280x800 at 200% zoom) checks everything but axe, whose
verdicts there are those of the same one-column layout at 320 px.

At every state it also asserts: one h1, the page's lang is the course's language, no
horizontal scrolling; after every navigation: focus is on the new h1 and the live region
announced it; after every submission: focus is on the feedback and its headline was
announced. Every failure of the walk is collected and reported together (rule id, target,
help), so one run shows everything to fix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from .a11y import (
    ARIZONA,
    MENU_FOLDS_BELOW,
    NARROW,
    WIDE,
    ZOOM,
    arizona_data,
    axe_violations,
    describe_violations,
    option_labels,
    page_facts,
    plain,
    quiz_answer,
    wait_for_announcement,
)
from .lms import Lms, extract_package

pytestmark = pytest.mark.browser


@dataclass
class Audit:
    """Checks the course frame at each state and collects what fails."""

    frame: Any
    language: str
    width: int
    axe: bool = True
    failures: list[str] = field(default_factory=list)
    states: list[str] = field(default_factory=list)

    def check(self, state: str) -> None:
        self.states.append(state)
        problems = describe_violations(axe_violations(self.frame)) if self.axe else []
        facts = page_facts(self.frame)
        if len(facts["h1"]) != 1:
            problems.append(f"{len(facts['h1'])} h1 elements: {facts['h1']}")
        if facts["lang"] != self.language:
            problems.append(f"lang is {facts['lang']!r}, not the course's {self.language!r}")
        if facts["scrollWidth"] > facts["clientWidth"]:
            problems.append(
                f"scrolls horizontally: scrollWidth {facts['scrollWidth']} > "
                f"clientWidth {facts['clientWidth']}"
            )
        self.failures += [f"[{self.width}px] {state}: {p}" for p in problems]

    def arrived(self, title: str, state: str = "") -> None:
        """After a navigation: the new screen's h1 has focus and was announced; check it."""
        h1 = self.frame.locator("h1")
        assert h1.inner_text() == title, f"expected the screen {title!r}, got {h1.inner_text()!r}"
        facts = page_facts(self.frame)
        if facts["focus"] != "H1.cbt-title":
            self.failures.append(
                f"[{self.width}px] {title}: focus is on {facts['focus']} "
                f"({facts['focusText']!r}), not on the h1"
            )
        # The live region says where the learner is (the focused h1 reads the title).
        where = self.frame.locator("#cbt-progress").inner_text() or title
        wait_for_announcement(self.frame, where)
        self.check(f"{title}{' [' + state + ']' if state else ''}")

    def feedback(self, headline: str, state: str) -> None:
        """After a submission: focus is on the feedback and its headline was announced."""
        box = self.frame.locator("[data-key=feedback]")
        assert headline in box.inner_text()
        if not box.evaluate("el => el === document.activeElement"):
            self.failures.append(f"[{self.width}px] {state}: focus is not on the feedback")
        wait_for_announcement(self.frame, headline)
        self.check(state)


def button(frame: Any, name: str) -> Any:
    return frame.get_by_role("button", name=name, exact=True)


def next_to(audit: Audit, title: str, state: str = "") -> None:
    button(audit.frame, "Next").click()
    audit.arrived(title, state)


def walk_screen(audit: Audit, screen: dict[str, Any], *, right: bool) -> None:
    """Put ``screen`` (already checked as it arrived) through every state it has."""
    frame = audit.frame
    title = screen["title"]
    kind = screen["type"]
    if kind == "reveal":
        # Next is disabled (aria-disabled keeps it focusable) and says why.
        forward = button(frame, "Next")
        assert forward.get_attribute("aria-disabled") == "true"
        hint = frame.locator("#" + str(forward.get_attribute("aria-describedby"))).inner_text()
        assert hint.startswith(f"Open all {len(screen['items'])} items to continue"), hint
        for item in screen["items"]:
            frame.get_by_role("button", name=re.compile("^" + re.escape(item["label"]))).click()
        expanded = frame.locator(".cbt-reveal-button[aria-expanded=true]").count()
        assert expanded == len(screen["items"])
        assert frame.locator(".cbt-panel:visible").count() == len(screen["items"])
        assert forward.get_attribute("aria-disabled") is None
        audit.check(f"{title} [all {expanded} panels open]")
    elif kind == "classifier":
        labels = [c["label"] for c in screen["categories"]]
        correct = screen["correct"]
        pick = correct if right else next(i for i in range(len(labels)) if i != correct)
        frame.get_by_role("radio", name=labels[pick], exact=True).check()
        button(frame, "Submit Answer").click()
        audit.feedback(
            "Correct." if right else "Not quite.",
            f"{title} [submitted, {'right' if right else 'wrong'} answer]",
        )
    elif kind == "poll":
        frame.get_by_role("radio", name=screen["options"][0], exact=True).check()
        button(frame, "Submit Answer").click()
        audit.feedback("Thank you, your answer was recorded.", f"{title} [answered]")
    elif kind == "reflection":
        for f in screen["fields"]:
            box = frame.get_by_label(f["label"])
            box.fill("Greet every caller by name, café ☕")
            box.blur()  # the change event: "saved"
        wait_for_announcement(frame, "was saved")
        audit.check(f"{title} [typed and saved]")
    else:
        assert kind == "content", kind


def walk_chapter(audit: Audit, chapter: dict[str, Any]) -> None:
    """From the chapter's first screen (already arrived at) to its completion, done.
    Classifiers alternate: the first of each chapter is answered wrong, the next right."""
    classifiers = 0
    for i, screen in enumerate(chapter["screens"]):
        if i > 0:
            next_to(audit, screen["title"])
        if screen["type"] == "classifier":
            if classifiers == 0:
                button(audit.frame, "Submit Answer").click()  # nothing chosen yet
                error = audit.frame.locator(".cbt-error")
                assert error.inner_text() == "Choose an answer first."
                wait_for_announcement(audit.frame, "Choose an answer first.")
                audit.check(f"{screen['title']} [submitted without an answer]")
            walk_screen(audit, screen, right=classifiers % 2 == 1)
            classifiers += 1
        else:
            walk_screen(audit, screen, right=True)
    completion = chapter["completion"]["title"]
    next_to(audit, completion, "before Complete Chapter")
    button(audit.frame, "Complete Chapter").click()
    audit.feedback("Chapter complete.", f"{completion} [after Complete Chapter]")


def take_quiz(audit: Audit, quiz: dict[str, Any], *, right: bool, check: bool) -> None:
    frame = audit.frame
    frame.get_by_role("button", name=re.compile("^(Start|Retake) Quiz$")).click()
    count = len(quiz["questions"])
    for n, question in enumerate(quiz["questions"], start=1):
        title = f"Question {n} of {count}"
        if check:
            audit.arrived(title, "not answered" if n == 1 else "")
        else:
            assert frame.locator("h1").inner_text() == title
        legend = frame.locator(".cbt-screen").inner_text()
        assert plain(question["promptHtml"])[:40] in " ".join(legend.split())
        forward = button(frame, "Submit Quiz" if n == count else "Next question")
        if check and n == 1:
            assert forward.get_attribute("aria-disabled") == "true"
            assert forward.get_attribute("aria-describedby") == "cbt-quiz-hint"
        labels = option_labels(question)
        for i in quiz_answer(question, right=right):
            frame.get_by_label(labels[i], exact=True).check()
        if check:
            assert forward.get_attribute("aria-disabled") is None
            audit.check(f"{title} [answered]")
        forward.click()


def test_every_screen_and_state_passes_axe(
    lms: Lms, build_course: Any, viewport: dict[str, int]
) -> None:
    data = arizona_data()
    session = lms.launch(build_course(ARIZONA), viewport=viewport)
    frame = session.course_frame
    audit = Audit(frame, data["language"], viewport["width"], axe=viewport != ZOOM)
    first = data["chapters"][0]["screens"][0]["title"]
    audit.arrived(first)

    if viewport["width"] < MENU_FOLDS_BELOW:
        # The chapter menu folds behind a disclosure button: open it, check, Escape closes it
        # and gives focus back to the button.
        toggle = button(frame, "Chapters")
        assert toggle.get_attribute("aria-expanded") == "false"
        toggle.click()
        assert toggle.get_attribute("aria-expanded") == "true"
        nav = frame.get_by_role("navigation", name="Chapters")
        assert nav.get_by_role("button", name=re.compile("^Introduction")).is_visible()
        audit.check(f"{first} [chapter menu open]")
        nav.get_by_role("button", name=re.compile("^Introduction")).focus()
        session.page.keyboard.press("Escape")
        assert toggle.get_attribute("aria-expanded") == "false"
        assert toggle.evaluate("el => el === document.activeElement")
        assert not nav.get_by_role("button", name=re.compile("^Introduction")).is_visible()

    for ci, chapter in enumerate(data["chapters"]):
        if ci > 0:
            next_to(audit, chapter["screens"][0]["title"])
        walk_chapter(audit, chapter)

    quiz = data["quiz"]
    next_to(audit, quiz["title"], "intro")
    take_quiz(audit, quiz, right=False, check=True)
    audit.arrived(f"{quiz['title']}: Results", "failed")
    assert "Not passed" in frame.locator(".cbt-score").inner_text()
    wait_for_announcement(frame, "Not passed: your score is")
    take_quiz(audit, quiz, right=True, check=False)
    audit.arrived(f"{quiz['title']}: Results", "passed")
    wait_for_announcement(frame, "Passed: your score is 100%")

    evaluation = data["evaluation"]
    next_to(audit, evaluation["screens"][0]["title"])
    walk_chapter(audit, evaluation)

    button(frame, "Exit course").click()
    audit.arrived("You have left the course", "after Exit course")

    assert session.value("cmi.core.lesson_status") == "passed"
    assert len(audit.states) > 100, audit.states
    checked = "checked with axe-core" if audit.axe else "checked (focus, h1, lang, reflow)"
    print(f"\n[{viewport['width']}px] {len(audit.states)} states {checked}")
    assert not audit.failures, (
        f"{len(audit.failures)} accessibility failures in {len(audit.states)} states:\n"
        + "\n".join(audit.failures)
    )


@pytest.fixture(params=[WIDE, NARROW, ZOOM], ids=["1280x800", "320x640", "640x400-zoom200"])
def viewport(request: pytest.FixtureRequest) -> dict[str, int]:
    return request.param


def test_lms_warnings_and_the_standalone_notice(
    lms: Lms, build_course: Any, viewport: dict[str, int], page: Any, tmp_path: Path
) -> None:
    """The messages around the screens: the LMS could not save (and then could again), and
    the course running without an LMS. Each is text with an icon, announced, and clean."""
    data = arizona_data()
    package = build_course(ARIZONA)
    session = lms.launch(package, viewport=viewport, faults={"commit": {"times": 1}})
    audit = Audit(session.course_frame, data["language"], viewport["width"])
    alert = session.course_frame.locator(".cbt-alert")
    wait_for_announcement(audit.frame, "Your progress could not be saved to the LMS.")
    assert "please keep this window open" in alert.inner_text()
    audit.check("LMS warning: could not save")
    # The adapter retries on its own timer; the next commit succeeds.
    wait_for_announcement(audit.frame, "Your progress is saved to the LMS again.")
    assert alert.inner_text() == "Your progress is saved to the LMS again."
    audit.check("LMS notice: saved again")

    folder = extract_package(package, tmp_path / "standalone")
    prefix = lms.server.mount("a11y-standalone", folder)
    try:
        page.set_viewport_size(viewport)
        page.goto(lms.server.url(prefix + "index.html"))
        notice = page.locator(".cbt-mode")
        assert notice.inner_text().startswith("Not connected to an LMS")
        alone = Audit(page.main_frame, data["language"], viewport["width"])
        alone.arrived(data["chapters"][0]["screens"][0]["title"], "standalone notice")
    finally:
        lms.server.unmount("a11y-standalone")
    assert not audit.failures + alone.failures, "\n".join(audit.failures + alone.failures)


WIDE_THINGS = """\
title: Wide things
screens:
  - title: A table, a long address, code
    type: content
    body: |
      See https://example.com/a/very/long/path/that/does/not/break/anywhere/at/all/and/on/and/on
      and [the supercalifragilisticexpialidocious-antidisestablishmentarianism-handbook](https://example.com).

      | Office | Phone | Hours | Address | Services | Notes |
      |---|---|---|---|---|---|
      | Phoenix | 602-555-0100 | 8-5 | 1700 W Washington St | Licenses | Closed on holidays |

      ```
      a_very_long_code_line_without_spaces_that_would_scroll_the_page_if_it_did_not_wrap();
      ```
"""


def test_long_words_wide_tables_and_code_reflow_at_320(
    lms: Lms, build_course: Any, tmp_path: Path
) -> None:
    """WCAG 1.4.10 beyond the Arizona course: a long URL, a long word and code wrap; a wide
    table scrolls inside its own box (focusable, named by its headings), never the page."""
    course = tmp_path / "wide"
    (course / "chapters").mkdir(parents=True)
    (course / "course.yaml").write_text(
        "id: wide\ntitle: Wide\nlanguage: en\nchapters:\n  - chapters/01.yaml\n",
        encoding="utf-8",
    )
    (course / "chapters" / "01.yaml").write_text(WIDE_THINGS, encoding="utf-8")
    session = lms.launch(build_course(course), viewport=NARROW)
    audit = Audit(session.course_frame, "en", NARROW["width"])
    audit.arrived("A table, a long address, code")
    table = session.course_frame.get_by_role(
        "region", name="Table: Office, Phone, Hours, Address, Services, Notes"
    )
    assert table.get_attribute("tabindex") == "0"
    assert table.evaluate("el => el.scrollWidth > el.clientWidth")  # it scrolls, the page not
    assert not audit.failures, "\n".join(audit.failures)
