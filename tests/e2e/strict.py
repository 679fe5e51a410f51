"""A strict SCORM 1.2 checker for recorded API calls and final CMI values.

scorm-again, the LMS runtime of our tests, is lenient on purpose: it takes 64,000-character
suspend_data, one-digit timespan hours, identifiers with spaces, responses in any format, and
silently rewrites ``result="incorrect"`` to ``wrong``; after LMSFinish it still answers Get/Set
with error 0. "scorm-again reported no error" is therefore necessary, not sufficient. This
module checks the same calls against the letter of SCORM 1.2, so a package that passes here also
passes a strict LMS (Moodle with "scormstandard" on, the ADL 1.2 test suite).

    violations = check_calls(session.log())       # [] when the SCO followed SCORM 1.2
    violations += check_final_cmi(session.cmi())  # the values an LMS ends up storing

A call is a dict ``{"fn": "LMSSetValue", "args": [...], "result": ..., "error": ...}`` (the
entries of ``window.lmsLog`` in tests/lms/host.js; ``result`` and ``error`` are optional).
Each :class:`Violation` carries the call, the rule it breaks (its text cites the SCORM 1.2
Run-Time Environment, "RTE", chapter 3: section 3.3 is the API, 3.4 the data model, and the
element or data type by name) and a message. ``Violation.rule_id`` is a short stable key for
tests. The checklist rows (A1..A7 and section 4) in shared/docs/scorm12-checklist.md say the
same in prose.

Choices made where the RTE is loose (all cited in RULES below):

* CMIIdentifier: the RTE says "an alphanumeric group of characters with no white space or
  unprintable characters in it. Maximum of 255 characters". We take "no white space or
  unprintable" as the operative part: printable ASCII U+0021..U+007E, 1 to 255 characters.
  That is Moodle's 1.2 pattern (``^[\\u0021-\\u007E]{0,255}$``) except that an empty id is
  refused (an empty interaction/objective id identifies nothing).
* CMIDecimal: an optional minus, digits, optionally a point and digits (``2``, ``2.2``,
  ``-2.2``, the RTE's own examples). ``.5`` and ``2.`` are refused.
* Scores (cmi.core.score.*, cmi.objectives.n.score.*): CMIDecimal in 0..100 or blank (CMIBlank).
  The RTE 1.2 score is "normalized between 0 and 100"; scorm-again, Moodle and the ADL CTS all
  enforce the range.
* Interaction responses (student_response, correct_responses.n.pattern) are CMIFeedback
  (at most 255 characters) with the per-type format of the RTE's CMIFeedback table; the format
  is checked when the interaction's type was set earlier in the same log. An empty
  student_response is accepted (no answer given); an empty pattern is not.
* Array indices: n must be the current count (a new entry) or an existing index. Counts start
  at 0, or at ``initial_counts`` (what the LMS preloaded), and are overridden by every
  successful GetValue of a ``_count``; a successful SetValue at index == count adds an entry.
* Lifecycle counts use successful calls: an LMSInitialize or LMSFinish that returned "false"
  (for example an injected LMS fault) did not open or close the session, so a retry is fine.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

# --------------------------------------------------------------------------------------
# Rules
# --------------------------------------------------------------------------------------

RULES: dict[str, str] = {
    "argument-type": (
        "RTE 3.3 (API): every argument of the 8 API functions is a string, and each function "
        "takes exactly its parameters (checklist A2)"
    ),
    "empty-argument": (
        'RTE 3.3 (API): LMSInitialize(""), LMSFinish("") and LMSCommit("") take exactly the '
        "empty string; anything else is error 201 (checklist A3)"
    ),
    "initialize-once": (
        "RTE 3.3 (API), LMSInitialize: called exactly once, before any other call except the "
        "error functions (otherwise 301/101) (checklist A4)"
    ),
    "finish-once": (
        "RTE 3.3 (API), LMSFinish: called exactly once per session, on the normal exit path "
        "and on unload (checklist A4, A5)"
    ),
    "after-finish": (
        "RTE 3.3 (API): after LMSFinish only LMSGetLastError, LMSGetErrorString and "
        "LMSGetDiagnostic may be called (checklist A4)"
    ),
    "unknown-function": "RTE 3.3 (API): the API has exactly 8 functions (checklist A2)",
    "unknown-element": (
        "RTE 3.4 (data model): the element must be one of the SCORM 1.2 cmi.* elements "
        "(otherwise 201/401)"
    ),
    "keyword": (
        "RTE 3.4 (data model): _children, _count and _version are keywords and cannot be set "
        "(error 402)"
    ),
    "read-only": (
        "RTE 3.4 (data model): the element is read only (R) and cannot be set by the SCO (error "
        "403)"
    ),
    "write-only": (
        "RTE 3.4 (data model): the element is write only (W): cmi.core.exit, "
        "cmi.core.session_time and every cmi.interactions.n.* except n.objectives._count and "
        "n.correct_responses._count; reading it is error 404"
    ),
    "array-index": (
        "RTE 3.4 (data model), arrays (cmi.objectives, cmi.interactions and their "
        "objectives/correct_responses): index n must equal the current _count (a new entry) "
        "or an existing index; gaps are errors"
    ),
    "lesson-status": (
        "RTE 3.4, cmi.core.lesson_status (CMIVocabulary): the SCO may set passed, completed, "
        'failed, incomplete or browsed; "not attempted" can be read, never set (error 405)'
    ),
    "objective-status": (
        "RTE 3.4, cmi.objectives.n.status (CMIVocabulary): passed, completed, failed, "
        "incomplete, browsed or not attempted"
    ),
    "exit": (
        'RTE 3.4, cmi.core.exit (CMIVocabulary): time-out, suspend, logout or "" (no "normal": '
        "that is SCORM 2004)"
    ),
    "interaction-type": (
        "RTE 3.4, cmi.interactions.n.type (CMIVocabulary): true-false, choice, fill-in, "
        "matching, performance, sequencing, likert or numeric (no long-fill-in or other: 2004)"
    ),
    "interaction-result": (
        "RTE 3.4, cmi.interactions.n.result (CMIVocabulary or CMIDecimal): correct, wrong, "
        'unanticipated, neutral or a decimal (no "incorrect": that is SCORM 2004)'
    ),
    "timespan": (
        "RTE 3.4 data type CMITimespan: HHHH:MM:SS.SS, hours 2 to 4 digits, minutes and "
        "seconds exactly 2 digits and below 60, optional '.' and 1-2 digits (not ISO 8601 "
        "PT1M, which is 2004)"
    ),
    "time": (
        "RTE 3.4 data type CMITime (cmi.interactions.n.time): HH:MM:SS.SS, a valid time of day "
        "on a 24-hour clock, 2-digit fields, optional '.' and 1-2 digits"
    ),
    "decimal": (
        "RTE 3.4 data type CMIDecimal: an optional minus sign, digits, optionally a point and "
        "digits ('2', '2.2', '-2.2')"
    ),
    "score": (
        "RTE 3.4, cmi.core.score.raw/min/max and cmi.objectives.n.score.*: CMIDecimal "
        "normalised between 0 and 100, or blank (CMIBlank)"
    ),
    "sinteger-range": (
        "RTE 3.4, cmi.student_preference.audio (-1..100), speed (-100..100), text (-1..1): "
        "CMISInteger in range"
    ),
    "string255": "RTE 3.4 data type CMIString255: at most 255 characters",
    "string4096": (
        "RTE 3.4 data type CMIString4096 (cmi.suspend_data, cmi.comments): at most 4096 "
        "characters (scorm-again accepts 64,000)"
    ),
    "identifier": (
        "RTE 3.4 data type CMIIdentifier (objective and interaction ids): no white space or "
        "unprintable characters, at most 255: printable ASCII U+0021..U+007E, 1-255 characters"
    ),
    "feedback": (
        "RTE 3.4 data type CMIFeedback (student_response, correct_responses.n.pattern): at "
        "most 255 characters in the format of the interaction type: true-false 0/1/t/f; "
        "choice single characters 0-9a-z separated by commas, optionally in {}; fill-in and "
        "performance free text; likert one character; numeric a CMIDecimal; matching "
        "source.target pairs of single characters separated by commas; sequencing single "
        "characters separated by commas"
    ),
    "final-status": (
        "RTE 3.4, cmi.core.lesson_status at the end of a session: one of passed, completed, "
        'failed, incomplete, browsed (a SCO that never sets it leaves "not attempted")'
    ),
    "final-value": "RTE 3.4 (data model): the final value must have the element's data type",
}


@dataclass(frozen=True)
class Violation:
    """One breach of SCORM 1.2: the call (None for whole-log or final-CMI findings), the rule
    text citing the RTE, a specific message, and the rule's short key."""

    call: Mapping[str, Any] | None
    rule: str
    message: str
    rule_id: str = field(default="")

    def __str__(self) -> str:
        where = ""
        if self.call is not None:
            seq = self.call.get("seq")
            where = f"#{seq} " if seq is not None else ""
            where += describe_call(self.call) + ": "
        return f"{where}{self.message} [{self.rule}]"


