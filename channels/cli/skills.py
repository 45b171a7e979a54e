"""`passport tag` and `passport frameworks`: skill tagging against ESCO and O*NET."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from prompts import render

TextArg = Annotated[str | None, typer.Argument(
    help="Text to tag; '-' or nothing reads standard input.", show_default=False)]
FrameworkOption = Annotated[str, typer.Option(
    "--framework", "-f", help="esco, onet or all.")]
TopOption = Annotated[int | None, typer.Option(
    "--top", help="Return the K best candidates, even below the threshold.", min=1)]
JsonOption = Annotated[bool, typer.Option("--json", help="A JSON list of skill objects.")]
LinesOption = Annotated[bool, typer.Option(
    "--lines", help="One text per stdin line in, one JSON list per line out.")]
FastOption = Annotated[bool | None, typer.Option(
    "--fast/--accurate", help="Whole sentences only (default with --lines), or also clauses "
    "and phrases (default for one text).", show_default=False)]
KEYS = ("framework", "id", "label", "score", "evidence", "start", "end", "polarity", "also")


def _row(tag: object) -> dict[str, object]:
    data = tag.model_dump()  # type: ignore[attr-defined]
    return {k: data[k] for k in KEYS}


def _show(tags: list, console: Console) -> None:
    if not tags:
        console.print(render("cli_no_skills"))
        return
    table = Table("score", "framework", "skill", "evidence", "polarity")
    for t in tags:
        also = "".join(f"\n= {a['framework']}: {a['label']}" for a in t.also)
        table.add_row(f"{t.score:.2f}", t.framework, t.label + also,
                      f"{t.evidence!r} [{t.start}:{t.end}]", t.polarity)
    console.print(table)


def register(app: typer.Typer) -> None:
    """Add the `tag` command and the `frameworks` group."""

    @app.command("tag")
    def tag(text: TextArg = None, framework: FrameworkOption = "all", top: TopOption = None,
            as_json: JsonOption = False, lines: LinesOption = False,
            fast: FastOption = None) -> None:
        """Find ESCO / O*NET skills in a text, with the exact words that show them."""
        from agent.capabilities.skills import frameworks_for, tag_lines, tag_text

        try:
            fws = frameworks_for(framework)
        except ValueError as exc:
            raise typer.BadParameter(str(exc)) from None
        from tools.skills.tagging import TextTooLong

        try:
            if lines:
                for tags in tag_lines(sys.stdin, fws, top=top, fast=fast is not False):
                    sys.stdout.write(json.dumps([_row(t) for t in tags],
                                                ensure_ascii=False) + "\n")
                    sys.stdout.flush()
                return
            body = sys.stdin.read() if text in (None, "-") else str(text)
            tags = tag_text(body, fws, top=top, fast=bool(fast))
        except TextTooLong as exc:
            typer.echo(render("cli_error", error=exc), err=True)
            raise typer.Exit(2) from None
        if as_json:
            typer.echo(json.dumps([_row(t) for t in tags], ensure_ascii=False, indent=2))
        else:
            _show(tags, Console())

    frameworks = typer.Typer(help="Skill frameworks: list what is installed, import official "
                                  "ESCO / O*NET downloads.", invoke_without_command=True)

    @frameworks.callback()
    def show(ctx: typer.Context,
             as_json: JsonOption = False) -> None:
        """List the installed skill frameworks and their attribution."""
        if ctx.invoked_subcommand is not None:
            return
        from agent.capabilities.skills import list_frameworks

        rows = list_frameworks()
        if as_json:
            typer.echo(json.dumps(rows, indent=2, ensure_ascii=False))
            return
        console = Console()
        for r in rows:
            console.print(f"[bold]{r['framework']}[/bold] ({r['origin']}, {r['version']}): "
                          f"{r['concepts']} concepts from {r['path']}")
            console.print(f"  {r['attribution']}", style="dim", markup=False)

    @frameworks.command("import")
    def import_(path: Annotated[Path, typer.Argument(
            help="The ESCO CSV zip (or folder), or the O*NET database folder or zip.")]) -> None:
        """Import an official ESCO or O*NET download; it replaces the built-in data."""
        from agent.capabilities.skills import import_framework
        from tools.skills.importers import ImportErrorForUser

        try:
            result = import_framework(path)
        except ImportErrorForUser as exc:
            typer.echo(str(exc), err=True)
            raise typer.Exit(1) from None
        counts = ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in result.items()
                           if isinstance(v, int))
        typer.echo(render("cli_framework_imported", framework=result["framework"].upper(),
                          counts=counts, path=result["path"]))

    app.add_typer(frameworks, name="frameworks")
