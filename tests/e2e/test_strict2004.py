"""The strict SCORM 2004 checker (tests/e2e/strict2004.py): each rule fires on its case, a
clean session passes, and scorm-again's Scorm2004API is asked about every case, which says
which checks the strict checker adds beyond scorm-again (it answers those with error 0)."""

from __future__ import annotations

from typing import Any

import pytest

from . import strict2004

INIT = [("Initialize", "")]
Q = [("SetValue", "cmi.interactions.0.id", "q1")]


def _log(calls: list[tuple[str, ...]]) -> list[dict[str, Any]]:
    return [{"fn": c[0], "args": list(c[1:])} for c in calls]


def _with_type(kind: str, element: str, value: str) -> list[tuple[str, ...]]:
    return [
        *INIT,
        *Q,
        ("SetValue", "cmi.interactions.0.type", kind),
        ("SetValue", f"cmi.interactions.0.{element}", value),
    ]


CLEAN = [
    *INIT,
    ("GetValue", "cmi.entry"),
    ("GetValue", "cmi.interactions._count"),
    ("SetValue", "cmi.completion_status", "incomplete"),
    *Q,
    ("SetValue", "cmi.interactions.0.type", "choice"),
    ("SetValue", "cmi.interactions.0.timestamp", "2026-11-30T09:08:07.0+01:00"),
    ("SetValue", "cmi.interactions.0.learner_response", "a[,]c"),
    ("SetValue", "cmi.interactions.0.correct_responses.0.pattern", "a[,]c"),
    ("SetValue", "cmi.interactions.0.result", "correct"),
    ("SetValue", "cmi.interactions.0.latency", "PT4.5S"),
    ("SetValue", "cmi.interactions.1.id", "essay"),
    ("SetValue", "cmi.interactions.1.type", "fill-in"),
    (
        "SetValue",
        "cmi.interactions.1.correct_responses.0.pattern",
        "{case_matters=true}{order_matters=false}{lang=en}yes[,]no",
    ),
    ("SetValue", "cmi.score.min", "0"),
    ("SetValue", "cmi.score.max", "100"),
    ("SetValue", "cmi.score.raw", "78"),
    ("SetValue", "cmi.score.scaled", "0.78"),
    ("SetValue", "cmi.success_status", "failed"),
    ("SetValue", "cmi.suspend_data", "x" * 64000),
    ("Commit", ""),
    ("SetValue", "cmi.session_time", "PT1H2M3.45S"),
    ("SetValue", "cmi.exit", "suspend"),
    ("Terminate", ""),
    ("GetLastError",),
]

# (case, calls, rule the strict checker names). scorm-again answers every call of these with
# error 0: these are the checks strict2004 adds.
BEYOND_SCORM_AGAIN = [
    ("id with a space", [*INIT, ("SetValue", "cmi.interactions.0.id", "my question")], "format"),
    ("duration without T", [*INIT, ("SetValue", "cmi.session_time", "P1H")], "format"),
    ("empty duration", [*INIT, ("SetValue", "cmi.session_time", "PT")], "format"),
    ("1.2's exit time-out", [*INIT, ("SetValue", "cmi.exit", "time-out")], "vocabulary"),
    ("choice id with a space", _with_type("choice", "learner_response", "option a"), "format"),
    ("matching pair without [.]", _with_type("matching", "learner_response", "1.a"), "format"),
    (
        "case_matters twice",
        _with_type(
            "fill-in", "correct_responses.0.pattern", "{case_matters=true}{case_matters=false}x"
        ),
        "format",
    ),
    (
        "Terminate without exit",
        [*INIT, ("SetValue", "cmi.session_time", "PT1S"), ("Terminate", "")],
        "exit-before-terminate",
    ),
    (
        "Terminate without session time",
        [*INIT, ("SetValue", "cmi.exit", "normal"), ("Terminate", "")],
        "session-time",
    ),
]

