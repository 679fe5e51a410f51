"""Problems found in a course or a package: data, never tracebacks.

Every user mistake becomes a :class:`Problem` with a position. The CLI is the one place
that turns them into ``file:line:col: message`` lines and an exit code.
"""

from __future__ import annotations

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
        return f"{where}: {prefix}{self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


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