def describe_call(call: Mapping[str, Any], width: int = 60) -> str:
    """``LMSSetValue("cmi.core.exit", "normal")`` with long arguments shortened."""

    def short(value: Any) -> str:
        if isinstance(value, str):
            text = value if len(value) <= width else f"{value[:width]}...({len(value)} chars)"
            return '"' + text.replace('"', '\\"') + '"'
        return repr(value)

    args = call.get("args") or []
    return f"{call.get('fn')}({', '.join(short(a) for a in args)})"


def _violation(rule_id: str, message: str, call: Mapping[str, Any] | None = None) -> Violation:
    return Violation(call=call, rule=RULES[rule_id], message=message, rule_id=rule_id)


# --------------------------------------------------------------------------------------
# Formats
# --------------------------------------------------------------------------------------

TIMESPAN_RE = re.compile(r"^(\d{2,4}):(\d{2}):(\d{2})(\.\d{1,2})?$")
TIME_RE = re.compile(r"^(\d{2}):(\d{2}):(\d{2})(\.\d{1,2})?$")
DECIMAL_RE = re.compile(r"^-?\d+(\.\d+)?$")
SINTEGER_RE = re.compile(r"^-?\d+$")
IDENTIFIER_RE = re.compile(r"^[\x21-\x7e]{1,255}$")

