"""End-to-end tests: packages run in a real SCORM 1.2 runtime (scorm-again) in Chromium.

lms.py is the harness (server, host page driver, sessions, relaunch), strict.py the strict
SCORM 1.2 checker, conftest.py the fixtures. See lms.py's docstring for a full example.
"""
