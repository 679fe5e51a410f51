"""The course as the player sees it: plain JSON with Markdown already rendered to safe HTML.

This dict is the contract between the compiler and ``player/``. Keys are camelCase because
JavaScript reads them. Every text that may hold Markdown arrives as ``...Html``; labels that
are plain text arrive as text (the player inserts them with ``textContent``).

The structure hash tags saved learner state (``cmi.suspend_data``): it changes whenever the
*shape* of the course changes (ids, order, number of panels/options/fields, field limits), so
a republished course never misreads an old learner's state, while wording fixes keep it.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
from typing import Any

from . import glossary, markdown
from .course import (
    Chapter,
    ClassifierScreen,
    ContentScreen,
    Course,
    FillIn,
    FinalQuiz,
    KnowledgeCheckScreen,
    Matching,
    MediaScreen,
    Numeric,
    NumericScale,
    PollScreen,
    QuestionScreen,
    RatingScreen,
    ReflectionScreen,
    RevealScreen,
    Section,
    Sequencing,
    TrueFalse,
    decimal_text,
)

FORMAT_VERSION = 1


def reflection_interaction_id(screen_id: str, index: int) -> str:
    return f"{screen_id}__{index + 1}"


def rating_interaction_id(screen_id: str, index: int) -> str:
    """A rating screen reports one interaction per statement, like a reflection's fields."""
    return reflection_interaction_id(screen_id, index)


def rating_responses(screen: RatingScreen) -> list[str]:
    """The one character (SCORM 1.2 likert, RTE 1.2 3.4.4) each point of the scale reports:
    a numeric scale's value in base 36 (NPS 10 -> "a"); a labelled point its position from 1
    (a five-point agreement scale reports 1-5, as Likert data is usually coded)."""
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    if isinstance(screen.scale, NumericScale):
        return [digits[v] for v in range(screen.scale.from_, screen.scale.to + 1)]
    return [digits[i + 1] for i in range(len(screen.scale.root))]


def quiz_interaction_id(quiz_id: str, question_id: str) -> str:
    return f"{quiz_id}__{question_id}"


def _question(question: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": question.id,
        "type": question.type,
        "promptHtml": markdown.render(question.prompt),
        "weight": question.weight,
        "feedbackCorrectHtml": markdown.render(question.feedback.correct or ""),
        "feedbackIncorrectHtml": markdown.render(question.feedback.incorrect or ""),
    }
    if isinstance(question, Numeric | FillIn | Matching | Sequencing):
        # Types in their own player modules (player/questions/): no options to choose from.
        data["options"] = []
        data.update(_typed_question(question))
    elif isinstance(question, TrueFalse):
        data["options"] = [
            {"html": "True", "feedbackHtml": ""},
            {"html": "False", "feedbackHtml": ""},
        ]
        data["correct"] = [0 if question.correct else 1]
    else:
        data["options"] = [
            {
                "html": markdown.render_inline(option.text),
                "feedbackHtml": markdown.render(option.feedback or ""),
            }
            for option in question.options
        ]
        data["correct"] = question.correct_indexes()
    return data


def _typed_question(question: Numeric | FillIn | Matching | Sequencing) -> dict[str, Any]:
    """What player/questions/<type>.js needs: the right answer and the SCORM pattern."""
    if isinstance(question, Numeric):
        low, high = question.bounds()
        return {
            "min": low,
            "max": high,
            "unit": question.unit,
            "pattern": question.pattern(),
            "answerText": question.answer_text(),
            "bounds": [decimal_text(low), decimal_text(high)],
        }
    if isinstance(question, FillIn):
        return {
            "answers": [question.normalize(a) for a in question.correct],
            "caseSensitive": question.case_sensitive,
            "maxLength": question.max_length,
            "pattern": question.correct[0],
        }
    if isinstance(question, Matching):
        # Item i's match is matches[i]; the rest are distractors.
        return {
            "items": [p.item for p in question.pairs],
            "matches": question.matches(),
            "pattern": question.pattern(),
        }
    return {"items": list(question.order), "pattern": question.pattern()}