LESSON_STATUS_SETTABLE = frozenset({"passed", "completed", "failed", "incomplete", "browsed"})
LESSON_STATUS_ALL = LESSON_STATUS_SETTABLE | {"not attempted"}
EXIT_VALUES = frozenset({"time-out", "suspend", "logout", ""})
INTERACTION_TYPES = frozenset(
    {
        "true-false",
        "choice",
        "fill-in",
        "matching",
        "performance",
        "sequencing",
        "likert",
        "numeric",
    }
)
RESULT_WORDS = frozenset({"correct", "wrong", "unanticipated", "neutral"})
ENTRY_VALUES = frozenset({"ab-initio", "resume", ""})
CREDIT_VALUES = frozenset({"credit", "no-credit"})
LESSON_MODES = frozenset({"browse", "normal", "review"})

_CHAR = r"[0-9a-z]"
_RESPONSE_FORMATS: dict[str, re.Pattern[str]] = {
    "true-false": re.compile(r"^[01tf]$"),
    "choice": re.compile(rf"^(?:{_CHAR}(?:,{_CHAR})*|\{{{_CHAR}(?:,{_CHAR})*\}})$"),
    "likert": re.compile(rf"^{_CHAR}$"),
    "numeric": DECIMAL_RE,
    "matching": re.compile(
        rf"^(?:{_CHAR}\.{_CHAR}(?:,{_CHAR}\.{_CHAR})*|\{{{_CHAR}\.{_CHAR}(?:,{_CHAR}\.{_CHAR})*\}})$"
    ),
    "sequencing": re.compile(rf"^{_CHAR}(?:,{_CHAR})*$"),
}


def timespan_problem(value: str) -> str | None:
    """Why ``value`` is not a strict CMITimespan, or None."""
    m = TIMESPAN_RE.match(value)
    if not m:
        return f"{value!r} is not HHHH:MM:SS.SS (2-4 digit hours, 2-digit minutes and seconds)"
    if int(m.group(2)) >= 60 or int(m.group(3)) >= 60:
        return f"{value!r}: minutes and seconds must be below 60"
    return None


def time_problem(value: str) -> str | None:
    """Why ``value`` is not a strict CMITime (a time of day), or None."""
    m = TIME_RE.match(value)
    if not m:
        return f"{value!r} is not HH:MM:SS.SS (a time of day, not a timestamp)"
    if int(m.group(1)) >= 24 or int(m.group(2)) >= 60 or int(m.group(3)) >= 60:
        return f"{value!r} is not a valid time of day"
    return None


