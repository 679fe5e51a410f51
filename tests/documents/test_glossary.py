"""The glossary as an appendix of the participant guide and the facilitator guide."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from cbtforge.cli import main

from .pdf import in_order, read_pdf

ROOT = Path(__file__).resolve().parents[2]
GLOSSARY = ROOT / "tests" / "courses" / "glossary"
HANDOUTS = ROOT / "tests" / "courses" / "handouts"
TERMS = ["CX", "HISP", "Net Promoter Score", "OMB", "Promoter"]


def _run(command: str, course: Path, out: Path) -> None:
    result = CliRunner().invoke(main, [command, str(course), "-o", str(out)])
    assert result.exit_code == 0, result.output


def test_the_participant_guide_ends_with_the_glossary_in_its_contents(tmp_path: Path) -> None:
    out = tmp_path / "participant.pdf"
    _run("print", GLOSSARY, out)
    pdf = read_pdf(out)
    toc = dict(re.findall(r"^(.+?) \.{3,} (\d+)$", pdf.pages[1], re.M))
    assert list(toc)[-1] == "Glossary"
    page = pdf.pages[int(toc["Glossary"]) - 1]
    assert page.startswith("Glossary")
    assert in_order(page, [*TERMS, "A customer who answers 9 or 10."]) == []
    assert "Office of Management and Budget" in page


def test_the_facilitator_guide_has_it_too_and_courses_without_one_do_not(
    tmp_path: Path,
) -> None:
    _run("guide", GLOSSARY, tmp_path / "guide.html")
    html = (tmp_path / "guide.html").read_text(encoding="utf-8")
    assert re.findall(r"<dt>(.*?)</dt>", html.split('id="glossary"')[1]) == TERMS
    _run("print", HANDOUTS, tmp_path / "handouts.html")
    assert 'id="glossary"' not in (tmp_path / "handouts.html").read_text(encoding="utf-8")


def test_hostile_terms_and_definitions_print_as_text(tmp_path: Path) -> None:
    (tmp_path / "course.yaml").write_text(
        "title: T\nchapters:\n  - title: C\n    screens:\n      - type: content\n"
        "        title: S\n        body: x\nglossary:\n"
        '  "<script>": "\\"><img src=x onerror=alert(1)> <script>alert(2)</script>"\n',
        encoding="utf-8",
    )
    _run("print", tmp_path, tmp_path / "p.html")
    html = (tmp_path / "p.html").read_text(encoding="utf-8")
    assert "<dt>&lt;script&gt;</dt>" in html
    assert "<script" not in html and "<img" not in html