def _screen(screen: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"id": screen.id, "type": screen.type, "title": screen.title}
    if isinstance(screen, ContentScreen):
        data["html"] = markdown.render(screen.body)
        data["image"] = (
            {
                "src": screen.image.src,
                "alt": "" if screen.image.decorative else screen.image.alt,
                "captionHtml": markdown.render(screen.image.caption or ""),
            }
            if screen.image
            else None
        )
        data["quotesHtml"] = [markdown.render(q) for q in screen.quotes]
        data["columns"] = [
            {"heading": c.heading, "html": markdown.render(c.body)} for c in screen.columns
        ]
    elif isinstance(screen, RevealScreen):
        data["html"] = markdown.render(screen.body)
        data["requireAll"] = screen.require_all
        data["items"] = [
            {"label": item.label, "html": markdown.render(item.body)} for item in screen.items
        ]
    elif isinstance(screen, ClassifierScreen):
        data["html"] = markdown.render(screen.body)
        data["prompt"] = screen.prompt
        data["categories"] = [
            {"label": c.label, "feedbackHtml": markdown.render(c.feedback or "")}
            for c in screen.categories
        ]
        data["correct"] = screen.correct_index()
        data["scored"] = screen.scored
        data["interactionId"] = screen.id
    elif isinstance(screen, PollScreen):
        data["html"] = markdown.render(screen.body)
        data["question"] = screen.question
        data["options"] = list(screen.options)
        data["interactionId"] = screen.id
    elif isinstance(screen, ReflectionScreen):
        data["html"] = markdown.render(screen.body)
        if not screen.keep_answers:  # only when set: other courses keep their payload
            data["keepAnswers"] = False
        data["fields"] = [
            {
                "label": f.label,
                "maxLength": f.max_length,
                "lines": f.lines,
                "required": f.required,
                "interactionId": reflection_interaction_id(screen.id, i),
            }
            for i, f in enumerate(screen.fields)
        ]
    elif isinstance(screen, QuestionScreen):
        data["html"] = markdown.render(screen.body)
        data["question"] = _question(screen.question)
        data["scored"] = screen.scored
        data["interactionId"] = screen.id
    elif isinstance(screen, KnowledgeCheckScreen):
        data["html"] = markdown.render(screen.body)
        data["questions"] = [
            {**_question(q), "interactionId": quiz_interaction_id(screen.id, str(q.id))}
            for q in screen.questions
        ]
        data["retry"] = screen.retry
        data["passRequired"] = screen.pass_required
        data["scored"] = screen.scored
    elif isinstance(screen, RatingScreen):
        numeric = isinstance(screen.scale, NumericScale)
        data["html"] = markdown.render(screen.body)
        data["statements"] = [
            {"text": text, "interactionId": rating_interaction_id(screen.id, i)}
            for i, text in enumerate(screen.statements)
        ]
        data["points"] = screen.points()
        data["responses"] = rating_responses(screen)
        data["numeric"] = numeric
        data["low"], data["high"] = screen.ends()
        data["required"] = screen.required
    elif isinstance(screen, MediaScreen):
        data.update(_media(screen))
    else:  # pragma: no cover - the model's union is closed
        raise TypeError(f"unknown screen type {screen.type!r}")
    return data


_MEDIA_TYPES = {
    ".mp4": "video/mp4",
    ".webm": "video/webm",
    ".mp3": "audio/mpeg",
    ".m4a": "audio/mp4",
    ".ogg": "audio/ogg",
}


def _media(screen: MediaScreen) -> dict[str, Any]:
    """A media screen: its sources in the author's order (the browser plays the first it
    can), poster, caption tracks and transcript. ``lang`` None: the course's language."""
    sources = screen.video or screen.audio
    several = len(screen.captions) > 1
    return {
        "html": markdown.render(screen.body),
        "kind": "video" if screen.video else "audio",
        "sources": [
            {
                "src": posixpath.normpath(src),
                "type": _MEDIA_TYPES[posixpath.splitext(src)[1].lower()],
            }
            for src in sources
        ],
        "poster": posixpath.normpath(screen.poster) if screen.poster else None,
        "tracks": [
            {
                "src": posixpath.normpath(track.src),
                "lang": track.lang,
                "label": track.label or (track.lang if several else "Captions"),
            }
            for track in screen.captions
        ],
        "transcriptHtml": markdown.render(screen.transcript or ""),
    }


def _section_intro(section: Section, k: int) -> dict[str, Any]:
    """A section's opening screen: a content screen headed by the section's title."""
    text = section.intro if isinstance(section.intro, str) else ""
    return {
        "id": section.id,
        "type": "content",
        "title": section.title,
        "html": markdown.render(text),
        "image": None,
        "quotesHtml": [],
        "columns": [],
        "section": k,
        "intro": True,
    }


