"""Rating screens (likert scales and grids) and reflections whose answers are not kept
(issue 14): the model's checks as ``file:line:col`` problems, the payload the player reads,
the structure hash, the suspend_data proof, the modules a course ships, the printed guide."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from cbtforge import coursedata, suspend
from cbtforge.build import compile_course, screen_modules
from cbtforge.documents.participant import participant_html
from cbtforge.errors import ProblemsError
from cbtforge.loader import load

ROOT = Path(__file__).resolve().parents[1]
RATING = ROOT / "tests" / "courses" / "player-rating"
ARIZONA = ROOT / "courses" / "arizona_quality_cs"


def write(root: Path, screens: str) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    text = "title: C\nchapters:\n  - title: Unit\n    screens:\n" + textwrap.indent(
        textwrap.dedent(screens), "      "
    )
    (root / "course.yaml").write_text(text, encoding="utf-8")
    return root


def problems_of(folder: Path) -> list[str]:
    with pytest.raises(ProblemsError) as caught:
        load(folder, base=folder)
    return [p.format() for p in caught.value.problems]


def rating(scale: str, statements: str = "[How likely?]") -> str:
    return f"""\
        - type: rating
          title: R
          scale: {scale}
          statements: {statements}
        """


# --- the model ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("scale", "message"),
    [
        (
            "{from: 10, to: 10}",
            "course.yaml:7:16: the scale runs from 10 to 10; 'from' must be lower than 'to' "
            "(e.g. from: 0, to: 10)",
        ),
        (
            "{from: 0, to: 36}",
            "course.yaml:7:16: the scale runs from 0 to 36, but each point is reported to the "
            "LMS as one character (0-9, a-z), so a numeric scale lies within 0 to 35; shift it "
            "(e.g. from: 0, to: 10) or use labelled points",
        ),
        ("{from: -2, to: 2}", "course.yaml:7:16: the scale runs from -2 to 2, but each point"),
        ("[Yes, No, Yes]", "course.yaml:7:26: scale point 'Yes' appears twice"),
        ("[Yes]", "course.yaml:7:16: scale needs at least 2 items (found 1)"),
        ("{from: 0, too: 10}", "course.yaml:7:16: missing required field 'to'"),
        (
            "ten",
            "course.yaml:7:16: expected a numeric scale ('from:' and 'to:' lines) or a list of "
            "point labels but found the text 'ten'",
        ),
    ],
)
def test_a_wrong_scale_is_one_problem_at_its_place(
    tmp_path: Path, scale: str, message: str
) -> None:
    problems = problems_of(write(tmp_path / "c", rating(scale)))
    assert problems[0].startswith(message), problems


def test_36_labelled_points_are_refused_35_are_not(tmp_path: Path) -> None:
    labels = [f"P{i}" for i in range(36)]
    problems = problems_of(write(tmp_path / "a", rating("[" + ", ".join(labels) + "]")))
    assert problems == ["course.yaml:7:16: scale may have at most 35 items (found 36)"]
    course = load(write(tmp_path / "b", rating("[" + ", ".join(labels[:35]) + "]"))).course
    screen = coursedata.course_data(course)["chapters"][0]["screens"][0]
    assert screen["responses"][-1] == "z" and len(set(screen["responses"])) == 35


def test_statements_must_differ(tmp_path: Path) -> None:
    problems = problems_of(write(tmp_path / "c", rating("[A, B]", "[Same, Same]")))
    assert problems == ["course.yaml:8:28: statement 'Same' appears twice; each must be different"]


def test_a_statement_id_that_meets_another_interaction_id_is_refused(tmp_path: Path) -> None:
    folder = write(
        tmp_path / "c",
        """\
        - {type: rating, id: r, title: R, scale: [A, B], statements: [One, Two]}
        - {type: poll, id: r__2, title: P, question: Q?, options: [A, B]}
        """,
    )
    (problem,) = problems_of(folder)
    assert problem.startswith("course.yaml:6:26: screen 'r__2' is reported to the LMS as 'r__2'")
    assert "like statement 2 of rating 'r' at course.yaml:5:" in problem


# --- the payload -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def payload() -> dict:
    return coursedata.course_data(load(RATING).course)


def screen(payload: dict, screen_id: str) -> dict:
    for chapter in payload["chapters"]:
        for sc in chapter["screens"]:
            if sc["id"] == screen_id:
                return sc
    raise KeyError(screen_id)


def test_a_numeric_scale_reports_its_value_in_base_36(payload: dict) -> None:
    nps = screen(payload, "nps")
    assert nps["points"] == [str(v) for v in range(11)]
    assert nps["responses"] == list("0123456789a")  # NPS 10 -> "a"
    assert (nps["low"], nps["high"]) == ("Not at all likely", "Extremely likely")
    assert nps["numeric"] is True and nps["required"] is False
    assert nps["statements"] == [
        {
            "text": "How likely are you to recommend this agency to a friend or colleague?",
            "interactionId": "nps__1",
        }
    ]


def test_labelled_points_report_their_position_from_one(payload: dict) -> None:
    grid = screen(payload, "grid")
    assert grid["points"][0] == "Strongly disagree"
    assert grid["responses"] == ["1", "2", "3", "4", "5"]
    assert grid["low"] is None and grid["numeric"] is False and grid["required"] is True
    assert [s["interactionId"] for s in grid["statements"]] == ["grid__1", "grid__2", "grid__3"]


def test_keep_answers_false_is_in_the_payload_only_when_set(payload: dict) -> None:
    assert screen(payload, "a11")["keepAnswers"] is False
    assert "keepAnswers" not in screen(payload, "kept")


def test_the_structure_hash_follows_the_scale_and_whether_answers_are_kept(
    tmp_path: Path,
) -> None:
    def hashed(screens: str) -> str:
        folder = write(tmp_path / str(len(list(tmp_path.iterdir()))), screens)
        return coursedata.structure_hash(load(folder).course)

    base = hashed(rating("{from: 0, to: 10}"))
    assert hashed(rating("{from: 0, to: 10, low: Never}")) == base  # wording only
    assert hashed(rating("{from: 1, to: 11}")) == base  # same number of points
    assert hashed(rating("{from: 0, to: 9}")) != base
    assert hashed(rating("{from: 0, to: 10}", "[A, B]")) != base
    field = "- {type: reflection, id: x, title: X, body: B, fields: [A]%s}\n"
    assert hashed(field % "") == hashed(field % ", keep_answers: true")
    assert hashed(field % "") != hashed(field % ", keep_answers: false")


# --- suspend_data: the nine-question exercise --------------------------------------------------


def nine_fields(keep: str) -> str:
    fields = "\n".join(f"    - {{label: Question {i + 1}, max_length: 500}}" for i in range(9))
    return f"- type: reflection\n  title: A-11\n  body: Answer.\n{keep}  fields:\n{fields}\n"


def test_nine_fields_of_500_characters_build_when_not_kept(tmp_path: Path) -> None:
    folder = write(tmp_path / "c", nine_fields("  keep_answers: false\n"))
    compiled = compile_course(folder)
    data = coursedata.course_data(compiled.course)
    assert suspend.worst_case(data) < 40  # the texts cost nothing in the saved state
    assert "reflection_copy" in screen_modules(compiled.course)


def test_nine_fields_of_500_characters_kept_are_refused_with_the_way_out(tmp_path: Path) -> None:
    folder = write(tmp_path / "c", nine_fields(""))
    with pytest.raises(ProblemsError) as caught:
        compile_course(folder)
    (problem,) = [p.format() for p in caught.value.problems]
    assert (
        "course.yaml:5:9: a learner's saved progress could need 4,537 characters, more than "
        "the 4,096 SCORM 1.2 allows in cmi.suspend_data (RTE 1.2 3.4.4)"
    ) in problem
    assert "set 'keep_answers: false' on long written exercises" in problem
    assert "course.yaml:5: screen 'a-11' (4,519 characters)" in problem


def test_ratings_cost_bits_in_the_worst_case(payload: dict) -> None:
    costs = {c.label: c for c in suspend.costs(payload)}
    assert costs["screen 'nps'"].bits == 1 + 4  # visited, 0..11 in 4 bits
    assert costs["screen 'grid'"].bits == 1 + 3 * 3  # visited, 3 statements of 0..5
    assert costs["screen 'a11'"].text_chars == 0
    assert costs["screen 'kept'"].text_chars == 2 + 200


# --- what a course ships -----------------------------------------------------------------------


def test_rating_and_copy_modules_ship_only_with_courses_that_use_them() -> None:
    modules = screen_modules(load(RATING).course)
    assert {"rating", "ratings", "reflection", "reflection_copy"} <= modules
    if ARIZONA.is_dir():
        arizona = screen_modules(load(ARIZONA).course)
        assert not {"rating", "ratings", "reflection_copy"} & arizona


def test_the_participant_guide_lists_every_statement_with_its_scale() -> None:
    html = participant_html(load(RATING))
    grid = html.index("Staff were courteous.")
    assert html.index("Strongly disagree", grid) < html.index("The wait was short.")
    assert "0 = Not at all likely; 10 = Extremely likely" in html
    assert "The course does not keep your answers to this exercise" in html
    assert html.count("The course does not keep your answers") == 1
