"""The Arizona course, walked whole in Chromium against the scorm-again LMS.

The real compiler builds courses/arizona_quality_cs; a learner (tests/e2e/arizona.py) goes
through every screen of every chapter in order under linear navigation, satisfying each lock
through the UI: every reveal panel opened, every classifier and poll submitted, the hot
buttons typed, each chapter completed; then the final quiz (options shuffled, found by their
text) and the evaluation. The LMS must then hold exactly the interactions the learner's
actions call for, the right status and score, and every call must pass the strict SCORM 1.2
checker.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from . import strict
from .arizona import (
    COURSE_DIR,
    Learner,
    Plan,
    arizona_course,
    interactions,
    right_plan,
    seed_titles,
    wait_for_value,
    without_times,
)
from .lms import Lms

pytestmark = pytest.mark.browser

CHAPTERS = [
    "Introduction",
    "Customer Identification",
    "Meeting Customer Needs",
    "Components of World Class Customer Service",
    "Service Recovery",
]
CLASSIFIERS = [
    "scenario-a",
    "scenario-b",
    "scenario-c",
    "scenario-d",
    "customer-1",
    "customer-2",
    "customer-3",
    "customer-4",
]
HOT_BUTTONS = [
    "Being told “that’s not my job”",
    "Someone tapping on the counter while I'm on the phone",
    "A caller who starts with\nthe last ten people who couldn't help",
]


def mixed_plan(course: dict[str, Any]) -> Plan:
    """Half the classifiers right, half wrong; a middle answer in each poll."""
    plan = right_plan(course)
    plan.classifiers.update(
        {
            "scenario-b": "Customer Driven",  # right: Operations Driven
            "scenario-d": "Customer Driven",  # right: Operations Driven
            "customer-2": "Irate",  # right: Relaxed
            "customer-4": "Relaxed",  # right: Inquisitive
        }
    )
    plan.polls.update(
        {
            "how-concerned": "Moderate concern",
            "evaluation-overall": "Good",
            "evaluation-usefulness": "Very useful",
            "evaluation-recommend": "Yes",
        }
    )
    plan.reflections["hot-buttons-list"] = HOT_BUTTONS
    plan.reflections["evaluation-one-change"] = [
        "Answer the phone by the third ring and follow up the same day."
    ]
    return plan


def assert_times(rows: list[dict[str, str]]) -> None:
    for row in rows:
        assert strict.time_problem(row["time"]) is None, row
        assert strict.timespan_problem(row["latency"]) is None, row


def test_walk_the_whole_course_and_pass(lms: Lms, build_course: Any) -> None:
    course = arizona_course()
    plan = mixed_plan(course)
    session = lms.launch(build_course(COURSE_DIR))
    learner = Learner(session, course, plan)
    assert session.value("cmi.core.lesson_status") == "incomplete"

    # Linear: only the first chapter is open; the quiz and the evaluation wait.
    learner.chapter_state("Introduction", "In progress")
    for title in CHAPTERS[1:]:
        learner.chapter_state(title, "Locked")
    learner.chapter_state("Final Quiz", "Locked")
    learner.chapter_state("Course Evaluation", "Locked")

    learner.walk_to_quiz()
    assert learner.titles_seen == seed_titles()  # all 82 screens, in the seed's order
    for title in CHAPTERS:
        learner.chapter_state(title, "Complete")

    attempt = learner.take_quiz(correct=True)
    assert (attempt.started_with, attempt.right, attempt.score) == ("Start Quiz", 23, 100)
    shuffled = [q for q, order in attempt.display_order.items() if order != sorted(order)]
    assert shuffled, "shuffle_options is on: some options must appear out of course order"
    assert learner.main.get_by_role("button", name="Retake Quiz").count() == 0
    learner.chapter_state("Final Quiz", "Passed")
    wait_for_value(session, "cmi.core.lesson_status", "passed")

    learner.walk_evaluation()
    learner.chapter_state("Course Evaluation", "Complete")
    for title in CHAPTERS:
        learner.chapter_state(title, "Complete")
    session.close()

    session.assert_clean()
    assert len([c for c in session.calls("LMSFinish") if c["result"] == "true"]) == 1
    flat = session.persisted_cmi()
    assert flat is not None
    assert flat["cmi.core.lesson_status"] == "passed"
    assert flat["cmi.core.score.raw"] == "100"
    assert (flat["cmi.core.score.min"], flat["cmi.core.score.max"]) == ("0", "100")
    assert flat["cmi.core.exit"] == ""
    assert flat["cmi.core.lesson_location"] == "course-evaluation/complete"
    assert strict.timespan_problem(flat["cmi.core.session_time"]) is None
    assert len(flat["cmi.suspend_data"]) <= 4096

    rows = interactions(flat)
    assert_times(rows)
    assert without_times(rows) == learner.journal
    ids = [row["id"] for row in rows]
    quiz_ids = [f"final-quiz__{q['id']}" for q in course["quiz"]["questions"]]
    assert ids == [
        "how-concerned",
        *CLASSIFIERS[:4],
        "hot-buttons-list__1",
        "hot-buttons-list__2",
        "hot-buttons-list__3",
        *CLASSIFIERS[4:],
        *quiz_ids,
        "evaluation-overall",
        "evaluation-usefulness",
        "evaluation-recommend",
        "evaluation-one-change__1",
    ]
    by_id = {row["id"]: row for row in rows}
    results = {i: by_id[i]["result"] for i in CLASSIFIERS}
    assert results == {
        "scenario-a": "correct",
        "scenario-b": "wrong",
        "scenario-c": "correct",
        "scenario-d": "wrong",
        "customer-1": "correct",
        "customer-2": "wrong",
        "customer-3": "correct",
        "customer-4": "wrong",
    }
    assert by_id["scenario-b"]["student_response"] == "a"
    assert by_id["scenario-b"]["correct_responses.0.pattern"] == "b"
    assert by_id["customer-2"]["student_response"] == "a"
    assert by_id["customer-2"]["correct_responses.0.pattern"] == "d"
    assert {by_id[i]["weighting"] for i in CLASSIFIERS} == {"0"}  # practice: not scored
    assert by_id["how-concerned"] | {"time": "", "latency": ""} == {
        "id": "how-concerned",
        "type": "likert",
        "student_response": "b",
        "result": "neutral",
        "weighting": "0",
        "time": "",
        "latency": "",
    }
    assert [by_id[f"hot-buttons-list__{n}"]["student_response"] for n in (1, 2, 3)] == [
        "Being told “that’s not my job”",
        "Someone tapping on the counter while I'm on the phone",
        "A caller who starts with the last ten people who couldn't help",  # one line
    ]
    assert {by_id[f"hot-buttons-list__{n}"]["type"] for n in (1, 2, 3)} == {"fill-in"}
    quiz_rows = [by_id[i] for i in quiz_ids]
    assert {r["result"] for r in quiz_rows} == {"correct"}
    assert {r["weighting"] for r in quiz_rows} == {"1"}
    assert all(r["student_response"] == r["correct_responses.0.pattern"] for r in quiz_rows)
    types = {r["id"]: r["type"] for r in quiz_rows}
    assert types["final-quiz__q-process-as-customer"] == "true-false"
    assert by_id["final-quiz__q-process-as-customer"]["student_response"] == "t"
    assert by_id["final-quiz__q-relaxed-customer"]["student_response"] == "f"
    assert types["final-quiz__q-customer-definition"] == "choice"
    assert by_id["final-quiz__q-building-blocks"]["student_response"] == "a,b,c"
    assert by_id["final-quiz__q-internal-customers"]["student_response"] == "a,b"
    assert all(re.fullmatch(r"[a-z](,[a-z])*|[tf]", r["student_response"]) for r in quiz_rows)
    assert by_id["evaluation-recommend"]["student_response"] == "a"


FAIL_WRONG = [
    "q-all-employees-have-customers",  # true/false
    "q-internal-customers",  # multiple
    "q-stakeholder",  # single
    "q-service-recovery-steps",  # multiple
    "q-relaxed-customer",  # true/false
]
RETAKE_WRONG = ["q-customer-definition", "q-building-blocks", "q-find-a-solution", "q-hot-buttons"]


def test_resume_fail_the_quiz_then_retake_and_pass(lms: Lms, build_course: Any) -> None:
    course = arizona_course()
    package = build_course(COURSE_DIR)
    first = lms.launch(package)
    learner = Learner(first, course, right_plan(course))

    # Close mid-chapter, on a reveal with one of its two panels opened.
    learner.walk("oscar-entering")
    learner.reveal_button("Expectation").click()
    learner.expect_locked("Open all 2 items to continue (1 opened so far).")
    first.close()
    first.assert_clean()
    stored = first.persisted_cmi()
    assert stored is not None
    assert (stored["cmi.core.exit"], stored["cmi.core.lesson_status"]) == ("suspend", "incomplete")
    assert stored["cmi.core.lesson_location"] == "oscar-entering"

    second = lms.launch(package, cmi=first.relaunch_cmi())
    assert second.value("cmi.core.entry") == "resume"
    learner.attach(second, at="oscar-entering")  # the same screen, focus on its heading
    expectation = learner.reveal_button("Expectation")
    assert expectation.get_attribute("aria-expanded") == "false"  # viewed, but closed again
    assert learner.main.get_by_role("button", name="Expectation (viewed)").count() == 1
    learner.expect_locked("Open all 2 items to continue (1 opened so far).")
    for title in CHAPTERS[:2]:
        learner.chapter_state(title, "Complete")
    learner.chapter_state("Meeting Customer Needs", "In progress")
    learner.chapter_state("Final Quiz", "Locked")

    learner.walk_to_quiz()
    journaled_before_quiz = len(learner.journal)
    failed = learner.take_quiz(correct=True, wrong=FAIL_WRONG)
    assert (failed.started_with, failed.right, failed.score) == ("Start Quiz", 18, 78)
    wait_for_value(second, "cmi.core.lesson_status", "failed")
    assert second.value("cmi.core.score.raw") == "78"
    assert (second.value("cmi.core.score.min"), second.value("cmi.core.score.max")) == ("0", "100")
    learner.chapter_state("Final Quiz", "Not passed")
    review = learner.main.locator(".cbt-review").inner_text()
    assert review.count("Correct answer:") == len(FAIL_WRONG)  # show_answers: true

    passed = learner.take_quiz(correct=True, wrong=RETAKE_WRONG)
    assert (passed.started_with, passed.right, passed.score) == ("Retake Quiz", 19, 82)
    reshuffled = [
        q for q in passed.display_order if passed.display_order[q] != failed.display_order[q]
    ]
    assert reshuffled, "a new attempt reshuffles the options"
    wait_for_value(second, "cmi.core.lesson_status", "passed")
    learner.chapter_state("Final Quiz", "Passed")
    second.close()

    second.assert_clean()
    flat = second.persisted_cmi()
    assert flat is not None
    assert flat["cmi.core.lesson_status"] == "passed"
    assert (flat["cmi.core.score.raw"], flat["cmi.core.score.min"]) == ("82", "0")
    assert flat["cmi.core.score.max"] == "100"
    assert flat["cmi.core.exit"] == ""
    rows = interactions(flat)  # the first session's, preloaded, then the second's
    assert_times(rows)
    assert without_times(rows) == learner.journal
    questions = len(course["quiz"]["questions"])
    first_attempt = rows[journaled_before_quiz : journaled_before_quiz + questions]
    second_attempt = rows[journaled_before_quiz + questions :]
    assert [r["id"] for r in first_attempt] == [r["id"] for r in second_attempt]
    assert len(second_attempt) == questions
    wrong_ids = {f"final-quiz__{q}" for q in FAIL_WRONG}
    assert {r["id"] for r in first_attempt if r["result"] == "wrong"} == wrong_ids
    retake_wrong_ids = {f"final-quiz__{q}" for q in RETAKE_WRONG}
    assert {r["id"] for r in second_attempt if r["result"] == "wrong"} == retake_wrong_ids
    # Session one journaled only the poll; session two's interactions continue after it.
    assert [r["id"] for r in interactions(stored)] == ["how-concerned"]
    assert rows[0]["id"] == "how-concerned" and rows[1]["id"] == "scenario-a"
