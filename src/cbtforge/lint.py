"""Accessibility lint: what only the author can fix, reported as warnings.

The player makes every screen accessible by construction (native controls, focus, live
region, contrast, reflow); the words and pictures are the author's. These rules read the
loaded course and return :class:`~cbtforge.errors.Problem` warnings located as
``file:line:col``, which ``cbtforge build`` and ``cbtforge validate`` print; a warning never
stops a build.

* a link without text, or whose whole text is "click here", "here", "read more", "more",
  "link" ... (WCAG 2.4.4: a link says where it goes);
* a heading level skipped: a body's headings start at ``#`` (rendered as h2 under the
  screen's h1 title) and go down one level at a time (WCAG 1.3.1);
* an empty heading;
* an image whose alt text is a file name or a word like "image" (WCAG 1.1.1);
* a table whose header row is empty (WCAG 1.3.1).

And what builds but does not do what the author meant:

* a link or image whose address uses a refused scheme (``javascript:`` ...): the renderer
  drops it, so learners see the Markdown as text;
* raw HTML, which is shown as text (never run);
* titles that derive the same id, so that ids depend on the screens' order (resume breaks
  when they move);
* ``scored: true`` in a course without a final quiz, where it never counts;
* a media screen with ``no_speech: true`` and no ``transcript``: a silent video or music
  that carries information still needs it described in text (WCAG 1.2.1).

Facilitator notes are never shown to learners and are not linted.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

from . import markdown
from .course import Image, MediaScreen, iter_ids
from .errors import Problem, Severity, sort_problems
from .ids import slugify
from .loader import LoadedCourse, _walk_model

ModelPath = tuple[str | int, ...]

VAGUE_LINK_TEXTS = frozenset(
    {"click here", "here", "read more", "more", "link", "this link", "click", "learn more"}
)
GENERIC_ALT_TEXTS = frozenset(
    {"image", "picture", "photo", "photograph", "graphic", "img", "icon", "screenshot"}
)
_FILE_NAME = re.compile(r"^[\w.\- ]+\.(png|jpe?g|gif|svg|webp|avif|bmp|tiff?)$", re.IGNORECASE)


@dataclass
class Finding:
    """A rule's verdict, in the text's own terms: the 0-based lines [start, end) of the block
    it is about and, to place the column, a regular expression for the source text there."""

    start: int
    end: int
    pattern: str | None
    message: str


@dataclass
class Text:
    """One Markdown text of the course, parsed as the compiler renders it."""

    path: ModelPath
    source: str
    tokens: list[Token]
    inline: bool  # rendered with render_inline: no headings, no tables
    heading_base: int  # the author level the text sits under (0: the screen's h1)

    @cached_property
    def lines(self) -> list[str]:
        """The source's lines, split once for all its findings."""
        return self.source.splitlines()


Rule = Callable[[Text], Iterator[Finding]]


def lint(loaded: LoadedCourse) -> list[Problem]:
    """Every accessibility warning for ``loaded``, sorted by file and position."""
    problems: list[Problem] = []
    for path, value in _walk_model(loaded.course, ()):
        if "notes" in path:
            continue  # facilitator notes: never shown to learners
        if isinstance(value, Image):
            if not value.decorative:
                message = alt_text_problem(value.alt, value.src, markdown_image=False)
                if message:
                    problems.append(_warning(loaded.locate((*path, "alt")), message))
        elif isinstance(value, str) and _MAY_MATTER.search(value):
            text = _parse(path, value)
            for rule in RULES:
                for finding in rule(text):
                    problems.append(_warning(_position(loaded, text, finding), finding.message))
    problems += order_dependent_ids(loaded) + scored_without_quiz(loaded)
    problems += silent_media_without_text(loaded)
    return sort_problems(problems)


# --- rules ---------------------------------------------------------------------------------


