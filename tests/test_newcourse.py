"""``cbtforge new``: the example course is created, loads, and shows every screen type."""

from __future__ import annotations

from pathlib import Path

import pytest

from cbtforge.course import SCREEN_TYPES, QuestionScreen
from cbtforge.errors import ProblemsError
from cbtforge.loader import load
from cbtforge.newcourse import create_course
from cbtforge.schema import generate_schemas


def test_new_course_loads_and_shows_every_screen_type(tmp_path: Path) -> None:
    target = tmp_path / "course"
    created = create_course(target)
    assert target / "course.yaml" in created
    assert all(path.is_file() for path in created)

    loaded = load(target)
    course = loaded.course
    assert {screen.type for _, screen in course.screens()} == set(SCREEN_TYPES)
    assert loaded.assets == [
        "assets/welcome.svg",
        "media/welcome-poster.png",
        "media/welcome.en.vtt",
        "media/welcome.webm",
    ]

    content = [s for c in course.chapters for s in c.screens if s.type == "content"]
    assert any(s.image and s.image.alt for s in content)
    assert any(s.quotes for s in content) and any(s.columns for s in content)
    assert any(getattr(s, "require_all", False) for c in course.chapters for s in c.screens)
    knowledge_checks = [
        s for c in course.chapters for s in c.screens if isinstance(s, QuestionScreen)
    ]
    assert knowledge_checks

    quiz = course.final_quiz
    assert quiz is not None
    assert {q.type for q in quiz.questions} == {"single", "multiple", "true_false"}
    assert course.evaluation is not None
    assert "poll" in {s.type for s in course.evaluation.screens}


def test_every_scaffold_file_is_commented(tmp_path: Path) -> None:
    create_course(tmp_path / "c")
    for path in (tmp_path / "c").rglob("*.yaml"):
        lines = path.read_text(encoding="utf-8").splitlines()
        assert sum(line.lstrip().startswith("#") for line in lines) >= 3, path


def test_schema_hints_point_at_the_schemas_written_with_the_course(tmp_path: Path) -> None:
    target = tmp_path / "c"
    create_course(target)
    for path in target.rglob("*.yaml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        schema = (path.parent / first.split("=", 1)[1]).resolve()
        assert schema.is_file(), f"{path}: {schema} does not exist"
    for name, text in generate_schemas().items():
        assert (target / "schemas" / name).read_text(encoding="utf-8") == text


def test_title_sets_the_title_and_the_id(tmp_path: Path) -> None:
    target = tmp_path / "c"
    create_course(target, title='Résumé: "writing" 101')
    course = load(target).course
    assert course.title == 'Résumé: "writing" 101'
    assert course.id == "resume-writing-101"


def test_empty_folder_is_fine(tmp_path: Path) -> None:
    create_course(tmp_path)
    assert (tmp_path / "course.yaml").is_file()


def test_non_empty_folder_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "notes.txt").write_text("mine", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ProblemsError) as caught:
        create_course(Path("c"))
    assert [p.format() for p in caught.value.problems] == [
        "c: folder is not empty; choose a new folder name for the course"
    ]
    assert sorted(p.name for p in (tmp_path / "c").iterdir()) == ["notes.txt"]


def test_file_target_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "c").write_text("", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ProblemsError) as caught:
        create_course(Path("c"))
    assert [p.format() for p in caught.value.problems] == [
        "c: is a file; choose a new folder name for the course"
    ]


def test_blank_title_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ProblemsError):
        create_course(tmp_path / "c", title="   ")
    assert not (tmp_path / "c").exists()
