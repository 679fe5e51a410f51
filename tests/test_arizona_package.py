"""The built Arizona package: what cbtforge puts in the zip follows the seed, and validates.

tests/test_arizona_course.py checks the course model against the seed; this checks the
package an LMS receives. The zip is built with the real compiler, and the course data is read
back from the built ``index.html`` (the JSON in ``<script type="application/json"
id="cbt-course">``, which is all the player knows about the course).
"""

from __future__ import annotations

import json
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from cbtforge.build import compile_course, write_zip
from cbtforge.validate import validate_package

REPO_ROOT = Path(__file__).resolve().parents[1]
COURSE_DIR = REPO_ROOT / "courses" / "arizona_quality_cs"
TITLES_FILE = Path(__file__).parent / "data" / "arizona_seed_titles.txt"


class _CourseScript(HTMLParser):
    """Collects the text of every ``<script type="application/json" id="cbt-course">``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.inside = False
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "script" and a.get("id") == "cbt-course":
            assert a.get("type") == "application/json"
            self.inside = True
            self.found.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self.inside = False

    def handle_data(self, data: str) -> None:
        if self.inside:
            self.found[-1] += data


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("arizona") / "arizona_quality_cs.zip"
    write_zip(compile_course(COURSE_DIR), out)
    return out


@pytest.fixture(scope="module")
def built(package: Path) -> dict[str, Any]:
    """The course data of the built launch page."""
    with zipfile.ZipFile(package) as zf:
        html = zf.read("index.html").decode("utf-8")
    parser = _CourseScript()
    parser.feed(html)
    parser.close()
    assert len(parser.found) == 1, "index.html must hold exactly one cbt-course script"
    return json.loads(parser.found[0])


def test_the_built_screens_have_the_seed_titles_in_order(built: dict[str, Any]) -> None:
    expected = [t for t in TITLES_FILE.read_text(encoding="utf-8").splitlines() if t]
    assert len(expected) == 82
    titles = [screen["title"] for chapter in built["chapters"] for screen in chapter["screens"]]
    assert titles == expected


def test_the_built_course_has_its_chapters_quiz_and_evaluation(built: dict[str, Any]) -> None:
    assert built["id"] == "arizona_quality_cs"
    assert built["title"] == "Providing Quality Customer Service"
    assert built["navigation"] == "linear"
    assert [c["title"] for c in built["chapters"]] == [
        "Introduction",
        "Customer Identification",
        "Meeting Customer Needs",
        "Components of World Class Customer Service",
        "Service Recovery",
    ]
    quiz = built["quiz"]
    assert (len(quiz["questions"]), quiz["masteryScore"], quiz["shuffleOptions"]) == (23, 80, True)
    assert built["evaluation"]["title"] == "Course Evaluation"


def test_cbtforge_validate_finds_nothing(scorm_schemas: Path, package: Path) -> None:
    problems = validate_package(package)
    assert [p.format() for p in problems] == []  # no error, no warning


def test_the_validate_command_accepts_the_package(scorm_schemas: Path, package: Path) -> None:
    from click.testing import CliRunner

    from cbtforge.cli import main

    result = CliRunner().invoke(main, ["validate", str(package)])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"{package}: valid SCORM 1.2 package (0 warnings)."
