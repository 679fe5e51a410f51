"""Course folders crafted to make the build slow (issue 10): linear work, same results.

bench/hostile.py prints the timings; these tests hold what the fixes must not change (ids,
warning positions) on inputs at the review's size.
"""

from __future__ import annotations

from pathlib import Path

import hostile
from cbtforge.build import compile_course
from cbtforge.ids import IdAllocator, slugify


def _ids_counting_from_two(titles: list[str], reserved: set[str]) -> list[str]:
    """The allocator's contract, written the slow way: the first free of base, base-2, ..."""
    taken, out = set(reserved), []
    for title in titles:
        base = slugify(title)
        candidate, n = base, 2
        while candidate in taken:
            candidate = f"{base[: 48 - len(f'-{n}')]}-{n}"
            n += 1
        taken.add(candidate)
        out.append(candidate)
    return out


def test_derived_ids_are_the_same_as_counting_from_two() -> None:
    titles = ["Same"] * 50 + ["Other", "Same", "same-7", "Same"] + ["A" * 60] * 12
    reserved = {"same-2", "same-5", "same-9"}
    allocator = IdAllocator(reserved)
    assert [allocator.derive(t) for t in titles] == _ids_counting_from_two(titles, reserved)


def test_twenty_four_thousand_identical_titles() -> None:
    """72 s before (each id tried -2, -3, ... from 2 again); the ids run on in order. (The
    whole build of such a course is timed in bench/hostile.py.)"""
    allocator = IdAllocator()
    ids = [allocator.derive("Same") for _ in range(24_000)]
    assert ids == ["same", *(f"same-{n}" for n in range(2, 24_001))]


def test_links_in_one_long_paragraph_are_placed_on_their_lines(tmp_path: Path) -> None:
    """Each link copied the rest of the token list, and each warning searched the
    paragraph from its top (20,000 links: 9 s before; bench/hostile.py times them)."""
    compiled = compile_course(hostile.many_links(tmp_path, count=2_000))
    vague = [w for w in compiled.warnings if "link text 'here'" in w.message]
    assert len(vague) == 200
    # The body starts on line 8 of course.yaml; link i is on line 8 + i, every tenth vague.
    assert [(w.line, w.col) for w in vague[:3]] == [(8, 11), (18, 11), (28, 11)]
    assert (vague[-1].line, vague[-1].col) == (8 + 1_990, 11)
