"""Course folder -> validated :class:`~cbtforge.course.Course`, or every problem at once.

The loader reads ``course.yaml`` and the files it names, validates the assembled data with the
model, and then checks what one object cannot see on its own: ids unique across the course,
image files that exist (with the exact case a web server will need), interaction ids fit for
SCORM. Nothing stops at the first mistake: problems from every file are collected, located
as ``file:line:col``, and raised together as one :class:`~cbtforge.errors.ProblemsError`.

Error messages are for instructional designers, so pydantic's wording is translated here.
"""

from __future__ import annotations

import difflib
import functools
import os
import posixpath
import re
import types
import typing
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Union, get_args, get_origin
from urllib.parse import unquote

from pydantic import BaseModel, ValidationError

from . import assets as asset_rules
from . import markdown
from . import media as media_rules
from .course import (
    ATTACHMENT_TYPES,
    AUDIO_TYPES,
    EVALUATION_SCREEN_TYPES,
    SCREEN_TYPES,
    VIDEO_TYPES,
    Attachment,
    Course,
    Image,
    KnowledgeCheckScreen,
    MediaScreen,
    Notes,
    Question,
    RatingScreen,
    ReflectionScreen,
    Screen,
    iter_ids,
)
from .coursedata import quiz_interaction_id, rating_interaction_id, reflection_interaction_id
from .errors import Problem, ProblemsError, display_path, sort_problems
from .ids import ID_PATTERN
from .package import collision_key
from .yamlsource import PathKey, YamlDocument, YamlError, read_yaml_file

COURSE_FILE = "course.yaml"
# SCORM 1.2 RTE 3.4.2: CMIIdentifier is at most 255 characters.
MAX_INTERACTION_ID = 255
# Enough to suggest a file name in any real course folder without walking a huge tree.
MAX_LISTED_FILES = 5000

QUESTION_TYPES: tuple[str, ...] = tuple(
    get_args(member.model_fields["type"].annotation)[0]
    for member in get_args(get_args(Question)[0])
)

_INCLUDES = {
    "chapters": ("chapter", "a chapter ('title:' and 'screens:')"),
    "final_quiz": ("quiz", "a final quiz ('questions:' and its settings)"),
    "evaluation": ("evaluation", "an evaluation chapter ('title:' and 'screens:')"),
}


@dataclass
class LoadedCourse:
    """A validated course and what the build needs to know about its files."""

    course: Course
    root: Path
    """The course folder (absolute)."""
    files: list[Path]
    """Every YAML file read, in reading order (course.yaml first)."""
    assets: list[str]
    """Every image referenced anywhere, as POSIX paths relative to ``root``; sorted, unique."""
    sources: _Sources = field(repr=False)  # internal: use locate() / locate_text_line()
    asset_data: dict[str, bytes | asset_rules.AssetFile] = field(default_factory=dict, repr=False)
    """Each asset's bytes, read once when checked (what is checked ships), or for a large
    non-SVG file the handle to stream it from, again without following links."""
    attachments: list[str] = field(default_factory=list)
    """Every handout, resource and document linked from Markdown, as POSIX paths relative to
    ``root``; sorted, unique. Markdown files among them become pages (:func:`attachment_href`)."""
    attachment_data: dict[str, bytes | asset_rules.AssetFile] = field(
        default_factory=dict, repr=False
    )
    """Each attachment's bytes (Markdown always), read once when checked, or a large file's
    handle to stream it from."""

    def locate(self, model_path: tuple[str | int, ...]) -> tuple[str, int, int]:
        """``(file, line, col)`` where the part of the model at ``model_path`` was written.

        ``model_path`` uses the model's field names and list indexes (as in
        :func:`cbtforge.course.iter_ids`); parts filled in by defaults resolve to the
        nearest object the author wrote.
        """
        return self.sources.locate(self.sources.raw_path(model_path))

    def locate_text_line(
        self, model_path: tuple[str | int, ...], text_line: int
    ) -> tuple[str, int, int]:
        """Where line ``text_line`` (0-based, as in :func:`cbtforge.markdown.outline`) of
        the text at ``model_path`` was written.

        Exact for ``|`` blocks, whose lines are the file's lines; other styles fold or
        join lines, so their problems are shown at the start of the text.
        """
        raw = self.sources.raw_path(model_path)
        doc, local = self.sources.document(raw)
        info = doc.values.get(local)
        if raw != model_path or info is None or info.style != "|":
            return self.sources.locate(raw)
        line = info.line + 1 + text_line
        lines = _split_lines(doc.text)
        if line > len(lines):
            return self.sources.locate(raw)
        text = lines[line - 1]
        return doc.name, line, len(text) - len(text.lstrip(" ")) + 1


def load_course(course_dir: Path, *, base: Path | None = None) -> Course:
    """The validated course in ``course_dir`` (or the ``course.yaml`` path given)."""
    return load(course_dir, base=base).course


def load(course_dir: Path, *, base: Path | None = None) -> LoadedCourse:
    """Read, validate and cross-check a course; raise :class:`ProblemsError` with every problem.

    ``course_dir`` is the course folder or its ``course.yaml``. File names in problems are
    shown relative to ``base`` (default: the current directory) when possible.
    """
    return _Load(Path(course_dir), base).run()


# --- where things were written --------------------------------------------------------------


class _Sources:
    """The assembled course data and, for each part of it, the file it came from."""

    def __init__(self, data: dict[str, Any], main: YamlDocument) -> None:
        self.data = data
        self.mounts: dict[PathKey, YamlDocument] = {(): main}

    def mount(self, path: PathKey, doc: YamlDocument) -> None:
        self.mounts[path] = doc

    def document(self, raw_path: PathKey) -> tuple[YamlDocument, PathKey]:
        for n in range(len(raw_path), -1, -1):
            doc = self.mounts.get(raw_path[:n])
            if doc is not None:
                return doc, raw_path[n:]
        raise AssertionError("the course file is always mounted at ()")

    def locate(self, raw_path: PathKey, *, at_key: bool = False) -> tuple[str, int, int]:
        doc, local = self.document(raw_path)
        # A whole included file is best shown at its own first line, not at the file name
        # in course.yaml; its key, though, is the one in course.yaml.
        if at_key and not local:
            doc, local = self.document(raw_path[:-1])
            local = (*local, raw_path[-1])
        line, col = doc.key_position(local) if at_key else doc.position(local)
        return doc.name, line, col

    def problem(self, raw_path: PathKey, message: str, *, at_key: bool = False) -> Problem:
        name, line, col = self.locate(raw_path, at_key=at_key)
        return Problem(name, line, col, message)

    def value(self, raw_path: PathKey) -> Any:
        value: Any = self.data
        for seg in raw_path:
            value = value[seg]
        return value

    def source_text(self, raw_path: PathKey) -> str | None:
        """A scalar as written in the file (``1.10``, not ``1.1``)."""
        doc, local = self.document(raw_path)
        info = doc.values.get(local)
        return info.source if info else None

    def raw_path(self, model_path: PathKey) -> PathKey:
        """The longest prefix of a model path that exists in the data the author wrote."""
        return self.walk(model_path, skip_tags=False)[0]

    def walk(self, loc: tuple[Any, ...], *, skip_tags: bool) -> tuple[PathKey, tuple[Any, ...]]:
        """Follow ``loc`` through the raw data: (the path that exists, the rest of ``loc``).

        pydantic puts a discriminated union's tag into error locations
        (``('screens', 3, 'classifier', 'correct')``); it is the value of the object's
        ``type`` and comes right after the object, so it is skipped there (``skip_tags``),
        as are names of validator wrappers (``function-after[...]``) should pydantic add any.
        """
        path: list[str | int] = []
        value: Any = self.data
        tag_skipped = False
        for i, seg in enumerate(loc):
            if skip_tags and isinstance(seg, str) and _WRAPPER.match(seg):
                continue  # a validator wrapper's name, not a place in the data
            if isinstance(value, dict):
                if skip_tags and not tag_skipped and seg == value.get("type"):
                    tag_skipped = True
                    continue
                if isinstance(seg, str) and seg in value:
                    path.append(seg)
                    value = value[seg]
                    tag_skipped = False
                    continue
            elif isinstance(value, list) and isinstance(seg, int) and 0 <= seg < len(value):
                path.append(seg)
                value = value[seg]
                tag_skipped = False
                continue
            return tuple(path), tuple(loc[i:])
        return tuple(path), ()


