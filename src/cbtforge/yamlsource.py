"""YAML text -> plain Python data plus the position of every value.

PyYAML composes the node tree; we walk the nodes ourselves so that we can

* remember where every value (and every mapping key) was written, for ``file:line:col``
  messages about values that only fail later, in the model;
* report duplicate keys, which PyYAML silently resolves to the last one;
* follow YAML 1.2's core schema instead of YAML 1.1: only ``true``/``false`` are booleans
  (an answer option "No" stays the text "No"), no sexagesimal numbers (``1:30`` stays text),
  no dates (``2026-03-01`` stays text), ``012`` is twelve. This is also what editors using
  the JSON Schema (yaml-language-server) assume, so what they accept is what we accept.

Positions are 1-based ``(line, col)``; columns count characters, as editors do.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import Problem

PathKey = tuple[str | int, ...]
"""Where a value sits in the data: mapping keys and list indexes from the top."""

Position = tuple[int, int]

# A few thousand values is a large course file; this only stops alias bombs
# ("billion laughs") from expanding into gigabytes.
MAX_VALUES = 200_000
# A course nests about 8 levels (chapters, screens, items, ...); past this it is hostile or a
# mistake, and every recursive step after the parser (model, loader) would have to cope.
MAX_DEPTH = 64
_TOO_DEEP = (
    f"values are nested more than {MAX_DEPTH} levels deep; a course needs about 8: "
    "check the brackets and the indentation"
)

_TAG = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL = (f"{_TAG}{t}" for t in ("str", "int", "float", "bool", "null"))
MAP, SEQ, MERGE = f"{_TAG}map", f"{_TAG}seq", f"{_TAG}merge"


class _Loader(yaml.SafeLoader):
    """SafeLoader whose implicit typing follows the YAML 1.2 core schema (plus ``<<`` merges)."""

    yaml_implicit_resolvers: ClassVar[dict[str, list[tuple[str, re.Pattern[str]]]]] = {}


# libyaml's parser is ~10x faster than PyYAML's pure-Python one (a 1,000-screen course
# spends most of its load time composing nodes). Typing stays in Python (the resolver is
# shared), so both loaders give the same tree; syntax errors are re-parsed with the Python
# parser, whose messages (and our hints keyed on them) are the ones we test and document.
_FastBase: Any = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader


class _FastLoader(_FastBase):  # type: ignore[misc]
    yaml_implicit_resolvers: ClassVar[dict[str, list[tuple[str, re.Pattern[str]]]]] = {}


def _resolver(tag: str, pattern: str, first: list[str]) -> None:
    for loader in (_Loader, _FastLoader):
        loader.add_implicit_resolver(tag, re.compile(pattern, re.X), first)


# Spelled out by hand (not copied from SafeLoader) because the 1.1 rules are exactly what
# we want to get rid of. Case-insensitive true/false: "True" and "TRUE" are what people type.
_resolver(BOOL, r"^(?:[Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee])$", list("tTfF"))
_resolver(INT, r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", list("-+0123456789"))
_resolver(
    FLOAT,
    r"""^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?
        |[-+]?\.(?:inf|Inf|INF)
        |\.(?:nan|NaN|NAN))$""",
    list("-+0123456789."),
)
# "" is the key PyYAML uses for empty plain scalars ("title:" with nothing after it).
_resolver(NULL, r"^(?:~|null|Null|NULL|)$", [*"~nN", ""])
_resolver(MERGE, r"^<<$", ["<"])


@dataclass(frozen=True)
class NodeInfo:
    """Where one value was written."""

    line: int
    col: int
    start: int  # character offsets of the value in the file's text
    end: int
    style: str | None  # None (plain), "'", '"', "|" or ">" for scalars; None for collections
    source: str | None  # a scalar as written (before typing), e.g. "1.10"; None for collections


@dataclass
class YamlDocument:
    """One parsed YAML file: its data and where each part of it was written."""

    name: str
    """The file as shown in problems."""
    text: str
    data: Any = None
    values: dict[PathKey, NodeInfo] = field(default_factory=dict)
    keys: dict[PathKey, Position] = field(default_factory=dict)
    """For a mapping entry's path, where its key was written."""
    problems: list[Problem] = field(default_factory=list)
    """Problems that did not stop parsing (duplicate keys)."""

    def position(self, path: PathKey) -> Position:
        """Where the value at ``path`` (or its nearest written ancestor) starts."""
        for n in range(len(path), -1, -1):
            info = self.values.get(path[:n])
            if info is not None:
                return info.line, info.col
        return 1, 1

    def key_position(self, path: PathKey) -> Position:
        """Where the key of the mapping entry at ``path`` was written (else its value)."""
        return self.keys.get(path) or self.position(path)

    def problem(self, path: PathKey, message: str, *, at_key: bool = False) -> Problem:
        line, col = self.key_position(path) if at_key else self.position(path)
        return Problem(self.name, line, col, message)


