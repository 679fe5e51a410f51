"""Unit tests of the strict SCORM 1.2 checker (tests/e2e/strict.py): pure Python, no browser.

Every rule has at least one failing example and the good session passes. The examples are
call logs as tests/lms/host.js records them ({fn, args, result, error}); result and error are
left out where the rule does not depend on them.
"""

from __future__ import annotations

from typing import Any

import pytest

from .strict import (
    RULES,
    Violation,
    check_calls,
    check_final_cmi,
    flatten_cmi,
    format_violations,
    resolve_element,
)


def c(fn: str, *args: Any, result: str | None = None, error: str | None = None) -> dict:
    call: dict[str, Any] = {"fn": fn, "args": list(args)}
    if result is not None:
        call["result"] = result
    if error is not None:
        call["error"] = error
    return call


def get(element: str, result: str | None = None, error: str | None = None) -> dict:
    return c("LMSGetValue", element, result=result, error=error)


def put(element: str, value: Any, result: str | None = None) -> dict:
    return c("LMSSetValue", element, value, result=result)


INIT = c("LMSInitialize", "", result="true", error="0")
FINISH = c("LMSFinish", "", result="true", error="0")


def session(*calls: dict) -> list[dict]:
    return [INIT, *calls, FINISH]


def ids(violations: list[Violation]) -> list[str]:
    return [v.rule_id for v in violations]


GOOD = session(
    get("cmi.core._children", "student_id,..."),
    get("cmi._version", "3.4"),
    get("cmi.core.student_id", "u1"),
    get("cmi.core.entry", "ab-initio"),
    get("cmi.core.lesson_status", "not attempted"),
    get("cmi.core.total_time", "00:00:00"),
    get("cmi.suspend_data", ""),
    get("cmi.student_data.mastery_score", "80"),
    get("cmi.interactions._count", "0", "0"),
    get("cmi.objectives._count", "0", "0"),
    put("cmi.core.lesson_location", "screen-2"),
    put("cmi.suspend_data", "x" * 4096),
    put("cmi.comments", "a comment"),
    put("cmi.core.score.min", "0"),
    put("cmi.core.score.max", "100"),
    put("cmi.core.score.raw", "87.5"),
    put("cmi.core.score.raw", ""),
    put("cmi.objectives.0.id", "quiz"),
    put("cmi.objectives.0.status", "not attempted"),
    put("cmi.objectives.0.score.raw", "100"),
    get("cmi.objectives.0.id", "quiz"),
    put("cmi.student_preference.audio", "-1"),
    put("cmi.student_preference.speed", "100"),
    put("cmi.student_preference.text", "0"),
    put("cmi.student_preference.language", "en-US"),
    put("cmi.interactions.0.id", "q1"),
    put("cmi.interactions.0.type", "choice"),
    put("cmi.interactions.0.objectives.0.id", "quiz"),
    get("cmi.interactions.0.objectives._count", "1", "0"),
    put("cmi.interactions.0.correct_responses.0.pattern", "a,c"),
    put("cmi.interactions.0.correct_responses.1.pattern", "{b,d}"),
    put("cmi.interactions.0.student_response", "a,c"),
    put("cmi.interactions.0.result", "correct"),
    put("cmi.interactions.0.weighting", "-1.5"),
    put("cmi.interactions.0.latency", "0000:00:07.25"),
    put("cmi.interactions.0.time", "23:59:59.9"),
    get("cmi.interactions.0.correct_responses._count", "2", "0"),
    put("cmi.interactions.1.id", "q2"),
    put("cmi.interactions.1.type", "true-false"),
    put("cmi.interactions.1.student_response", "t"),
    put("cmi.interactions.1.correct_responses.0.pattern", "1"),
    put("cmi.interactions.1.result", "wrong"),
    put("cmi.interactions.2.id", "q3"),
    put("cmi.interactions.2.type", "fill-in"),
    put("cmi.interactions.2.student_response", "Any text, even with spaces."),
    put("cmi.interactions.2.result", "0.75"),
    put("cmi.interactions.3.id", "q4"),
    put("cmi.interactions.3.type", "matching"),
    put("cmi.interactions.3.student_response", "1.a,2.b"),
    put("cmi.interactions.3.result", "neutral"),
    put("cmi.interactions.4.id", "q5"),
    put("cmi.interactions.4.type", "sequencing"),
    put("cmi.interactions.4.student_response", "c,a,b"),
    put("cmi.interactions.4.result", "unanticipated"),
    put("cmi.interactions.5.id", "q6"),
    put("cmi.interactions.5.type", "likert"),
    put("cmi.interactions.5.student_response", "4"),
    put("cmi.interactions.6.id", "q7"),
    put("cmi.interactions.6.type", "numeric"),
    put("cmi.interactions.6.student_response", "-3.25"),
    put("cmi.interactions.7.id", "q8"),
    put("cmi.interactions.7.type", "performance"),
    put("cmi.interactions.7.student_response", ""),
    put("cmi.core.lesson_status", "passed"),
    put("cmi.core.exit", "suspend"),
    put("cmi.core.exit", ""),
    put("cmi.core.session_time", "00:02:05.5"),
    put("cmi.core.session_time", "9999:59:59"),
    c("LMSCommit", "", result="true"),
    c("LMSGetLastError"),
    c("LMSGetErrorString", "0"),
    c("LMSGetDiagnostic", ""),
)


