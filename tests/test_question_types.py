"""The question types beyond choices in the model and the player payload: their SCORM
patterns, right answers in words, the shape the structure hash sees, the modules bundled."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from cbtforge import build, coursedata, suspend
from cbtforge.course import FillIn, Matching, Numeric, Sequencing
from cbtforge.loader import load

COURSE = Path(__file__).resolve().parent / "courses" / "questions"


def numeric(**fields: Any) -> Numeric:
    return Numeric(type="numeric", prompt="How many?", **fields)


def test_numeric_patterns_and_words() -> None:
    assert (numeric(correct=45).pattern(), numeric(correct=45).answer_text()) == ("45", "45")
    assert numeric(correct=30, tolerance=1).bounds() == (29, 31)
    assert numeric(correct=30, tolerance=1).answer_text() == "30 (± 1)"
    assert numeric(range=[18, 22]).pattern() == "20"
    assert numeric(range=[0.1, 0.2]).pattern() == "0.15"
    assert numeric(range=[18, 22]).answer_text() == "from 18 to 22"
    assert numeric(correct=-2.5).pattern() == "-2.5"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({}, "needs either 'correct: <number>'"),
        ({"correct": 1, "range": [0, 2]}, "not both or neither"),
        ({"correct": 1, "tolerance": -0.5}, "tolerance must be 0 or more"),
        ({"range": [5, 1]}, "write it as [1, 5]"),
        ({"range": [1, 5], "tolerance": 1}, "'tolerance' goes with 'correct'"),
        ({"correct": 1e12}, "use a smaller unit"),
    ],
)
def test_numeric_refuses_with_the_fix(fields: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError, match=message.replace("[", r"\[").replace("(", r"\(")):
        numeric(**fields)


def test_fill_in_answers() -> None:
    q = FillIn(type="fill_in", prompt="P", correct="Providers")
    assert q.correct == ["Providers"] and q.max_length == 60
    assert q.normalize("  High   Impact ") == "high impact"
    strict = FillIn(type="fill_in", prompt="P", correct=["CX"], case_sensitive=True)
    assert strict.normalize("CX") == "CX"
    with pytest.raises(ValidationError, match="listed twice"):
        FillIn(type="fill_in", prompt="P", correct=["Provider", "provider "])
    with pytest.raises(ValidationError, match="less than or equal to 255"):
        FillIn(type="fill_in", prompt="P", correct="x", max_length=256)


def test_matching_and_sequencing_limits_and_patterns() -> None:
    pairs = [{"item": str(i), "match": f"m{i}"} for i in range(3)]
    q = Matching(type="matching", prompt="P", pairs=pairs, distractors=["x"])
    assert q.pattern() == "1.a,2.b,3.c" and q.matches() == ["m0", "m1", "m2", "x"]
    with pytest.raises(ValidationError, match="match 'm0' appears twice"):
        Matching(type="matching", prompt="P", pairs=pairs, distractors=["m0"])
    many = [f"d{i}" for i in range(24)]
    with pytest.raises(ValidationError, match="at most 26"):
        Matching(type="matching", prompt="P", pairs=pairs, distractors=many)
    assert Sequencing(type="sequencing", prompt="P", order=["a", "b", "c"]).pattern() == "a,b,c"
    with pytest.raises(ValidationError, match="at most 26"):
        Sequencing(type="sequencing", prompt="P", order=[f"s{i}" for i in range(27)])


def test_payload_hash_and_modules() -> None:
    course = load(COURSE).course
    data = coursedata.course_data(course)
    kc = data["chapters"][0]["screens"][1]["questions"]
    assert [q["type"] for q in kc] == ["fill_in", "matching", "sequencing", "numeric"]
    assert kc[0]["answers"] == ["providers", "provider"] and kc[0]["pattern"] == "Providers"
    assert kc[1]["matches"][-1] == "Repeals an earlier order" and kc[1]["options"] == []
    assert kc[3]["bounds"] == ["18", "22"] and kc[3]["unit"] == "%"
    assert {"numeric", "fill_in", "matching", "sequencing", "input"} <= build.screen_modules(course)
    # A longer fill-in box changes what suspend_data may hold: a new structure hash.
    before = coursedata.structure_hash(course)
    kc_screen = course.chapters[0].screens[1]
    kc_screen.questions[0].max_length = 61
    assert coursedata.structure_hash(course) != before
    # Each fill-in costs its box and a length digit in the worst case.
    assert suspend.worst_case(coursedata.course_data(course)) == suspend.worst_case(data) + 1


def test_a_course_without_the_types_bundles_none_of_them() -> None:
    minimal = load(Path(__file__).resolve().parent / "courses" / "minimal").course
    assert not build.screen_modules(minimal) & {"numeric", "fill_in", "matching", "input"}
    js = build.bundle_player(modules=build.screen_modules(minimal))["player.js"]
    assert b"qinput" not in js and b"case_matters" not in js
