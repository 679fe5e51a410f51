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
from importlib import resources
from pathlib import Path
from typing import Any

import rcssmin

from . import coursedata, jsmin, lint, markdown, package, pages, standards, suspend
from .course import Course
from .errors import Problem, ProblemsError
from .loader import LoadedCourse, load

PLAYER_JS = "player.js"
PLAYER_CSS = "player.css"
LAUNCH_PAGE = "index.html"
MANIFEST = "imsmanifest.xml"


def player_dir() -> Path:
    """Where the player's files are: the package ``cbtforge.player``.

    The build maps the repository's top-level ``player/`` folder into the package
    (pyproject.toml), so one lookup serves a wheel, an sdist install and an editable
    install. ``CBTFORGE_PLAYER_DIR`` points at another player folder (development).
    """
    override = os.environ.get("CBTFORGE_PLAYER_DIR")
    if override:
        candidate: Path | None = Path(override)
        fix = "point CBTFORGE_PLAYER_DIR at a player folder, or unset it"
    else:
        candidate = _packaged_player()
        fix = "this installation of cbtforge is incomplete: reinstall it"
    if candidate is None or not (candidate / "order.txt").is_file():
        where = str(candidate) if candidate is not None else "cbtforge.player"
        message = f"the player's files were not found (expected player/order.txt); {fix}"
        raise ProblemsError([Problem(where, 0, 0, message)])
    return candidate


def _packaged_player() -> Path | None:
    try:
        folder = resources.files("cbtforge.player")
    except ModuleNotFoundError:
        return None
    # pip installs packages as folders; a zipped install would need extracting first.
    return folder if isinstance(folder, Path) else None


def player_sources(root: Path | None = None, *, adapter: str = "scorm.js") -> list[Path]:
    """The player's files in the order ``player/order.txt`` gives (scripts depend on it).

    ``adapter`` is the standard's LMS adapter: ``scorm.js`` (SCORM 1.2) as listed, or a file
    loaded right after it that builds on it (``scorm2004.js``)."""
    root = root or player_dir()
    files: list[Path] = []
    for raw in (root / "order.txt").read_text(encoding="utf-8").splitlines():
        name = raw.split("#", 1)[0].strip()
        if name:
            files.append(root / name)
            if name == "scorm.js" and adapter != "scorm.js":
                files.append(root / adapter)
    return files


# Screen modules other screen modules call (screens.questionFeedback lives in question.js).
SCREEN_MODULE_NEEDS: dict[str, set[str]] = {
    "quiz": {"question"},
    "knowledge_check": {"question", "checks"},
    "rating": {"ratings"},
    "certificate": {"award"},
}
SHARED_SCREEN_MODULE = "common"
# Player modules outside screens/ that only some courses need (the question banks' draw,
# the knowledge checks' state, when the certificate is earned, the ratings' state).
OPTIONAL_MODULES = {"pools", "checks", "award", "ratings"}
# player/questions/: question types beyond choices, a module each, plus what they share.
QUESTION_MODULES = {"numeric", "fill_in", "matching", "sequencing"}
QUESTION_SHARED = "input"


def course_questions(course: Course) -> list[Any]:
    """Every question of the course: question screens, knowledge checks, the final quiz."""
    questions: list[Any] = []
    for _, screen in course.screens():
        if screen.type == "question":
            questions.append(screen.question)
        elif screen.type == "knowledge_check":
            questions.extend(screen.questions)
    if course.final_quiz:
        questions.extend(q for _, q in course.final_quiz.all_questions())
    return questions


def screen_modules(course: Course) -> set[str]:
    """The ``player/screens/`` modules ``course`` uses: its screen types, the chapter closing
    screen, the final quiz, the certificate, and the modules those call."""
    used = {screen.type for _, screen in course.screens()}
    if any(getattr(s, "keep_answers", True) is False for _, s in course.screens()):
        used.add("reflection_copy")  # the notice and the learner's copy (not kept answers)
    chapters = course.all_chapters()
    if any(c.sections for c in chapters):
        used.add("sections")  # the menu's sections and the progress line
    if any(section.intro is not False for c in chapters for section in c.sections):
        used.add("content")  # a section's opening screen is a content screen
    if any(c.completion is not False for c in chapters):
        used.add("completion")
    if course.final_quiz:
        used.add("quiz")
        if course.final_quiz.pools:
            used.add("pools")
    if getattr(course, "certificate", None):
        used.add("certificate")
    if course.attachments():
        used.add("resources")  # the Resources button for handouts and resources
    if getattr(course, "glossary", None):
        used.add("glossary")  # terms in the text and the Glossary button
    for question in course_questions(course):
        if question.type in QUESTION_MODULES:
            used |= {question.type, QUESTION_SHARED}
    for name in list(used):
        used |= SCREEN_MODULE_NEEDS.get(name, set())
    return used


