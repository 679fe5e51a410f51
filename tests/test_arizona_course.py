"""The flagship course, courses/arizona_quality_cs, stays faithful to its seed.

The seed (a screen-by-screen export of the State of Arizona CBT "Providing Quality Customer
Service") lives outside the repository, in ../shared/seeds/. CI runs from a clean clone that may
not have it, so the seed's 82 screen titles are committed in tests/data/arizona_seed_titles.txt;
the one test that compares that list with the seed itself is skipped when the seed is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cbtforge.course import (
    ClassifierScreen,
    Course,
    MultipleChoice,
    PollScreen,
    ReflectionScreen,
    RevealScreen,
    SingleChoice,
    TrueFalse,
)

REPO_ROOT = Path(__file__).resolve().parents[1]
COURSE_DIR = REPO_ROOT / "courses" / "arizona_quality_cs"
SEED = REPO_ROOT.parent / "shared" / "seeds" / "004_c4e0f98f59a5d007.txt"
TITLES_FILE = Path(__file__).parent / "data" / "arizona_seed_titles.txt"

CHAPTER_TITLES = [
    "Introduction",
    "Customer Identification",
    "Meeting Customer Needs",
    "Components of World Class Customer Service",
    "Service Recovery",
]
MENU_LINE = "CBT Chapters"


def seed_titles(text: str) -> list[str]:
    """Every "## " heading of the export, except the chapter menu repeated on each screen."""
    return [
        line[3:].strip()
        for line in text.splitlines()
        if line.startswith("## ") and MENU_LINE not in line
    ]


def expected_titles() -> list[str]:
    return [line for line in TITLES_FILE.read_text(encoding="utf-8").splitlines() if line]


@pytest.fixture(scope="module")
def course() -> Course:
    from cbtforge.loader import load_course

    return load_course(COURSE_DIR)


def flat(text: str | None) -> str:
    """Text with its line breaks (Markdown's soft wraps) folded to single spaces."""
    return " ".join((text or "").split())


def screens_by_id(course: Course) -> dict[str, object]:
    return {str(screen.id): screen for _, screen in course.screens()}


# --- the committed title list matches the seed ---------------------------------------------


def test_committed_titles_match_the_seed() -> None:
    if not SEED.is_file():
        pytest.skip(f"seed not available at {SEED}")
    assert expected_titles() == seed_titles(SEED.read_text(encoding="utf-8"))


def test_committed_titles_are_the_82_screens() -> None:
    titles = expected_titles()
    assert len(titles) == 82
    assert titles[0] == "Course Introduction"
    assert titles[-1] == "Customer 4"
    assert titles.count('The Play "The Oddball Couple"') == 7


def test_seed_menu_names_the_five_chapters() -> None:
    if not SEED.is_file():
        pytest.skip(f"seed not available at {SEED}")
    text = SEED.read_text(encoding="utf-8")
    menu = text.split(MENU_LINE, 1)[1].split("## ", 1)[0]
    items = [line[2:].strip() for line in menu.splitlines() if line.startswith("- ")]
    assert items == [*CHAPTER_TITLES, "Final Quiz"]


# --- the course follows the seed -------------------------------------------------------------


def test_screens_have_the_seed_titles_in_order(course: Course) -> None:
    titles = [screen.title for chapter in course.chapters for screen in chapter.screens]
    assert titles == expected_titles()


def test_five_chapters_in_the_seed_order(course: Course) -> None:
    assert [chapter.title for chapter in course.chapters] == CHAPTER_TITLES
    assert [len(chapter.screens) for chapter in course.chapters] == [6, 12, 17, 19, 28]


def test_chapter_boundaries(course: Course) -> None:
    firsts = [chapter.screens[0].title for chapter in course.chapters]
    assert firsts == [
        "Course Introduction",
        "Customer Identification",
        "Meeting Customer Needs",
        "Components of World Class Customer Service",
        "Techniques for Service Recovery",
    ]
    # The pizza "Service Recovery" screens close chapter 3, as the seed's closing text says.
    assert course.chapters[2].screens[-1].title == "Service Recovery"


def test_every_chapter_has_the_seed_completion(course: Course) -> None:
    for chapter in course.chapters:
        assert chapter.completion is not None, chapter.title
        assert chapter.completion.body.strip(), chapter.title
    intro, ident, needs, world, recovery = (c.completion for c in course.chapters)
    assert intro and "This completes the Introduction chapter" in flat(intro.body)
    assert "We will explore this topic in the next chapter." in flat(intro.after)
    assert ident and "This completes the Customer Identification chapter" in flat(ident.body)
    assert needs and "We ended the chapter discussing Service Recovery." in flat(needs.body)
    assert world and "Commitment and Communication." in flat(world.body)
    assert "The third building block, Complaint Recovery" in flat(world.after)
    assert recovery and "continue on to the Final Quiz." in flat(recovery.body)


def test_catalogue_metadata(course: Course) -> None:
    assert course.id == "arizona_quality_cs"
    assert course.title == "Providing Quality Customer Service"
    assert course.description.strip()
    assert course.version == "1.0"
    assert course.language == "en-US"
    assert course.duration_minutes and course.duration_minutes > 0
    assert "customer service" in course.keywords
    assert course.publisher == "State of Arizona"
    assert course.navigation == "linear"


# --- interactions ----------------------------------------------------------------------------


def test_how_concerned_poll(course: Course) -> None:
    poll = screens_by_id(course)["how-concerned"]
    assert isinstance(poll, PollScreen)
    assert poll.title == "How Concerned?"
    assert poll.options == ["Top concern", "Moderate concern", "Low concern"]
    assert "level of concern for customer service" in poll.question


@pytest.mark.parametrize(
    ("screen_id", "labels"),
    [
        ("burger-joint-examples", ["Internal", "External"]),
        ("oscar-parking", ["Expectation", "Reality"]),
        ("oscar-entering", ["Expectation", "Reality"]),
        ("oscar-drinks", ["Expectation", "Reality"]),
        ("oscar-seat", ["Expectation", "Reality"]),
        ("customer-or-operations-driven", ["Customer driven", "Operations driven"]),
        ("macro-or-micro", ["MACRO level", "micro LEVEL"]),
        ("customer-always-right", ["Is the customer always right? Click here for the answer."]),
    ],
)
def test_reveal_screens(course: Course, screen_id: str, labels: list[str]) -> None:
    screen = screens_by_id(course)[screen_id]
    assert isinstance(screen, RevealScreen)
    assert [item.label for item in screen.items] == labels


def test_stakeholder_reveal(course: Course) -> None:
    screen = screens_by_id(course)["burger-joint-stakeholders"]
    assert isinstance(screen, RevealScreen)
    assert screen.title == "Stakeholder Examples"
    assert len(screen.items) >= 3


def test_oscar_realities_match_remember_the_play(course: Course) -> None:
    screens = screens_by_id(course)
    reality = {
        screen_id: flat(
            next(i.body for i in screens[screen_id].items if i.label == "Reality")
        ).lower()
        for screen_id in ("oscar-parking", "oscar-entering", "oscar-drinks", "oscar-seat")
    }
    assert "no parking available" in reality["oscar-parking"]
    assert "stain on the door" in reality["oscar-entering"]
    assert "untrained" in reality["oscar-entering"]
    assert "out of drinks" in reality["oscar-drinks"]
    assert "rowdy audience" in reality["oscar-seat"]
    for screen_id in reality:
        assert screens[screen_id].require_all


@pytest.mark.parametrize(
    ("screen_id", "correct"),
    [
        ("scenario-a", "Customer Driven"),
        ("scenario-b", "Operations Driven"),
        ("scenario-c", "Customer Driven"),
        ("scenario-d", "Operations Driven"),
    ],
)
def test_scenarios(course: Course, screen_id: str, correct: str) -> None:
    screen = screens_by_id(course)[screen_id]
    assert isinstance(screen, ClassifierScreen)
    assert [c.label for c in screen.categories] == ["Customer Driven", "Operations Driven"]
    assert screen.correct == correct
    assert all(c.feedback for c in screen.categories)
    assert not screen.scored


@pytest.mark.parametrize(
    ("screen_id", "correct"),
    [
        ("customer-1", "Irate"),
        ("customer-2", "Relaxed"),
        ("customer-3", "Frustrated"),
        ("customer-4", "Inquisitive"),
    ],
)
def test_customer_types(course: Course, screen_id: str, correct: str) -> None:
    screen = screens_by_id(course)[screen_id]
    assert isinstance(screen, ClassifierScreen)
    assert [c.label for c in screen.categories] == [
        "Irate",
        "Frustrated",
        "Inquisitive",
        "Relaxed",
    ]
    assert screen.correct == correct
    assert all(c.feedback for c in screen.categories)
    assert not screen.scored


def test_hot_buttons_reflection(course: Course) -> None:
    screen = screens_by_id(course)["hot-buttons-list"]
    assert isinstance(screen, ReflectionScreen)
    assert screen.title == "Hot Buttons"
    assert len(screen.fields) == 3
    for hot_button in ("finger-pointing", '"you people!"', "rolling eyes"):
        assert hot_button in screen.body


def test_learner_text_fits_in_suspend_data(course: Course) -> None:
    # Reflections are kept verbatim in cmi.suspend_data (4,096 characters for everything).
    total = sum(
        field.max_length
        for _, screen in course.screens()
        if isinstance(screen, ReflectionScreen)
        for field in screen.fields
    )
    assert total <= 1000


def test_only_the_expected_screens_are_interactive(course: Course) -> None:
    interactive = {
        str(screen.id)
        for chapter in course.chapters
        for screen in chapter.screens
        if screen.type != "content"
    }
    assert interactive == {
        "how-concerned",
        "burger-joint-examples",
        "burger-joint-stakeholders",
        "oscar-parking",
        "oscar-entering",
        "oscar-drinks",
        "oscar-seat",
        "customer-or-operations-driven",
        "scenario-a",
        "scenario-b",
        "scenario-c",
        "scenario-d",
        "macro-or-micro",
        "customer-always-right",
        "hot-buttons-list",
        "customer-1",
        "customer-2",
        "customer-3",
        "customer-4",
    }


# --- final quiz and evaluation ---------------------------------------------------------------


def test_final_quiz(course: Course) -> None:
    quiz = course.final_quiz
    assert quiz is not None
    assert len(quiz.questions) >= 12
    kinds = {type(q) for q in quiz.questions}
    assert kinds == {SingleChoice, MultipleChoice, TrueFalse}
    assert quiz.mastery_score == 80
    assert quiz.attempts == "unlimited"
    for question in quiz.questions:
        assert question.id and question.id.startswith("q-"), question.id
        assert question.feedback.correct and question.feedback.correct.strip(), question.id
        assert question.feedback.incorrect and question.feedback.incorrect.strip(), question.id


def test_evaluation(course: Course) -> None:
    evaluation = course.evaluation
    assert evaluation is not None
    assert evaluation.title == "Course Evaluation"
    types = [screen.type for screen in evaluation.screens]
    assert types[0] == "content"
    assert set(types) <= {"content", "poll", "reflection"}
    assert types.count("poll") >= 2
