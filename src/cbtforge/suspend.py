"""The worst-case size of a course's ``cmi.suspend_data``, computed at build time.

SCORM 1.2 gives a SCO 4,096 characters of suspend data (RTE 1.2 3.4.4, CMIString4096), and
strict LMSs refuse anything longer, which would silently lose a learner's progress. The
player's encoder (``player/suspend.js``) uses only fixed-width fields plus length-prefixed
reflection texts, so its longest possible output depends on the course's structure alone.
This module mirrors that walk field by field; ``tests/test_suspend.py`` proves the two agree
by encoding a maximal state in node.

Format version 2 (see ``player/suspend.js``): ``"2" + structureHash + SAVES + NEXT + BODY + "."
+ TEXTS + "."`` where SAVES (4 base64url digits) counts the saves, so a relaunch can tell the
newer of the LMS's copy and the browser's backup; NEXT (3 digits) is the next free interaction
index, for LMSs whose ``cmi.interactions._count`` is not a number; BODY packs fixed-width fields
six bits per base64url character and TEXTS is every fill-in answer (in the order of the walk)
then every kept reflection field (not those of ``keep_answers: false`` screens), each as a
base64url length prefix plus the raw text.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .errors import Problem, ProblemsError

SUSPEND_LIMIT = 4096
SAVES_CHARS = 4  # the save counter: 24 bits, saturating at 16,777,215
NEXT_CHARS = 3  # the next interaction index: 18 bits, saturating at 262,143
HEADER_CHARS = 1 + 8 + SAVES_CHARS + NEXT_CHARS  # version, structure hash, counter, index
END_CHARS = 2  # "." after the body and after the texts
SCORE_BITS = 7
EARNED_DAY_BITS = 16  # the certificate's date: days since 2020-01-01, plus one
UNLIMITED_ATTEMPT_BITS = 12

Locate = Callable[[tuple[str | int, ...]], "tuple[str, int, int] | None"]


def width(max_value: int) -> int:
    """Bits needed for the values 0..max_value (``width`` in suspend.js)."""
    return max(0, int(max_value)).bit_length()


def prefix_chars(max_length: int) -> int:
    return math.ceil(width(max_length) / 6)


# A numeric answer: its length, then each character as 4 bits ("0123456789.-", code + 1).
NUMERIC_MAX_LENGTH = 15
NUMERIC_CHAR_BITS = 4


def _answer_bits(question: dict[str, Any]) -> int:
    """Bits of one question's answer in BODY (``answerWidth`` and player/questions/*.js)."""
    kind = question["type"]
    if kind == "multiple":
        return len(question["options"])
    if kind == "numeric":
        return width(NUMERIC_MAX_LENGTH) + NUMERIC_MAX_LENGTH * NUMERIC_CHAR_BITS
    if kind == "fill_in":
        return 0  # the text goes to TEXTS (_answer_text)
    if kind == "matching":
        return len(question["items"]) * width(len(question["matches"]))
    if kind == "sequencing":
        # A presence bit, then each position's item index.
        return 1 + len(question["items"]) * width(len(question["items"]) - 1)
    return width(len(question["options"]))


def _answer_text(question: dict[str, Any]) -> int:
    """Characters of one question's answer in TEXTS: a fill-in's length prefix and text."""
    if question["type"] == "fill_in":
        return prefix_chars(question["maxLength"]) + question["maxLength"]
    return 0


@dataclass
class Cost:
    """What one page of the course can add to the suspend data at most."""

    path: tuple[str | int, ...]  # where the page is in the course model
    label: str
    bits: int
    text_chars: int

    @property
    def approx_chars(self) -> float:
        return self.bits / 6 + self.text_chars


