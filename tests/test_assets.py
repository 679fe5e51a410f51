"""Author files in the package: reserved names, images only, no active SVG, read once safely.

Each test is one finding of the security review (issue 10): the course folder a contractor
sends is hostile input, and nothing in it may replace or act as the player.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

from cbtforge.assets import read_asset
from cbtforge.build import compile_course, write_zip
from cbtforge.errors import ProblemsError
from cbtforge.loader import load

COURSE = """\
title: Course
chapters:
  - title: Chapter
    screens:
      - type: content
        title: Hello
        body: |
          Hello.

          {images}
"""
CLEAN_SVG = (
    '<?xml version="1.0"?>\n'
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"\n'
    '     xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" viewBox="0 0 4 4">\n'
    "  <metadata><inkscape:version>1.2</inkscape:version></metadata>\n"
    "  <style>rect { fill: blue; }</style>\n"
    '  <a href="#r"><rect id="r" width="4" height="4"/></a>\n'
    '  <use xlink:href="#r"/>\n'
    '  <image href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/>\n'
    '  <animate attributeName="opacity" from="0" to="1" dur="1s"/>\n'
    "</svg>\n"
)


def course(tmp_path: Path, files: dict[str, str | bytes], *images: str) -> Path:
    """A one-screen course whose body shows ``images`` (Markdown), with extra ``files``."""
    root = tmp_path / "c"
    root.mkdir(exist_ok=True)
    body = "\n\n          ".join(images)
    (root / "course.yaml").write_text(COURSE.format(images=body), encoding="utf-8")
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            content = content.encode("utf-8")
        path.write_bytes(content)
    return root


def problems_of(root: Path) -> list[str]:
    with pytest.raises(ProblemsError) as caught:
        load(root, base=root)
    return [p.format() for p in caught.value.problems]


# --- high: an author file must never replace a generated entry --------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "player.js",
        "player.css",
        "index.html",
        "imsmanifest.xml",
        "Index.HTML",
        "imscp_rootv1p1p2.xsd",
    ],
)
def test_generated_names_are_reserved(tmp_path: Path, name: str) -> None:
    root = course(tmp_path, {name: "alert(document.cookie)"}, f"![logo]({name})")
    problems = problems_of(root)
    assert len(problems) == 1
    assert problems[0].startswith(f"course.yaml:10:11: image '{name}' has the name of a file ")
    assert "rename it" in problems[0]


def test_the_package_keeps_the_generated_player(tmp_path: Path) -> None:
    """The end result the review showed: build exited 0 with the author's player.js."""
    root = course(tmp_path, {"assets/logo.svg": CLEAN_SVG}, "![logo](assets/logo.svg)")
    (root / "player.js").write_text("alert(1)", encoding="utf-8")
    out = tmp_path / "c.zip"
    write_zip(compile_course(root), out)
    with zipfile.ZipFile(out) as archive:
        assert b"alert(1)" not in archive.read("player.js")
        assert archive.read("assets/logo.svg") == CLEAN_SVG.encode()


# --- medium: active content never ships ------------------------------------------------------


@pytest.mark.parametrize("name", ["page.html", "page.htm", "x.xhtml", "run.js", "noext"])
def test_only_image_files_are_packaged(tmp_path: Path, name: str) -> None:
    root = course(tmp_path, {name: "<script>parent.API.LMSFinish('')</script>"}, f"![p]({name})")
    [problem] = problems_of(root)
    assert problem.startswith(f"course.yaml:10:11: image '{name}' is not an image file")


