"""courses/federal_cx walked in Chromium against the scorm-again LMS, under the strict SCORM 1.2
checker: every chapter through the UI (the NPS question and the rating grid, knowledge checks
with numeric, fill-in, matching and sequencing questions, the exercise whose answers are not
kept), the final quiz to passed; a relaunch in the middle that restores every new
interaction's answer; and the welcome video's captions as a text track."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from . import strict
from .arizona import interactions, wait_for_value, without_times
from .federal_cx import COURSE_DIR, NEW_TYPES, Learner, federal_cx_course, screens_of
from .lms import Lms

pytestmark = pytest.mark.browser

NOT_KEPT_NOTICE = "Your answers on this screen are sent to your learning system but not kept"


def test_walk_records_every_new_interaction_and_passes(lms: Lms, build_course: Any) -> None:
    course = federal_cx_course()
    session = lms.launch(build_course(COURSE_DIR))
    learner = Learner(session, course)
    learner.walk(course["quiz"]["id"])
    attempt = learner.take_quiz(correct=True)
    assert attempt.score == 100 and len(attempt.asked) == len(course["quiz"]["questions"])
    wait_for_value(session, "cmi.core.lesson_status", "passed")
    session.close()

    session.assert_clean()  # the strict SCORM 1.2 checker saw no violation, no JS error
    flat = session.persisted_cmi()
    assert flat is not None
    assert (flat["cmi.core.lesson_status"], flat["cmi.core.score.raw"]) == ("passed", "100")
    rows = interactions(flat)
    for row in rows:
        assert strict.time_problem(row["time"]) is None, row
    assert without_times(rows) == learner.journal
    kinds = {row["type"] for row in rows}
    assert set(NEW_TYPES) <= kinds, kinds
    # The exercise whose answers are not kept: reported (fill-in, at most 255 characters),
    # never in suspend_data, which stays within SCORM 1.2's 4,096 characters.
    exercise = next(s for s in screens_of(course, "reflection") if s.get("keepAnswers") is False)
    reported = [r for r in rows if r["id"].startswith(exercise["id"] + "__")]
    assert len(reported) == 9
    assert all(r["type"] == "fill-in" and len(r["student_response"]) == 255 for r in reported)
    assert len(flat["cmi.suspend_data"]) <= 4096
    assert "agency" not in flat["cmi.suspend_data"]


def test_resume_restores_every_new_answer(lms: Lms, build_course: Any) -> None:
    course = federal_cx_course()
    package = build_course(COURSE_DIR)
    first = lms.launch(package)
    learner = Learner(first, course)
    learner.walk("exercise-3")
    learner.do_page()  # nine answers, then the learner leaves
    learner.main.get_by_role("textbox").first.focus()  # the last field's text is reported
    first.close()
    first.assert_clean()
    stored = first.persisted_cmi()
    assert stored is not None
    assert (stored["cmi.core.exit"], stored["cmi.core.lesson_location"]) == (
        "suspend",
        "exercise-3",
    )

    second = lms.launch(package, cmi=first.relaunch_cmi())
    assert second.value("cmi.core.entry") == "resume"
    learner.attach(second, at="exercise-3")
    # Not kept: the boxes are empty again, and the screen said so.
    expect(learner.main).to_contain_text(NOT_KEPT_NOTICE)
    exercise = learner.page.screen
    assert exercise is not None
    for spec in exercise["fields"]:
        expect(learner.main.get_by_role("textbox", name=spec["label"], exact=True)).to_have_value(
            ""
        )

    # Every earlier answer of the new kinds is as the learner left it.
    restored = [
        s["id"]
        for c in course["chapters"]
        for s in c["screens"]
        if s["type"] == "rating"
        or (
            s["type"] == "knowledge_check"
            and any(q["type"] not in ("single", "multiple", "true_false") for q in s["questions"])
        )
    ]
    for key in reversed(restored):
        learner.go_to(key)
        screen = learner.page.screen
        assert screen is not None
        if screen["type"] == "rating":
            learner.expect_rated(learner.ratings[key])
        else:
            learner.expect_checked(screen)
        learner.expect_unlocked()

    # The quiz, left once every new kind of question is answered.
    learner.walk(course["quiz"]["id"])
    kinds = [q["type"] for q in course["quiz"]["questions"]]
    upto = 1 + max(kinds.index(k) for k in ("numeric", "fill_in", "matching", "sequencing"))
    assert upto < len(kinds)
    attempt = learner.take_quiz(correct=True, upto=upto)
    second.close()
    second.assert_clean()

    third = lms.launch(package, cmi=second.relaunch_cmi())
    learner.attach(third, at=course["quiz"]["id"])
    expect(learner.heading()).to_have_text(f"Question {upto + 1} of {len(kinds)}")
    assert learner.take_quiz(attempt=attempt).score == 100
    # The answers given before the relaunch are the restored ones the quiz scored and reviews.
    for q in course["quiz"]["questions"][:upto]:
        if q["type"] in ("numeric", "fill_in", "matching", "sequencing"):
            expect(learner.main).to_contain_text(f"Your answer: {learner.answer_text(q)}.")
    wait_for_value(third, "cmi.core.lesson_status", "passed")
    third.close()
    third.assert_clean()
    flat = third.persisted_cmi()
    assert flat is not None
    # Nothing restored was reported twice, nothing was lost: the LMS holds exactly what the
    # learner did, the quiz's records made from the answers restored across the relaunch.
    assert without_times(interactions(flat)) == learner.journal


def test_the_welcome_video_has_a_selectable_captions_track(lms: Lms, build_course: Any) -> None:
    course = federal_cx_course()
    session = lms.launch(build_course(COURSE_DIR))
    learner = Learner(session, course)
    assert learner.page.key == "welcome"
    video = learner.main.locator("video")
    expect(video).to_have_count(1)
    track = video.locator("track")
    expect(track).to_have_attribute("kind", "captions")
    expect(track).to_have_attribute("srclang", re.compile("^en"))  # the course's en-US
    # What the captions button of the video's controls does: show the track; its cues load
    # from the package (the launch page's CSP allows media from the package only).
    cues = video.evaluate(
        """async (v) => {
          const t = v.textTracks[0];
          t.mode = "showing";
          for (let i = 0; i < 100 && !(t.cues && t.cues.length); i++)
            await new Promise((r) => setTimeout(r, 50));
          return { kind: t.kind, language: t.language, mode: t.mode,
                   cues: Array.from(t.cues || []).map((c) => c.text) };
        }"""
    )
    vtt = (COURSE_DIR / "media" / "welcome.en.vtt").read_text(encoding="utf-8")
    expected = [
        " ".join(block.splitlines()[1:])
        for block in re.split(r"\n\s*\n", vtt.strip())[1:]
        if "-->" in block
    ]
    assert cues["kind"] == "captions" and cues["mode"] == "showing"
    assert cues["language"].startswith("en")
    assert [" ".join(c.split()) for c in cues["cues"]] == expected
    assert video.evaluate("v => v.readyState") >= 1  # the media itself loaded under the CSP
    session.close()
    session.assert_clean()
