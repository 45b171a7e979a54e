"""`passport story`, `passport strengths`, `passport profile` and `passport cite`.

Each prints the answer with numbered citations; `--json` prints the structured result
(including the faithfulness check). `passport cite` opens one citation.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from agent.results import ToolResult
from channels.cli.common import UserOption, existing_user
from prompts import render

JsonOption = Annotated[bool, typer.Option("--json", help="Print the structured result.")]


def _model() -> Any:
    """The chat model in LLM mode (it only polishes wording, gated); None offline."""
    from settings import get_settings

    settings = get_settings()
    if not settings.llm_enabled:
        return None
    from agent.models import chat_model

    return chat_model(settings)


def _emit(out: ToolResult, as_json: bool, extra: dict[str, Any] | None = None) -> None:
    if as_json:
        typer.echo(json.dumps(out.payload() | (extra or {}), ensure_ascii=False, indent=2,
                              default=str))
    else:
        typer.echo(out.facts.get("text") or out.reply)


def _read_job(job: str) -> str:
    if job == "-":
        return sys.stdin.read(200_001)[:200_000]
    path = Path(job)
    if not path.is_file():
        Console(stderr=True).print(render("cli_job_unreadable", job=job))
        raise typer.Exit(2)
    return path.read_text(encoding="utf-8", errors="replace")[:200_000]


def register(app: typer.Typer) -> None:
    """Add the `story`, `strengths`, `profile` and `cite` commands."""

    @app.command("strengths")
    def strengths(user: UserOption, as_json: JsonOption = False) -> None:
        """Your 3 to 7 strengths over time, each with cited evidence; growth areas apart."""
        from agent.capabilities.answers import strengths_for

        _emit(strengths_for(existing_user(user), model=_model()), as_json)

    @app.command("story")
    def story(
        user: UserOption,
        about: Annotated[str, typer.Option("--about", help="What the story is about, in "
                                           "your words (default: your richest reflection).")
                         ] = "",
        set_: Annotated[list[str] | None, typer.Option(
            "--set", help="Replace a section with your own words, e.g. --set "
                          "'result=We cut waiting times'. Use with --save.")] = None,
        save: Annotated[bool, typer.Option("--save", help="Save the story (it becomes "
                                           "evidence).")] = False,
        as_json: JsonOption = False,
    ) -> None:
        """Draft a STAR story from your reflections; missing parts are shown as questions."""
        from agent.capabilities.answers import save_story, story_for

        user_id = existing_user(user)
        out = story_for(user_id, about, model=_model())
        edits: dict[str, str] = {}
        for item in set_ or []:
            name, sep, text = item.partition("=")
            if not sep or not text.strip():
                raise typer.BadParameter(render("cli_story_set_usage"))
            edits[name.strip().lower()] = text
        saved = None
        if save and out.facts.get("story_id"):
            try:
                saved = save_story(user_id, out.facts["story_id"], edits)
            except ValueError as exc:
                raise typer.BadParameter(str(exc)) from None
        _emit(out, as_json, {"saved": saved.record()} if saved else None)
        if saved and not as_json:
            typer.echo(f"\n{saved.reply}")

    @app.command("profile")
    def profile(
        user: UserOption,
        job: Annotated[str, typer.Option("--job", help="The job ad: a text file, or - for "
                                         "standard input.", show_default=False)],
        fmt: Annotated[str, typer.Option("--format", help="md, json or jsonresume.")] = "md",
    ) -> None:
        """A profile tailored to a job ad: covered, transferable and honest gaps, cited."""
        from agent.capabilities.answers import profile_for

        if fmt not in ("md", "json", "jsonresume"):
            raise typer.BadParameter(render("cli_profile_format"))
        out = profile_for(existing_user(user), _read_job(job), fmt, model=_model())
        if fmt == "jsonresume" and "json_resume" in out.facts:
            typer.echo(json.dumps(out.facts["json_resume"], ensure_ascii=False, indent=2))
        else:
            _emit(out, fmt == "json")

    @app.command("cite")
    def cite(user: UserOption,
             fact_id: Annotated[str, typer.Argument(help="A citation such as ref_…#2.")]
             ) -> None:
        """Open one citation: the exact sentence, its date and the item it came from."""
        from tools.facts import open_citation

        found = open_citation(existing_user(user), fact_id.strip())
        if found is None:
            Console(stderr=True).print(render("cli_no_citation", fact_id=fact_id))
            raise typer.Exit(1)
        fact = found["fact"]
        typer.echo(render("cli_citation", id=fact["id"], date=fact["date"],
                          source=fact["source"], text=fact["text"], kind=found["kind"],
                          item_text=found["item_text"]))