@pytest.mark.parametrize(
    ("svg", "line", "what"),
    [
        (
            '<svg xmlns="http://www.w3.org/2000/svg">\n<script>alert(1)</script></svg>',
            2,
            "<script>",
        ),
        ('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', 1, "onload"),
        ('<svg xmlns="http://www.w3.org/2000/svg"><g ONCLICK="x()"/></svg>', 1, "onclick"),
        (
            '<svg xmlns="http://www.w3.org/2000/svg">\n\n<foreignObject><div/></foreignObject></svg>',
            3,
            "<foreignobject>",
        ),
        (
            '<svg xmlns="http://www.w3.org/2000/svg">'
            '<h:script xmlns:h="http://www.w3.org/1999/xhtml">x()</h:script></svg>',
            1,
            "from HTML",
        ),
        (
            '<svg xmlns="http://www.w3.org/2000/svg"><a href=" java\tscript:x()"><text>a</text>'
            "</a></svg>",
            1,
            "javascript: link",
        ),
        (
            '<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink">'
            '<a x:href="vbscript:x"/></svg>',
            1,
            "vbscript: link",
        ),
        (
            '<svg xmlns="http://www.w3.org/2000/svg"><a><set attributeName="xlink:href" '
            'to="#x"/></a></svg>',
            1,
            "animates the 'href'",
        ),
        (
            '<svg xmlns="http://www.w3.org/2000/svg"><animate attributeName="onbegin"/></svg>',
            1,
            "animates the 'onbegin'",
        ),
        (
            '<?xml-stylesheet type="text/xsl" href="x.xsl"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>',
            1,
            "xml-stylesheet",
        ),
        (
            '<!DOCTYPE svg [<!ENTITY e "<script>x()</script>">]>\n'
            '<svg xmlns="http://www.w3.org/2000/svg">&e;</svg>',
            1,
            "entities",
        ),
        ('<svg xmlns="http://www.w3.org/2000/svg"><g></svg>', 1, "not well-formed"),
    ],
)
def test_svg_with_active_content_is_refused_with_both_places(
    tmp_path: Path, svg: str, line: int, what: str
) -> None:
    root = course(tmp_path, {"assets/x.svg": svg}, "![x](assets/x.svg)")
    [problem] = problems_of(root)
    assert problem.startswith("course.yaml:10:11: image 'assets/x.svg' ")
    assert what in problem
    assert f"(assets/x.svg:{line})" in problem


def test_clean_svg_from_an_editor_is_packaged_unchanged(tmp_path: Path) -> None:
    root = course(tmp_path, {"assets/x.svg": CLEAN_SVG}, "![x](assets/x.svg)")
    assert load(root).asset_data == {"assets/x.svg": CLEAN_SVG.encode()}


# --- low: names that used to end in a traceback ----------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Thumbs.db", "operating-system junk"),
        ("assets/._x.svg", "AppleDouble"),
        ("__MACOSX/x.svg", "__MACOSX"),
        ("a%20b.svg", "'%' in its file name"),
        ("a#b.svg", "'#' in its file name"),
    ],
)
def test_names_that_cannot_be_packaged_are_located(
    tmp_path: Path, name: str, expected: str
) -> None:
    written = name.replace("%", "%25").replace("#", "%23")  # Markdown decodes %XX once
    root = course(tmp_path, {name: CLEAN_SVG}, f"![x]({written})")
    if name.endswith(".db"):
        root = course(tmp_path, {name: CLEAN_SVG}, f"![x]({name})")
    problems = problems_of(root)
    assert len(problems) == 1, problems
    assert problems[0].startswith("course.yaml:")
    assert f"image '{written}' " in problems[0] or f"image '{name}' " in problems[0]
    assert expected in problems[0]


def test_image_src_with_a_percent_sign_is_refused(tmp_path: Path) -> None:
    """An ``image:`` src is used as written: "a%20b.svg" would be fetched as "a b.svg"."""
    root = course(tmp_path, {"a%20b.svg": CLEAN_SVG})
    text = (root / "course.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "        body: |", "        image: {src: a%20b.svg, alt: A}\n        body: |"
    )
    (root / "course.yaml").write_text(text, encoding="utf-8")
    [problem] = problems_of(root)
    assert "image 'a%20b.svg' has '%' in its file name" in problem


def test_a_control_character_in_a_name_is_located(tmp_path: Path) -> None:
    root = course(tmp_path, {"a\x01.svg": CLEAN_SVG})
    text = COURSE.split("        body: |")[0] + '        image: {src: "a\\x01.svg", alt: A}\n'
    (root / "course.yaml").write_text(text, encoding="utf-8")
    [problem] = problems_of(root)
    assert "control character" in problem
    assert "\x01" not in problem


