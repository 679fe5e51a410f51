"""Glossary terms marked in screen HTML: the rules, and author text that stays text."""

from __future__ import annotations

import re
from html import escape
from html.parser import HTMLParser
from typing import Any

import pytest

from cbtforge import coursedata, markdown
from cbtforge.course import Course
from cbtforge.glossary import Glossary, is_acronym

GLOSSARY = {
    "OMB": "Office of Management and Budget.",
    "HISP": "High Impact Service Provider.",
    "Net Promoter Score": "A loyalty measure from 0 to 10.",
    "Promoter": "Someone who answers 9 or 10.",
    "customer experience": "How the public perceives an agency.",
}


def marked_terms(html: str) -> list[str]:
    return re.findall(r'<button type="button" class="cbt-term"[^>]*>(.*?)</button>', html, re.S)


def mark(text: str, glossary: dict[str, str] | None = None, seen: set[int] | None = None) -> str:
    return Glossary((glossary or GLOSSARY).items()).mark(
        markdown.render(text), set() if seen is None else seen
    )


class _Elements(HTMLParser):
    """Every element and attribute an HTML parser sees in a fragment."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += [name for name, _ in attrs]


def elements(html: str) -> _Elements:
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser


# --- the rules ------------------------------------------------------------------------------


def test_a_term_becomes_a_disclosure_with_its_definition_hidden_after_it() -> None:
    html = mark("The OMB decides.")
    assert html == (
        '<p>The <button type="button" class="cbt-term" aria-expanded="false" '
        'aria-controls="cbt-def-1">OMB</button><span class="cbt-def" id="cbt-def-1" hidden>'
        "Office of Management and Budget.</span> decides.</p>"
    )


def test_whole_words_only_with_a_plural() -> None:
    assert marked_terms(mark("OMBX, xOMB and OMB_1 are not terms.")) == []
    assert marked_terms(mark("Two HISPs.")) == ["HISPs"]
    assert marked_terms(mark("The OMB's rules (OMB).")) == ["OMB"]


def test_acronyms_match_as_written_other_terms_in_any_case() -> None:
    assert is_acronym("OMB") and is_acronym("HISPs") and is_acronym("eGov")
    assert not is_acronym("Net Promoter Score") and not is_acronym("A-11")
    assert marked_terms(mark("omb and Omb are words.")) == []
    assert marked_terms(mark("Customer Experience matters.")) == ["Customer Experience"]
    assert marked_terms(mark("net promoter score")) == ["net promoter score"]


def test_only_the_first_appearance_on_a_screen() -> None:
    seen: set[int] = set()
    first = mark("OMB and OMB.", seen=seen)
    assert marked_terms(first) == ["OMB"]
    assert marked_terms(mark("OMB again on the same screen.", seen=seen)) == []
    assert marked_terms(mark("OMB on the next screen.")) == ["OMB"]


def test_the_longest_term_wins_and_hides_the_shorter_one_inside_it() -> None:
    seen: set[int] = set()
    html = mark("The Net Promoter Score counts each promoter.", seen=seen)
    assert marked_terms(html) == ["Net Promoter Score", "promoter"]
    # A later Net Promoter Score is not marked, and its "Promoter" is no term of its own.
    seen = set()
    assert marked_terms(mark("Net Promoter Score", seen=seen)) == ["Net Promoter Score"]
    assert marked_terms(mark("Net Promoter Score again.", seen=seen)) == []


def test_a_term_across_a_line_break_of_the_markdown() -> None:
    assert marked_terms(mark("Our customer\nexperience.")) == ["customer\nexperience"]


@pytest.mark.parametrize(
    "text",
    [
        "[the OMB site](https://omb.example)",
        "`OMB` in code",
        "```\nOMB\n```",
        "## OMB in a heading",
        "| OMB |\n|---|\n| x |",
    ],
)
def test_never_inside_links_code_headings_or_table_headers(text: str) -> None:
    assert marked_terms(mark(text)) == []


def test_never_inside_an_existing_term_or_a_definition() -> None:
    glossary = {"OMB": "The OMB itself.", "HISP": "See OMB."}
    once = mark("HISP and OMB.", glossary)
    again = Glossary(glossary.items()).mark(once, set())
    assert marked_terms(once) == ["HISP", "OMB"]
    assert again == once  # marking marked HTML changes nothing


def test_text_outside_terms_is_kept() -> None:
    text = "**Bold** & <b>raw</b> [link](https://x.example) `a < b` OMB\n\n- one\n- two"
    html = mark(text)
    without_marks = re.sub(r"<button.*?</span>", "OMB", html, flags=re.S)
    assert without_marks == markdown.render(text).replace("&quot;", '"')


# --- author text is text --------------------------------------------------------------------

HOSTILE = {
    "<script>": "<script>alert(1)</script>",
    'x"><img src=x onerror=alert(1)>': "\"><img src=x onerror=alert(2)> '&lt;",
    "C++ (.*)": "[a](javascript:alert(3)) <iframe src=x>",
    "a|b": "Regex *alternation*.",
    "[x]{2}": "Brackets.",
}


@pytest.mark.parametrize("term", sorted(HOSTILE))
def test_hostile_terms_and_definitions_stay_text(term: str) -> None:
    # As markdown.py renders the text (escaped; no Markdown syntax to trip over).
    text = f"<p>Before {escape(term)} after, and <em>{escape(term)}</em> again.</p>"
    html = Glossary(HOSTILE.items()).mark(text, set())
    found = elements(html)
    assert set(found.tags) <= {"p", "button", "span", "em", "a"}, html
    assert not [a for a in found.attrs if a.startswith("on") or a == "src"], html
    assert len(marked_terms(html)) == 1, html
    assert "href" not in found.attrs  # the javascript: link is refused, not rendered


def test_regex_metacharacters_are_literal() -> None:
    glossary = {"a|b": "x", "[x]{2}": "y", "C++ (.*)": "z"}
    assert marked_terms(mark("a or b, xx, C++ anything.", glossary)) == []
    html = mark("a|b, [x]{2} and C++ (.*).", glossary)
    assert marked_terms(html) == ["a|b", "[x]{2}", "C++ (.*)"]


# --- the player payload ---------------------------------------------------------------------


def _course(**extra: Any) -> Course:
    data = {
        "title": "T",
        "chapters": [
            {
                "title": "C",
                "screens": [
                    {"type": "content", "title": "S1", "body": "The OMB.\n\nThe OMB."},
                    {
                        "type": "reveal",
                        "title": "S2",
                        "body": "Open the panels.",
                        "items": [
                            {"label": "One", "body": "OMB in one."},
                            {"label": "Two", "body": "OMB in two."},
                        ],
                    },
                    {
                        "type": "question",
                        "title": "S3",
                        "question": {
                            "type": "single",
                            "prompt": "What is a HISP?",
                            "options": [
                                {"text": "An OMB provider", "feedback": "Yes: OMB."},
                                "A form",
                            ],
                            "correct": "An OMB provider",
                            "feedback": {"correct": "Right, a HISP.", "incorrect": "HISP!"},
                        },
                    },
                ],
            }
        ],
        "final_quiz": {
            "questions": [
                {"type": "true_false", "prompt": "The OMB is an office.", "correct": True}
            ]
        },
        **extra,
    }
    return Course.model_validate(data, strict=True)


def test_the_payload_marks_screens_one_by_one() -> None:
    data = coursedata.course_data(_course(glossary=GLOSSARY))
    s1, s2, s3 = data["chapters"][0]["screens"]
    assert marked_terms(s1["html"]) == ["OMB"]  # the first of two paragraphs
    # Each panel opens on its own: the term is marked in both.
    assert [marked_terms(item["html"]) for item in s2["items"]] == [["OMB"], ["OMB"]]
    q = s3["question"]
    assert marked_terms(q["promptHtml"]) == ["HISP"]
    # Feedback comes after the prompt: HISP is marked there already.
    assert marked_terms(q["feedbackCorrectHtml"]) == []
    # Options label inputs: never marked; their feedback is.
    assert marked_terms(q["options"][0]["html"]) == []
    assert marked_terms(q["options"][0]["feedbackHtml"]) == ["OMB"]
    # The final quiz is left alone: a definition could give an answer away.
    assert marked_terms(data["quiz"]["questions"][0]["promptHtml"]) == []
    assert data["glossary"] == [
        {"term": "customer experience", "html": "How the public perceives an agency."},
        {"term": "HISP", "html": "High Impact Service Provider."},
        {"term": "Net Promoter Score", "html": "A loyalty measure from 0 to 10."},
        {"term": "OMB", "html": "Office of Management and Budget."},
        {"term": "Promoter", "html": "Someone who answers 9 or 10."},
    ]
    ids = re.findall(r'id="(cbt-def-\d+)"', str(data))
    assert len(ids) == len(set(ids))  # unique in the course, so unique on any page


def test_a_course_without_a_glossary_keeps_its_payload() -> None:
    data = coursedata.course_data(_course())
    assert "glossary" not in data
    assert "cbt-term" not in str(data)
    assert coursedata.structure_hash(_course()) == coursedata.structure_hash(
        _course(glossary=GLOSSARY)
    )