# Validator wrappers' names, and the shape tags of a rating's scale (course.SHAPE_TAG).
_WRAPPER = re.compile(r"^(function-(before|after|wrap|plain)\[|shape:)")


# --- the load -------------------------------------------------------------------------------


class _Load:
    def __init__(self, given: Path, base: Path | None) -> None:
        self.given = given
        self.base = base
        self.problems: list[Problem] = []
        self.docs: list[YamlDocument] = []
        self.files: list[Path] = []
        self.failed: list[PathKey] = []  # include slots whose file could not be used
        self.root = Path()
        self._listing: dict[Path, list[str] | None] = {}
        self._all_files: list[str] | None = None

    def name(self, path: Path) -> str:
        return display_path(path, self.base)

    def run(self) -> LoadedCourse:
        main_file = self._main_file()
        self.root = main_file.parent
        try:
            main = self._read(main_file, "a course ('title:' and 'chapters:')")
        except YamlError as error:
            raise ProblemsError([error.problem]) from None
        sources = _Sources(dict(main.data), main)
        self._expand_includes(sources)
        course = self._validate(sources)
        for doc in self.docs:
            self.problems.extend(doc.problems)
        if course is None:
            # The model refused the course, but an author fixing it should not find out
            # about a missing image only afterwards: check the images in the data as written.
            _Checks(self, sources, None).images(_images_as_written(sources.data))
            raise ProblemsError(sort_problems(self.problems))
        checks = _Checks(self, sources, course)
        assets = checks.run()
        if self.problems:
            raise ProblemsError(sort_problems(self.problems))
        return LoadedCourse(
            course=course,
            root=self.root,
            files=self.files,
            assets=assets,
            sources=sources,
            asset_data={name: checks.asset_data[name] for name in assets},
            attachments=sorted(checks.attached),
            attachment_data={name: checks.attachment_data[name] for name in checks.attached},
        )

    def _main_file(self) -> Path:
        given = self.given.absolute()
        if given.is_file():
            return given
        if not given.exists():
            kind = "course file" if given.suffix in (".yaml", ".yml") else "course folder"
            raise ProblemsError([Problem(self.name(given), 0, 0, f"{kind} not found")])
        main = given / COURSE_FILE
        if main.is_file():
            return main
        if main.is_dir():
            message = f"{COURSE_FILE} is a folder; it must be a file"
        elif (given / "course.yml").is_file():
            message = f"no {COURSE_FILE} in this folder (found course.yml: rename it)"
        else:
            message = (
                f"no {COURSE_FILE} in this folder; is this the course folder? "
                "(start a new course with: cbtforge new <folder>)"
            )
        raise ProblemsError([Problem(self.name(given), 0, 0, message)])

    def _read(self, path: Path, expected: str) -> YamlDocument:
        self.files.append(path)
        doc = read_yaml_file(path, self.name(path), expected=expected)
        self.docs.append(doc)
        return doc

    # -- included files

    def _expand_includes(self, sources: _Sources) -> None:
        data = sources.data
        slots: list[PathKey] = []
        if isinstance(data.get("chapters"), list):
            data["chapters"] = list(data["chapters"])
            slots += [("chapters", i) for i in range(len(data["chapters"]))]
        slots += [(key,) for key in ("final_quiz", "evaluation") if key in data]
        for slot in slots:
            container = data["chapters"] if slot[0] == "chapters" else data
            key = slot[-1]
            value = container[key]  # type: ignore[index]
            if not isinstance(value, str):
                continue  # written inline (or wrong, which the model reports)
            what, expected = _INCLUDES[str(slot[0])]
            path = self._include_path(sources, slot, value, what)
            if path is None:
                self.failed.append(slot)
                continue
            try:
                doc = self._read(path, expected)
            except YamlError as error:
                self.problems.append(error.problem)
                self.failed.append(slot)
                continue
            container[key] = doc.data  # type: ignore[index]
            sources.mount(slot, doc)

    def _include_path(self, sources: _Sources, slot: PathKey, value: str, what: str) -> Path | None:
        def fail(message: str) -> None:
            self.problems.append(sources.problem(slot, message))

        rel, error = _relative_path(value)
        if not value.strip():
            fail(f"the {what} file name is empty")
            return None
        if error:
            fail(f"{what} file '{value}' {error}")
            return None
        problem = self.file_problem(
            f"{what} file '{value}'",
            rel,
            lambda: [f for f in self._files() if f.endswith((".yaml", ".yml"))],
            case_note="names are case-sensitive",
        )
        if problem is None:
            return self.root / rel
        fail(problem)
        return None

    def file_problem(
        self, label: str, rel: str, candidates: Callable[[], list[str]], *, case_note: str
    ) -> str | None:
        """What is wrong with ``rel`` as a file of the course, said of ``label`` ("image
        'x'"); None when it is a regular file inside the folder with exactly this case.
        ``candidates`` lists the names to suggest when it is missing."""
        found = self._find(rel)
        if found == "":
            return None
        if found == "folder":
            return f"{label} is a folder, not a file"
        if found == "outside":
            return f"{label} links outside the course folder; copy the file in"
        if found.startswith("case:"):
            return f"{label} not found; the file is named '{found[5:]}' ({case_note})"
        return f"{label} not found{_suggest(rel, candidates())}"

    # -- file system, with exact case

    def _list(self, folder: Path) -> list[str] | None:
        if folder not in self._listing:
            try:
                self._listing[folder] = sorted(os.listdir(folder))
            except OSError:
                self._listing[folder] = None
        return self._listing[folder]

    def _find(self, rel: str) -> str:
        """Empty if ``rel`` is a file under the root with exactly this case; else "missing",
        "folder", "outside" (a link out of the folder) or "case:<the name on disk>"."""
        folder = self.root
        actual: list[str] = []
        case_differs = False
        for part in rel.split("/"):
            names = self._list(folder)
            if names is None:
                return "missing"
            if part not in names:
                # Compare against the listing, not Path.exists(): on Windows and macOS
                # "Logo.PNG" exists when "logo.png" does, but not on the LMS's web server.
                same = [n for n in names if n.lower() == part.lower()]
                if not same:
                    return "missing"
                part = same[0]
                case_differs = True
            actual.append(part)
            folder = folder / part
        if case_differs:
            return "case:" + "/".join(actual)
        if folder.is_dir():
            return "folder"
        if not folder.is_file():
            return "missing"  # a broken link, or something that is not a regular file
        try:
            folder.resolve().relative_to(self.root.resolve())
        except ValueError:
            return "outside"  # a link that leads out of the course folder
        return ""

    def _files(self) -> list[str]:
        if self._all_files is None:
            found: list[str] = []
            for dirpath, dirnames, filenames in os.walk(self.root):
                dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
                rel = Path(dirpath).relative_to(self.root).as_posix()
                found += [n if rel == "." else f"{rel}/{n}" for n in sorted(filenames)]
                if len(found) > MAX_LISTED_FILES:
                    break
            self._all_files = found
        return self._all_files

    # -- the model

    def _validate(self, sources: _Sources) -> Course | None:
        try:
            # strict: YAML already has types, so "yes" is not a boolean and "20" not a number.
            return Course.model_validate(sources.data, strict=True)
        except ValidationError as error:
            # A slot whose file is missing or broken still holds the file name; the model's
            # complaint about it would only repeat the problem already reported.
            translator = _Translator(sources, skip=self.failed)
            self.problems += translator.translate(error.errors(include_url=False))
            return None


