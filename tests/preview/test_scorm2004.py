"""``cbtforge preview --standard scorm2004``: the same page and panel over the strict SCORM 2004
runtime (static/runtime2004.js), checked against tests/e2e/strict2004.py."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import expect

from cbtforge.preview.server import PreviewServer
from e2e import strict2004
from e2e.test_strict2004 import BEYOND_SCORM_AGAIN, BOTH_REFUSE, _log

from .conftest import MINIMAL
from .pages import CourseWalker, PreviewPage

pytestmark = pytest.mark.browser

Server = Callable[..., PreviewServer]
Page = Callable[..., PreviewPage]
NOT_INITIALIZED = "403"  # GetValue of an element without a value yet (RTE 3.1.7.6)


def _refused(calls: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        c
        for c in calls
        if c["error"] != "0"
        and c["fn"] not in strict2004.ERROR_FUNCTIONS
        and not (c["fn"] == "GetValue" and c["error"] == NOT_INITIALIZED)
    ]


def test_a_2004_course_runs_resumes_and_passes(preview_server: Server, preview_page: Page) -> None:
    server = preview_server(MINIMAL, standard="scorm2004")
    assert server.status()["standard"] == "scorm2004"
    preview = preview_page(server.url)
    expect(preview.page.locator("#pv-standard")).to_have_text("SCORM 2004 4th Edition")
    assert preview.page.evaluate("() => [typeof window.API_1484_11, typeof window.API]") == [
        "object",
        "undefined",
    ]
    assert preview.value("cmi.entry") == "ab-initio"
    assert preview.value("cmi.learner_id") == "learner-1"
    assert preview.value("cmi.completion_status") == "incomplete"
    expect(preview.page.locator('[data-cmi="cmi.completion_status"]')).to_have_text("incomplete")
    expect(preview.page.locator('[data-cmi="cmi.suspend_data"]')).to_contain_text("of 64,000")

    walker = CourseWalker(preview, MINIMAL)
    walker.walk(steps=1)
    preview.relaunch()  # unfinished: the player exits with "suspend"
    assert preview.value("cmi.entry") == "resume"
    assert preview.title() == "Two ideas"
    assert re.fullmatch(r"PT(\d+H)?(\d+M)?\d+(\.\d\d?)?S", preview.value("cmi.total_time") or "")

    walker.walk(until=walker.quiz_title)
    assert "Passed" in walker.take_quiz(right=True)
    assert preview.value("cmi.success_status") == "passed"
    assert preview.value("cmi.completion_status") == "completed"
    walker.frame.get_by_role("button", name="Exit course").click()
    stored = preview.stored()
    assert stored is not None and stored["cmi.exit"] == "normal"
    assert re.fullmatch(r"PT.*S", stored["cmi.session_time"])

    calls = preview.calls()
    # The course's Exit: the LMS is asked to end the attempt, before Terminate.
    sets = [c["args"] for c in calls if c["fn"] in ("SetValue", "Terminate")]
    assert ["adl.nav.request", "exitAll"] in sets
    assert sets.index(["adl.nav.request", "exitAll"]) < len(sets) - 1
    assert _refused(calls) == []
    for session in {c["session"] for c in calls}:
        log = [c for c in calls if c["session"] == session]
        assert strict2004.check_calls(log) == [], session
    assert not [c for c in calls if c["fn"].startswith("LMS")]

    preview.relaunch()  # exit "normal" ended the attempt: a new one (RTE 4.2.6)
    assert preview.value("cmi.entry") == "ab-initio"
    assert preview.value("cmi.completion_status") == "incomplete"
    assert preview.errors == []


def test_the_runtime_refuses_what_the_strict_checker_flags(
    preview_server: Server, preview_page: Page
) -> None:
    """Every value the strict 2004 checker calls wrong, the preview's runtime refuses, also
    where scorm-again lets it through (rules about what the SCO forgets before Terminate are
    the checker's alone: an LMS cannot refuse a call that never came)."""
    preview = preview_page(preview_server(MINIMAL, standard="scorm2004").url)
    order_rules = {"exit-before-terminate", "session-time"}
    for case, calls, rule in BEYOND_SCORM_AGAIN + BOTH_REFUSE:
        if rule in order_rules:
            continue
        verdicts = preview.page.evaluate(
            "(calls) => CbtPreview.runtime2004.replay(calls)", _log(calls)
        )
        assert verdicts[-1]["error"] != "0", (case, verdicts[-1])
        assert all(v["error"] == "0" for v in verdicts[:-1]), (case, verdicts)
