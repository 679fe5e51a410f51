"""The player in a real browser against a real SCORM 1.2 runtime (scorm-again, tests/lms).

Each test drives the learner's side with Playwright (roles and labels, as a screen reader
would find them) and then checks what the LMS stored: final CMI values, no scorm-again error
for any call, and every call valid under tests/e2e/strict.py.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from . import strict
from .lms import Lms, LmsServer, LmsSession, extract_package

pytestmark = pytest.mark.browser

COURSES = Path(__file__).resolve().parents[1] / "courses"
FULL = COURSES / "player-full"
LINEAR = COURSES / "player-linear"

# player-full's final quiz: prompt -> the right option labels.
RIGHT = {
    "Who is a customer?": ["Anyone who relies on you"],
    "Which are building blocks of world class service?": [
        "Commitment",
        "Communication",
        "Complaint recovery",
    ],
    "Co-workers can be internal customers.": ["True"],
}
WRONG = {
    "Who is a customer?": ["Nobody at all"],
    "Which are building blocks of world class service?": ["Cutting corners"],
    "Co-workers can be internal customers.": ["False"],
}


# --- learner actions ---------------------------------------------------------------------


def structure_hash() -> str:
    """player-full's structure hash (tests/player/fixtures, kept equal to the build)."""
    fixture = COURSES.parent / "player" / "fixtures" / "player-full.json"
    return json.loads(fixture.read_text(encoding="utf-8"))["structureHash"]


def button(frame: Any, name: str) -> Any:
    return frame.get_by_role("button", name=name, exact=True)


def menu(frame: Any, chapter: str) -> Any:
    nav = frame.get_by_role("navigation", name="Chapters")
    return nav.get_by_role("button", name=re.compile("^" + re.escape(chapter)))


def title(frame: Any) -> str:
    return frame.locator("h1").inner_text()


def next_screen(frame: Any, expected_title: str) -> None:
    button(frame, "Next").click()
    assert title(frame) == expected_title


def answer_quiz(frame: Any, answers: dict[str, list[str]]) -> None:
    """Start (or retake) the quiz and answer every question, one screen each."""
    start = frame.get_by_role("button", name=re.compile("^(Start|Retake) Quiz$"))
    start.click()
    count = len(answers)
    for n in range(1, count + 1):
        assert title(frame) == f"Question {n} of {count}"
        assert frame.evaluate("document.activeElement.tagName") == "H1"
        prompt = frame.locator("legend").inner_text().strip()
        for label in answers[prompt]:
            frame.get_by_label(label, exact=True).check()
        button(frame, "Submit Quiz" if n == count else "Next question").click()
    assert title(frame) == "Final Quiz: Results"


def do_chapter_one(frame: Any, *, classifier: str = "Customer Driven") -> None:
    """Basics: read, open every panel, classify; complete the chapter."""
    assert title(frame) == "Welcome"
    assert frame.get_by_role("img", name="Oscar at the service counter").is_visible()
    next_screen(frame, "Expectation and Reality")
    for label in ("Expectation", "Reality", "Recovery"):
        frame.get_by_role("button", name=re.compile("^" + label)).click()
    next_screen(frame, "Customer or Operations?")
    frame.get_by_role("radio", name=classifier).check()
    button(frame, "Submit Answer").click()
    next_screen(frame, "Basics: Complete Chapter")
    button(frame, "Complete Chapter").click()
    assert "Next we practise what you learned." in frame.locator(".cbt-screen").inner_text()


def do_chapter_two(frame: Any) -> None:
    """Practice: poll, two reflections, a knowledge check; complete the chapter."""
    next_screen(frame, "How Concerned?")
    frame.get_by_role("radio", name="Moderate concern").check()
    button(frame, "Submit Answer").click()
    next_screen(frame, "Your Ideas")
    frame.get_by_label("First idea").fill("Greet every caller by name, café ☕")
    frame.get_by_label("Second idea").fill("Answer within a day")
    next_screen(frame, "Knowledge Check")
    frame.get_by_role("radio", name="Yes").check()
    button(frame, "Submit Answer").click()
    feedback = frame.locator("[data-key=feedback]")
    assert "Correct." in feedback.inner_text()
    next_screen(frame, "Practice complete")
    button(frame, "Complete Chapter").click()


