"""A learner's driver for the Arizona course (courses/arizona_quality_cs) in the test LMS.

Everything here goes through the course's real UI the way a learner or a screen-reader user
finds it: buttons, radios, checkboxes and text boxes by role and accessible name, headings and
the progress line as text. Nothing calls into the player. What the learner should see and
answer comes from the course files (``cbtforge.loader.load_course`` +
``cbtforge.coursedata.course_data``), never from the player's code.

While it drives, the driver keeps :attr:`Learner.journal`: the interaction records SCORM 1.2
says the LMS must end up with for what the learner did (ids, types, responses as letters of
the options in the *course's* order, ``t``/``f``, results, weightings), in the order they
happened. Tests compare it with ``cmi.interactions.n.*``.

    course = arizona_course()
    learner = Learner(session, course, right_plan(course))
    learner.walk_to_quiz()                  # every chapter, every lock satisfied
    attempt = learner.take_quiz(correct=True)
    learner.walk_evaluation()
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from playwright.sync_api import expect

REPO_ROOT = Path(__file__).resolve().parents[2]
COURSE_DIR = REPO_ROOT / "courses" / "arizona_quality_cs"
TITLES_FILE = REPO_ROOT / "tests" / "data" / "arizona_seed_titles.txt"

LOCK_REVEAL = "Open all {n} items to continue ({k} opened so far)."
LOCK_ANSWER = "Submit your answer to continue."
LOCK_COMPLETE = "Select Complete Chapter to continue."
QUIZ_HINT = "Choose an answer to continue."


# --- the course, as the course files say ---------------------------------------------------


@lru_cache(maxsize=1)
def arizona_course() -> dict[str, Any]:
    """The player payload of the Arizona course, straight from its files."""
    from cbtforge.coursedata import course_data
    from cbtforge.loader import load_course

    return course_data(load_course(COURSE_DIR))


def seed_titles() -> list[str]:
    """The 82 screen titles of the seed export, in order (tests/data)."""
    return [line for line in TITLES_FILE.read_text(encoding="utf-8").splitlines() if line]


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def text_of(html: str) -> str:
    """The text a reader gets from ``html``: tags dropped, entities decoded, spaces folded."""
    parser = _Text()
    parser.feed(html or "")
    parser.close()
    return flat("".join(parser.parts))


def flat(text: str) -> str:
    return " ".join(text.split())


def letter(index: int) -> str:
    """SCORM 1.2 choice responses: option 0 is ``a`` (RTE 3.4.4 interactions)."""
    return "abcdefghijklmnopqrstuvwxyz"[index]


@dataclass(frozen=True)
class Page:
    """One page as the learner meets it: a chapter screen, a chapter's closing page, or the
    final quiz (whose intro, questions and results share one page)."""

    kind: str  # "screen" | "completion" | "quiz"
    key: str  # screen id, "<chapter id>/complete", or the quiz id
    title: str  # the h1
    progress: str  # the progress line above it
    chapter: str  # the chapter's title ("" for the quiz)
    screen: Mapping[str, Any] | None = None


def course_pages(course: Mapping[str, Any]) -> list[Page]:
    """Every page in the order Next walks them: each chapter's screens and its closing page,
    the final quiz, then the evaluation's screens and closing page."""
    pages: list[Page] = []

    def chapter(data: Mapping[str, Any]) -> None:
        count = len(data["screens"]) + 1  # the closing page counts as a screen
        for i, screen in enumerate(data["screens"]):
            pages.append(
                Page(
                    "screen",
                    screen["id"],
                    screen["title"],
                    f"{data['title']}: screen {i + 1} of {count}",
                    data["title"],
                    screen,
                )
            )
        pages.append(
            Page(
                "completion",
                f"{data['id']}/complete",
                data["completion"]["title"],
                f"{data['title']}: screen {count} of {count}",
                data["title"],
            )
        )

    for data in course["chapters"]:
        chapter(data)
    quiz = course["quiz"]
    pages.append(Page("quiz", quiz["id"], quiz["title"], quiz["title"], ""))
    if course.get("evaluation"):
        chapter(course["evaluation"])
    return pages