def link_text(text: Text) -> Iterator[Finding]:
    """Links with no text, or text that does not say where they go (WCAG 2.4.4)."""
    for block, children in _inlines(text):
        for i, child, lines in _from_line(block, children):
            if child.type != "link_open":
                continue
            label = _label(children, i + 1)
            href = str(child.attrGet("href") or "")
            words = " ".join(label.split())
            if not words:
                yield Finding(
                    *lines,
                    _link_pattern(href),
                    f"link to '{href}' has no text, so screen readers announce only 'link': "
                    f"write [where it leads]({href})",
                )
            elif words.strip(" .,:;!?…'\"()").lower() in VAGUE_LINK_TEXTS:
                yield Finding(
                    *lines,
                    _link_pattern(href),
                    f"link text '{words}' does not say where the link leads; name the "
                    "destination instead, e.g. [the travel policy](...)",
                )


def headings(text: Text) -> Iterator[Finding]:
    """A heading level skipped, or a heading without text (WCAG 1.3.1)."""
    if text.inline:
        return
    previous = text.heading_base
    for i, token in enumerate(text.tokens):
        if token.type != "heading_open":
            continue
        level = int(token.tag[1])
        lines = _lines(token)
        marks = "#" * level
        if not text.tokens[i + 1].content.strip():
            yield Finding(*lines, _ATX, "heading has no text: write the heading, or remove the '#'")
        if level > previous + 1:
            wanted = "#" * (previous + 1)
            if previous == text.heading_base:
                what = "the screen's title" if previous == 0 else "the column's heading"
                yield Finding(
                    *lines,
                    _ATX,
                    f"heading level skipped: the first heading is '{marks}', which comes right "
                    f"under {what}; use '{wanted}'",
                )
            else:
                yield Finding(
                    *lines,
                    _ATX,
                    f"heading level skipped: '{marks}' follows '{'#' * previous}'; use '{wanted}'",
                )
        previous = level


def image_alt(text: Text) -> Iterator[Finding]:
    """Markdown images whose alt text is a file name or says nothing (WCAG 1.1.1)."""
    for block, children in _inlines(text):
        for _, child, lines in _from_line(block, children):
            if child.type == "image":
                message = alt_text_problem(
                    child.content, str(child.attrGet("src") or ""), markdown_image=True
                )
                if message:
                    yield Finding(*lines, r"!\[" + re.escape(child.content), message)


def table_headers(text: Text) -> Iterator[Finding]:
    """Tables whose header row is empty: the columns have no names (WCAG 1.3.1)."""
    if text.inline:
        return
    for i, token in enumerate(text.tokens):
        if token.type != "thead_open":
            continue
        cells = []
        for j in range(i + 1, len(text.tokens)):
            inner = text.tokens[j]
            if inner.type == "thead_close":
                break
            if inner.type == "inline":
                cells.append(inner.content.strip())
        if not any(cells):
            yield Finding(
                *_lines(token), None, "table has an empty header row: give each column a heading"
            )


def refused_addresses(text: Text) -> Iterator[Finding]:
    """Links and images whose address the renderer refuses (``javascript:``, ``vbscript:``,
    ``file:``, ``data:`` but images): it drops them, and learners see the Markdown."""
    if not _SCHEME.search(text.source):
        return
    strict = markdown._parser()
    everything = Text(text.path, text.source, _permissive(text.source), text.inline, 0)
    for lines, children in _inlines(everything):
        for child in children:
            if child.type not in ("link_open", "image"):
                continue
            address = str(child.attrGet("href" if child.type == "link_open" else "src") or "")
            if strict.validateLink(address):
                continue
            scheme = address.split(":", 1)[0].lower() + ":"
            shown = address if len(address) <= 40 else address[:37] + "..."
            if child.type == "link_open":
                what, fix = "link", "link to a web page (https://...) or a file of the course"
            else:
                what, fix = "image", "use an image file of the course (assets/...)"
            yield Finding(
                *lines,
                r"(?i)!?\[[^\]]*\]\(\s*<?" + re.escape(scheme),
                f"{what} '{shown}' is refused: '{scheme}' addresses are not allowed, so "
                f"learners would see the Markdown as text; {fix}",
            )


