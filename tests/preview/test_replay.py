"""The emulator's verdicts against an independent SCORM 1.2 runtime.

The same recorded call sequences go into scorm-again's ``Scorm12API`` (the test LMS's replay,
tests/lms/host.js) and into the emulator's runtime (static/runtime.js, in the preview page):
one sequence recorded from the real player in the test LMS, and sequences of deliberate
mistakes. Every call scorm-again refuses, the emulator refuses too; every call only the
emulator refuses is listed in STRICTER with the SCORM 1.2 rule that makes it wrong, and every
entry of STRICTER is still a difference (the table cannot go stale).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from cbtforge.preview.server import PreviewServer
from e2e.lms import Lms
from e2e.test_player import FULL, RIGHT, answer_quiz, do_chapter_one, menu

from .conftest import MINIMAL
from .pages import ERROR_FUNCTIONS, PreviewPage

pytestmark = pytest.mark.browser

# tests/lms/host.js DEFAULT_CMI: both runtimes start from the same learner record.
LMS_DEFAULTS = {
    "cmi.core.student_id": "learner-001",
    "cmi.core.student_name": "Learner, Test",
    "cmi.core.credit": "credit",
    "cmi.core.lesson_mode": "normal",
    "cmi.core.entry": "ab-initio",
    "cmi.core.lesson_status": "not attempted",
    "cmi.core.total_time": "0000:00:00",
}

INIT = ("LMSInitialize", "")
FINISH = ("LMSFinish", "")
STATUS = "cmi.core.lesson_status"
TIME = "cmi.core.session_time"
I0 = "cmi.interactions.0."


def put(element: str, value: Any) -> tuple[str, str, Any]:
    return ("LMSSetValue", element, value)


def get(element: str) -> tuple[str, str]:
    return ("LMSGetValue", element)


BAD_SEQUENCES: dict[str, list[tuple[Any, ...]]] = {
    "wrong status word": [
        INIT,
        put(STATUS, "complete"),
        put(STATUS, "not attempted"),
        put(STATUS, "Passed"),
        put(STATUS, "completed"),
        FINISH,
    ],
    "session time": [
        INIT,
        put(TIME, "1:2:3"),
        put(TIME, "1:02:03"),
        put(TIME, "PT1M"),
        put(TIME, "00:75:00"),
        put(TIME, "0000:01:02.5"),
        FINISH,
    ],
    "string limits": [
        INIT,
        put("cmi.suspend_data", "x" * 4096),
        put("cmi.suspend_data", "x" * 5000),
        put("cmi.core.lesson_location", "x" * 255),
        put("cmi.core.lesson_location", "x" * 256),
        FINISH,
    ],
    "write-only elements": [
        INIT,
        put("cmi.core.exit", "suspend"),
        get("cmi.core.exit"),
        get(TIME),
        put(I0 + "id", "q1"),
        get(I0 + "id"),
        get(I0 + "result"),
        get("cmi.interactions._count"),
        FINISH,
    ],
    "SCORM 2004 vocabulary": [
        INIT,
        put("cmi.core.exit", "normal"),
        put(I0 + "id", "q1"),
        put(I0 + "type", "choice"),
        put(I0 + "result", "incorrect"),
        put(I0 + "type", "long-fill-in"),
        get("cmi.completion_status"),
        FINISH,
    ],
    "identifiers and responses": [
        INIT,
        put(I0 + "id", "q 1"),
        put(I0 + "type", "choice"),
        put(I0 + "student_response", "Option one"),
        put(I0 + "correct_responses.0.pattern", "a"),
        put(I0 + "latency", "0:00:05"),
        put(I0 + "time", "25:00:00"),
        FINISH,
    ],
    "scores": [
        INIT,
        put("cmi.core.score.raw", "150"),
        put("cmi.core.score.raw", "-1"),
        put("cmi.core.score.raw", "abc"),
        put("cmi.core.score.raw", 80),
        put("cmi.core.score.raw", "80"),
        FINISH,
    ],
    "read-only and keywords": [
        INIT,
        put("cmi.core.student_id", "someone-else"),
        put("cmi.core.entry", "resume"),
        put("cmi.interactions._count", "1"),
        put("cmi.core._children", "raw"),
        FINISH,
    ],
    "unknown elements and arrays": [
        INIT,
        get("cmi.core.foo"),
        put("cmi.completion_status", "completed"),
        put("cmi.interactions.5.id", "q5"),
        get("cmi.core.score._count"),
        get("cmi.core.lesson_status._children"),
        FINISH,
    ],
    "call order": [
        get("cmi.core.student_id"),
        put("cmi.core.lesson_location", "s1"),
        ("LMSCommit", ""),
        ("LMSInitialize", "x"),
        INIT,
        INIT,
        ("LMSCommit", "x"),
        FINISH,
        get(STATUS),
        put(STATUS, "passed"),
        ("LMSCommit", ""),
        FINISH,
    ],
}

# Calls only the emulator refuses (scorm-again answers 0), each with the rule that makes it wrong.
STRICTER: dict[tuple[str, str], str] = {
    ("session time", 'LMSSetValue "cmi.core.session_time" "1:02:03"'): (
        "RTE 1.2 3.4, CMITimespan: HHHH:MM:SS.SS, hours at least 2 and at most 4 digits"
    ),
    ("session time", 'LMSSetValue "cmi.core.session_time" "00:75:00"'): (
        "RTE 1.2 3.4, CMITimespan: hours, minutes and seconds; minutes and seconds below 60 "
        "(tests/e2e/strict.py rule 'timespan')"
    ),
    ("string limits", 'LMSSetValue "cmi.suspend_data" <5000 chars>'): (
        "RTE 1.2 3.4, cmi.suspend_data is CMIString4096: at most 4,096 characters"
    ),
    ("SCORM 2004 vocabulary", 'LMSSetValue "cmi.core.exit" "normal"'): (
        'RTE 1.2 3.4, cmi.core.exit (CMIVocabulary): time-out, suspend, logout or ""; '
        '"normal" is SCORM 2004'
    ),
    ("SCORM 2004 vocabulary", 'LMSSetValue "cmi.interactions.0.result" "incorrect"'): (
        "RTE 1.2 3.4, cmi.interactions.n.result (CMIVocabulary): correct, wrong, "
        'unanticipated, neutral or a CMIDecimal; "incorrect" is SCORM 2004'
    ),
    ("identifiers and responses", 'LMSSetValue "cmi.interactions.0.id" "q 1"'): (
        "RTE 1.2 3.4, CMIIdentifier: no white space or unprintable characters"
    ),
    (
        "identifiers and responses",
        'LMSSetValue "cmi.interactions.0.student_response" "Option one"',
    ): (
        "RTE 1.2 3.4, cmi.interactions.n.student_response (CMIFeedback) of a choice "
        "interaction: single characters 0-9/a-z separated by commas"
    ),
    ("identifiers and responses", 'LMSSetValue "cmi.interactions.0.latency" "0:00:05"'): (
        "RTE 1.2 3.4, cmi.interactions.n.latency is a CMITimespan: hours at least 2 digits"
    ),
    ("scores", 'LMSSetValue "cmi.core.score.raw" 80'): (
        "RTE 1.2 3.3: every argument of the API functions is a string (201 otherwise)"
    ),
    ("call order", 'LMSGetValue "cmi.core.lesson_status"'): (
        "RTE 1.2 3.3: after LMSFinish only the error functions may be called (301)"
    ),
    ("call order", 'LMSSetValue "cmi.core.lesson_status" "passed"'): (
        "RTE 1.2 3.3: after LMSFinish only the error functions may be called (301)"
    ),
    ("call order", 'LMSCommit ""'): (
        "RTE 1.2 3.3: after LMSFinish only the error functions may be called (301)"
    ),
}

# Calls both refuse with different codes.
OTHER_CODE: dict[tuple[str, str], str] = {
    ("call order", 'LMSFinish ""'): (
        "a second LMSFinish: scorm-again answers 101; after LMSFinish the session is no longer "
        "initialized, so the emulator answers 301 as for any call after LMSFinish (RTE 1.2 3.3)"
    ),
}

# The mistakes the issue names, with the codes both runtimes must give.
NAMED = {
    ("wrong status word", 'LMSSetValue "cmi.core.lesson_status" "complete"'): ("405", "405"),
    ("session time", 'LMSSetValue "cmi.core.session_time" "1:2:3"'): ("405", "405"),
    ("string limits", 'LMSSetValue "cmi.suspend_data" <5000 chars>'): ("0", "405"),
    ("write-only elements", 'LMSGetValue "cmi.core.exit"'): ("404", "404"),
}


def as_calls(sequence: list[tuple[Any, ...]]) -> list[dict[str, Any]]:
    return [{"fn": step[0], "args": list(step[1:])} for step in sequence]


def key(call: dict[str, Any]) -> str:
    """``LMSSetValue cmi.suspend_data <5000 chars>``: a readable, stable name for a call."""
    parts = [call["fn"]]
    for i, arg in enumerate(call["args"]):
        if i > 0 and isinstance(arg, str) and len(arg) > 40:
            parts.append(f"<{len(arg)} chars>")
        else:
            parts.append(json.dumps(arg))
    return " ".join(parts)


def verdicts(
    lms: Lms, emulator: PreviewPage, calls: list[dict[str, Any]], cmi: dict[str, str]
) -> list[tuple[str, str, str]]:
    """(call, scorm-again's error, the emulator's error) for every non-error-function call."""
    theirs = lms.replay(calls, cmi=cmi)
    ours = emulator.page.evaluate(
        "([calls, cmi]) => CbtPreview.runtime.replay(calls, {cmi: cmi})", [calls, cmi]
    )
    assert len(theirs) == len(ours) == len(calls)
    return [
        (key(call), str(a["error"]), str(b["error"]))
        for call, a, b in zip(calls, theirs, ours, strict=True)
        if call["fn"] not in ERROR_FUNCTIONS
    ]


@pytest.fixture
def emulator(
    preview_server: Callable[..., PreviewServer], preview_page: Callable[[str], PreviewPage]
) -> PreviewPage:
    return preview_page(preview_server(MINIMAL).url)


def test_deliberate_mistakes(lms: Lms, emulator: PreviewPage) -> None:
    missed, unjustified, codes, named = [], [], [], {}
    stricter_seen: set[tuple[str, str]] = set()
    for name, sequence in BAD_SEQUENCES.items():
        for call, theirs, ours in verdicts(lms, emulator, as_calls(sequence), LMS_DEFAULTS):
            where = (name, call)
            if where in NAMED:
                named[where] = (theirs, ours)
            if theirs != "0" and ours == "0":
                missed.append((where, theirs))
            elif theirs == "0" and ours != "0":
                stricter_seen.add(where)
                if where not in STRICTER:
                    unjustified.append((where, ours))
            elif theirs != ours and where not in OTHER_CODE:
                codes.append((where, theirs, ours))
    assert missed == [], "scorm-again refuses these and the emulator accepts them"
    assert unjustified == [], "the emulator refuses these and no SCORM 1.2 rule is given"
    assert codes == [], "both refuse these, with different codes"
    assert stricter_seen == set(STRICTER), "STRICTER lists calls that are no longer stricter"
    assert named == NAMED


def test_recorded_player_session(lms: Lms, build_course: Any, emulator: PreviewPage) -> None:
    """A real session of the player, recorded in the test LMS: both runtimes accept every
    call and answer every LMSGetValue alike."""
    session = lms.launch(build_course(FULL))
    frame = session.course_frame
    do_chapter_one(frame)
    menu(frame, "Final Quiz").click()
    answer_quiz(frame, RIGHT)
    session.close()
    calls = [{"fn": c["fn"], "args": c["args"]} for c in session.log()]
    assert len(calls) > 100
    cmi = {**LMS_DEFAULTS, **session.config["cmi"]}
    theirs = lms.replay(calls, cmi=cmi)
    ours = emulator.page.evaluate(
        "([calls, cmi]) => CbtPreview.runtime.replay(calls, {cmi: cmi})", [calls, cmi]
    )
    differences = [
        (key(call), (a["result"], a["error"]), (b["result"], b["error"]))
        for call, a, b in zip(calls, theirs, ours, strict=True)
        if call["fn"] not in ("LMSGetErrorString", "LMSGetDiagnostic")
        and (a["error"], a["result"]) != (b["error"], b["result"])
    ]
    assert differences == []
    assert {b["error"] for b in ours} == {"0"}
