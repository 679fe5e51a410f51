"""The accessibility lint (src/cbtforge/lint.py): warnings only the author can fix, located
as file:line:col, printed by `cbtforge validate` and `cbtforge build`."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from cbtforge import lint
from cbtforge.build import compile_course
from cbtforge.cli import main
from cbtforge.errors import Severity
from cbtforge.loader import load
from cbtforge.newcourse import create_course

REPO = Path(__file__).resolve().parents[1]

COURSE = """\
id: lint-demo
title: Lint Demo
language: en
navigation: free
chapters:
  - chapters/01.yaml
"""

SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>'


def write_course(root: Path, chapter: str, course: str = COURSE) -> Path:
    (root / "chapters").mkdir(parents=True)
    (root / "assets").mkdir()
    (root / "assets" / "oscar.svg").write_text(SVG, encoding="utf-8")
    (root / "course.yaml").write_text(course, encoding="utf-8")
    (root / "chapters" / "01.yaml").write_text(textwrap.dedent(chapter), encoding="utf-8")
    return root


def warnings(root: Path) -> list[str]:
    problems = lint.lint(load(root, base=root))
    assert all(p.severity is Severity.WARNING for p in problems)
    return [p.format() for p in problems]


def test_links_without_text_or_with_vague_text(tmp_path: Path) -> None:
    root = write_course(
        tmp_path,
        """\
        title: Links
        screens:
          - title: Where to read more
            type: content
            body: |
              Read [the travel policy](https://example.com/travel) first,
              then [](https://example.com/empty) and
                [Click Here](https://example.com/a), [**more**](https://example.com/b).

              - see [here.](https://example.com/c) or [ Read  more ](https://example.com/d)
              - an image link is named by its alt text:
                [![A map of Arizona](assets/oscar.svg)](https://example.com/f)
        """,
    )
    link = (
        "does not say where the link leads; name the destination instead, "
        "e.g. [the travel policy](...)"
    )
    assert warnings(root) == [
        "chapters/01.yaml:7:12: warning: link to 'https://example.com/empty' has no text, so "
        "screen readers announce only 'link': write [where it leads](https://example.com/empty)",
        f"chapters/01.yaml:8:9: warning: link text 'Click Here' {link}",
        f"chapters/01.yaml:8:46: warning: link text 'more' {link}",
        f"chapters/01.yaml:10:13: warning: link text 'here.' {link}",
        f"chapters/01.yaml:10:47: warning: link text 'Read more' {link}",
    ]


def test_heading_levels_start_at_one_hash_and_are_not_skipped(tmp_path: Path) -> None:
    root = write_course(
        tmp_path,
        """\
        title: Headings
        screens:
          - title: Starts too deep
            type: content
            body: |
              ### Three levels down

              Text.
          - title: Skips one
            type: content
            body: |
              # Fine: rendered as h2
              ## Fine: h3
              # Back up is fine
              ### Skipped
              #
          - title: Columns
            type: content
            columns:
              - heading: Left, an h2
                body: |
                  ## Under the column's h2: fine
              - heading: Right
                body: |
                  ### Skips
          - title: Options are inline
            type: question
            question:
              type: single
              prompt: Pick one.
              options:
                - "# not a heading: option texts are rendered inline"
                - Another
              correct: Another
        """,
    )
    assert warnings(root) == [
        "chapters/01.yaml:6:7: warning: heading level skipped: the first heading is '###', "
        "which comes right under the screen's title; use '#'",
        "chapters/01.yaml:15:7: warning: heading level skipped: '###' follows '#'; use '##'",
        "chapters/01.yaml:16:7: warning: heading has no text: write the heading, or remove the '#'",
        "chapters/01.yaml:25:11: warning: heading level skipped: the first heading is '###', "
        "which comes right under the column's heading; use '##'",
    ]


def test_images_whose_alt_text_is_a_file_name_or_says_nothing(tmp_path: Path) -> None:
    root = write_course(
        tmp_path,
        """\
        title: Images
        screens:
          - title: Pictures
            type: content
            body: |
              Look: ![IMG_0042.JPG](assets/oscar.svg) and ![Picture](assets/oscar.svg).
              ![Oscar greets a customer at the counter](assets/oscar.svg)
            image:
              src: assets/oscar.svg
              alt: oscar.svg
          - title: Decorative
            type: content
            image:
              src: assets/oscar.svg
              decorative: true
          - title: Good
            type: content
            image:
              src: assets/oscar.svg
              alt: Oscar at the service counter
        """,
    )
    assert warnings(root) == [
        "chapters/01.yaml:6:13: warning: image alt text 'IMG_0042.JPG' is a file name; "
        "describe what the image shows",
        "chapters/01.yaml:6:51: warning: image alt text 'Picture' says only that there is an "
        "image; describe what the image shows",
        "chapters/01.yaml:10:12: warning: image alt text 'oscar.svg' is a file name; describe "
        "what the image shows, or set decorative: true if it carries no information",
    ]


def test_tables_need_a_header_row(tmp_path: Path) -> None:
    root = write_course(
        tmp_path,
        """\
        title: Tables
        screens:
          - title: Tables
            type: content
            body: |
              | Day | Hours |
              |-----|-------|
              | Mon | 8-5   |

              Text.

              |   |   |
              |---|---|
              | a | b |
        """,
    )
    assert warnings(root) == [
        "chapters/01.yaml:12:7: warning: table has an empty header row: give each column a heading"
    ]


def test_folded_text_is_placed_at_its_start_and_notes_are_not_linted(tmp_path: Path) -> None:
    root = write_course(
        tmp_path,
        """\
        title: Styles
        screens:
          - title: Folded
            type: content
            body: >
              A folded text joins its lines, so its problems are shown where it starts:
              [click here](https://example.com/folded).
            notes:
              say: Facilitators only ever read [here](https://example.com/notes).
        """,
    )
    assert warnings(root) == [
        "chapters/01.yaml:5:11: warning: link text 'click here' does not say where the link "
        "leads; name the destination instead, e.g. [the travel policy](...)"
    ]


# --- what builds but does not do what the author meant ---------------------------------------


def test_links_and_images_with_a_refused_scheme_are_named(tmp_path: Path) -> None:
    root = write_course(
        tmp_path,
        """\
        title: Schemes
        screens:
          - title: Handbook
            type: content
            body: |
              Read the [handbook](javascript:alert(1)) or [the form](https://example.com/form).

              ![Our logo](VBScript:logo) and [a file](file:///C:/handbook.pdf).
        """,
    )
    refused = "addresses are not allowed, so learners would see the Markdown as text"
    link = "link to a web page (https://...) or a file of the course"
    assert warnings(root) == [
        f"chapters/01.yaml:6:16: warning: link 'javascript:alert(1)' is refused: "
        f"'javascript:' {refused}; {link}",
        f"chapters/01.yaml:8:7: warning: image 'VBScript:logo' is refused: 'vbscript:' "
        f"{refused}; use an image file of the course (assets/...)",
        f"chapters/01.yaml:8:38: warning: link 'file:///C:/handbook.pdf' is refused: 'file:' "
        f"{refused}; {link}",
    ]


def test_raw_html_is_shown_as_text(tmp_path: Path) -> None:
    root = write_course(
        tmp_path,
        """\
        title: HTML
        screens:
          - title: Tags
            type: content
            body: |
              This is <b>important</b>, and <https://example.com> is a link; 2 < 3.

              <script>alert("hi")</script>
          - title: Inline
            type: reveal
            items:
              - label: Open
                body: A line<br>break.
        """,
    )
    use = "use Markdown instead (**bold**, *italic*, lists, [links](https://...))"
    assert warnings(root) == [
        f"chapters/01.yaml:6:15: warning: raw HTML '<b>' is shown to learners as text, not as "
        f"formatting; {use}",
        f"chapters/01.yaml:8:7: warning: raw HTML '<script>alert(\"hi\")</script>' is shown to "
        f"learners as text, not as formatting; {use}",
        f"chapters/01.yaml:13:15: warning: raw HTML '<br>' is shown to learners as text, not "
        f"as formatting; {use}",
    ]


def test_titles_deriving_the_same_id_ask_for_explicit_ids(tmp_path: Path) -> None:
    root = write_course(
        tmp_path,
        """\
        title: Summaries
        screens:
          - title: Summary
            type: content
            body: One.
          - title: Summary!
            type: content
            body: Two.
          - title: Summary
            id: summary-final
            type: content
            body: An explicit id is stable wherever the screen goes.
        """,
    )
    assert warnings(root) == [
        "chapters/01.yaml:6:12: warning: screen title 'Summary!' gives the same id as the "
        "screen at chapters/01.yaml:3:12, so this one becomes 'summary-2': moving either "
        "screen would change the ids and break learners' saved progress; give each of them "
        "an explicit 'id'"
    ]


def test_scored_screens_without_a_final_quiz(tmp_path: Path) -> None:
    chapter = """\
        title: Practice
        screens:
          - title: Sort it
            type: classifier
            body: A customer asks for a refund.
            categories: [Customer Driven, Operations Driven]
            correct: Customer Driven
            scored: true
          - title: Check
            type: question
            question: {type: true_false, prompt: Listen first?, correct: true}
            scored: false
        """
    root = write_course(tmp_path / "no-quiz", chapter)
    assert warnings(root) == [
        "chapters/01.yaml:8:13: warning: scored: true has no effect: the course has no final "
        "quiz, and scored screens count only in the final quiz's score; add a final_quiz, or "
        "remove 'scored'"
    ]
    quiz = "final_quiz:\n  questions:\n    - {type: true_false, prompt: P, correct: true}\n"
    root = write_course(tmp_path / "quiz", chapter, course=COURSE + quiz)
    assert warnings(root) == []


def test_media_without_speech_and_without_text_is_flagged(tmp_path: Path) -> None:
    webm = (Path(__file__).parent / "courses" / "media" / "media" / "silent.webm").read_bytes()
    chapter = """\
        title: Watch
        screens:
          - title: Silent
            type: media
            video: clip.webm
            no_speech: true
          - title: Described
            type: media
            video: clip.webm
            no_speech: true
            transcript: A technician seals the envelope and stamps it.
        """
    root = write_course(tmp_path / "c", chapter)
    (root / "clip.webm").write_bytes(webm)
    assert warnings(root) == [
        "chapters/01.yaml:6:16: warning: video without speech and without a 'transcript': if "
        "it shows or sounds anything learners need, describe that in 'transcript:' (WCAG "
        "1.2.1); leave it out only for decoration"
    ]


def test_the_build_carries_the_warnings_and_the_cli_prints_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_course(
        tmp_path / "c",
        """\
        title: One warning
        screens:
          - title: Here
            type: content
            body: |
              Read [more](https://example.com).
        """,
    )
    monkeypatch.chdir(tmp_path)
    compiled = compile_course(Path("c"))
    expected = (
        "c/chapters/01.yaml:6:12: warning: link text 'more' does not say where the link "
        "leads; name the destination instead, e.g. [the travel policy](...)"
    )
    assert [w.format() for w in compiled.warnings] == [expected]

    runner = CliRunner()
    result = runner.invoke(main, ["validate", "c"])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [expected]
    assert "(1 warning)" in result.stdout

    result = runner.invoke(main, ["build", "c", "-o", "out.zip"])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [expected]
    assert (tmp_path / "out.zip").is_file()


def test_the_arizona_course_and_the_scaffold_lint_clean(tmp_path: Path) -> None:
    assert warnings(REPO / "courses" / "arizona_quality_cs") == []
    create_course(tmp_path / "new")
    assert warnings(tmp_path / "new") == []