def raw_html(text: Text) -> Iterator[Finding]:
    """Raw HTML in Markdown: rendered as text, so learners see the tags."""
    if not _TAG.search(text.source):
        return
    for token in _permissive(text.source):
        tags = [token] if token.type == "html_block" else []
        tags += [c for c in token.children or [] if c.type == "html_inline"]
        for tag in tags:
            if tag.content.startswith("</") and tag.type == "html_inline":
                continue  # the closing half of a pair already reported
            shown = tag.content.strip().split("\n")[0]
            shown = shown if len(shown) <= 30 else shown[:27] + "..."
            yield Finding(
                *_lines(token),
                re.escape(shown[:27]),
                f"raw HTML '{shown}' is shown to learners as text, not as formatting; "
                "use Markdown instead (**bold**, *italic*, lists, [links](https://...))",
            )


RULES: tuple[Rule, ...] = (
    link_text,
    headings,
    image_alt,
    table_headers,
    refused_addresses,
    raw_html,
)


# --- course-wide rules ----------------------------------------------------------------------


def order_dependent_ids(loaded: LoadedCourse) -> list[Problem]:
    """Chapters and screens whose titles derive the same id: the ids get ``-2``, ``-3`` in
    reading order, so moving one renames the others, and the LMS's saved place (and the
    learner's answers, keyed by screen) then point at another screen."""
    problems: list[Problem] = []
    first: dict[tuple[str, str], tuple[str, int, int]] = {}
    for path, obj, title in iter_ids(loaded.course):
        kind = _kind_of(path)
        if kind is None or loaded.locate((*path, "id"))[1:] != loaded.locate(path)[1:]:
            continue  # not a chapter or screen, or an explicit id (the author chose it)
        where = loaded.locate((*path, "title"))
        key = (kind, slugify(title))
        if key not in first:
            first[key] = where
            continue
        name, line, col = first[key]
        message = (
            f"{kind} title {title!r} gives the same id as the {kind} at {name}:{line}:{col}, "
            f"so this one becomes {obj.id!r}: moving either {kind} would change the ids and "
            f"break learners' saved progress; give each of them an explicit 'id'"
        )
        problems.append(_warning(where, message))
    return problems


def scored_without_quiz(loaded: LoadedCourse) -> list[Problem]:
    """``scored: true`` counts only toward the final quiz's score: without one, it does
    nothing, and the author believes the screen is graded."""
    if loaded.course.final_quiz is not None:
        return []
    return [
        _warning(
            loaded.locate((*path, "scored")),
            "scored: true has no effect: the course has no final quiz, and scored screens "
            "count only in the final quiz's score; add a final_quiz, or remove 'scored'",
        )
        for path, screen, _title in iter_ids(loaded.course)
        if _kind_of(path) == "screen" and getattr(screen, "scored", False) is True
    ]


def silent_media_without_text(loaded: LoadedCourse) -> list[Problem]:
    """``no_speech: true`` spares captions, not a text alternative: a video without speech
    (a demonstration) or audio without speech (a sound) that carries information must be
    described in text (WCAG 1.2.1). The build cannot tell decoration from information."""
    return [
        _warning(
            loaded.locate((*path, "no_speech")),
            f"{'video' if screen.video else 'audio'} without speech and without a "
            "'transcript': if it shows or sounds anything learners need, describe that in "
            "'transcript:' (WCAG 1.2.1); leave it out only for decoration",
        )
        for path, screen, _title in iter_ids(loaded.course)
        if isinstance(screen, MediaScreen) and screen.no_speech and not screen.transcript
    ]


def _kind_of(path: ModelPath) -> str | None:
    if path[-2:-1] == ("screens",):
        return "screen"
    if len(path) == 2 and path[0] == "chapters":
        return "chapter"
    return None


def alt_text_problem(alt: str, src: str, *, markdown_image: bool) -> str | None:
    """Why ``alt`` does not describe an image, or None."""
    words = " ".join(alt.split())
    if not words:
        return None  # the loader refuses a missing alt text already
    fix = (
        "describe what the image shows"
        if markdown_image
        else "describe what the image shows, or set decorative: true if it carries no information"
    )
    if _FILE_NAME.match(words) or words == posixpath.basename(src.split("?")[0]):
        return f"image alt text '{words}' is a file name; {fix}"
    if words.strip(" .").lower() in GENERIC_ALT_TEXTS:
        return f"image alt text '{words}' says only that there is an image; {fix}"
    return None


