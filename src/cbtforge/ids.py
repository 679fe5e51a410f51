"""Stable, SCORM-safe identifiers.

One id serves three masters: an XML ``xsd:ID`` / NCName in the manifest (letter first, no
colon), a SCORM 1.2 CMIIdentifier in ``cmi.interactions.n.id`` (no white space, at most 255
characters; RTE 1.2 section 3.4.2) and a readable bookmark in ``cmi.core.lesson_location``.
We therefore allow only ASCII letters, digits, ``_`` and ``-``, starting with a letter.
"""

from __future__ import annotations

import re
import unicodedata

ID_PATTERN = r"^[A-Za-z][A-Za-z0-9_-]*$"
ID_MAX_LENGTH = 48
_ID_RE = re.compile(ID_PATTERN)


def is_valid_id(value: str) -> bool:
    return bool(_ID_RE.match(value)) and len(value) <= ID_MAX_LENGTH


def slugify(title: str, *, prefix: str = "s", max_length: int = 40) -> str:
    """Derive an id from a title: lower case ASCII words joined by ``-``.

    Accents are folded ("Résumé" -> "resume"); a leading digit gets ``prefix`` in front
    ("1. Train well" -> "s1-train-well") so the result is always a valid NCName.
    """
    folded = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[A-Za-z0-9]+", folded.lower())
    slug = "-".join(words)[:max_length].strip("-")
    if not slug:
        slug = prefix
    elif not slug[0].isalpha():
        slug = f"{prefix}{slug}"[:max_length].strip("-")
    return slug


class IdAllocator:
    """Hands out unique ids: explicit ones are reserved first, derived ones get ``-2``, ``-3``.

    Reserving explicit ids first means adding an explicit id never renames a derived one
    elsewhere in the course, which keeps resume data and LMS interaction ids stable.
    """

    def __init__(self, reserved: set[str] | None = None) -> None:
        self._taken: set[str] = set(reserved or ())
        # Where the search for each base's next free suffix resumes: every smaller suffix
        # was taken when last tried and ids are never released, so the result is the same
        # as counting from 2, without 24,000 identical titles costing 24,000^2/2 tries.
        self._next: dict[str, int] = {}

    def derive(self, title: str, *, prefix: str = "s") -> str:
        base = slugify(title, prefix=prefix)
        n = self._next.get(base, 1)  # 1: the bare base, then base-2, base-3, ...
        while True:
            suffix = f"-{n}" if n > 1 else ""
            candidate = base[: ID_MAX_LENGTH - len(suffix)] + suffix if suffix else base
            if candidate not in self._taken:
                break
            n += 1
        self._next[base] = n
        self._taken.add(candidate)
        return candidate
