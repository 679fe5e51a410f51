"""The course model: the authoring format, typed.

Everything an instructional designer can write in ``course.yaml`` and the chapter files is
declared here, with a docstring per field (they become the descriptions in
``schemas/course.schema.json`` that editors show while typing). The model never renders
and never touches the file system: the loader feeds it, the compiler reads it.

Checks that need only one object live here as validators (an answer that is not one of the
options); checks across the course (duplicate ids, missing image files) live in the loader.
"""

from __future__ import annotations

import ast
import difflib
import inspect
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    RootModel,
    StringConstraints,
    Tag,
    ValidationInfo,
    field_validator,
    model_validator,
)

from .ids import ID_MAX_LENGTH, ID_PATTERN, IdAllocator

# --- field types ---------------------------------------------------------------------------

Id = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN, max_length=ID_MAX_LENGTH),
    Field(
        description=(
            "A stable identifier: ASCII letters, digits, '_' and '-', starting with a letter, "
            f"at most {ID_MAX_LENGTH} characters. Derived from the title when left out; give one "
            "explicitly to keep learners' saved progress valid when you rename a title."
        )
    ),
]
Markdown = Annotated[str, Field(json_schema_extra={"format": "markdown"})]
"""Text with Markdown (CommonMark): **bold**, *italic*, lists, links. Raw HTML is shown as text."""
Label = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
"""A short plain-text label (a button, an option, a field name)."""

# SCORM 1.2 `choice` responses are single characters 0-9a-z (RTE 1.2 3.4.4, CMIFeedback), and
# `likert` responses are one character: more than 26 letters cannot be reported faithfully.
MAX_OPTIONS = 26
# Reflections are kept verbatim in cmi.suspend_data (4,096 characters for the whole course).
MAX_FIELD_LENGTH = 2000


@lru_cache(maxsize=1)
def _attribute_docstrings() -> dict[str, dict[str, str]]:
    """``{class name: {field: docstring}}`` for the classes of this module, from one AST pass.

    Field docstrings are the schema's descriptions. pydantic's ``use_attribute_docstrings``
    would re-read and tokenize this file once per class at import, which cost every
    ``cbtforge`` command over 100 ms; the schema is the only consumer, so read them lazily.
    """
    tree = ast.parse(Path(__file__).read_text(encoding="utf-8"))
    docs: dict[str, dict[str, str]] = {}
    for node in tree.body:
        if not isinstance(node, ast.ClassDef):
            continue
        fields: dict[str, str] = {}
        for stmt, following in zip(node.body, node.body[1:], strict=False):
            if (
                isinstance(stmt, ast.AnnAssign)
                and isinstance(stmt.target, ast.Name)
                and isinstance(following, ast.Expr)
                and isinstance(following.value, ast.Constant)
                and isinstance(following.value.value, str)
            ):
                fields[stmt.target.id] = inspect.cleandoc(following.value.value)
        docs[node.name] = fields
    return docs


def _describe_fields(schema: dict[str, Any], model: type[BaseModel]) -> None:
    """JSON Schema hook: give each property its field docstring as description."""
    docs: dict[str, str] = {}
    for cls in reversed(model.__mro__):  # inherited fields keep their docstrings
        docs.update(_attribute_docstrings().get(cls.__name__, {}))
    for name, prop in schema.get("properties", {}).items():
        if name in docs and "description" not in prop:
            prop["description"] = docs[name]


class Model(BaseModel):
    """Base for every part of the authoring format: unknown keys are errors (typos surface)."""

    model_config = ConfigDict(
        extra="forbid",
        validate_default=True,
        str_strip_whitespace=False,
        json_schema_extra=_describe_fields,
    )


def _text_as_object(key: str) -> Any:
    """Let authors write a bare string where an object with one required ``key`` is expected."""

    def convert(value: Any) -> Any:
        return {key: value} if isinstance(value, str) else value

    return convert


