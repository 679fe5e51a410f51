"""``cbtforge preview``: the course, live, inside a strict SCORM 1.2 (or 2004) LMS emulator.

    server.py   builds into a temporary folder and serves it on 127.0.0.1 (long polling)
    watcher.py  rebuilds on every save of a course file or asset
    app.py      ties both together until Ctrl-C
    static/     the emulator page: runtime.js (the SCORM 1.2 runtime), profiles.js (LMS
                behaviours on top of it), runtime2004.js (the SCORM 2004 runtime), panel.js
                (the page), preview.css

Importing this package is cheap (the CLI reads the constants for ``--help``).
"""

from __future__ import annotations

PROFILES = ("strict", "moodle", "cornerstone", "successfactors", "openedx")
"""The LMS profiles of static/profiles.js, default first (a test keeps both lists equal)."""
DEFAULT_PORT = 8000
DEFAULT_IDLE_SECONDS = 30 * 60
"""The successfactors profile's idle time before the LMS session expires."""