def test_the_good_session_passes() -> None:
    assert check_calls(GOOD) == []


def test_every_rule_cites_the_rte() -> None:
    for rule_id, text in RULES.items():
        assert text.startswith("RTE 3."), rule_id


def test_violation_text_names_the_call_the_message_and_the_rule() -> None:
    (violation,) = check_calls(session(put("cmi.core.exit", "normal")))
    text = str(violation)
    assert violation.rule_id == "exit"
    assert violation.call["args"] == ["cmi.core.exit", "normal"]
    assert 'LMSSetValue("cmi.core.exit", "normal")' in text
    assert "RTE 3.4, cmi.core.exit" in text
    assert format_violations([violation]) == text


def test_long_arguments_are_shortened_in_messages() -> None:
    (violation,) = check_calls(session(put("cmi.suspend_data", "x" * 5000)))
    assert "(5000 chars)" in str(violation)
    assert len(str(violation)) < 600


# --------------------------------------------------------------------------------------
# API lifecycle and arguments
# --------------------------------------------------------------------------------------

LIFECYCLE_CASES = [
    ("non-string value", session(put("cmi.core.score.raw", 80)), ["argument-type"]),
    ("boolean argument", session(c("LMSGetValue", True)), ["argument-type"]),
    ("missing argument", [c("LMSInitialize"), FINISH], ["argument-type"]),
    ("extra argument", session(c("LMSGetLastError", "x")), ["argument-type"]),
    ("null argument", session(c("LMSGetValue", None)), ["argument-type"]),
    ("initialize with text", [c("LMSInitialize", "x"), FINISH], ["empty-argument"]),
    ("commit with text", session(c("LMSCommit", "x")), ["empty-argument"]),
    ("finish with text", [INIT, c("LMSFinish", "x")], ["empty-argument"]),
    ("initialize twice", session(INIT), ["initialize-once"]),
    ("get before initialize", [get("cmi.core.entry"), *session()], ["initialize-once"]),
    ("set before initialize", [put("cmi.core.exit", ""), *session()], ["initialize-once"]),
    ("commit before initialize", [c("LMSCommit", ""), *session()], ["initialize-once"]),
    ("never initialized", [c("LMSGetLastError")], ["initialize-once"]),
    ("finish without initialize", [FINISH], ["initialize-once", "initialize-once"]),
    ("never finished", [INIT, put("cmi.core.exit", "suspend")], ["finish-once"]),
    ("finish twice", [*session(), FINISH], ["finish-once"]),
    ("get after finish", [*session(), get("cmi.core.lesson_status")], ["after-finish"]),
    ("set after finish", [*session(), put("cmi.core.exit", "")], ["after-finish"]),
    ("commit after finish", [*session(), c("LMSCommit", "")], ["after-finish"]),
    ("2004 function", session(c("Terminate", "")), ["unknown-function"]),
]


