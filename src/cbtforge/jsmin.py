"""The player's scripts, minified: whitespace and comments out, names local to a function
shortened (calmjs.parse, an ES5 parser and printer), one file at a time.

Shortening local names is what keeps the player within its 20 KB (gzipped) budget as it
grows: whitespace-only minifiers leave every ``function(state, chapter, screen)`` spelt out.
Each file is an IIFE over the shared ``CBT`` namespace, so globals and property names stay
as written and files never depend on each other's local names. Parsing costs about 0.1 s a
file, so results are cached by content (the same source always gives the same output,
whatever the cache holds: builds stay deterministic).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from importlib import metadata
from pathlib import Path


def cache_dir() -> Path:
    """Where minified files are kept between builds."""
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache).expanduser() / "cbtforge" / "player-min"


# shadow_funcname lets a local reuse the name of the function it is in; drop_semi leaves out
# the semicolons before a closing brace. Part of the cache key: other options, other output.
OPTIONS = {
    "obfuscate": True,
    "obfuscate_globals": False,
    "shadow_funcname": True,
    "drop_semi": True,
}


def _key(source: str) -> str:
    version = metadata.version("calmjs.parse")
    options = ",".join(f"{k}={v}" for k, v in sorted(OPTIONS.items())) + ",end=;"
    return hashlib.sha256(f"calmjs.parse {version} {options}\n{source}".encode()).hexdigest()


def minify(source: str) -> str:
    """``source`` (one of the player's ES5 scripts) minified, names local to functions
    shortened; from the cache when this exact source was minified before."""
    path = cache_dir() / f"{_key(source)}.js"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        pass
    from calmjs.parse import es5
    from calmjs.parse.unparsers.es5 import minify_print

    # Files are concatenated: without its final semicolon (drop_semi), a file's closing
    # ``(...)`` would call the next file's opening ``(function ...)``.
    result = minify_print(es5(source), **OPTIONS).rstrip(";") + ";\n"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".min-", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(result)
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only home: minify again next time
    return result
