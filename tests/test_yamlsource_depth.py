"""YAML nested a thousand levels deep: a located problem, never a RecursionError (issue 10)."""

from __future__ import annotations

import json

import pytest

from cbtforge.yamlsource import MAX_DEPTH, YamlError, parse_yaml


@pytest.mark.parametrize(
    "text",
    [
        "title: T\nchapters: " + "[" * 1500 + "]" * 1500 + "\n",
        "title: T\nx: " + "{a: " * 1500 + "1" + "}" * 1500 + "\n",
        "title: T\nchapters:\n" + "".join(" " * i + "-\n" for i in range(0, 3000, 2)),
    ],
    ids=["flow-lists", "flow-mappings", "block-lists"],
)
def test_deep_nesting_is_one_problem(text: str) -> None:
    with pytest.raises(YamlError) as caught:
        parse_yaml(text, "course.yaml")
    problem = caught.value.problem
    assert problem.path == "course.yaml"
    assert f"nested more than {MAX_DEPTH} levels deep" in problem.message


def test_the_level_past_the_limit_is_located() -> None:
    text = "title: T\nchapters: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n"
    with pytest.raises(YamlError) as caught:
        parse_yaml(text, "course.yaml")
    problem = caught.value.problem
    # chapters (1) + MAX_DEPTH list levels: the next "[" is too deep.
    assert (problem.line, problem.col) == (2, len("chapters: ") + MAX_DEPTH + 1)


def test_nesting_a_course_needs_is_fine() -> None:
    doc = parse_yaml("a: " + "[" * 20 + "1" + "]" * 20 + "\n", "c.yaml")
    assert doc.data["a"] == json.loads("[" * 20 + "1" + "]" * 20)
