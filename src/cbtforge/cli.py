"""The ``cbtforge`` command. Thin click commands; the one place Problems become stderr lines
and an exit code (0 ok, 1 the input has errors, 2 usage)."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from .errors import Problem, ProblemsError, sort_problems
from .preview import DEFAULT_IDLE_SECONDS, DEFAULT_PORT, PROFILES

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
        parts.append(f"an evaluation of {_plural(len(course.evaluation.screens), 'screen')}")
    return ", ".join(parts)


def _fail_on_problems(func: F) -> F:
    """Turn ProblemsError and file-system errors into clean messages and exit code 1."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ProblemsError as exc:
            errors, warnings = _report(exc.problems)
            summary = _plural(errors, "error")
            if warnings:
                summary += f", {_plural(warnings, 'warning')}"
            click.echo(f"cbtforge: {summary}; nothing was written.", err=True)
            sys.exit(1)
        except OSError as exc:
            where = f"{exc.filename}: " if exc.filename else ""
            click.echo(f"cbtforge: {where}{exc.strerror or exc}", err=True)
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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="cbtforge")
def main() -> None:
    """Compile courses written as YAML + Markdown into SCORM 1.2 packages."""


@main.command()
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
@_fail_on_problems
def build(course_dir: Path, output: Path | None, with_schemas: bool) -> None:
    """Build COURSE_DIR (the folder holding course.yaml) into a SCORM 1.2 zip."""
    from .build import compile_course, default_output, write_zip

    compiled = compile_course(course_dir, with_schemas=with_schemas)
    _report(compiled.warnings)
    out = output or default_output(compiled.course)
    size = write_zip(compiled, out)
    click.echo(f"Wrote {out} ({_human_size(size)}): {_summary(compiled)}.")


@main.command()
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@_fail_on_problems
def validate(path: Path) -> None:
    """Check a course folder (the model) or a built zip (the SCORM package).

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
        click.echo(f"{path}: valid SCORM 1.2 package ({_plural(warnings, 'warning')}).")
        return

    from .build import compile_course

    compiled = compile_course(path)
    errors, warnings = _report(compiled.warnings)
    course = compiled.course
    click.echo(
        f"{path}: course '{course.id}' is valid: {_summary(compiled)} "
        f"({_plural(warnings, 'warning')})."
    )


@main.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--title", help="The new course's title.")
@_fail_on_problems
def new(directory: Path, title: str | None) -> None:
    """Create a small example course in DIRECTORY that shows every screen type."""
    from .newcourse import create_course

    created = create_course(directory, title=title)
    click.echo(f"Created {len(created)} files in {directory}. Build it with:")
    click.echo(f"  cbtforge build {directory}")


@main.command()
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


@main.command("fetch-schemas")
@_fail_on_problems
def fetch_schemas() -> None:
    """Download and verify the official SCORM 1.2 XSD files (used by `validate`)."""
    from .scormxsd import fetch_schemas as fetch

    directory = fetch()
    click.echo(f"SCORM 1.2 schema files verified in {directory}")


@main.command()
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
@click.option("--open", "open_browser", is_flag=True, help="Open the preview in a web browser.")
def preview(
    course_dir: Path, port: int, profile: str, idle_timeout: int, open_browser: bool
) -> None:
    """Preview COURSE_DIR in a strict SCORM 1.2 LMS emulator, rebuilding on every save.

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
        click.echo(f"Serving {course_dir} at {server.url} (profile: {server.profile})")
        click.echo("Watching for changes; press Ctrl-C to stop.")

    try:
        serve(
            course_dir,
            port=port,
            profile=profile,
            idle_seconds=idle_timeout,
            open_browser=open_browser,
            on_ready=on_ready,
            on_build=on_build,
        )
    except PreviewError as exc:
        click.echo(f"cbtforge: {exc}", err=True)
        sys.exit(1)
    click.echo("Stopped.")