# --- what the LMS stored -----------------------------------------------------------------


def interactions(flat: dict[str, str]) -> list[dict[str, str]]:
    """cmi.interactions.n.* as a list of dicts, in index order."""
    rows: dict[int, dict[str, str]] = {}
    for key, value in flat.items():
        m = re.match(r"^cmi\.interactions\.(\d+)\.(.+)$", key)
        if m:
            rows.setdefault(int(m.group(1)), {})[m.group(2)] = value
    return [rows[i] for i in sorted(rows)]


def by_id(rows: list[dict[str, str]]) -> dict[str, list[dict[str, str]]]:
    out: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        out.setdefault(row["id"], []).append(row)
    return out


def finish_calls(session: LmsSession) -> list[dict[str, Any]]:
    return [c for c in session.calls("LMSFinish") if c["result"] == "true"]


def assert_timespan(value: str | None) -> None:
    assert value is not None and strict.timespan_problem(value) is None, value


# --- tests -------------------------------------------------------------------------------


def test_full_pass_path(lms: Lms, build_course: Any) -> None:
    session = lms.launch(build_course(FULL))
    frame = session.course_frame
    assert session.value("cmi.core.lesson_status") == "incomplete"
    do_chapter_one(frame)
    do_chapter_two(frame)
    next_screen(frame, "Final Quiz")
    answer_quiz(frame, RIGHT)
    results = frame.locator(".cbt-screen").inner_text()
    assert "Passed: your score is 100%." in results
    assert "Well done, you passed." in results
    assert frame.get_by_role("button", name="Retake Quiz").count() == 0
    assert "Passed" in menu(frame, "Final Quiz").inner_text()
    for chapter in ("Basics", "Practice"):
        # The state is part of the accessible name, as "<chapter>, <state>".
        nav = frame.get_by_role("navigation", name="Chapters")
        assert nav.get_by_role("button", name=f"{chapter}, Complete", exact=True).count() == 1
    # The way on is offered above the answer review, not only below it.
    button(frame, "Continue to Course Evaluation").click()
    assert title(frame) != "Final Quiz: Results"
    assert "In progress" in menu(frame, "Course Evaluation").inner_text()
    session.close()

    session.assert_clean()
    assert len(finish_calls(session)) == 1
    flat = session.persisted_cmi()
    assert flat is not None
    assert flat["cmi.core.lesson_status"] == "passed"
    assert (flat["cmi.core.score.raw"], flat["cmi.core.score.min"]) == ("100", "0")
    assert flat["cmi.core.score.max"] == "100"
    assert flat["cmi.core.exit"] == ""
    assert flat["cmi.core.lesson_location"] == "eval-rating"
    assert_timespan(flat["cmi.core.session_time"])
    rows = by_id(interactions(flat))
    assert rows["classify-refund"][0] | {"time": "", "latency": ""} == {
        "id": "classify-refund",
        "type": "choice",
        "student_response": "a",
        "correct_responses.0.pattern": "a",
        "result": "correct",
        "weighting": "0",
        "time": "",
        "latency": "",
    }
    assert rows["concern"][0]["type"] == "likert"
    assert rows["concern"][0]["student_response"] == "b"
    assert rows["concern"][0]["result"] == "neutral"
    assert rows["my-ideas__1"][0]["type"] == "fill-in"
    assert rows["my-ideas__1"][0]["student_response"] == "Greet every caller by name, café ☕"
    assert rows["my-ideas__2"][0]["student_response"] == "Answer within a day"
    assert rows["check-contact"][0]["result"] == "correct"
    blocks = rows["final-quiz__q-blocks"][0]
    assert blocks["student_response"] == blocks["correct_responses.0.pattern"] == "a,b,c"
    assert rows["final-quiz__q-internal"][0]["student_response"] == "t"
    assert all(r["result"] == "correct" for r in rows["final-quiz__q-customer"])
    for row in interactions(flat):
        assert_timespan(row["latency"])
        assert strict.time_problem(row["time"]) is None
    assert len(flat["cmi.suspend_data"]) <= 4096


