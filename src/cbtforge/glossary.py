"""Glossary terms in screen text: each one's first appearance on a screen opens its definition.

The compiler marks terms in the HTML that :mod:`cbtforge.markdown` rendered (so in safe,
well-formed HTML), reading it with the standard library's HTML parser rather than searching
the markup: a term is found only in text, never in a tag or an attribute, and every piece of
text is escaped again on the way out, so a term or a definition holding ``<script>`` or
``"><img onerror=...>`` stays text. A marked term becomes a disclosure that works by keyboard
and screen reader (``player/screens/glossary.js`` toggles it)::

    <button type="button" class="cbt-term" aria-expanded="false"
      aria-controls="cbt-def-3">OMB</button><span class="cbt-def" id="cbt-def-3" hidden>
      Office of Management and Budget.</span>

The rules, so that marks help rather than clutter:

* whole words only ("CX" not in "CXO"), a plural "s" included ("HISPs" for "HISP");
* acronyms, terms with a capital after the first letter of a word (OMB, HISPs, eGov),
  match only as written; other terms in any case ("customer experience" for "Customer experience");
* the longest term wins where terms overlap ("Net Promoter Score" before "Promoter");
* only a term's first appearance on a screen; text shown only after an action (feedback, a
  reveal's panel) counts for itself and not for the rest of the screen;
* never inside links, buttons, code, headings, table headers (the player names a table by
  them) or an existing term; never in answer options (they are labels of inputs) nor in the
  final quiz, where a definition could give an answer away (the Glossary list stays open to
  everyone, as a reference is in an open-book test).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html import escape
from html.parser import HTMLParser
from typing import Any

from . import markdown

# Text inside these is never marked (see the module docstring).
SKIPPED_TAGS = frozenset(
    {"a", "button", "code", "pre", "kbd", "samp", "th", "label", "textarea", "select"}
    | {"option", "script", "style", "h1", "h2", "h3", "h4", "h5", "h6"}
)
VOID_TAGS = frozenset({"br", "hr", "img", "input", "wbr", "col", "area", "source"})
DEFINITION_CLASS = "cbt-def"

# Player payload keys holding always-visible HTML of a screen; any other "...Html" key
# (feedback, the text after completion, a reveal's panel) is shown only after an action.
_VISIBLE_KEYS = frozenset({"html", "promptHtml", "captionHtml", "quotesHtml"})
# Lists whose items each appear only after an action of their own (a reveal's panels).
_BRANCH_LISTS = frozenset({"items"})
# Lists whose items' "html" labels an input (answer options): never marked.
_LABEL_LISTS = frozenset({"options"})


def is_acronym(term: str) -> bool:
    """A term with a capital letter after the first letter of a word (OMB, HISPs, eGov)."""
    return any(ch.isupper() for word in term.split() for ch in word[1:])


def _pattern(term: str) -> str:
    # Any run of spaces in the term matches any whitespace (a soft line break in Markdown).
    body = r"\s+".join(re.escape(word) for word in term.split())
    plural = "s?" if term[-1].isalpha() else ""
    return body + plural if is_acronym(term) else f"(?i:{body}{plural})"


class Glossary:
    """A course's glossary, ready to mark HTML: one search for every term, longest first."""

    def __init__(self, entries: Iterable[tuple[str, str]]) -> None:
        self.terms: list[str] = []
        self.definitions: list[str] = []
        for term, definition in sorted(entries, key=lambda e: (-len(e[0]), e[0])):
            self.terms.append(term)
            # One paragraph (the loader checks it): its inline HTML fits inside a sentence.
            self.definitions.append(markdown.render_inline(definition))
        alternatives = "|".join(f"({_pattern(t)})" for t in self.terms)
        # Whole words: no letter, digit or '_' on either side (Unicode-aware).
        self.search = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)") if self.terms else None
        self.count = 0  # marks made so far: each definition's id is unique in the course

    def mark(self, html: str, seen: set[int]) -> str:
        """``html`` with the terms not in ``seen`` marked at their first appearance;
        ``seen`` (term indexes) is updated."""
        if self.search is None or not html:
            return html
        marker = _Marker(self, seen)
        marker.feed(html)
        marker.close()
        return "".join(marker.out)

    def mark_text(self, text: str, seen: set[int]) -> str:
        """Plain text -> HTML, with its unseen terms marked."""
        assert self.search is not None
        out: list[str] = []
        pos = 0
        for match in self.search.finditer(text):
            index = (match.lastindex or 1) - 1
            if index in seen:
                continue  # an appearance after the first: it still hides shorter terms
            seen.add(index)
            self.count += 1
            def_id = f"cbt-def-{self.count}"
            out.append(escape(text[pos : match.start()], quote=False))
            out.append(
                f'<button type="button" class="cbt-term" aria-expanded="false" '
                f'aria-controls="{def_id}">{escape(match.group(0), quote=False)}</button>'
                f'<span class="{DEFINITION_CLASS}" id="{def_id}" hidden>'
                f"{self.definitions[index]}</span>"
            )
            pos = match.end()
        out.append(escape(text[pos:], quote=False))
        return "".join(out)


