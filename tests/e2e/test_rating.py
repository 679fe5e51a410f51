"""Rating screens and a written exercise whose answers are not kept, in a real browser under
scorm-again with the strict SCORM 1.2 checker (tests/courses/player-rating): the NPS scale and
the grid recorded as likert interactions with one-character responses, restored on relaunch;
the exercise's answers reported as fill-in, not restored, and offered as a download; axe-core
finds nothing at 1280 and 320 px."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from cbtforge.build import compile_course, write_zip

from .a11y import NARROW, WIDE, axe_violations, describe_violations, page_facts
from .lms import Lms

pytestmark = pytest.mark.browser

RATING = Path(__file__).resolve().parents[1] / "courses" / "player-rating"
NPS = "How likely are you to recommend this agency to a friend or colleague?"
GRID = ["Staff were courteous.", "The wait was short.", "The information was clear."]


def button(frame: Any, name: str) -> Any:
    return frame.get_by_role("button", name=name, exact=True)


def title(frame: Any) -> str:
    return frame.locator("h1").inner_text()


def go(frame: Any, name: str, expected_title: str) -> None:
    button(frame, name).click()
    assert title(frame) == expected_title


def point(frame: Any, statement: str, label: str) -> Any:
    """A point's radio button inside its statement's group (fieldset named by its legend)."""
    group = frame.get_by_role("group", name=statement, exact=True)
    return group.get_by_role("radio", name=label, exact=True)


def interactions(flat: dict[str, str]) -> dict[str, dict[str, str]]:
    rows: dict[int, dict[str, str]] = {}
    for key, value in flat.items():
        m = re.match(r"^cmi\.interactions\.(\d+)\.(.+)$", key)
        if m:
            rows.setdefault(int(m.group(1)), {})[m.group(2)] = value
    return {row["id"]: row for row in rows.values()}


def test_ratings_and_a_not_kept_exercise_under_scorm_again(
    lms: Lms, build_course: Any, tmp_path: Path
) -> None:
    package = build_course(RATING)
    first = lms.launch(package)
    frame = first.course_frame
    go(frame, "Next", "Would you recommend us?")
    # The end labels are visible and describe the statement's group.
    group = frame.get_by_role("group", name=NPS, exact=True)
    ends = frame.locator(".cbt-ends")
    assert ends.text_content() == "0 = Not at all likely; 10 = Extremely likely"
    assert group.get_attribute("aria-describedby") == ends.get_attribute("id")
    # Keyboard: arrow keys move between the points of one statement (native radios).
    point(frame, NPS, "8").check()
    point(frame, NPS, "8").press("ArrowRight")
    point(frame, NPS, "9").press("ArrowRight")
    assert point(frame, NPS, "10").is_checked()
    go(frame, "Submit Rating", "Would you recommend us?")
    assert "your rating was recorded" in frame.locator("[data-key=feedback]").inner_text()
    assert point(frame, NPS, "10").is_disabled()

    go(frame, "Next", "How was the service?")
    next_button = button(frame, "Next")
    assert next_button.get_attribute("aria-disabled") == "true"
    hint = frame.locator("#cbt-next-hint").inner_text()
    assert hint == "Rate every statement to continue (3 left)."
    button(frame, "Submit Ratings").click()
    assert frame.locator(".cbt-error").inner_text() == "Rate at least one statement first."
    point(frame, GRID[0], "Agree").check()
    point(frame, GRID[2], "Strongly disagree").check()
    button(frame, "Submit Ratings").click()
    assert frame.locator("#cbt-next-hint").inner_text() == (
        "Rate every statement to continue (1 left)."
    )
    focused = "el => el === document.activeElement"
    assert button(frame, "Submit Ratings").evaluate(focused), "focus stays on Submit"
    point(frame, GRID[1], "Neutral").check()
    button(frame, "Submit Ratings").click()
    assert next_button.get_attribute("aria-disabled") is None
    assert "your ratings were recorded" in frame.locator("[data-key=feedback]").inner_text()
    assert frame.locator("[data-key=feedback]").evaluate(focused), "focus on the thank-you"

    go(frame, "Next", "Ratings: Complete Chapter")
    button(frame, "Complete Chapter").click()
    go(frame, "Next", "Answer the questions of Circular A-11")
    notice = frame.locator(".cbt-not-kept").inner_text()
    assert "not kept" in notice and "when you leave the course, they are gone" in notice
    frame.get_by_label("Who are your customers?").fill("Veterans, families\nand caregivers")
    frame.get_by_label("What services do you deliver?").fill("Benefits")
    frame.get_by_label("Who are your customers?").focus()  # the change event saves at once
    with first.page.expect_download() as caught:
        button(frame, "Save a copy").click()
    download = caught.value
    assert download.suggested_filename == "a11-answers.txt"
    saved = Path(download.path()).read_text(encoding="utf-8")
    assert saved.startswith("Answer the questions of Circular A-11\n")
    assert "Who are your customers?\nVeterans, families\nand caregivers\n" in saved
    assert "What services do you deliver?\nBenefits\n" in saved
    assert button(frame, "Print").is_visible()
    go(frame, "Next", "One thought to keep")
    frame.get_by_label("Your plan").fill("Listen first.")
    first.close()
    first.assert_clean()

    rows = interactions(first.persisted_cmi() or {})
    assert rows["nps__1"]["type"] == "likert"
    assert rows["nps__1"]["student_response"] == "a"  # 10 in base 36
    assert rows["nps__1"]["result"] == "neutral"
    assert [rows[f"grid__{i}"]["student_response"] for i in (1, 2, 3)] == ["4", "3", "1"]
    assert all(rows[f"grid__{i}"]["type"] == "likert" for i in (1, 2, 3))
    assert rows["a11__1"]["type"] == "fill-in"
    assert rows["a11__1"]["student_response"] == "Veterans, families and caregivers"
    assert rows["a11__2"]["student_response"] == "Benefits"
    suspend_data = first.persisted_cmi()["cmi.suspend_data"]  # type: ignore[index]
    assert "Veterans" not in suspend_data and "Listen first." in suspend_data

    second = lms.launch(package, cmi=first.relaunch_cmi())
    frame = second.course_frame
    assert title(frame) == "One thought to keep"
    assert frame.get_by_label("Your plan").input_value() == "Listen first."
    go(frame, "Back", "Answer the questions of Circular A-11")
    assert frame.get_by_label("Who are your customers?").input_value() == ""
    assert frame.get_by_label("What services do you deliver?").input_value() == ""
    frame.get_by_role("navigation", name="Chapters").get_by_role(
        "button", name=re.compile("^Ratings")
    ).click()
    go(frame, "Next", "Would you recommend us?")
    assert point(frame, NPS, "10").is_checked() and point(frame, NPS, "10").is_disabled()
    assert "Your rating: 10." in frame.locator(".cbt-screen").inner_text()
    go(frame, "Next", "How was the service?")
    assert point(frame, GRID[0], "Agree").is_checked()
    assert point(frame, GRID[1], "Neutral").is_checked()
    assert point(frame, GRID[2], "Strongly disagree").is_checked()
    assert button(frame, "Next").get_attribute("aria-disabled") is None
    second.close()
    second.assert_clean()
    # Nothing was rated again: each statement is one interaction, from the first session.
    again = interactions(second.persisted_cmi() or {})
    assert sum(1 for key in again if key.startswith(("nps__", "grid__"))) == 4


@pytest.mark.parametrize("viewport", [WIDE, NARROW], ids=["1280", "320"])
def test_rating_and_exercise_states_have_no_axe_violations(
    lms: Lms, build_course: Any, viewport: dict[str, int]
) -> None:
    session = lms.launch(build_course(RATING), viewport=viewport)
    frame = session.course_frame
    failures: list[str] = []

    def check(state: str) -> None:
        problems = describe_violations(axe_violations(frame))
        facts = page_facts(frame)
        if facts["scrollWidth"] > facts["clientWidth"]:
            problems.append(f"scrolls horizontally ({facts['scrollWidth']} px)")
        failures.extend(f"{state}: {p}" for p in problems)

    go(frame, "Next", "Would you recommend us?")
    check("NPS scale")
    point(frame, NPS, "7").check()
    check("NPS scale, a point picked")
    button(frame, "Submit Rating").click()
    check("NPS scale, rated")
    go(frame, "Next", "How was the service?")
    check("grid")
    button(frame, "Submit Ratings").click()
    check("grid, rate-first error")
    point(frame, GRID[0], "Strongly agree").check()
    button(frame, "Submit Ratings").click()
    check("grid, one statement rated")
    point(frame, GRID[1], "Disagree").check()
    point(frame, GRID[2], "Agree").check()
    button(frame, "Submit Ratings").click()
    check("grid, rated")
    go(frame, "Next", "Ratings: Complete Chapter")
    button(frame, "Complete Chapter").click()
    go(frame, "Next", "Answer the questions of Circular A-11")
    frame.get_by_label("Who are your customers?").fill("Everyone we serve")
    check("exercise not kept, typed")
    session.close()
    session.assert_clean()
    assert not failures, "\n".join(failures)


def test_ratings_under_scorm_2004(lms2004: Any, tmp_path: Path) -> None:
    """The same one-character responses are 2004 likert learner_responses (RTE 4.2.8.5: a
    short_identifier_type), under scorm-again's Scorm2004API and the strict 2004 checker."""
    package = tmp_path / "rating-2004.zip"
    write_zip(compile_course(RATING, standard="scorm2004"), package)
    session = lms2004.launch(package)
    frame = session.course_frame
    go(frame, "Next", "Would you recommend us?")
    point(frame, NPS, "10").check()
    button(frame, "Submit Rating").click()
    go(frame, "Next", "How was the service?")
    for statement, label in zip(GRID, ["Strongly agree", "Neutral", "Disagree"], strict=True):
        point(frame, statement, label).check()
    button(frame, "Submit Ratings").click()
    session.close()
    session.assert_clean()
    rows = interactions(session.persisted_cmi() or {})
    assert {k: (r["type"], r["learner_response"], r["result"]) for k, r in rows.items()} == {
        "nps__1": ("likert", "a", "neutral"),
        "grid__1": ("likert", "5", "neutral"),
        "grid__2": ("likert", "3", "neutral"),
        "grid__3": ("likert", "2", "neutral"),
    }
