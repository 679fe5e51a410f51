"""The committed JSON Schema files match the model and accept the example courses."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from cbtforge.schema import DIALECT, generate_schemas, write_schemas
from cbtforge.yamlsource import parse_yaml

jsonschema = pytest.importorskip("jsonschema")

ROOT = Path(__file__).parent.parent
COMMITTED = ROOT / "schemas"
SCAFFOLD = ROOT / "src" / "cbtforge" / "scaffold"
MINIMAL = Path(__file__).parent / "courses" / "minimal"


@cache
def validator(name: str) -> Any:
    schema = json.loads(generate_schemas()[name])
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def errors(name: str, path: Path) -> list[str]:
    # Read the YAML the way editors and the loader do (YAML 1.2: "No" is text).
    data = parse_yaml(path.read_text(encoding="utf-8"), path.name).data
    return [
        f"{path}: {'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in validator(name).iter_errors(data)
    ]


def schema_for(path: Path, root: Path) -> str:
    relative = path.relative_to(root).as_posix()
    if relative == "course.yaml":
        return "course.schema.json"
    if relative == "quiz.yaml":
        return "quiz.schema.json"
    return "chapter.schema.json"


def test_committed_schemas_are_up_to_date() -> None:
    for name, text in generate_schemas().items():
        path = COMMITTED / name
        committed = path.read_text(encoding="utf-8") if path.exists() else None
        assert committed == text, (
            f"schemas/{name} is out of date with the model in course.py; "
            "regenerate it with `cbtforge schema` (run in the repository root) and commit it"
        )
    assert sorted(p.name for p in COMMITTED.glob("*.json")) == sorted(generate_schemas())


def test_schemas_are_deterministic_and_tidy(tmp_path: Path) -> None:
    first, second = generate_schemas(), generate_schemas()
    assert first == second
    for name, text in first.items():
        assert text.endswith("}\n") and '\n  "$schema"' in text
        schema = json.loads(text)
        assert list(schema)[:3] == ["$schema", "title", "description"], name
        assert schema["$schema"] == DIALECT
    written = write_schemas(tmp_path / "out")
    assert sorted(p.name for p in written) == sorted(first)
    assert all(p.read_text(encoding="utf-8") == first[p.name] for p in written)


def test_descriptions_are_unwrapped_markdown() -> None:
    schema = json.loads(generate_schemas()["course.schema.json"])
    chapters = schema["properties"]["chapters"]["description"]
    assert "\n" not in chapters and "``" not in chapters
    assert "`chapters/intro.yaml`" in chapters


def test_course_file_may_name_chapter_files_or_write_them_inline() -> None:
    check = validator("course.schema.json")
    inline = {"title": "T", "screens": [{"type": "content", "title": "S", "body": "B"}]}
    assert not list(check.iter_errors({"title": "C", "chapters": ["a.yaml", inline]}))
    typo = {"title": "C", "chapters": ["a.yaml"], "titel": "x"}
    assert list(check.iter_errors(typo)), "a misspelt field must be flagged in the editor"


@pytest.mark.parametrize("root", [SCAFFOLD, MINIMAL], ids=["scaffold", "minimal"])
def test_example_courses_validate_against_the_schema(root: Path) -> None:
    found = []
    for path in sorted(root.rglob("*.yaml")):
        found += errors(schema_for(path, root), path)
    assert found == []


def test_schema_flags_a_broken_course() -> None:
    root = Path(__file__).parent / "broken" / "unknown-screen-type"
    path = root / "chapters" / "02-examples.yaml"
    assert errors("chapter.schema.json", path)
