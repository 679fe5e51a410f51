"""The standard layer: what differs between SCORM 1.2 and SCORM 2004 4th Edition.

A standard is data plus a small writer (docs/architecture "Where the next parts go"): its
manifest, its data-model limits (the suspend_data budget the build's proof uses), the
player's runtime adapter and its schema files. The model, the compile steps and the player
core are shared; nothing else branches on the standard.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..course import Course

DEFAULT = "scorm12"
NAMES: tuple[str, ...] = ("scorm12", "scorm2004")


@dataclass(frozen=True)
class Standard:
    name: str
    label: str
    adapter: str
    """The player file that talks to the LMS (it replaces ``scorm.js`` in the bundle)."""
    suspend_limit: int
    suspend_rule: str
    """Where the standard sets that limit, for messages."""
    build_manifest: Callable[..., bytes]
    schema_files: tuple[str, ...]
    """The schema control files' names (infrastructure, never listed as SCO files)."""

    def manifest(self, course: Course, files: Sequence[str], *, launch: str) -> bytes:
        return self.build_manifest(course, files, launch=launch)

    def bundle_schemas(self) -> dict[str, bytes]:
        """The verified, cached schema files for ``build --with-schemas``."""
        if self.name == "scorm2004":
            from . import scorm2004xsd

            return scorm2004xsd.bundle_files()
        from .. import scormxsd

        return scormxsd.bundle_files()


def get(name: str | None) -> Standard:
    """The standard called ``name`` (None: the default, SCORM 1.2)."""
    name = name or DEFAULT
    if name == "scorm12":
        from . import scorm12 as module
    elif name == "scorm2004":
        from . import scorm2004 as module  # type: ignore[no-redef]
    else:
        raise ValueError(f"unknown standard {name!r}; choose one of {', '.join(NAMES)}")
    return Standard(
        name=module.NAME,
        label=module.LABEL,
        adapter=module.ADAPTER,
        suspend_limit=module.SUSPEND_LIMIT,
        suspend_rule=module.SUSPEND_RULE,
        build_manifest=module.build_manifest,
        schema_files=tuple(module.SCHEMA_FILES),
    )
