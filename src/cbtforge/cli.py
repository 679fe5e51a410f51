"""The ``cbtforge`` command. Thin click commands; the one place Problems become stderr lines
and an exit code (0 ok, 1 the input has errors, 2 usage)."""

from __future__ import annotations

import shlex
import signal
import sys
import time
from collections.abc import Callable, Iterable
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from .errors import Problem, ProblemsError, sort_problems, visible
from .package import PackageError, upload_warning
from .preview import DEFAULT_IDLE_SECONDS, DEFAULT_PORT, PROFILES
from .standards import NAMES as STANDARDS

if TYPE_CHECKING:
    from .build import CompiledCourse

F = TypeVar("F", bound=Callable[..., Any])


def _human_size(size: int) -> str:
    return f"{size / 1024:.1f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.2f} MB"


def _report(problems: Iterable[Problem]) -> tuple[int, int]:
    """Print problems to stderr; returns (errors, warnings)."""
    errors = warnings = 0
    for problem in sort_problems(problems):
        click.echo(problem.format(), err=True)
        if problem.is_error:
            errors += 1
        else:
            warnings += 1
    return errors, warnings


def _exit_on_signal(signum: int, _frame: object) -> None:
    raise SystemExit(128 + signum)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _summary(compiled: CompiledCourse) -> str:
    course = compiled.course
    parts = [
        _plural(len(course.chapters), "chapter"),
        _plural(compiled.screen_count, "screen"),
        _plural(compiled.question_count, "quiz question"),
    ]
    if course.evaluation:
        parts.append(
            f"an evaluation of {_plural(len(list(course.evaluation.all_screens())), 'screen')}"
        )
    return ", ".join(parts)


