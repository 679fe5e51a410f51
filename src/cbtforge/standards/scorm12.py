"""SCORM 1.2: the manifest writer (``cbtforge.manifest``), the limits, the runtime adapter."""

from __future__ import annotations

from ..manifest import build_manifest
from ..scormxsd import SCHEMA_FILES

NAME = "scorm12"
LABEL = "SCORM 1.2"
ADAPTER = "scorm.js"
SUSPEND_LIMIT = 4096
"""cmi.suspend_data: CMIString4096 (RTE 1.2 3.4.4)."""
SUSPEND_RULE = "RTE 1.2 3.4.4"

__all__ = ["ADAPTER", "LABEL", "NAME", "SCHEMA_FILES", "SUSPEND_LIMIT", "SUSPEND_RULE"]
__all__ += ["build_manifest"]
