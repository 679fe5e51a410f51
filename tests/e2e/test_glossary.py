"""The glossary in the player: terms in the text and the Glossary list, from the keyboard.

The course (tests/courses/glossary) is built by the real compiler and launched in the
scorm-again harness. Only keys move focus and open things; axe-core checks the frame with a
definition open and with the Glossary dialog open, at 1280 and at 320 px.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from .a11y import NARROW, WIDE, Keyboard, axe_violations, describe_violations, focused
from .lms import Lms

pytestmark = pytest.mark.browser

COURSE = Path(__file__).resolve().parents[1] / "courses" / "glossary"
TERMS = ["CX", "HISP", "Net Promoter Score", "OMB", "Promoter"]


@pytest.mark.parametrize("viewport", [WIDE, NARROW], ids=["1280x800", "320x640"])
def test_terms_and_the_glossary_from_the_keyboard_pass_axe(
    lms: Lms, build_course: Any, viewport: dict[str, int]
) -> None:
    session = lms.launch(build_course(COURSE), viewport=viewport)
    frame = session.course_frame
    kb = Keyboard(session.page, frame)
    assert frame.locator("h1").inner_text() == "Who measures CX"
    screen = frame.locator(".cbt-screen")
    # The first appearance of each term on the screen is a button; later ones are text.
    terms = screen.locator("button.cbt-term")
    assert terms.all_inner_texts() == ["OMB", "HISP", "CX", "Net Promoter Score", "promoter"]

    # A term's definition opens in place with Enter, and closes with Escape.
    kb.tab_to("OMB", role="button")
    omb = terms.first
    definition = frame.locator("#" + str(omb.get_attribute("aria-controls")))
    assert omb.get_attribute("aria-expanded") == "false" and definition.is_hidden()
    kb.press("Enter")
    assert omb.get_attribute("aria-expanded") == "true" and definition.is_visible()
    assert definition.inner_text() == (
        "Office of Management and Budget, the office that oversees federal agencies' performance."
    )
    assert focused(frame) == ("button", "OMB")
    # Open, the definition is read right after its term (it follows the button in the DOM).
    assert (
        frame.evaluate(
            "id => document.getElementById(id).previousElementSibling.className",
            omb.get_attribute("aria-controls"),
        )
        == "cbt-term"
    )
    # A definition with a link: the link is reached by Tab once the definition is open.
    kb.tab_to("Net Promoter Score", role="button")
    kb.press("Enter")
    assert describe_violations(axe_violations(frame)) == []
    kb.press("Tab")
    assert focused(frame) == ("link", "the NPS explainer (opens in a new window)")
    kb.tab_to("Net Promoter Score", role="button", backwards=True)
    kb.press("Escape")
    assert terms.nth(3).get_attribute("aria-expanded") == "false"
    kb.tab_to("OMB", role="button", backwards=True)
    kb.press("Enter")
    assert omb.get_attribute("aria-expanded") == "false" and definition.is_hidden()

    # The Glossary button in the banner opens every term, alphabetically, in a dialog.
    button = frame.get_by_role("button", name="Glossary")
    dialog = frame.get_by_role("dialog", name="Glossary")
    assert button.get_attribute("aria-haspopup") == "dialog" and dialog.is_hidden()
    assert frame.locator("header.cbt-header > button").all_inner_texts() == [
        "Glossary",
        "Exit course",
    ]
    kb.tab_to("Glossary", role="button", backwards=True)
    kb.press("Enter")
    assert dialog.is_visible()
    assert focused(frame) == ("button", "Close")  # focus moved into the dialog
    assert dialog.locator("dt").all_inner_texts() == TERMS
    assert dialog.locator("dd").nth(0).inner_text() == (
        "Customer experience, the public's overall satisfaction with an agency."
    )
    assert describe_violations(axe_violations(frame)) == []
    # Modal: the page behind it is inert, so Tab stays among the dialog's own controls.
    kb.press("Tab")
    assert focused(frame) == ("link", "the NPS explainer (opens in a new window)")
    # Escape closes it and gives focus back to the Glossary button.
    kb.press("Escape")
    assert dialog.is_hidden()
    assert focused(frame) == ("button", "Glossary")
    # Close does the same.
    kb.press("Enter")
    assert focused(frame) == ("button", "Close")
    kb.press("Enter")
    assert dialog.is_hidden() and focused(frame) == ("button", "Glossary")


def test_terms_in_a_reveal_panel_and_a_question(lms: Lms, build_course: Any) -> None:
    session = lms.launch(build_course(COURSE), params="cbt_screen=two-offices")
    frame = session.course_frame
    kb = Keyboard(session.page, frame)
    assert frame.locator("h1").inner_text() == "Two offices"
    kb.tab_to("The budget office", role="button")
    kb.press("Enter")
    kb.tab_to("OMB", role="button")
    kb.press("Enter")
    assert frame.locator(".cbt-def:visible").inner_text().startswith("Office of Management")
    assert describe_violations(axe_violations(frame)) == []

    # In a question's prompt (the legend of its options) the term works as well.
    session = lms.launch(build_course(COURSE), params="cbt_screen=check")
    frame = session.course_frame
    kb = Keyboard(session.page, frame)
    legend = frame.locator("legend")
    assert legend.locator("button.cbt-term").all_inner_texts() == ["HISPs"]
    assert frame.locator("label").all_inner_texts() == ["The OMB", "Congress"]  # not marked
    kb.tab_to("HISPs", role="button")
    kb.press("Enter")
    assert legend.locator(".cbt-def").is_visible()
    assert describe_violations(axe_violations(frame)) == []


def test_no_glossary_without_terms(lms: Lms, build_course: Any) -> None:
    minimal = Path(__file__).resolve().parents[1] / "courses" / "minimal"
    session = lms.launch(build_course(minimal))
    frame = session.course_frame
    assert frame.get_by_role("button", name="Glossary").count() == 0
    assert frame.locator(".cbt-term").count() == 0


HOSTILE_TERM = '<img src=x onerror="window.pwned=1">'
HOSTILE_COURSE = f"""\
title: Hostile glossary
chapters:
  - title: C
    screens:
      - type: content
        title: S
        body: 'Before {HOSTILE_TERM} after, and "><script>window.pwned=2</script>.'