def costs(data: dict[str, Any]) -> list[Cost]:
    """Per page, in the encoder's order (``walk`` and ``walkTexts`` in suspend.js)."""
    result: list[Cost] = []

    def chapter(ch: dict[str, Any], base: tuple[str | int, ...]) -> None:
        last = len(ch["screens"]) - 1
        for si, screen in enumerate(ch["screens"]):
            bits, text = 1, 0  # visited
            if si == last and ch["completion"] is None:
                bits += 1  # the chapter's done bit follows its last screen
            kind = screen["type"]
            if kind == "reveal":
                bits += len(screen["items"])
            elif kind == "classifier":
                bits += width(len(screen["categories"]))
            elif kind == "poll":
                bits += width(len(screen["options"]))
            elif kind == "question":
                bits += _answer_bits(screen["question"])
                text += _answer_text(screen["question"])
            elif kind == "knowledge_check":
                bits += sum(_answer_bits(q) for q in screen["questions"])
                text += sum(_answer_text(q) for q in screen["questions"])
            elif kind == "rating":
                # Per statement: 0 = not rated, else the point's position + 1.
                bits += len(screen["statements"]) * width(len(screen["points"]))
            elif kind == "reflection" and screen.get("keepAnswers", True):
                text = sum(prefix_chars(f["maxLength"]) + f["maxLength"] for f in screen["fields"])
            path = (*base, *_screen_path(ch, si))
            result.append(Cost(path, f"screen {screen['id']!r}", bits, text))
        if ch["completion"] is not None:
            result.append(Cost(base, f"chapter {ch['id']!r} completion", 2, 0))

    for ci, ch in enumerate(data["chapters"]):
        chapter(ch, ("chapters", ci))
    quiz = data.get("quiz")
    if quiz:
        attempts = quiz["attempts"]
        bits = 1 + (UNLIMITED_ATTEMPT_BITS if attempts is None else width(attempts))
        bits += 1 + width(len(quiz["questions"]) - 1) + SCORE_BITS
        bits += sum(_answer_bits(q) for q in quiz["questions"])
        # The current attempt's draw from the question banks: one bit per pool question.
        bits += sum(pool["count"] for pool in quiz.get("pools", []))
        text = sum(_answer_text(q) for q in quiz["questions"])
        result.append(Cost(("final_quiz",), f"final quiz {quiz['id']!r}", bits, text))
    if data.get("certificate"):
        # Its page's visited bit and the day it was earned.
        result.append(Cost(("certificate",), "certificate", 1 + EARNED_DAY_BITS, 0))
    if data.get("evaluation"):
        chapter(data["evaluation"], ("evaluation",))
    return result


def _screen_path(ch: dict[str, Any], si: int) -> tuple[str | int, ...]:
    """Where flattened screen ``si`` of a chapter's payload is written in the model."""
    k = ch["screens"][si].get("section")
    if k is None:
        return ("screens", si)
    section = ch["sections"][k]
    offset = si - section["first"]
    if ch["screens"][section["first"]].get("intro"):
        if offset == 0:
            return ("sections", k)
        offset -= 1
    return ("sections", k, "screens", offset)


def page_count(data: dict[str, Any]) -> int:
    chapters = [*data["chapters"], *([data["evaluation"]] if data.get("evaluation") else [])]
    pages = sum(len(c["screens"]) + (c["completion"] is not None) for c in chapters)
    return pages + (1 if data.get("quiz") else 0) + (1 if data.get("certificate") else 0)


def worst_case(data: dict[str, Any]) -> int:
    """The most characters the player can ever write to ``cmi.suspend_data`` for this course."""
    parts = costs(data)
    bits = width(page_count(data) - 1) + sum(c.bits for c in parts)
    texts = sum(c.text_chars for c in parts)
    return HEADER_CHARS + math.ceil(bits / 6) + texts + END_CHARS


def check(
    data: dict[str, Any],
    *,
    locate: Locate | None = None,
    course_file: str = "course.yaml",
    limit: int = SUSPEND_LIMIT,
    standard: str = "SCORM 1.2",
    rule: str = "RTE 1.2 3.4.4",
) -> None:
    """Raise :class:`ProblemsError` when the course's saved progress could exceed ``limit``
    characters (the standard's cmi.suspend_data), naming the pages that cost most (with
    ``file:line`` when ``locate`` knows)."""
    size = worst_case(data)
    if size <= limit:
        return
    # Name the pages that matter: a fraction of a character is not worth an author's time.
    top = [c for c in sorted(costs(data), key=lambda c: -c.approx_chars) if c.approx_chars >= 2][:3]
    where: list[tuple[str, int, int]] = []
    named = []
    for cost in top:
        found = locate(cost.path) if locate else None
        where.append(found or (course_file, 0, 0))
        position = f"{found[0]}:{found[1]}: " if found and found[1] else ""
        named.append(f"{position}{cost.label} ({math.ceil(cost.approx_chars):,} characters)")
    path, line, col = where[0] if where else (course_file, 0, 0)
    if not named:
        named.append(f"{len(costs(data)):,} pages, each small")
    message = (
        f"a learner's saved progress could need {size:,} characters, more than the "
        f"{limit:,} {standard} allows in cmi.suspend_data ({rule}), so an LMS could "
        "lose it; lower 'max_length' of reflection fields and fill_in questions, set "
        "'keep_answers: false' on long written exercises, or split the course. "
        "Costliest: " + "; ".join(named)
    )
    raise ProblemsError([Problem(path, line, col, message)])
