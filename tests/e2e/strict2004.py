"""A strict SCORM 2004 4th Edition checker for recorded API calls (the 2004 twin of strict.py).

scorm-again's Scorm2004API is lenient where the RTE is not: its long_identifier_type takes any
string of up to 4,000 characters (spaces included), its ISO 8601 duration pattern takes "P",
"PT", "P1H" and "PT1,5.5S", it never asks whether a SCO wrote cmi.exit or cmi.session_time
before Terminate, and it does not require an interaction's id to be written before the rest of
it. This module holds the same calls to the letter of the SCORM 2004 4th Edition Run-Time
Environment ("RTE": 3.1 the API and its error codes, 4.1 data types, 4.2 the data model).

    violations = check_calls(session.log())      # [] when the SCO followed SCORM 2004
    violations += check_final_cmi(session.flat_cmi())

Calls are ``{"fn", "args", "result", "error"}`` dicts (``window.lmsLog`` of tests/lms/host.js
over Scorm2004API); a :class:`strict.Violation` names the call, the rule and what is wrong.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .strict import Violation

RULES: dict[str, str] = {
    "unknown-function": "RTE 3.1: the API_1484_11 instance has exactly 8 functions",
    "argument-type": "RTE 3.1: every argument is a characterstring, exactly the function's",
    "empty-argument": 'RTE 3.1.3: Initialize(""), Terminate("") and Commit("") take ""',
    "initialize-once": "RTE 3.1.3.1: Initialize once, before anything but the error functions "
    "(103 already initialized; 122/132/142/112 before it)",
    "terminate-once": "RTE 3.1.3.2: Terminate exactly once per session (113 after termination)",
    "after-terminate": "RTE 3.1.3.2: after Terminate only GetLastError, GetErrorString and "
    "GetDiagnostic (123/133/143)",
    "unknown-element": "RTE 4.2: an element of the SCORM 2004 data model (401)",
    "read-only": "RTE 4.2: read-only element (404)",
    "write-only": "RTE 4.2: write-only element: cmi.exit, cmi.session_time (405)",
    "vocabulary": "RTE 4.2: the element's state vocabulary, exactly (406)",
    "format": "RTE 4.1: the element's data type (406)",
    "range": "RTE 4.2: the value is outside the element's range (407)",
    "limit": "RTE 4.2: longer than the element's smallest permitted maximum (SPM)",
    "array-index": "RTE 4.2.8: n is the current _count (a new record) or an existing record",
    "id-first": "RTE 4.2.8.1: an interaction's id is set before any other of its elements (408)",
    "type-first": "RTE 4.2.8.2: learner_response and correct_responses need the type first (408)",
    "pattern-count": "RTE 4.2.8.5: true-false, likert and numeric have one correct response",
    "exit-before-terminate": "RTE 4.2.7: cmi.exit is set before Terminate (the LMS must know "
    "whether to suspend the attempt)",
    "session-time": "RTE 4.2.20: the SCO reports cmi.session_time before Terminate",
    "completion-reported": "RTE 4.2.3: a SCO that tracks completion reports it (not unknown)",
    "scaled-score": "RTE 4.2.19.4: with a scaled passing score, success is judged from "
    "cmi.score.scaled, so a SCO that reports success reports the scaled score",
    "scaled-consistent": "cbtforge: cmi.score.scaled = (raw - min) / (max - min), so LMS "
    "reports of raw and scaled agree (the RTE recommends, does not require)",
}

API_FUNCTIONS = (
    "Initialize",
    "Terminate",
    "GetValue",
    "SetValue",
    "Commit",
    "GetLastError",
    "GetErrorString",
    "GetDiagnostic",
)
ERROR_FUNCTIONS = frozenset({"GetLastError", "GetErrorString", "GetDiagnostic"})
_ARITY = {fn: 1 for fn in API_FUNCTIONS} | {"SetValue": 2, "GetLastError": 0}

COMPLETION = frozenset({"completed", "incomplete", "not attempted", "unknown"})
SUCCESS = frozenset({"passed", "failed", "unknown"})
EXIT = frozenset({"timeout", "suspend", "logout", "normal", ""})
TYPES = frozenset(
    {
        "true-false",
        "choice",
        "fill-in",
        "long-fill-in",
        "likert",
        "matching",
        "performance",
        "sequencing",
        "numeric",
        "other",
    }
)
RESULTS = frozenset({"correct", "incorrect", "unanticipated", "neutral"})
NAV_REQUESTS = frozenset(
    {"continue", "previous", "exit", "exitAll", "abandon", "abandonAll", "suspendAll", "_none_"}
)

# RTE 4.1.1.5 timeinterval (second,10,2): P[yY][mM][dD][T[hH][nM][s[.s]S]], T only before a
# time part, at least one part, at most two decimals of seconds.
DURATION_RE = re.compile(
    r"^P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)?)?$"
)
# RTE 4.1.1.6 time (second,10,0): YYYY[-MM[-DD[Thh[:mm[:ss[.s[TZD]]]]]]], 1970..2038.
TIME_RE = re.compile(
    r"^(19[7-9]\d|20[0-2]\d|203[0-8])(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01])"
    r"(T([01]\d|2[0-3])(:[0-5]\d(:[0-5]\d(\.\d{1,2}(Z|[+-]([01]\d|2[0-3])(:[0-5]\d)?)?)?)?)?)?)?)?$"
)
REAL_RE = re.compile(r"^-?\d+(\.\d+)?$")
# RTE 4.1.1.3 short_identifier_type / long_identifier_type: a URI (RFC 3986), no white space.
URI_RE = re.compile(r"^([A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})+$")
LANG_RE = re.compile(r"^\{lang=([A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*)\}")
BOOL_DELIM_RE = re.compile(r"^\{(case_matters|order_matters)=(true|false)\}")


@dataclass(frozen=True)
class Element:
    template: str
    access: str  # "R", "W", "RW"


_N = r"(0|[1-9]\d*)"
_ELEMENTS: list[tuple[str, str]] = [
    ("cmi._version", "R"),
    ("cmi.comments_from_learner._children", "R"),
    ("cmi.comments_from_learner._count", "R"),
    ("cmi.comments_from_learner.n.comment", "RW"),
    ("cmi.comments_from_learner.n.location", "RW"),
    ("cmi.comments_from_learner.n.timestamp", "RW"),
    ("cmi.comments_from_lms._children", "R"),
    ("cmi.comments_from_lms._count", "R"),
    ("cmi.comments_from_lms.n.comment", "R"),
    ("cmi.comments_from_lms.n.location", "R"),
    ("cmi.comments_from_lms.n.timestamp", "R"),
    ("cmi.completion_status", "RW"),
    ("cmi.completion_threshold", "R"),
    ("cmi.credit", "R"),
    ("cmi.entry", "R"),
    ("cmi.exit", "W"),
    ("cmi.interactions._children", "R"),
    ("cmi.interactions._count", "R"),
    ("cmi.interactions.n.id", "RW"),
    ("cmi.interactions.n.type", "RW"),
    ("cmi.interactions.n.objectives._count", "R"),
    ("cmi.interactions.n.objectives.n.id", "RW"),
    ("cmi.interactions.n.timestamp", "RW"),
    ("cmi.interactions.n.correct_responses._count", "R"),
    ("cmi.interactions.n.correct_responses.n.pattern", "RW"),
    ("cmi.interactions.n.weighting", "RW"),
    ("cmi.interactions.n.learner_response", "RW"),
    ("cmi.interactions.n.result", "RW"),
    ("cmi.interactions.n.latency", "RW"),
    ("cmi.interactions.n.description", "RW"),
    ("cmi.launch_data", "R"),
    ("cmi.learner_id", "R"),
    ("cmi.learner_name", "R"),
    ("cmi.learner_preference._children", "R"),
    ("cmi.learner_preference.audio_level", "RW"),
    ("cmi.learner_preference.language", "RW"),
    ("cmi.learner_preference.delivery_speed", "RW"),
    ("cmi.learner_preference.audio_captioning", "RW"),
    ("cmi.location", "RW"),
    ("cmi.max_time_allowed", "R"),
    ("cmi.mode", "R"),
    ("cmi.objectives._children", "R"),
    ("cmi.objectives._count", "R"),
    ("cmi.objectives.n.id", "RW"),
    ("cmi.objectives.n.score._children", "R"),
    ("cmi.objectives.n.score.scaled", "RW"),
    ("cmi.objectives.n.score.raw", "RW"),
    ("cmi.objectives.n.score.min", "RW"),
    ("cmi.objectives.n.score.max", "RW"),
    ("cmi.objectives.n.success_status", "RW"),
    ("cmi.objectives.n.completion_status", "RW"),
    ("cmi.objectives.n.progress_measure", "RW"),
    ("cmi.objectives.n.description", "RW"),
    ("cmi.progress_measure", "RW"),
    ("cmi.scaled_passing_score", "R"),
    ("cmi.score._children", "R"),
    ("cmi.score.scaled", "RW"),
    ("cmi.score.raw", "RW"),
    ("cmi.score.min", "RW"),
    ("cmi.score.max", "RW"),
    ("cmi.session_time", "W"),
    ("cmi.success_status", "RW"),
    ("cmi.suspend_data", "RW"),
    ("cmi.time_limit_action", "R"),
    ("cmi.total_time", "R"),
    ("adl.nav.request", "RW"),
    ("adl.nav.request_valid.continue", "R"),
    ("adl.nav.request_valid.previous", "R"),
]
_PATTERNS = [
    (re.compile("^" + re.escape(t).replace(r"\.n\.", r"\." + _N + r"\.") + "$"), Element(t, a))
    for t, a in _ELEMENTS
]
_NAV_TARGET_RE = re.compile(r"^adl\.nav\.request_valid\.(choice|jump)\.\{target=[^}]+\}$")

# SPMs in characters (RTE 4.2).
LIMITS = {
    "cmi.location": 1000,
    "cmi.suspend_data": 64000,
    "cmi.comments_from_learner.n.comment": 4000,
    "cmi.comments_from_learner.n.location": 250,
    "cmi.interactions.n.description": 250,
    "cmi.objectives.n.description": 250,
    "cmi.interactions.n.id": 4000,
    "cmi.objectives.n.id": 4000,
    "cmi.interactions.n.objectives.n.id": 4000,
}


def resolve(name: str) -> tuple[Element, list[int]] | None:
    for regex, element in _PATTERNS:
        m = regex.match(name)
        if m:
            return element, [int(i) for i in re.findall(r"\.(\d+)\.", name)]
    if _NAV_TARGET_RE.match(name):
        return Element("adl.nav.request_valid.target", "R"), []
    return None


def _v(rule_id: str, message: str, call: Mapping[str, Any] | None = None) -> Violation:
    return Violation(call=call, rule=RULES[rule_id], message=message, rule_id=rule_id)


# --------------------------------------------------------------------------------------
# Values
# --------------------------------------------------------------------------------------


def duration_problem(value: str) -> str | None:
    return None if DURATION_RE.match(value) else f"{value!r} is not an ISO 8601 timeinterval"


def time_problem(value: str) -> str | None:
    return None if TIME_RE.match(value) else f"{value!r} is not an ISO 8601 time (RTE 4.1.1.6)"


def _real(
    value: str, low: float | None = None, high: float | None = None
) -> tuple[str, str] | None:
    if not REAL_RE.match(value):
        return ("format", f"{value!r} is not a real number")
    number = float(value)
    if (low is not None and number < low) or (high is not None and number > high):
        return ("range", f"{value} is outside {low}..{high}")
    return None


def identifier_problem(value: str, limit: int) -> str | None:
    if not value:
        return "an identifier cannot be empty"
    if len(value) > limit:
        return f"identifier of {len(value)} characters (SPM {limit})"
    if not URI_RE.match(value):
        return f"{value!r} is not a URI (RFC 3986): no white space or other characters"
    if value.startswith("urn:") and not re.match(r"^urn:[A-Za-z0-9][A-Za-z0-9-]{0,31}:\S+$", value):
        return f"{value!r} is not a valid URN (RFC 2141)"
    return None


def _lang_string(text: str, limit: int) -> str | None:
    m = LANG_RE.match(text)
    if text.startswith("{") and not m:
        return f"{text[:30]!r} starts with '{{' that is not a {{lang=...}} delimiter"
    body = text[m.end() :] if m else text
    if body.startswith("{"):
        return f"{text[:30]!r}: a second delimiter after {{lang=}}"
    if len(body) > limit:
        return f"a string of {len(body)} characters (SPM {limit})"
    return None


def response_problem(kind: str | None, value: str, *, pattern: bool) -> tuple[str, str] | None:
    """The RTE 4.2.8.5 format of a learner_response (or a correct_responses pattern)."""
    if kind is None:
        return ("type-first", "the interaction's type is not set")
    if kind == "true-false":
        return None if value in ("true", "false") else ("format", f"{value!r} is not true/false")
    if kind in ("choice", "sequencing"):
        items = [] if value == "" else value.split("[,]")
        if len(items) > 36:
            return ("limit", f"{len(items)} identifiers (SPM 36)")
        for item in items:
            problem = identifier_problem(item, 250)
            if problem:
                return ("format", problem)
        if kind == "choice" and len(set(items)) != len(items):
            return ("format", "a choice lists an identifier twice")
        return None
    if kind in ("fill-in", "long-fill-in"):
        text = value
        if pattern:
            seen: set[str] = set()
            while True:
                m = BOOL_DELIM_RE.match(text)
                if not m:
                    break
                if m.group(1) in seen or (kind == "long-fill-in" and m.group(1) == "order_matters"):
                    return ("format", f"delimiter {m.group(0)} is repeated or not allowed here")
                seen.add(m.group(1))
                text = text[m.end() :]
        parts = [text] if kind == "long-fill-in" else text.split("[,]")
        if kind == "fill-in" and len(parts) > 10:
            return ("limit", f"{len(parts)} strings (SPM 10)")
        for part in parts:
            problem = _lang_string(part, 4000 if kind == "long-fill-in" else 250)
            if problem:
                return ("format", problem)
        return None
    if kind == "likert":
        problem = identifier_problem(value, 250)
        return ("format", problem) if problem else None
    if kind == "numeric":
        if pattern:
            bounds = value.split("[:]")
            if len(bounds) == 2 and all(b == "" or REAL_RE.match(b) for b in bounds):
                return None
        return None if REAL_RE.match(value) else ("format", f"{value!r} is not a real number")
    if kind == "other":
        return ("limit", f"{len(value)} characters (SPM 4000)") if len(value) > 4000 else None
    if kind == "matching":
        # source[.]target pairs separated by [,] (RTE 4.2.8.5), each a short identifier.
        pairs = [] if value == "" else value.split("[,]")
        if len(pairs) > 36:
            return ("limit", f"{len(pairs)} pairs (SPM 36)")
        for pair in pairs:
            parts = pair.split("[.]")
            if len(parts) != 2:
                return ("format", f"{pair!r} is not source[.]target")
            for part in parts:
                problem = identifier_problem(part, 250)
                if problem:
                    return ("format", problem)
        return None
    return None  # performance: not written by cbtforge; scorm-again checks it


def value_problem(
    element: Element, value: str, types: Mapping[int, str], indices: list[int]
) -> tuple[str, str] | None:
    t = element.template
    if t == "cmi.completion_status":
        return None if value in COMPLETION else ("vocabulary", f"completion_status {value!r}")
    if t == "cmi.success_status":
        return None if value in SUCCESS else ("vocabulary", f"success_status {value!r}")
    if t == "cmi.exit":
        return None if value in EXIT else ("vocabulary", f"exit {value!r}")
    if t in ("cmi.session_time", "cmi.interactions.n.latency"):
        problem = duration_problem(value)
        return ("format", problem) if problem else None
    if t in ("cmi.interactions.n.timestamp", "cmi.comments_from_learner.n.timestamp"):
        problem = time_problem(value)
        return ("format", problem) if problem else None
    if t in ("cmi.score.scaled", "cmi.objectives.n.score.scaled"):
        return _real(value, -1, 1)
    if t in ("cmi.progress_measure", "cmi.objectives.n.progress_measure"):
        return _real(value, 0, 1)
    if t.endswith((".score.raw", ".score.min", ".score.max", ".weighting")):
        return _real(value)
    if t == "cmi.interactions.n.type":
        return None if value in TYPES else ("vocabulary", f"interaction type {value!r}")
    if t == "cmi.interactions.n.result":
        if value in RESULTS or REAL_RE.match(value):
            return None
        return ("vocabulary", f"result {value!r} (2004 says incorrect, not wrong)")
    if t.endswith(".id"):
        problem = identifier_problem(value, 4000)
        return ("format", problem) if problem else None
    if t == "cmi.interactions.n.learner_response":
        return response_problem(types.get(indices[0]), value, pattern=False)
    if t == "cmi.interactions.n.correct_responses.n.pattern":
        return response_problem(types.get(indices[0]), value, pattern=True)
    if t == "adl.nav.request":
        if value in NAV_REQUESTS or re.match(r"^\{target=[^}]+\}(choice|jump)$", value):
            return None
        return ("vocabulary", f"adl.nav.request {value!r}")
    limit = LIMITS.get(t)
    if limit is not None and len(value) > limit:
        return ("limit", f"{len(value):,} characters (SPM {limit:,})")
    return None


# --------------------------------------------------------------------------------------
# Calls
# --------------------------------------------------------------------------------------


def _succeeded(call: Mapping[str, Any]) -> bool:
    return call.get("result") in (None, "true")


def check_calls(
    log: Iterable[Mapping[str, Any]],
    *,
    initial_counts: Mapping[str, int] | None = None,
    require_finish: bool = True,
) -> list[Violation]:
    """Every way ``log`` breaks SCORM 2004 4th Edition, in call order (whole-log last)."""
    out: list[Violation] = []
    counts: dict[str, int] = dict(initial_counts or {})
    types: dict[int, str] = {}
    pattern_counts: dict[int, int] = {}
    initialized = terminated = False
    exit_set = time_set = False
    for call in log:
        fn, args = call.get("fn"), list(call.get("args") or [])
        if fn not in API_FUNCTIONS:
            out.append(_v("unknown-function", f"{fn!r} is not a SCORM 2004 function", call))
            continue
        if len(args) != _ARITY[fn] or not all(isinstance(a, str) for a in args):
            out.append(_v("argument-type", f"{fn} takes {_ARITY[fn]} string argument(s)", call))
            continue
        if fn in ERROR_FUNCTIONS:
            continue
        if terminated:
            out.append(_v("after-terminate", f"{fn} after Terminate", call))
            continue
        if fn in ("Initialize", "Terminate", "Commit") and args[0] != "":
            out.append(_v("empty-argument", f'{fn}("{args[0]}")', call))
        if fn == "Initialize":
            if initialized:
                out.append(_v("initialize-once", "a second Initialize", call))
            initialized = initialized or _succeeded(call)
            continue
        if not initialized:
            out.append(_v("initialize-once", f"{fn} before Initialize", call))
            continue
        if fn == "Terminate":
            if not exit_set:
                out.append(_v("exit-before-terminate", "Terminate without cmi.exit", call))
            if not time_set:
                out.append(_v("session-time", "Terminate without cmi.session_time", call))
            terminated = _succeeded(call)
            continue
        if fn == "Commit":
            continue
        name = args[0]
        found = resolve(name)
        if found is None:
            out.append(_v("unknown-element", f"{name!r} is not a SCORM 2004 element", call))
            continue
        element, indices = found
        if fn == "GetValue":
            if element.access == "W":
                out.append(_v("write-only", f"{name} cannot be read", call))
            m = re.match(r"^(.*)\._count$", name)
            if m and call.get("error") in (None, "0"):
                with contextlib.suppress(ValueError):
                    counts[m.group(1)] = int(call.get("result") or 0)
            continue
        value = args[1]
        if element.access == "R":
            out.append(_v("read-only", f"{name} cannot be set", call))
            continue
        # Arrays: n must be _count (new) or an existing index, outermost first.
        array_problem = False
        for m in re.finditer(r"^((?:[a-z_]+\.)*?[a-z_]+)\.(\d+)\.", name):
            array = m.group(1)
            n = int(m.group(2))
            count = counts.get(array, 0)
            if n > count:
                out.append(_v("array-index", f"{array}.{n} while _count is {count}", call))
                array_problem = True
            elif n == count and not name.endswith(".id") and array == "cmi.interactions":
                out.append(_v("id-first", f"{array}.{n} is new: its id comes first", call))
                array_problem = True
        m2 = re.match(r"^cmi\.interactions\.(\d+)\.correct_responses\.(\d+)\.pattern$", name)
        if m2:
            inner = f"cmi.interactions.{m2.group(1)}.correct_responses"
            if int(m2.group(2)) > counts.get(inner, 0):
                out.append(_v("array-index", f"{inner}.{m2.group(2)} skips an index", call))
                array_problem = True
        if array_problem:
            continue
        problem = value_problem(element, value, types, indices)
        if problem:
            out.append(_v(problem[0], f"{name} = {value[:60]!r}: {problem[1]}", call))
            continue
        if not _succeeded(call):
            continue
        if element.template == "cmi.interactions.n.type":
            types[indices[0]] = value
        if m2:
            n = int(m2.group(1))
            if types.get(n) in ("true-false", "likert", "numeric") and int(m2.group(2)) > 0:
                out.append(_v("pattern-count", f"{types[n]} has one correct response", call))
            pattern_counts[n] = max(pattern_counts.get(n, 0), int(m2.group(2)) + 1)
            inner = f"cmi.interactions.{n}.correct_responses"
            counts[inner] = max(counts.get(inner, 0), int(m2.group(2)) + 1)
        if name == "cmi.exit":
            exit_set = True
        if name == "cmi.session_time":
            time_set = True
        m3 = re.match(r"^(cmi\.(?:interactions|objectives|comments_from_learner))\.(\d+)\.", name)
        if m3:
            counts[m3.group(1)] = max(counts.get(m3.group(1), 0), int(m3.group(2)) + 1)
    if require_finish and initialized and not terminated:
        out.append(_v("terminate-once", "the session never called Terminate"))
    return out


def check_final_cmi(flat: Mapping[str, str]) -> list[Violation]:
    """What the LMS stores at the end of a session: reported, consistent, well formed."""
    out: list[Violation] = []
    if flat.get("cmi.completion_status", "unknown") in ("unknown", "not attempted"):
        out.append(_v("completion-reported", f"completion is {flat.get('cmi.completion_status')}"))
    success = flat.get("cmi.success_status", "unknown")
    if (
        success != "unknown"
        and flat.get("cmi.scaled_passing_score", "") != ""
        and flat.get("cmi.score.scaled", "") == ""
    ):
        out.append(_v("scaled-score", f"success_status {success} without cmi.score.scaled"))
    raw, low, high = (flat.get(f"cmi.score.{k}", "") for k in ("raw", "min", "max"))
    scaled = flat.get("cmi.score.scaled", "")
    if "" not in (raw, low, high, scaled) and float(high) > float(low):
        expected = (float(raw) - float(low)) / (float(high) - float(low))
        if abs(expected - float(scaled)) > 1e-6:
            out.append(_v("scaled-consistent", f"scaled {scaled} but raw {raw} of {low}..{high}"))
    types = {
        int(m.group(1)): v
        for k, v in flat.items()
        if (m := re.match(r"^cmi\.interactions\.(\d+)\.type$", k))
    }
    for name, value in sorted(flat.items()):
        found = resolve(name)
        if found is None or value == "" or found[0].access == "R":
            continue
        problem = value_problem(found[0], value, types, found[1])
        if problem:
            out.append(_v(problem[0], f"final {name} = {value[:60]!r}: {problem[1]}"))
    return out
