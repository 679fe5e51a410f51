"""Tests of the test LMS itself, with the probe SCO (tests/lms/fixtures/probe).

They also pin down what scorm-again 3.4.3 does where it is lenient or surprising, so a
scorm-again upgrade that changes behaviour shows up here first, not as a mystery in a player
test. The pure helpers (timespans, relaunch data, manifests, the server) are tested without a
browser at the top of the file.
"""

from __future__ import annotations

import json
import shutil
import urllib.error
import urllib.request
import zipfile
from pathlib import Path

import pytest

from . import strict
from .lms import (
    FIXTURES_DIR,
    LMS_DIR,
    LmsError,
    LmsServer,
    add_timespans,
    centiseconds_to_timespan,
    extract_package,
    join_query,
    next_launch_cmi,
    preloaded_counts,
    read_manifest,
    read_masteryscore,
    timespan_to_centiseconds,
)

PROBE = FIXTURES_DIR / "probe"
MASTERY_MANIFEST = FIXTURES_DIR / "manifests" / "masteryscore-80.xml"


def rule_ids(violations: list[strict.Violation]) -> list[str]:
    return [v.rule_id for v in violations]


def zip_folder(folder: Path, out: Path) -> Path:
    with zipfile.ZipFile(out, "w") as zf:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                zf.write(path, path.relative_to(folder).as_posix())
    return out


@pytest.fixture
def mastery_package(tmp_path: Path) -> Path:
    """The probe SCO packaged with the hand-written masteryscore-80 manifest, as a zip."""
    folder = tmp_path / "probe-mastery"
    shutil.copytree(PROBE, folder)
    shutil.copy(MASTERY_MANIFEST, folder / "imsmanifest.xml")
    return zip_folder(folder, tmp_path / "probe-mastery.zip")


# --------------------------------------------------------------------------------------
# Pure helpers
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "cs"),
    [
        ("", 0),
        ("00:00:00", 0),
        ("0000:00:00.0", 0),
        ("01:02:03", 372300),
        ("1:02:03.5", 372350),
        ("0001:02:03.05", 372305),
        ("100:00:00", 36_000_000),
    ],
)
def test_timespan_to_centiseconds(value: str, cs: int) -> None:
    assert timespan_to_centiseconds(value) == cs


@pytest.mark.parametrize("bad", ["1:2:3", "PT1M", "00:00", "abc", "00:00:00.123"])
def test_timespan_to_centiseconds_refuses_non_timespans(bad: str) -> None:
    with pytest.raises(ValueError):
        timespan_to_centiseconds(bad)


def test_timespan_arithmetic_carries_and_formats_strictly() -> None:
    assert centiseconds_to_timespan(0) == "00:00:00"
    assert centiseconds_to_timespan(372350) == "01:02:03.5"
    assert centiseconds_to_timespan(5) == "00:00:00.05"
    assert add_timespans("00:59:59.75", "00:00:00.25") == "01:00:00"
    assert add_timespans("0000:00:00", "00:10:30.5") == "00:10:30.5"
    assert add_timespans("99:59:59.99", "00:00:00.01") == "100:00:00"
    for value in ("01:02:03.5", "100:00:00", "00:00:00.05"):
        assert strict.timespan_problem(value) is None


def test_next_launch_cmi_resumes_only_after_suspend() -> None:
    stored = {
        "cmi.core.student_id": "u1",
        "cmi.core.lesson_status": "incomplete",
        "cmi.core.lesson_location": "screen-3",
        "cmi.suspend_data": "v1",
        "cmi.core.score.raw": "40",
        "cmi.core.entry": "ab-initio",
        "cmi.core.exit": "suspend",
        "cmi.core.session_time": "00:10:30.5",
        "cmi.core.total_time": "01:00:00",
        "cmi.interactions.0.id": "q1",
    }
    nxt = next_launch_cmi(stored)
    assert nxt["cmi.core.entry"] == "resume"
    assert nxt["cmi.core.total_time"] == "01:10:30.5"
    assert "cmi.core.exit" not in nxt and "cmi.core.session_time" not in nxt
    for kept in ("lesson_status", "lesson_location", "score.raw", "student_id"):
        assert nxt[f"cmi.core.{kept}"] == stored[f"cmi.core.{kept}"]
    assert nxt["cmi.suspend_data"] == "v1"
    assert nxt["cmi.interactions.0.id"] == "q1"
    assert "cmi.interactions.0.id" not in next_launch_cmi(stored, keep_interactions=False)
    for exit_value in ("", "logout", "time-out"):
        assert next_launch_cmi({**stored, "cmi.core.exit": exit_value})["cmi.core.entry"] == ""


