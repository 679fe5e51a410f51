"""cmi.suspend_data fits 4,096 characters: the build's worst case (src/cbtforge/suspend.py)
equals what the player's encoder (player/suspend.js) writes for a maximal learner state."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cbtforge import coursedata, suspend
from cbtforge.build import compile_course
from cbtforge.errors import ProblemsError
from cbtforge.loader import load

ROOT = Path(__file__).resolve().parents[1]
COURSES = ROOT / "tests" / "courses"
ARIZONA = ROOT / "courses" / "arizona_quality_cs"
sys.path.insert(0, str(ROOT / "bench"))

from gencourse import generate  # noqa: E402


def utf16_length(text: str) -> int:
    """Characters as SCORM runtimes in the browser count them (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


def encode_maximal(data: dict, tmp_path: Path) -> dict:
    node = shutil.which("node")
    assert node, "node is needed to run the player's encoder"
    course_json = tmp_path / "course.json"
    course_json.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = subprocess.run(
        [node, str(ROOT / "tests" / "player" / "maxstate.js"), str(course_json)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def course_dirs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    dirs = [
        COURSES / n
        for n in (
            "player-full",
            "player-linear",
            "player-sections",
            "player-rating",
            "minimal",
            "questions",
        )
    ]
    if ARIZONA.is_dir():
        dirs.append(ARIZONA)
    dirs.append(generate(tmp_path_factory.mktemp("gen") / "c1000", 1000))
    return dirs


@pytest.fixture(scope="module")
def payloads(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    return {d.name: coursedata.course_data(load(d).course) for d in course_dirs(tmp_path_factory)}


def test_the_generated_and_arizona_courses_are_covered(payloads: dict[str, dict]) -> None:
    assert "c1000" in payloads
    assert sum(len(c["screens"]) for c in payloads["c1000"]["chapters"]) == 1000
    assert ("arizona_quality_cs" in payloads) == ARIZONA.is_dir()


def test_python_worst_case_equals_the_js_encoding_of_a_maximal_state(
    payloads: dict[str, dict], tmp_path: Path
) -> None:
    for name, data in payloads.items():
        worst = suspend.worst_case(data)
        out = encode_maximal(data, tmp_path)
        assert out["roundtrip"], f"{name}: the maximal state did not decode to itself"
        assert utf16_length(out["encoded"]) == out["length"]
        assert out["length"] == worst, f"{name}: js {out['length']} != python {worst}"
        assert worst <= suspend.SUSPEND_LIMIT, f"{name}: {worst} characters"


def test_maximal_state_uses_costly_characters(payloads: dict[str, dict], tmp_path: Path) -> None:
    """The worst case does not depend on the characters typed: raw text, length-prefixed."""
    out = encode_maximal(payloads["player-full"], tmp_path)
    assert "\U0001f600" in out["encoded"] and "\u4e2d" in out["encoded"]
    assert out["encoded"].startswith("2" + payloads["player-full"]["structureHash"] + "_______")


def test_worst_case_grows_with_the_course() -> None:
    base = {
        "chapters": [{"id": "c", "screens": [], "completion": {}}],
        "quiz": None,
        "evaluation": None,
    }
    empty = suspend.worst_case(base)
    # version, structure hash, save counter (4), next interaction index (3), visited + done
    # bits, two end markers
    assert empty == 1 + 8 + 4 + 3 + 1 + 2
    base["chapters"][0]["screens"] = [
        {"id": "r", "type": "reflection", "fields": [{"maxLength": 300}]}
    ]
    assert suspend.worst_case(base) == 1 + 8 + 4 + 3 + 1 + 2 + 300 + 2


def test_a_course_that_cannot_fit_is_refused_with_the_costly_screens() -> None:
    with pytest.raises(ProblemsError) as caught:
        compile_course(COURSES / "player-nofit")
    (problem,) = caught.value.problems
    assert "4,096" in problem.message and "cmi.suspend_data" in problem.message
    assert "essay-1" in problem.message and "essay-2" in problem.message
    assert problem.path.endswith("player-nofit/course.yaml")
    assert problem.line == 13  # where essay-1 is written
    assert "course.yaml:22:" in problem.message  # essay-2's line


def test_courses_that_fit_build(tmp_path: Path) -> None:
    compiled = compile_course(COURSES / "player-full")
    assert "index.html" in compiled.entries