def screens_of(course: Mapping[str, Any], kind: str) -> list[Mapping[str, Any]]:
    """Every screen of type ``kind``, the evaluation's included, in course order."""
    return [p.screen for p in course_pages(course) if p.screen and p.screen["type"] == kind]


# --- what the learner answers --------------------------------------------------------------


@dataclass
class Plan:
    """The learner's answers: classifier and poll screen id -> the label picked, reflection
    screen id -> one text per field."""

    classifiers: dict[str, str]
    polls: dict[str, str]
    reflections: dict[str, list[str]]


def right_plan(course: Mapping[str, Any]) -> Plan:
    """Every classifier right, the first option of every poll, a short text in every field."""
    return Plan(
        classifiers={
            s["id"]: s["categories"][s["correct"]]["label"]
            for s in screens_of(course, "classifier")
        },
        polls={s["id"]: s["options"][0] for s in screens_of(course, "poll")},
        reflections={
            s["id"]: [f"{f['label']}: noted" for f in s["fields"]]
            for s in screens_of(course, "reflection")
        },
    )


@dataclass
class QuizAttempt:
    """What one attempt did: the button that started it, each question's chosen option
    indexes (course order), the options' display order, and the score it earned."""

    started_with: str
    chosen: dict[str, list[int]] = field(default_factory=dict)
    display_order: dict[str, list[int]] = field(default_factory=dict)
    right: int = 0
    total: int = 0

    @property
    def score(self) -> int:
        """score.raw as the course defines it: the percentage rounded down."""
        return math.floor(100 * self.right / self.total)


# --- the driver ---------------------------------------------------------------------------