def _did_you_mean(value: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(value, choices, n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


# --- shared parts ------------------------------------------------------------------------


class Image(Model):
    """An image from the course's own files, with its text alternative."""

    src: str = Field(min_length=1)
    """Path of the image, relative to the course folder (e.g. ``assets/oscar.png``)."""
    alt: str = ""
    """What the image shows, for people who cannot see it (WCAG 1.1.1). Required unless
    ``decorative: true``."""
    decorative: bool = False
    """True for a purely decorative image: screen readers skip it, and ``alt`` must be empty."""
    caption: Markdown | None = None
    """Optional caption shown under the image."""

    @model_validator(mode="after")
    def _alt_text(self) -> Image:
        if self.decorative and self.alt.strip():
            raise ValueError(
                "a decorative image must not have alt text: remove 'alt' or set decorative: false"
            )
        if not self.decorative and not self.alt.strip():
            raise ValueError(
                "image needs alt text: add 'alt: <what the image shows>', "
                "or 'decorative: true' if it carries no information"
            )
        return self


class Notes(Model):
    """Facilitator notes for instructor-led delivery; never shown to learners. They print in
    the facilitator guide (``cbtforge guide``)."""

    say: Markdown | None = None
    """What the trainer says or does ("What you need to say/do")."""
    know: Markdown | None = None
    """What the trainer needs to know: background, answers to expect ("What you need to
    know")."""
    minutes: float | None = Field(default=None, ge=0)
    """Time planned, in minutes. On a chapter: the chapter's time when its screens have none.
    On the course: time before the first chapter (welcome, introductions)."""
    slide: Label | None = None
    """The slide shown meanwhile, for classroom delivery (e.g. "2-5")."""
    handouts: list[Label] = []
    """Handouts used here: each the title, id or file of one of the course's ``handouts``."""


# Files a learner may be given: documents, not web pages or scripts (an .html or .svg file
# would run inside the LMS's origin). Markdown is turned into a printable page by the build.
ATTACHMENT_TYPES = (
    *(".pdf", ".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp", ".txt", ".csv", ".md"),
)


class Attachment(Model):
    """A file of the course folder handed to learners (PDF, DOCX, ... or Markdown, which
    becomes a printable page)."""

    id: Id | None = None
    title: Label
    """What the learner sees in the Resources list (e.g. "Handout 2-1: Self-Assessment Tool")."""
    file: str = Field(min_length=1)
    """Path relative to the course folder (e.g. ``handouts/2-1-self-assessment.md``). One of:
    .pdf, .docx, .xlsx, .pptx, .odt, .ods, .odp, .txt, .csv, or .md (Markdown, turned into a
    printable page)."""
    description: Markdown | None = None
    """One or two sentences on what the file is for."""


class Handout(Attachment):
    """A handout given out in class and listed in the facilitator guide; learners find it
    under Resources."""


class Resource(Attachment):
    """A reference document for learners (a job aid, an appendix), listed under Resources and
    printed in the participant guide."""


class Column(Model):
    """One column of a side-by-side screen (e.g. "What was done well" / "What could be better")."""

    heading: Label
    body: Markdown


class Option(Model):
    """An answer option. Write a bare string, or an object to add an id or feedback."""

    text: Markdown = Field(min_length=1)
    """The option as the learner sees it (inline Markdown)."""
    id: str | None = Field(default=None, pattern=r"^[A-Za-z0-9_-]{1,32}$")
    """Optional short key, so ``correct`` can name the option without repeating its text."""
    feedback: Markdown | None = None
    """Feedback shown when the learner chose this option."""


OptionInput = Annotated[
    Option, BeforeValidator(_text_as_object("text"), json_schema_input_type=str | Option)
]


class Feedback(Model):
    """Feedback after an answer is checked."""

    correct: Markdown | None = None
    """Shown when the answer is right."""
    incorrect: Markdown | None = None
    """Shown when the answer is wrong."""


def _match_option(value: str, options: list[Option]) -> int | None:
    wanted = value.strip()
    for index, option in enumerate(options):
        if wanted == (option.id or "") or wanted == option.text.strip():
            return index
    return None


def _not_an_option(value: str, options: list[Option]) -> ValueError:
    names = [o.text.strip() for o in options]
    listed = ", ".join(repr(n) for n in names)
    return ValueError(
        f"correct answer {value!r} is not one of the options ({listed}); "
        f"copy one of them exactly or use its id{_did_you_mean(value.strip(), names)}"
    )


# --- questions (final quiz and in-chapter knowledge checks) --------------------------------


class QuestionBase(Model):
    id: Id | None = None
    prompt: Markdown = Field(min_length=1)
    """The question."""
    feedback: Feedback = Feedback()
    """Feedback after the answer is checked."""
    weight: int = Field(default=1, ge=1, le=100)
    """How many points the question is worth."""


class SingleChoice(QuestionBase):
    """One correct option among several."""

    type: Literal["single"]
    options: list[OptionInput] = Field(min_length=2, max_length=MAX_OPTIONS)
    correct: str = Field(min_length=1)
    """The right option: its exact text or its id."""

    @field_validator("correct")
    @classmethod
    def _correct_is_an_option(cls, value: str, info: ValidationInfo) -> str:
        options = info.data.get("options")
        if options and _match_option(value, options) is None:
            raise _not_an_option(value, options)
        return value

    def correct_indexes(self) -> list[int]:
        index = _match_option(self.correct, self.options)
        assert index is not None  # guaranteed by the validator
        return [index]


class MultipleChoice(QuestionBase):
    """Several correct options; the learner must pick exactly those."""

    type: Literal["multiple"]
    options: list[OptionInput] = Field(min_length=2, max_length=MAX_OPTIONS)
    correct: list[str] = Field(min_length=1)
    """The right options: each one's exact text or id."""

    @field_validator("correct")
    @classmethod
    def _correct_are_options(cls, value: list[str], info: ValidationInfo) -> list[str]:
        options = info.data.get("options")
        if not options:
            return value
        seen: set[int] = set()
        for item in value:
            index = _match_option(item, options)
            if index is None:
                raise _not_an_option(item, options)
            if index in seen:
                raise ValueError(f"correct answer {item!r} is listed twice")
            seen.add(index)
        return value

    def correct_indexes(self) -> list[int]:
        indexes = (_match_option(item, self.options) for item in self.correct)
        return sorted(i for i in indexes if i is not None)


class TrueFalse(QuestionBase):
    """A statement that is true or false."""

    type: Literal["true_false"]
    correct: bool
    """``true`` or ``false``."""


# SCORM 1.2 reports matching as ``source.target`` pairs and sequencing as item letters, each
# one character 0-9a-z (RTE 1.2 3.4.4): matching items are numbered 1-9, matches lettered a-z,
# sequence items lettered a-z.
MAX_MATCH_ITEMS = 9
MAX_MATCHES = 26
MAX_SEQUENCE_ITEMS = 26
# A learner's number is kept in cmi.suspend_data as up to this many characters (4 bits each).
NUMERIC_MAX_LENGTH = 15
FILL_IN_MAX_LENGTH = 255  # SCORM 1.2 student_response is a CMIFeedback of 255 characters


class Numeric(QuestionBase):
    """A number the learner types (e.g. a calculation's result), right within a tolerance or
    a range. Recorded as a SCORM ``numeric`` interaction."""

    type: Literal["numeric"]
    correct: float | None = None
    """The right number (e.g. ``45``)."""
    tolerance: float = 0
    """Also accept answers within ``correct`` ± tolerance (default 0: exactly ``correct``)."""
    range: list[float] | None = Field(default=None, min_length=2, max_length=2)
    """Instead of ``correct``: the inclusive range of right answers, ``[low, high]``."""
    unit: Label | None = None
    """Text shown after the input box (e.g. "points", "%")."""

    @model_validator(mode="after")
    def _one_answer(self) -> Numeric:
        if (self.correct is None) == (self.range is None):
            raise ValueError(
                "a numeric question needs either 'correct: <number>' (with an optional "
                "'tolerance') or 'range: [low, high]', not both or neither"
            )
        if self.tolerance < 0:
            raise ValueError(f"tolerance must be 0 or more, not {self.tolerance:g}")
        if self.range is not None:
            if "tolerance" in self.model_fields_set:
                raise ValueError("'tolerance' goes with 'correct', not with 'range': remove it")
            low, high = self.range
            if low > high:
                raise ValueError(
                    f"range [{low:g}, {high:g}] has its low end above its high end; "
                    f"write it as [{high:g}, {low:g}]"
                )
        for value in self.bounds():
            if abs(value) >= 1e9:
                raise ValueError(
                    f"{value:g} is too large: numeric answers are kept to "
                    f"{NUMERIC_MAX_LENGTH} characters; use a smaller unit"
                )
        return self

    def bounds(self) -> tuple[float, float]:
        """The inclusive range of right answers."""
        if self.range is not None:
            return self.range[0], self.range[1]
        assert self.correct is not None  # guaranteed by the validator
        return self.correct - self.tolerance, self.correct + self.tolerance

    def answer_text(self) -> str:
        """The right answer in words: "45", "30 (± 1)" or "from 18 to 22"."""
        if self.range is not None:
            return f"from {decimal_text(self.range[0])} to {decimal_text(self.range[1])}"
        text = decimal_text(float(self.correct or 0))
        return f"{text} (± {decimal_text(self.tolerance)})" if self.tolerance else text

    def pattern(self) -> str:
        """The SCORM 1.2 correct-response pattern: the right value (a range's middle)."""
        low, high = self.bounds()
        value = self.correct if self.range is None else (low + high) / 2
        return decimal_text(float(value or 0))


def decimal_text(value: float) -> str:
    """A CMIDecimal without exponent or trailing zeros (``45``, ``-2.5``)."""
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _answers(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


class FillIn(QuestionBase):
    """A word or short phrase the learner types; right when it is one of the accepted
    answers. Recorded as a SCORM ``fill-in`` interaction."""

    type: Literal["fill_in"]
    correct: Annotated[
        list[Label], BeforeValidator(_answers, json_schema_input_type=str | list[str])
    ] = Field(default=[], max_length=20, validate_default=True)
    """The accepted answers: one text or a list (e.g. ``[Providers, Provider]``)."""
    case_sensitive: bool = False
    """true: capital letters must match. Spaces around and between words never matter."""
    max_length: int = Field(default=60, ge=1, le=FILL_IN_MAX_LENGTH)
    """Most characters the learner may type (kept in the LMS's suspend data)."""

    @model_validator(mode="after")
    def _answers_fit(self) -> FillIn:
        if not self.correct:
            raise ValueError(
                "a fill_in question needs an accepted answer: add 'correct: <answer>' "
                "or a list, 'correct: [answer, other spelling]'"
            )
        seen: set[str] = set()
        for answer in self.correct:
            if len(answer) > self.max_length:
                raise ValueError(
                    f"accepted answer {answer!r} is longer than max_length "
                    f"({self.max_length}); raise 'max_length' or shorten the answer"
                )
            key = self.normalize(answer)
            if key in seen:
                raise ValueError(f"accepted answer {answer!r} is listed twice")
            seen.add(key)
        return self

    def normalize(self, text: str) -> str:
        """How answers compare (player/questions/fill_in.js does the same)."""
        text = " ".join(text.split())
        return text if self.case_sensitive else text.lower()


class MatchPair(Model):
    """An item and the match that belongs to it."""

    item: Label
    """The premise shown on the left (e.g. "Sec. 4")."""
    match: Label
    """Its match, one of the choices of every item's list."""


class Matching(QuestionBase):
    """Items the learner matches, each with one of a list of matches (a select per item).
    Recorded as a SCORM ``matching`` interaction (``1.a,2.b``)."""

    type: Literal["matching"]
    pairs: list[MatchPair] = Field(min_length=2, json_schema_extra={"maxItems": MAX_MATCH_ITEMS})
    """Each item with its match, in the order shown. SCORM numbers items 1-9, so at most 9."""
    distractors: list[Label] = []
    """Extra matches that belong to no item (they make guessing harder)."""

    @model_validator(mode="after")
    def _unique(self) -> Matching:
        if len(self.pairs) > MAX_MATCH_ITEMS:
            raise ValueError(
                f"{len(self.pairs)} pairs are too many: SCORM 1.2 numbers matching items with "
                f"one character (1-{MAX_MATCH_ITEMS}); split the question in two"
            )
        _check_unique([p.item for p in self.pairs], "item")
        _check_unique(self.matches(), "match")
        if len(self.matches()) > MAX_MATCHES:
            raise ValueError(
                f"{len(self.matches())} matches (pairs and distractors) are too many: SCORM "
                f"letters them a-z, so at most {MAX_MATCHES}; remove some distractors"
            )
        return self

    def matches(self) -> list[str]:
        """Every match the lists offer: the pairs' matches, then the distractors."""
        return [p.match for p in self.pairs] + list(self.distractors)

    def pattern(self) -> str:
        return ",".join(f"{i + 1}.{chr(97 + i)}" for i in range(len(self.pairs)))


class Sequencing(QuestionBase):
    """Items the learner puts in order (Move up / Move down buttons). Recorded as a SCORM
    ``sequencing`` interaction (item letters in the learner's order)."""

    type: Literal["sequencing"]
    order: list[Label] = Field(min_length=2, json_schema_extra={"maxItems": MAX_SEQUENCE_ITEMS})
    """The items in their right order; learners see them shuffled. SCORM letters them a-z,
    so at most 26."""

    @field_validator("order")
    @classmethod
    def _unique(cls, order: list[str]) -> list[str]:
        if len(order) > MAX_SEQUENCE_ITEMS:
            raise ValueError(
                f"{len(order)} items are too many: SCORM 1.2 letters sequencing items with one "
                f"character (a-z), so at most {MAX_SEQUENCE_ITEMS}; split the question in two"
            )
        _check_unique(order, "item")
        return order

    def pattern(self) -> str:
        return ",".join(chr(97 + i) for i in range(len(self.order)))


Question = Annotated[
    SingleChoice | MultipleChoice | TrueFalse | Numeric | FillIn | Matching | Sequencing,
    Field(discriminator="type"),
]


# --- screens ------------------------------------------------------------------------------


class ScreenBase(Model):
    id: Id | None = None
    title: Label
    """The screen's heading."""
    notes: Notes | None = None
    """Facilitator notes and timing for instructor-led delivery."""


class ContentScreen(ScreenBase):
    """A screen of text, with an optional image, quotations or side-by-side columns."""

    type: Literal["content"]
    body: Markdown = ""
    """The screen's text."""
    image: Image | None = None
    quotes: list[Markdown] = []
    """Quotations, each shown as a block quote after the body."""
    columns: list[Column] = Field(default=[], max_length=3)
    """Side-by-side columns after the body (they stack on narrow screens)."""

    @model_validator(mode="after")
    def _not_empty(self) -> ContentScreen:
        if not (self.body.strip() or self.image or self.quotes or self.columns):
            raise ValueError("content screen is empty: add a body, an image, quotes or columns")
        return self


class RevealItem(Model):
    """A button and the panel it reveals."""

    label: Label
    """The button's text."""
    body: Markdown = Field(min_length=1)
    """What the button reveals."""


class RevealScreen(ScreenBase):
    """Click-to-reveal: each button opens its own panel."""

    type: Literal["reveal"]
    body: Markdown = ""
    """The prompt above the buttons (e.g. "Click each button for examples.")."""
    items: list[RevealItem] = Field(min_length=1)
    """The buttons, in order. One button makes a "click here for the answer" screen."""
    require_all: bool = False
    """If true, every panel must be opened before the learner may move on (linear navigation)."""

    @field_validator("items")
    @classmethod
    def _labels_unique(cls, items: list[RevealItem]) -> list[RevealItem]:
        _check_unique([i.label for i in items], "button label")
        return items


class Category(Model):
    """A category of a classifier, with the feedback for choosing it."""

    label: Label
    feedback: Markdown | None = None
    """Shown after the learner submits this category."""


CategoryInput = Annotated[
    Category, BeforeValidator(_text_as_object("label"), json_schema_input_type=str | Category)
]


class ClassifierScreen(ScreenBase):
    """A scenario the learner classifies into one of several categories (e.g. Customer Driven
    or Operations Driven), then sees whether it was right."""

    type: Literal["classifier"]
    body: Markdown = Field(min_length=1)
    """The scenario."""
    prompt: Label = "Choose the category that fits, then submit your answer."
    """The instruction above the categories."""
    categories: list[CategoryInput] = Field(min_length=2, max_length=MAX_OPTIONS)
    correct: Label
    """The right category's label."""
    scored: bool = False
    """True: counts toward the course score with the final quiz. False: practice only."""

    @field_validator("categories")
    @classmethod
    def _labels_unique(cls, categories: list[Category]) -> list[Category]:
        _check_unique([c.label for c in categories], "category")
        return categories

    @field_validator("correct")
    @classmethod
    def _correct_is_a_category(cls, value: str, info: ValidationInfo) -> str:
        categories = info.data.get("categories")
        if categories:
            labels = [c.label for c in categories]
            if value not in labels:
                listed = ", ".join(repr(label) for label in labels)
                raise ValueError(
                    f"correct category {value!r} is not one of the categories ({listed})"
                    f"{_did_you_mean(value, labels)}"
                )
        return value

    def correct_index(self) -> int:
        return [c.label for c in self.categories].index(self.correct)


class PollScreen(ScreenBase):
    """A question without a right answer (an opinion, a rating); recorded, never scored."""

    type: Literal["poll"]
    body: Markdown = ""
    """Text above the question."""
    question: Label
    options: list[Label] = Field(min_length=2, max_length=MAX_OPTIONS)

    @field_validator("options")
    @classmethod
    def _options_unique(cls, options: list[str]) -> list[str]:
        _check_unique(options, "option")
        return options


class ReflectionField(Model):
    """A free-text box."""

    label: Label
    """The field's visible label."""
    max_length: int = Field(default=300, ge=1, le=MAX_FIELD_LENGTH)
    """Most characters the learner may type (the text is saved in the LMS's 4,096-character
    suspend data, so keep it modest)."""
    lines: int = Field(default=2, ge=1, le=20)
    """Height of the box in lines."""
    required: bool = False
    """If true, the field must be filled before moving on (linear navigation)."""


FieldInput = Annotated[
    ReflectionField,
    BeforeValidator(_text_as_object("label"), json_schema_input_type=str | ReflectionField),
]


class ReflectionScreen(ScreenBase):
    """A prompt and free-text fields; the text is kept across sessions and reported to the LMS."""

    type: Literal["reflection"]
    body: Markdown = Field(min_length=1)
    """The prompt."""
    fields: list[FieldInput] = Field(min_length=1, max_length=20)
    keep_answers: bool = True
    """true: the answers are kept in the LMS's suspend data, so a learner finds them again
    on return (they count toward its 4,096 characters). false: they are reported to the LMS
    but not kept across sessions; the screen says so and offers the learner a copy (save or
    print). Use false for long written exercises."""

    @field_validator("fields")
    @classmethod
    def _labels_unique(cls, fields: list[ReflectionField]) -> list[ReflectionField]:
        _check_unique([f.label for f in fields], "field label")
        return fields


class QuestionScreen(ScreenBase):
    """A knowledge check inside a chapter: one question with immediate feedback."""

    type: Literal["question"]
    body: Markdown = ""
    """The scenario or text above the question."""
    question: Question
    scored: bool = False
    """True: counts toward the course score with the final quiz. False: practice only."""


class KnowledgeCheckScreen(ScreenBase):
    """Several questions on one screen inside a chapter (a unit quiz, a scenario check): each
    is checked on its own, with feedback for the option chosen; recorded in the LMS."""

    type: Literal["knowledge_check"]
    body: Markdown = ""
    """Text above the questions."""
    questions: list[Question] = Field(min_length=1, max_length=20)
    """The questions, in order."""
    retry: bool = True
    """true: after a wrong answer the learner may try the question again."""
    pass_required: bool = False
    """true: with linear navigation, Next waits until every question is answered right
    (needs ``retry: true``). false: answering every question is enough."""
    scored: bool = False
    """True: counts toward the course score with the final quiz. False: practice only."""

    @model_validator(mode="after")
    def _pass_needs_retry(self) -> KnowledgeCheckScreen:
        if self.pass_required and not self.retry:
            raise ValueError(
                "pass_required: true needs retry: true, or a learner who answers wrong "
                "could never go on; set retry: true or pass_required: false"
            )
        return self


# A rating's answer is reported as one character (SCORM 1.2 likert, RTE 1.2 3.4.4): a numeric
# scale's value in base 36 (0-9, a-z), a labelled point's position 1, 2, ... likewise.
MAX_SCALE_VALUE = 35
MAX_STATEMENTS = 20


class NumericScale(Model):
    """A scale of whole numbers, e.g. 0 to 10 for a Net Promoter Score question."""

    from_: int = Field(alias="from")
    """The lowest point (0 or more)."""
    to: int
    """The highest point (at most 35, so that each point is one character in the LMS)."""
    low: Label | None = None
    """What the lowest point means (e.g. "Not at all likely"), shown at that end."""
    high: Label | None = None
    """What the highest point means (e.g. "Extremely likely"), shown at that end."""

    model_config = ConfigDict(populate_by_name=True)

    @model_validator(mode="after")
    def _from_below_to(self) -> NumericScale:
        if self.from_ >= self.to:
            raise ValueError(
                f"the scale runs from {self.from_} to {self.to}; 'from' must be lower than "
                "'to' (e.g. from: 0, to: 10)"
            )
        if self.from_ < 0 or self.to > MAX_SCALE_VALUE:
            raise ValueError(
                f"the scale runs from {self.from_} to {self.to}, but each point is reported to "
                f"the LMS as one character (0-9, a-z), so a numeric scale lies within 0 to "
                f"{MAX_SCALE_VALUE}; shift it (e.g. from: 0, to: 10) or use labelled points"
            )
        return self

    def points(self) -> list[str]:
        return [str(v) for v in range(self.from_, self.to + 1)]


class LabelledScale(RootModel[list[Label]]):
    """Labelled points, lowest first."""

    root: list[Label] = Field(min_length=2, max_length=MAX_SCALE_VALUE)

    @field_validator("root")
    @classmethod
    def _labels_unique(cls, labels: list[str]) -> list[str]:
        _check_unique(labels, "scale point")
        return labels

    def points(self) -> list[str]:
        return list(self.root)


# The two shapes of a scale, told apart by the YAML's shape (a mapping or a list), so a mistake
# in one is not also reported as "not the other". The loader skips these tags in error
# locations (they are not places in the file).
SHAPE_TAG = "shape:"


def _scale_shape(value: Any) -> str:
    return SHAPE_TAG + ("labels" if isinstance(value, list | LabelledScale) else "numeric")


ScaleInput = Annotated[
    Annotated[NumericScale, Tag(SHAPE_TAG + "numeric")]
    | Annotated[LabelledScale, Tag(SHAPE_TAG + "labels")],
    Discriminator(_scale_shape),
]


class RatingScreen(ScreenBase):
    """One statement rated on a scale (a rating scale) or several statements on one scale (a
    rating grid); each rating is reported to the LMS as a likert interaction, never scored."""

    type: Literal["rating"]
    body: Markdown = ""
    """Text above the statements."""
    scale: ScaleInput
    """A numeric scale ``{from: 0, to: 10, low: ..., high: ...}`` or a list of labelled
    points, lowest first (``[Strongly disagree, Disagree, Neutral, Agree, Strongly agree]``)."""
    statements: list[Label] = Field(min_length=1, max_length=MAX_STATEMENTS)
    """What the learner rates: one statement, or several rated on the same scale."""
    required: bool = False
    """true: with linear navigation, every statement must be rated before moving on."""

    @field_validator("statements")
    @classmethod
    def _statements_unique(cls, statements: list[str]) -> list[str]:
        _check_unique(statements, "statement")
        return statements

    def points(self) -> list[str]:
        return self.scale.points()

    def ends(self) -> tuple[str | None, str | None]:
        """What the lowest and highest points mean (a numeric scale's low/high labels)."""
        if isinstance(self.scale, NumericScale):
            return self.scale.low, self.scale.high
        return None, None


# Media files a package may carry, by kind. MP4 and WebM cover every current browser (WebM
# first for Chromium builds without H.264); .m4a and .ogg are audio in the same containers.
VIDEO_TYPES = (".mp4", ".webm")
AUDIO_TYPES = (".mp3", ".m4a", ".ogg")


def _one_or_list(value: Any) -> Any:
    """Let authors write one path where a list of paths is expected."""
    return [value] if isinstance(value, str | dict) else value


class Captions(Model):
    """A WebVTT caption file for a media screen. Write its path, or an object to give its
    language and the label players show in their captions menu."""

    src: str = Field(min_length=1)
    """Path of the ``.vtt`` file, relative to the course folder (e.g. ``media/welcome.en.vtt``)."""
    lang: str | None = Field(default=None, pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
    """BCP 47 language of the captions (default: the course's ``language``)."""
    label: Label | None = None
    """The name in the player's captions menu (default: "Captions", or the language tag when
    there are several files)."""


CaptionsInput = Annotated[
    Captions, BeforeValidator(_text_as_object("src"), json_schema_input_type=str | Captions)
]
MediaSources = Annotated[
    list[str], BeforeValidator(_one_or_list, json_schema_input_type=str | list[str])
]


class MediaScreen(ScreenBase):
    """A video or an audio file of the course, played by the browser's own controls, with
    captions and a transcript (Section 508 / WCAG 1.2). Never starts by itself."""

    type: Literal["media"]
    body: Markdown = ""
    """Text above the player."""
    video: MediaSources = Field(default=[], max_length=4)
    """The video: one path, or the same video in several formats (``.webm``, ``.mp4``); the
    browser plays the first it can. List WebM first: some browsers cannot play H.264."""
    audio: MediaSources = Field(default=[], max_length=4)
    """Instead of ``video``: an audio file (``.mp3``, ``.m4a`` or ``.ogg``), or several formats."""
    poster: str | None = Field(default=None, min_length=1)
    """An image shown before the video plays (video only; e.g. ``media/welcome-poster.png``)."""
    captions: Annotated[
        list[CaptionsInput],
        BeforeValidator(_one_or_list, json_schema_input_type=str | list[Captions | str]),
    ] = Field(default=[], max_length=10)
    """WebVTT captions: a path, or a list of ``{src, lang, label}``. Required for a video
    with speech (WCAG 1.2.2)."""
    no_speech: bool = False
    """True when the media has no speech (music, a silent demonstration): then it needs no
    captions and no transcript."""
    transcript: Markdown | None = None
    """Everything said (and shown that matters), as text: required unless ``no_speech``.
    Learners open it under the player with "Show transcript"."""

    @model_validator(mode="after")
    def _accessible(self) -> MediaScreen:
        if bool(self.video) == bool(self.audio):
            raise ValueError(
                "a media screen plays one thing: give either 'video:' or 'audio:'"
                if self.video
                else "media screen has nothing to play: add 'video: <path>' or 'audio: <path>'"
            )
        if self.poster is not None and not self.video:
            raise ValueError("'poster' is shown before a video; audio has none: remove it")
        if self.no_speech and self.captions:
            raise ValueError(
                "no_speech: true says the media has no speech, yet it has captions: "
                "remove one of them"
            )
        if self.video and not self.captions and not self.no_speech:
            raise ValueError(
                "a video needs captions (Section 508, WCAG 1.2.2): add 'captions: "
                "<file>.vtt' (WebVTT), or 'no_speech: true' if nothing is said in it"
            )
        if not self.no_speech and not (self.transcript or "").strip():
            raise ValueError(
                "media with speech needs a transcript (Section 508, WCAG 1.2.1): add "
                "'transcript: |' with what is said, or 'no_speech: true' if nothing is said"
            )
        if len(self.captions) > 1:
            if any(c.lang is None for c in self.captions):
                raise ValueError(
                    "with several caption files, give each its language: "
                    "captions: [{src: ..., lang: en, label: English}, ...]"
                )
            _check_unique([str(c.lang) for c in self.captions], "captions language")
        return self


Screen = Annotated[
    ContentScreen
    | RevealScreen
    | ClassifierScreen
    | PollScreen
    | ReflectionScreen
    | QuestionScreen
    | KnowledgeCheckScreen
    | RatingScreen
    | MediaScreen,
    Field(discriminator="type"),
]
SCREEN_TYPES = (
    "content",
    "reveal",
    "classifier",
    "poll",
    "reflection",
    "question",
    "knowledge_check",
    "rating",
    "media",
)


def _check_unique(values: list[str], what: str) -> None:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise ValueError(f"{what} {value!r} appears twice; each must be different")
        seen.add(value)


# --- chapters, quiz, course ---------------------------------------------------------------


class ChapterCompletion(Model):
    """The chapter's closing screen with its "Complete Chapter" button."""

    title: Label | None = None
    """Heading of the closing screen (default: "<chapter title>: Complete Chapter")."""
    body: Markdown = Field(min_length=1)
    """Text before the button (e.g. "This completes the Introduction chapter...")."""
    after: Markdown | None = None
    """Text shown once the chapter is complete (e.g. what the next chapter covers)."""


class Section(Model):
    """A named part of a chapter (a topic of a unit): a title and its screens. The menu lists
    a chapter's sections and the progress line names the one the learner is in."""

    id: Id | None = None
    title: Label
    """The section's title (also the heading of its opening screen)."""
    intro: Markdown | bool = False
    """An opening screen headed by the section's title: ``true`` for the title alone, or the
    text to show under it. ``false`` (the default): the section starts with its first screen."""
    screens: list[Screen] = Field(min_length=1)
    """The section's screens, in order."""


class Chapter(Model):
    """A chapter: screens in order, then its "Complete Chapter" screen."""

    id: Id | None = None
    title: Label
    screens: list[Screen] = []
    """The chapter's screens, in order (before its sections, if it has any)."""
    sections: list[Section] = []
    """Named parts of the chapter, after its ``screens``: each a title and its own screens."""
    completion: ChapterCompletion | Literal[False] | None = None
    """The closing screen with its "Complete Chapter" button; a plain default is used when
    left out. ``false``: no closing screen, the chapter is complete once every screen is done."""

    @model_validator(mode="after")
    def _has_screens(self) -> Chapter:
        if not self.screens and not self.sections:
            raise ValueError(
                "chapter has no screens: add 'screens:' (a list of screens) or 'sections:'"
            )
        return self

    def all_screens(self) -> Iterator[tuple[tuple[str | int, ...], Any]]:
        """Every screen with its path inside the chapter, in the order learners see them."""
        for si, screen in enumerate(self.screens):
            yield ("screens", si), screen
        for k, section in enumerate(self.sections):
            for si, screen in enumerate(section.screens):
                yield ("sections", k, "screens", si), screen

    notes: Notes | None = None
    """Facilitator notes for the chapter as a whole (its opening, its total time)."""
    materials: list[Label] = []
    """Equipment and supplies this chapter needs in the classroom (e.g. "Flipchart")."""


def _from_file(value: Any) -> Any:
    # course.yaml may name a file instead of writing a part inline; the loader replaces the
    # name by the file's content before validation, so a string here was never loaded.
    if isinstance(value, str):
        raise ValueError(
            f"file {value!r} was not loaded: load courses with cbtforge.loader.load_course"
        )
    return value


ChapterInput = Annotated[Chapter, BeforeValidator(_from_file, json_schema_input_type=str | Chapter)]


class Pool(Model):
    """A question bank: each attempt of the final quiz asks ``draw`` of its questions, a new
    draw for every attempt (the same one when the learner resumes)."""

    id: Id | None = None
    title: Label | None = None
    """A name for authors (e.g. "Deal Makers"); learners do not see it."""
    draw: int = Field(ge=1, le=200)
    """How many of the pool's questions each attempt asks."""
    questions: list[Question] = Field(min_length=1, max_length=200)
    """The pool's questions (more than ``draw``, so that a retake can ask others)."""

    @model_validator(mode="after")
    def _draw_fits(self) -> Pool:
        if self.draw > len(self.questions):
            raise ValueError(
                f"draw: {self.draw} asks for more questions than the pool's "
                f"{len(self.questions)}; lower 'draw' or add questions"
            )
        return self


class FinalQuiz(Model):
    """The scored final quiz. Its score is the course score reported to the LMS."""

    id: Id = "final-quiz"
    title: Label = "Final Quiz"
    body: Markdown = ""
    """Introduction shown before the first question."""
    mastery_score: int = Field(default=80, ge=0, le=100)
    """Passing score in percent (0-100); written to the manifest as adlcp:masteryscore."""
    attempts: int | Literal["unlimited"] = "unlimited"
    """How many times the learner may take the quiz: a number (1 or more) or "unlimited"."""
    shuffle_questions: bool = False
    """Present questions in a different order on each attempt."""
    shuffle_options: bool = False
    """Present options in a different order on each attempt."""
    show_answers: bool = True
    """After an attempt, show each question's right answer and feedback."""
    pass_message: Markdown = "You passed the final quiz."
    fail_message: Markdown = "You did not reach the passing score."
    questions: list[Question] = Field(default=[], max_length=200)
    """Questions every attempt asks."""
    pools: list[Pool] = []
    """Question banks: each attempt also asks ``draw`` questions drawn from each pool."""

    @model_validator(mode="after")
    def _has_questions(self) -> FinalQuiz:
        if not self.questions and not self.pools:
            raise ValueError("the quiz has no questions: add 'questions:' or 'pools:'")
        return self

    def all_questions(self) -> Iterator[tuple[tuple[str | int, ...], Any]]:
        """Every question with its path in the quiz: the fixed ones, then each pool's."""
        for qi, question in enumerate(self.questions):
            yield ("questions", qi), question
        for k, pool in enumerate(self.pools):
            for qi, question in enumerate(pool.questions):
                yield ("pools", k, "questions", qi), question

    notes: Notes | None = None
    """Facilitator notes for the quiz in class (its time, how to run it)."""

    @field_validator("attempts")
    @classmethod
    def _attempts_positive(cls, value: int | str) -> int | str:
        if isinstance(value, int) and value < 1:
            raise ValueError('attempts must be 1 or more, or "unlimited"')
        return value


QuizInput = Annotated[
    FinalQuiz, BeforeValidator(_from_file, json_schema_input_type=str | FinalQuiz)
]

EVALUATION_SCREEN_TYPES = ("content", "poll", "reflection", "rating")


class Certificate(Model):
    """A certificate of completion the learner can print (e.g. for continuing education).
    It shows the learner's name as the LMS gives it, the date it was earned, the course and
    the credit; it appears in the menu once earned."""

    title: Label = "Certificate of Completion"
    """The certificate's heading."""
    credit: Label | None = None
    """What the learner earned, e.g. "1.0 hour of continuing education"."""
    issuer: Label | None = None
    """Who issues it, e.g. "Texas A&M AgriLife Extension Service"."""
    signers: list[Label] = Field(default=[], max_length=4)
    """Who may sign it: each gets a signature line with this caption (e.g. "Supervisor")."""
    earned_on: Literal["completion", "passing"] = "passing"
    """passing: earned by passing the final quiz. completion: earned once every chapter is
    complete (and the quiz passed, if the course has one)."""
    body: Markdown = ""
    """Optional text on the certificate, under the course title."""


# --- glossary ------------------------------------------------------------------------------

# A term is a word, an acronym or a short phrase; the build finds it in screen text, so a
# sentence-long "term" would never match and only slow the search down.
GLOSSARY_TERM_MAX = 60
# A definition is shown inside the sentence where its term is used: a few lines at most.
GLOSSARY_DEFINITION_MAX = 1000


def _glossary_term(value: str) -> str:
    if not value.strip():
        raise ValueError("a glossary term must not be empty")
    if value != value.strip():
        raise ValueError(f"glossary term {value!r} starts or ends with spaces: remove them")
    if any(ch in value for ch in "\n\r\t") or not value.isprintable():
        raise ValueError(f"glossary term {value!r} holds a line break or a control character")
    if len(value) > GLOSSARY_TERM_MAX:
        raise ValueError(
            f"glossary term {value[:30] + '...'!r} is too long: at most {GLOSSARY_TERM_MAX} "
            f"characters (found {len(value)}); a term is a word, an acronym or a short phrase: "
            "put the rest in its definition"
        )
    if not any(ch.isalnum() for ch in value):
        raise ValueError(
            f"glossary term {value!r} has no letter or digit; a term is a word, an acronym or "
            "a short phrase"
        )
    return value


def _glossary_definition_given(value: Any) -> Any:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise ValueError("the definition is empty: write what the term means after its colon")
    return value


def _glossary_definition(value: str) -> str:
    from . import markdown  # the model never renders; this only asks what the text is

    if len(value) > GLOSSARY_DEFINITION_MAX:
        raise ValueError(
            f"the definition is too long: at most {GLOSSARY_DEFINITION_MAX} characters "
            f"(found {len(value)}); it opens inside the sentence where the term is used"
        )
    if not markdown.is_one_paragraph(value):
        raise ValueError(
            "the definition opens inside the sentence where the term is used, so it must be "
            "one paragraph: remove blank lines, lists, headings and quotes (bold, italic, "
            "links and code are fine)"
        )
    return value


GlossaryTerm = Annotated[
    str,
    AfterValidator(_glossary_term),
    # The validators say what is wrong in the author's words; the schema tells editors.
    Field(json_schema_extra={"minLength": 1, "maxLength": GLOSSARY_TERM_MAX}),
]
GlossaryDefinition = Annotated[
    str,
    BeforeValidator(_glossary_definition_given),
    AfterValidator(_glossary_definition),
    Field(json_schema_extra={"format": "markdown"}),
]


def _glossary_sort_key(term: str) -> tuple[str, str]:
    return (term.casefold(), term)


class Course(Model):
    """A course: chapters of screens, then an optional scored final quiz and evaluation."""

    id: Id | None = None
    title: Label
    description: str = ""
    """Plain-text summary for the LMS catalogue."""
    version: str = Field(default="1.0", min_length=1, max_length=32)
    """The course's version, shown in the LMS catalogue (e.g. "1.0", "2026-03")."""
    language: str = Field(default="en", pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
    """BCP 47 language tag of the course text (e.g. "en", "en-US", "es")."""
    duration_minutes: int | None = Field(default=None, ge=1, le=10000)
    """Typical time to complete, in minutes (catalogue metadata)."""
    keywords: list[Label] = []
    """Catalogue keywords."""
    publisher: str | None = None
    """The organisation responsible for the course (e.g. "State of Arizona")."""
    standard: Literal["scorm12", "scorm2004"] | None = None
    """The package format `cbtforge build` writes when no --standard is given: scorm12
    (SCORM 1.2, the default) or scorm2004 (SCORM 2004 4th Edition)."""
    navigation: Literal["free", "linear"] = "free"
    """free: go anywhere. linear: Next only after a screen's interaction is done, chapters in
    order, the final quiz once every chapter is complete."""
    lettered_options: bool = False
    """true: the options of questions (in chapters, knowledge checks and the final quiz) are
    shown and announced with letters, "A.", "B.", "C." in the order shown. Write the option
    text without its letter."""
    chapters: list[ChapterInput] = Field(min_length=1)
    """The chapters in order: each one a path to a chapter file (``chapters/intro.yaml``) or
    written inline."""
    final_quiz: QuizInput | None = None
    """The scored final quiz: written inline, or a path to a quiz file (``quiz.yaml``)."""
    evaluation: ChapterInput | None = None
    """An optional course evaluation offered after the final quiz: content, poll and
    reflection screens; never required, never scored."""
    certificate: Certificate | None = None
    """A printable certificate for learners who complete the course (see its fields)."""
    notes: Notes | None = None
    """Facilitator notes for the course as a whole (printed before the first chapter)."""
    materials: list[Label] = []
    """Equipment and supplies for classroom delivery (e.g. "LCD projector and screen")."""
    handouts: list[Handout] = []
    """Handouts: files of the course folder, packaged and listed under Resources."""
    resources: list[Resource] = []
    """Reference documents (job aids, appendices): files of the course folder, packaged,
    listed under Resources and printed in the participant guide."""
    glossary: dict[GlossaryTerm, GlossaryDefinition] = {}
    """Terms and what they mean (``CX: Customer experience ...``): each term is written as it
    appears in the text, its definition is one paragraph of Markdown. Where a term first
    appears on a screen, learners can open its definition in place; the Glossary button
    lists every term, and the printed guides add a glossary."""

    @field_validator("evaluation")
    @classmethod
    def _evaluation_screens(cls, value: Chapter | None) -> Chapter | None:
        if value is not None:
            for _, screen in value.all_screens():
                if screen.type not in EVALUATION_SCREEN_TYPES:
                    raise ValueError(
                        f"the evaluation may only hold {', '.join(EVALUATION_SCREEN_TYPES)} "
                        f"screens, not {screen.type!r}"
                    )
        return value

    @field_validator("certificate")
    @classmethod
    def _certificate_needs_a_quiz(
        cls, value: Certificate | None, info: ValidationInfo
    ) -> Certificate | None:
        if value and value.earned_on == "passing" and not info.data.get("final_quiz"):
            raise ValueError(
                "earned_on: passing needs a final quiz; add 'final_quiz:' "
                "or set earned_on: completion"
            )
        return value

    @field_validator("glossary")
    @classmethod
    def _terms_differ_in_more_than_case(cls, value: dict[str, str]) -> dict[str, str]:
        seen: dict[str, str] = {}
        for term in value:
            first = seen.setdefault(term.casefold(), term)
            if first != term:
                raise ValueError(
                    f"glossary terms {first!r} and {term!r} differ only in case: keep one "
                    "(an acronym written in capitals matches only as written; other terms "
                    "match in any case)"
                )
        return value

    @model_validator(mode="after")
    def _derive_ids(self) -> Course:
        assign_ids(self)
        return self

    @property
    def mastery_score(self) -> int | None:
        return self.final_quiz.mastery_score if self.final_quiz else None

    def all_chapters(self) -> list[Chapter]:
        return [*self.chapters, *([self.evaluation] if self.evaluation else [])]

    def attachments(self) -> list[tuple[str, int, Attachment]]:
        """Handouts then resources: (field name, index, attachment)."""
        return [
            *(("handouts", i, a) for i, a in enumerate(self.handouts)),
            *(("resources", i, a) for i, a in enumerate(self.resources)),
        ]

    def glossary_entries(self) -> list[tuple[str, str]]:
        """The glossary as (term, definition), alphabetically (case ignored)."""
        return sorted(self.glossary.items(), key=lambda item: _glossary_sort_key(item[0]))

    def screens(self) -> Iterator[tuple[Chapter, Any]]:
        for chapter in self.all_chapters():
            for _, screen in chapter.all_screens():
                yield chapter, screen


def iter_ids(course: Course) -> Iterator[tuple[tuple[str | int, ...], Any, str]]:
    """Every id-bearing object: (model path, object, title it derives its id from)."""
    yield ("id",), course, course.title
    for ci, chapter in enumerate(course.chapters):
        yield from _chapter_ids(("chapters", ci), chapter)
    if course.evaluation:
        yield from _chapter_ids(("evaluation",), course.evaluation)
    if course.final_quiz:
        yield ("final_quiz",), course.final_quiz, course.final_quiz.title
        for k, pool in enumerate(course.final_quiz.pools):
            yield ("final_quiz", "pools", k), pool, pool.title or f"pool {k + 1}"
        for n, (path, question) in enumerate(course.final_quiz.all_questions()):
            yield ("final_quiz", *path), question, f"q{n + 1}"
    # Last, so adding handouts never changes the ids derived for anything else.
    for name, index, attachment in course.attachments():
        yield (name, index), attachment, attachment.title


def _chapter_ids(
    base: tuple[str | int, ...], chapter: Chapter
) -> Iterator[tuple[tuple[str | int, ...], Any, str]]:
    yield base, chapter, chapter.title
    for si, screen in enumerate(chapter.screens):
        yield from _screen_ids((*base, "screens", si), screen)
    for k, section in enumerate(chapter.sections):
        yield (*base, "sections", k), section, section.title
        for si, screen in enumerate(section.screens):
            yield from _screen_ids((*base, "sections", k, "screens", si), screen)


def _screen_ids(
    path: tuple[str | int, ...], screen: Any
) -> Iterator[tuple[tuple[str | int, ...], Any, str]]:
    yield path, screen, screen.title
    if isinstance(screen, QuestionScreen):
        yield (*path, "question"), screen.question, screen.title
    if isinstance(screen, KnowledgeCheckScreen):
        for qi, question in enumerate(screen.questions):
            yield (*path, "questions", qi), question, f"{screen.title} {qi + 1}"


def assign_ids(course: Course) -> None:
    """Give every object without an explicit id one derived from its title.

    Explicit ids are reserved first so they never collide with derived ones; duplicates
    among explicit ids are left for the loader to report with their positions.
    """
    items = list(iter_ids(course))
    allocator = IdAllocator({obj.id for _, obj, _ in items if obj.id})
    for path, obj, title in items:
        if obj.id:
            continue
        if isinstance(obj, QuestionBase):
            obj.id = allocator.derive(title, prefix="q")
        elif path == ("id",):
            obj.id = allocator.derive(title, prefix="c").replace("-", "_")
        else:
            obj.id = allocator.derive(title)
