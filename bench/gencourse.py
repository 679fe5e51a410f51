"""Generate a large synthetic course (default 1,000 screens) for the benchmarks.

The mix of screen types follows a typical compliance course: mostly text, with a reveal,
a classifier, a poll or a knowledge check every few screens and a reflection now and then.
"""

from __future__ import annotations

import argparse
from pathlib import Path

LOREM = (
    "Customers rely on us for a product or a service. Every contact is a *moment of truth*: "
    "it can become a moment of misery or a moment of magic. **Service recovery** starts the "
    "moment we notice a problem."
)


def _screen(n: int) -> str:
    kind = n % 10
    title = f"Screen {n}: topic {n // 10}"
    if kind == 3:
        return f"""  - type: reveal
    title: "{title}"
    body: Click each button to see an example.
    require_all: true
    items:
      - label: Expectation
        body: "{LOREM}"
      - label: Reality
        body: "- parking was full\\n- the drinks ran out"
"""
    if kind == 5:
        return f"""  - type: classifier
    title: "{title}"
    body: "{LOREM}"
    categories:
      - label: Customer Driven
        feedback: The organisation bent a rule to meet a real need.
      - label: Operations Driven
        feedback: Policy came first.
    correct: Customer Driven
"""
    if kind == 7:
        return f"""  - type: poll
    title: "{title}"
    question: How concerned is your agency?
    options: [Top concern, Moderate concern, Low concern]
"""
    if kind == 9:
        return f"""  - type: question
    title: "{title}"
    body: "{LOREM}"
    question:
      type: single
      prompt: Who is a customer?
      options: [Anyone who relies on you, Only people who pay, Nobody]
      correct: Anyone who relies on you
"""
    if n % 100 == 50:
        return f"""  - type: reflection
    title: "{title}"
    body: Write down one idea.
    fields:
      - label: My idea
        max_length: 80
"""
    return f"""  - type: content
    title: "{title}"
    body: |
      {LOREM}

      - one point
      - another point
"""


def generate(target: Path, screens: int = 1000, per_chapter: int = 50) -> Path:
    """Write a course with ``screens`` screens into ``target``; returns ``target``."""
    (target / "chapters").mkdir(parents=True, exist_ok=True)
    chapter_files = []
    for c, start in enumerate(range(0, screens, per_chapter)):
        name = f"chapters/{c + 1:03d}.yaml"
        chapter_files.append(name)
        body = "".join(_screen(n) for n in range(start, min(start + per_chapter, screens)))
        (target / name).write_text(f'title: "Chapter {c + 1}"\nscreens:\n{body}', encoding="utf-8")
    questions = "".join(
        f"    - type: true_false\n      prompt: Statement {q} is true.\n      correct: true\n"
        for q in range(20)
    )
    (target / "course.yaml").write_text(
        "id: bench_large\n"
        f'title: "Benchmark course, {screens} screens"\n'
        "navigation: linear\n"
        "chapters:\n"
        + "".join(f"  - {name}\n" for name in chapter_files)
        + f"final_quiz:\n  mastery_score: 80\n  questions:\n{questions}",
        encoding="utf-8",
    )
    return target


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("target", type=Path)
    parser.add_argument("--screens", type=int, default=1000)
    args = parser.parse_args()
    print(generate(args.target, args.screens))
