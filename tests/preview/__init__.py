"""Tests of ``cbtforge preview`` (src/cbtforge/preview): server, runtime, live reload, profiles."""