class YamlError(Exception):
    """The text cannot be used at all; carries the one problem that says why."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(problem.format())


def parse_yaml(
    text: str, name: str, *, expected: str = "a mapping of 'key: value' lines"
) -> YamlDocument:
    """Parse ``text`` (the contents of file ``name``) whose top level must be a mapping.

    Raises :class:`YamlError` for a syntax error, an empty file or a top level that is not a
    mapping; duplicate keys and similar mistakes are returned in ``problems`` with the data.
    ``expected`` describes the top-level mapping for the messages ("a chapter").
    """
    text = text.removeprefix("\ufeff")
    try:
        try:
            root = yaml.compose(text, Loader=_FastLoader)  # safe loaders: no Python objects
        except yaml.YAMLError:
            # Also covers the rare text libyaml refuses but PyYAML accepts: then PyYAML's
            # tree is used, exactly as before the fast path existed.
            try:
                root = yaml.compose(text, Loader=_Loader)
            except yaml.YAMLError as error:
                raise YamlError(_syntax_problem(error, text, name)) from None
    except RecursionError:
        # PyYAML's parser recurses once per level: "[[[[..." a thousand deep exhausts it.
        raise YamlError(Problem(name, 0, 0, _TOO_DEEP)) from None
    doc = YamlDocument(name=name, text=text)
    if root is None or (isinstance(root, ScalarNode) and root.tag == NULL and not root.value):
        raise YamlError(Problem(name, 0, 0, f"file is empty; expected {expected}"))
    if not isinstance(root, MappingNode):
        line, col = root.start_mark.line + 1, root.start_mark.column + 1
        raise YamlError(
            Problem(name, line, col, f"expected {expected} but found {_node_kind(root)}")
        )
    walker = _Walker(doc)
    doc.data = walker.value(root, ())
    return doc


def read_yaml_file(
    path: Path, name: str, *, expected: str = "a mapping of 'key: value' lines"
) -> YamlDocument:
    """Read and parse a UTF-8 YAML file; every failure is a :class:`YamlError`."""
    if path.is_dir():
        raise YamlError(Problem(name, 0, 0, "is a folder, not a file"))
    try:
        raw = path.read_bytes()
    except OSError as error:
        reason = error.strerror or str(error)
        raise YamlError(Problem(name, 0, 0, f"cannot read the file: {reason}")) from None
    return parse_yaml(decode_utf8(raw, name), name, expected=expected)


def decode_utf8(raw: bytes, name: str) -> str:
    """Bytes -> text, or a :class:`YamlError` telling the author to save the file as UTF-8."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise YamlError(
            Problem(name, 0, 0, "file is saved as UTF-16; save it as UTF-8 (without BOM)")
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        col = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        byte = raw[error.start]
        message = (
            f"file is not UTF-8 text (byte 0x{byte:02x} cannot be read); "
            "save it with UTF-8 encoding"
        )
        raise YamlError(Problem(name, line, col, message)) from None


# --- walking nodes --------------------------------------------------------------------------


