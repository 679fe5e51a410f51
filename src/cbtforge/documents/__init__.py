"""Documents: the course on paper, for classroom delivery and review.

``cbtforge guide`` writes the facilitator guide (:mod:`.guide`), ``cbtforge print`` the
participant guide or SME review copy (:mod:`.participant`). Each renders the validated
:class:`~cbtforge.course.Course` through a jinja2 template to one self-contained HTML file,
then, for ``.pdf``, through WeasyPrint (:mod:`.render`). A document never re-reads YAML and
knows nothing of SCORM: it reads the model, and the handout files the loader checked.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Problem, ProblemsError
from ..loader import LoadedCourse, load
from . import render

FORMATS = (".pdf", ".html")


@dataclass
class Written:
    """What a document command wrote."""

    out: Path
    size: int
    pages: int | None
    """Pages of the PDF (None for HTML)."""
    seconds: float
    warnings: list[Problem] = field(default_factory=list)


def output_format(out: Path) -> str:
    suffix = out.suffix.lower()
    if suffix not in FORMATS:
        raise ProblemsError(
            [
                Problem(
                    str(out),
                    0,
                    0,
                    f"cannot write a '{out.suffix or 'file without extension'}' document; "
                    "name the output .pdf or .html",
                )
            ]
        )
    return suffix


def default_output(loaded: LoadedCourse, kind: str) -> Path:
    return Path("dist") / f"{loaded.course.id}-{kind}.pdf"


def write(course_dir: Path, kind: str, out: Path | None, *, answers: bool = False) -> Written:
    """Load ``course_dir``, render the ``kind`` document ("guide" or "participant") and
    write it to ``out`` (.pdf or .html) through a temporary name."""
    from . import guide, participant

    started = time.perf_counter()
    if out is not None:
        output_format(out)  # a wrong extension is said before any work
    loaded = load(course_dir)
    out = out or default_output(loaded, kind)
    if kind == "guide":
        html, warnings = guide.guide_html(loaded)
    else:
        html, warnings = participant.participant_html(loaded, answers=answers), []
    pages: int | None = None
    if output_format(out) == ".pdf":
        content, pages = render.to_pdf(html, loaded.root)
    else:
        content = html.encode("utf-8")
    size = render.write_atomic(content, out)
    return Written(out, size, pages, time.perf_counter() - started, warnings)
