"""A learner's driver for courses/public_trust in the test LMS (the second course: sections,
knowledge checks, lettered options, question banks and the certificate).

Like tests/e2e/arizona.py, it goes through the real UI only (roles, accessible names, the
progress line), takes what the learner should see from the course files, and journals the
interaction records the LMS must end up with.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from playwright.sync_api import expect

from .arizona import flat, quiz_record, text_of, wrong_answer

REPO_ROOT = Path(__file__).resolve().parents[2]
COURSE_DIR = REPO_ROOT / "courses" / "public_trust"
LOCK_ANSWER = "Submit your answer to continue."


@lru_cache(maxsize=1)
def public_trust_course() -> dict[str, Any]:
    from cbtforge.coursedata import course_data
    from cbtforge.loader import load_course

    return course_data(load_course(COURSE_DIR))


@dataclass(frozen=True)
class Page:
    kind: str  # "screen" | "quiz" | "certificate"
    key: str
    title: str
    progress: str
    screen: Mapping[str, Any] | None = None


def course_pages(course: Mapping[str, Any]) -> list[Page]:
    """Every page in Next's order, with the progress line the course's structure calls for:
    a section's screens count on their own ("Unit 2 › The Deal Maker: screen 2 of 4"), and
    so do a chapter's screens outside its sections. No chapter has a closing screen."""
    pages: list[Page] = []
    for chapter in course["chapters"]:
        assert chapter["completion"] is None
        sections = chapter.get("sections", [])
        own = [s for s in chapter["screens"] if "section" not in s]
        for screen in chapter["screens"]:
            if "section" in screen:
                sec = sections[screen["section"]]
                pos = chapter["screens"].index(screen) - sec["first"] + 1
                where = f"{chapter['title']} › {sec['title']}: screen {pos} of {sec['count']}"
            else:
                where = f"{chapter['title']}: screen {own.index(screen) + 1} of {len(own)}"
            pages.append(Page("screen", screen["id"], screen["title"], where, screen))
    quiz = course["quiz"]
    pages.append(Page("quiz", quiz["id"], quiz["title"], quiz["title"]))
    cert = course["certificate"]
    pages.append(Page("certificate", f"{course['id']}/certificate", cert["title"], cert["title"]))
    return pages


def option_name(q: Mapping[str, Any], i: int) -> str:
    """An option's accessible name: lettered ("A. Stand firm, ...") except true/false."""
    text = text_of(q["options"][i]["html"])
    return text if q["type"] == "true_false" else f"{'ABCDEFGHIJ'[i]}. {text}"


def check_record(q: Mapping[str, Any], chosen: list[int], weighting: str = "0") -> dict[str, str]:
    return quiz_record(q, chosen) | {"weighting": weighting}


@dataclass
class Attempt:
    asked: list[str] = field(default_factory=list)  # question ids, in the order shown
    right: int = 0

    @property
    def score(self) -> int:
        return 100 * self.right // len(self.asked)


