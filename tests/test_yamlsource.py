"""YAML -> data + positions: YAML 1.2 scalars, duplicate keys, syntax errors as problems."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from cbtforge.yamlsource import YamlError, parse_yaml, read_yaml_file


def error_of(text: str) -> str:
    with pytest.raises(YamlError) as caught:
        parse_yaml(text, "f.yaml", expected="a chapter")
    return caught.value.problem.format()


# --- scalars --------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["true", "True", "TRUE", "tRuE"])
def test_true_in_any_case_is_a_boolean(text: str) -> None:
    assert parse_yaml(f"a: {text}\n", "f.yaml").data == {"a": True}


@pytest.mark.parametrize("text", ["false", "False", "FALSE"])
def test_false_is_a_boolean(text: str) -> None:
    assert parse_yaml(f"a: {text}\n", "f.yaml").data == {"a": False}


@pytest.mark.parametrize("text", ["yes", "No", "no", "on", "Off", "y", "N"])
def test_yaml_1_1_booleans_stay_text(text: str) -> None:
    # An option "No" in a poll must stay the text "No".
    assert parse_yaml(f"a: {text}\n", "f.yaml").data == {"a": text}


def test_numbers_null_and_text() -> None:
    text = (
        "int: 12\nneg: -3\noctal: 0o17\nhex: 0x1F\nleading_zero: 012\n"
        "float: 1.5\nexp: 1e3\ninf: .inf\nnan: .nan\n"
        "tilde: ~\nnull: null\nempty:\n"
        "time: 1:30\ndate: 2026-03-01\nquoted: '12'\nversion: 1.10\n"
    )
    data = parse_yaml(text, "f.yaml").data
    assert data["int"] == 12 and data["neg"] == -3
    assert data["octal"] == 15 and data["hex"] == 31
    assert data["leading_zero"] == 12  # YAML 1.2: decimal, not octal
    assert data["float"] == 1.5 and data["exp"] == 1000.0
    assert data["inf"] == math.inf and math.isnan(data["nan"])
    assert data["tilde"] is None and data["null"] is None and data["empty"] is None
    assert data["time"] == "1:30"  # no YAML 1.1 sexagesimal numbers
    assert data["date"] == "2026-03-01"  # no timestamps
    assert data["quoted"] == "12"
    assert data["version"] == 1.1


def test_keys_are_text_as_written() -> None:
    assert parse_yaml("1: a\nyes: b\nnull: c\n", "f.yaml").data == {
        "1": "a",
        "yes": "b",
        "null": "c",
    }


def test_block_scalars_and_flow_collections() -> None:
    doc = parse_yaml("body: |\n  one\n  two\nitems: [a, {b: 1}]\n", "f.yaml")
    assert doc.data == {"body": "one\ntwo\n", "items": ["a", {"b": 1}]}


def test_anchors_aliases_and_merge_keys() -> None:
    doc = parse_yaml("base: &b {x: 1, y: 2}\nuse:\n  <<: *b\n  y: 3\ncopy: *b\n", "f.yaml")
    assert doc.data["use"] == {"y": 3, "x": 1}
    assert doc.data["copy"] == {"x": 1, "y": 2}
    assert doc.position(("use", "x")) == (1, 14)  # where the merged value was written


def test_unsupported_tags_are_errors() -> None:
    assert error_of("a: !!binary aGk=\n") == (
        "f.yaml:1:4: unsupported tag '!!binary'; remove it (quote the value to make it text)"
    )
    assert error_of("a: !custom x\n").startswith("f.yaml:1:4: unsupported tag '!custom'")


def test_recursive_alias_is_an_error() -> None:
    assert error_of("a: &x [1, *x]\n") == (
        "f.yaml:1:4: an alias refers to the value that contains it"
    )


# --- positions ------------------------------------------------------------------------------


def test_positions_of_values_and_keys() -> None:
    text = "title: Hello\nscreens:\n  - type: content\n    body: |\n      Text\n"
    doc = parse_yaml(text, "f.yaml")
    assert doc.position(()) == (1, 1)
    assert doc.position(("title",)) == (1, 8)
    assert doc.key_position(("title",)) == (1, 1)
    assert doc.position(("screens", 0)) == (3, 5)
    assert doc.position(("screens", 0, "type")) == (3, 11)
    assert doc.key_position(("screens", 0, "body")) == (4, 5)
    assert doc.position(("screens", 0, "body")) == (4, 11)
    # A path that was not written resolves to the nearest ancestor that was.
    assert doc.position(("screens", 0, "missing", 3)) == (3, 5)


def test_positions_count_characters_not_bytes() -> None:
    doc = parse_yaml("t: [é, x]\n", "f.yaml")
    assert doc.position(("t", 1)) == (1, 8)


def test_scalar_source_text_is_kept() -> None:
    doc = parse_yaml("version: 1.10\nq: 'x'\n", "f.yaml")
    assert doc.values[("version",)].source == "1.10"
    assert doc.values[("q",)].style == "'"


# --- duplicate keys -------------------------------------------------------------------------


def test_duplicate_keys_are_reported_at_the_second_one() -> None:
    doc = parse_yaml("title: A\nbody: x\ntitle: B\nnested:\n  a: 1\n  a: 2\n", "f.yaml")
    assert [p.format() for p in doc.problems] == [
        "f.yaml:3:1: duplicate key 'title' (first written on line 1); "
        "each key may appear only once here",
        "f.yaml:6:3: duplicate key 'a' (first written on line 5); "
        "each key may appear only once here",
    ]
    assert doc.data["title"] == "A"


def test_no_duplicates_no_problems() -> None:
    assert parse_yaml("a: 1\nb: {a: 2}\n", "f.yaml").problems == []


# --- unusable files -------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "# only a comment\n", "---\n"])
def test_empty_file(text: str) -> None:
    assert error_of(text) == "f.yaml: file is empty; expected a chapter"


def test_top_level_must_be_a_mapping() -> None:
    assert error_of("- a\n- b\n") == "f.yaml:1:1: expected a chapter but found a list"
    assert (
        error_of("just text\n") == "f.yaml:1:1: expected a chapter but found the value 'just text'"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "title: Note: read this\n",
            "f.yaml:1:12: mapping values are not allowed here (is a ':' missing a space, "
            "is this line indented too far, or does text containing ': ' need quotes?)",
        ),
        (
            "title: x\nscreens:\n\t- a\n",
            "f.yaml:3:1: tab character; YAML must be indented with spaces, not tabs",
        ),
        (
            "a: 1\nb\nc: 2\n",
            "f.yaml:2:1: expected 'key: value' but this line has no ':' (is a ':' missing?)",
        ),
        (
            "a: 'unclosed\n",
            "f.yaml:1:4: quoted text is never closed (missing closing quote)",
        ),
        (
            'a: "C:\\path"\n',
            "f.yaml:1:8: unknown escape '\\p' in double-quoted text; use single quotes, "
            "or write '\\\\' for a backslash",
        ),
        (
            "title: [Draft] Intro\n",
            "f.yaml:1:16: unexpected text after a value (a text starting with a quote, '[' "
            "or '{' must be quoted as a whole)",
        ),
        (
            "a:\n  b: 1\n c: 2\n",
            "f.yaml:3:2: bad indentation: this line does not line up with the lines above it",
        ),
        (
            "a: 1\n- b\n",
            "f.yaml:2:1: a list item ('- ') where a 'key: value' line was expected; "
            "check the indentation",
        ),
        (
            "a: [1, 2\nb: 3\n",
            "f.yaml:1:4: a list in [brackets] is not closed properly "
            "(if this is text starting with '[', put it in quotes)",
        ),
        ("a: @home\n", "f.yaml:1:4: a value cannot start with '@'; put the whole text in quotes"),
        ("a: *nope\n", "f.yaml:1:4: unknown alias '*nope' (no '&nope' anchor before it)"),
        (
            "a: 1\n---\nb: 2\n",
            "f.yaml:2:1: only one YAML document per file is allowed (remove this '---')",
        ),
        (
            "body: |x\n",
            "f.yaml:1:8: after '|' or '>' the text must start on the next line, indented",
        ),
        (
            "options: - a\n",
            "f.yaml:1:10: a list item ('- ') must start on its own line, indented under its key",
        ),
        (
            "# A comment\nthis line lost its # mark\ntitle: x\n",
            "f.yaml:2:1: this file starts with text that is not a 'key: value' line "
            "(is a '#' missing at the start of a comment?)",
        ),
        (
            "a: \x07\n",
            "f.yaml:1:4: invalid character U+0007; control characters are not allowed in YAML "
            "(delete it)",
        ),
    ],
)
def test_syntax_errors_are_short_and_located(text: str, expected: str) -> None:
    assert error_of(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # YAML reads "-label: Fee" as text and stumbles on a later line ("bad indentation"):
        # the message points at the item and says what is missing.
        ("items:\n  -label: Fee\n  - label: Other\n", "f.yaml:2:3"),
        ("items:\n  - label: Other\n    body: x\n  -label: Fee\n    body: y\n", "f.yaml:4:3"),
        ("screens:\n  -label: Fee\n   body: x\n", "f.yaml:2:3"),
    ],
)
def test_a_list_item_without_a_space_after_the_dash_is_named(text: str, expected: str) -> None:
    assert (
        error_of(text) == f"{expected}: a list item needs a space after '-': write '- label: Fee'"
    )


def test_dash_keys_are_list_items_without_a_space() -> None:
    # Without a following item YAML parses "-label" as a key: the same message, at each one.
    doc = parse_yaml("items:\n  -label: Fee\n  -label: Other\n", "f.yaml")
    assert [p.format() for p in doc.problems] == [
        "f.yaml:2:3: a list item needs a space after '-': write '- label: Fee'",
        "f.yaml:3:3: a list item needs a space after '-': write '- label: Other'",
    ]
    assert doc.data == {"items": {}}


def test_negative_numbers_are_not_list_items_without_a_space() -> None:
    assert "list item" not in error_of("a:\n  b: 1\n -5\n")


def test_utf8_with_bom_is_fine(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes("\ufefftitle: Café\n".encode())
    assert read_yaml_file(path, "f.yaml").data == {"title": "Café"}


def test_latin1_file_is_reported_with_its_position(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes(b"a: 1\ntitle: Caf\xe9\n")
    with pytest.raises(YamlError) as caught:
        read_yaml_file(path, "f.yaml")
    assert caught.value.problem.format() == (
        "f.yaml:2:11: file is not UTF-8 text (byte 0xe9 cannot be read); "
        "save it with UTF-8 encoding"
    )


def test_utf16_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes("title: x\n".encode("utf-16"))
    with pytest.raises(YamlError) as caught:
        read_yaml_file(path, "f.yaml")
    assert "UTF-16" in caught.value.problem.message


def test_folder_instead_of_file(tmp_path: Path) -> None:
    with pytest.raises(YamlError) as caught:
        read_yaml_file(tmp_path, "x.yaml")
    assert caught.value.problem.format() == "x.yaml: is a folder, not a file"