# --- pydantic errors -> problems ------------------------------------------------------------

_UNION_MEMBER = re.compile(r"^(int|float|str|bool|none|literal\[.*\]|[A-Za-z]+\[.*\])$")


class _Translator:
    def __init__(self, sources: _Sources, skip: list[PathKey]) -> None:
        self.sources = sources
        self.skip = skip

    def translate(self, errors: list[Any]) -> list[Problem]:
        problems: list[Problem] = []
        unions: dict[tuple[PathKey, str], list[Any]] = {}
        located = [(err, *self.sources.walk(tuple(err["loc"]), skip_tags=True)) for err in errors]
        # "prompt:" written on a question screen belongs under its "question:": that message
        # says what to do, so "missing required field 'question'" would only repeat it.
        misplaced = {
            (path[:-1], parent)
            for err, path, _ in located
            if err["type"] == "extra_forbidden" and (parent := self.belongs_under(path))
        }
        # `Model | Literal[False]` fails once per member; the object's message names the keys
        # and, from here, the literal it may be instead (`completion: false`).
        objects = {path for err, path, _ in located if err["type"] == "model_type"}
        self.literals: dict[PathKey, list[str]] = {}
        for _err, path, rest in located:
            literal = re.fullmatch(r"literal\[(.*)\]", str(rest[0])) if rest else None
            if literal and path in objects:
                self.literals.setdefault(path, []).extend(
                    v.strip().strip("'").lower() for v in literal.group(1).split(",")
                )
        for err, path, rest in located:
            if any(path[: len(slot)] == slot for slot in self.skip):
                continue
            if err["type"] == "missing" and rest and (path, rest[-1]) in misplaced:
                continue
            if path in self.literals and err["type"] == "literal_error":
                continue
            if rest and err["type"] != "missing" and _UNION_MEMBER.match(str(rest[0])):
                # `int | Literal["unlimited"]` fails once per member: say it once.
                unions.setdefault((path, str(err["loc"][: -len(rest)])), []).append(err)
                continue
            problems += self.one(err, path, rest)
        for (path, _), errs in unions.items():
            problems.append(self.union(path, errs))
        return problems

    def name(self, path: PathKey, rest: tuple[Any, ...]) -> str:
        """The field the error is about, as the author wrote it."""
        for seg in reversed((*path, *rest)):
            if isinstance(seg, str) and not _UNION_MEMBER.match(seg):
                return seg
        return "value"

    def found(self, path: PathKey, value: Any) -> str:
        source = self.sources.source_text(path)
        if value is None:
            return "nothing (the value is empty)"
        if isinstance(value, bool):
            return f"the value {source or str(value).lower()}"
        if isinstance(value, int | float):
            return f"the number {source or value}"
        if isinstance(value, str):
            short = value if len(value) <= 40 else value[:37] + "..."
            return f"the text {short!r}"
        if isinstance(value, list):
            return "a list"
        if isinstance(value, dict):
            return "a mapping ('key: value' lines)"
        return repr(value)

    def union(self, path: PathKey, errs: list[Any]) -> Problem:
        kinds = []
        for err in errs:
            member = str(err["loc"][-1])
            literal = re.fullmatch(r"literal\[(.*)\]", member)
            if literal:
                kinds += [f'"{v.strip().strip(chr(39))}"' for v in literal.group(1).split(",")]
            else:
                kinds.append(_EXPECTED.get(member, member))
        name = self.name(path, ())
        value = self.sources.value(path)
        return self.sources.problem(
            path, f"{name} must be {' or '.join(kinds)}; found {self.found(path, value)}"
        )

    def one(self, err: Any, path: PathKey, rest: tuple[Any, ...]) -> list[Problem]:
        kind: str = err["type"]
        ctx: dict[str, Any] = err.get("ctx") or {}
        name = self.name(path, rest)
        value = self.sources.value(path) if not rest else err.get("input")
        at = self.sources.problem

        if kind == "missing":
            return [at(path, f"missing required field {rest[-1]!r}")]
        if kind == "extra_forbidden":
            return [at(path, self.unknown_field(path), at_key=True)]
        if kind == "union_tag_invalid":
            return [self.bad_tag(path, ctx)]
        if kind == "union_tag_not_found":
            tags = self.tags_for(path)
            return [at(path, f"missing required field 'type'; use one of: {', '.join(tags)}")]
        if kind == "value_error" and rest == ("[key]",):
            # A mapping's key was refused (a glossary term): point at the key itself.
            return [at(path, str(ctx.get("error", err["msg"])), at_key=True)]
        if kind == "value_error":
            return self.value_error(path, str(ctx.get("error", err["msg"])))
        if kind == "string_type" and name == "correct":
            by_number = self.answer_by_number(path, value)
            if by_number:
                return [at(path, by_number)]
        if kind == "string_type":
            message = f"expected text but found {self.found(path, value)}"
            source = self.sources.source_text(path)
            if isinstance(value, bool | int | float) and source:
                message += f"; put it in quotes: {_quote(source)}"
            elif isinstance(value, dict):
                message += " (text containing ': ' must be put in quotes)"
            return [at(path, message)]
        if kind in _EXPECTED_BY_ERROR:
            expected = _EXPECTED_BY_ERROR[kind]
            if kind == "model_type" and str(ctx.get("class_name")) not in _OBJECTS:
                model = _model_at(path, self.sources.data)
                if model is not None:
                    message = _mapping_expected(
                        self.name(path, ()),
                        model,
                        self.found(path, value),
                        self.literals.get(path, []),
                    )
                    return [at(path, message)]
            if kind == "model_type":
                expected = _OBJECTS.get(str(ctx.get("class_name")), expected)
            elif kind == "model_attributes_type":
                tags = self.tags_for(path)
                what = "question" if tags is QUESTION_TYPES else "screen"
                expected = f"a {what} ('type: {tags[0]}', ... lines)"
            message = f"expected {expected} but found {self.found(path, value)}"
            if isinstance(value, str) and kind in ("int_type", "float_type", "bool_type"):
                message += _quoted_hint(value, kind)
            source = self.sources.source_text(path)
            if kind == "model_type" and isinstance(value, int | float) and source:
                message += f"; put it in quotes: {_quote(source)}"  # an option "2"
            return [at(path, message)]
        if kind == "literal_error":
            return [at(path, self.bad_literal(name, value, str(ctx.get("expected", ""))))]
        if kind in _BOUNDS:
            return [at(path, f"{name} must be {_BOUNDS[kind]} {next(iter(ctx.values()))}")]
        if kind in ("too_short", "too_long"):
            limit = ctx.get("min_length" if kind == "too_short" else "max_length")
            bound = "needs at least" if kind == "too_short" else "may have at most"
            items = "item" if limit == 1 else "items"
            actual = ctx.get("actual_length")
            return [at(path, f"{name} {bound} {limit} {items} (found {actual})")]
        if kind == "string_too_short":
            return [at(path, f"{name} must not be empty")]
        if kind == "string_too_long":
            limit = ctx.get("max_length")
            return [
                at(path, f"{name} is too long: at most {limit} characters (found {len(value)})")
            ]
        if kind == "string_pattern_mismatch":
            return [at(path, _pattern_message(name, value, str(ctx.get("pattern", ""))))]
        message = str(err["msg"])
        return [at(path, message[:1].lower() + message[1:])]

    def unknown_field(self, path: PathKey) -> str:
        key = str(path[-1])
        model = _model_at(path[:-1], self.sources.data)
        fields = [f for f in (model.model_fields if model else {}) if f != "type"]
        where = ""
        type_field = model.model_fields.get("type") if model else None
        if type_field is not None:
            what = "screen" if model in _SCREEN_MODELS else "question"
            where = f" in a {get_args(type_field.annotation)[0]} {what}"
        parent = self.belongs_under(path)
        if parent and model is not None:
            members = _models_in(model.model_fields[parent].annotation)
            own_type = ""
            if len(members) > 1 and all("type" in m.model_fields for m in members):
                tags = [get_args(m.model_fields["type"].annotation)[0] for m in members]
                own_type = f", with its own 'type:' {', '.join(tags[:-1])} or {tags[-1]}"
            return (
                f"unknown field {key!r}{where}: it belongs under '{parent}:' (write '{parent}:' "
                f"and indent the {parent}'s fields below it{own_type})"
            )
        close = difflib.get_close_matches(key, fields, n=1, cutoff=0.6)
        if close:
            return f"unknown field {key!r}{where} (did you mean {close[0]!r}?)"
        if fields:
            return f"unknown field {key!r}{where}; use one of: {', '.join(fields)}"
        return f"unknown field {key!r}"

    def belongs_under(self, path: PathKey) -> str | None:
        """For an unknown key at ``path``: the field of the same object whose own object
        (not a list of them) has that key, e.g. 'question' for a question screen's 'prompt'."""
        model = _model_at(path[:-1], self.sources.data)
        if model is None:
            return None
        key = path[-1]
        if key in ("id", "type"):
            return None
        holders = []
        for name, info in model.model_fields.items():
            annotation = _strip(info.annotation, None)
            is_list = get_origin(annotation) is list
            inner = get_args(annotation)[0] if is_list else info.annotation
            if any(key in member.model_fields for member in _models_in(inner)):
                holders.append((name, is_list))
        # Only a single object can take the key; a key that items of a list also have
        # ("screens" in course.yaml: the chapters' or the evaluation's?) gets no guess.
        if len(holders) == 1 and not holders[0][1]:
            return holders[0][0]
        return None

    def answer_by_number(self, path: PathKey, value: Any) -> str | None:
        """The message for ``correct: 3``: answers are named by their text (or id), never by
        their position, so "put it in quotes" would only lead to a second error."""
        if isinstance(value, bool) or not isinstance(value, int | float):
            return None
        container = path[:-1] if path[-1] == "correct" else path[:-2]
        owner = self.sources.value(container)
        if not isinstance(owner, dict):
            return None
        if isinstance(owner.get("options"), list):
            what, key, items = "answer", "text", owner["options"]
        elif isinstance(owner.get("categories"), list):
            what, key, items = "category", "label", owner["categories"]
        else:
            return None
        names: list[str] = []
        for item in items:
            if isinstance(item, dict):
                text, ident = item.get(key), item.get("id")
                if text is not None:
                    names.append(f"{str(text).strip()!r}" + (f" (id {ident})" if ident else ""))
            elif item is not None:
                names.append(repr(str(item).strip()))
        written = self.sources.source_text(path) or str(value)
        if repr(written) in {n.split(" (id ")[0] for n in names}:
            return None  # an option that is a number ("3"): quoting it is the fix
        by = "the option's text or id" if what == "answer" else "its label"
        return (
            f"the correct {what} is named by {by}, not by a number; "
            f"write one of: {', '.join(names)}"
        )

    def tags_for(self, path: PathKey) -> tuple[str, ...]:
        parent = next((s for s in reversed(path) if isinstance(s, str)), "")
        return QUESTION_TYPES if parent in ("question", "questions") else SCREEN_TYPES

    def bad_tag(self, path: PathKey, ctx: dict[str, Any]) -> Problem:
        tags = self.tags_for(path)
        what = "question" if tags is QUESTION_TYPES else "screen"
        value = self.sources.value(path).get("type")
        message = f"unknown {what} type {value!r}; use one of: {', '.join(tags)}"
        if isinstance(value, str):
            message += _did_you_mean(value, list(tags))
        return self.sources.problem((*path, "type"), message)

    def bad_literal(self, name: str, value: Any, expected: str) -> str:
        choices = [c.strip().strip("'") for c in expected.replace(" or ", ", ").split(",")]
        message = f"{name} must be one of: {', '.join(choices)}; found {value!r}"
        if isinstance(value, str):
            message += _did_you_mean(value, choices)
        return message

    def value_error(self, path: PathKey, message: str) -> list[Problem]:
        at = self.sources.problem
        if path == ("evaluation",) and message.startswith("the evaluation may only hold"):
            # Course checks the evaluation's screens as a whole; point at each wrong type.
            screens = self.sources.value(path).get("screens") or []
            allowed = ", ".join(EVALUATION_SCREEN_TYPES)
            return [
                at(
                    ("evaluation", "screens", i, "type"),
                    f"the evaluation may only hold {allowed} screens, not {screen['type']!r}",
                )
                for i, screen in enumerate(screens)
                if isinstance(screen, dict) and screen.get("type") not in EVALUATION_SCREEN_TYPES
            ]
        value = self.sources.value(path)
        if path == ("glossary",) and isinstance(value, dict):
            # "terms 'CX' and 'cx' differ only in case" is about the later key: point at it.
            named = [key for key in value if repr(key) in message]
            if named:
                return [at((*path, named[-1]), message, at_key=True)]
        if isinstance(value, list):
            # "option 'a' appears twice" is about one item of the list: point at it.
            hits = [i for i, item in enumerate(value) if _item_named(item, message)]
            if hits:
                path = (*path, hits[-1] if "twice" in message else hits[0])
        return [at(path, message)]


