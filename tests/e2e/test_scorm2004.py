"""The Arizona course built for SCORM 2004 4th Edition, walked in Chromium under scorm-again's
Scorm2004API (tests/lms/host2004.html) and held to strict SCORM 2004 (tests/e2e/strict2004.py).

The same learner driver as the SCORM 1.2 walk (tests/e2e/arizona.py) journals what the learner
did in SCORM 1.2 terms; :func:`as_2004` says, from the RTE 4th Edition alone, what the 2004 LMS
must hold instead: ``learner_response`` for ``student_response``, ``true``/``false``, ``[,]``
between choices, ``incorrect`` for ``wrong``, ISO 8601 timestamps and durations.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pytest

from cbtforge.build import compile_course, write_zip

from . import strict2004
from .arizona import (
    COURSE_DIR,
    Learner,
    arizona_course,
    interactions,
    right_plan,
    wait_for_value,
)
from .test_arizona_walk import CHAPTERS, FAIL_WRONG, RETAKE_WRONG, mixed_plan

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def package_2004(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("scorm2004") / "arizona-2004.zip"
    write_zip(compile_course(COURSE_DIR, standard="scorm2004"), out)
    return out


def response_2004(kind: str, value: str) -> str:
    """RTE 4.2.8.5: a 1.2 response of the journal in the 2004 format of ``kind``."""
    if kind == "true-false":
        return {"t": "true", "f": "false"}[value]
    if kind == "choice":
        return "[,]".join(value.split(","))
    return value  # likert: one identifier; fill-in: the text (no "[,]" typed here)


def as_2004(record: Mapping[str, str]) -> dict[str, str]:
    out = {
        "id": record["id"],
        "type": record["type"],
        "weighting": record["weighting"],
        "learner_response": response_2004(record["type"], record["student_response"]),
        "result": "incorrect" if record["result"] == "wrong" else record["result"],
    }
    if "correct_responses.0.pattern" in record:
        pattern = record["correct_responses.0.pattern"]
        out["correct_responses.0.pattern"] = response_2004(record["type"], pattern)
    return out


def rows_2004(flat: Mapping[str, str]) -> list[dict[str, str]]:
    """cmi.interactions.n.* without clock values and the elements the SCO leaves empty."""
    return [
        {k: v for k, v in row.items() if k not in ("timestamp", "latency") and v != ""}
        for row in interactions(flat)
    ]


def assert_clock_values(flat: Mapping[str, str]) -> None:
    rows = interactions(flat)
    assert rows
    for row in rows:
        assert strict2004.time_problem(row["timestamp"]) is None, row
        assert strict2004.duration_problem(row["latency"]) is None, row


def journal_2004(journal: Iterable[Mapping[str, str]]) -> list[dict[str, str]]:
    return [as_2004(r) for r in journal]


def test_walk_the_whole_course_and_pass(lms2004: Any, package_2004: Path) -> None:
    course = arizona_course()
    plan = mixed_plan(course)
    session = lms2004.launch(package_2004)
    assert session.config["cmi"]["cmi.scaled_passing_score"] == "0.8"  # from the manifest
    learner = Learner(session, course, plan)
    wait_for_value(session, "cmi.completion_status", "incomplete")
    assert session.value("cmi.success_status") == "unknown"

    learner.walk_to_quiz()
    attempt = learner.take_quiz(correct=True)
    assert attempt.score == 100
    wait_for_value(session, "cmi.success_status", "passed")
    learner.walk_evaluation()
    for title in CHAPTERS:
        learner.chapter_state(title, "Complete")
    session.close()

    session.assert_clean()
    assert len([c for c in session.calls("Terminate") if c["result"] == "true"]) == 1
    flat = session.persisted_cmi()
    assert flat is not None
    assert (flat["cmi.completion_status"], flat["cmi.success_status"]) == ("completed", "passed")
    assert (flat["cmi.score.raw"], flat["cmi.score.min"], flat["cmi.score.max"]) == (
        "100",
        "0",
        "100",
    )
    assert flat["cmi.score.scaled"] == "1"
    assert flat["cmi.exit"] == "normal"
    assert flat["cmi.location"] == "course-evaluation/complete"
    assert strict2004.duration_problem(flat["cmi.session_time"]) is None
    assert len(flat["cmi.suspend_data"]) <= 64000
    assert_clock_values(flat)
    assert rows_2004(flat) == journal_2004(learner.journal)
    by_id = {row["id"]: row for row in rows_2004(flat)}
    assert by_id["final-quiz__q-process-as-customer"]["learner_response"] == "true"
    assert by_id["final-quiz__q-building-blocks"]["learner_response"] == "a[,]b[,]c"
    assert by_id["scenario-b"]["result"] == "incorrect"
    assert by_id["how-concerned"]["type"] == "likert"
    assert by_id["hot-buttons-list__3"]["learner_response"] == (
        "A caller who starts with the last ten people who couldn't help"
    )
    # The 1.2 vocabulary never reaches the 2004 LMS.
    written = [c["args"][0] for c in session.calls("SetValue")]
    assert not [e for e in written if e.startswith("cmi.core.") or "student_response" in e]

    # exit "normal" ended the attempt: the next launch is a new attempt (RTE 4.2.6).
    fresh = session.relaunch_cmi()
    assert fresh["cmi.entry"] == "ab-initio" and "cmi.suspend_data" not in fresh


def test_resume_fail_the_quiz_then_retake_and_pass(lms2004: Any, package_2004: Path) -> None:
    course = arizona_course()
    first = lms2004.launch(package_2004)
    learner = Learner(first, course, right_plan(course))
    learner.walk("oscar-entering")
    learner.reveal_button("Expectation").click()
    learner.expect_locked("Open all 2 items to continue (1 opened so far).")
    first.close()
    first.assert_clean()
    stored = first.persisted_cmi()
    assert stored is not None
    assert (stored["cmi.exit"], stored["cmi.completion_status"]) == ("suspend", "incomplete")
    assert stored["cmi.success_status"] == "unknown"
    assert stored["cmi.location"] == "oscar-entering"

    second = lms2004.launch(package_2004, cmi=first.relaunch_cmi())
    assert second.value("cmi.entry") == "resume"
    learner.attach(second, at="oscar-entering")
    assert learner.main.get_by_role("button", name="Expectation (viewed)").count() == 1
    learner.expect_locked("Open all 2 items to continue (1 opened so far).")
    learner.chapter_state("Meeting Customer Needs", "In progress")

    learner.walk_to_quiz()
    failed = learner.take_quiz(correct=True, wrong=FAIL_WRONG)
    assert failed.score == 78
    wait_for_value(second, "cmi.success_status", "failed")
    assert second.value("cmi.completion_status") == "completed"
    assert (second.value("cmi.score.raw"), second.value("cmi.score.scaled")) == ("78", "0.78")
    learner.chapter_state("Final Quiz", "Not passed")

    passed = learner.take_quiz(correct=True, wrong=RETAKE_WRONG)
    assert (passed.started_with, passed.score) == ("Retake Quiz", 82)
    wait_for_value(second, "cmi.success_status", "passed")
    second.close()

    second.assert_clean()
    flat = second.persisted_cmi()
    assert flat is not None
    assert (flat["cmi.completion_status"], flat["cmi.success_status"]) == ("completed", "passed")
    assert (flat["cmi.score.raw"], flat["cmi.score.scaled"]) == ("82", "0.82")
    assert flat["cmi.exit"] == "normal"
    # Session one's interaction (the poll), preloaded, then the second session's, in order.
    assert_clock_values(flat)
    assert rows_2004(flat) == journal_2004(learner.journal)
    rows = rows_2004(flat)
    questions = len(course["quiz"]["questions"])
    wrong = [r["id"] for r in rows[-2 * questions : -questions] if r["result"] == "incorrect"]
    assert sorted(wrong) == sorted(f"final-quiz__{q}" for q in FAIL_WRONG)
    assert re.fullmatch(r"PT(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)?", flat["cmi.total_time"])
