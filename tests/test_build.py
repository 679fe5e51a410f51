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
    # Local names are shortened (jsmin.py); the screen modules' property names stay.
    assert ".reveal=function" in script
    assert ".knowledge_check=function" not in script
    everything = bundle_player()[PLAYER_JS].decode("utf-8")
    assert ".knowledge_check=function" in everything
    sections = screen_modules(load(COURSES / "player-sections").course)
    assert {"knowledge_check", "question", "content", "completion", "quiz"} <= sections
    assert "reflection" not in sections and "classifier" not in sections


def test_minified_player_still_parses(tmp_path: Path) -> None:
    script = tmp_path / "player.js"
    script.write_bytes(bundle_player()[PLAYER_JS])
    # node --check parses without running: a minifier bug shows up as a syntax error.
    proc = subprocess.run(["node", "--check", str(script)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def _write_course_with_documents(root: Path) -> None:
    (root / "handouts").mkdir(parents=True)
    (root / "handouts" / "tool.md").write_text(
        "# Rate yourself\n\n| Skill | 1-5 |\n|---|---|\n| Follow-up | |\n\n<script>x()</script>\n",
        encoding="utf-8",
    )
    (root / "handouts" / "self-talk.pdf").write_bytes(b"%PDF-1.4 stand-in")
    (root / "job-aid.docx").write_bytes(b"PK stand-in")
    (root / "course.yaml").write_text(
        """title: Documents
handouts:
  - title: Self-Assessment Tool
    file: handouts/tool.md
  - title: Self-Talk
    file: handouts/self-talk.pdf
chapters:
  - title: One
    screens:
      - type: content
        title: Start
        body: Use [the tool](handouts/tool.md#top), then [the job aid](job-aid.docx).
        notes:
          handouts: [Self-Assessment Tool, handouts/self-talk.pdf]
""",
        encoding="utf-8",
    )


def test_handouts_and_linked_documents_are_packaged_and_listed(tmp_path: Path) -> None:
    _write_course_with_documents(tmp_path / "c")
    compiled = compile_course(tmp_path / "c")
    entries = compiled.entries
    # PDF/DOCX as given; Markdown as a page of its own, never as the .md source.
    assert entries["handouts/self-talk.pdf"] == b"%PDF-1.4 stand-in"
    assert entries["job-aid.docx"] == b"PK stand-in"
    assert "handouts/tool.md" not in entries
    page = entries["handouts/tool.html"].decode("utf-8")
    assert "<title>Self-Assessment Tool - Documents</title>" in page
    assert "<h1>Self-Assessment Tool</h1>" in page and "<h2>Rate yourself</h2>" in page
    assert "<th>Skill</th>" in page
    assert "<script>" not in page and "&lt;script&gt;" in page  # author HTML stays text
    manifest = entries["imsmanifest.xml"].decode("utf-8")
    for name in ("handouts/tool.html", "handouts/self-talk.pdf", "job-aid.docx"):
        assert f'<file href="{name}"/>' in manifest
    data = _course_json(entries["index.html"])
    # The Resources list: the course's handouts (not every linked file), Markdown as pages.
    assert data["resources"] == [
        {"title": "Self-Assessment Tool", "href": "handouts/tool.html", "kind": "page"},
        {"title": "Self-Talk", "href": "handouts/self-talk.pdf", "kind": "PDF"},
    ]
    html = data["chapters"][0]["screens"][0]["html"]
    assert 'href="handouts/tool.html#top" target="_blank"' in html
    assert 'href="job-aid.docx" target="_blank"' in html


def test_markdown_handout_must_be_utf8(tmp_path: Path) -> None:
    _write_course_with_documents(tmp_path / "c")
    (tmp_path / "c" / "handouts" / "tool.md").write_bytes(b"caf\xe9\n")
    with pytest.raises(ProblemsError) as caught:
        compile_course(tmp_path / "c")
    # Said where the handout is listed and where the text links to it.
    found = [(p.line, p.col, p.message) for p in caught.value.problems]
    assert found == [
        (
            4,
            11,
            "handout file 'handouts/tool.md' is not UTF-8 text (byte 4); "
            "save it as UTF-8 in your editor",
        ),
        (
            12,
            19,
            "link to 'handouts/tool.md' is not UTF-8 text (byte 4); "
            "save it as UTF-8 in your editor",
        ),
    ]


def test_the_glossary_module_ships_only_with_a_glossary() -> None:
    assert "glossary" not in screen_modules(load(ARIZONA).course)
    course = load(COURSES / "glossary").course
    assert "glossary" in screen_modules(course)
    script = compile_course(COURSES / "glossary").entries[PLAYER_JS].decode("utf-8")
    assert "cbt-glossary-title" in script
    arizona = compile_course(ARIZONA).entries
    assert b"cbt-glossary-title" not in arizona[PLAYER_JS] and b"cbt-term" not in arizona[PLAYER_JS]
    assert b"cbt-glossary" not in arizona[PLAYER_CSS] and b"cbt-term" not in arizona[PLAYER_CSS]