class Learner:
    """Drives one course window (an :class:`~.lms.LmsSession`); :meth:`attach` moves on to
    the next launch, keeping the journal."""

    def __init__(
        self,
        session: Any,
        course: Mapping[str, Any],
        plan: Plan,
        *,
        journal: list[dict[str, str]] | None = None,
    ) -> None:
        self.course = course
        self.plan = plan
        self.pages = course_pages(course)
        self.keys = [p.key for p in self.pages]
        self.quiz = course["quiz"]
        self.journal: list[dict[str, str]] = journal if journal is not None else []
        self.titles_seen: list[str] = []
        self.attempts: list[QuizAttempt] = []
        self.pos = 0
        self.attach(session, at=self.pages[0].key)

    # -- where we are --

    def attach(self, session: Any, *, at: str) -> None:
        """Drive ``session`` from now on; it must be showing page ``at`` (a relaunch lands
        there), with focus on its heading."""
        self.session = session
        self.frame = session.course_frame
        self.main = self.frame.get_by_role("main")
        self.menu = self.frame.get_by_role("navigation", name="Chapters")
        self.pager = self.frame.get_by_role("navigation", name="Screens")
        self.next_button = self.pager.get_by_role("button", name="Next", exact=True)
        self.hint = self.frame.locator("#cbt-next-hint")
        self.pos = self.keys.index(at)
        self._expect_arrived()

    @property
    def page(self) -> Page:
        return self.pages[self.pos]

    def heading(self) -> Any:
        return self.main.get_by_role("heading", level=1)

    def _expect_arrived(self) -> None:
        page = self.page
        expect(self.heading()).to_have_text(page.title)
        expect(self.frame.locator("#cbt-progress")).to_have_text(page.progress)
        expect(self.heading()).to_be_focused()
        if page.kind == "screen" and page.chapter != self.course["evaluation"]["title"]:
            self.titles_seen.append(page.title)

    def chapter_state(self, title: str, state: str) -> Any:
        """The chapter menu's button for ``title`` as a screen reader names it
        ("Introduction, Complete"); expect it to be there."""
        name = re.compile("^" + re.escape(title) + ", " + re.escape(state) + "$")
        button = self.menu.get_by_role("button", name=name)
        expect(button).to_be_visible()
        return button

    def expect_locked(self, reason: str) -> None:
        """Next is there but refuses, and says why (linear navigation)."""
        expect(self.hint).to_have_text(reason)
        expect(self.next_button).to_have_attribute("aria-disabled", "true")

    def expect_unlocked(self) -> None:
        expect(self.hint).to_have_text("")
        expect(self.next_button).not_to_have_attribute("aria-disabled", "true")

    # -- moving --

    def next(self) -> None:
        """Select Next (it must be unlocked) and arrive on the following page.

        Next is pressed from the keyboard (focus, Enter), the way a keyboard user moves on;
        the controls on the screens are clicked. Both are real input events, and Enter is
        several times quicker than Playwright's click, which waits for the layout to settle:
        this walk presses Next about 120 times."""
        self.expect_unlocked()
        self.next_button.press("Enter")
        self.pos += 1
        self._expect_arrived()

    def walk(self, until: str) -> None:
        """Do what each page asks and go Next, from here until page ``until`` is shown (its
        own interaction is left for the caller)."""
        target = self.keys.index(until)
        if target < self.pos:
            raise ValueError(f"{until} is behind the learner ({self.page.key})")
        while self.pos < target:
            self.do_page()
            self.next()

    def walk_to_quiz(self) -> None:
        self.walk(self.quiz["id"])
        facts = [
            f"{len(self.quiz['questions'])} questions",
            f"Passing score: {self.quiz['masteryScore']}%",
            "Attempts: unlimited",
        ]
        expect(self.main.get_by_role("listitem")).to_have_text(facts)

    def walk_evaluation(self) -> None:
        """From the quiz results: every evaluation page, closing page completed."""
        if self.page.kind != "quiz":
            raise ValueError("walk_evaluation starts on the quiz results")
        self.next()
        self.walk(self.pages[-1].key)
        self.do_page()

    def do_page(self) -> None:
        """The interaction of the current page, as the plan says."""
        page = self.page
        if page.kind == "completion":
            self.complete_chapter()
            return
        if page.kind == "quiz" or page.screen is None:
            return
        kind = page.screen["type"]
        if kind == "reveal":
            self.open_all_reveals()
        elif kind == "classifier":
            self.answer_classifier(self.plan.classifiers[page.key])
        elif kind == "poll":
            self.answer_poll(self.plan.polls[page.key])
        elif kind == "reflection":
            self.fill_reflection(self.plan.reflections[page.key])

    # -- screens --

    def reveal_button(self, label: str) -> Any:
        name = re.compile("^" + re.escape(label) + r"( \(viewed\))?$")
        return self.main.get_by_role("button", name=name)

    def open_all_reveals(self) -> None:
        """Open every panel that is not open yet; each must show its text."""
        screen = self._screen("reveal")
        items = screen["items"]
        viewed = self.main.get_by_role("button", name=re.compile(r" \(viewed\)$")).count()
        if screen["requireAll"] and viewed < len(items):
            self.expect_locked(LOCK_REVEAL.format(n=len(items), k=viewed))
        for item in items:
            button = self.reveal_button(item["label"])
            if button.get_attribute("aria-expanded") == "true":
                continue
            button.click()
            expect(button).to_have_attribute("aria-expanded", "true")
            expect(button).to_have_accessible_name(f"{item['label']} (viewed)")
            panel = self.frame.locator("#" + button.get_attribute("aria-controls"))
            expect(panel).to_be_visible()
            expect(panel).to_contain_text(text_of(item["html"])[:60])
        expect(self.main.locator(".cbt-count")).to_have_text(
            f"{len(items)} of {len(items)} opened."
        )
        self.expect_unlocked()

    def answer_classifier(self, label: str) -> bool:
        """Pick ``label``, Submit Answer, check the feedback; True when it was right."""
        screen = self._screen("classifier")
        labels = [c["label"] for c in screen["categories"]]
        chosen = labels.index(label)
        right = chosen == screen["correct"]
        self.expect_locked(LOCK_ANSWER)
        group = self.main.get_by_role("group", name=screen["prompt"], exact=True)
        group.get_by_role("radio", name=label, exact=True).check()
        self.main.get_by_role("button", name="Submit Answer", exact=True).click()
        feedback = self.main.locator(".cbt-feedback")
        expect(feedback).to_be_focused()
        expect(feedback).to_contain_text("Correct." if right else "Not quite.")
        expect(feedback).to_contain_text(f"You chose: {label}.")
        expect(feedback).to_contain_text(text_of(screen["categories"][chosen]["feedbackHtml"]))
        if not right:
            expect(feedback).to_contain_text(f"The answer is: {labels[screen['correct']]}.")
        expect(group.get_by_role("radio", name=label, exact=True)).to_be_disabled()
        self.journal.append(
            {
                "id": screen["interactionId"],
                "type": "choice",
                "student_response": letter(chosen),
                "correct_responses.0.pattern": letter(screen["correct"]),
                "result": "correct" if right else "wrong",
                "weighting": "1" if screen["scored"] else "0",
            }
        )
        self.expect_unlocked()
        return right

    def answer_poll(self, option: str) -> None:
        screen = self._screen("poll")
        self.expect_locked(LOCK_ANSWER)
        group = self.main.get_by_role("group", name=screen["question"], exact=True)
        group.get_by_role("radio", name=option, exact=True).check()
        self.main.get_by_role("button", name="Submit Answer", exact=True).click()
        feedback = self.main.locator(".cbt-feedback")
        expect(feedback).to_contain_text("Thank you, your answer was recorded.")
        expect(feedback).to_contain_text(f"You chose: {option}.")
        self.journal.append(
            {
                "id": screen["interactionId"],
                "type": "likert",
                "student_response": letter(screen["options"].index(option)),
                "result": "neutral",
                "weighting": "0",
            }
        )
        self.expect_unlocked()

    def fill_reflection(self, texts: Iterable[str]) -> None:
        """Type one text per field. Each is journaled when focus leaves its box (the next
        box, or Next), as a learner moving on does."""
        screen = self._screen("reflection")
        texts = list(texts)
        assert len(texts) == len(screen["fields"]), screen["id"]
        for spec, text in zip(screen["fields"], texts, strict=True):
            box = self.main.get_by_role("textbox", name=spec["label"], exact=True)
            box.fill(text)
            count = f"{len(text.encode('utf-16-le')) // 2} of {spec['maxLength']} characters used"
            expect(box).to_have_accessible_description(count)
            if text.strip():
                self.journal.append(
                    {
                        "id": spec["interactionId"],
                        "type": "fill-in",
                        "student_response": flat(text)[:255],
                        "result": "neutral",
                        "weighting": "0",
                    }
                )

    def complete_chapter(self) -> None:
        page = self.page
        assert page.kind == "completion", page.key
        last = self.pos == len(self.pages) - 1
        if last:  # the end of the course: no Next at all
            expect(self.next_button).to_have_count(0)
        else:
            self.expect_locked(LOCK_COMPLETE)
        self.main.get_by_role("button", name="Complete Chapter", exact=True).click()
        expect(self.main.locator(".cbt-feedback")).to_contain_text("Chapter complete.")
        self.chapter_state(page.chapter, "Complete")
        if not last:
            self.expect_unlocked()

    def _screen(self, kind: str) -> Mapping[str, Any]:
        screen = self.page.screen
        if screen is None or screen["type"] != kind:
            raise AssertionError(f"{self.page.key} is not a {kind} screen")
        return screen

    # -- the final quiz --

    def take_quiz(self, *, correct: bool = True, wrong: Iterable[str] = ()) -> QuizAttempt:
        """Start (or retake) the quiz and answer every question: right when ``correct``,
        except the question ids in ``wrong``; all wrong when not ``correct``. Options are
        found by their text (they are shuffled). Ends on the results screen."""
        if self.page.kind != "quiz":
            raise AssertionError(f"the quiz is not shown ({self.page.key})")
        wrong = set(wrong)
        questions = self.quiz["questions"]
        unknown = wrong - {q["id"] for q in questions}
        if unknown:
            raise ValueError(f"no such questions: {sorted(unknown)}")
        by_prompt = {text_of(q["promptHtml"]): q for q in questions}
        start = self.main.get_by_role("button", name=re.compile("^(Start|Retake) Quiz$"))
        attempt = QuizAttempt(started_with=start.inner_text(), total=len(questions))
        start.click()
        count = len(questions)
        presented: list[Mapping[str, Any]] = []
        for n in range(1, count + 1):
            expect(self.heading()).to_have_text(f"Question {n} of {count}")
            expect(self.heading()).to_be_focused()
            expect(self.frame.locator("#cbt-progress")).to_have_text(
                f"{self.quiz['title']}: question {n} of {count}"
            )
            group = self.main.get_by_role("group")
            prompt = flat(self.main.locator(".cbt-prompt, legend").first.inner_text())
            q = by_prompt[prompt]
            presented.append(q)
            kind = "checkbox" if q["type"] == "multiple" else "radio"
            texts = [text_of(o["html"]) for o in q["options"]]
            shown = [flat(t) for t in group.locator("label").all_inner_texts()]
            attempt.display_order[q["id"]] = [texts.index(t) for t in shown]
            forward = self.main.get_by_role(
                "button", name="Submit Quiz" if n == count else "Next question", exact=True
            )
            expect(forward).to_have_attribute("aria-disabled", "true")
            expect(self.frame.locator("#cbt-quiz-hint")).to_have_text(QUIZ_HINT)
            right = correct and q["id"] not in wrong
            picks = sorted(q["correct"]) if right else wrong_answer(q)
            for i in picks:
                group.get_by_role(kind, name=texts[i], exact=True).check()
            expect(forward).not_to_have_attribute("aria-disabled", "true")
            attempt.chosen[q["id"]] = picks
            attempt.right += int(right)
            forward.press("Enter")  # moving on from the keyboard, as with Next
        expect(self.heading()).to_have_text(f"{self.quiz['title']}: Results")
        expect(self.heading()).to_be_focused()
        passed = attempt.score >= self.quiz["masteryScore"]
        verdict = "Passed" if passed else "Not passed"
        result = self.main.locator(".cbt-result")
        expect(result).to_contain_text(f"{verdict}: your score is {attempt.score}%.")
        expect(result).to_contain_text(
            f"Passing score: {self.quiz['masteryScore']}%. Attempt {len(self.attempts) + 1}."
        )
        message = self.quiz["passHtml"] if passed else self.quiz["failHtml"]
        expect(result).to_contain_text(text_of(message))
        for q in presented:
            self.journal.append(quiz_record(q, attempt.chosen[q["id"]]))
        self.attempts.append(attempt)
        return attempt


