"""The build pipeline: course folder -> package entries -> deterministic zip."""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import zipfile
from pathlib import Path

import pytest

from cbtforge.build import (
    PLAYER_CSS,
    PLAYER_JS,
    bundle_player,
    compile_course,
    screen_modules,
    write_directory,
    write_zip,
)
from cbtforge.errors import ProblemsError
from cbtforge.loader import load

ROOT = Path(__file__).resolve().parents[1]
MINIMAL = ROOT / "tests" / "courses" / "minimal"
ARIZONA = ROOT / "courses" / "arizona_quality_cs"
COURSES = ROOT / "tests" / "courses"


def _course_json(index_html: bytes) -> dict:
    match = re.search(
        rb'<script type="application/json" id="cbt-course">(.*?)</script>', index_html, re.S
    )
    assert match, "the launch page carries the course data"
    return json.loads(match.group(1))


def test_building_twice_gives_identical_bytes(tmp_path: Path) -> None:
    first, second = tmp_path / "a.zip", tmp_path / "b.zip"
    write_zip(compile_course(MINIMAL), first)
    # Touch every source file: modification times must not leak into the package.
    for path in MINIMAL.rglob("*"):
        if path.is_file():
            path.touch()
    write_zip(compile_course(MINIMAL), second)
    assert first.read_bytes() == second.read_bytes()


def test_arizona_builds_identically_twice(tmp_path: Path) -> None:
    if not (ARIZONA / "course.yaml").exists():
        pytest.fail("courses/arizona_quality_cs/course.yaml is missing")
    a, b = tmp_path / "a.zip", tmp_path / "b.zip"
    write_zip(compile_course(ARIZONA), a)
    write_zip(compile_course(ARIZONA), b)
    assert a.read_bytes() == b.read_bytes()


def test_package_holds_launch_page_player_manifest_and_assets(tmp_path: Path) -> None:
    compiled = compile_course(MINIMAL)
    out = tmp_path / "course.zip"
    write_zip(compiled, out)
    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
        assert names == sorted(names)
        assert {"imsmanifest.xml", "index.html", "player.js", "player.css"} <= set(names)
        for asset in compiled.loaded.assets:
            assert asset in names
        manifest = archive.read("imsmanifest.xml").decode()
        for name in names:
            if name != "imsmanifest.xml":
                assert f'href="{name}"' in manifest, f"{name} is listed in the manifest"
        page = archive.read("index.html")
    assert f'<html lang="{compiled.course.language}">'.encode() in page
    data = _course_json(page)
    assert data["id"] == compiled.course.id
    assert [c["title"] for c in data["chapters"]] == [c.title for c in compiled.course.chapters]


def test_author_html_is_escaped_not_passed_through(tmp_path: Path) -> None:
    (tmp_path / "course.yaml").write_text(
        """title: Escaping
chapters:
  - title: Only
    screens:
      - type: content
        title: Evil
        body: '<script>alert(1)</script> <img src=x onerror=alert(2)> [x](javascript:alert(3))'
""",
        encoding="utf-8",
    )
    page = compile_course(tmp_path).entries["index.html"].decode()
    assert "<script>alert(1)" not in page
    assert "<img src=x" not in page
    assert 'href=\\"javascript:' not in page and 'href="javascript:' not in page
    # The rendered screen, as the player reads it (the page escapes '<' '&' in the JSON).
    screens = json.dumps(_course_json(page.encode()), ensure_ascii=False)
    assert "<script>alert(1)" not in screens and "<img src=x" not in screens
    assert 'href=\\"javascript:' not in screens
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in screens


def test_write_directory_replaces_target_atomically(tmp_path: Path) -> None:
    target = tmp_path / "site"
    write_directory({"index.html": b"one", "a/b.txt": b"x"}, target)
    write_directory({"index.html": b"two"}, target)
    assert (target / "index.html").read_bytes() == b"two"
    assert not (target / "a").exists(), "files of the previous build do not linger"
    assert [p.name for p in tmp_path.iterdir()] == ["site"], "no staging folders left behind"


def test_broken_course_raises_problems_not_exceptions(tmp_path: Path) -> None:
    (tmp_path / "course.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    with pytest.raises(ProblemsError) as info:
        compile_course(tmp_path)
    assert info.value.problems[0].path.endswith("course.yaml")
    assert info.value.problems[0].line == 1


def test_player_bundle_is_minified_and_within_budget() -> None:
    """Sizes are deterministic, so the budget from the issue (20 KB gzipped) is asserted for
    the Arizona course's player (a course ships only the screen modules it uses)."""
    modules = screen_modules(load(ARIZONA).course)
    bundle = bundle_player(modules=modules)
    source = bundle_player(minify=False, modules=modules)
    shipped = bundle[PLAYER_JS] + bundle[PLAYER_CSS]
    assert len(shipped) < len(source[PLAYER_JS] + source[PLAYER_CSS])
    assert len(gzip.compress(shipped, 9)) < 20 * 1024


def test_a_course_ships_only_the_screen_modules_it_uses() -> None:
    modules = screen_modules(load(ARIZONA).course)
    assert modules == {
        "content",
        "reveal",
        "classifier",
        "poll",
        "reflection",
        "completion",
        "quiz",
        "question",
    }
    compiled = compile_course(ARIZONA)
    script = compiled.entries[PLAYER_JS].decode("utf-8")
    assert "screens.reveal=" in script.replace(" ", "")
    assert "screens.knowledge_check" not in script
    everything = bundle_player()[PLAYER_JS].decode("utf-8")
    assert "screens.knowledge_check" in everything
    sections = screen_modules(load(COURSES / "player-sections").course)
    assert {"knowledge_check", "question", "content", "completion", "quiz"} <= sections
    assert "reflection" not in sections and "classifier" not in sections


def test_minified_player_still_parses(tmp_path: Path) -> None:
    script = tmp_path / "player.js"
    script.write_bytes(bundle_player()[PLAYER_JS])
    # node --check parses without running: a minifier bug shows up as a syntax error.
    proc = subprocess.run(["node", "--check", str(script)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
