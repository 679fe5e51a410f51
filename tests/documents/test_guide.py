"""The facilitator guide: the agenda's arithmetic, and the PDF read back page by page."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from cbtforge.cli import main
from cbtforge.documents.guide import plan
from cbtforge.loader import load_course

from .pdf import Pdf, blocks, in_order, read_pdf

ROOT = Path(__file__).resolve().parents[2]
HANDOUTS = ROOT / "tests" / "courses" / "handouts"


def test_agenda_runs_a_clock_over_opening_chapters_and_screens() -> None:
    course = load_course(HANDOUTS)
    agenda = plan(course)
    rows = [(s.title, s.minutes, s.start, s.end) for s in agenda.slots]
    # Opening 5 (course notes), chapter 1 = its screens 10 + 10, chapter 2 its own 10.
    assert rows == [
        ("Before the first chapter", 5, 0, 5),
        ("Opening", 20, 5, 25),
        ("Practice", 10, 25, 35),
    ]
    assert agenda.total == 35
    first, second = course.chapters[0].screens
    assert (agenda.screen_start[id(first)], agenda.screen_start[id(second)]) == (5, 15)
    # duration_minutes is 30: the guide says so, at the duration.
    assert agenda.warnings == [
        (
            ("duration_minutes",),
            "the agenda adds up to 35 min (35 minutes) but duration_minutes is 30 (30 min); "
            "correct the minutes in the notes or the duration",
        )
    ]


def test_agenda_warns_when_a_chapter_contradicts_its_screens(tmp_path: Path) -> None:
    (tmp_path / "course.yaml").write_text(
        """title: Timed
duration_minutes: 25
chapters:
  - title: One
    notes: {minutes: 20}
    screens:
      - {type: content, title: A, body: a, notes: {minutes: 10}}
      - {type: content, title: B, body: b, notes: {minutes: 15}}
  - title: Two
    screens:
      - {type: content, title: C, body: c}
""",
        encoding="utf-8",
    )
    agenda = plan(load_course(tmp_path))
    assert [w for _, w in agenda.warnings] == [
        "chapter 'One' is given 20 min but its screens add up to 25 min; make them agree",
        "chapter 'Two' has no time in the facilitator guide's agenda: give its screens "
        "'notes: {minutes: ...}' or the chapter 'notes: {minutes: ...}'",
        "the agenda adds up to 20 min (20 minutes) but duration_minutes is 25 (25 min); "
        "correct the minutes in the notes or the duration",
    ]


def test_an_untimed_course_has_no_agenda_warnings() -> None:
    agenda = plan(load_course(ROOT / "tests" / "courses" / "minimal"))
    assert agenda.warnings == []
    assert all(slot.minutes is None for slot in agenda.slots)


@pytest.fixture(scope="module")
def guide(tmp_path_factory: pytest.TempPathFactory) -> tuple[Pdf, str]:
    out = tmp_path_factory.mktemp("guide") / "guide.pdf"
    result = CliRunner().invoke(main, ["guide", str(HANDOUTS), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return read_pdf(out), result.output


def test_guide_cli_warns_with_the_position_and_still_writes(guide: tuple[Pdf, str]) -> None:
    _pdf, output = guide
    lines = output.splitlines()
    assert lines[0].endswith(
        "tests/courses/handouts/course.yaml:7:19: warning: the agenda adds up to 35 min "
        "(35 minutes) but duration_minutes is 30 (30 min); correct the minutes in the notes "
        "or the duration"
    )
    assert lines[1].startswith("Wrote ") and " pages) in " in lines[1]


def test_guide_pages_have_headers_and_numbers(guide: tuple[Pdf, str]) -> None:
    pdf, _ = guide
    total = len(pdf.pages)
    assert total >= 4
    assert "Facilitator Guide" in pdf.pages[0] and "Page 1 of" not in pdf.pages[0]  # cover
    for number, page in enumerate(pdf.pages[1:], start=2):
        # The margin boxes come last in the page's text: header, then footer (chapter, page).
        assert "Handouts Test Course Facilitator Guide" in page, page[-120:]
        assert page.rstrip().endswith(f"Page {number} of {total}"), page[-80:]


def test_guide_is_a_tagged_pdf_with_title_and_language(guide: tuple[Pdf, str]) -> None:
    pdf, _ = guide
    assert pdf.tagged
    assert pdf.title == "Handouts Test Course: Facilitator Guide"
    assert pdf.lang == "en-US"


def test_guide_has_agenda_materials_handouts_then_each_screen_with_notes(
    guide: tuple[Pdf, str],
) -> None:
    pdf, _ = guide
    course = load_course(HANDOUTS)
    expected = [
        "Agenda",
        "Before the first chapter 5 min 0:00–0:05",
        "Opening 20 min 0:05–0:25",
        "Practice 10 min 0:25–0:35",
        "Total 35 min 0:00–0:35",
        "Check the timings:",
        "Materials",
        "Projector whole course",
        "Sticky notes Opening",
        "Handout 1: Checklist",
        "handouts/checklist.md Welcome",
        "Handout 2: Phone log handouts/phone-log.pdf –",
    ]
    for chapter in course.chapters:
        expected.append(chapter.title)
        for screen in chapter.screens:
            expected.append(screen.title)
            if screen.notes and screen.notes.say:
                expected.append("What you need to say/do")
                expected += blocks(screen.notes.say)
            if screen.notes and screen.notes.know:
                expected.append("What you need to know")
                expected += blocks(screen.notes.know)
    expected += ["Slide 1-1: Welcome", "Time: 10 min · 0:05–0:15"]
    assert in_order(pdf.text, expected[:-2]) == []
    assert in_order(pdf.text, expected[-2:]) == []
    # Both reveal panels printed open, on the guide's "On the screen" copy.
    assert in_order(pdf.text, ["Worker", "Jargon is a worker-side barrier."]) == []


def test_the_scaffold_shows_an_agenda_that_adds_up(tmp_path: Path) -> None:
    from cbtforge.newcourse import create_course

    create_course(tmp_path / "c")
    course = load_course(tmp_path / "c")
    agenda = plan(course)
    assert agenda.warnings == []
    assert agenda.total == course.duration_minutes
