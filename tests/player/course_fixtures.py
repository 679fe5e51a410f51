"""The course payloads the node tests read, generated from the YAML test courses.

The JSON files under ``fixtures/`` are committed so ``node --test tests/player/`` runs on its
own; ``test_node.py`` fails when they drift from what the compiler produces.
Regenerate with: ``.venv/bin/python tests/player/course_fixtures.py``.
"""

from __future__ import annotations

import json
from pathlib import Path

from cbtforge import coursedata
from cbtforge.loader import load

HERE = Path(__file__).resolve().parent
COURSES = HERE.parent / "courses"
FIXTURES = {
    name: COURSES / name
    for name in ("player-full", "player-linear", "player-sections", "player-rating", "questions")
}


def payload(course_dir: Path) -> str:
    data = coursedata.course_data(load(course_dir).course)
    return json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True) + "\n"


def write_all() -> None:
    for name, course_dir in FIXTURES.items():
        (HERE / "fixtures" / f"{name}.json").write_text(payload(course_dir), encoding="utf-8")


if __name__ == "__main__":
    write_all()
