"""The player's files as package data: ``cbtforge.player``.

This folder stays the one source of the player. The build maps it into the package
(``package-dir`` in pyproject.toml), and this file makes it a regular package, so that
``importlib.resources.files("cbtforge.player")`` finds it in a wheel, an sdist install and
an editable install alike. No Python code lives here.
"""