def test_preloaded_counts() -> None:
    cmi = {
        "cmi.interactions.0.id": "a",
        "cmi.interactions.1.id": "b",
        "cmi.interactions.1.objectives.0.id": "o",
        "cmi.interactions.1.correct_responses.2.pattern": "a",
        "cmi.objectives.0.id": "o1",
        "cmi.core.lesson_status": "passed",
    }
    assert preloaded_counts(cmi) == {
        "cmi.interactions": 2,
        "cmi.interactions.1.objectives": 1,
        "cmi.interactions.1.correct_responses": 3,
        "cmi.objectives": 1,
    }


def test_join_query() -> None:
    assert join_query("index.html", "") == "index.html"
    assert join_query("index.html", "?a=1") == "index.html?a=1"
    assert join_query("index.html?a=1", "?b=2") == "index.html?a=1&b=2"
    assert join_query("index.html?a=1", "&b=2") == "index.html?a=1&b=2"
    assert join_query("index.html", "b=2") == "index.html?b=2"
    assert join_query("index.html", "#top") == "index.html#top"


def test_read_manifest_of_folder_and_zip(tmp_path: Path, mastery_package: Path) -> None:
    plain = read_manifest(PROBE)
    assert plain.launch_href == "index.html"
    assert plain.masteryscore is None
    assert plain.preload() == {}
    info = read_manifest(mastery_package)
    assert info.masteryscore == "80"
    assert info.parameters == "?script=none"
    assert info.preload() == {
        "cmi.student_data.mastery_score": "80",
        "cmi.launch_data": "probe-launch-data",
    }
    assert read_masteryscore(mastery_package) == "80"


def test_read_manifest_applies_xml_base(tmp_path: Path) -> None:
    text = (PROBE / "imsmanifest.xml").read_text(encoding="utf-8")
    text = text.replace("<resources>", '<resources xml:base="content/">')
    text = text.replace('href="index.html">', 'xml:base="sco1/" href="index.html">')
    (tmp_path / "imsmanifest.xml").write_text(text, encoding="utf-8")
    assert read_manifest(tmp_path).launch_href == "content/sco1/index.html"


def test_read_manifest_explains_a_missing_manifest(tmp_path: Path) -> None:
    with pytest.raises(LmsError, match=r"no imsmanifest\.xml"):
        read_manifest(tmp_path)


def test_extract_package_round_trip_and_refuses_escapes(tmp_path: Path) -> None:
    package = zip_folder(PROBE, tmp_path / "probe.zip")
    out = extract_package(package, tmp_path / "out")
    assert (out / "index.html").read_bytes() == (PROBE / "index.html").read_bytes()
    evil = tmp_path / "evil.zip"
    with zipfile.ZipFile(evil, "w") as zf:
        zf.writestr("../outside.txt", "x")
    with pytest.raises(LmsError, match="unsafe"):
        extract_package(evil, tmp_path / "evil")
    assert not (tmp_path / "outside.txt").exists()


