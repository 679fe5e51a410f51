"""The player's Resources entry: handouts and reference documents, from the keyboard.

The course is built by the real compiler and launched in the scorm-again harness. Only keys
move focus and open things; axe-core checks the frame with the list open; each link opens
its file (the Markdown handout as its page, the PDF as itself) in a new window, never in the
LMS frame.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .a11y import Keyboard, axe_violations, describe_violations, focused
from .lms import Lms

pytestmark = pytest.mark.browser

COURSE = Path(__file__).resolve().parents[1] / "courses" / "handouts"


def test_resources_open_from_the_keyboard_and_pass_axe(lms: Lms, build_course: Any) -> None:
    session = lms.launch(build_course(COURSE))
    frame = session.course_frame
    kb = Keyboard(session.page, frame)
    button = frame.get_by_role("button", name="Resources")
    assert button.get_attribute("aria-expanded") == "false"
    assert frame.locator("#cbt-resources").is_hidden()

    kb.tab_to("Resources", role="button")
    kb.press("Enter")
    assert button.get_attribute("aria-expanded") == "true"
    links = frame.locator("#cbt-resources").get_by_role("link")
    # What a screen reader says: title, kind, and that a new window opens.
    names = links.evaluate_all("els => els.map(e => e.textContent)")
    assert names == [
        "Handout 1: Checklist (page) (opens in a new window)",
        "Handout 2: Phone log (PDF) (opens in a new window)",
        "Appendix A: Further reading (page) (opens in a new window)",
    ]
    assert [links.nth(i).get_attribute("target") for i in range(3)] == ["_blank"] * 3
    assert describe_violations(axe_violations(frame)) == []

    # Enter on a link opens the document in a new window; the course stays where it was.
    kb.tab_to("Handout 1: Checklist (page) (opens in a new window)", role="link")
    with session.page.context.expect_page() as opened:
        kb.press("Enter")
    handout = opened.value
    handout.wait_for_load_state()
    assert handout.url.endswith("/handouts/checklist.html")
    assert handout.locator("h1").inner_text() == "Handout 1: Checklist"
    assert handout.get_by_role("listitem").all_inner_texts() == [
        "Who are your customers?",
        "When do you serve them?",
    ]
    handout.close()
    assert frame.locator("h1").inner_text() == "Welcome"

    pdf = frame.get_by_role("link", name="Handout 2: Phone log (PDF) (opens in a new window)")
    assert pdf.get_attribute("target") == "_blank"
    response = session.page.request.get(
        frame.evaluate("(href) => new URL(href, location.href).href", pdf.get_attribute("href"))
    )
    assert response.ok and response.body().startswith(b"%PDF-")

    # Escape inside the list closes it and gives focus back to its button.
    kb.press("Escape")
    assert button.get_attribute("aria-expanded") == "false"
    assert focused(frame) == ("button", "Resources")


def test_no_resources_button_without_documents(lms: Lms, build_course: Any) -> None:
    minimal = Path(__file__).resolve().parents[1] / "courses" / "minimal"
    session = lms.launch(build_course(minimal))
    assert session.course_frame.get_by_role("button", name="Resources").count() == 0
