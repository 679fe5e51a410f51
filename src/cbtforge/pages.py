"""The launch page: jinja2 renders ``index.html`` with the course data inlined.

The course data travels inside the page as ``<script type="application/json">`` rather than
as a fetched file: the player must make no network requests, and ``fetch`` of a local file
fails under ``file://`` (standalone use) anyway.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from typing import Any

import jinja2
from markupsafe import Markup

from . import coursedata, markdown
from .course import Course


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("cbtforge", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def generator_version() -> str:
    try:
        return version("cbtforge")
    except PackageNotFoundError:  # running from a source tree without installation
        return "0+unknown"


def render_launch_page(
    course: Course, data: dict[str, Any], *, js_href: str, css_href: str
) -> bytes:
    """``index.html`` for ``course``; ``data`` is :func:`coursedata.course_data`'s payload."""
    template = _environment().get_template("index.html.j2")
    html = template.render(
        course=course,
        course_json=Markup(coursedata.to_json(data)),
        js_href=js_href,
        css_href=css_href,
        generator_version=generator_version(),
        # Media screens' files (and caption tracks) load under media-src; other courses keep
        # the policy that allows none.
        has_media=any(screen.type == "media" for _, screen in course.screens()),
    )
    return html.encode("utf-8")


def render_document_page(course: Course, title: str, text: str) -> bytes:
    """A Markdown handout or resource as a printable page of the package (no script)."""
    template = _environment().get_template("document.html.j2")
    html = template.render(
        course=course,
        title=title,
        body=Markup(markdown.render(text)),
        generator_version=generator_version(),
    )
    return html.encode("utf-8")