def decimal_problem(value: str) -> str | None:
    return None if DECIMAL_RE.match(value) else f"{value!r} is not a CMIDecimal"


def score_problem(value: str) -> str | None:
    if value == "":
        return None
    if not DECIMAL_RE.match(value):
        return f"{value!r} is not a CMIDecimal"
    if not 0 <= float(value) <= 100:
        return f"{value} is outside 0..100"
    return None


def identifier_problem(value: str) -> str | None:
    if IDENTIFIER_RE.match(value):
        return None
    if value == "":
        return "the identifier is empty"
    if len(value) > 255:
        return f"the identifier has {len(value)} characters (at most 255)"
    return f"{value!r} contains white space or characters outside printable ASCII"


def response_problem(interaction_type: str | None, value: str, *, pattern: bool) -> str | None:
    """Why ``value`` is not a CMIFeedback for ``interaction_type`` (None if unknown type)."""
    if len(value) > 255:
        return f"{len(value)} characters (CMIFeedback holds at most 255)"
    if value == "" and not pattern:
        return None
    if interaction_type is None or interaction_type not in INTERACTION_TYPES:
        return None
    fmt = _RESPONSE_FORMATS.get(interaction_type)
    if value == "":
        return f"an empty correct response pattern for a {interaction_type} interaction"
    if fmt is not None and not fmt.match(value):
        return f"{value!r} is not in the {interaction_type} format"
    return None


# --------------------------------------------------------------------------------------
# The data model
# --------------------------------------------------------------------------------------

# Templates: "n" and "m" stand for an array index.
_ELEMENTS: dict[str, str] = {
    "cmi._version": "K",
    "cmi.core._children": "K",
    "cmi.core.student_id": "R",
    "cmi.core.student_name": "R",
    "cmi.core.lesson_location": "RW",
    "cmi.core.credit": "R",
    "cmi.core.lesson_status": "RW",
    "cmi.core.entry": "R",
    "cmi.core.score._children": "K",
    "cmi.core.score.raw": "RW",
    "cmi.core.score.min": "RW",
    "cmi.core.score.max": "RW",
    "cmi.core.total_time": "R",
    "cmi.core.lesson_mode": "R",
    "cmi.core.exit": "W",
    "cmi.core.session_time": "W",
    "cmi.suspend_data": "RW",
    "cmi.launch_data": "R",
    "cmi.comments": "RW",
    "cmi.comments_from_lms": "R",
    "cmi.objectives._children": "K",
    "cmi.objectives._count": "K",
    "cmi.objectives.n.id": "RW",
    "cmi.objectives.n.score._children": "K",
    "cmi.objectives.n.score.raw": "RW",
    "cmi.objectives.n.score.min": "RW",
    "cmi.objectives.n.score.max": "RW",
    "cmi.objectives.n.status": "RW",
    "cmi.student_data._children": "K",
    "cmi.student_data.mastery_score": "R",
    "cmi.student_data.max_time_allowed": "R",
    "cmi.student_data.time_limit_action": "R",
    "cmi.student_preference._children": "K",
    "cmi.student_preference.audio": "RW",
    "cmi.student_preference.language": "RW",
    "cmi.student_preference.speed": "RW",
    "cmi.student_preference.text": "RW",
    "cmi.interactions._children": "K",
    "cmi.interactions._count": "K",
    "cmi.interactions.n.id": "W",
    "cmi.interactions.n.objectives._count": "K",
    "cmi.interactions.n.objectives.m.id": "W",
    "cmi.interactions.n.time": "W",
    "cmi.interactions.n.type": "W",
    "cmi.interactions.n.correct_responses._count": "K",
    "cmi.interactions.n.correct_responses.m.pattern": "W",
    "cmi.interactions.n.weighting": "W",
    "cmi.interactions.n.student_response": "W",
    "cmi.interactions.n.result": "W",
    "cmi.interactions.n.latency": "W",
}
"""Every SCORM 1.2 element and its access: R read only, W write only, RW both, K keyword
(readable, never settable)."""

_INDEX = r"(0|[1-9]\d*)"


def _template_regex(template: str) -> re.Pattern[str]:
    parts = [_INDEX if p in ("n", "m") else re.escape(p) for p in template.split(".")]
    return re.compile("^" + r"\.".join(parts) + "$")