def _chapter_screens(chapter: Chapter) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The chapter's screens as the learner meets them (sections flattened, each screen of a
    section tagged with its index) and the sections with where they start."""
    screens = [_screen(s) for s in chapter.screens]
    sections: list[dict[str, Any]] = []
    for k, section in enumerate(chapter.sections):
        first = len(screens)
        if section.intro is not False:
            screens.append(_section_intro(section, k))
        for screen in section.screens:
            screens.append({**_screen(screen), "section": k})
        sections.append(
            {
                "id": section.id,
                "title": section.title,
                "first": first,
                "count": len(screens) - first,
            }
        )
    return screens, sections


def _chapter(chapter: Chapter) -> dict[str, Any]:
    completion = chapter.completion
    screens, sections = _chapter_screens(chapter)
    data: dict[str, Any] = {"id": chapter.id, "title": chapter.title, "screens": screens}
    if sections:
        data["sections"] = sections
    data["completion"] = (
        None
        if completion is False
        else {
            "title": (completion.title if completion and completion.title else None)
            or f"{chapter.title}: Complete Chapter",
            "html": markdown.render(completion.body)
            if completion
            else markdown.render(
                f"This completes the {chapter.title} chapter. "
                "Select **Complete Chapter** to mark it complete."
            ),
            "afterHtml": markdown.render(completion.after or "") if completion else "",
        }
    )
    return data


def _quiz(quiz: FinalQuiz) -> dict[str, Any]:
    return {
        "id": quiz.id,
        "title": quiz.title,
        "html": markdown.render(quiz.body),
        "masteryScore": quiz.mastery_score,
        "attempts": None if quiz.attempts == "unlimited" else quiz.attempts,
        "shuffleQuestions": quiz.shuffle_questions,
        "shuffleOptions": quiz.shuffle_options,
        "showAnswers": quiz.show_answers,
        "passHtml": markdown.render(quiz.pass_message),
        "failHtml": markdown.render(quiz.fail_message),
        "questions": [
            {
                **_question(q),
                "interactionId": quiz_interaction_id(quiz.id, str(q.id)),
                **({"pool": path[1]} if path[0] == "pools" else {}),
            }
            for path, q in quiz.all_questions()
        ],
        **({"pools": _pools(quiz)} if quiz.pools else {}),
    }


def _pools(quiz: FinalQuiz) -> list[dict[str, Any]]:
    """Where each pool's questions sit in the quiz's question list, and how many to draw."""
    first = len(quiz.questions)
    pools = []
    for pool in quiz.pools:
        pools.append(
            {"id": pool.id, "draw": pool.draw, "first": first, "count": len(pool.questions)}
        )
        first += len(pool.questions)
    return pools


def structure(course: Course) -> list[Any]:
    """The shape of the course that saved learner state depends on (see module docstring)."""

    def screen_shape(screen: Any) -> list[Any]:
        shape: list[Any] = [screen.id, screen.type]
        if isinstance(screen, RevealScreen):
            shape.append(len(screen.items))
        elif isinstance(screen, ClassifierScreen):
            shape.append(len(screen.categories))
        elif isinstance(screen, PollScreen):
            shape.append(len(screen.options))
        elif isinstance(screen, ReflectionScreen):
            shape.append([f.max_length for f in screen.fields])
            if not screen.keep_answers:  # its texts are not in the saved state
                shape.append("not-kept")
        elif isinstance(screen, RatingScreen):
            shape.append([len(screen.statements), len(screen.points())])
        elif isinstance(screen, QuestionScreen):
            shape.append(question_shape(screen.question))
        elif isinstance(screen, KnowledgeCheckScreen):
            shape.append([question_shape(q) for q in screen.questions])
        return shape

    def question_shape(question: Any) -> list[Any]:
        if isinstance(question, FillIn):
            return [question.id, question.type, question.max_length]
        if isinstance(question, Matching):
            return [question.id, question.type, len(question.pairs), len(question.matches())]
        if isinstance(question, Sequencing):
            return [question.id, question.type, len(question.order)]
        return [question.id, question.type, len(getattr(question, "options", [])) or 2]

    def quiz_shape(quiz: FinalQuiz) -> list[Any]:
        shape: list[Any] = [quiz.id, [question_shape(q) for q in quiz.questions]]
        if quiz.pools:  # appended only when present: quizzes without pools keep their hash
            shape.append(
                [[p.id, p.draw, [question_shape(q) for q in p.questions]] for p in quiz.pools]
            )
        return shape

    def chapter_shape(chapter: Chapter) -> list[Any]:
        shape: list[Any] = [chapter.id, [screen_shape(s) for s in chapter.screens]]
        # Only what sections and a missing closing screen add, so that courses without
        # them keep their hash (and their learners' saved progress).
        if chapter.sections:
            shape.append(
                [
                    [sec.id, sec.intro is not False, [screen_shape(s) for s in sec.screens]]
                    for sec in chapter.sections
                ]
            )
        if chapter.completion is False:
            shape.append("no-completion")
        return shape

    return [
        FORMAT_VERSION,
        course.id,
        [chapter_shape(c) for c in course.chapters],
        quiz_shape(course.final_quiz) if course.final_quiz else None,
        chapter_shape(course.evaluation) if course.evaluation else None,
        *(["certificate"] if course.certificate else []),
    ]


def structure_hash(course: Course) -> str:
    """Eight hex digits identifying the course's shape."""
    canonical = json.dumps(structure(course), separators=(",", ":"), sort_keys=True)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:8]


