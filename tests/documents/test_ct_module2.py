"""courses/ct_module2 on paper: the facilitator guide carries every trainer note in order
with its time and a running clock that adds up; the participant guide carries every
reveal's text and Appendix A. Both PDFs are read back."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from cbtforge.cli import main
from cbtforge.course import Course, RevealScreen
from cbtforge.documents.render import clock, duration
from cbtforge.loader import load_course

from .pdf import Pdf, blocks, in_order, read_pdf

COURSE_DIR = Path(__file__).resolve().parents[2] / "courses" / "ct_module2"
TITLE = "Module 2: Concepts of High-Quality Customer Service"


@pytest.fixture(scope="module")
def course() -> Course:
    return load_course(COURSE_DIR)


def _write(command: str, out: Path) -> Pdf:
    result = CliRunner().invoke(main, [command, str(COURSE_DIR), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output  # the minutes add up to duration_minutes
    return read_pdf(out)


@pytest.fixture(scope="module")
def guide(tmp_path_factory: pytest.TempPathFactory) -> Pdf:
    return _write("guide", tmp_path_factory.mktemp("ct") / "guide.pdf")


@pytest.fixture(scope="module")
def participant(tmp_path_factory: pytest.TempPathFactory) -> Pdf:
    return _write("print", tmp_path_factory.mktemp("ct") / "participant.pdf")


def test_every_trainer_note_in_order_with_its_time(guide: Pdf, course: Course) -> None:
    expected: list[str] = []
    if course.notes:
        expected += ["What you need to say/do", *blocks(course.notes.say or "")]
        expected += ["What you need to know", *blocks(course.notes.know or "")]
    clock_at = 0.0
    notes_count = 0
    for chapter in course.chapters:
        expected.append(chapter.title)
        for screen in chapter.screens:
            notes = screen.notes
            assert notes is not None and notes.minutes is not None, screen.id
            heading = f"Slide {notes.slide}: {screen.title}" if notes.slide else screen.title
            start, end = clock(clock_at), clock(clock_at + notes.minutes)
            expected += [heading, f"Time: {duration(notes.minutes)} · {start}–{end}"]
            clock_at += notes.minutes
            if notes.say:
                expected += ["What you need to say/do", *blocks(notes.say)]
                notes_count += 1
            if notes.know:
                expected += ["What you need to know", *blocks(notes.know)]
                notes_count += 1
            for handout in notes.handouts:
                expected += ["Handouts", next(h.title for h in course.handouts if h.id == handout)]
    assert notes_count > 40
    assert in_order(guide.body(f"{TITLE} Facilitator Guide"), expected) == []


def test_the_running_clock_adds_up(guide: Pdf) -> None:
    agenda = next(page for page in guide.pages if page.startswith("Agenda"))
    rows = re.findall(r"^(.+?) (\d+ min|–) (?:(\d+:\d\d)–(\d+:\d\d)|–)$", agenda, re.M)
    chapters = [r for r in rows if r[1] != "–" and not r[0].startswith("Total")]
    assert [r[0] for r in chapters] == [
        "Introduction",
        "Who Are Your Customers?",
        "What Is Effective Customer Service?",
        "Barriers and Strategies",
        "Benefits and Wrap-Up",
    ]
    previous_end = "0:00"
    total = 0
    for _title, minutes, start, end in chapters:
        assert start == previous_end
        total += int(minutes.split()[0])
        assert end == clock(total)
        previous_end = end
    assert total == 195
    assert "Total 3 h 15 min 0:00–3:15" in agenda
    assert "Check the timings" not in guide.text


def test_guide_every_page_numbered_and_headed(guide: Pdf) -> None:
    total = len(guide.pages)
    assert total > 20
    for number, page in enumerate(guide.pages[1:], start=2):
        assert f"{TITLE} Facilitator Guide" in page
        assert page.rstrip().endswith(f"Page {number} of {total}")
    assert guide.tagged and guide.lang == "en-US"
    assert guide.title == f"{TITLE}: Facilitator Guide"


def test_participant_guide_has_every_reveal_and_appendix_a(
    participant: Pdf, course: Course
) -> None:
    text = participant.body(f"{TITLE} Participant Guide")
    expected: list[str] = []
    for _, screen in course.screens():
        if isinstance(screen, RevealScreen):
            expected.append(screen.title)
            for item in screen.items:
                expected += [item.label, *blocks(item.body)]
    assert len(expected) > 40
    assert in_order(text, expected) == []
    appendix = (COURSE_DIR / "resources" / "appendix-a.md").read_text(encoding="utf-8")
    appendix_blocks = blocks(appendix)
    assert len(appendix_blocks) > 60
    assert in_order(text, ["Appendix A: Development Suggestions for Customer Service"]) == []
    assert in_order(text.split("Appendix A: Development Suggestions")[-1], appendix_blocks) == []


def test_participant_guide_has_no_trainer_notes(participant: Pdf, course: Course) -> None:
    text = participant.text
    assert "What you need to say/do" not in text
    assert "Display PowerPoint Slide" not in text
