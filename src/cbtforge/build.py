"""The build: course folder -> package entries -> zip. Small steps, writers at the edge.

Everything is gathered and checked in memory first (``compile_course``); only then does a
writer touch the disk (``write_zip`` for ``cbtforge build``, ``write_directory`` for the
preview server). Nothing is half-written: both writers go through a temporary name.
"""

from __future__ import annotations

import os
import posixpath
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import rcssmin
import rjsmin

from . import coursedata, lint, manifest, markdown, package, pages, suspend
from .course import Course
from .errors import Problem, ProblemsError
from .loader import LoadedCourse, load

PLAYER_JS = "player.js"
PLAYER_CSS = "player.css"
LAUNCH_PAGE = "index.html"
MANIFEST = "imsmanifest.xml"


def player_dir() -> Path:
    """Where the player sources live (``player/`` at the top of the source tree)."""
    override = os.environ.get("CBTFORGE_PLAYER_DIR")
    candidate = Path(override) if override else Path(__file__).resolve().parents[2] / "player"
    if not (candidate / "order.txt").is_file():
        raise ProblemsError(
            [
                Problem(
                    str(candidate),
                    0,
                    0,
                    "the player sources were not found (expected player/order.txt); "
                    "install cbtforge from its source tree with `pip install -e .`",
                )
            ]
        )
    return candidate


def player_sources(root: Path | None = None) -> list[Path]:
    """The player's files in the order ``player/order.txt`` gives (scripts depend on it)."""
    root = root or player_dir()
    files: list[Path] = []
    for raw in (root / "order.txt").read_text(encoding="utf-8").splitlines():
        name = raw.split("#", 1)[0].strip()
        if name:
            files.append(root / name)
    return files


def bundle_player(root: Path | None = None, *, minify: bool = True) -> dict[str, bytes]:
    """Concatenate the player's scripts and styles into one file each, in the fixed order.

    One script instead of a dozen: fewer requests inside slow LMS frames, and plain scripts
    sharing one namespace work from ``file://`` where ES modules do not. Minified by default:
    the sources explain themselves in comments, which learners should not download (the
    player's budget is 20 KB gzipped; comments alone cost about 7 KB).
    """
    js: list[str] = []
    css: list[str] = []
    for path in player_sources(root):
        text = path.read_text(encoding="utf-8").rstrip("\n") + "\n"
        if path.suffix == ".js":
            js.append(text)
        elif path.suffix == ".css":
            css.append(text)
        else:
            raise ValueError(f"player/order.txt lists {path.name}: only .js and .css belong there")
    script, style = "".join(js), "".join(css)
    if minify:
        script = rjsmin.jsmin(script) + "\n"
        style = rcssmin.cssmin(style) + "\n"
    return {PLAYER_JS: script.encode("utf-8"), PLAYER_CSS: style.encode("utf-8")}


@dataclass
class CompiledCourse:
    """A course turned into package entries, not yet written anywhere."""

    loaded: LoadedCourse
    entries: dict[str, bytes]
    warnings: list[Problem] = field(default_factory=list)

    @property
    def course(self) -> Course:
        return self.loaded.course

    @property
    def screen_count(self) -> int:
        """Screens of the chapters (the evaluation is counted apart: it is optional)."""
        return sum(len(chapter.screens) for chapter in self.course.chapters)

    @property
    def question_count(self) -> int:
        return len(self.course.final_quiz.questions) if self.course.final_quiz else 0


def compile_course(course_dir: Path, *, with_schemas: bool = False) -> CompiledCourse:
    """Load and check ``course_dir`` and produce every file of its package, in memory.

    Raises :class:`ProblemsError` with every problem when the course cannot be built.
    """
    loaded = load(course_dir)
    course = loaded.course
    data = coursedata.course_data(course)
    # Refuse a course whose saved progress could exceed cmi.suspend_data's 4,096 characters.
    suspend.check(data, locate=loaded.locate)
    entries: dict[str, bytes] = dict(bundle_player())
    entries[LAUNCH_PAGE] = pages.render_launch_page(
        course, data, js_href=PLAYER_JS, css_href=PLAYER_CSS
    )
    for asset in loaded.assets:
        entries[asset] = (loaded.root / asset).read_bytes()
    entries.update(attachment_entries(loaded))
    if with_schemas:
        # The ADL test suite expects the schema files at the root (checklist P5); LMSs
        # ignore them, so they are opt-in and come from the verified local cache.
        from . import scormxsd  # urllib is slow to import; only this option needs it

        entries.update(scormxsd.bundle_files())
    entries[MANIFEST] = manifest.build_manifest(course, sorted(entries), launch=LAUNCH_PAGE)
    return CompiledCourse(loaded=loaded, entries=entries, warnings=lint.lint(loaded))


def attachment_entries(loaded: LoadedCourse) -> dict[str, bytes]:
    """Handouts, resources and linked documents as package entries (Markdown as pages)."""
    course = loaded.course
    titles = {posixpath.normpath(a.file): a.title for _, _, a in course.attachments()}
    entries: dict[str, bytes] = {}
    for rel in loaded.attachments:
        content = (loaded.root / rel).read_bytes()
        if rel.lower().endswith(".md"):
            title = titles.get(rel) or posixpath.splitext(posixpath.basename(rel))[0]
            content = pages.render_document_page(course, title, content.decode("utf-8"))
        entries[markdown.attachment_href(rel)] = content
    return entries


def default_output(course: Course) -> Path:
    """``dist/<course-id>.zip``, relative to the working directory."""
    return Path("dist") / f"{course.id}.zip"


def write_zip(compiled: CompiledCourse, out: Path) -> int:
    """Write the package atomically; returns its size in bytes."""
    out.parent.mkdir(parents=True, exist_ok=True)
    return package.write_zip(compiled.entries, out)


def write_directory(entries: Mapping[str, bytes], target: Path) -> None:
    """Replace ``target`` with a folder holding ``entries`` (used by the preview server).

    Built beside the target and swapped in with renames, so a server reading ``target``
    never sees a half-written course.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        for name, content in entries.items():
            path = staging / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        old = None
        if target.exists():
            old = target.with_name(f".{target.name}-old-{os.getpid()}")
            os.replace(target, old)
        os.replace(staging, target)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