def test_fail_then_retry_to_pass(lms: Lms, build_course: Any) -> None:
    session = lms.launch(build_course(FULL))
    frame = session.course_frame
    menu(frame, "Final Quiz").click()
    answer_quiz(frame, WRONG)
    results = frame.locator(".cbt-screen").inner_text()
    assert "Not passed: your score is 0%." in results
    assert "You did not reach 60% this time." in results
    assert "Correct answer: Anyone who relies on you." in results  # show_answers
    assert session.value("cmi.core.lesson_status") == "failed"
    assert session.value("cmi.core.score.raw") == "0"
    answer_quiz(frame, RIGHT)  # the second and last attempt
    assert "Passed: your score is 100%." in frame.locator(".cbt-screen").inner_text()
    session.close()

    session.assert_clean()
    flat = session.persisted_cmi()
    assert flat is not None
    assert (flat["cmi.core.lesson_status"], flat["cmi.core.score.raw"]) == ("passed", "100")
    quiz_rows = [r for r in interactions(flat) if r["id"].startswith("final-quiz__")]
    assert len(quiz_rows) == 6  # both attempts are journaled
    assert [r["result"] for r in quiz_rows] == ["wrong"] * 3 + ["correct"] * 3


def test_attempts_run_out(lms: Lms, build_course: Any) -> None:
    session = lms.launch(build_course(FULL))
    frame = session.course_frame
    menu(frame, "Final Quiz").click()
    answer_quiz(frame, WRONG)
    answer_quiz(frame, WRONG)
    text = frame.locator(".cbt-screen").inner_text()
    assert "Attempt 2 of 2." in text and "You have used all your attempts." in text
    assert frame.get_by_role("button", name="Retake Quiz").count() == 0
    session.close()
    session.assert_clean()
    flat = session.persisted_cmi()
    assert flat is not None
    # failed, but suspended: the attempt count must survive into the next session
    assert (flat["cmi.core.lesson_status"], flat["cmi.core.exit"]) == ("failed", "suspend")


def test_resume_after_closing_mid_chapter(lms: Lms, build_course: Any) -> None:
    package = build_course(FULL)
    first = lms.launch(package)
    frame = first.course_frame
    next_screen(frame, "Expectation and Reality")
    frame.get_by_role("button", name=re.compile("^Expectation")).click()
    frame.get_by_role("button", name=re.compile("^Recovery")).click()
    next_screen(frame, "Customer or Operations?")
    frame.get_by_role("radio", name="Operations Driven").check()
    button(frame, "Submit Answer").click()
    menu(frame, "Practice").click()
    frame.get_by_role("radio", name="Top concern").check()
    button(frame, "Submit Answer").click()
    next_screen(frame, "Your Ideas")
    draft = "Line one\nLine two: naïve ✓ 😀"
    frame.get_by_label("First idea").fill(draft)
    first.close()  # closed while typing: nothing was blurred, the draft must still be saved
    first.assert_clean()
    stored = first.persisted_cmi()
    assert stored is not None and stored["cmi.core.exit"] == "suspend"
    assert stored["cmi.core.lesson_status"] == "incomplete"

    second = lms.launch(package, cmi=first.relaunch_cmi())
    frame = second.course_frame
    assert second.value("cmi.core.entry") == "resume"
    assert title(frame) == "Your Ideas"
    assert frame.get_by_label("First idea").input_value() == draft
    units = len(draft.encode("utf-16-le")) // 2  # the field counts UTF-16 code units
    count = frame.locator("#cbt-field-5-0-count").inner_text()
    assert count == f"{units} of 120 characters used"
    button(frame, "Back").click()
    assert frame.get_by_role("radio", name="Top concern").is_checked()
    assert "Thank you" in frame.locator("[data-key=feedback]").inner_text()
    menu(frame, "Basics").click()
    next_screen(frame, "Expectation and Reality")
    viewed = frame.locator(".cbt-reveal-button.is-seen .cbt-reveal-label").all_inner_texts()
    assert viewed == ["Expectation", "Recovery"]
    assert (
        frame.get_by_role("button", name="Reality", exact=True).get_attribute("aria-expanded")
        == "false"
    )
    assert "1 of 3" not in frame.locator(".cbt-screen").inner_text()
    assert "2 of 3 opened" in frame.locator(".cbt-screen").inner_text()
    next_screen(frame, "Customer or Operations?")
    assert frame.get_by_role("radio", name="Operations Driven").is_checked()
    assert "Not quite." in frame.locator("[data-key=feedback]").inner_text()
    # A new interaction continues after the ones the LMS already holds.
    menu(frame, "Practice").click()
    next_screen(frame, "Your Ideas")
    next_screen(frame, "Knowledge Check")
    frame.get_by_role("radio", name="No").check()
    button(frame, "Submit Answer").click()
    second.close()
    second.assert_clean()
    rows = interactions(second.persisted_cmi() or {})
    assert [r["id"] for r in rows][-1] == "check-contact"
    assert [r["id"] for r in rows].count("classify-refund") == 1


