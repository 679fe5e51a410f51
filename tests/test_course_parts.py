"""The model parts the second course (courses/public_trust) needs: sections, optional closing
screens, lettered options, knowledge checks, question banks and the certificate. Each loads
into the player payload as expected, and each mistake is one ``file:line:col`` problem."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from cbtforge import coursedata, suspend
from cbtforge.errors import ProblemsError
from cbtforge.loader import load


def write(root: Path, text: str) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "course.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def problems_of(folder: Path) -> list[str]:
    with pytest.raises(ProblemsError) as caught:
        load(folder, base=folder)
    return [p.format() for p in caught.value.problems]


# --- sections and the optional closing screen ------------------------------------------------


def test_sections_flatten_after_the_chapter_screens(tmp_path: Path) -> None:
    course = load(Path(__file__).parent / "courses" / "player-sections").course
    data = coursedata.course_data(course)
    unit = data["chapters"][0]
    assert [s["id"] for s in unit["screens"]] == [
        "why-it-matters",
        "greet",
        "greet-critique",
        "greet-check",
        "assist",
        "assist-practices",
        "plain-section-screen",
        "basics",
    ]
    assert unit["sections"][0] == {"id": "greet", "title": "Meet and Greet", "first": 1, "count": 3}
    assert unit["screens"][1]["intro"] is True and unit["screens"][1]["html"] == ""
    assert unit["completion"] is None
    assert data["chapters"][1]["completion"]["title"] == "Unit Two: Complete Chapter"
    assert data["letteredOptions"] is True


def test_sections_and_no_closing_screen_change_the_structure_hash(tmp_path: Path) -> None:
    base = textwrap.dedent(
        """\
        title: C
        chapters:
          - title: Unit
            screens:
              - {type: content, title: A, body: a}
        """
    )
    plain = coursedata.structure_hash(load(write(tmp_path / "a", base)).course)
    no_close = coursedata.structure_hash(
        load(
            write(
                tmp_path / "b",
                base.replace("- title: Unit", "- title: Unit\n    completion: false"),
            )
        ).course
    )
    assert plain != no_close


def test_a_chapter_needs_screens_or_sections(tmp_path: Path) -> None:
    folder = write(
        tmp_path / "c",
        """\
        title: C
        chapters:
          - title: Empty
            completion: false
        """,
    )
    assert problems_of(folder) == [
        "course.yaml:3:5: chapter has no screens: add 'screens:' (a list of screens) or 'sections:'"
    ]


def test_a_section_needs_a_title_and_screens(tmp_path: Path) -> None:
    folder = write(
        tmp_path / "c",
        """\
        title: C
        chapters:
          - title: Unit
            sections:
              - title: Topic
                intro: true
                screens: []
        """,
    )
    (problem,) = problems_of(folder)
    assert problem.startswith("course.yaml:7:")
    assert "screens" in problem


def test_section_ids_are_derived_and_unique(tmp_path: Path) -> None:
    folder = write(
        tmp_path / "c",
        """\
        title: C
        chapters:
          - title: Unit
            sections:
              - title: Topic
                intro: true
                screens:
                  - {type: content, title: Topic, body: a}
        """,
    )
    course = load(folder).course
    section = course.chapters[0].sections[0]
    assert section.id == "topic"
    assert section.screens[0].id != "topic"


# --- knowledge checks ---------------------------------------------------------------------


def test_knowledge_check_questions_are_interactions_of_their_screen() -> None:
    course = load(Path(__file__).parent / "courses" / "player-sections").course
    data = coursedata.course_data(course)
    kc = data["chapters"][0]["screens"][-1]
    assert kc["type"] == "knowledge_check"
    assert [q["interactionId"] for q in kc["questions"]] == [
        "basics__k1",
        "basics__k2",
        "basics__k3",
    ]
    assert kc["passRequired"] is True and kc["retry"] is True and kc["scored"] is False
    assert kc["questions"][0]["options"][1]["feedbackHtml"] == "<p>No; every customer does.</p>"


def test_knowledge_check_question_ids_are_derived_from_the_screen(tmp_path: Path) -> None:
    folder = write(
        tmp_path / "c",
        """\
        title: C
        chapters:
          - title: Unit
            screens:
              - type: knowledge_check
                title: Unit Quiz
                questions:
                  - {type: true_false, prompt: Yes?, correct: true}
                  - {type: true_false, prompt: No?, correct: false}
        """,
    )
    kc = load(folder).course.chapters[0].screens[0]
    assert [q.id for q in kc.questions] == ["unit-quiz-1", "unit-quiz-2"]


def test_knowledge_check_pass_required_needs_retry(tmp_path: Path) -> None:
    folder = write(
        tmp_path / "c",
        """\
        title: C
        chapters:
          - title: Unit
            screens:
              - type: knowledge_check
                title: Unit Quiz
                retry: false
                pass_required: true
                questions:
                  - {type: true_false, prompt: Yes?, correct: true}
        """,
    )
    assert problems_of(folder) == [
        "course.yaml:5:9: pass_required: true needs retry: true, or a learner who answers "
        "wrong could never go on; set retry: true or pass_required: false"
    ]


def test_knowledge_check_question_of_unknown_type(tmp_path: Path) -> None:
    folder = write(
        tmp_path / "c",
        """\
        title: C
        chapters:
          - title: Unit
            screens:
              - type: knowledge_check
                title: Unit Quiz
                questions:
                  - {type: singel, prompt: Yes?, correct: true}
        """,
    )
    (problem,) = problems_of(folder)
    assert problem.startswith("course.yaml:8:")
    assert "unknown question type 'singel'" in problem and "did you mean 'single'" in problem


# --- question banks -------------------------------------------------------------------------

QUIZ_WITH_POOL = """\
title: C
chapters:
  - title: Unit
    screens:
      - {type: content, title: A, body: a}