@pytest.mark.parametrize(
    ("log", "expected"),
    [case[1:] for case in LIFECYCLE_CASES],
    ids=[case[0] for case in LIFECYCLE_CASES],
)
def test_lifecycle_and_argument_rules(log: list[dict], expected: list[str]) -> None:
    assert ids(check_calls(log)) == expected


def test_error_functions_are_allowed_anytime() -> None:
    errors_only = [c("LMSGetLastError"), c("LMSGetErrorString", "301"), c("LMSGetDiagnostic", "")]
    assert check_calls([*errors_only, *session(), *errors_only]) == []


def test_a_refused_initialize_or_finish_may_be_retried() -> None:
    log = [
        c("LMSInitialize", "", result="false", error="101"),
        INIT,
        c("LMSFinish", "", result="false", error="101"),
        FINISH,
    ]
    assert check_calls(log) == []


def test_require_finish_false_for_a_running_session() -> None:
    assert check_calls([INIT], require_finish=False) == []


# --------------------------------------------------------------------------------------
# Elements and access
# --------------------------------------------------------------------------------------

ACCESS_CASES = [
    ("unknown element", get("cmi.core.foo"), "unknown-element"),
    ("2004 element", put("cmi.completion_status", "completed"), "unknown-element"),
    ("2004 learner_response", put("cmi.interactions.0.learner_response", "a"), "unknown-element"),
    ("index with leading zero", put("cmi.interactions.01.id", "q"), "unknown-element"),
    ("empty element", get(""), "unknown-element"),
    ("set _count", put("cmi.interactions._count", "2"), "keyword"),
    ("set _children", put("cmi.core._children", "x"), "keyword"),
    ("set _version", put("cmi._version", "3.4"), "keyword"),
    ("set student_id", put("cmi.core.student_id", "me"), "read-only"),
    ("set entry", put("cmi.core.entry", "resume"), "read-only"),
    ("set total_time", put("cmi.core.total_time", "00:01:00"), "read-only"),
    ("set credit", put("cmi.core.credit", "no-credit"), "read-only"),
    ("set mastery_score", put("cmi.student_data.mastery_score", "50"), "read-only"),
    ("set launch_data", put("cmi.launch_data", "x"), "read-only"),
    ("get exit", get("cmi.core.exit"), "write-only"),
    ("get session_time", get("cmi.core.session_time"), "write-only"),
    ("get interaction id", get("cmi.interactions.0.id"), "write-only"),
    ("get interaction result", get("cmi.interactions.0.result"), "write-only"),
    ("get correct pattern", get("cmi.interactions.0.correct_responses.0.pattern"), "write-only"),
]


@pytest.mark.parametrize(
    ("call", "rule_id"), [case[1:] for case in ACCESS_CASES], ids=[case[0] for case in ACCESS_CASES]
)
def test_element_and_access_rules(call: dict, rule_id: str) -> None:
    assert ids(check_calls(session(call))) == [rule_id]


def test_the_two_interaction_counts_are_readable() -> None:
    log = session(
        put("cmi.interactions.0.id", "q1"),
        get("cmi.interactions.0.objectives._count", "0", "0"),
        get("cmi.interactions.0.correct_responses._count", "0", "0"),
    )
    assert check_calls(log) == []


def test_resolve_element() -> None:
    element = resolve_element("cmi.interactions.12.objectives.3.id")
    assert element is not None
    assert element.template == "cmi.interactions.n.objectives.m.id"
    assert element.indices == (12, 3)
    assert element.access == "W"
    assert resolve_element("cmi.core.lesson_status").access == "RW"
    assert resolve_element("cmi.interactions.-1.id") is None


# --------------------------------------------------------------------------------------
# Array indices
# --------------------------------------------------------------------------------------


