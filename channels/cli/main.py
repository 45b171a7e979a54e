"""Entry point of the `passport` command: builds the Typer app from the command modules.

Each module in ``COMMAND_MODULES`` exposes ``register(app: typer.Typer) -> None``.
"""

from __future__ import annotations

import importlib
import logging
import os
import sys

import typer

COMMAND_MODULES = [
    "channels.cli.chat",
    "channels.cli.info",
    "channels.cli.memory",
    "channels.cli.credentials",
    "channels.cli.serve",
    "channels.cli.answers",
    "channels.cli.explore",
    "channels.cli.skills",
    "channels.cli.page",
    "channels.cli.evals",
]

HELP = """Talent Passport: your personal talent coach, offline by default.

Start with `passport chat --user YOUR_NAME` and tell the coach about your week.
Everything is kept under PASSPORT_HOME (see `passport info`). Set OPENAI_API_KEY
(and optionally OPENAI_BASE_URL, PASSPORT_MODEL) to let an LLM write the prose;
facts always come from deterministic tools.
"""


def build_app() -> typer.Typer:
    """Create the app and let every command module register its commands."""
    app = typer.Typer(help=HELP, no_args_is_help=True, add_completion=False,
                      rich_markup_mode="markdown")

    @app.callback()
    def _tolerant_stdin() -> None:
        # every command that reads standard input (chat, tag, profile --job -) reads bytes
        # that are not UTF-8 as U+FFFD instead of crashing on them
        if hasattr(sys.stdin, "reconfigure"):
            sys.stdin.reconfigure(errors="replace")

    for name in COMMAND_MODULES:
        importlib.import_module(name).register(app)
    return app


def run() -> None:
    """Console-script entry point."""
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    logging.basicConfig(level=os.environ.get("PASSPORT_LOG", "WARNING").upper(),
                        format="%(levelname)s %(name)s: %(message)s")
    from agent.service import StoreBusy

    try:
        build_app()()
    except StoreBusy as exc:  # a second process on an embedded data dir: say so, change nothing
        print(exc, file=sys.stderr)
        raise SystemExit(3) from None


if __name__ == "__main__":
    run()