def test_resume_in_the_middle_of_a_quiz_attempt(lms: Lms, build_course: Any) -> None:
    package = build_course(FULL)
    first = lms.launch(package)
    frame = first.course_frame
    menu(frame, "Final Quiz").click()
    button(frame, "Start Quiz").click()
    first_prompt = frame.locator("legend").inner_text().strip()
    choice = RIGHT[first_prompt][0]
    frame.get_by_label(choice, exact=True).check()
    button(frame, "Next question").click()
    second_prompt = frame.locator("legend").inner_text().strip()
    options = frame.locator(".cbt-option label").all_inner_texts()
    first.close()
    first.assert_clean()

    second = lms.launch(package, cmi=first.relaunch_cmi())
    frame = second.course_frame
    assert title(frame) == "Question 2 of 3"
    assert frame.locator("legend").inner_text().strip() == second_prompt
    assert frame.locator(".cbt-option label").all_inner_texts() == options  # same shuffle
    button(frame, "Previous question").click()
    assert frame.get_by_label(choice, exact=True).is_checked()
    second.close()
    second.assert_clean()


def test_linear_navigation_locks(lms: Lms, build_course: Any) -> None:
    session = lms.launch(build_course(LINEAR))
    frame = session.course_frame
    nav = frame.get_by_role("navigation", name="Chapters")
    second = menu(frame, "Second Chapter")
    assert second.get_attribute("aria-disabled") == "true"
    assert "Locked" in second.inner_text()
    assert menu(frame, "Final Quiz").get_attribute("aria-disabled") == "true"
    second.click(force=True)  # aria-disabled: Playwright would wait for it to be enabled
    assert title(frame) == "Introduction"  # a locked chapter does not open
    assert (
        nav.get_by_role("button", name=re.compile("^First Chapter")).get_attribute("aria-current")
        == "true"
    )

    next_screen(frame, "Open Both")
    next_button = button(frame, "Next")
    assert next_button.get_attribute("aria-disabled") == "true"
    hint = frame.locator("#cbt-next-hint").inner_text()
    assert hint == "Open all 2 items to continue (0 opened so far)."
    assert next_button.get_attribute("aria-describedby") == "cbt-next-hint"
    next_button.click(force=True)
    assert title(frame) == "Open Both"
    frame.get_by_role("button", name=re.compile("^Left")).click()
    assert "1 opened" in frame.locator("#cbt-next-hint").inner_text()
    frame.get_by_role("button", name=re.compile("^Right")).click()
    assert next_button.get_attribute("aria-disabled") is None

    next_screen(frame, "A Note")
    hint = frame.locator("#cbt-next-hint").inner_text()
    assert hint == "Fill in the required fields to continue."
    frame.get_by_label("Your sentence").fill("Chapters open in order.")
    next_screen(frame, "First Chapter: Complete Chapter")
    assert "Select Complete Chapter" in frame.locator("#cbt-next-hint").inner_text()
    button(frame, "Complete Chapter").click()
    assert menu(frame, "Second Chapter").get_attribute("aria-disabled") is None
    assert menu(frame, "Final Quiz").get_attribute("aria-disabled") == "true"

    next_screen(frame, "Sort It")
    assert frame.locator("#cbt-next-hint").inner_text() == "Submit your answer to continue."
    frame.get_by_role("radio", name="Customer Driven").check()
    button(frame, "Submit Answer").click()
    next_screen(frame, "Wrap Up")
    next_screen(frame, "Second Chapter: Complete Chapter")
    button(frame, "Complete Chapter").click()
    next_screen(frame, "Final Quiz")
    button(frame, "Start Quiz").click()
    frame.get_by_label("True", exact=True).check()
    button(frame, "Submit Quiz").click()
    assert "Passed" in frame.locator(".cbt-screen").inner_text()
    session.close()
    session.assert_clean()
    flat = session.persisted_cmi() or {}
    assert flat["cmi.core.lesson_status"] == "passed"
    assert flat["cmi.core.score.raw"] == "100"