def test_array_index_must_be_the_count_or_existing() -> None:
    log = session(
        put("cmi.interactions.0.id", "q1"),
        put("cmi.interactions.0.result", "correct"),  # existing
        put("cmi.interactions.2.id", "q3"),  # gap: count is 1
        put("cmi.interactions.1.id", "q2"),  # new
    )
    violations = check_calls(log)
    assert ids(violations) == ["array-index"]
    assert violations[0].call["args"][0] == "cmi.interactions.2.id"
    assert "next new entry is 1" in violations[0].message


def test_array_counts_start_from_what_the_sco_read() -> None:
    log = session(
        get("cmi.interactions._count", "3", "0"),
        put("cmi.interactions.3.id", "q4"),
        put("cmi.interactions.1.result", "wrong"),
        put("cmi.interactions.5.id", "q6"),
    )
    assert [v.call["args"][0] for v in check_calls(log)] == ["cmi.interactions.5.id"]


def test_array_counts_from_initial_counts() -> None:
    log = session(put("cmi.objectives.1.id", "o2"), put("cmi.objectives.2.status", "passed"))
    assert check_calls(log, initial_counts={"cmi.objectives": 2}) == []
    assert ids(check_calls(log)) == ["array-index", "array-index"]  # both skip ahead of 0


def test_nested_array_indices() -> None:
    log = session(
        put("cmi.interactions.0.id", "q1"),
        put("cmi.interactions.0.objectives.0.id", "o1"),
        put("cmi.interactions.0.objectives.2.id", "o3"),  # gap in the nested array
        put("cmi.interactions.0.correct_responses.1.pattern", "a"),  # gap
        put("cmi.interactions.3.correct_responses.0.pattern", "a"),  # gap in the outer array
    )
    assert ids(check_calls(log)) == ["array-index"] * 3


def test_a_refused_set_does_not_create_an_entry() -> None:
    log = session(
        put("cmi.interactions.0.id", "q 1", result="false"),
        put("cmi.interactions.1.id", "q2", result="true"),
    )
    assert ids(check_calls(log)) == ["identifier", "array-index"]


def test_reading_an_entry_that_does_not_exist() -> None:
    log = session(get("cmi.objectives.0.id", "", "0"))
    assert ids(check_calls(log)) == ["array-index"]


# --------------------------------------------------------------------------------------
# Vocabularies and data types
# --------------------------------------------------------------------------------------

VALUE_CASES = [
    ("cmi.core.lesson_status", "complete", "lesson-status"),
    ("cmi.core.lesson_status", "not attempted", "lesson-status"),
    ("cmi.core.lesson_status", "Passed", "lesson-status"),
    ("cmi.objectives.0.status", "done", "objective-status"),
    ("cmi.core.exit", "normal", "exit"),
    ("cmi.core.exit", "SUSPEND", "exit"),
    ("cmi.interactions.0.type", "long-fill-in", "interaction-type"),
    ("cmi.interactions.0.type", "other", "interaction-type"),
    ("cmi.interactions.0.result", "incorrect", "interaction-result"),
    ("cmi.interactions.0.result", "right", "interaction-result"),
    ("cmi.core.session_time", "1:2:3", "timespan"),
    ("cmi.core.session_time", "1:02:03", "timespan"),
    ("cmi.core.session_time", "12345:00:00", "timespan"),
    ("cmi.core.session_time", "PT1M", "timespan"),
    ("cmi.core.session_time", "00:60:00", "timespan"),
    ("cmi.core.session_time", "00:00:60", "timespan"),
    ("cmi.core.session_time", "00:00:00.123", "timespan"),
    ("cmi.core.session_time", "", "timespan"),
    ("cmi.interactions.0.latency", "0:00:05", "timespan"),
    ("cmi.interactions.0.time", "24:00:00", "time"),
    ("cmi.interactions.0.time", "9:30:00", "time"),
    ("cmi.interactions.0.time", "10:60:00", "time"),
    ("cmi.interactions.0.time", "2024-01-01T10:00:00", "time"),
    ("cmi.interactions.0.weighting", "abc", "decimal"),
    ("cmi.interactions.0.weighting", ".5", "decimal"),
    ("cmi.core.score.raw", "150", "score"),
    ("cmi.core.score.min", "-1", "score"),
    ("cmi.core.score.max", "a lot", "score"),
    ("cmi.objectives.0.score.raw", "100.01", "score"),
    ("cmi.student_preference.audio", "-2", "sinteger-range"),
    ("cmi.student_preference.speed", "101", "sinteger-range"),
    ("cmi.student_preference.text", "2", "sinteger-range"),
    ("cmi.student_preference.text", "0.5", "sinteger-range"),
    ("cmi.core.lesson_location", "x" * 256, "string255"),
    ("cmi.student_preference.language", "x" * 256, "string255"),
    ("cmi.suspend_data", "x" * 4097, "string4096"),
    ("cmi.comments", "x" * 5000, "string4096"),
    ("cmi.interactions.0.id", "q 1", "identifier"),
    ("cmi.interactions.0.id", "", "identifier"),
    ("cmi.interactions.0.id", "q" * 256, "identifier"),
    ("cmi.interactions.0.id", "fr\u00e9", "identifier"),
    ("cmi.objectives.0.id", "tab\there", "identifier"),
    ("cmi.interactions.0.objectives.0.id", "o 1", "identifier"),
]