def test_server_content_types_mounts_and_refusals(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.js").write_text("1;", encoding="utf-8")
    (tmp_path / "index.html").write_text("<p>hi</p>", encoding="utf-8")
    server = LmsServer().start()
    try:
        assert server.mount("c1", tmp_path) == "/course/c1/"

        def get(path: str) -> tuple[int, str, bytes]:
            try:
                with urllib.request.urlopen(server.url(path)) as response:
                    return response.status, response.headers["Content-Type"], response.read()
            except urllib.error.HTTPError as err:
                return err.code, "", b""

        assert get("/course/c1/index.html") == (200, "text/html; charset=utf-8", b"<p>hi</p>")
        assert get("/course/c1/sub/a.js")[:2] == (200, "text/javascript; charset=utf-8")
        assert get("/course/c1/index.html?x=1#y")[0] == 200
        assert get("/lms/host.html")[0] == 200
        assert get("/lms/fixtures/probe/imsmanifest.xml")[1] == "application/xml"
        for missing in (
            "/course/c1/",  # no directory listing
            "/course/c1/sub",
            "/course/c1/../lms/host.html",
            "/course/c1/%2e%2e/index.html",
            "/course/nope/index.html",
            "/etc/passwd",
            "/lms/",
        ):
            assert get(missing)[0] == 404, missing
        server.unmount("c1")
        assert get("/course/c1/index.html")[0] == 404
    finally:
        server.stop()
    assert (LMS_DIR / "host.html").is_file()


# --------------------------------------------------------------------------------------
# The host page in Chromium
# --------------------------------------------------------------------------------------


@pytest.mark.browser
def test_sco_finds_the_api_in_its_parent_and_not_the_config(lms) -> None:
    session = lms.launch(PROBE)
    frame = session.course_frame
    assert frame.evaluate("probe.apiFoundIn") == "parent:1"
    assert frame.evaluate("window.parent.API === window.parent.lmsApi")
    assert frame.evaluate("typeof window.LMS_CONFIG") == "undefined"
    assert session.page.evaluate("typeof window.LMS_CONFIG") == "object"
    assert session.state() == "not initialized"
    assert session.log() == []
    assert session.events()[0]["type"] == "course-loaded"


@pytest.mark.browser
def test_host_reads_its_config_from_the_url_too(page, lms_server) -> None:
    config = {"cmi": {"cmi.core.student_id": "from-url"}}
    page.goto(lms_server.url("/lms/host.html?config=") + urllib.request.quote(json.dumps(config)))
    page.wait_for_function("window.lmsReady === true")
    assert page.evaluate("API.LMSInitialize('')") == "true"
    assert page.evaluate("API.LMSGetValue('cmi.core.student_id')") == "from-url"
    assert page.evaluate("document.getElementById('course')") is None  # no launch, no iframe


@pytest.mark.browser
def test_preload_defaults_and_overrides(lms) -> None:
    session = lms.launch(
        PROBE,
        cmi={"cmi.core.student_name": "Doe, Jane", "cmi.core.credit": None},
    )
    values = {
        element: session.call("LMSGetValue", element)
        for element in (
            "cmi.core.student_id",
            "cmi.core.student_name",
            "cmi.core.credit",
            "cmi.core.entry",
            "cmi.core.lesson_mode",
            "cmi.core.lesson_status",
            "cmi.core.total_time",
            "cmi.student_data.mastery_score",
        )
    }
    assert session.call("LMSInitialize", "") == "true"  # reads above were before it: 301
    assert all(c["error"] == "301" for c in session.calls("LMSGetValue"))
    assert values["cmi.core.student_id"] == ""
    read = {e: session.call("LMSGetValue", e) for e in values}
    assert read == {
        "cmi.core.student_id": "learner-001",
        "cmi.core.student_name": "Doe, Jane",
        "cmi.core.credit": "",  # the default was removed with None
        "cmi.core.entry": "ab-initio",
        "cmi.core.lesson_mode": "normal",
        "cmi.core.lesson_status": "not attempted",
        "cmi.core.total_time": "00:00:00",  # scorm-again rewrites the preloaded 0000:00:00
        "cmi.student_data.mastery_score": "",
    }


@pytest.mark.browser
def test_a_bad_preload_fails_the_launch(lms) -> None:
    with pytest.raises(
        LmsError, match=r"rejected the preloaded CMI:\n(.*\n)*cmi\.core\.lesson_mode = \"exam\""
    ):
        lms.launch(PROBE, cmi={"cmi.core.lesson_mode": "exam"})


@pytest.mark.browser
def test_good_sequence_is_clean_for_scorm_again_and_strict_rules(lms) -> None:
    session = lms.launch(PROBE, params="?script=good")
    log = session.log()
    assert log[0]["fn"] == "LMSInitialize"
    assert all(c["error"] == "0" for c in log)
    assert session.errors() == []
    assert session.messages() == []  # includes: the commit without lmsCommitUrl logs nothing
    assert session.violations() == []
    assert strict.check_final_cmi(session.cmi()) == []
    session.assert_clean()
    assert session.state() == "terminated"
    commits = session.commits()
    assert [c["fn"] for c in commits] == ["LMSCommit", "LMSFinish"]
    assert commits[-1]["cmi"]["cmi.core.lesson_status"] == "passed"
    assert commits[-1]["current_total_time"] == "00:02:05"
    cmi = session.cmi()
    assert cmi["core"]["score"] == {"raw": "100", "min": "0", "max": "100"}
    assert cmi["interactions"]["0"]["correct_responses"]["0"]["pattern"] == "b"


@pytest.mark.browser
def test_commit_without_a_commit_url_is_silent_success(lms) -> None:
    session = lms.launch(PROBE)
    assert session.call("LMSInitialize", "") == "true"
    assert session.call("LMSCommit", "") == "true"
    assert session.calls("LMSCommit")[0]["error"] == "0"
    assert session.messages() == []
    assert len(session.commits()) == 1


@pytest.mark.browser
def test_bad_sequence_scorm_again_accepts_where_lenient_strict_flags_all(lms) -> None:
    session = lms.launch(PROBE, params="?script=bad")

    def key(call: dict) -> tuple[str, ...]:
        return (call["fn"], *(a if len(a) <= 40 else a[:20] for a in call["args"]))

    verdicts = {key(c): (c["result"], c["error"]) for c in session.log()}
    # Where scorm-again is strict: it refuses, with 405 Incorrect Data Type.
    assert verdicts["LMSSetValue", "cmi.core.lesson_status", "complete"] == ("false", "405")
    assert verdicts["LMSSetValue", "cmi.core.session_time", "1:2:3"] == ("false", "405")
    # Where it is lenient: accepted with error 0.
    assert verdicts["LMSSetValue", "cmi.core.session_time", "1:02:03"] == ("true", "0")
    assert verdicts["LMSSetValue", "cmi.suspend_data", "x" * 20] == ("true", "0")
    assert verdicts["LMSSetValue", "cmi.interactions.0.result", "incorrect"] == ("true", "0")
    # Reading a write-only element is an error for both (404).
    assert verdicts["LMSGetValue", "cmi.core.exit"] == ("", "404")

    cmi = session.cmi()
    assert cmi["interactions"]["0"]["result"] == "wrong"  # silently rewritten
    assert len(cmi["suspend_data"]) == 5000
    assert cmi["core"]["session_time"] == "01:02:03"  # normalised to 2-digit hours
    assert any(
        m["source"] == "console" and "'incorrect'" in m["message"] for m in session.messages()
    )
    assert {e.get("error") for e in session.errors() if e["kind"] == "call"} == {"405", "404"}

    flagged = rule_ids(session.violations())
    assert flagged == [
        "lesson-status",
        "timespan",  # 1:2:3
        "timespan",  # 1:02:03, accepted by scorm-again
        "string4096",  # accepted by scorm-again
        "interaction-result",  # accepted and rewritten by scorm-again
        "write-only",
    ]
    # The final CMI no longer shows the 'incorrect' nor the 1-digit hours: only the call
    # check can catch them. The refused "complete" left "not attempted"; the 5000-character
    # suspend_data is still there.
    assert rule_ids(strict.check_final_cmi(cmi)) == ["final-status", "string4096"]


CHOICE = (
    ("LMSSetValue", "cmi.interactions.0.id", "q1"),
    ("LMSSetValue", "cmi.interactions.0.type", "choice"),
)
TRUE_FALSE = (
    ("LMSSetValue", "cmi.interactions.0.id", "q1"),
    ("LMSSetValue", "cmi.interactions.0.type", "true-false"),
)
FILL_IN = (
    ("LMSSetValue", "cmi.interactions.0.id", "q1"),
    ("LMSSetValue", "cmi.interactions.0.type", "fill-in"),
)

# (calls before, the call, scorm-again's result, its error, the strict rule broken or None).
# Every row runs in a fresh API after LMSInitialize(""); only its last call is judged.
LENIENCY_TABLE = [
    ((), ("LMSSetValue", "cmi.core.exit", "normal"), "true", "0", "exit"),  # stored as ""
    ((), ("LMSSetValue", "cmi.core.exit", "suspend"), "true", "0", None),
    ((), ("LMSSetValue", "cmi.core.session_time", "PT1M"), "false", "405", "timespan"),
    ((), ("LMSSetValue", "cmi.core.session_time", "00:60:00"), "true", "0", "timespan"),
    ((), ("LMSSetValue", "cmi.core.session_time", "12345:00:00"), "true", "0", "timespan"),
    ((), ("LMSSetValue", "cmi.core.session_time", "00:99:99"), "true", "0", "timespan"),
    (
        (),
        ("LMSSetValue", "cmi.core.lesson_status", "not attempted"),
        "false",
        "405",
        "lesson-status",
    ),
    ((), ("LMSSetValue", "cmi.core.lesson_location", "x" * 256), "false", "405", "string255"),
    ((), ("LMSSetValue", "cmi.comments", "x" * 4097), "false", "405", "string4096"),
    ((), ("LMSSetValue", "cmi.suspend_data", "x" * 64000), "true", "0", "string4096"),
    ((), ("LMSSetValue", "cmi.suspend_data", "x" * 64001), "false", "405", "string4096"),
    ((), ("LMSSetValue", "cmi.core.score.raw", "150"), "false", "405", "score"),
    ((), ("LMSSetValue", "cmi.core.score.raw", "0.5"), "true", "0", None),
    ((), ("LMSSetValue", "cmi.core.score.raw", ""), "true", "0", None),
    ((), ("LMSSetValue", "cmi.core.student_id", "x"), "false", "403", "read-only"),
    ((), ("LMSSetValue", "cmi.interactions._count", "1"), "false", "402", "keyword"),
    ((), ("LMSSetValue", "cmi.interactions.0.id", "q 1"), "true", "0", "identifier"),
    ((), ("LMSSetValue", "cmi.interactions.1.id", "q1"), "false", "201", "array-index"),
    (
        (),
        ("LMSSetValue", "cmi.interactions.0.type", "long-fill-in"),
        "false",
        "405",
        "interaction-type",
    ),
    ((), ("LMSSetValue", "cmi.interactions.0.time", "2024-01-01T10:00:00"), "false", "405", "time"),
    ((), ("LMSSetValue", "cmi.interactions.0.latency", "0:00:01"), "true", "0", "timespan"),
    ((), ("LMSSetValue", "cmi.interactions.0.weighting", "1000"), "false", "405", None),  # stricter
    ((), ("LMSSetValue", "cmi.interactions.0.result", "0.5"), "true", "0", None),
    (CHOICE, ("LMSSetValue", "cmi.interactions.0.student_response", "a,c"), "true", "0", None),
    (
        CHOICE,
        ("LMSSetValue", "cmi.interactions.0.student_response", "A;C"),
        "true",
        "0",
        "feedback",
    ),
    (
        TRUE_FALSE,
        ("LMSSetValue", "cmi.interactions.0.student_response", "true"),
        "true",
        "0",
        "feedback",
    ),
    (
        FILL_IN,
        ("LMSSetValue", "cmi.interactions.0.student_response", "x" * 300),
        "true",
        "0",
        "feedback",
    ),
    ((), ("LMSGetValue", "cmi.core.session_time"), "", "404", "write-only"),
    ((), ("LMSGetValue", "cmi.interactions.0.id"), "", "404", "write-only"),
    ((), ("LMSGetValue", "cmi.interactions._count"), "0", "0", None),
    ((), ("LMSGetValue", "cmi.completion_status"), "", "401", "unknown-element"),
    ((), ("LMSGetValue", ""), "", "0", "unknown-element"),  # no error from scorm-again at all
    ((), ("LMSCommit", "x"), "false", "201", "empty-argument"),
]


@pytest.mark.browser
@pytest.mark.parametrize(
    ("before", "call", "result", "error", "rule"),
    LENIENCY_TABLE,
    ids=[f"{row[1][0]}-{row[1][1]}-{str(row[1][2:])[:24]}" for row in LENIENCY_TABLE],
)
def test_leniency_table_via_replay(lms_replayer, before, call, result, error, rule) -> None:
    sequence = [("LMSInitialize", ""), *before, call]
    verdicts = lms_replayer.replay([{"fn": fn, "args": list(args)} for fn, *args in sequence])
    assert [v["error"] for v in verdicts[:-1]] == ["0"] * (len(verdicts) - 1)
    last = verdicts[-1]
    assert (last["result"], last["error"]) == (result, error)
    judged = [v for v in strict.check_calls(verdicts, require_finish=False) if v.call is last]
    assert rule_ids(judged) == ([rule] if rule else [])


@pytest.mark.browser
def test_scorm_again_after_finish_and_double_finish(lms) -> None:
    """scorm-again 1.2 keeps answering after LMSFinish with error 0 (and even stores the
    values); a second LMSFinish returns "true" with error 101. Strict checking flags all."""
    calls = [
        {"fn": "LMSInitialize", "args": [""]},
        {"fn": "LMSFinish", "args": [""]},
        {"fn": "LMSGetValue", "args": ["cmi.core.lesson_status"]},
        {"fn": "LMSSetValue", "args": ["cmi.core.lesson_location", "after"]},
        {"fn": "LMSCommit", "args": [""]},
        {"fn": "LMSFinish", "args": [""]},
        {"fn": "LMSGetLastError", "args": []},
    ]
    verdicts = lms.replay(calls)
    assert [(v["result"], v["error"]) for v in verdicts] == [
        ("true", "0"),
        ("true", "0"),
        ("not attempted", "0"),
        ("true", "0"),
        ("true", "0"),
        ("true", "101"),
        ("101", "101"),
    ]
    assert rule_ids(strict.check_calls(verdicts)) == [
        "after-finish",
        "after-finish",
        "after-finish",
        "finish-once",
    ]


@pytest.mark.browser
def test_scorm_again_odd_corners(lms) -> None:
    """A refused SetValue at a new index still creates the entry; minutes and seconds above
    59 are accepted and carried."""
    verdicts = lms.replay(
        [
            {"fn": "LMSInitialize", "args": [""]},
            {"fn": "LMSSetValue", "args": ["cmi.interactions.0.type", "bogus"]},
            {"fn": "LMSGetValue", "args": ["cmi.interactions._count"]},
            {"fn": "LMSSetValue", "args": ["cmi.core.session_time", "00:99:99"]},
            {"fn": "LMSFinish", "args": [""]},
        ]
    )
    assert [(v["result"], v["error"]) for v in verdicts[1:3]] == [("false", "405"), ("1", "0")]
    last = lms.last_replay()["cmi"]
    assert last["cmi.core.session_time"] == "01:40:39"
    assert last["cmi.interactions.0.id"] == ""


@pytest.mark.browser
def test_a_status_never_set_stays_not_attempted(lms) -> None:
    """scorm-again 3.4.3 differs from its own README ("incomplete") and from the spec
    ("completed"): lmsInitialize marks the status as set by the module whenever it is
    non-empty, and the LMS default "not attempted" is non-empty."""
    session = lms.launch(PROBE)
    session.call("LMSInitialize", "")
    session.call("LMSFinish", "")
    assert session.value("cmi.core.lesson_status") == "not attempted"
    assert rule_ids(strict.check_final_cmi(session.cmi())) == ["final-status"]
    assert strict.check_final_cmi(session.cmi(), allow_not_attempted=True) == []


@pytest.mark.browser
def test_fault_injection_setvalue_and_commit(lms) -> None:
    session = lms.launch(
        PROBE,
        faults={"setValue": {"match": "cmi.suspend_data", "times": 2}, "commit": {"times": 1}},
    )
    call = session.call
    assert call("LMSInitialize", "") == "true"
    assert call("LMSSetValue", "cmi.suspend_data", "one") == "false"
    assert call("LMSGetLastError") == "101"
    assert call("LMSGetErrorString", "101") == "General Exception"
    assert "Injected fault" in call("LMSGetDiagnostic", "")
    assert session.value("cmi.suspend_data") == ""  # not forwarded: nothing stored
    assert call("LMSSetValue", "cmi.core.lesson_location", "p1") == "true"  # other elements pass
    assert call("LMSGetLastError") == "0"  # the next real call clears the fault
    assert call("LMSSetValue", "cmi.suspend_data", "two") == "false"
    assert call("LMSSetValue", "cmi.suspend_data", "three") == "true"  # times: 2 used up
    assert session.value("cmi.suspend_data") == "three"
    assert call("LMSCommit", "") == "false"
    assert call("LMSGetLastError") == "101"
    assert session.commits() == []
    assert call("LMSCommit", "") == "true"
    assert call("LMSFinish", "") == "true"

    faulted = [c for c in session.log() if c.get("faulted")]
    assert [(c["fn"], c["args"][:1], c["result"], c["error"]) for c in faulted] == [
        ("LMSSetValue", ["cmi.suspend_data"], "false", "101"),
        ("LMSSetValue", ["cmi.suspend_data"], "false", "101"),
        ("LMSCommit", [""], "false", "101"),
    ]
    assert [e["seq"] for e in session.errors()] == [c["seq"] for c in faulted]
    assert session.violations() == []  # a SCO that retries is fine


@pytest.mark.browser
def test_fault_injection_skip_getvalue_finish_and_custom_code(lms) -> None:
    session = lms.launch(
        PROBE,
        faults={
            "getValue": {"match": "cmi.core.*", "skip": 1, "times": 1, "error": 301},
            "finish": {"times": 1},
        },
    )
    call = session.call
    call("LMSInitialize", "")
    assert call("LMSGetValue", "cmi.core.student_id") == "learner-001"  # skipped
    assert call("LMSGetValue", "cmi.core.entry") == ""  # faulted
    assert call("LMSGetLastError") == "301"
    assert call("LMSGetValue", "cmi.core.entry") == "ab-initio"
    assert call("LMSFinish", "") == "false"
    assert session.state() == "initialized"  # the failed finish never reached scorm-again
    assert call("LMSFinish", "") == "true"
    assert session.state() == "terminated"
    assert session.violations() == []


@pytest.mark.browser
@pytest.mark.parametrize("how", ["navigate", "remove"])
def test_close_runs_the_scos_pagehide_and_its_finish(lms, how: str) -> None:
    session = lms.launch(PROBE, params="?script=suspend&finish=pagehide")
    assert session.calls("LMSFinish") == []
    assert session.state() == "initialized"
    session.close(how)
    events = [e["type"] for e in session.page.evaluate("window.probeEvents")]
    assert "pagehide" in events
    assert "unload" in events  # Chromium 156 still fires unload in a subframe
    finish = session.calls("LMSFinish")
    assert len(finish) == 1 and finish[0]["result"] == "true"
    assert session.log()[-1]["fn"] == "LMSFinish"
    assert session.state() == "terminated"
    last = session.events()[-1]
    assert (last["type"], last["how"]) == ("course-unloaded", how)
    session.assert_clean(final=False)


@pytest.mark.browser
def test_relaunch_after_suspend_resumes_and_accumulates_time(lms) -> None:
    first = lms.launch(PROBE, params="?script=suspend&finish=pagehide")
    assert first.calls("LMSGetValue", "cmi.core.entry")[0]["result"] == "ab-initio"
    first.close()
    # scorm-again itself never computes entry: it keeps whatever the LMS preloaded.
    assert first.value("cmi.core.entry") == "ab-initio"
    persisted = first.persisted_cmi()
    assert persisted["cmi.core.exit"] == "suspend"
    relaunch = first.relaunch_cmi()
    assert relaunch["cmi.core.entry"] == "resume"
    assert relaunch["cmi.core.total_time"] == "00:10:30.5"
    # Our CMITimespan sum agrees with scorm-again's own getCurrentTotalTime().
    scorm_again_total = first.commits()[-1]["current_total_time"]
    assert timespan_to_centiseconds(scorm_again_total) == timespan_to_centiseconds("00:10:30.5")

    second = lms.launch(PROBE, cmi=relaunch)
    call = second.call
    call("LMSInitialize", "")
    assert call("LMSGetValue", "cmi.core.entry") == "resume"
    assert call("LMSGetValue", "cmi.core.lesson_location") == "screen-3"
    assert call("LMSGetValue", "cmi.suspend_data") == "v1|s=screen-3"
    assert call("LMSGetValue", "cmi.core.lesson_status") == "incomplete"
    assert call("LMSGetValue", "cmi.core.total_time") == "00:10:30.5"
    call("LMSSetValue", "cmi.core.exit", "")
    call("LMSSetValue", "cmi.core.session_time", "00:01:00")
    call("LMSFinish", "")
    second.assert_clean(final=False)

    third_cmi = second.relaunch_cmi()
    assert third_cmi["cmi.core.entry"] == ""
    assert third_cmi["cmi.core.total_time"] == "00:11:30.5"
    third = lms.launch(PROBE, cmi=third_cmi)
    third.call("LMSInitialize", "")
    assert third.call("LMSGetValue", "cmi.core.entry") == ""


@pytest.mark.browser
def test_relaunch_without_any_commit_starts_over(lms) -> None:
    first = lms.launch(PROBE)
    first.call("LMSInitialize", "")
    first.call("LMSSetValue", "cmi.core.lesson_location", "lost")
    first.close()  # no pagehide finish in this probe: nothing was ever persisted
    assert first.persisted_cmi() is None
    assert first.relaunch_cmi() == {}
    assert first.relaunch_cmi(source="live")["cmi.core.lesson_location"] == "lost"
    assert rule_ids(first.violations()) == ["finish-once"]


@pytest.mark.browser
def test_relaunch_keeps_interactions_and_counts(lms) -> None:
    first = lms.launch(PROBE, params="?script=good")
    second = lms.launch(PROBE, cmi=first.relaunch_cmi())
    call = second.call
    call("LMSInitialize", "")
    assert call("LMSGetValue", "cmi.interactions._count") == "1"
    assert call("LMSGetValue", "cmi.interactions.0.correct_responses._count") == "1"
    assert call("LMSSetValue", "cmi.interactions.1.id", "q2") == "true"
    assert call("LMSSetValue", "cmi.interactions.0.result", "wrong") == "true"  # existing index
    call("LMSFinish", "")
    second.assert_clean(final=False)


@pytest.mark.browser
def test_replay_gives_scorm_again_verdicts_for_a_recorded_log(lms) -> None:
    good = lms.launch(PROBE, params="?script=good")
    bad = lms.launch(PROBE, params="?script=bad")
    for session in (good, bad):
        log = session.log()
        replayed = session.replay(log)  # the whole entries: extra keys are ignored
        assert [(r["fn"], r["result"], r["error"]) for r in replayed] == [
            (c["fn"], c["result"], c["error"]) for c in log
        ]
    # Without a course, with another preload, and with a name that is not an API function.
    verdicts = lms.replay(
        [
            {"fn": "LMSInitialize", "args": [""]},
            {"fn": "LMSGetValue", "args": ["cmi.core.student_id"]},
            {"fn": "Initialize", "args": [""]},
        ],
        cmi={"cmi.core.student_id": "u-42"},
    )
    assert verdicts[1] == {
        "fn": "LMSGetValue",
        "args": ["cmi.core.student_id"],
        "result": "u-42",
        "error": "0",
    }
    assert verdicts[2]["result"] is None and "invalid" in verdicts[2]
    # A replay in a session's page leaves its API alone.
    assert good.state() == "terminated"
    assert good.last_replay()["cmi"]["cmi.core.lesson_status"] == "passed"


@pytest.mark.browser
def test_masteryscore_from_the_manifest_and_mastery_override(lms, mastery_package: Path) -> None:
    session = lms.launch(mastery_package, params="script=mastery")
    assert session.config["launch"].endswith("index.html?script=none&script=mastery")
    log = session.log()
    assert session.calls("LMSGetValue", "cmi.student_data.mastery_score")[0]["result"] == "80"
    assert session.calls("LMSSetValue", "cmi.core.lesson_status")[0]["result"] == "true"
    assert session.value("cmi.launch_data") == "probe-launch-data"
    # The SCO said "completed" with raw 50 < 80: scorm-again's mastery override (on, because
    # the manifest has a masteryscore) turned it into "failed" inside LMSFinish.
    assert session.value("cmi.core.lesson_status") == "failed"
    assert session.commits()[-1]["cmi"]["cmi.core.lesson_status"] == "failed"
    assert all(c["error"] == "0" for c in log)
    assert session.violations() == []


@pytest.mark.browser
@pytest.mark.parametrize(
    ("set_status", "raw", "override", "after_commit", "after_finish"),
    [
        ("completed", "50", None, "completed", "failed"),
        ("completed", "80", None, "completed", "passed"),
        ("incomplete", "90", None, "incomplete", "passed"),  # even incomplete is overridden
        ("passed", "10", None, "passed", "failed"),
        ("completed", "", None, "completed", "completed"),  # no raw score: no override
        ("completed", "50", False, "completed", "completed"),  # override switched off
    ],
)
def test_mastery_override_rules(
    lms,
    mastery_package: Path,
    set_status: str,
    raw: str,
    override: bool | None,
    after_commit: str,
    after_finish: str,
) -> None:
    settings = {} if override is None else {"mastery_override": override}
    session = lms.launch(mastery_package, settings=settings)
    call = session.call
    call("LMSInitialize", "")
    if raw:
        call("LMSSetValue", "cmi.core.score.raw", raw)
    call("LMSSetValue", "cmi.core.lesson_status", set_status)
    call("LMSCommit", "")
    assert session.value("cmi.core.lesson_status") == after_commit
    call("LMSFinish", "")
    assert session.value("cmi.core.lesson_status") == after_finish


@pytest.mark.browser
def test_no_masteryscore_no_override(lms) -> None:
    session = lms.launch(PROBE)
    assert session.page.evaluate("API.settings.mastery_override") is False
    for step in (
        ("LMSInitialize", ""),
        ("LMSSetValue", "cmi.core.score.raw", "10"),
        ("LMSSetValue", "cmi.core.lesson_status", "completed"),
        ("LMSFinish", ""),
    ):
        session.call(*step)
    assert session.value("cmi.core.lesson_status") == "completed"


@pytest.mark.browser
def test_build_course_fixture_launches_the_compiler_output(lms, build_course) -> None:
    pytest.importorskip("cbtforge.build", reason="cbtforge.build is not merged yet")
    course = Path(__file__).resolve().parents[2] / "courses" / "arizona_quality_cs"
    package = build_course(course)
    assert build_course(course) == package  # cached
    info = read_manifest(package)
    session = lms.launch(package)
    assert session.config["launch"].endswith("/" + info.launch_href)
    if info.masteryscore is not None:
        assert session.config["cmi"]["cmi.student_data.mastery_score"] == info.masteryscore
    assert session.events()[0]["type"] == "course-loaded"
