"""``cbtforge new``: start a course from the example in ``scaffold/``.

The scaffold is package data: a small course that builds as it is and shows every screen
type, with comments that teach the format. The JSON Schema files are written next to it
(``schemas/``), because the scaffold's YAML files point editors at them.
"""

from __future__ import annotations

import json
import re
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from .errors import Problem, ProblemsError, display_path
from .ids import slugify
from .schema import write_schemas

SCHEMA_DIR = "schemas"
_TITLE_LINE = re.compile(r"^title: .*$", re.MULTILINE)
_ID_LINE = re.compile(r"^id: .*$", re.MULTILINE)


def create_course(target: Path, title: str | None = None) -> list[Path]:
    """Copy the example course into ``target`` (new or empty); returns the files created.

    With ``title``, the course gets that title and an id made from it. Raises
    :class:`ProblemsError` if ``target`` is a file or a folder that is not empty.
    """
    target = Path(target)
    _check_target(target)
    if title is not None and not title.strip():
        raise ProblemsError([Problem(display_path(target), 0, 0, "the title must not be empty")])
    created: list[Path] = []
    for relative, content in sorted(_scaffold_files(files("cbtforge") / "scaffold", "")):
        if relative == "course.yaml" and title is not None:
            content = _retitle(content.decode("utf-8"), title.strip()).encode("utf-8")
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        created.append(path)
    created += write_schemas(target / SCHEMA_DIR)
    return sorted(created)


def _check_target(target: Path) -> None:
    if target.is_dir():
        if any(target.iterdir()):
            message = "folder is not empty; choose a new folder name for the course"
            raise ProblemsError([Problem(display_path(target), 0, 0, message)])
    elif target.exists():
        message = "is a file; choose a new folder name for the course"
        raise ProblemsError([Problem(display_path(target), 0, 0, message)])


def _scaffold_files(folder: Traversable, prefix: str) -> list[tuple[str, bytes]]:
    found: list[tuple[str, bytes]] = []
    for entry in folder.iterdir():
        if entry.name.startswith((".", "__")):
            continue  # editor and Python leftovers are not part of the example
        relative = f"{prefix}{entry.name}"
        if entry.is_dir():
            found += _scaffold_files(entry, f"{relative}/")
        else:
            found.append((relative, entry.read_bytes()))
    return found


def _retitle(text: str, title: str) -> str:
    # JSON strings are valid YAML double-quoted scalars: any title stays one line of text.
    text = _TITLE_LINE.sub(lambda _: f"title: {json.dumps(title, ensure_ascii=False)}", text, 1)
    return _ID_LINE.sub(lambda _: f"id: {slugify(title, prefix='c')}", text, 1)