def test_exit_button_finishes_once(lms: Lms, build_course: Any) -> None:
    session = lms.launch(build_course(FULL))
    frame = session.course_frame
    next_screen(frame, "Expectation and Reality")
    frame.locator("header").get_by_role("button", name="Exit course").click()
    assert title(frame) == "You have left the course"
    assert "Your progress has been saved." in frame.locator(".cbt-screen").inner_text()
    session.close()  # unload after the exit: no second LMSFinish, no call after it
    session.assert_clean()
    assert len(session.calls("LMSFinish")) == 1
    flat = session.persisted_cmi() or {}
    assert flat["cmi.core.exit"] == "suspend"
    assert flat["cmi.core.lesson_location"] == "expectations"


def test_standalone_without_an_lms(
    page: Any, lms_server: LmsServer, build_course: Any, tmp_path: Path
) -> None:
    folder = extract_package(build_course(FULL), tmp_path / "standalone")
    prefix = lms_server.mount("standalone-player", folder)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(lms_server.url(prefix + "index.html"))
    notice = page.locator(".cbt-mode")
    assert notice.inner_text() == (
        "Not connected to an LMS: your progress is saved in this browser only."
    )
    assert page.locator("html").get_attribute("lang") == "en-GB"
    next_screen(page, "Expectation and Reality")
    page.get_by_role("button", name=re.compile("^Reality")).click()
    menu(page, "Practice").click()
    next_screen(page, "Your Ideas")
    page.get_by_label("Second idea").fill("Kept in this browser")
    page.get_by_label("First idea").focus()  # the change event saves at once
    page.reload()
    assert title(page) == "Your Ideas"
    assert page.get_by_label("Second idea").input_value() == "Kept in this browser"
    menu(page, "Basics").click()
    next_screen(page, "Expectation and Reality")
    assert page.locator(".cbt-reveal-button.is-seen .cbt-reveal-label").all_inner_texts() == [
        "Reality"
    ]
    stored = page.evaluate("JSON.stringify(Object.keys(localStorage))")
    structure = structure_hash()
    # The progress, keyed by course and structure (no learner without an LMS), and the lock
    # of the running instance (only one instance of a course writes).
    assert sorted(json.loads(stored)) == [
        f"cbtforge-lock:player_full:{structure}",
        f"cbtforge:player_full:{structure}",
    ]
    assert errors == []
    lms_server.unmount("standalone-player")


def test_lms_failures_warn_keep_work_and_recover(lms: Lms, build_course: Any) -> None:
    faults = {
        "setValue": {"match": "cmi.*", "times": 3},
        "commit": {"skip": 1, "times": 2},
    }
    session = lms.launch(build_course(FULL), faults=faults)
    frame = session.course_frame
    alert = frame.locator(".cbt-alert")
    alert.wait_for(state="visible")
    assert "could not be saved to the LMS" in alert.inner_text()
    assert "kept in this browser" in alert.inner_text()
    next_screen(frame, "Expectation and Reality")
    frame.get_by_role("button", name=re.compile("^Expectation")).click()
    next_screen(frame, "Customer or Operations?")
    frame.get_by_role("radio", name="Customer Driven").check()
    button(frame, "Submit Answer").click()
    # The local backup holds the learner's work while the LMS refuses it.
    backup = frame.evaluate(
        f"localStorage.getItem('cbtforge:player_full:{structure_hash()}:learner-001')"
    )
    assert backup is not None
    # Keep working until every injected fault is used up: the queue then drains.
    for _ in range(6):
        if alert.inner_text() == "Your progress is saved to the LMS again.":
            break
        button(frame, "Next").click()
    assert alert.inner_text() == "Your progress is saved to the LMS again."
    session.close()

    faulted = [c for c in session.log() if c.get("faulted")]
    assert len(faulted) == 5
    unexpected = [e for e in session.errors() if not e.get("faulted")]
    assert unexpected == []
    assert session.violations() == []
    flat = session.persisted_cmi() or {}
    assert [r["id"] for r in interactions(flat)] == ["classify-refund"]
    assert flat["cmi.core.lesson_status"] == "incomplete"
    assert flat["cmi.suspend_data"].startswith("2")
    relaunch = lms.launch(build_course(FULL), cmi=session.relaunch_cmi())
    frame = relaunch.course_frame
    menu(frame, "Basics").click()
    next_screen(frame, "Expectation and Reality")
    assert "1 of 3 opened" in frame.locator(".cbt-screen").inner_text()
    relaunch.close()
    relaunch.assert_clean()