def _fail_on_problems(func: F, *, outcome: str = "nothing was written") -> F:
    """Turn ProblemsError and file-system errors into clean messages and exit code 1.

    ``outcome`` ends the summary line: what the failure means for this command."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ProblemsError as exc:
            errors, warnings = _report(exc.problems)
            summary = _plural(errors, "error")
            if warnings:
                summary += f", {_plural(warnings, 'warning')}"
            click.echo(f"cbtforge: {summary}; {outcome}.", err=True)
            sys.exit(1)
        except PackageError as exc:
            click.echo(visible(f"cbtforge: {exc}"), err=True)
            sys.exit(1)
        except OSError as exc:
            where = f"{exc.filename}: " if exc.filename else ""
            click.echo(visible(f"cbtforge: {where}{exc.strerror or exc}"), err=True)
            sys.exit(1)
        except RuntimeError as exc:
            # scormxsd.SchemaFetchError (network or checksum); imported lazily because
            # urllib is slow to import and only `fetch-schemas` needs it.
            from .scormxsd import SchemaFetchError

            if not isinstance(exc, SchemaFetchError):
                raise
            click.echo(f"cbtforge: {exc}", err=True)
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


def _not_valid(func: F) -> F:
    """``validate`` writes nothing anyway: its failure says that the course is not valid."""
    return _fail_on_problems(func, outcome="the course is not valid")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="cbtforge", prog_name="cbtforge")
def main() -> None:
    """Compile courses written as YAML + Markdown into SCORM 1.2 or 2004 packages."""


@main.command(short_help="Build a course folder into a SCORM zip.")
@click.argument("course_dir", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Zip to write (default: dist/<course-id>.zip).",
)
@click.option(
    "--with-schemas",
    is_flag=True,
    help="Also put the four SCORM 1.2 XSD files at the zip root, as the ADL test suite "
    "expects (run `cbtforge fetch-schemas` first). LMSs do not need them.",
)
@click.option(
    "--standard",
    type=click.Choice(STANDARDS),
    default=None,
    help="Package format: scorm12 (SCORM 1.2) or scorm2004 (SCORM 2004 4th Edition). "
    "Default: the course's `standard:`, else scorm12.",
)
@_fail_on_problems
def build(course_dir: Path, output: Path | None, with_schemas: bool, standard: str | None) -> None:
    """Build COURSE_DIR (the folder holding course.yaml) into a SCORM zip."""
    from .build import compile_course, default_output, write_zip

    # SIGTERM (a CI job cancelled, `kill`) unwinds like Ctrl-C, so the temporary zip is
    # removed; kill -9 cannot be caught: the next build removes what it left.
    signal.signal(signal.SIGTERM, _exit_on_signal)
    compiled = compile_course(course_dir, with_schemas=with_schemas, standard=standard)
    _report(compiled.warnings)
    out = output or default_output(compiled.course)
    size = write_zip(compiled, out)
    too_big = upload_warning(size, compiled.entries)
    if too_big:
        click.echo(visible(f"{out}: warning: {too_big}"), err=True)
    label = "SCORM 2004 4th Edition" if compiled.standard == "scorm2004" else "SCORM 1.2"
    click.echo(f"Wrote {out} ({_human_size(size)}, {label}): {_summary(compiled)}.")


@main.command(short_help="Check a course folder or a built zip.")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@_not_valid
def validate(path: Path) -> None:
    """Check a course folder (the model) or a built zip (a SCORM 1.2 or 2004 package).

    Errors and warnings are printed as file:line:col: message. Exit code 1 when
    there is an error.
    """
    if path.is_file() and path.suffix.lower() == ".zip":
        from .validate import validate_package

        problems = validate_package(path)
        errors, warnings = _report(problems)
        if errors:
            click.echo(
                f"{path}: {_plural(errors, 'error')}, {_plural(warnings, 'warning')}.", err=True
            )
            sys.exit(1)
        from .standards.validate2004 import package_standard

        label = "SCORM 2004 4th Edition" if package_standard(path) == "scorm2004" else "SCORM 1.2"
        click.echo(f"{path}: valid {label} package ({_plural(warnings, 'warning')}).")
        return

    from .build import compile_course

    compiled = compile_course(path)
    errors, warnings = _report(compiled.warnings)
    course = compiled.course
    click.echo(
        f"{path}: course '{course.id}' is valid: {_summary(compiled)} "
        f"({_plural(warnings, 'warning')})."
    )


@main.command(short_help="Create an example course to start from.")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--title", help="The new course's title.")
@_fail_on_problems
def new(directory: Path, title: str | None) -> None:
    """Create a small example course in DIRECTORY that shows every screen type."""
    from .newcourse import create_course

    created = create_course(directory, title=title)
    click.echo(f"Created {len(created)} files in {directory}. Build it with:")
    # Quoted when needed, so that the command can be pasted ("My Course" has a space).
    click.echo(f"  cbtforge build {shlex.quote(str(directory))}")


@main.command(short_help="Write the JSON Schema for editor completion.")
@click.option(
    "-o",
    "--output-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("schemas"),
    show_default=True,
    help="Folder to write the JSON Schema files into.",
)
@_fail_on_problems
def schema(output_dir: Path) -> None:
    """Write the JSON Schema of the course format (for editor completion)."""
    from .schema import write_schemas

    for path in write_schemas(output_dir):
        click.echo(f"Wrote {path}")


def _write_document(course_dir: Path, kind: str, output: Path | None, answers: bool) -> None:
    from .documents import write

    written = write(course_dir, kind, output, answers=answers)
    _report(written.warnings)
    pages = f", {_plural(written.pages, 'page')}" if written.pages is not None else ""
    click.echo(
        f"Wrote {written.out} ({_human_size(written.size)}{pages}) in {written.seconds:.1f} s."
    )


def _document_command(name: str, default: str, short_help: str) -> Callable[[F], F]:
    """A document command: COURSE_DIR and -o (.pdf or .html), errors as file:line:col."""

    def decorate(func: F) -> F:
        func = _fail_on_problems(func)
        func = click.option(
            "-o",
            "--output",
            type=click.Path(dir_okay=False, path_type=Path),
            help=f"A .pdf or .html file (default: dist/<course-id>-{default}.pdf).",
        )(func)
        func = click.argument("course_dir", type=click.Path(path_type=Path))(func)
        return main.command(name, short_help=short_help)(func)  # type: ignore[return-value]

    return decorate


@_document_command("guide", "guide", "Write the facilitator guide (PDF or HTML).")
def guide(course_dir: Path, output: Path | None) -> None:
    """Write the facilitator guide of COURSE_DIR: agenda with a running clock, materials,
    handouts, then every screen with what to say/do, what to know and its time.

    A warning (file:line:col) says when the minutes do not add up to duration_minutes.
    """
    _write_document(course_dir, "guide", output, answers=False)


@_document_command("print", "participant", "Write the participant guide (PDF or HTML).")
@click.option(
    "--answers",
    is_flag=True,
    help="Review copy: mark the right answers and print every feedback.",
)
def print_(course_dir: Path, output: Path | None, answers: bool) -> None:
    """Write the participant guide of COURSE_DIR: every screen with all reveals open, the
    questions with their options, the quiz, the handouts and resources (Markdown ones in
    full)."""
    _write_document(course_dir, "participant", output, answers=answers)


@main.command("fetch-schemas", short_help="Download the SCORM XSD files for validate.")
@_fail_on_problems
def fetch_schemas() -> None:
    """Download and verify the official SCORM 1.2 and 2004 XSD files (used by `validate`)."""
    from .scormxsd import cached_schema_dir
    from .scormxsd import fetch_schemas as fetch
    from .standards import scorm2004xsd

    for label, cached_dir, fetch_one in (
        ("SCORM 1.2", cached_schema_dir, fetch),
        ("SCORM 2004 4th Edition", scorm2004xsd.cached_schema_dir, scorm2004xsd.fetch_schemas),
    ):
        cached = cached_dir() is not None
        directory = fetch_one()
        if cached:
            click.echo(f"{label} schema files already downloaded; verified in {directory}")
        else:
            click.echo(f"{label} schema files downloaded and verified in {directory}")


@main.command(short_help="Preview a course live in an LMS emulator.")
@click.argument("course_dir", type=click.Path(exists=True, path_type=Path))
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=DEFAULT_PORT,
    show_default=True,
    help="Port on 127.0.0.1 (0 picks a free one).",
)
@click.option(
    "--profile",
    type=click.Choice(PROFILES),
    default="strict",
    show_default=True,
    help="LMS behaviour to reproduce: strict SCORM 1.2; moodle (status from the mastery "
    "score, 64,000-character limits); cornerstone (LMSCommit fails during unload); "
    "successfactors (the session expires when idle); openedx (blank reads, commits that land "
    "late and are lost at unload). Can be changed in the page.",
)
@click.option(
    "--idle-timeout",
    type=click.IntRange(1),
    default=DEFAULT_IDLE_SECONDS,
    show_default=True,
    metavar="SECONDS",
    help="successfactors profile: idle seconds before the LMS session expires.",
)
@click.option(
    "--standard",
    type=click.Choice(STANDARDS),
    default=None,
    help="Build and run as scorm12 (the strict SCORM 1.2 runtime and its LMS profiles) or "
    "scorm2004 (a strict SCORM 2004 4th Edition runtime). Default: the course's `standard:`, "
    "else scorm12.",
)
@click.option("--open", "open_browser", is_flag=True, help="Open the preview in a web browser.")
def preview(
    course_dir: Path,
    port: int,
    profile: str,
    idle_timeout: int,
    standard: str | None,
    open_browser: bool,
) -> None:
    """Preview COURSE_DIR in a strict SCORM 1.2 (or 2004) LMS emulator, rebuilding on every save.

    The page runs the course beside the learner's data (status, score, bookmark,
    suspend_data size) and a log of every SCORM call with its result and error code.
    Saving a course file reloads the course on the screen you were on; a course error is
    shown in the page and here as file:line:col: message, and the last good build stays
    up. Learner data is kept across relaunches (in the browser). Serves 127.0.0.1 only;
    Ctrl-C stops.
    """
    from .preview.app import serve
    from .preview.server import BuildResult, PreviewError, PreviewServer

    def on_build(result: BuildResult, changed: list[str]) -> None:
        stamp = time.strftime("%H:%M:%S")
        because = f" ({', '.join(changed[:3])}{' ...' if len(changed) > 3 else ''})"
        because = because if changed else ""
        _report(result.warnings)
        if result.ok:
            verb = "Rebuilt" if changed else "Built"
            click.echo(f"[{stamp}] {verb} in {result.seconds * 1000:.0f} ms{because}.")
            return
        errors, _ = _report(result.problems)
        kept = "still serving the last good build" if result.number else "nothing to serve yet"
        click.echo(
            f"[{stamp}] Build failed{because}: {_plural(errors, 'error')}; {kept}.", err=True
        )

    def on_ready(server: PreviewServer) -> None:
        standard = server.status()["standard"]
        runtime = "SCORM 2004 4th Edition" if standard == "scorm2004" else "SCORM 1.2"
        profile = "strict" if standard == "scorm2004" else server.profile
        click.echo(f"Serving {course_dir} at {server.url} ({runtime}, profile: {profile})")
        click.echo("Watching for changes; press Ctrl-C to stop.")

    try:
        serve(
            course_dir,
            port=port,
            profile=profile,
            idle_seconds=idle_timeout,
            standard=standard,
            open_browser=open_browser,
            on_ready=on_ready,
            on_build=on_build,
        )
    except PreviewError as exc:
        click.echo(f"cbtforge: {exc}", err=True)
        sys.exit(1)
    click.echo("Stopped.")
