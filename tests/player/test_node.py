"""Runs the player's pure-module unit tests (``node --test tests/player/``) from pytest."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from course_fixtures import FIXTURES, HERE, payload  # type: ignore[import-not-found]

ROOT = HERE.parents[1]


def test_node_unit_tests_pass() -> None:
    node = shutil.which("node")
    assert node, "node is needed for the player's unit tests (Node.js 20 or newer)"
    result = subprocess.run(
        [node, "--test", "tests/player/"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if result.returncode != 0:
        pytest.fail(f"node --test failed:\n{result.stdout[-20000:]}\n{result.stderr[-5000:]}")
    match = re.search(r"^# pass (\d+)", result.stdout, re.M)
    assert match and int(match.group(1)) > 0, f"node ran no tests:\n{result.stdout}"


def test_node_fixtures_match_the_compiler() -> None:
    for name, course_dir in FIXTURES.items():
        committed = (HERE / "fixtures" / f"{name}.json").read_text(encoding="utf-8")
        assert committed == payload(course_dir), (
            f"tests/player/fixtures/{name}.json is stale: run .venv/bin/python "
            "tests/player/course_fixtures.py"
        )