def test_a_course_without_a_quiz_is_completed(lms: Lms, build_course: Any) -> None:
    session = lms.launch(build_course(COURSES / "player-noquiz"))
    frame = session.course_frame
    next_screen(frame, "The Only Chapter: Complete Chapter")
    button(frame, "Complete Chapter").click()
    session.close()
    session.assert_clean()
    flat = session.persisted_cmi() or {}
    assert (flat["cmi.core.lesson_status"], flat["cmi.core.exit"]) == ("completed", "")
    # no score: an LMS with a mastery score must have nothing to override the status with
    assert not session.calls("LMSSetValue", "cmi.core.score.raw")


def test_foreign_suspend_data_starts_over_and_keeps_the_lms_status(
    lms: Lms, build_course: Any
) -> None:
    stored = {
        "cmi.core.entry": "resume",
        "cmi.core.lesson_status": "passed",
        "cmi.core.lesson_location": "no-such-screen",
        "cmi.suspend_data": '{"from":"another player","page":7}',
    }
    session = lms.launch(build_course(FULL), cmi=stored)
    frame = session.course_frame
    assert title(frame) == "Welcome"
    next_screen(frame, "Expectation and Reality")
    session.close()
    session.assert_clean()
    assert not session.calls("LMSSetValue", "cmi.core.lesson_status")
    flat = session.persisted_cmi() or {}
    assert flat["cmi.core.lesson_status"] == "passed"
    assert flat["cmi.suspend_data"].startswith("2" + structure_hash())  # ours now, format 2
    assert flat["cmi.core.exit"] == ""  # the course was already passed


def test_an_lms_that_will_not_initialize_leaves_a_working_course(
    lms: Lms, build_course: Any
) -> None:
    session = lms.launch(build_course(FULL), faults={"initialize": {"times": 2}})
    frame = session.course_frame
    assert frame.locator(".cbt-mode").inner_text() == (
        "The LMS did not start a session: your progress is saved in this browser only."
    )
    next_screen(frame, "Expectation and Reality")
    session.close()
    calls = [c["fn"] for c in session.log() if c["fn"] not in strict.ERROR_FUNCTIONS]
    assert calls == ["LMSInitialize", "LMSInitialize"]  # one retry, then nothing more
    assert session.js_errors() == []
    # the LMS's own failure is the only thing the strict checker can find
    messages = [v.message for v in session.violations(require_finish=False)]
    assert messages == ["LMSInitialize was never called (successfully)"]


def test_the_lms_mastery_score_decides(lms: Lms, build_course: Any) -> None:
    """An LMS administrator lowered the mastery score to 30: the player judges by it too, so
    the status it sets agrees with the LMS's own override at LMSFinish."""
    session = lms.launch(build_course(FULL), cmi={"cmi.student_data.mastery_score": "30"})
    frame = session.course_frame
    menu(frame, "Final Quiz").click()
    one_right = dict(WRONG, **{"Who is a customer?": RIGHT["Who is a customer?"]})
    answer_quiz(frame, one_right)
    text = frame.locator(".cbt-screen").inner_text()
    assert "Passed: your score is 33%." in text and "Passing score: 30%." in text
    assert session.value("cmi.core.lesson_status") == "passed"
    session.close()
    session.assert_clean()
    flat = session.persisted_cmi() or {}
    assert (flat["cmi.core.lesson_status"], flat["cmi.core.score.raw"]) == ("passed", "33")