def _item_named(item: Any, message: str) -> bool:
    if isinstance(item, dict):
        item = item.get("label", item.get("text", item.get("id")))
    return isinstance(item, str) and repr(item) in message


_EXPECTED = {
    "int": "a whole number",
    "float": "a number",
    "str": "text",
    "bool": "true or false",
    "none": "empty",
}
_EXPECTED_BY_ERROR = {
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "finite_number": "a finite number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list (lines starting with '- ')",
    "dict_type": "a mapping ('key: value' lines)",
    "model_type": "a mapping ('key: value' lines)",
    "model_attributes_type": "a mapping ('key: value' lines)",
}
# What a bare value may stand for, where the format allows a short form.
_OBJECTS = {
    "Chapter": "a chapter file name or a chapter ('title:' and 'screens:' lines)",
    "FinalQuiz": "a quiz file name or a quiz ('questions:' lines)",
    "Option": "an option text or 'text:' lines",
    "Category": "a category label or 'label:' lines",
    "ReflectionField": "a field label or 'label:' lines",
    "NumericScale": "a numeric scale ('from:' and 'to:' lines) or a list of point labels",
}
_BOUNDS = {
    "greater_than_equal": "at least",
    "less_than_equal": "at most",
    "greater_than": "more than",
    "less_than": "less than",
}