class _Marker(HTMLParser):
    """Copies HTML tag for tag, marking terms in the text outside :data:`SKIPPED_TAGS`."""

    def __init__(self, glossary: Glossary, seen: set[int]) -> None:
        super().__init__(convert_charrefs=True)
        self.glossary = glossary
        self.seen = seen
        self.out: list[str] = []
        self.open: list[tuple[str, bool]] = []  # (tag, skipped) of each open element

    def skipping(self) -> bool:
        return any(skipped for _, skipped in self.open)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(self.get_starttag_text() or "")
        if tag in VOID_TAGS:
            return
        classes = (dict(attrs).get("class") or "").split()
        self.open.append((tag, tag in SKIPPED_TAGS or DEFINITION_CLASS in classes))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        self.out.append(f"</{tag}>")
        for i in range(len(self.open) - 1, -1, -1):
            if self.open[i][0] == tag:
                del self.open[i:]
                break

    def handle_data(self, data: str) -> None:
        if self.skipping():
            self.out.append(escape(data, quote=False))
        else:
            self.out.append(self.glossary.mark_text(data, self.seen))

    # markdown.py renders no comments, declarations or processing instructions (raw HTML
    # is off); should one ever appear it is dropped rather than copied unread.
    def handle_comment(self, data: str) -> None:
        pass

    def handle_decl(self, decl: str) -> None:
        pass

    def handle_pi(self, data: str) -> None:
        pass

    def unknown_decl(self, data: str) -> None:
        pass


def entries(course: Any) -> list[dict[str, str]]:
    """The Glossary list for the player: every term alphabetically, its definition as HTML."""
    return [
        {"term": term, "html": markdown.render_inline(definition)}
        for term, definition in course.glossary_entries()
    ]


def mark_payload(data: dict[str, Any], course: Any) -> None:
    """Mark glossary terms in the player payload's screens (:func:`coursedata.course_data`),
    in place: each screen, section opening and chapter closing screen on its own."""
    glossary = Glossary(course.glossary.items())
    if glossary.search is None:
        return
    for chapter in [*data.get("chapters", []), data.get("evaluation")]:
        if not chapter:
            continue
        for screen in chapter.get("screens", []):
            _mark_unit(glossary, screen, set())
        if chapter.get("completion"):
            _mark_unit(glossary, chapter["completion"], set())


def _mark_unit(
    glossary: Glossary, obj: dict[str, Any], seen: set[int], *, label: bool = False
) -> None:
    """Mark the HTML of one screen's part ``obj`` in the order the player shows it;
    ``label``: ``obj`` is an answer option, whose "html" labels an input."""
    for key, value in obj.items():
        if isinstance(value, str) and (key == "html" or key.endswith("Html")):
            if label and key == "html":
                continue
            # Shown only after an action: marks there do not count for the rest.
            obj[key] = glossary.mark(value, seen if key in _VISIBLE_KEYS else set(seen))
        elif isinstance(value, list) and key.endswith("Html"):
            obj[key] = [glossary.mark(v, seen) if isinstance(v, str) else v for v in value]
        elif isinstance(value, dict):
            _mark_unit(glossary, value, seen)
        elif isinstance(value, list):
            branch = key in _BRANCH_LISTS or key in _LABEL_LISTS
            for item in value:
                if isinstance(item, dict):
                    _mark_unit(
                        glossary, item, set(seen) if branch else seen, label=key in _LABEL_LISTS
                    )