def test_launch_parameter_opens_a_screen_unless_locked(lms: Lms, build_course: Any) -> None:
    """?cbt_screen=<bookmark> (used by cbtforge preview) opens that screen; under linear
    navigation a locked screen is not reachable this way either."""
    free = lms.launch(build_course(FULL), params="cbt_screen=my-ideas")
    assert title(free.course_frame) == "Your Ideas"
    assert free.value("cmi.core.lesson_location") == "my-ideas"
    free.close()
    free.assert_clean()

    # "sort-it" opens the second chapter, locked until the first is complete.
    locked = lms.launch(build_course(LINEAR), params="cbt_screen=sort-it")
    assert title(locked.course_frame) == "Introduction"
    allowed = locked.course_frame.evaluate("CBT.app.idx.byKey['sort-it']")
    assert isinstance(allowed, int), "the key exists: it is refused for the lock, not unknown"
    locked.close()
    locked.assert_clean()


def test_api_found_through_the_opener_window(lms: Lms, build_course: Any) -> None:
    """An LMS that opens the course in a new window (SuccessFactors does): the SCO finds the
    API through window.opener (RTE 1.2 3.3.6.1) and reports to it, LMSFinish on close."""
    session = lms.launch(build_course(FULL), window="popup")
    frame = session.course_frame
    assert frame.evaluate("window.opener !== null && window.parent === window")
    # Found: the SCO initialised with the opener's API instead of running standalone.
    assert [c["result"] for c in session.calls("LMSInitialize")] == ["true"]
    next_screen(frame, "Expectation and Reality")
    session.close()
    session.assert_clean()
    assert len(finish_calls(session)) == 1
    flat = session.persisted_cmi() or {}
    assert flat["cmi.core.lesson_status"] == "incomplete"
    assert flat["cmi.core.lesson_location"] == "expectations"


def test_work_the_lms_never_received_is_restored_from_this_browser(
    lms: Lms, build_course: Any
) -> None:
    """The LMS loses a whole session (every commit and the finish fail): the next launch in
    the same browser resumes from the local backup, not from the LMS's empty record."""
    faults = {
        "commit": {"times": 1000},
        "finish": {"times": 1},
    }
    first = lms.launch(build_course(FULL), faults=faults)
    frame = first.course_frame
    next_screen(frame, "Expectation and Reality")
    frame.get_by_role("button", name=re.compile("^Reality")).click()
    next_screen(frame, "Customer or Operations?")
    frame.get_by_role("radio", name="Operations Driven").check()
    button(frame, "Submit Answer").click()
    first.close()
    assert first.persisted_cmi() is None, "the LMS stored nothing of this session"

    second = lms.launch(build_course(FULL), cmi=first.relaunch_cmi(), context=first.context)
    frame = second.course_frame
    assert second.value("cmi.core.entry") != "resume", "the LMS itself offers no resume"
    assert title(frame) == "Customer or Operations?"
    assert frame.get_by_role("radio", name="Operations Driven").is_checked()
    back = button(frame, "Back")
    back.click()
    assert "1 of 3 opened" in frame.locator(".cbt-screen").inner_text()
    second.close()
    second.assert_clean()
    # The restored state reached the LMS this time.
    flat = second.persisted_cmi() or {}
    assert flat["cmi.core.lesson_location"] == "expectations"
    assert flat["cmi.suspend_data"].startswith("2")


def test_review_mode_leaves_the_recorded_result_alone(lms: Lms, build_course: Any) -> None:
    """lesson_mode "review" (RTE 1.2 3.4.4): a learner revisiting a passed course may click
    through and answer, but status, score and interactions stay as the LMS recorded them."""
    preload = {
        "cmi.core.lesson_mode": "review",
        "cmi.core.lesson_status": "passed",
        "cmi.core.score.raw": "90",
    }
    session = lms.launch(build_course(FULL), cmi=preload)
    frame = session.course_frame
    next_screen(frame, "Expectation and Reality")
    next_screen(frame, "Customer or Operations?")
    frame.get_by_role("radio", name="Operations Driven").check()
    button(frame, "Submit Answer").click()
    session.close()
    session.assert_clean()
    written = {c["args"][0] for c in session.calls("LMSSetValue")}
    assert not any(e.startswith(("cmi.interactions.", "cmi.core.score")) for e in written)
    assert "cmi.core.lesson_status" not in written
    flat = session.persisted_cmi() or {}
    assert (flat["cmi.core.lesson_status"], flat["cmi.core.score.raw"]) == ("passed", "90")
    assert flat["cmi.core.lesson_location"] == "classify-refund"