glossary:
  {json.dumps(HOSTILE_TERM)}: '"><img src=y onerror="window.pwned=3"> <b>not bold</b>'
  '"><script>window.pwned=2</script>': 'A [link](javascript:window.pwned=4).'
"""


def test_hostile_terms_and_definitions_stay_text_in_the_player(
    lms: Lms, build_course: Any, tmp_path: Path
) -> None:
    (tmp_path / "course.yaml").write_text(HOSTILE_COURSE, encoding="utf-8")
    session = lms.launch(build_course(tmp_path))
    frame = session.course_frame
    kb = Keyboard(session.page, frame)
    terms = frame.locator("button.cbt-term")
    assert terms.all_inner_texts() == [HOSTILE_TERM, '"><script>window.pwned=2</script>']
    kb.tab_to(HOSTILE_TERM, role="button")
    kb.press("Enter")
    kb.tab_to('"><script>window.pwned=2</script>', role="button")
    kb.press("Enter")
    assert frame.locator(".cbt-def").all_inner_texts() == [
        '"><img src=y onerror="window.pwned=3"> <b>not bold</b>',
        "A [link](javascript:window.pwned=4).",
    ]
    kb.tab_to("Glossary", role="button", backwards=True)
    kb.press("Enter")
    assert frame.locator("dialog dt").all_inner_texts() == [
        '"><script>window.pwned=2</script>',
        HOSTILE_TERM,
    ]
    # Nothing author-written became an element: no image, script, bold or link was made.
    assert frame.locator("img, .cbt-screen script, dialog script, b, .cbt-def a").count() == 0
    assert frame.evaluate("window.pwned") is None
