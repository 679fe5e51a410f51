"""Shared fixtures. Keep this small: fixtures used by one test file live in that file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from cbtforge.course import Course
from e2e.fixtures import (
    browser,
    build_course,
    context,
    lms,
    lms2004,
    lms_replayer,
    lms_server,
    page,
    playwright,
    pytest_runtest_makereport,
)

# The browser fixtures, defined once for tests/e2e and tests/preview (see e2e/fixtures.py).
__all__ = [
    "browser",
    "build_course",
    "context",
    "lms",
    "lms2004",
    "lms_replayer",
    "lms_server",
    "page",
    "playwright",
    "pytest_runtest_makereport",
]


@pytest.fixture(scope="session")
def scorm_schemas() -> Path:
    """The official SCORM 1.2 XSDs, downloaded once and cached across runs.

    A download failure fails the tests loudly: validating against the real schemas is the
    point of the tests that use this fixture, so skipping would hide a broken setup.
    """
    from cbtforge.scormxsd import fetch_schemas

    return fetch_schemas()


@pytest.fixture
def make_course() -> Callable[..., Course]:
    """Build a small valid Course; keyword arguments override top-level course fields."""

    def make(**overrides: Any) -> Course:
        data: dict[str, Any] = {
            "id": "customer-service",
            "title": "Customer Service Basics",
            "description": "How to greet, listen and follow up.",
            "version": "1.0",
            "language": "en",
            "chapters": [
                {
                    "title": "Introduction",
                    "screens": [{"type": "content", "title": "Welcome", "body": "Hello."}],
                }
            ],
            "final_quiz": {
                "mastery_score": 80,
                "questions": [{"type": "true_false", "prompt": "Listen first?", "correct": True}],
            },
        }
        data.update(overrides)
        return Course.model_validate(data)

    return make
