"""The launch page: course text inside it can never change how the HTML parser reads it."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

from cbtforge.build import compile_course

HOSTILE_TITLES = [
    "What does <!-- start in HTML?",
    "The <script> element",
    "Ending </script> early",
    "Tags like <![CDATA[ and ]]> & entities &amp;",
    "Line\u2028and paragraph\u2029separators",
]


class _Scripts(HTMLParser):
    """The <script> elements of a page as an HTML parser sees them."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self.scripts.append(dict(attrs))


def _course(tmp_path: Path) -> Path:
    screens = "".join(
        f"      - type: content\n        title: {json.dumps(title)}\n"
        f"        body: {json.dumps(title)}\n"
        for title in HOSTILE_TITLES
    )
    (tmp_path / "course.yaml").write_text(
        f"title: {json.dumps(HOSTILE_TITLES[0])}\nchapters:\n  - title: "
        f"{json.dumps(HOSTILE_TITLES[1])}\n    screens:\n{screens}",
        encoding="utf-8",
    )
    return tmp_path


def test_course_text_cannot_leave_the_json_script(tmp_path: Path) -> None:
    """The review's blank course: '<!--' in one title and '<script>' in the next made the
    HTML parser take the player's <script src> as part of the JSON."""
    page = compile_course(_course(tmp_path)).entries["index.html"].decode("utf-8")
    match = re.search(r'<script type="application/json" id="cbt-course">(.*?)</script>', page, re.S)
    assert match
    embedded = match.group(1)
    # With no '<' the HTML tokenizer cannot leave the script's text (script data state), so
    # the first '</script>' is the element's own end, whatever the authors wrote.
    for forbidden in ("<", ">", "&", "\u2028", "\u2029"):
        assert forbidden not in embedded
    data = json.loads(embedded)
    assert data["title"] == HOSTILE_TITLES[0]
    titles = [screen["title"] for screen in data["chapters"][0]["screens"]]
    assert titles == HOSTILE_TITLES
    parser = _Scripts()
    parser.feed(page)
    assert [s.get("src") for s in parser.scripts] == [None, "player.js"]