# Cases scorm-again refuses too (an error code on the last call): strict agrees.
BOTH_REFUSE = [
    ("type before id", [*INIT, ("SetValue", "cmi.interactions.0.type", "choice")], "id-first"),
    ("1.2's result wrong", _with_type("choice", "result", "wrong"), "vocabulary"),
    (
        "zone without fraction",
        [*INIT, *Q, ("SetValue", "cmi.interactions.0.timestamp", "2026-11-30T09:08:07+01:00")],
        "format",
    ),
    ("duplicate choice", _with_type("choice", "learner_response", "a[,]a"), "format"),
    (
        "bad case_matters",
        _with_type("fill-in", "correct_responses.0.pattern", "{case_matters=yes}x"),
        "format",
    ),
    (
        "response before type",
        [*INIT, *Q, ("SetValue", "cmi.interactions.0.learner_response", "a")],
        "type-first",
    ),
    ("suspend_data over 64,000", [*INIT, ("SetValue", "cmi.suspend_data", "x" * 64001)], "limit"),
    ("location over 1,000", [*INIT, ("SetValue", "cmi.location", "x" * 1001)], "limit"),
    ("likert with a space", _with_type("likert", "learner_response", "very good"), "format"),
    (
        "second delimiter after lang",
        _with_type("fill-in", "learner_response", "{lang=en}{x}"),
        "format",
    ),
    ("nav request spelling", [*INIT, ("SetValue", "adl.nav.request", "exitall")], "vocabulary"),
    ("1.2 element", [*INIT, ("SetValue", "cmi.core.lesson_status", "passed")], "unknown-element"),
    ("read-only", [*INIT, ("SetValue", "cmi.entry", "resume")], "read-only"),
    ("write-only", [*INIT, ("GetValue", "cmi.exit")], "write-only"),
    ("status vocabulary", [*INIT, ("SetValue", "cmi.completion_status", "complete")], "vocabulary"),
    ("scaled out of range", [*INIT, ("SetValue", "cmi.score.scaled", "1.5")], "range"),
    (
        "two true-false patterns",
        [
            *_with_type("true-false", "correct_responses.0.pattern", "true"),
            ("SetValue", "cmi.interactions.0.correct_responses.1.pattern", "false"),
        ],
        "pattern-count",
    ),
    ("Commit with an argument", [*INIT, ("Commit", "x")], "empty-argument"),
    (
        "Set after Terminate",
        [
            *INIT,
            ("SetValue", "cmi.exit", "normal"),
            ("SetValue", "cmi.session_time", "PT1S"),
            ("Terminate", ""),
            ("SetValue", "cmi.location", "a"),
        ],
        "after-terminate",
    ),
    ("Set before Initialize", [("SetValue", "cmi.location", "a")], "initialize-once"),
]


def test_a_clean_session_has_no_violation() -> None:
    assert strict2004.check_calls(_log(CLEAN)) == []


@pytest.mark.parametrize(("case", "calls", "rule"), BEYOND_SCORM_AGAIN + BOTH_REFUSE)
def test_each_rule_fires(case: str, calls: list[tuple[str, ...]], rule: str) -> None:
    found = {v.rule_id for v in strict2004.check_calls(_log(calls), require_finish=False)}
    assert rule in found, (case, found)


def test_final_values() -> None:
    fine = {
        "cmi.completion_status": "completed",
        "cmi.success_status": "passed",
        "cmi.scaled_passing_score": "0.8",
        "cmi.score.raw": "82",
        "cmi.score.min": "0",
        "cmi.score.max": "100",
        "cmi.score.scaled": "0.82",
    }
    assert strict2004.check_final_cmi(fine) == []
    rules = {v.rule_id for v in strict2004.check_final_cmi({**fine, "cmi.score.scaled": "0.9"})}
    assert rules == {"scaled-consistent"}
    no_scaled = {k: v for k, v in fine.items() if k != "cmi.score.scaled"}
    assert {v.rule_id for v in strict2004.check_final_cmi(no_scaled)} == {"scaled-score"}
    unknown = {**fine, "cmi.completion_status": "unknown"}
    assert {v.rule_id for v in strict2004.check_final_cmi(unknown)} == {"completion-reported"}


@pytest.mark.browser
def test_what_scorm_again_says_about_each_case(lms2004: Any) -> None:
    """scorm-again accepts every BEYOND case and refuses the last call of every BOTH case."""
    accepted = []
    for case, calls, _ in BEYOND_SCORM_AGAIN:
        verdicts = lms2004.replay(_log(calls))
        if all(v["error"] == "0" for v in verdicts):
            accepted.append(case)
    assert accepted == [case for case, _, _ in BEYOND_SCORM_AGAIN]
    for case, calls, _ in BOTH_REFUSE:
        last = lms2004.replay(_log(calls))[-1]
        assert last["error"] != "0", (case, last)
