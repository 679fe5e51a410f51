"""Watching a course folder: every saved course file or asset triggers a rebuild."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from watchfiles import Change, DefaultFilter, watch


class CourseFilter(DefaultFilter):
    """Every file of the course folder except hidden ones and editor droppings (swap and
    backup files, ``.git``: DefaultFilter's list)."""

    def __init__(self, root: Path) -> None:
        super().__init__()
        self.root = root.resolve()

    def __call__(self, change: Change, path: str) -> bool:
        if not super().__call__(change, path):
            return False
        try:
            relative = Path(path).resolve().relative_to(self.root)
        except ValueError:
            return False
        return not any(part.startswith(".") for part in relative.parts)


def watch_root(course_dir: Path) -> Path:
    """The folder to watch: the course folder, or the folder of the course.yaml given."""
    return course_dir if course_dir.is_dir() else course_dir.parent


def watch_course(
    course_dir: Path,
    on_change: Callable[[list[str]], None],
    *,
    stop_event: threading.Event | None = None,
) -> None:
    """Call ``on_change(paths)`` for every batch of changes until Ctrl-C or ``stop_event``.

    Changes within a few milliseconds of each other (an editor's write + rename) arrive as
    one batch, so one save is one rebuild. Ctrl-C raises KeyboardInterrupt (the caller
    stops there; watchfiles' own handling would log a warning).
    """
    root = watch_root(course_dir)
    for changes in watch(
        root,
        watch_filter=CourseFilter(root),
        stop_event=stop_event,
        raise_interrupt=True,
        step=50,
        debounce=1600,
    ):
        on_change(sorted({display(root, path) for _, path in changes}))


def display(root: Path, path: str) -> str:
    try:
        return Path(path).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path
