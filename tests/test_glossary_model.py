"""The glossary in course.yaml: a mapping term -> one paragraph of Markdown."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from cbtforge.course import Course
from cbtforge.errors import ProblemsError
from cbtforge.loader import load

BASE = {
    "title": "T",
    "chapters": [{"title": "C", "screens": [{"type": "content", "title": "S", "body": "x"}]}],
}


def course(glossary: object) -> Course:
    return Course.model_validate({**BASE, "glossary": glossary}, strict=True)


def test_the_glossary_is_optional_and_listed_alphabetically_ignoring_case() -> None:
    assert course({}).glossary_entries() == []
    entries = course({"omb": "b", "CX": "a", "Agency": "c"}).glossary_entries()
    assert [term for term, _ in entries] == ["Agency", "CX", "omb"]


@pytest.mark.parametrize(
    ("glossary", "message"),
    [
        ({"CX": "a", "cx": "b"}, "differ only in case"),
        ({"": "a"}, "must not be empty"),
        ({" CX": "a"}, "starts or ends with spaces"),
        ({"C\nX": "a"}, "line break"),
        ({"x" * 61: "a"}, "too long: at most 60"),
        ({"?!": "a"}, "no letter or digit"),
        ({"CX": None}, "definition is empty"),
        ({"CX": "  "}, "definition is empty"),
        ({"CX": "a\n\nb"}, "one paragraph"),
        ({"CX": "# Heading"}, "one paragraph"),
        ({"CX": "x" * 1001}, "too long: at most 1000"),
    ],
)
def test_the_model_refuses(glossary: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        course(glossary)


def test_hostile_terms_and_definitions_are_plain_data() -> None:
    """Markup and regex metacharacters are allowed in terms and definitions: they are text."""
    glossary = {"<script>": '"><img src=x onerror=alert(1)>', "C++ (.*)": "[a](javascript:x)"}
    assert course(glossary).glossary == glossary


def test_a_link_in_a_definition_to_a_missing_file_is_reported_where_written(
    tmp_path: Path,
) -> None:
    (tmp_path / "course.yaml").write_text(
        "title: T\nchapters:\n  - title: C\n    screens:\n      - type: content\n"
        "        title: S\n        body: x\nglossary:\n"
        "  CX: See [the list](handouts/missing.pdf).\n",
        encoding="utf-8",
    )
    with pytest.raises(ProblemsError) as caught:
        load(tmp_path, base=tmp_path)
    lines = [p.format() for p in caught.value.problems]
    assert lines == ["course.yaml:9:11: link to 'handouts/missing.pdf' not found"], lines
