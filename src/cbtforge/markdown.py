"""The one place author text becomes HTML.

CommonMark via markdown-it-py with raw HTML disabled: a ``<script>`` typed into a course is
shown as text, never run. markdown-it's link validation already drops ``javascript:``,
``vbscript:``, ``file:`` and non-image ``data:`` URLs. On top of that:

* headings are shifted down one level, because the screen title is the page's only ``h1``
  (WCAG 1.3.1; one ``h1`` per screen);
* links to other sites open in a new window and say so to screen readers (WCAG 3.2.5),
  since following them inside the LMS frame would lose the course.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

NEW_WINDOW_NOTE = '<span class="cbt-sr-only"> (opens in a new window)</span>'


@dataclass
class Reference:
    """A link or image found in author Markdown, for the loader and the linter to check."""

    kind: str  # "link" or "image"
    target: str
    text: str
    line: int  # 0-based line within the Markdown text


@dataclass
class Outline:
    """What the linter needs to know about one Markdown text."""

    references: list[Reference] = field(default_factory=list)
    headings: list[tuple[int, int]] = field(default_factory=list)  # (level as written, line)


def is_external(target: str) -> bool:
    lowered = target.strip().lower()
    return lowered.startswith(("http://", "https://", "mailto:", "tel:", "//"))


def is_local_file(target: str) -> bool:
    """A link to a file of the course folder (not a web address, an anchor or a scheme).

    A one-letter "scheme" is a Windows drive (``C:``): local, so the loader explains it."""
    target = target.strip()
    return bool(
        target
        and not is_external(target)
        and not target.startswith(("#", "?"))
        and not re.match(r"^[A-Za-z][A-Za-z0-9+.-]+:", target)
    )


def attachment_href(rel: str) -> str:
    """Where a course document is in the package: Markdown becomes an HTML page beside it."""
    path, sep, rest = _split(rel)
    if path.lower().endswith(".md"):
        path = path[:-3] + ".html"
    return path + sep + rest


def _split(href: str) -> tuple[str, str, str]:
    match = re.search(r"[#?]", href)
    if not match:
        return href, "", ""
    return href[: match.start()], href[match.start()], href[match.start() + 1 :]


def _render_heading_open(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    token = tokens[idx]
    level = min(int(token.tag[1]) + 1, 6)
    token.tag = f"h{level}"
    return self.renderToken(tokens, idx, options, env)


def _render_heading_close(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    token = tokens[idx]
    level = min(int(token.tag[1]) + 1, 6)
    token.tag = f"h{level}"
    return self.renderToken(tokens, idx, options, env)


def _render_link_open(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    token = tokens[idx]
    href = str(token.attrGet("href") or "")
    local = is_local_file(href)
    if local:
        # A document of the course (a handout): Markdown ones are packaged as pages.
        token.attrSet("href", attachment_href(href))
    if local or (is_external(href) and not href.lower().startswith(("mailto:", "tel:"))):
        # Opened inside the LMS frame, a document or another site would replace the course.
        token.attrSet("target", "_blank")
        token.attrSet("rel", "noopener noreferrer")
        token.meta["external"] = True
    return self.renderToken(tokens, idx, options, env)


def _render_link_close(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    # Find the matching opener to know whether this link leaves the course.
    depth = 0
    for j in range(idx - 1, -1, -1):
        if tokens[j].type == "link_close":
            depth += 1
        elif tokens[j].type == "link_open":
            if depth == 0:
                if tokens[j].meta.get("external"):
                    return NEW_WINDOW_NOTE + "</a>"
                break
            depth -= 1
    return "</a>"


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.add_render_rule("heading_open", _render_heading_open)
    md.add_render_rule("heading_close", _render_heading_close)
    md.add_render_rule("link_open", _render_link_open)
    md.add_render_rule("link_close", _render_link_close)
    return md


def render(text: str) -> str:
    """Block Markdown -> safe HTML (paragraphs, lists, headings from h2 down)."""
    if not text or not text.strip():
        return ""
    return _parser().render(text).strip()


def render_inline(text: str) -> str:
    """Inline Markdown (emphasis, links, code) -> safe HTML, without a wrapping paragraph."""
    if not text:
        return ""
    return _parser().renderInline(text).strip()


def is_one_paragraph(text: str) -> bool:
    """Whether ``text`` renders as a single paragraph (inline Markdown only)."""
    kinds = [token.type for token in _parser().parse(text)]
    return kinds == ["paragraph_open", "inline", "paragraph_close"]


def outline(text: str) -> Outline:
    """Links, images and headings of a Markdown text, with their lines."""
    result = Outline()
    if not text:
        return result
    for token in _parser().parse(text):
        line = token.map[0] if token.map else 0
        if token.type == "heading_open":
            result.headings.append((int(token.tag[1]), line))
        for child in token.children or []:
            if child.type == "image":
                result.references.append(
                    Reference("image", str(child.attrGet("src") or ""), child.content, line)
                )
        children = token.children or []
        for i, child in enumerate(children):
            if child.type != "link_open":
                continue
            label_parts = []
            for j in range(i + 1, len(children)):  # no slice: it would copy per link
                nxt = children[j]
                if nxt.type == "link_close":
                    break
                label_parts.append(nxt.content)
            result.references.append(
                Reference("link", str(child.attrGet("href") or ""), "".join(label_parts), line)
            )
    return result