@pytest.mark.parametrize(("element", "value", "rule_id"), VALUE_CASES)
def test_value_rules(element: str, value: str, rule_id: str) -> None:
    violations = check_calls(session(put(element, value)))
    assert ids(violations) == [rule_id]
    assert element in violations[0].message


def test_decimal_results_are_accepted() -> None:
    assert check_calls(session(put("cmi.interactions.0.result", "-0.5"))) == []


# --------------------------------------------------------------------------------------
# Responses by interaction type (CMIFeedback)
# --------------------------------------------------------------------------------------

RESPONSE_CASES = [
    # (type, value, is the value valid?)
    ("true-false", "t", True),
    ("true-false", "0", True),
    ("true-false", "true", False),
    ("true-false", "T", False),
    ("choice", "a", True),
    ("choice", "a,b,9", True),
    ("choice", "{a,b}", True),
    ("choice", "A", False),
    ("choice", "a;b", False),
    ("choice", "ab", False),
    ("choice", "{a,b", False),
    ("choice", "a,", False),
    ("likert", "5", True),
    ("likert", "55", False),
    ("numeric", "12.5", True),
    ("numeric", "1,5", False),
    ("matching", "1.a,2.b", True),
    ("matching", "{1.a,2.b}", True),
    ("matching", "1-a", False),
    ("matching", "1.ab", False),
    ("sequencing", "a,b,c", True),
    ("sequencing", "abc", False),
    ("fill-in", "Any words at all", True),
    ("fill-in", "x" * 256, False),
    ("performance", "step 1; step 2", True),
    ("performance", "x" * 256, False),
]


@pytest.mark.parametrize(("kind", "value", "valid"), RESPONSE_CASES)
@pytest.mark.parametrize("target", ["student_response", "correct_responses.0.pattern"])
def test_responses_by_interaction_type(kind: str, value: str, valid: bool, target: str) -> None:
    log = session(
        put("cmi.interactions.0.id", "q1"),
        put("cmi.interactions.0.type", kind),
        put(f"cmi.interactions.0.{target}", value),
    )
    assert ids(check_calls(log)) == ([] if valid else ["feedback"])


def test_response_format_needs_a_known_type_but_length_does_not() -> None:
    assert check_calls(session(put("cmi.interactions.0.student_response", "A;B"))) == []
    long = session(put("cmi.interactions.0.student_response", "x" * 256))
    assert ids(check_calls(long)) == ["feedback"]


def test_empty_student_response_is_fine_but_not_an_empty_pattern() -> None:
    log = session(
        put("cmi.interactions.0.id", "q1"),
        put("cmi.interactions.0.type", "choice"),
        put("cmi.interactions.0.student_response", ""),
        put("cmi.interactions.0.correct_responses.0.pattern", ""),
    )
    violations = check_calls(log)
    assert ids(violations) == ["feedback"]
    assert violations[0].call["args"][0].endswith(".pattern")