def course_data(course: Course) -> dict[str, Any]:
    """The full player payload for ``course``."""
    data = _course_data(course)
    if course.glossary:
        glossary.mark_payload(data, course)
    return data


def _course_data(course: Course) -> dict[str, Any]:
    return {
        "format": FORMAT_VERSION,
        "id": course.id,
        "title": course.title,
        "language": course.language,
        "version": course.version,
        "navigation": course.navigation,
        "letteredOptions": course.lettered_options,
        "structureHash": structure_hash(course),
        "masteryScore": course.mastery_score,
        "chapters": [_chapter(c) for c in course.chapters],
        "quiz": _quiz(course.final_quiz) if course.final_quiz else None,
        "evaluation": _chapter(course.evaluation) if course.evaluation else None,
        **({"certificate": _certificate(course)} if course.certificate else {}),
        # Only when there are some: a course without documents keeps its payload as it was.
        **({"resources": resources(course)} if course.attachments() else {}),
        **({"glossary": glossary.entries(course)} if course.glossary else {}),
    }


def _certificate(course: Course) -> dict[str, Any]:
    cert = course.certificate
    assert cert is not None
    return {
        "title": cert.title,
        "credit": cert.credit,
        "issuer": cert.issuer,
        "signers": list(cert.signers),
        "earnedOn": cert.earned_on,
        "html": markdown.render(cert.body),
    }


_KINDS = {
    ".pdf": "PDF",
    ".docx": "Word document",
    ".xlsx": "Excel workbook",
    ".pptx": "PowerPoint slides",
    ".odt": "OpenDocument text",
    ".ods": "OpenDocument spreadsheet",
    ".odp": "OpenDocument slides",
    ".txt": "text file",
    ".csv": "CSV table",
    ".md": "page",
}


def resources(course: Course) -> list[dict[str, str]]:
    """The handouts and resources, for the player's Resources list: title, href, kind."""
    items = []
    for _, _, attachment in course.attachments():
        path = posixpath.normpath(attachment.file)
        items.append(
            {
                "title": attachment.title,
                "href": markdown.attachment_href(path),
                "kind": _KINDS.get(posixpath.splitext(path)[1].lower(), "file"),
            }
        )
    return items


def to_json(data: dict[str, Any]) -> str:
    """Compact, deterministic JSON that is safe inside an HTML ``<script>`` element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    # Inside <script>, "</script" ends the element and "<!--" followed by "<script" makes the
    # HTML parser swallow the rest of the page (the player with it): with no "<" at all the
    # parser cannot leave the script's text. ">" and "&" are escaped too, so no text changes
    # how any HTML or XML parser reads the page; U+2028/9 break older JS parsers. All are
    # JSON escapes, so JSON.parse returns the same strings.
    return text.translate(_SCRIPT_SAFE)


_SCRIPT_SAFE = {
    ord("<"): "\\u003c",
    ord(">"): "\\u003e",
    ord("&"): "\\u0026",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}
