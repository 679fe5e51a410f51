"""The preview's main loop: build, serve, rebuild on every change, stop cleanly on Ctrl-C."""

from __future__ import annotations

import signal
import threading
import webbrowser
from collections.abc import Callable
from pathlib import Path
from types import FrameType

from . import DEFAULT_IDLE_SECONDS, DEFAULT_PORT
from .server import BuildResult, PreviewServer
from .watcher import watch_course


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def serve(
    course_dir: Path,
    *,
    port: int = DEFAULT_PORT,
    profile: str = "strict",
    idle_seconds: int = DEFAULT_IDLE_SECONDS,
    standard: str | None = None,
    open_browser: bool = False,
    on_ready: Callable[[PreviewServer], None],
    on_build: Callable[[BuildResult, list[str]], None],
    stop_event: threading.Event | None = None,
) -> None:
    """Serve ``course_dir`` until Ctrl-C, SIGTERM or ``stop_event``.

    ``on_build(result, changed_files)`` hears every build (the first one with no files),
    ``on_ready(server)`` once the first build is done and the URL answers. Raises
    :class:`~cbtforge.preview.server.PreviewError` when the port cannot be used.
    """
    server = PreviewServer(
        course_dir, port=port, profile=profile, idle_seconds=idle_seconds, standard=standard
    ).start()
    in_main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _interrupt) if in_main else None
    try:
        on_build(server.rebuild(), [])
        on_ready(server)
        if open_browser:
            webbrowser.open(server.url)
        watch_course(
            course_dir,
            lambda changed: on_build(server.rebuild(), changed),
            stop_event=stop_event,
        )
    except KeyboardInterrupt:
        pass  # Ctrl-C is how a preview ends: no traceback
    finally:
        server.stop()
        if in_main:
            signal.signal(signal.SIGTERM, previous)
