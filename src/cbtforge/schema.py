"""JSON Schema of the authoring format, generated from the model.

Editors (VS Code with the YAML extension, JetBrains IDEs) use these files to complete field
names and show each field's docstring while an author types. They are committed in
``schemas/`` and a test fails when they drift from the model; ``cbtforge schema``
regenerates them. Output is deterministic: pydantic sorts keys (field order is kept inside
``properties``), indentation is fixed, the file ends with a newline.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .course import Chapter, Course, FinalQuiz

DIALECT = "https://json-schema.org/draft/2020-12/schema"

# file name -> (model, title shown by editors)
SCHEMAS: dict[str, tuple[type[BaseModel], str]] = {
    "course.schema.json": (Course, "cbtforge course (course.yaml)"),
    "chapter.schema.json": (Chapter, "cbtforge chapter (chapters/*.yaml, evaluation.yaml)"),
    "quiz.schema.json": (FinalQuiz, "cbtforge final quiz (quiz.yaml)"),
}


def generate_schemas() -> dict[str, str]:
    """File name -> JSON text, for every schema file."""
    return {name: _to_text(_schema(model, title)) for name, (model, title) in SCHEMAS.items()}


def write_schemas(directory: Path) -> list[Path]:
    """Write every schema file into ``directory`` (created if needed); returns the paths."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in generate_schemas().items():
        path = directory / name
        path.write_text(text, encoding="utf-8", newline="\n")
        written.append(path)
    return written


def _schema(model: type[BaseModel], title: str) -> dict[str, Any]:
    # Validation mode: what an author may write (a chapter may be a file name), not what
    # the model holds after loading.
    generated = _clean(model.model_json_schema(mode="validation"))
    del generated["title"]  # the class name; ours says which file it is for
    head = {"$schema": DIALECT, "title": title, "description": generated.pop("description")}
    return {**head, **generated}


def _clean(value: Any) -> Any:
    """Docstring text as editors show it: unwrapped lines, Markdown code spans."""
    if isinstance(value, dict):
        return {
            key: _description(item)
            if key == "description" and isinstance(item, str)
            else _clean(item)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_clean(item) for item in value]
    return value


def _description(text: str) -> str:
    # Docstrings are wrapped at 100 columns and use reST ``code``; hovers render Markdown.
    paragraphs = re.split(r"\n\s*\n", text.strip())
    unwrapped = [re.sub(r"\s*\n\s*", " ", p) for p in paragraphs]
    return "\n\n".join(unwrapped).replace("``", "`")


def _to_text(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