class Learner:
    def __init__(self, session: Any, course: Mapping[str, Any]) -> None:
        self.course = course
        self.pages = course_pages(course)
        self.keys = [p.key for p in self.pages]
        self.quiz = course["quiz"]
        self.journal: list[dict[str, str]] = []
        self.attempts: list[Attempt] = []
        self.attach(session, at=self.pages[0].key)

    def attach(self, session: Any, *, at: str) -> None:
        self.session = session
        self.frame = session.course_frame
        self.main = self.frame.get_by_role("main")
        self.menu = self.frame.get_by_role("navigation", name="Chapters")
        self.next_button = self.frame.get_by_role("navigation", name="Screens").get_by_role(
            "button", name="Next", exact=True
        )
        self.hint = self.frame.locator("#cbt-next-hint")
        self.pos = self.keys.index(at)
        self.arrived()

    @property
    def page(self) -> Page:
        return self.pages[self.pos]

    def heading(self) -> Any:
        return self.main.get_by_role("heading", level=1)

    def arrived(self) -> None:
        expect(self.heading()).to_have_text(self.page.title)
        expect(self.frame.locator("#cbt-progress")).to_have_text(self.page.progress)
        expect(self.heading()).to_be_focused()

    def menu_item(self, title: str, state: str) -> Any:
        name = re.compile("^" + re.escape(title) + ", " + re.escape(state) + "$")
        button = self.menu.get_by_role("button", name=name)
        expect(button).to_be_visible()
        return button

    def expect_locked(self, reason: str) -> None:
        expect(self.hint).to_have_text(reason)
        expect(self.next_button).to_have_attribute("aria-disabled", "true")

    def expect_unlocked(self) -> None:
        expect(self.hint).to_have_text("")
        expect(self.next_button).not_to_have_attribute("aria-disabled", "true")

    def next(self) -> None:
        self.expect_unlocked()
        self.next_button.press("Enter")
        self.pos += 1
        self.arrived()

    def walk(self, until: str) -> None:
        """Do each page's interaction (right answers) and go Next until ``until`` is shown."""
        target = self.keys.index(until)
        while self.pos < target:
            self.do_page()
            self.next()

    def do_page(self) -> None:
        screen = self.page.screen
        if screen is None:
            return
        if screen["type"] == "question":
            self.answer_question(screen["question"]["correct"])
        elif screen["type"] == "knowledge_check":
            for i, q in enumerate(screen["questions"]):
                if self.check_state(i) == "open":
                    self.check(i, q["correct"])
                elif self.check_state(i) == "wrong":
                    self.try_again(i)
                    self.check(i, q["correct"])

    # -- a scenario question (lettered options) --

    def answer_question(self, chosen: list[int]) -> None:
        screen = self.page.screen
        assert screen is not None and screen["type"] == "question"
        q = screen["question"]
        self.expect_locked(LOCK_ANSWER)
        group = self.main.get_by_role("group", name=text_of(q["promptHtml"]), exact=True)
        labels = [flat(t) for t in group.locator("label").all_inner_texts()]
        assert labels == [option_name(q, i) for i in range(len(q["options"]))]
        for i in chosen:
            group.get_by_role("radio", name=option_name(q, i), exact=True).check()
        self.main.get_by_role("button", name="Submit Answer", exact=True).click()
        feedback = self.main.locator(".cbt-feedback")
        expect(feedback).to_be_focused()
        right = sorted(chosen) == sorted(q["correct"])
        expect(feedback).to_contain_text("Correct." if right else "Incorrect.")
        expect(feedback).to_contain_text(f"Your answer: {option_name(q, chosen[0])}.")
        expect(feedback).to_contain_text(text_of(q["options"][chosen[0]]["feedbackHtml"])[:80])
        self.journal.append(check_record(q | {"interactionId": screen["interactionId"]}, chosen))
        self.expect_unlocked()

    # -- a knowledge check --

    def question_box(self, i: int) -> Any:
        return self.main.locator(".cbt-kc-question").nth(i)

    def check_state(self, i: int) -> str:
        """'open' (not checked), 'right' or 'wrong' for question ``i`` of the check."""
        box = self.question_box(i)
        if box.get_by_role("button", name="Check Answer", exact=True).count():
            return "open"
        return "right" if box.locator(".cbt-feedback.is-correct").count() else "wrong"

    def check(self, i: int, chosen: Iterable[int]) -> bool:
        screen = self.page.screen
        assert screen is not None and screen["type"] == "knowledge_check"
        q = screen["questions"][i]
        chosen = sorted(chosen)
        box = self.question_box(i)
        expect(box.get_by_role("heading", level=2)).to_have_text(
            f"Question {i + 1} of {len(screen['questions'])}"
        )
        group = box.get_by_role("group", name=text_of(q["promptHtml"]), exact=True)
        kind = "checkbox" if q["type"] == "multiple" else "radio"
        for k in chosen:
            group.get_by_role(kind, name=option_name(q, k), exact=True).check()
        box.get_by_role("button", name="Check Answer", exact=True).click()
        feedback = box.locator(".cbt-feedback")
        expect(feedback).to_be_focused()
        right = chosen == sorted(q["correct"])
        expect(feedback).to_contain_text("Correct." if right else "Incorrect.")
        for k in chosen:
            own = text_of(q["options"][k]["feedbackHtml"])
            if own:
                expect(feedback).to_contain_text(own[:60])
        weighting = str(q["weight"]) if screen["scored"] else "0"
        self.journal.append(check_record(q, chosen, weighting))
        if not right and screen["retry"]:
            expect(box.get_by_role("button", name="Try Again", exact=True)).to_be_visible()
        return right

    def try_again(self, i: int) -> None:
        box = self.question_box(i)
        box.get_by_role("button", name="Try Again", exact=True).click()
        expect(box.get_by_role("heading", level=2)).to_be_focused()
        expect(box.get_by_role("button", name="Check Answer", exact=True)).to_be_visible()

    # -- the assessment --

    def take_quiz(
        self,
        *,
        correct: bool = True,
        wrong: Iterable[str] = (),
        each: Callable[[int], None] | None = None,
    ) -> Attempt:
        """Start or retake the assessment and answer every question asked (right unless
        ``correct`` is false or its id is in ``wrong``); ends on the results. ``each(n)`` runs
        once question ``n`` is answered (an accessibility audit, say)."""
        assert self.page.kind == "quiz"
        wrong = set(wrong)
        questions = self.quiz["questions"]
        by_prompt = {text_of(q["promptHtml"]): q for q in questions}
        count = len([q for q in questions if "pool" not in q]) + sum(
            p["draw"] for p in self.quiz["pools"]
        )
        self.main.get_by_role("button", name=re.compile("^(Start|Retake) Quiz$")).click()
        attempt = Attempt()
        for n in range(1, count + 1):
            expect(self.heading()).to_have_text(f"Question {n} of {count}")
            expect(self.frame.locator("#cbt-progress")).to_have_text(
                f"{self.quiz['title']}: question {n} of {count}"
            )
            group = self.main.get_by_role("group")
            q = by_prompt[flat(self.main.locator(".cbt-prompt, legend").first.inner_text())]
            right = correct and q["id"] not in wrong
            picks = sorted(q["correct"]) if right else wrong_answer(q)
            kind = "checkbox" if q["type"] == "multiple" else "radio"
            for i in picks:
                group.get_by_role(kind, name=option_name(q, i), exact=True).check()
            attempt.asked.append(q["id"])
            attempt.right += int(right)
            self.journal.append(quiz_record(q, picks))
            if each:
                each(n)
            forward = "Submit Quiz" if n == count else "Next question"
            self.main.get_by_role("button", name=forward, exact=True).press("Enter")
        expect(self.heading()).to_have_text(f"{self.quiz['title']}: Results")
        verdict = "Passed" if attempt.score >= self.quiz["masteryScore"] else "Not passed"
        expect(self.main.locator(".cbt-result")).to_contain_text(
            f"{verdict}: your score is {attempt.score}%."
        )
        self.attempts.append(attempt)
        return attempt
