"""The facilitator guide: cover, agenda with a running clock, materials and handouts, then
every screen with its slide text, what to say/do, what to know, its time and its handouts.

The agenda is computed here (:func:`plan`), apart from the template, so its sums are tested
as numbers. A chapter's time is its own ``notes.minutes`` or else the sum of its screens'
minutes; the course's total is the opening's, the chapters', the quiz's and the evaluation's.
When the total does not match ``duration_minutes``, or a chapter's own time contradicts its
screens', the guide is still written and a warning says where to look.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..course import Chapter, Course, Handout, Notes
from ..errors import Problem, Severity
from ..loader import LoadedCourse
from . import render

PathKey = tuple[str | int, ...]


@dataclass
class Slot:
    """One line of the agenda."""

    title: str
    minutes: float | None
    start: float
    """Minutes from the start of the session (the running clock)."""
    kind: str  # "opening", "chapter", "quiz" or "evaluation"
    chapter: Chapter | None = None

    @property
    def end(self) -> float:
        return self.start + (self.minutes or 0)


@dataclass
class Plan:
    slots: list[Slot] = field(default_factory=list)
    screen_start: dict[int, float] = field(default_factory=dict)
    """Running-clock start of each timed screen, by ``id(screen)``."""
    total: float = 0
    warnings: list[tuple[PathKey, str]] = field(default_factory=list)


def _minutes(notes: Notes | None) -> float | None:
    return notes.minutes if notes is not None else None


def _same(a: float, b: float) -> bool:
    return abs(a - b) < 1e-6


def plan(course: Course) -> Plan:
    """The agenda of ``course``: its slots with their running clock, and what does not add up."""
    result = Plan()
    clock = 0.0
    opening = _minutes(course.notes)
    if opening is not None:
        result.slots.append(Slot("Before the first chapter", opening, clock, "opening"))
        clock += opening
    parts: list[tuple[PathKey, Chapter, str]] = [
        (("chapters", i), chapter, "chapter") for i, chapter in enumerate(course.chapters)
    ]
    for path, chapter, kind in parts:
        clock = _chapter(result, path, chapter, kind, clock)
    quiz = course.final_quiz
    if quiz is not None:
        minutes = _minutes(quiz.notes)
        result.slots.append(Slot(quiz.title, minutes, clock, "quiz"))
        clock += minutes or 0
    if course.evaluation is not None:
        clock = _chapter(result, ("evaluation",), course.evaluation, "evaluation", clock)
    result.total = clock
    timed = [s for s in result.slots if s.minutes is not None]
    if timed:
        for slot in result.slots:
            if slot.minutes is None and slot.kind == "chapter":
                path = ("chapters", course.chapters.index(slot.chapter))  # type: ignore[arg-type]
                result.warnings.append(
                    (
                        path,
                        f"chapter {slot.title!r} has no time in the facilitator guide's agenda: "
                        "give its screens 'notes: {minutes: ...}' or the chapter 'notes: "
                        "{minutes: ...}'",
                    )
                )
    duration = course.duration_minutes
    if timed and duration is not None and not _same(clock, duration):
        result.warnings.append(
            (
                ("duration_minutes",),
                f"the agenda adds up to {render.duration(clock)} ({clock:g} minutes) but "
                f"duration_minutes is {duration} ({render.duration(duration)}); "
                "correct the minutes in the notes or the duration",
            )
        )
    return result


def _chapter(result: Plan, path: PathKey, chapter: Chapter, kind: str, clock: float) -> float:
    screens_total = 0.0
    any_timed = False
    start = clock
    for screen in chapter.screens:
        minutes = _minutes(screen.notes)
        if minutes is None:
            continue
        result.screen_start[id(screen)] = start + screens_total
        screens_total += minutes
        any_timed = True
    stated = _minutes(chapter.notes)
    minutes = stated if stated is not None else (screens_total if any_timed else None)
    if stated is not None and any_timed and not _same(stated, screens_total):
        result.warnings.append(
            (
                (*path, "notes", "minutes"),
                f"chapter {chapter.title!r} is given {render.duration(stated)} but its screens "
                f"add up to {render.duration(screens_total)}; make them agree",
            )
        )
    result.slots.append(Slot(chapter.title, minutes, start, kind, chapter))
    return start + (minutes or 0)


def handouts_by_name(course: Course) -> dict[str, Handout]:
    """The names notes may use for a handout (title, id, file) -> the handout."""
    found: dict[str, Handout] = {}
    for handout in course.handouts:
        for key in (handout.title, str(handout.id), handout.file):
            found.setdefault(key, handout)
    return found


def materials(course: Course) -> list[tuple[str, list[str]]]:
    """Every material, once, with where it is needed ("All" for the course's own list)."""
    found: dict[str, list[str]] = {}
    for item in course.materials:
        found.setdefault(item, []).append("whole course")
    for chapter in course.all_chapters():
        for item in chapter.materials:
            found.setdefault(item, []).append(chapter.title)
    return list(found.items())


def handout_uses(course: Course) -> list[tuple[Handout, list[str]]]:
    """Each handout with the screens whose notes use it (titles, in course order)."""
    by_name = handouts_by_name(course)
    uses: dict[int, list[str]] = {id(h): [] for h in course.handouts}
    for _chapter, screen in course.screens():
        for name in screen.notes.handouts if screen.notes else []:
            handout = by_name.get(name)
            if handout is not None and screen.title not in uses[id(handout)]:
                uses[id(handout)].append(screen.title)
    return [(h, uses[id(h)]) for h in course.handouts]


def guide_html(loaded: LoadedCourse) -> tuple[str, list[Problem]]:
    """The guide as one HTML document, and the agenda's warnings as located problems."""
    course = loaded.course
    agenda = plan(course)
    warnings = [
        Problem(*loaded.locate(path), message, severity=Severity.WARNING)
        for path, message in agenda.warnings
    ]
    context: dict[str, Any] = {
        "plan": agenda,
        "warnings": [message for _, message in agenda.warnings],
        "materials": materials(course),
        "handouts": handouts_by_name(course),
        "uses": handout_uses(course),
        "screen_start": lambda screen: agenda.screen_start[id(screen)],
        "answers": True,
    }
    return render.render("guide.html.j2", course, loaded.root, **context), warnings