class _Walker:
    def __init__(self, doc: YamlDocument) -> None:
        self.doc = doc
        self.count = 0
        self.active: set[int] = set()  # nodes being walked, to catch recursive aliases

    def value(self, node: Node, path: PathKey) -> Any:
        if len(path) > MAX_DEPTH:
            raise YamlError(self._problem(node, _TOO_DEEP))
        self.count += 1
        if self.count > MAX_VALUES:
            raise YamlError(
                self._problem(node, f"too many values (over {MAX_VALUES}); are aliases nested?")
            )
        mark = node.start_mark
        is_scalar = isinstance(node, ScalarNode)
        self.doc.values[path] = NodeInfo(
            line=mark.line + 1,
            col=mark.column + 1,
            start=mark.index,
            end=node.end_mark.index,
            style=(node.style or None) if is_scalar else None,
            source=node.value if is_scalar else None,
        )
        if is_scalar:
            return self.scalar(node)
        if id(node) in self.active:
            raise YamlError(self._problem(node, "an alias refers to the value that contains it"))
        self.active.add(id(node))
        try:
            if isinstance(node, SequenceNode):
                self._expect_tag(node, SEQ, "list")
                return [self.value(item, (*path, i)) for i, item in enumerate(node.value)]
            assert isinstance(node, MappingNode)
            self._expect_tag(node, MAP, "mapping")
            return self.mapping(node, path)
        finally:
            self.active.discard(id(node))

    def mapping(self, node: MappingNode, path: PathKey) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        merged: list[MappingNode] = []
        for key_node, value_node in node.value:
            if key_node.tag == MERGE:
                merged.extend(self._merge_sources(value_node))
                continue
            key = self.key(key_node)
            line = key_node.start_mark.line + 1
            if key.startswith("-"):
                # "-label: Fee" is the key "-label" to YAML; the author meant a list item.
                tight = _dash_without_space(self.doc.text, line - 1, self.doc.name)
                if tight is not None and tight.line == line:
                    self.doc.problems.append(tight)
                    continue
            if key in first_seen:
                self.doc.problems.append(
                    self._problem(
                        key_node,
                        f"duplicate key {key!r} (first written on line {first_seen[key]}); "
                        "each key may appear only once here",
                    )
                )
                # Keep the first value: its position is the one problems will point at.
                continue
            first_seen[key] = line
            self.doc.keys[(*path, key)] = (line, key_node.start_mark.column + 1)
            result[key] = self.value(value_node, (*path, key))
        # "<<: *defaults" fills in keys the mapping does not write itself (YAML merge key).
        for source in merged:
            for key_node, value_node in source.value:
                key = self.key(key_node)
                if key not in result:
                    self.doc.keys[(*path, key)] = (
                        key_node.start_mark.line + 1,
                        key_node.start_mark.column + 1,
                    )
                    result[key] = self.value(value_node, (*path, key))
        return result

    def _merge_sources(self, node: Node) -> list[MappingNode]:
        nodes = node.value if isinstance(node, SequenceNode) else [node]
        for item in nodes:
            if not isinstance(item, MappingNode):
                raise YamlError(self._problem(item, "'<<' must be followed by a mapping alias"))
        return nodes

    def key(self, node: Node) -> str:
        if not isinstance(node, ScalarNode):
            raise YamlError(
                self._problem(node, f"a key must be plain text, not {_node_kind(node)}")
            )
        # Keys are names in this format: keep them as written ("1", "yes", "null" included).
        return str(node.value)

    def scalar(self, node: ScalarNode) -> Any:
        tag, text = node.tag, node.value
        try:
            if tag == STR:
                return text
            if tag == NULL:
                return None
            if tag == BOOL:
                return text.lower() == "true"
            if tag == INT:
                return _int(text)
            if tag == FLOAT:
                return _float(text)
        except ValueError:
            raise YamlError(
                self._problem(node, f"{text!r} is not a valid {_show_tag(tag)} value")
            ) from None
        raise YamlError(
            self._problem(
                node,
                f"unsupported tag {_show_tag(tag)!r}; remove it (quote the value to make it text)",
            )
        )

    def _expect_tag(self, node: Node, tag: str, kind: str) -> None:
        if node.tag != tag:
            raise YamlError(
                self._problem(node, f"unsupported tag {_show_tag(node.tag)!r} on a {kind}")
            )

    def _problem(self, node: Node, message: str) -> Problem:
        mark = node.start_mark
        return Problem(self.doc.name, mark.line + 1, mark.column + 1, message)


def _int(text: str) -> int:
    if text.startswith("0o"):
        return int(text[2:], 8)
    if text.startswith("0x"):
        return int(text[2:], 16)
    return int(text, 10)


def _float(text: str) -> float:
    lowered = text.lower()
    if lowered.endswith(".inf"):
        return -math.inf if lowered.startswith("-") else math.inf
    if lowered == ".nan":
        return math.nan
    return float(text)


def _show_tag(tag: str) -> str:
    """Tags as authors write them: ``!!binary``, not ``tag:yaml.org,2002:binary``."""
    return "!!" + tag.removeprefix(_TAG) if tag.startswith(_TAG) else tag


