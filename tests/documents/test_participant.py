"""The participant guide and the SME review copy, read back from PDF and HTML."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from cbtforge.cli import main

from .pdf import Pdf, in_order, read_pdf

ROOT = Path(__file__).resolve().parents[2]
HANDOUTS = ROOT / "tests" / "courses" / "handouts"
FULL = ROOT / "tests" / "courses" / "player-full"


def _print(course: Path, out: Path, *extra: str) -> str:
    result = CliRunner().invoke(main, ["print", str(course), "-o", str(out), *extra])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def participant(tmp_path_factory: pytest.TempPathFactory) -> Pdf:
    out = tmp_path_factory.mktemp("print") / "participant.pdf"
    _print(HANDOUTS, out)
    return read_pdf(out)


def test_participant_guide_has_every_reveal_the_poll_and_the_appendix(participant: Pdf) -> None:
    assert (
        in_order(
            participant.text,
            [
                "Contents",
                "Welcome",
                "Read the checklist before we start.",
                "Two sides",
                "Worker",
                "Jargon is a worker-side barrier.",
                "Customer",
                "Fear is a customer-side barrier.",
                "How sure are you?",
                "Very",
                "Not yet",
                # Markdown documents printed in full; the PDF handout named as a file.
                "Handout 1: Checklist",
                "Who are your customers?",
                "Handout 2: Phone log",
                "handouts/phone-log.pdf",
                "Appendix A: Further reading",
                "Suggested readings",
                "The Customer Service Survival Kit",
            ],
        )
        == []
    )


def test_participant_guide_never_shows_facilitator_notes(participant: Pdf) -> None:
    for note in ("Welcome the group.", "Hand out the checklist.", "Nobody collects it."):
        assert note not in participant.text


def test_participant_guide_pages_are_numbered_and_tagged(participant: Pdf) -> None:
    total = len(participant.pages)
    for number, page in enumerate(participant.pages[1:], start=2):
        assert "Handouts Test Course Participant Guide" in page
        assert page.rstrip().endswith(f"Page {number} of {total}")
    assert participant.tagged and participant.lang == "en-US"
    assert participant.title == "Handouts Test Course: Participant Guide"
    # The contents list gives each part's page, and the part is on that page.
    toc = dict(re.findall(r"^(.+?) \.{3,} (\d+)$", participant.pages[1], re.M))
    assert list(toc) == [
        "Opening",
        "Practice",
        "Handout 1: Checklist",
        "Handout 2: Phone log",
        "Appendix A: Further reading",
    ]
    for title, number in toc.items():
        assert participant.pages[int(number) - 1].startswith(title)


def test_answers_only_in_the_review_copy(tmp_path: Path) -> None:
    plain, review = tmp_path / "p.html", tmp_path / "r.html"
    _print(FULL, plain)
    _print(FULL, review, "--answers")
    plain_html = plain.read_text(encoding="utf-8")
    review_html = review.read_text(encoding="utf-8")
    assert "(correct answer)" not in plain_html
    assert "Yes, anyone who relies on you for a product or service." not in plain_html
    assert "Review Copy with Answers" in review_html
    # The quiz question's right option is marked in words and its feedback printed.
    assert re.search(
        r"Anyone who relies on you <strong class=\"key\">\(correct answer\)</strong>",
        review_html,
    )
    assert "Yes, anyone who relies on you for a product or service." in review_html


def test_html_document_is_one_self_contained_file(tmp_path: Path) -> None:
    out = tmp_path / "p.html"
    _print(FULL, out)
    html = out.read_text(encoding="utf-8")
    assert html.startswith('<!DOCTYPE html>\n<html lang="en-GB">')
    sources = re.findall(r'<img\b[^>]*\bsrc="([^"]*)"', html)
    assert sources and all(src.startswith("data:image/") for src in sources)
    assert "<script" not in html


def test_output_must_be_pdf_or_html(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["print", str(HANDOUTS), "-o", str(tmp_path / "x.doc")])
    assert result.exit_code == 1
    assert "cannot write a '.doc' document; name the output .pdf or .html" in result.output
    assert not (tmp_path / "x.doc").exists()


def test_media_screens_print_their_transcript(tmp_path: Path) -> None:
    """Paper cannot play a video: the participant guide prints the transcript in its place."""
    out = tmp_path / "media.html"
    _print(ROOT / "tests" / "courses" / "media", out)
    text = re.sub(r"<[^>]+>", " ", out.read_text(encoding="utf-8"))
    text = re.sub(r"\s+", " ", text)
    assert (
        in_order(
            text,
            [
                "Welcome video",
                "Video transcript Narrator: Welcome to the media test. Captions follow the speech.",
                "The same words as audio",
                "Audio transcript Welcome to the media test.",
                "A silent clip",
                "(Video without speech.)",
            ],
        )
        == []
    )


def test_new_question_types_print_with_their_answers_only_in_the_review_copy(
    tmp_path: Path,
) -> None:
    """Numeric, fill-in, matching and sequencing on paper: a line to write on, the items to
    match or number (never in the right order), and their right answers in the review copy."""
    course = ROOT / "tests" / "courses" / "questions"
    plain, review = tmp_path / "p.html", tmp_path / "r.html"
    _print(course, plain)
    _print(course, review, "--answers")
    plain_html, review_html = (p.read_text(encoding="utf-8") for p in (plain, review))
    for key in (
        "Correct answer: 45 points",
        "Correct answer: from 18 to 22 %",
        "Correct answer: 30 (± 1)",
        "Accepted answers: Providers, Provider",
        "Accepted answer: Customer</strong> (capital letters must match)",
        'Sec. 4 <strong class="key">(Directs 16 agencies to take 36 actions)</strong>',
        "<li>Discovery</li><li>Design</li><li>Delivery</li><li>Measurement</li>",
    ):
        assert key in review_html, key
        assert key not in plain_html, key
    assert "Write the letter of each item's match." in plain_html
    assert "Repeals an earlier order" in plain_html  # the distractor is offered too
    shown = re.findall(r"</span> (Delivery|Design|Discovery|Measurement)</li>", plain_html)
    assert shown == ["Delivery", "Design", "Discovery", "Measurement"]  # sorted, not the answer