def _quoted_hint(value: str, kind: str) -> str:
    if kind == "bool_type" and value.lower() in ("yes", "no", "on", "off", "y", "n"):
        return "; write true or false"
    if kind in ("int_type", "float_type") and re.fullmatch(r"\s*[-+]?[0-9.]+\s*", value):
        return "; remove the quotes"
    if kind == "bool_type" and value.strip().lower() in ("true", "false"):
        return "; remove the quotes"
    return ""


def _quote(source: str) -> str:
    return f'"{source}"' if '"' not in source else "'" + source.replace("'", "''") + "'"


def _did_you_mean(value: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(value, choices, n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _mapping_expected(
    name: str, model: type[BaseModel], found: str, literals: Sequence[str] = ()
) -> str:
    """What a field holding an object accepts: its keys (the required ones first), from the
    class docstring what it is for, and the plain values it may be instead."""
    required = [f"{f} (required)" for f, info in model.model_fields.items() if info.is_required()]
    optional = [f for f, info in model.model_fields.items() if not info.is_required()]
    what = " ".join((model.__doc__ or "").split()).split(". ")[0].rstrip(".")  # 1st sentence
    what = f" ({what[:1].lower()}{what[1:]})" if what else ""
    return (
        f"{name} must be 'key: value' lines{what} with the keys: "
        f"{', '.join(required + optional)}"
        + "".join(f", or {value}" for value in literals)
        + f"; found {found}"
    )


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    """The models a field can hold directly (Optional and unions unwrapped, lists not)."""
    if _is_model(annotation):
        return [annotation]
    if get_origin(annotation) is Annotated:
        return _models_in(get_args(annotation)[0])
    if get_origin(annotation) in (Union, types.UnionType):
        return [m for arg in get_args(annotation) for m in _models_in(arg)]
    return []


def _pattern_message(name: str, value: Any, pattern: str) -> str:
    if pattern == ID_PATTERN:
        return (
            f"{value!r} is not a valid {name}: use only ASCII letters, digits, '_' and '-', "
            "starting with a letter"
        )
    if name == "language":
        return f"{value!r} is not a language tag; write one like 'en', 'en-US' or 'es'"
    if name == "id":
        return f"{value!r} is not a valid id: use 1 to 32 ASCII letters, digits, '_' or '-'"
    return f"{name} {value!r} does not have the expected form"


# --- which model an object is (for "unknown field" suggestions) -----------------------------


def _strip(annotation: Any, raw: Any) -> Any:
    """Remove Annotated / Optional; pick the member of a screen or question union."""
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            members = [a for a in get_args(annotation) if a is not type(None)]
            if len(members) == 1:
                annotation = members[0]
                continue
            for member in members:
                member = _strip(member, raw)
                if (
                    _is_model(member)
                    and isinstance(raw, dict)
                    and "type" in member.model_fields
                    and raw.get("type") in get_args(member.model_fields["type"].annotation)
                ):
                    return member
            # `ChapterCompletion | Literal[False]`: one object among plain values.
            objects = [m for m in members if _is_model(m)]
            return objects[0] if len(objects) == 1 else None
        else:
            return annotation


def _is_model(annotation: Any) -> typing.TypeGuard[type[BaseModel]]:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _model_at(path: PathKey, data: Any) -> type[BaseModel] | None:
    annotation: Any = Course
    raw = data
    for seg in path:
        annotation = _strip(annotation, raw)
        if isinstance(seg, int):
            if get_origin(annotation) is not list:
                return None
            annotation = get_args(annotation)[0]
        elif _is_model(annotation) and seg in annotation.model_fields:
            annotation = annotation.model_fields[seg].annotation
        else:
            return None
        raw = raw[seg]
    annotation = _strip(annotation, raw)
    return annotation if _is_model(annotation) else None


_SCREEN_MODELS: frozenset[Any] = frozenset(get_args(get_args(Screen)[0]))


# --- cross-checks on the validated course ---------------------------------------------------


class _Checks:
    def __init__(self, load: _Load, sources: _Sources, course: Course | None) -> None:
        self.load = load
        self.sources = sources
        self.course = course
        self.problems = load.problems
        self.asset_data: dict[str, bytes | asset_rules.AssetFile] = {}
        self.asset_issues: dict[str, str | None] = {}  # by path: checked once, told at each use
        self.asset_keys: dict[str, tuple[str, str]] = {}  # collision key -> (path, where)
        self.attached: set[str] = set()
        self.attachment_data: dict[str, bytes | asset_rules.AssetFile] = {}

    def run(self) -> list[str]:
        self.ids()
        self.interaction_ids()
        self.attachments()
        self.notes_handouts()
        self.links()
        found = self.media()
        return sorted(found | set(self.images()))

    def at(self, model_path: PathKey, message: str) -> None:
        self.problems.append(self.sources.problem(self.sources.raw_path(model_path), message))

    def where(self, model_path: PathKey) -> str:
        name, line, col = self.sources.locate(self.sources.raw_path(model_path))
        return f"{name}:{line}:{col}"

    def ids(self) -> None:
        first: dict[str, PathKey] = {}
        for path, obj, _title in iter_ids(self.course):
            obj_path = () if path == ("id",) else path
            raw = self.sources.value(self.sources.raw_path(obj_path))
            explicit = isinstance(raw, dict) and "id" in raw
            id_path = (*obj_path, "id") if explicit else obj_path
            if obj.id not in first:
                first[obj.id] = id_path
            elif explicit:
                self.at(
                    id_path,
                    f"duplicate id {obj.id!r} (also used at {self.where(first[obj.id])}); "
                    "ids must be unique in the course",
                )
            else:
                # Derived ids avoid explicit ones; only a default (the quiz's) can collide.
                what = "the final quiz" if path == ("final_quiz",) else "this part"
                self.at(
                    id_path,
                    f"{what} has the default id {obj.id!r}, which is also used at "
                    f"{self.where(first[obj.id])}; ids must be unique in the course: "
                    "give one of them another 'id'",
                )

    def interaction_ids(self) -> None:
        """Ids the player reports in cmi.interactions.n.id: unique, at most 255 characters.

        Screen ids are already unique (see :meth:`ids`); the ids built from them for
        reflection fields and quiz questions ("<screen>__1", "<quiz>__<question>") can
        still meet another id.
        """
        seen: dict[str, tuple[PathKey, str]] = {}
        for path, iid, what in self._interactions():
            if len(iid) > MAX_INTERACTION_ID:
                self.at(
                    path,
                    f"interaction id {iid!r} of {what} is longer than {MAX_INTERACTION_ID} "
                    "characters (the SCORM limit); use shorter ids",
                )
            if iid not in seen:
                seen[iid] = (path, what)
                continue
            other_path, other = seen[iid]
            if what.startswith("screen") and other.startswith("screen"):
                continue  # a duplicate id, reported once by ids()
            self.at(
                (*path, "id"),
                f"{what} is reported to the LMS as {iid!r}, like {other} at "
                f"{self.where((*other_path, 'id'))}; change one of the ids",
            )

    def _interactions(self) -> Iterator[tuple[PathKey, str, str]]:
        for path, obj, _title in iter_ids(self.course):
            if len(path) >= 3 and path[-2] == "screens":  # a screen, in a section or not
                yield path, str(obj.id), f"screen {obj.id!r}"
                if isinstance(obj, ReflectionScreen):
                    for i in range(len(obj.fields)):
                        yield (
                            (*path, "fields", i),
                            reflection_interaction_id(str(obj.id), i),
                            f"field {i + 1} of reflection {obj.id!r}",
                        )
                if isinstance(obj, RatingScreen):
                    for i in range(len(obj.statements)):
                        yield (
                            (*path, "statements", i),
                            rating_interaction_id(str(obj.id), i),
                            f"statement {i + 1} of rating {obj.id!r}",
                        )
                if isinstance(obj, KnowledgeCheckScreen):
                    for i, question in enumerate(obj.questions):
                        yield (
                            (*path, "questions", i),
                            quiz_interaction_id(str(obj.id), str(question.id)),
                            f"question {i + 1} of knowledge check {obj.id!r}",
                        )
        quiz = self.course.final_quiz
        if quiz:
            for i, (path, question) in enumerate(quiz.all_questions()):
                yield (
                    ("final_quiz", *path),
                    quiz_interaction_id(quiz.id, str(question.id)),
                    f"question {i + 1} of the final quiz",
                )

    # -- images

    def images(self, found: Iterable[tuple[PathKey, Any]] | None = None) -> list[str]:
        """Check every image (``found``: Image objects and Markdown texts with their paths;
        by default those of the validated course); returns the packaged paths."""
        assets: set[str] = set()
        if found is None:
            assert self.course is not None
            found = _walk_model(self.course, ())
        for path, value in found:
            if isinstance(value, Image):
                src = str(value.src)
                rel = self.image(self.sources.raw_path((*path, "src")), None, src, src, "")
                if rel:
                    assets.add(rel)
            elif isinstance(value, str) and "![" in value:
                # Every Markdown image (inline or reference style) contains "![": checking
                # for it first spares parsing every title, id and label as Markdown.
                seen: dict[str, int] = {}
                for ref in markdown.outline(value).references:
                    if ref.kind != "image":
                        continue
                    # markdown-it percent-encodes targets; authors wrote them unencoded.
                    written = unquote(ref.target)
                    seen[written] = seen.get(written, 0) + 1
                    raw = self.sources.raw_path(path)
                    where = self.markdown_position(raw, written, seen[written])
                    target = unquote(ref.target.split("#")[0].split("?")[0])
                    rel = self.image(raw, where, written, target, ref.text, markdown_ref=True)
                    if rel:
                        assets.add(rel)
        return sorted(assets)

    def image(
        self,
        raw: PathKey,
        where: tuple[str, int, int] | None,
        written: str,
        target: str,
        alt: str,
        *,
        markdown_ref: bool = False,
    ) -> str | None:
        def fail(message: str) -> None:
            name, line, col = where or self.sources.locate(raw)
            self.problems.append(Problem(name, line, col, message))

        if markdown_ref and not alt.strip():
            fail(f"image '{written}' needs alt text: write ![what the image shows]({written})")
        if markdown.is_external(written):
            fail(
                f"image '{written}' is on another website; the package must be "
                "self-contained: download it into assets/ and use its path there"
            )
            return None
        if written.lower().startswith("data:"):
            return None  # embedded in the text itself; nothing to package
        rel, error = _relative_path(target)
        if error:
            fail(f"image '{written}' {error}")
            return None
        problem = self.load.file_problem(
            f"image '{written}'",
            rel,
            self.load._files,
            case_note="names are case-sensitive on web servers",
        )
        if problem is not None:
            fail(problem)
            return None
        issue = self.asset_issue(rel)
        if issue:
            fail(f"image '{written}' {issue}")
            return None
        name, line, col = where or self.sources.locate(raw)
        first = self.asset_keys.setdefault(collision_key(rel), (rel, f"{name}:{line}:{col}"))
        if first[0] != rel:
            fail(
                f"image '{written}' and '{first[0]}' (used at {first[1]}) differ only in case; "
                "they would be one file on Windows and macOS servers: rename one"
            )
            return None
        return rel

    def asset_issue(self, rel: str) -> str | None:
        """Why the file ``rel`` must not be packaged (its name, kind or content), or None;
        reads it once, safely, and keeps the bytes for the build."""
        if rel not in self.asset_issues:
            issue = asset_rules.name_issue(rel)
            if issue is None:
                try:
                    data = asset_rules.load_asset(self.load.root, rel)
                except OSError as error:
                    issue = (
                        f"could not be read ({error.strerror or error}); a symbolic link or "
                        "special file is not packaged: copy the file itself in"
                    )
                else:
                    if isinstance(data, bytes):
                        issue = asset_rules.content_issue(rel, data)
                    if issue is None:
                        self.asset_data[rel] = data
            self.asset_issues[rel] = issue
        return self.asset_issues[rel]

    def served_file_problem(self, label: str, rel: str) -> str | None:
        """What is wrong with ``rel`` as a file the package serves (exact case matters)."""
        return self.load.file_problem(
            label, rel, self.load._files, case_note="names are case-sensitive on web servers"
        )

    # -- media screens: video/audio, poster, captions

    def media(self) -> set[str]:
        """Check every media screen's files; returns the packaged paths (posters included)."""
        packaged: set[str] = set()
        for path, screen in _walk_model(self.course, ()):
            if not isinstance(screen, MediaScreen):
                continue
            field_name = "video" if screen.video else "audio"
            kinds = VIDEO_TYPES if screen.video else AUDIO_TYPES
            for i, written in enumerate(getattr(screen, field_name)):
                rel = self.media_file((*path, field_name, i), field_name, written, kinds)
                if rel:
                    packaged.add(rel)
            if screen.poster is not None:
                raw = self.sources.raw_path((*path, "poster"))
                rel = self.image(raw, None, screen.poster, screen.poster, "")
                if rel:
                    packaged.add(rel)
            for i, track in enumerate(screen.captions):
                rel = self.media_file(
                    (*path, "captions", i, "src"), "captions", track.src, (".vtt",)
                )
                if rel:
                    packaged.add(rel)
        return packaged

    def media_file(
        self, path: PathKey, label: str, written: str, kinds: tuple[str, ...]
    ) -> str | None:
        """The packaged path of a video, audio or caption file, or None after a problem."""

        def fail(message: str) -> None:
            self.at(path, f"{label} '{written}' {message}")

        rel, error = _relative_path(written)
        if error:
            fail(error)
            return None
        ext = posixpath.splitext(rel)[1].lower()
        if ext not in kinds:
            fail(
                f"is not one of the {label} files browsers play everywhere "
                f"({', '.join(kinds)}); convert it (e.g. with ffmpeg) and use that file"
                if label != "captions"
                else "is not a WebVTT file (.vtt); captions must be WebVTT (convert SRT with "
                "ffmpeg -i captions.srt captions.vtt)"
            )
            return None
        problem = self.served_file_problem(f"{label} '{written}'", rel)
        if problem is not None:
            self.at(path, problem)
            return None
        if rel not in self.asset_issues:
            self.asset_issues[rel] = self.media_issue(rel, ext, label)
        issue = self.asset_issues[rel]
        if issue:
            fail(issue)
            return None
        first = self.asset_keys.setdefault(collision_key(rel), (rel, self.where(path)))
        if first[0] != rel:
            fail(
                f"and '{first[0]}' (used at {first[1]}) differ only in case; they would be "
                "one file on Windows and macOS servers: rename one"
            )
            return None
        return rel

    def media_issue(self, rel: str, ext: str, label: str) -> str | None:
        """Why ``rel`` must not ship (its name, bytes or captions), or None; reads it once,
        without following links, and keeps what was read (or, when large, the handle to
        stream it) for the build."""
        issue = asset_rules.name_issue(rel, images_only=False, kind=label)
        if issue:
            return issue
        try:
            data = asset_rules.load_asset(self.load.root, rel)
            if isinstance(data, bytes):
                head = data[: media_rules.HEAD_BYTES]
            else:
                with data.open() as handle:
                    head = handle.read(media_rules.HEAD_BYTES)
        except OSError as error:
            return (
                f"could not be read ({error.strerror or error}); a symbolic link or "
                "special file is not packaged: copy the file itself in"
            )
        if ext == ".vtt":
            if not isinstance(data, bytes) or len(data) > media_rules.MAX_CAPTIONS_BYTES:
                return "is larger than 1 MB, far more than captions need: is it the right file?"
            issue = media_rules.captions_issue(rel, data)
        else:
            issue = media_rules.content_issue(ext, head)
        if issue is None:
            self.asset_data[rel] = data
        return issue

    # -- handouts, resources and the documents Markdown links to

    def attachments(self) -> None:
        for name, index, attachment in self.course.attachments():
            path = (name, index, "file")
            rel = self.attachment_file(attachment.file, f"{name[:-1]} file", path, None)
            if rel:
                self.attached.add(rel)

    def attachment_file(
        self, written: str, label: str, path: PathKey, where: tuple[str, int, int] | None
    ) -> str | None:
        """The packaged path of a document named in the course, or None after a problem."""

        def fail(message: str) -> None:
            name, line, col = where or self.sources.locate(self.sources.raw_path(path))
            self.problems.append(Problem(name, line, col, message))

        rel, error = _relative_path(written)
        if error:
            fail(f"{label} '{written}' {error}")
            return None
        ext = posixpath.splitext(rel)[1].lower()
        if ext not in ATTACHMENT_TYPES:
            kinds = ", ".join(ATTACHMENT_TYPES)
            fail(
                f"{label} '{written}' is not a document learners can be given; use one of "
                f"{kinds} (write a web page as Markdown .md: the build makes it a page)"
            )
            return None
        problem = self.served_file_problem(f"{label} '{written}'", rel)
        if problem is not None:
            fail(problem)
            return None
        if rel in self.attachment_data:
            return rel
        # The name it is served under (a Markdown file becomes a page) must not replace a
        # generated entry, and the file is read once, here, without following links.
        issue = asset_rules.name_issue(rel, images_only=False) or asset_rules.name_issue(
            markdown.attachment_href(rel), images_only=False
        )
        if issue is None:
            try:
                data = (
                    asset_rules.read_asset(self.load.root, rel)
                    if ext == ".md"
                    else asset_rules.load_asset(self.load.root, rel)
                )
            except OSError as error:
                issue = (
                    f"could not be read ({error.strerror or error}); a symbolic link or "
                    "special file is not packaged: copy the file itself in"
                )
        if issue is not None:
            fail(f"{label} '{written}' {issue}")
            return None
        if isinstance(data, bytes) and ext == ".md":
            try:
                data.decode("utf-8")
            except UnicodeDecodeError as error:
                fail(
                    f"{label} '{written}' is not UTF-8 text (byte {error.start + 1}); "
                    "save it as UTF-8 in your editor"
                )
                return None
        self.attachment_data[rel] = data
        return rel

    def notes_handouts(self) -> None:
        """A handout named in notes must be one of the course's handouts (title, id or file)."""
        known: dict[str, Attachment] = {}
        for handout in self.course.handouts:
            for key in (handout.title, str(handout.id), handout.file):
                known.setdefault(key, handout)
        titles = [h.title for h in self.course.handouts]
        for path, value in _walk_model(self.course, ()):
            if not isinstance(value, Notes):
                continue
            for i, name in enumerate(value.handouts):
                if name in known:
                    continue
                if titles:
                    listed = "; ".join(repr(t) for t in titles)
                    hint = f"name one of the course's handouts ({listed})"
                    hint += _did_you_mean(name, titles)
                else:
                    hint = "list it under 'handouts:' in course.yaml with 'title:' and 'file:'"
                message = f"handout {name!r} is not a handout of the course: {hint}"
                self.at((*path, "handouts", i), message)

    def links(self) -> None:
        """Markdown links to files of the course: packaged, or a problem where written."""
        for path, value in _walk_model(self.course, ()):
            if not isinstance(value, str) or ("](" not in value and "]:" not in value):
                continue  # no inline link nor link reference definition: nothing to parse
            seen: dict[str, int] = {}
            for ref in markdown.outline(value).references:
                if ref.kind != "link" or not markdown.is_local_file(ref.target):
                    continue
                written = unquote(ref.target)
                seen[written] = seen.get(written, 0) + 1
                raw = self.sources.raw_path(path)
                where = self.markdown_position(raw, written, seen[written], opener="[")
                target = unquote(ref.target.split("#")[0].split("?")[0])
                rel = self.attachment_file(target, "link to", path, where)
                if rel:
                    self.attached.add(rel)

    def markdown_position(
        self, raw: PathKey, target: str, nth: int, *, opener: str = "!["
    ) -> tuple[str, int, int]:
        """Where the nth ``![..](target)`` (or ``[..](target)``) of a Markdown text was
        written in its file."""
        doc, local = self.sources.document(raw)
        info = doc.values.get(local)
        if info is None:
            return self.sources.locate(raw)
        index = info.start
        for _ in range(nth):
            index = doc.text.find(target, index, info.end)
            if index < 0:
                return self.sources.locate(raw)
            index += 1
        start = doc.text.rfind(opener, info.start, index)
        index = start if start >= 0 else index - 1
        before = doc.text[:index]
        return doc.name, before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1


def _walk_model(value: Any, path: PathKey) -> Iterator[tuple[PathKey, Any]]:
    """Every Image object and every Markdown text in the model, with its model path."""
    if isinstance(value, BaseModel):
        yield path, value
        markdown_fields = _markdown_fields(type(value))
        for name in type(value).model_fields:
            child = getattr(value, name)
            if name in markdown_fields:
                if isinstance(child, str):
                    yield (*path, name), child
                elif isinstance(child, list):
                    for i, item in enumerate(child):
                        yield (*path, name, i), item
                elif isinstance(child, dict):  # the glossary: term -> definition
                    for key, item in child.items():
                        yield (*path, name, key), item
            else:
                yield from _walk_model(child, (*path, name))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _walk_model(item, (*path, i))


def _images_as_written(data: Any) -> Iterator[tuple[PathKey, Any]]:
    """Like :func:`_walk_model`, in data the model refused: the images (as unvalidated
    Image objects) and Markdown texts found where the model's fields say, as far as the data
    has the expected shape."""

    def walk(annotation: Any, raw: Any, path: PathKey) -> Iterator[tuple[PathKey, Any]]:
        annotation = _strip(annotation, raw)
        if get_origin(annotation) is list and isinstance(raw, list):
            for i, item in enumerate(raw):
                yield from walk(get_args(annotation)[0], item, (*path, i))
        if not _is_model(annotation) or not isinstance(raw, dict):
            return
        if annotation is Image and isinstance(raw.get("src"), str) and raw["src"].strip():
            yield path, Image.model_construct(src=raw["src"])
        for name, info in annotation.model_fields.items():
            child = raw.get(name)
            if child is None:
                continue
            if not _is_markdown(info.annotation, info.json_schema_extra):
                yield from walk(info.annotation, child, (*path, name))
            elif isinstance(child, str):
                yield (*path, name), child
            elif isinstance(child, list):
                yield from (
                    ((*path, name, i), t) for i, t in enumerate(child) if isinstance(t, str)
                )
            elif isinstance(child, dict):
                yield from (((*path, name, k), t) for k, t in child.items() if isinstance(t, str))

    return walk(Course, data, ())


@functools.cache
def _markdown_fields(model: type[BaseModel]) -> frozenset[str]:
    """The fields of ``model`` that hold Markdown (asked once per class, not per object)."""
    return frozenset(
        name
        for name, info in model.model_fields.items()
        if _is_markdown(info.annotation, info.json_schema_extra)
    )


def _is_markdown(annotation: Any, extra: Any = None) -> bool:
    if extra == {"format": "markdown"}:
        return True
    if get_origin(annotation) is Annotated:
        return any(
            getattr(m, "json_schema_extra", None) == {"format": "markdown"}
            for m in get_args(annotation)[1:]
        )
    return any(_is_markdown(arg) for arg in get_args(annotation))


# --- paths ----------------------------------------------------------------------------------


@functools.lru_cache(maxsize=8)
def _split_lines(text: str) -> list[str]:
    """A file's lines, split once however many problems are placed in it (a str caches its
    hash, so looking up the same file's text again is cheap)."""
    return text.splitlines()


def _relative_path(value: str) -> tuple[str, str | None]:
    """A path as written in a course file -> (normalised POSIX path, error message or None)."""
    if not value.strip():
        return "", "is empty"
    if "\\" in value:
        return "", "uses '\\' between folder names; use '/'"
    if value.startswith("/") or re.match(r"^[A-Za-z]:", value):
        return "", "is an absolute path; write it relative to the course folder"
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", value):
        return "", "is a URL; write a path relative to the course folder"
    rel = posixpath.normpath(value)
    if rel == ".." or rel.startswith("../"):
        return "", "is outside the course folder; files must be inside it"
    return rel, None


def _suggest(rel: str, candidates: list[str]) -> str:
    """A "did you mean" for a missing file: same name elsewhere, other extension, or close."""
    name = posixpath.basename(rel)
    stem = posixpath.splitext(name)[0]
    by_name = [c for c in candidates if posixpath.basename(c) == name]
    by_stem = [c for c in candidates if posixpath.splitext(posixpath.basename(c))[0] == stem]
    names = {posixpath.basename(c): c for c in reversed(candidates)}
    close = [names[n] for n in difflib.get_close_matches(name, list(names), n=1, cutoff=0.75)]
    found = by_name or by_stem or close
    # Not repr(): a path with a backslash must be shown as written, not doubled.
    return f" (did you mean '{found[0]}'?)" if found else ""
