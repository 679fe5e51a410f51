"""Templates to HTML, HTML to PDF: the parts every document shares.

The PDF engine is WeasyPrint: a Python package that ``pip install`` brings (it needs Pango,
which Debian and Ubuntu desktops and the python Docker images already have), with CSS Paged
Media built in (running headers, "Page 3 of 20", page breaks, a table of contents with page
numbers) and PDF/UA-1 output: tagged, with the document's title and language, as Section 508
asks of documents. No browser process, no network. It is imported only here, and only when a
PDF is written, because importing it costs every other command a second.
"""

from __future__ import annotations

import base64
import mimetypes
import os
import re
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from .. import markdown, pages
from ..course import Course

# Images in documents are inlined, so an .html document is one file that can be mailed, and
# WeasyPrint never fetches anything: handout pages are author text too.
_IMG_SRC = re.compile(r'(<img\b[^>]*?\bsrc=")([^"]+)(")')


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    # The launch page's settings (autoescape, StrictUndefined), with the documents' templates.
    env = pages._environment().overlay(
        loader=jinja2.PackageLoader("cbtforge", "templates/documents")
    )
    env.filters["md"] = lambda text: Markup(markdown.render(text or ""))
    env.filters["mdi"] = lambda text: Markup(markdown.render_inline(text or ""))
    env.filters["duration"] = duration
    env.filters["clock"] = clock
    return env


def duration(minutes: float | None) -> str:
    """``195`` -> "3 h 15 min"; ``10`` -> "10 min"; ``7.5`` -> "7.5 min"."""
    if minutes is None:
        return ""
    whole = round(minutes)
    if abs(minutes - whole) > 1e-9:
        return f"{minutes:g} min"
    hours, rest = divmod(whole, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest} min" if rest else f"{hours} h"


def clock(minutes: float) -> str:
    """Minutes from the start -> "h:mm" on the session's running clock."""
    whole = round(minutes)
    return f"{whole // 60}:{whole % 60:02d}"


def render(template: str, course: Course, root: Path, **context: Any) -> str:
    html = environment().get_template(template).render(course=course, **context)
    return inline_images(html, root)


def inline_images(html: str, root: Path) -> str:
    """Replace course-relative image sources by data: URLs (only files inside ``root``)."""
    base = root.resolve()

    def replace(match: re.Match[str]) -> str:
        src = match.group(2)
        if src.startswith("data:") or markdown.is_external(src):
            return match.group(0)
        path = (base / src.replace("&amp;", "&")).resolve()
        if not path.is_file() or not path.is_relative_to(base):
            return match.group(0)
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        data = base64.b64encode(path.read_bytes()).decode("ascii")
        return f"{match.group(1)}data:{kind};base64,{data}{match.group(3)}"

    return _IMG_SRC.sub(replace, html)


def _no_fetching(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """WeasyPrint's URL fetcher: documents are self-contained, so nothing is ever fetched
    (an image left external by a handout's author must not make the build reach the net)."""
    if url.startswith("data:"):
        from weasyprint.urls import default_url_fetcher

        return default_url_fetcher(url)  # type: ignore[no-any-return]
    raise ValueError(f"documents fetch nothing: {url[:80]}")


def to_pdf(html: str, root: Path) -> tuple[bytes, int]:
    """(PDF bytes, page count): tagged PDF/UA-1 with the HTML's title and language."""
    import logging

    from weasyprint import HTML

    # A refused fetch is logged by WeasyPrint as an error; the image is simply left out.
    logging.getLogger("weasyprint").setLevel(logging.CRITICAL)
    document = HTML(
        string=html, base_url=root.resolve().as_uri() + "/", url_fetcher=_no_fetching
    ).render()
    pdf = document.write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True)
    assert pdf is not None  # no target given: WeasyPrint returns the bytes
    return pdf, len(document.pages)


def write_atomic(content: bytes, out: Path) -> int:
    """Write through a temporary name in the same folder, then rename; returns the size."""
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
        os.chmod(tmp, 0o644)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return len(content)