_ELEMENT_PATTERNS: list[tuple[str, str, re.Pattern[str]]] = [
    (template, access, _template_regex(template)) for template, access in _ELEMENTS.items()
]


@dataclass(frozen=True)
class Element:
    """A concrete element name resolved against the data model."""

    name: str
    template: str
    access: str
    indices: tuple[int, ...]


def resolve_element(name: str) -> Element | None:
    """The data-model entry for ``name`` (``cmi.interactions.3.id`` ->
    ``cmi.interactions.n.id``, indices (3,)), or None when SCORM 1.2 has no such element."""
    for template, access, pattern in _ELEMENT_PATTERNS:
        m = pattern.match(name)
        if m:
            return Element(name, template, access, tuple(int(g) for g in m.groups()))
    return None


def _arrays_of(element: Element) -> list[tuple[str, int]]:
    """The (array path, index) pairs an element addresses, outermost first:
    ``cmi.interactions.2.objectives.0.id`` -> [("cmi.interactions", 2),
    ("cmi.interactions.2.objectives", 0)]."""
    out: list[tuple[str, int]] = []
    parts = element.template.split(".")
    concrete = element.name.split(".")
    for i, part in enumerate(parts):
        if part in ("n", "m"):
            out.append((".".join(concrete[:i]), int(concrete[i])))
    return out


def _count_target(element: Element) -> str | None:
    """For a ``..._count`` keyword, the array whose count it is."""
    if element.template.endswith("._count"):
        return element.name[: -len("._count")]
    return None


# --------------------------------------------------------------------------------------
# Value checks for SetValue
# --------------------------------------------------------------------------------------


def _value_problem(
    element: Element, value: str, interaction_types: Mapping[int, str]
) -> tuple[str, str] | None:
    """(rule_id, message) when ``value`` is not valid for ``element``."""
    t = element.template
    if t == "cmi.core.lesson_status":
        if value not in LESSON_STATUS_SETTABLE:
            return "lesson-status", f"{value!r} cannot be set as lesson_status"
    elif t == "cmi.objectives.n.status":
        if value not in LESSON_STATUS_ALL:
            return "objective-status", f"{value!r} is not an objective status"
    elif t == "cmi.core.exit":
        if value not in EXIT_VALUES:
            return "exit", f"{value!r} is not a SCORM 1.2 exit value"
    elif t in ("cmi.core.session_time", "cmi.interactions.n.latency"):
        problem = timespan_problem(value)
        if problem:
            return "timespan", problem
    elif t == "cmi.interactions.n.time":
        problem = time_problem(value)
        if problem:
            return "time", problem
    elif t.endswith(".score.raw") or t.endswith(".score.min") or t.endswith(".score.max"):
        problem = score_problem(value)
        if problem:
            return "score", problem
    elif t in ("cmi.core.lesson_location", "cmi.student_preference.language"):
        if len(value) > 255:
            return "string255", f"{len(value)} characters (at most 255)"
    elif t in ("cmi.suspend_data", "cmi.comments"):
        if len(value) > 4096:
            return "string4096", f"{len(value)} characters (at most 4096)"
    elif t in (
        "cmi.objectives.n.id",
        "cmi.interactions.n.id",
        "cmi.interactions.n.objectives.m.id",
    ):
        problem = identifier_problem(value)
        if problem:
            return "identifier", problem
    elif t == "cmi.interactions.n.type":
        if value not in INTERACTION_TYPES:
            return "interaction-type", f"{value!r} is not a SCORM 1.2 interaction type"
    elif t == "cmi.interactions.n.result":
        if value not in RESULT_WORDS and not DECIMAL_RE.match(value):
            return "interaction-result", f"{value!r} is not a SCORM 1.2 result"
    elif t == "cmi.interactions.n.weighting":
        problem = decimal_problem(value)
        if problem:
            return "decimal", problem
    elif t in (
        "cmi.interactions.n.student_response",
        "cmi.interactions.n.correct_responses.m.pattern",
    ):
        kind = interaction_types.get(element.indices[0])
        problem = response_problem(kind, value, pattern=t.endswith(".pattern"))
        if problem:
            return "feedback", problem
    elif t.startswith("cmi.student_preference."):
        low, high = {"audio": (-1, 100), "speed": (-100, 100), "text": (-1, 1)}[t.rsplit(".", 1)[1]]
        if not SINTEGER_RE.match(value) or not low <= int(value) <= high:
            return "sinteger-range", f"{value!r} is not an integer in {low}..{high}"
    return None


