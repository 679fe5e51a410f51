"""Problems found in a course or a package: data, never tracebacks.

Every user mistake becomes a :class:`Problem` with a position. The CLI is the one place
that turns them into ``file:line:col: message`` lines and an exit code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an input, located as precisely as we can.

    ``line`` and ``col`` are 1-based; 0 means "unknown" (the whole file).
    """

    path: str
    line: int
    col: int
    message: str
    severity: Severity = Severity.ERROR

    def format(self) -> str:
        """``file:line:col: message`` (warnings say so after the position)."""
        where = self.path
        if self.line:
            where += f":{self.line}:{self.col or 1}"
        prefix = "warning: " if self.severity is Severity.WARNING else ""
        return visible(f"{where}: {prefix}{self.message}")

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


# Control characters (ESC starts terminal escape sequences, BEL rings, CR overwrites the
# line) and bidirectional overrides (they reorder what is shown): author text quoted in a
# message must not act on the terminal. Tab and newline stay.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    """``text`` with control characters shown as ``\\xNN`` / ``\\uNNNN`` escapes."""
    return _UNPRINTABLE.sub(
        lambda m: f"\\x{ord(m[0]):02x}" if ord(m[0]) < 0x100 else f"\\u{ord(m[0]):04x}", text
    )


class ProblemsError(Exception):
    """Raised when input is unusable; carries every problem found, not just the first."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(problems, key=_problem_sort_key)
        super().__init__("\n".join(p.format() for p in self.problems))


def _problem_sort_key(problem: Problem) -> tuple[str, int, int, str]:
    return (problem.path, problem.line, problem.col, problem.message)


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Problems in file, then position order (stable output for people and tests)."""
    return sorted(problems, key=_problem_sort_key)


def display_path(path: Path, base: Path | None = None) -> str:
    """A path as the user should see it: relative to ``base`` (or the cwd) when possible."""
    for root in (base, Path.cwd()):
        if root is None:
            continue
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            continue
    return path.as_posix()
