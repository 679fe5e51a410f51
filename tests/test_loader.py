"""The loader: a validated course, or every problem at once as ``file:line:col: message``.

Each folder in ``tests/broken/`` is one broken course; its ``expected.txt`` holds the exact
problem lines, with paths relative to the case folder.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from cbtforge.course import Course
from cbtforge.errors import ProblemsError
from cbtforge.loader import LoadedCourse, load, load_course

TESTS = Path(__file__).parent
BROKEN = TESTS / "broken"
MINIMAL = TESTS / "courses" / "minimal"
CASES = sorted(p.name for p in BROKEN.iterdir() if p.is_dir())


def problems_of(folder: Path) -> list[str]:
    with pytest.raises(ProblemsError) as caught:
        load(folder, base=folder)
    return [p.format() for p in caught.value.problems]


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


ONE_CHAPTER = """\
title: Course
chapters:
  - title: Chapter
    screens:
      - type: content
        title: Hello
        body: Hello.
"""


# --- broken courses -------------------------------------------------------------------------


def test_there_is_a_broken_case_for_each_kind_of_mistake() -> None:
    assert len(CASES) >= 12


@pytest.mark.parametrize("case", CASES)
def test_broken_course_reports_exactly_the_expected_problems(case: str) -> None:
    folder = BROKEN / case
    expected = (folder / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert expected, f"{case}/expected.txt is empty"
    assert problems_of(folder) == expected


def test_problems_from_every_file_are_reported_at_once() -> None:
    problems = problems_of(BROKEN / "many-files")
    files = {line.split(":", 1)[0] for line in problems}
    # A syntax error in one chapter, a duplicate key in another and model errors in
    # course.yaml, a chapter and the quiz: one run shows them all.
    assert files == {
        "course.yaml",
        "chapters/01.yaml",
        "chapters/02.yaml",
        "chapters/03.yaml",
        "quiz.yaml",
    }


# --- a valid course -------------------------------------------------------------------------


def test_minimal_course_loads() -> None:
    loaded = load(MINIMAL)
    assert isinstance(loaded, LoadedCourse)
    assert loaded.root == MINIMAL.absolute()
    assert [p.relative_to(loaded.root).as_posix() for p in loaded.files] == [
        "course.yaml",
        "chapters/01-intro.yaml",
        "chapters/02-practice.yaml",
        "quiz.yaml",
    ]
    assert loaded.assets == ["assets/square.svg"]
    course = loaded.course
    assert [c.title for c in course.chapters] == ["Introduction", "Practice"]
    assert course.final_quiz is not None and course.final_quiz.mastery_score == 50


def test_load_course_accepts_the_course_file_itself() -> None:
    course = load_course(MINIMAL / "course.yaml")
    assert isinstance(course, Course)
    assert course.id == "minimal"


def test_locate_points_into_the_file_the_part_came_from() -> None:
    loaded = load(MINIMAL, base=MINIMAL)
    assert loaded.locate(("chapters", 1, "screens", 0, "question", "correct")) == (
        "chapters/02-practice.yaml",
        9,
        16,
    )
    # An option written as a bare string is located at that string.
    assert loaded.locate(("chapters", 1, "screens", 0, "question", "options", 1, "text")) == (
        "chapters/02-practice.yaml",
        8,
        24,
    )
    # A default value resolves to the nearest object the author wrote.
    assert loaded.locate(("final_quiz", "shuffle_options")) == ("quiz.yaml", 1, 1)
    assert loaded.locate(("title",)) == ("course.yaml", 3, 8)


def test_problem_paths_are_relative_to_the_current_directory_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "c", {"course.yaml": "title: [x\n"})
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ProblemsError) as caught:
        load(Path("c"))
    assert caught.value.problems[0].path == "c/course.yaml"


def test_assets_are_every_image_sorted_and_unique(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        {
            "course.yaml": """\
            title: Course
            chapters:
              - title: Chapter
                screens:
                  - type: content
                    title: One
                    body: "![B](img/b.svg) ![A](<img/a picture.svg>) ![B again](img/b.svg)"
                    image: {src: img/c.svg, alt: C, caption: "![A](img/./a picture.svg)"}
            final_quiz:
              questions:
                - type: single
                  prompt: "Which? ![D](img/d.svg)"
                  options: ["![E](img/e.svg)", Other]
                  correct: Other
            """,
        },
    )
    for name in ("a picture.svg", "b.svg", "c.svg", "d.svg", "e.svg"):
        write(root, {f"img/{name}": "<svg/>"})
    assert load(root).assets == [
        "img/a picture.svg",
        "img/b.svg",
        "img/c.svg",
        "img/d.svg",
        "img/e.svg",
    ]


# --- the course folder itself ---------------------------------------------------------------


def test_folder_without_course_yaml(tmp_path: Path) -> None:
    assert problems_of(tmp_path) == [
        ".: no course.yaml in this folder; is this the course folder? "
        "(start a new course with: cbtforge new <folder>)"
    ]


def test_course_yml_gets_a_rename_hint(tmp_path: Path) -> None:
    write(tmp_path, {"course.yml": ONE_CHAPTER})
    assert problems_of(tmp_path) == [
        ".: no course.yaml in this folder (found course.yml: rename it)"
    ]


def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(ProblemsError) as caught:
        load(tmp_path / "nowhere", base=tmp_path)
    assert [p.format() for p in caught.value.problems] == ["nowhere: course folder not found"]


def test_empty_course_file(tmp_path: Path) -> None:
    write(tmp_path, {"course.yaml": "# nothing yet\n"})
    assert problems_of(tmp_path) == [
        "course.yaml: file is empty; expected a course ('title:' and 'chapters:')"
    ]


def test_included_folder_and_empty_file(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "course.yaml": "title: C\nchapters: [chapters, empty.yaml]\nfinal_quiz: ''\n",
            "empty.yaml": "",
            "chapters/x.txt": "",
        },
    )
    assert problems_of(tmp_path) == [
        "course.yaml:2:12: chapter file 'chapters' is a folder, not a file",
        "course.yaml:3:13: the quiz file name is empty",
        "empty.yaml: file is empty; expected a chapter ('title:' and 'screens:')",
    ]


# --- model errors in plain words ------------------------------------------------------------


def test_yaml_1_1_booleans_are_not_accepted_for_true_false(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "course.yaml": ONE_CHAPTER
            + "final_quiz:\n  questions:\n"
            + "    - {type: true_false, prompt: P, correct: No}\n"
        },
    )
    assert problems_of(tmp_path) == [
        "course.yaml:10:46: expected true or false but found the text 'No'; write true or false"
    ]


def test_poll_option_no_stays_text(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "course.yaml": ONE_CHAPTER
            + "      - {type: poll, title: P, question: Q, options: [Yes, No]}\n"
        },
    )
    poll = load(tmp_path).course.chapters[0].screens[1]
    assert poll.options == ["Yes", "No"]


def test_missing_type_and_wrong_shapes(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "course.yaml": """\
            title: C
            chapters:
              - title: Chapter
                screens:
                  - title: No type
                  - Just a sentence
                  - type: question
                    title: Q
                    question: {type: sngle, prompt: P}
                  - type: reflection
                    title: R
                    body: Think.
                    fields: [{label: A, max_length: 5000}]
            """
        },
    )
    assert problems_of(tmp_path) == [
        "course.yaml:5:9: missing required field 'type'; use one of: content, reveal, "
        "classifier, poll, reflection, question, knowledge_check, rating, media",
        "course.yaml:6:9: expected a screen ('type: content', ... lines) but found the text "
        "'Just a sentence'",
        "course.yaml:9:26: unknown question type 'sngle'; use one of: single, multiple, "
        "true_false, numeric, fill_in, matching, sequencing (did you mean 'single'?)",
        "course.yaml:13:41: max_length must be at most 2000",
    ]


def test_duplicate_labels_point_at_the_second_one(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "course.yaml": ONE_CHAPTER
            + "      - type: classifier\n        title: K\n        body: B\n"
            + "        categories: [One, Two, One]\n        correct: One\n"
        },
    )
    assert problems_of(tmp_path) == [
        "course.yaml:11:32: category 'One' appears twice; each must be different"
    ]


def test_a_missing_image_is_reported_with_a_duplicate_key(tmp_path: Path) -> None:
    # The course is valid apart from the duplicate key (a problem of the YAML reading): the
    # cross-checks still run, so the author sees the missing image at the same time.
    write(
        tmp_path,
        {
            "course.yaml": """\
            title: Course
            chapters:
              - title: Chapter
                screens:
                  - type: content
                    title: Hello
                    title: Hello again
                    body: "![A team](team.png)"
            """
        },
    )
    assert problems_of(tmp_path) == [
        "course.yaml:7:9: duplicate key 'title' (first written on line 6); each key may appear "
        "only once here",
        "course.yaml:8:16: image 'team.png' not found",
    ]


def test_a_key_that_belongs_to_a_nested_part_says_where(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "course.yaml": """\
            title: C
            screens: []
            mastery_score: 80
            chapters:
              - title: Chapter
                screens:
                  - type: content
                    title: T
                    body: B
                    caption: A caption without its image
            """
        },
    )
    screens, *others = problems_of(tmp_path)
    # The chapters' screens or the evaluation's? No guess: the allowed keys.
    assert screens.startswith("course.yaml:2:1: unknown field 'screens'; use one of: id, title")
    assert others == [
        "course.yaml:3:1: unknown field 'mastery_score': it belongs under 'final_quiz:' "
        "(write 'final_quiz:' and indent the final_quiz's fields below it)",
        "course.yaml:10:9: unknown field 'caption' in a content screen: it belongs under "
        "'image:' (write 'image:' and indent the image's fields below it)",
    ]


def test_a_number_that_is_an_option_keeps_the_quoting_hint(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "course.yaml": ONE_CHAPTER
            + "      - type: question\n        title: Legs\n        question:\n"
            + "          type: single\n          prompt: How many legs?\n"
            + "          options: ['2', '4']\n          correct: 4\n"
        },
    )
    assert problems_of(tmp_path) == [
        'course.yaml:14:20: expected text but found the number 4; put it in quotes: "4"'
    ]


# --- cross-checks ---------------------------------------------------------------------------


def test_default_quiz_id_colliding_with_an_explicit_id(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "course.yaml": ONE_CHAPTER.replace(
                "title: Hello", "id: final-quiz\n        title: Hello"
            )
            + "final_quiz:\n  questions:\n    - {type: true_false, prompt: P, correct: true}\n"
        },
    )
    assert problems_of(tmp_path) == [
        "course.yaml:10:3: the final quiz has the default id 'final-quiz', which is also used "
        "at course.yaml:6:13; ids must be unique in the course: give one of them another 'id'"
    ]


def test_generated_interaction_ids_must_not_collide(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "course.yaml": ONE_CHAPTER.replace("title: Hello", "id: notes__1\n        title: Hello")
            + "      - type: reflection\n        id: notes\n        title: Notes\n"
            + "        body: Write.\n        fields: [First]\n"
        },
    )
    assert problems_of(tmp_path) == [
        "course.yaml:13:18: field 1 of reflection 'notes' is reported to the LMS as "
        "'notes__1', like screen 'notes__1' at course.yaml:6:13; change one of the ids"
    ]


def test_duplicate_ids_across_quiz_and_chapters(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "course.yaml": ONE_CHAPTER.replace("title: Chapter", "id: q1\n    title: Chapter")
            + "final_quiz:\n  questions:\n"
            + "    - {id: q1, type: true_false, prompt: P, correct: true}\n"
        },
    )
    assert problems_of(tmp_path) == [
        "course.yaml:11:12: duplicate id 'q1' (also used at course.yaml:3:9); "
        "ids must be unique in the course"
    ]


def test_image_that_is_a_folder_or_uses_backslashes(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "course.yaml": ONE_CHAPTER.replace(
                "body: Hello.", "body: '![A](assets) ![B](assets\\b.svg)'"
            ),
            "assets/b.svg": "<svg/>",
        },
    )
    assert problems_of(tmp_path) == [
        "course.yaml:7:16: image 'assets' is a folder, not a file",
        "course.yaml:7:29: image 'assets\\b.svg' uses '\\' between folder names; use '/'",
    ]


def test_image_linking_outside_the_course_folder(tmp_path: Path) -> None:
    outside = tmp_path / "outside.svg"
    outside.write_text("<svg/>", encoding="utf-8")
    root = write(
        tmp_path / "c",
        {"course.yaml": ONE_CHAPTER.replace("body: Hello.", "body: '![A](assets/x.svg)'")},
    )
    (root / "assets").mkdir()
    try:
        (root / "assets" / "x.svg").symlink_to(outside)
    except OSError:
        pytest.skip("symbolic links are not available here")
    assert problems_of(root) == [
        "course.yaml:7:16: image 'assets/x.svg' links outside the course folder; copy the file in"
    ]


# --- reading pydantic's error locations -----------------------------------------------------


def test_error_locations_skip_union_tags_and_validator_wrappers() -> None:
    from cbtforge.loader import _Sources
    from cbtforge.yamlsource import parse_yaml

    doc = parse_yaml(
        "screens:\n  - type: question\n    question: {type: single, correct: x}\n", "c.yaml"
    )
    sources = _Sources(doc.data, doc)
    # The screen's tag 'question' comes before its field 'question'.
    loc = ("screens", 0, "question", "question", "single", "correct")
    assert sources.walk(loc, skip_tags=True) == (("screens", 0, "question", "correct"), ())
    wrapped = ("screens", 0, "function-after[_check(), QuestionScreen]", "question", "question")
    assert sources.walk(wrapped, skip_tags=True) == (("screens", 0, "question"), ())
    # Parts that were not written are returned as the rest.
    assert sources.walk(
        ("screens", 0, "question", "question", "single", "options"), skip_tags=True
    ) == (
        ("screens", 0, "question"),
        ("options",),
    )
    # Model paths (as used by locate) have no tags to skip.
    assert sources.raw_path(("screens", 0, "question", "type")) == (
        "screens",
        0,
        "question",
        "type",
    )


def test_locate_text_line_maps_markdown_lines_in_literal_blocks(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        {
            "course.yaml": """\
            title: Course
            chapters:
              - title: Chapter
                screens:
                  - type: content
                    title: Literal
                    body: |
                      First paragraph.

                      # A heading
                  - type: content
                    title: Plain
                    body: One line
                      folded into one.
            """
        },
    )
    loaded = load(root, base=root)
    body = ("chapters", 0, "screens", 0, "body")
    assert loaded.locate_text_line(body, 0) == ("course.yaml", 8, 11)
    assert loaded.locate_text_line(body, 2) == ("course.yaml", 10, 11)
    plain = ("chapters", 0, "screens", 1, "body")
    assert loaded.locate_text_line(plain, 1) == ("course.yaml", 13, 15)