def test_names_differing_only_in_case_are_located(tmp_path: Path) -> None:
    root = course(tmp_path, {"a.svg": CLEAN_SVG, "A.svg": CLEAN_SVG}, "![x](a.svg)", "![y](A.svg)")
    if not (root / "a.svg").exists() or (root / "a.svg").samefile(root / "A.svg"):
        pytest.skip("this file system does not tell a.svg from A.svg")
    [problem] = problems_of(root)
    assert problem.startswith("course.yaml:12:11: image 'A.svg' and 'a.svg' (used at ")
    assert "course.yaml:10:11) differ only in case" in problem


# --- low: check-then-read race ------------------------------------------------------------


def test_a_link_inside_the_course_folder_is_refused(tmp_path: Path) -> None:
    root = course(tmp_path, {"assets/real.svg": CLEAN_SVG}, "![x](assets/x.svg)")
    try:
        (root / "assets" / "x.svg").symlink_to("real.svg")
    except OSError:
        pytest.skip("symbolic links are not available here")
    [problem] = problems_of(root)
    assert problem.startswith("course.yaml:10:11: image 'assets/x.svg' could not be read")


def test_read_asset_refuses_links_at_read_time(tmp_path: Path) -> None:
    """The file is opened once, without following links: a link swapped in after the
    loader's check (the race the review won 6 times in 40) fails instead of leaking."""
    secret = tmp_path / "secret.txt"
    secret.write_text("secret", encoding="utf-8")
    root = tmp_path / "c"
    (root / "assets").mkdir(parents=True)
    (root / "assets" / "x.png").write_bytes(b"png")
    assert read_asset(root, "assets/x.png") == b"png"
    try:
        (root / "assets" / "x.png").unlink()
        (root / "assets" / "x.png").symlink_to(secret)
        (root / "linked").symlink_to(root / "assets")
    except OSError:
        pytest.skip("symbolic links are not available here")
    with pytest.raises(OSError):
        read_asset(root, "assets/x.png")
    (root / "assets" / "x.png").unlink()
    (root / "assets" / "x.png").write_bytes(b"png")
    with pytest.raises(OSError):
        read_asset(root, "linked/x.png")  # a linked folder on the way is refused too


def test_read_asset_refuses_a_fifo_without_hanging(tmp_path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    os.mkfifo(tmp_path / "x.png")
    with pytest.raises(OSError):
        read_asset(tmp_path, "x.png")


# --- handouts and resources (issue 13's documents) follow the same rules ---------------------


def test_a_markdown_handout_may_not_become_the_launch_page(tmp_path: Path) -> None:
    """handouts/x.md is packaged as handouts/x.html: index.md at the root would replace the
    generated index.html (and with it the CSP) if its served name were not checked."""
    root = course(tmp_path, {"index.md": "# Hi"}, "[the handout](index.md)")
    [problem] = problems_of(root)
    assert problem.startswith("course.yaml:10:11: link to 'index.md' has the name of a file ")


def test_a_handout_is_read_without_following_links(tmp_path: Path) -> None:
    root = course(tmp_path, {"docs/real.pdf": b"%PDF-1.4"}, "[the handout](docs/x.pdf)")
    try:
        (root / "docs" / "x.pdf").symlink_to("real.pdf")
    except OSError:
        pytest.skip("symbolic links are not available here")
    [problem] = problems_of(root)
    assert problem.startswith("course.yaml:10:11: link to 'docs/x.pdf' could not be read")


def test_a_handout_is_packaged_from_the_bytes_the_loader_read(tmp_path: Path) -> None:
    root = course(tmp_path, {"docs/form.pdf": b"%PDF-1.4 form"}, "[the form](docs/form.pdf)")
    out = tmp_path / "c.zip"
    write_zip(compile_course(root), out)
    with zipfile.ZipFile(out) as archive:
        assert archive.read("docs/form.pdf") == b"%PDF-1.4 form"