final_quiz:
  pools:
    - title: Bank
      draw: %d
      questions:
        - {type: true_false, prompt: One?, correct: true}
        - {type: true_false, prompt: Two?, correct: false}
"""


def test_pool_questions_follow_the_fixed_ones_in_the_payload() -> None:
    course = load(Path(__file__).parent / "courses" / "player-sections").course
    quiz = coursedata.course_data(course)["quiz"]
    assert [q["id"] for q in quiz["questions"]] == ["q-fixed", "d1", "d2", "d3", "d4", "s1", "s2"]
    assert [q.get("pool") for q in quiz["questions"]] == [None, 0, 0, 0, 0, 1, 1]
    assert quiz["pools"] == [
        {"id": "deal", "draw": 2, "first": 1, "count": 4},
        {"id": "dis", "draw": 1, "first": 5, "count": 2},
    ]
    assert quiz["questions"][1]["interactionId"] == "final-quiz__d1"


def test_the_worst_case_counts_one_bit_per_pool_question(tmp_path: Path) -> None:
    data = coursedata.course_data(load(write(tmp_path / "c", QUIZ_WITH_POOL % 1)).course)
    (cost,) = [c for c in suspend.costs(data) if c.path == ("final_quiz",)]
    # visited, attempts (12), submitted, position (1), score (7), two answers (2 + 2), draw (2)
    assert cost.bits == 1 + 12 + 1 + 1 + 7 + 4 + 2


def test_a_pool_cannot_draw_more_than_it_holds(tmp_path: Path) -> None:
    folder = write(tmp_path / "c", QUIZ_WITH_POOL % 3)
    assert problems_of(folder) == [
        "course.yaml:8:7: draw: 3 asks for more questions than the pool's 2; "
        "lower 'draw' or add questions"
    ]


def test_a_quiz_needs_questions_or_pools(tmp_path: Path) -> None:
    folder = write(
        tmp_path / "c",
        """\
        title: C
        chapters:
          - title: Unit
            screens:
              - {type: content, title: A, body: a}
        final_quiz:
          mastery_score: 80
        """,
    )
    assert problems_of(folder) == [
        "course.yaml:7:3: the quiz has no questions: add 'questions:' or 'pools:'"
    ]


# --- certificate ----------------------------------------------------------------------------


def test_certificate_in_the_payload_and_the_worst_case() -> None:
    course = load(Path(__file__).parent / "courses" / "player-sections").course
    data = coursedata.course_data(course)
    assert data["certificate"] == {
        "title": "Certificate of Completion",
        "credit": "1.0 hour of continuing education",
        "issuer": "Test Extension Service",
        "signers": ["Supervisor"],
        "earnedOn": "passing",
        "html": "",
    }
    (cost,) = [c for c in suspend.costs(data) if c.path == ("certificate",)]
    assert cost.bits == 1 + 16  # visited, the day it was earned


def test_a_certificate_earned_by_passing_needs_a_quiz(tmp_path: Path) -> None:
    folder = write(
        tmp_path / "c",
        """\
        title: C
        chapters:
          - title: Unit
            screens:
              - {type: content, title: A, body: a}
        certificate:
          credit: 1 hour
        """,
    )
    assert problems_of(folder) == [
        "course.yaml:7:3: earned_on: passing needs a final quiz; add "
        "'final_quiz:' or set earned_on: completion"
    ]


def test_certificate_earned_on_is_one_of_two_words(tmp_path: Path) -> None:
    folder = write(
        tmp_path / "c",
        """\
        title: C
        chapters:
          - title: Unit
            screens:
              - {type: content, title: A, body: a}
        certificate:
          earned_on: complete
        """,
    )
    (problem,) = problems_of(folder)
    assert problem.startswith("course.yaml:7:14: ")
    assert "completion, passing" in problem and "did you mean 'completion'" in problem