# --------------------------------------------------------------------------------------
# check_calls
# --------------------------------------------------------------------------------------

API_FUNCTIONS = (
    "LMSInitialize",
    "LMSFinish",
    "LMSGetValue",
    "LMSSetValue",
    "LMSCommit",
    "LMSGetLastError",
    "LMSGetErrorString",
    "LMSGetDiagnostic",
)
ERROR_FUNCTIONS = frozenset({"LMSGetLastError", "LMSGetErrorString", "LMSGetDiagnostic"})
_ARITY = {
    "LMSInitialize": 1,
    "LMSFinish": 1,
    "LMSCommit": 1,
    "LMSGetValue": 1,
    "LMSSetValue": 2,
    "LMSGetLastError": 0,
    "LMSGetErrorString": 1,
    "LMSGetDiagnostic": 1,
}


def _succeeded(call: Mapping[str, Any]) -> bool:
    """True unless the log says the LMS refused the call (a bare log counts as success)."""
    return call.get("result") in (None, "true")


def check_calls(
    log: Iterable[Mapping[str, Any]],
    *,
    initial_counts: Mapping[str, int] | None = None,
    require_finish: bool = True,
) -> list[Violation]:
    """Every way ``log`` breaks SCORM 1.2, in call order (whole-log findings last).

    ``initial_counts`` gives array sizes the LMS preloaded (``{"cmi.interactions": 3}``) for
    SCOs that write at existing indices without reading ``_count`` first. ``require_finish``
    False skips "LMSFinish never called" (for a session still running).
    """
    out: list[Violation] = []
    counts: dict[str, int] = dict(initial_counts or {})
    interaction_types: dict[int, str] = {}
    initialized = False
    finished = False

    for call in log:
        fn = call.get("fn")
        args = list(call.get("args") or [])
        if fn not in API_FUNCTIONS:
            out.append(_violation("unknown-function", f"{fn!r} is not an API function", call))
            continue

        bad_types = [a for a in args if not isinstance(a, str)]
        if bad_types or len(args) != _ARITY[fn]:
            if bad_types:
                message = f"non-string argument(s) {bad_types!r}"
            else:
                message = f"{len(args)} argument(s) given, {_ARITY[fn]} expected"
            out.append(_violation("argument-type", message, call))

        if fn in ERROR_FUNCTIONS:
            continue

        if finished and fn != "LMSFinish":
            out.append(_violation("after-finish", f"{fn} after LMSFinish", call))
            continue

        if fn in ("LMSInitialize", "LMSFinish", "LMSCommit") and len(args) == 1 and args[0] != "":
            out.append(_violation("empty-argument", f'{fn} must be called with ""', call))

        if fn == "LMSInitialize":
            if initialized:
                out.append(_violation("initialize-once", "LMSInitialize called again", call))
            elif _succeeded(call):
                initialized = True
            continue

        if not initialized:
            out.append(_violation("initialize-once", f"{fn} before LMSInitialize", call))
            if fn == "LMSFinish":
                continue

        if fn == "LMSFinish":
            if finished:
                out.append(_violation("finish-once", "LMSFinish called again", call))
            elif _succeeded(call):
                finished = True
            continue

        if fn == "LMSCommit":
            continue

        name = args[0] if args and isinstance(args[0], str) else None
        if name is None:
            continue
        element = resolve_element(name)
        if element is None:
            out.append(_violation("unknown-element", f"{name!r} is not a SCORM 1.2 element", call))
            continue

        if fn == "LMSGetValue":
            if element.access == "W":
                out.append(_violation("write-only", f"{name} is write only", call))
            else:
                for array, index in _arrays_of(element):
                    if index >= counts.get(array, 0):
                        out.append(
                            _violation(
                                "array-index",
                                f"reads entry {index} of {array}, which has "
                                f"{counts.get(array, 0)} entries",
                                call,
                            )
                        )
                        break
            target = _count_target(element)
            if target is not None and call.get("error") in (None, "0"):
                result = call.get("result")
                if isinstance(result, str) and result.isdigit():
                    counts[target] = int(result)
            continue

        # LMSSetValue
        if element.access == "K":
            out.append(_violation("keyword", f"{name} is a keyword", call))
            continue
        if element.access == "R":
            out.append(_violation("read-only", f"{name} is read only", call))
            continue
        value = args[1] if len(args) > 1 and isinstance(args[1], str) else None

        index_ok = True
        for array, index in _arrays_of(element):
            count = counts.get(array, 0)
            if index > count:
                out.append(
                    _violation(
                        "array-index",
                        f"index {index} of {array} skips ahead: its _count is {count}, so the "
                        f"next new entry is {count}",
                        call,
                    )
                )
                index_ok = False
                break
        if index_ok and _succeeded(call):
            for array, index in _arrays_of(element):
                if index == counts.get(array, 0):
                    counts[array] = index + 1

        if value is None:
            continue
        if element.template == "cmi.interactions.n.type" and value in INTERACTION_TYPES:
            interaction_types[element.indices[0]] = value
        problem = _value_problem(element, value, interaction_types)
        if problem:
            rule_id, message = problem
            out.append(_violation(rule_id, f"{name}: {message}", call))

    if not initialized:
        out.append(_violation("initialize-once", "LMSInitialize was never called (successfully)"))
    elif require_finish and not finished:
        out.append(_violation("finish-once", "LMSFinish was never called (successfully)"))
    return out