def bundle_player(
    root: Path | None = None,
    *,
    minify: bool = True,
    modules: set[str] | None = None,
    adapter: str = "scorm.js",
) -> dict[str, bytes]:
    """Concatenate the player's scripts and styles into one file each, in the fixed order.

    One script instead of a dozen: fewer requests inside slow LMS frames, and plain scripts
    sharing one namespace work from ``file://`` where ES modules do not. Minified by default:
    the sources explain themselves in comments, which learners should not download (the
    player's budget is 20 KB gzipped; comments alone cost about 7 KB).

    ``modules`` (see :func:`screen_modules`) keeps only those of ``screens/*.js`` and
    ``screens/*.css``: a course ships the screen code it uses, so the player can grow new
    screen types without making every course heavier. ``None`` bundles every module.
    """
    js: list[str] = []
    css: list[str] = []
    for path in player_sources(root, adapter=adapter):
        optional = path.parent.name in ("screens", "questions") or path.stem in OPTIONAL_MODULES
        if (
            modules is not None
            and optional
            and path.stem != SHARED_SCREEN_MODULE
            and path.stem not in modules
        ):
            continue
        text = path.read_text(encoding="utf-8").rstrip("\n") + "\n"
        if path.suffix == ".js":
            js.append(jsmin.minify(text) if minify else text)
        elif path.suffix == ".css":
            css.append(text)
        else:
            raise ValueError(f"player/order.txt lists {path.name}: only .js and .css belong there")
    script, style = "".join(js), "".join(css)
    if minify:
        style = rcssmin.cssmin(style) + "\n"
    return {PLAYER_JS: script.encode("utf-8"), PLAYER_CSS: style.encode("utf-8")}


@dataclass
class CompiledCourse:
    """A course turned into package entries, not yet written anywhere."""

    loaded: LoadedCourse
    entries: dict[str, package.Content]
    """Member name -> bytes, or a large asset to stream (see :class:`assets.AssetFile`)."""
    warnings: list[Problem] = field(default_factory=list)
    standard: str = standards.DEFAULT

    @property
    def course(self) -> Course:
        return self.loaded.course

    @property
    def screen_count(self) -> int:
        """Screens of the chapters (the evaluation is counted apart: it is optional)."""
        return sum(len(list(chapter.all_screens())) for chapter in self.course.chapters)

    @property
    def question_count(self) -> int:
        quiz = self.course.final_quiz
        return len(list(quiz.all_questions())) if quiz else 0


def compile_course(
    course_dir: Path, *, with_schemas: bool = False, standard: str | None = None
) -> CompiledCourse:
    """Load and check ``course_dir`` and produce every file of its package, in memory.

    ``standard`` (``scorm12`` or ``scorm2004``) overrides the course's ``standard:``; both
    default to SCORM 1.2. Raises :class:`ProblemsError` with every problem when the course
    cannot be built.
    """
    loaded = load(course_dir)
    course = loaded.course
    std = standards.get(standard or course.standard)
    data = coursedata.course_data(course)
    # Refuse a course whose saved progress could exceed the standard's cmi.suspend_data.
    suspend.check(
        data,
        locate=loaded.locate,
        limit=std.suspend_limit,
        standard=std.label,
        rule=std.suspend_rule,
    )
    entries: dict[str, package.Content] = dict(
        bundle_player(modules=screen_modules(course), adapter=std.adapter)
    )
    entries[LAUNCH_PAGE] = pages.render_launch_page(
        course, data, js_href=PLAYER_JS, css_href=PLAYER_CSS
    )
    generated = {package.collision_key(name) for name in entries}
    for asset in loaded.assets:
        # The loader refuses generated names with their file:line; this guard keeps any
        # future generated entry from being replaced by an author file all the same.
        if package.collision_key(asset) in generated:
            raise ProblemsError(
                [Problem(asset, 0, 0, "has the name of a file cbtforge generates: rename it")]
            )
        entries[asset] = loaded.asset_data[asset]
    entries.update(attachment_entries(loaded, generated))
    if with_schemas:
        # The ADL test suite expects the schema files at the root (checklist P5); LMSs
        # ignore them, so they are opt-in and come from the verified local cache.
        entries.update(std.bundle_schemas())
    entries[MANIFEST] = std.manifest(course, sorted(entries), launch=LAUNCH_PAGE)
    return CompiledCourse(
        loaded=loaded, entries=entries, warnings=lint.lint(loaded), standard=std.name
    )


def attachment_entries(
    loaded: LoadedCourse, generated: set[str] | None = None
) -> dict[str, package.Content]:
    """Handouts, resources and linked documents as package entries (Markdown as pages).

    ``generated`` holds the collision keys of the generated entries, which no document may
    replace (the loader refuses such names with their file:line; this is the last guard)."""
    course = loaded.course
    titles = {posixpath.normpath(a.file): a.title for _, _, a in course.attachments()}
    entries: dict[str, package.Content] = {}
    for rel in loaded.attachments:
        href = markdown.attachment_href(rel)
        if generated and package.collision_key(href) in generated:
            raise ProblemsError(
                [Problem(rel, 0, 0, "has the name of a file cbtforge generates: rename it")]
            )
        content = loaded.attachment_data[rel]
        if rel.lower().endswith(".md") and isinstance(content, bytes):
            title = titles.get(rel) or posixpath.splitext(posixpath.basename(rel))[0]
            content = pages.render_document_page(course, title, content.decode("utf-8"))
        entries[href] = content
    return entries


def default_output(course: Course) -> Path:
    """``dist/<course-id>.zip``, relative to the working directory."""
    return Path("dist") / f"{course.id}.zip"


def write_zip(compiled: CompiledCourse, out: Path) -> int:
    """Write the package atomically; returns its size in bytes."""
    out.parent.mkdir(parents=True, exist_ok=True)
    return package.write_zip(compiled.entries, out)


def write_directory(entries: Mapping[str, package.Content], target: Path) -> None:
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
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                with content.open() as src, path.open("wb") as dest:
                    shutil.copyfileobj(src, dest, package.CHUNK)
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