def wrong_answer(q: Mapping[str, Any]) -> list[int]:
    """A wrong answer: the other of true/false, else the first option that is not right."""
    return [next(i for i in range(len(q["options"])) if i not in q["correct"])]


def quiz_record(q: Mapping[str, Any], chosen: list[int]) -> dict[str, str]:
    """The interaction a final-quiz answer must leave (RTE 1.2 3.4.4)."""
    if q["type"] == "true_false":
        kind = "true-false"
        response = "t" if chosen == [0] else "f"
        pattern = "t" if q["correct"] == [0] else "f"
    else:
        kind = "choice"
        response = ",".join(letter(i) for i in sorted(chosen))
        pattern = ",".join(letter(i) for i in sorted(q["correct"]))
    return {
        "id": q["interactionId"],
        "type": kind,
        "student_response": response,
        "correct_responses.0.pattern": pattern,
        "result": "correct" if sorted(chosen) == sorted(q["correct"]) else "wrong",
        "weighting": str(q["weight"]),
    }


# --- what the LMS holds ---------------------------------------------------------------------


def interactions(flat_cmi: Mapping[str, str]) -> list[dict[str, str]]:
    """cmi.interactions.n.* as a list of dicts, in index order (n must have no gaps)."""
    rows: dict[int, dict[str, str]] = {}
    for key, value in flat_cmi.items():
        m = re.match(r"^cmi\.interactions\.(\d+)\.(.+)$", key)
        if m:
            rows.setdefault(int(m.group(1)), {})[m.group(2)] = value
    assert sorted(rows) == list(range(len(rows))), sorted(rows)
    return [rows[i] for i in sorted(rows)]


def without_times(rows: Iterable[Mapping[str, str]]) -> list[dict[str, str]]:
    """Rows without ``time`` and ``latency`` (clock values, checked for format apart)."""
    return [{k: v for k, v in row.items() if k not in ("time", "latency")} for row in rows]


def wait_for_value(session: Any, element: str, value: str) -> None:
    """Wait until the LMS holds ``value`` for ``element`` (fails after the page timeout)."""
    session.page.wait_for_function("([k, v]) => window.lmsFlatCmi()[k] === v", arg=[element, value])