def test_the_type_of_each_interaction_is_tracked_separately() -> None:
    log = session(
        put("cmi.interactions.0.id", "q1"),
        put("cmi.interactions.0.type", "true-false"),
        put("cmi.interactions.1.id", "q2"),
        put("cmi.interactions.1.type", "choice"),
        put("cmi.interactions.0.student_response", "t"),
        put("cmi.interactions.1.student_response", "t"),
        put("cmi.interactions.1.student_response", "1"),
        put("cmi.interactions.0.student_response", "b"),
    )
    assert [v.call["args"] for v in check_calls(log)] == [
        ["cmi.interactions.0.student_response", "b"]
    ]


# --------------------------------------------------------------------------------------
# check_final_cmi
# --------------------------------------------------------------------------------------

GOOD_FINAL = {
    "suspend_data": "v1",
    "launch_data": "",
    "comments": "",
    "comments_from_lms": "",
    "core": {
        "student_id": "learner-001",
        "student_name": "Learner, Test",
        "lesson_location": "screen-2",
        "credit": "credit",
        "lesson_status": "passed",
        "entry": "ab-initio",
        "lesson_mode": "normal",
        "exit": "",
        "session_time": "00:02:05",
        "score": {"raw": "100", "min": "0", "max": "100"},
        "total_time": "00:00:00",
    },
    "objectives": {},
    "student_data": {"mastery_score": "80", "max_time_allowed": "", "time_limit_action": ""},
    "student_preference": {"audio": "", "language": "", "speed": "", "text": ""},
    "interactions": {
        "0": {
            "id": "q1",
            "time": "09:30:00",
            "type": "choice",
            "weighting": "1",
            "student_response": "b",
            "result": "correct",
            "latency": "00:00:07.5",
            "objectives": {},
            "correct_responses": {"0": {"pattern": "b"}},
        }
    },
}


def _with(path: str, value: str) -> dict:
    flat = flatten_cmi(GOOD_FINAL)
    flat[path] = value
    return flat


def test_good_final_cmi_passes_nested_and_flat() -> None:
    assert check_final_cmi(GOOD_FINAL) == []
    assert check_final_cmi({"cmi": GOOD_FINAL}) == []
    flat = flatten_cmi(GOOD_FINAL)
    assert flat["cmi.interactions.0.correct_responses.0.pattern"] == "b"
    assert check_final_cmi(flat) == []


@pytest.mark.parametrize(
    ("path", "value", "rule_id"),
    [
        ("cmi.core.lesson_status", "not attempted", "final-status"),
        ("cmi.core.lesson_status", "complete", "final-status"),
        ("cmi.core.lesson_location", "x" * 256, "string255"),
        ("cmi.suspend_data", "x" * 4097, "string4096"),
        ("cmi.core.total_time", "1:00:00", "timespan"),
        ("cmi.core.session_time", "PT2M5S", "timespan"),
        ("cmi.core.exit", "normal", "exit"),
        ("cmi.core.entry", "resumed", "final-value"),
        ("cmi.core.credit", "yes", "final-value"),
        ("cmi.core.lesson_mode", "exam", "final-value"),
        ("cmi.core.score.raw", "150", "score"),
        ("cmi.interactions.0.type", "long-fill-in", "interaction-type"),
        ("cmi.interactions.0.id", "q 1", "identifier"),
        ("cmi.interactions.0.student_response", "A", "feedback"),
        ("cmi.interactions.0.result", "incorrect", "interaction-result"),
        ("cmi.interactions.0.time", "25:00:00", "time"),
    ],
)
def test_bad_final_values(path: str, value: str, rule_id: str) -> None:
    assert ids(check_final_cmi(_with(path, value))) == [rule_id]


def test_not_attempted_can_be_allowed() -> None:
    final = _with("cmi.core.lesson_status", "not attempted")
    assert check_final_cmi(final, allow_not_attempted=True) == []
