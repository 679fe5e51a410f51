"""The participant guide (``cbtforge print``): what learners see, on paper.

Every screen in order with all reveals open, classifiers, polls and questions with their
options, reflections with lines to write on, the final quiz and the evaluation, then the
handouts and resources; Markdown ones are printed in full (an appendix), others are listed.
Facilitator notes never appear. ``answers=True`` makes the SME review copy: the right
answers marked and every feedback printed.
"""

from __future__ import annotations

import posixpath
from typing import Any

from ..course import Attachment
from ..loader import LoadedCourse
from . import render


def participant_html(loaded: LoadedCourse, *, answers: bool = False) -> str:
    course = loaded.course
    documents: list[tuple[Attachment, str | None]] = []
    for _, _, attachment in course.attachments():
        text = None
        if attachment.file.lower().endswith(".md"):
            # The bytes the loader read (without following links) and checked as UTF-8.
            data = loaded.attachment_data[posixpath.normpath(attachment.file)]
            assert isinstance(data, bytes)  # Markdown is always read whole
            text = data.decode("utf-8")
        documents.append((attachment, text))
    context: dict[str, Any] = {"answers": answers, "documents": documents}
    return render.render("participant.html.j2", course, loaded.root, **context)
