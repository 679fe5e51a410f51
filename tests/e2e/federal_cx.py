"""A learner's driver for courses/federal_cx in the test LMS (issue 14's course: a welcome video
with captions, NPS and rating-grid screens, knowledge checks and a final quiz with numeric,
fill-in, matching and sequencing questions, a glossary, and a written exercise whose answers
are not kept across sessions).

Like tests/e2e/arizona.py and public_trust.py, it goes through the real UI only (roles,
accessible names, the progress line), takes what the learner should see and answer from the
course files, and journals the interaction records the LMS must end up with.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from playwright.sync_api import expect

from . import arizona
from .arizona import Plan, flat, letter

REPO_ROOT = Path(__file__).resolve().parents[2]
COURSE_DIR = REPO_ROOT / "courses" / "federal_cx"
NEW_TYPES = ("likert", "numeric", "fill-in", "matching", "sequencing")


@lru_cache(maxsize=1)
def federal_cx_course() -> dict[str, Any]:
    from cbtforge.coursedata import course_data
    from cbtforge.loader import load_course

    return course_data(load_course(COURSE_DIR))


class _Visible(HTMLParser):
    """The text of HTML as an accessible name has it: what a ``hidden`` element holds (a
    glossary term's definition, closed) left out."""

    VOID = frozenset({"br", "hr", "img", "input", "wbr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        if self.hidden_depth or any(name == "hidden" for name, _ in attrs):
            self.hidden_depth += 1

    def handle_endtag(self, tag: str) -> None:
        if self.hidden_depth and tag not in self.VOID:
            self.hidden_depth -= 1

    def handle_data(self, data: str) -> None:
        if not self.hidden_depth:
            self.parts.append(data)


def text_of(html: str) -> str:
    """What a reader gets from ``html`` (tags dropped, hidden parts left out, spaces folded)."""
    parser = _Visible()
    parser.feed(html or "")
    parser.close()
    return flat("".join(parser.parts))


def spaced(text: str) -> re.Pattern[str]:
    """``text`` as an accessible name may space it: a glossary term in it is a button, which
    the name computation sets off with spaces ("Service Providers ( HISPs )")."""
    return re.compile("^" + r"\s*".join(re.escape(c) for c in text if not c.isspace()) + "$")


def screens_of(course: Mapping[str, Any], kind: str) -> list[Mapping[str, Any]]:
    return [s for c in course["chapters"] for s in c["screens"] if s["type"] == kind]


def written(n: int, seed: str) -> str:
    """``n`` characters of answer text (a field's limit, for the worst case), with a
    character outside Latin-1 so the encodings are exercised too."""
    sentence = f"{seed}: our agency\u2019s customers tell us what works and what does not. "
    return (sentence * (n // len(sentence) + 1))[:n]


def plan(course: Mapping[str, Any]) -> Plan:
    """Short answers in the kept reflections, every field full in the exercise whose answers
    are not kept (its 4,500 characters must never reach suspend_data)."""
    reflections = {}
    for s in screens_of(course, "reflection"):
        if s.get("keepAnswers") is False:
            reflections[s["id"]] = [
                written(f["maxLength"], f"Q{i + 1}") for i, f in enumerate(s["fields"])
            ]
        else:
            reflections[s["id"]] = [
                f"{f['label'][:20]} noted"[: f["maxLength"]] for f in s["fields"]
            ]
    return Plan(classifiers={}, polls={}, reflections=reflections)


def rating_plan(course: Mapping[str, Any]) -> dict[str, list[int]]:
    """Point indexes per statement: the NPS question 9 (a promoter), the grid every point from
    the top down (10 reports "a", base 36)."""
    out: dict[str, list[int]] = {}
    for s in screens_of(course, "rating"):
        top = len(s["points"]) - 1
        if len(s["statements"]) == 1:
            out[s["id"]] = [s["points"].index("9")]
        else:
            out[s["id"]] = [top - (i % len(s["points"])) for i in range(len(s["statements"]))]
    return out


@dataclass
class Attempt:
    asked: list[str] = field(default_factory=list)
    right: int = 0

    @property
    def score(self) -> int:
        return 100 * self.right // len(self.asked)


class Learner(arizona.Learner):
    """arizona.Learner's walk (chapters with closing screens, reveals, reflections, Next),
    plus this course's screens and question types."""

    def __init__(self, session: Any, course: Mapping[str, Any]) -> None:
        self.ratings = rating_plan(course)
        super().__init__(session, course, plan(course))

    def _expect_arrived(self) -> None:
        page = self.page
        if page.kind == "quiz":  # a relaunch may land on a question of the quiz under way
            title = re.escape(page.title)
            expect(self.heading()).to_have_text(re.compile(rf"^({title}|Question \d+ of \d+)$"))
            expect(self.frame.locator("#cbt-progress")).to_have_text(
                re.compile(rf"^{title}(: question \d+ of \d+)?$")
            )
        else:
            expect(self.heading()).to_have_text(page.title)
            expect(self.frame.locator("#cbt-progress")).to_have_text(page.progress)
        expect(self.heading()).to_be_focused()
        if page.kind == "screen":
            self.titles_seen.append(page.title)

    def go_to(self, key: str) -> None:
        """From a later page, back to page ``key`` with Back (each page on the way is done)."""
        back = self.pager.get_by_role("button", name="Back", exact=True)
        target = self.keys.index(key)
        assert target <= self.pos
        while self.pos > target:
            back.press("Enter")
            self.pos -= 1
            self._expect_arrived()

    def do_page(self) -> None:
        page = self.page
        screen = page.screen
        complete = self.main.get_by_role("button", name="Complete Chapter", exact=True)
        if page.kind == "completion" and not complete.count():
            # Completed before (the learner came back to it): nothing left to do.
            expect(self.main.locator(".cbt-feedback")).to_contain_text("Chapter complete.")
            return
        if page.kind == "screen" and screen is not None:
            kind = screen["type"]
            if kind == "rating":
                if self.main.get_by_role("button", name=re.compile("^Submit Rating")).count():
                    self.rate(self.ratings[page.key])
                else:  # rated before the learner came back to it
                    self.expect_rated(self.ratings[page.key])
                return
            if kind == "reflection" and screen.get("keepAnswers") is not False:
                texts = self.plan.reflections[page.key]
                first = self.main.get_by_role("textbox", name=screen["fields"][0]["label"])
                if first.input_value() == texts[0]:  # written before, and kept
                    return
            if kind == "knowledge_check":
                for i in range(len(screen["questions"])):
                    state = self.check_state(i)
                    if state == "wrong":
                        self.try_again(i)
                    if state != "right":
                        assert self.check(i, right=True)
                return
            if kind == "media":
                return
        super().do_page()

    def complete_chapter(self) -> None:
        """Complete Chapter (arizona.Learner's, without reading the chapter menu, which is
        folded away on a narrow screen)."""
        assert self.page.kind == "completion", self.page.key
        self.expect_locked(arizona.LOCK_COMPLETE)
        self.main.get_by_role("button", name="Complete Chapter", exact=True).click()
        expect(self.main.locator(".cbt-feedback")).to_contain_text("Chapter complete.")
        self.expect_unlocked()

    # -- ratings --

    def rate(self, picks: list[int]) -> None:
        screen = self._screen("rating")
        statements = screen["statements"]
        if screen["required"]:
            self.expect_locked(f"Rate every statement to continue ({len(statements)} left).")
        for st, k in zip(statements, picks, strict=True):
            group = self.main.get_by_role("group", name=st["text"], exact=True)
            group.get_by_role("radio", name=screen["points"][k], exact=True).check()
        many = len(statements) > 1
        self.main.get_by_role(
            "button", name="Submit Ratings" if many else "Submit Rating", exact=True
        ).click()
        feedback = self.main.locator(".cbt-feedback")
        expect(feedback).to_contain_text(
            "Thank you, your ratings were recorded."
            if many
            else "Thank you, your rating was recorded."
        )
        for st, k in zip(statements, picks, strict=True):
            self.journal.append(
                {
                    "id": st["interactionId"],
                    "type": "likert",
                    "student_response": screen["responses"][k],
                    "result": "neutral",
                    "weighting": "0",
                }
            )
        self.expect_unlocked()

    def expect_rated(self, picks: list[int]) -> None:
        """The rating screen shows ``picks`` as given (after a resume: restored)."""
        screen = self._screen("rating")
        for st, k in zip(screen["statements"], picks, strict=True):
            group = self.main.get_by_role("group", name=st["text"], exact=True)
            radio = group.get_by_role("radio", name=screen["points"][k], exact=True)
            expect(radio).to_be_checked()
            expect(radio).to_be_disabled()
            expect(group).to_contain_text(f"Your rating: {screen['points'][k]}.")

    # -- questions (knowledge checks and the final quiz) --

    def question_box(self, i: int) -> Any:
        return self.main.locator(".cbt-kc-question").nth(i)

    def check_state(self, i: int) -> str:
        box = self.question_box(i)
        if box.get_by_role("button", name="Check Answer", exact=True).count():
            return "open"
        return "right" if box.locator(".cbt-feedback.is-correct").count() else "wrong"

    def check(self, i: int, *, right: bool) -> bool:
        screen = self._screen("knowledge_check")
        q = screen["questions"][i]
        box = self.question_box(i)
        expect(box.get_by_role("heading", level=2)).to_have_text(
            f"Question {i + 1} of {len(screen['questions'])}"
        )
        record = self.answer(box, q, right=right)
        box.get_by_role("button", name="Check Answer", exact=True).click()
        feedback = box.locator(".cbt-feedback")
        expect(feedback).to_be_focused()
        expect(feedback).to_contain_text("Correct." if right else "Incorrect.")
        self.journal.append(record | {"weighting": str(q["weight"]) if screen["scored"] else "0"})
        return right

    def try_again(self, i: int) -> None:
        box = self.question_box(i)
        box.get_by_role("button", name="Try Again", exact=True).click()
        expect(box.get_by_role("heading", level=2)).to_be_focused()

    def answer(self, where: Any, q: Mapping[str, Any], *, right: bool) -> dict[str, str]:
        """Answer ``q`` inside ``where`` (a knowledge check's box, or the quiz), right or
        wrong; the interaction record it must leave."""
        kind = q["type"]
        if kind in ("single", "multiple", "true_false"):
            chosen = sorted(q["correct"]) if right else arizona.wrong_answer(q)
            # One question at a time in ``where``: its group is the question (a glossary
            # term in the prompt is a button, which the group's name spaces out).
            group = where.get_by_role("group")
            expect(group.locator("legend")).to_have_text(
                text_of(q["promptHtml"]), use_inner_text=True
            )
            role = "checkbox" if kind == "multiple" else "radio"
            for k in chosen:
                group.get_by_role(role, name=text_of(q["options"][k]["html"]), exact=True).check()
            return arizona.quiz_record(q, chosen)
        record = {"id": q["interactionId"], "correct_responses.0.pattern": q["pattern"]}
        if kind in ("numeric", "fill_in"):
            if kind == "numeric":
                text = q["pattern"] if right else str(float(q["pattern"]) + 1).removesuffix(".0")
            else:
                text = f"  {q['pattern'].upper()} " if right else "no idea"  # case, spaces
            box = where.get_by_role("textbox")
            expect(box).to_have_accessible_name(spaced(text_of(q["promptHtml"])))
            box.fill(text)
            box.press("Enter")  # the answer is taken on Enter or when focus leaves
            response = " ".join(text.split())
            record |= {"type": "numeric" if kind == "numeric" else "fill-in"}
        elif kind == "matching":
            picks = list(range(len(q["items"])))
            if not right:
                picks[0], picks[1] = picks[1], picks[0]
            for item, m in zip(q["items"], picks, strict=True):
                where.get_by_role("combobox", name=item, exact=True).select_option(
                    label=q["matches"][m]
                )
            response = ",".join(f"{i + 1}.{letter(m)}" for i, m in enumerate(picks))
            record |= {"type": "matching"}
        elif kind == "sequencing":
            order = self.put_in_order(where, q) if right else self.shown_order(where, q)
            assert (order == list(range(len(q["items"])))) == right
            response = ",".join(letter(k) for k in order)
            record |= {"type": "sequencing"}
        else:
            raise AssertionError(f"no driver for {kind} questions")
        return record | {
            "student_response": response,
            "result": "correct" if right else "wrong",
        }

    def answer_text(self, q: Mapping[str, Any]) -> str:
        """How the review of the quiz words the right answer this driver gave to ``q``."""
        kind = q["type"]
        if kind == "numeric":
            return f"{q['pattern']} {q['unit']}" if q.get("unit") else q["pattern"]
        if kind == "fill_in":
            return q["pattern"].upper()
        if kind == "matching":
            return "; ".join(f"{i}: {m}" for i, m in zip(q["items"], q["matches"], strict=False))
        return ", ".join(f"{n + 1}. {item}" for n, item in enumerate(q["items"]))

    def shown_order(self, where: Any, q: Mapping[str, Any]) -> list[int]:
        shown = [flat(t) for t in where.locator(".cbt-seq-item").all_inner_texts()]
        return [q["items"].index(t) for t in shown]

    def put_in_order(self, where: Any, q: Mapping[str, Any]) -> list[int]:
        """Move each item up to its place with its "Move up" button; focus stays on the
        moved item's buttons and the live region says where it went."""
        for target, item in enumerate(q["items"]):
            while (at := self.shown_order(where, q).index(target)) > target:
                # "Move up: Discovery" (the item's name is for screen readers only).
                name = re.compile(rf"^Move up ?: {re.escape(item)}$")
                where.get_by_role("button", name=name).click()
                expect(self.frame.locator("#cbt-live")).to_contain_text(
                    f"{item}: position {at} of {len(q['items'])}."
                )
        return self.shown_order(where, q)

    def expect_checked(self, screen: Mapping[str, Any]) -> None:
        """A knowledge check shows every answer as the learner left it (right), locked."""
        for i, q in enumerate(screen["questions"]):
            assert self.check_state(i) == "right", q["id"]
            box = self.question_box(i)
            expect(box.locator(".cbt-feedback")).to_contain_text("Correct.")
            kind = q["type"]
            if kind in ("numeric", "fill_in"):
                typed = q["pattern"] if kind == "numeric" else q["pattern"].upper()
                expect(box.get_by_role("textbox")).to_have_value(typed)
                expect(box.get_by_role("textbox")).to_be_disabled()
            elif kind == "matching":
                for item, match in zip(q["items"], q["matches"], strict=False):
                    select = box.get_by_role("combobox", name=item, exact=True)
                    expect(select).to_be_disabled()
                    expect(select.locator("option:checked")).to_have_text(match)
            elif kind == "sequencing":
                assert self.shown_order(box, q) == list(range(len(q["items"])))
                expect(box.get_by_role("button", name=re.compile("^Move "))).to_have_count(0)
            else:
                group = box.get_by_role("group")
                role = "checkbox" if kind == "multiple" else "radio"
                for k in q["correct"]:
                    name = text_of(q["options"][k]["html"])
                    expect(group.get_by_role(role, name=name, exact=True)).to_be_checked()

    def take_quiz(  # type: ignore[override]
        self,
        *,
        correct: bool = True,
        wrong: tuple[str, ...] = (),
        each: Callable[[int, Mapping[str, Any]], None] | None = None,
        upto: int | None = None,
        attempt: Attempt | None = None,
    ) -> Attempt:
        """Start or retake the quiz and answer every question (right unless ``correct`` is
        false or its id is in ``wrong``); ends on the results. ``each(n, question)`` runs once
        question ``n`` is answered (an accessibility audit, say). ``upto``: stop after
        answering question ``upto`` (the learner leaves mid-quiz). ``attempt``: go on with
        that attempt from the question shown (after a relaunch)."""
        assert self.page.kind == "quiz"
        questions = self.quiz["questions"]
        by_prompt = {text_of(q["promptHtml"]): q for q in questions}
        count = len(questions)
        if attempt is None:
            self.main.get_by_role("button", name=re.compile("^(Start|Retake) Quiz$")).click()
            attempt = Attempt()
        for n in range(len(attempt.asked) + 1, count + 1):
            expect(self.heading()).to_have_text(f"Question {n} of {count}")
            prompt = flat(self.main.locator(".cbt-prompt, .cbt-legend").first.inner_text())
            q = by_prompt[prompt]
            right = correct and q["id"] not in wrong
            self.journal.append(
                self.answer(self.main, q, right=right) | {"weighting": str(q["weight"])}
            )
            attempt.asked.append(q["id"])
            attempt.right += int(right)
            if each:
                each(n, q)
            forward = "Submit Quiz" if n == count else "Next question"
            self.main.get_by_role("button", name=forward, exact=True).press("Enter")
            if n == upto:
                expect(self.heading()).to_have_text(f"Question {n + 1} of {count}")
                return attempt
        expect(self.heading()).to_have_text(f"{self.quiz['title']}: Results")
        verdict = "Passed" if attempt.score >= self.quiz["masteryScore"] else "Not passed"
        expect(self.main.locator(".cbt-result")).to_contain_text(
            f"{verdict}: your score is {attempt.score}%."
        )
        return attempt


__all__ = ["COURSE_DIR", "NEW_TYPES", "Learner", "federal_cx_course", "letter"]
