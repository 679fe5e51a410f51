"""Runs the emulator runtime's rule tests (``node --test tests/preview/``) from pytest."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_runtime_rules_in_node() -> None:
    node = shutil.which("node")
    assert node, "node is needed for the emulator's unit tests (Node.js 20 or newer)"
    result = subprocess.run(
        [node, "--test", "tests/preview/"], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    if result.returncode != 0:
        pytest.fail(f"node --test failed:\n{result.stdout[-20000:]}\n{result.stderr[-5000:]}")
    match = re.search(r"^# pass (\d+)", result.stdout, re.M)
    assert match and int(match.group(1)) >= 19, f"node ran too few tests:\n{result.stdout}"