# --- Markdown -------------------------------------------------------------------------------


def _parse(path: ModelPath, source: str) -> Text:
    # Option texts are rendered inline (coursedata); the other texts as blocks. A column's
    # body sits under the column's own h2 heading.
    inline = len(path) >= 3 and path[-3] == "options" and path[-1] == "text"
    base = 1 if len(path) >= 3 and path[-3] == "columns" and path[-1] == "body" else 0
    # The renderer's own parser (same extensions), so the lint sees what learners get.
    return Text(path, source, markdown._parser().parse(source), inline, base)


# Only texts with a link or image ("["), a heading ("#" or a setext underline), a table
# ("|") or raw HTML ("<") can draw a warning: the others are not parsed at all (most texts
# of a course).
_MAY_MATTER = re.compile(r"[\[#|<]|^ {0,3}(=+|-+)[ \t]*$", re.MULTILINE)
_ATX = r"^ {0,3}#"  # an ATX heading's first '#' (a setext heading is placed at its line)
_SCHEME = re.compile(r"(?i)(javascript|vbscript|file|data):")  # what validateLink refuses
_TAG = re.compile(r"<[A-Za-z/!?]")


@lru_cache(maxsize=1)
def _permissive_parser() -> MarkdownIt:
    """The renderer's Markdown, but keeping raw HTML and every address: to find what the
    renderer drops or shows as text."""
    md = MarkdownIt("commonmark", {"html": True, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


def _permissive(source: str) -> list[Token]:
    return _permissive_parser().parse(source)


def _link_pattern(href: str) -> str:
    """``[any text](href``: finds an inline link by its address, whatever its text's markup
    (a reference link is placed at its block)."""
    return r"\[[^\]]*\]\(\s*<?" + re.escape(href)


def _lines(token: Token) -> tuple[int, int]:
    return (token.map[0], token.map[1]) if token.map else (0, 1)


def _inlines(text: Text) -> Iterator[tuple[tuple[int, int], list[Token]]]:
    """Each inline token's children with the lines of its block."""
    for token in text.tokens:
        if token.type == "inline" and token.children:
            yield _lines(token), token.children


def _from_line(
    lines: tuple[int, int], children: list[Token]
) -> Iterator[tuple[int, int, tuple[int, int]]]:
    """Each child with its index and the lines from the one it starts on (line breaks
    counted) to the block's end: a paragraph of 20,000 lines is then not searched from its
    top for each of its links."""
    start, end = lines
    for i, child in enumerate(children):
        yield i, child, (min(start, end - 1), end)
        if child.type in ("softbreak", "hardbreak"):
            start += 1


def _label(children: list[Token], start: int) -> str:
    """The text of a link from the token after its link_open to its link_close."""
    parts = []
    depth = 0
    # By index, not children[start:]: a slice copies the rest of the list at every link,
    # quadratic in a body with thousands of links.
    for j in range(start, len(children)):
        child = children[j]
        if child.type == "link_open":
            depth += 1
        elif child.type == "link_close":
            if depth == 0:
                break
            depth -= 1
        elif child.type in ("text", "code_inline", "image"):
            parts.append(child.content)  # an image's content is its alt text
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)


# --- positions ------------------------------------------------------------------------------


def _position(loaded: LoadedCourse, text: Text, finding: Finding) -> tuple[str, int, int]:
    """``file:line:col`` of a finding: the needle's column where the text's lines are the
    file's (``|`` blocks), else the start of the text (what locate_text_line can give)."""
    lines = text.lines
    line, column = finding.start, None
    for n in range(finding.start, min(finding.end, len(lines))):
        found = re.search(finding.pattern, lines[n]) if finding.pattern else None
        if found:
            line, column = n, found.start()
            break
    where = loaded.locate_text_line(text.path, line)
    if column is None or where == loaded.locate(text.path):
        return where
    indent = len(lines[line]) - len(lines[line].lstrip(" "))
    name, file_line, col = where
    return name, file_line, col - indent + column


def _warning(where: tuple[str, int, int], message: str) -> Problem:
    name, line, col = where
    return Problem(name, line, col, message, severity=Severity.WARNING)