def _node_kind(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    return f"the value {node.value!r}"


# --- syntax errors --------------------------------------------------------------------------

_NO_TOKEN = re.compile(r"found character '(.+)' that cannot start any token")


def _syntax_problem(error: yaml.YAMLError, text: str, name: str) -> Problem:
    """A PyYAML error as one short message at the most useful position."""
    if isinstance(error, yaml.reader.ReaderError):
        line, col = _line_col(text, error.position)
        return Problem(
            name,
            line,
            col,
            f"invalid character U+{error.character:04X}; control characters are not allowed "
            "in YAML (delete it)"
            if isinstance(error.character, int)
            else "invalid character; control characters are not allowed in YAML",
        )
    assert isinstance(error, yaml.MarkedYAMLError)
    problem = error.problem or ""
    context = error.context or ""
    mark = error.problem_mark or error.context_mark
    message = _explain(problem, context)
    # Some errors are only noticed later (end of file, next line); the construct that
    # started them is what the author must fix.
    starts_earlier = (
        ("quoted scalar" in context and "end of stream" in problem)
        or "flow" in context
        or "simple key" in context
    )
    if starts_earlier and error.context_mark is not None:
        mark = error.context_mark
    if problem.startswith("expected '<document start>'"):
        # Noticed at the first key; the stray text is the first line that is not a comment.
        for number, line in enumerate(text.splitlines(), 1):
            if line.strip() and not line.lstrip().startswith("#"):
                return Problem(name, number, len(line) - len(line.lstrip()) + 1, message)
    if mark is None:
        return Problem(name, 0, 0, message)
    dash = _dash_without_space(text, mark.line, name)
    if dash is not None:
        return dash
    return Problem(name, mark.line + 1, mark.column + 1, message)


# "-label: Fee": a list item whose '-' touches its text (not "---", not a negative number).
_TIGHT_DASH = re.compile(r"^( *)-(?=[^\s\d.-])(.*)$")


def _dash_without_space(text: str, line: int, name: str) -> Problem | None:
    """A list item written without the space after '-' on the 0-based ``line`` of a syntax
    error or just above it (PyYAML reads it as text and stumbles on a later line)."""
    lines = text.splitlines()
    for number in range(min(line, len(lines) - 1), max(line - 3, -1), -1):
        found = _TIGHT_DASH.match(lines[number])
        if found:
            indent, rest = found.groups()
            message = f"a list item needs a space after '-': write '- {rest.strip()}'"
            return Problem(name, number + 1, len(indent) + 1, message)
    return None


def _explain(problem: str, context: str) -> str:
    tab = _NO_TOKEN.match(problem)
    if (tab and tab.group(1) == "\\t") or "tab" in problem:
        return "tab character; YAML must be indented with spaces, not tabs"
    if tab:
        char = tab.group(1)
        return f"a value cannot start with {char!r}; put the whole text in quotes"
    if problem == "mapping values are not allowed here":
        return (
            "mapping values are not allowed here (is a ':' missing a space, is this line "
            "indented too far, or does text containing ': ' need quotes?)"
        )
    if problem == "could not find expected ':'":
        return "expected 'key: value' but this line has no ':' (is a ':' missing?)"
    if "quoted scalar" in context and "end of stream" in problem:
        return "quoted text is never closed (missing closing quote)"
    if problem.startswith("found unknown escape character"):
        char = problem.rsplit(" ", 1)[-1].strip("'")
        return (
            f"unknown escape '\\{char}' in double-quoted text; use single quotes, "
            "or write '\\\\' for a backslash"
        )
    if problem.startswith("found undefined alias"):
        alias = problem.rsplit(" ", 1)[-1].strip("'")
        return f"unknown alias '*{alias}' (no '&{alias}' anchor before it)"
    if context == "expected a single document in the stream":
        return "only one YAML document per file is allowed (remove this '---')"
    if "flow sequence" in context:
        return (
            "a list in [brackets] is not closed properly "
            "(if this is text starting with '[', put it in quotes)"
        )
    if "flow mapping" in context:
        return (
            "a mapping in {braces} is not closed properly "
            "(if this is text starting with '{', put it in quotes)"
        )
    if context == "while scanning an alias" or context == "while scanning an anchor":
        return "'*' and '&' start aliases and anchors; put text starting with them in quotes"
    if problem.startswith("expected <block end>, but found '-'"):
        return "a list item ('- ') where a 'key: value' line was expected; check the indentation"
    if problem.startswith("expected <block end>, but found '<scalar>'"):
        return (
            "unexpected text after a value (a text starting with a quote, '[' or '{' must be "
            "quoted as a whole)"
        )
    if context == "while scanning a block scalar":
        return "after '|' or '>' the text must start on the next line, indented"
    if problem == "sequence entries are not allowed here":
        return "a list item ('- ') must start on its own line, indented under its key"
    if problem.startswith("expected the node content"):
        char = problem.rsplit(" ", 1)[-1]
        return f"unexpected {char}; put the whole text in quotes"
    if problem.startswith("expected '<document start>'"):
        return (
            "this file starts with text that is not a 'key: value' line "
            "(is a '#' missing at the start of a comment?)"
        )
    if problem.startswith("expected <block end>") or problem.startswith("did not find expected"):
        return "bad indentation: this line does not line up with the lines above it"
    return f"YAML syntax error: {problem or context}"


def _line_col(text: str, index: int) -> Position:
    before = text[:index]
    return before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1