# --------------------------------------------------------------------------------------
# check_final_cmi
# --------------------------------------------------------------------------------------


def flatten_cmi(cmi: Mapping[str, Any]) -> dict[str, str]:
    """``{"cmi.core.lesson_status": ...}`` from scorm-again's nested JSON (``{"core": {...}}``
    or ``{"cmi": {...}}``) or from an already flattened dict; only string values are kept."""
    if any(isinstance(k, str) and k.startswith("cmi.") for k in cmi):
        return {k: v for k, v in cmi.items() if isinstance(v, str)}
    root = cmi.get("cmi", cmi)
    out: dict[str, str] = {}

    def walk(node: Any, prefix: str) -> None:
        if isinstance(node, Mapping):
            for key, value in node.items():
                walk(value, f"{prefix}.{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, f"{prefix}.{i}")
        elif isinstance(node, str):
            out[prefix] = node

    walk(root, "cmi")
    return out


def check_final_cmi(
    cmi: Mapping[str, Any], *, allow_not_attempted: bool = False
) -> list[Violation]:
    """Strict SCORM 1.2 checks of the values an LMS stores at the end of a session.

    ``cmi`` is ``LmsSession.cmi()`` (nested, scorm-again's export) or ``flat_cmi()``. Values
    scorm-again rewrote on the way in (``incorrect`` -> ``wrong``, exit ``normal`` -> ``""``)
    look valid here: :func:`check_calls` is what catches those.
    """
    flat = flatten_cmi(cmi)
    out: list[Violation] = []
    types: dict[int, str] = {}
    for name, value in flat.items():
        element = resolve_element(name)
        if element is not None and element.template == "cmi.interactions.n.type":
            types[element.indices[0]] = value

    status = flat.get("cmi.core.lesson_status")
    if status is not None:
        allowed = LESSON_STATUS_ALL if allow_not_attempted else LESSON_STATUS_SETTABLE
        if status not in allowed:
            out.append(_violation("final-status", f"final lesson_status is {status!r}"))

    for name, value in sorted(flat.items()):
        element = resolve_element(name)
        if element is None or value == "":
            # Blank is every element's "no value" (CMIBlank), except where checked above.
            continue
        t = element.template
        problem: tuple[str, str] | None = None
        if t == "cmi.core.lesson_status":
            continue
        if t == "cmi.core.entry" and value not in ENTRY_VALUES:
            problem = ("final-value", f"entry {value!r}")
        elif t == "cmi.core.credit" and value not in CREDIT_VALUES:
            problem = ("final-value", f"credit {value!r}")
        elif t == "cmi.core.lesson_mode" and value not in LESSON_MODES:
            problem = ("final-value", f"lesson_mode {value!r}")
        elif t == "cmi.core.total_time":
            message = timespan_problem(value)
            problem = ("timespan", message) if message else None
        elif element.access in ("RW", "W"):
            problem = _value_problem(element, value, types)
        if problem:
            rule_id, message = problem
            out.append(_violation(rule_id, f"final {name}: {message}"))
    return out


def format_violations(violations: Iterable[Violation]) -> str:
    """One violation per line, for assertion messages."""
    return "\n".join(str(v) for v in violations)
