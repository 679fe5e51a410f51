"""Problems as lines on a terminal: author text must not act on it."""

from __future__ import annotations

from pathlib import Path

import pytest

from cbtforge.errors import Problem, ProblemsError, visible
from cbtforge.loader import load


def test_control_characters_and_bidi_overrides_are_shown_as_escapes() -> None:
    assert visible("a\x1b[2Jb\x07c\rd\u202ee\x9bf") == "a\\x1b[2Jb\\x07c\\x0dd\\u202ee\\x9bf"
    assert visible("line one\n\tline two") == "line one\n\tline two"


def test_an_escape_sequence_in_a_course_file_reaches_the_terminal_inert(tmp_path: Path) -> None:
    """The review's case: an image name with ESC and BEL, echoed in 'image ... not found'."""
    (tmp_path / "course.yaml").write_text(
        "title: T\nchapters:\n  - title: C\n    screens:\n      - type: content\n"
        '        title: S\n        image: {src: "\\e]0;owned\\a.png", alt: A}\n',
        encoding="utf-8",
    )
    with pytest.raises(ProblemsError) as caught:
        load(tmp_path, base=tmp_path)
    lines = [problem.format() for problem in caught.value.problems]
    assert any("\\x1b]0;owned\\x07.png" in line for line in lines), lines
    assert not any("\x1b" in line or "\x07" in line for line in lines)


def test_the_file_name_is_escaped_too() -> None:
    assert Problem("a\x1b.yaml", 1, 2, "m").format() == "a\\x1b.yaml:1:2: m"
