"""`passport memory show|export|forget`: see, take away or delete what the coach keeps;
`compact-server` for an operator of a Chroma server."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from channels.cli.common import UserOption, existing_user, run_async
from prompts import render

memory_app = typer.Typer(help="See, export or delete everything kept about you.",
                         no_args_is_help=True)


@memory_app.command("show")
def show(user: UserOption) -> None:
    """Counts of what is kept, and your latest reflections."""
    from agent.capabilities.memory import export_user

    data = export_user(existing_user(user))
    table = Table(title=f"Passport of {user}")
    table.add_column("kind")
    table.add_column("items", justify="right")
    for key in ("reflections", "reflection_drafts", "credentials", "stories", "skills",
                "memories"):
        table.add_row(key.replace("_", " "), str(len(data[key])))
    console = Console()
    console.print(table)
    job = (data.get("career_prefs") or {}).get("job")
    if job:  # said when introducing themselves
        console.print(Text.assemble(("your work, as you said it: ", "bold"), str(job)))
    for r in data["reflections"][-3:]:
        # The user's words are printed as text, never read as Rich markup ("[/bold]" in a
        # reflection must show as written, not crash the command).
        console.print(Text.assemble((str(r["week"]), "bold"), " ", str(r["text"])[:200]))


@memory_app.command("users")
def users() -> None:
    """Every user of this passport store with their ids and identities (for an operator:
    pass an id as --user to show, export or forget any of them)."""
    from agent.accounts import all_users

    table = Table(title="Users")
    for column in ("id", "name", "identities", "since"):
        table.add_column(column)
    for u in all_users():
        ids = ", ".join(f"{i['provider']}:{i['external_id']}" for i in u["identities"])
        table.add_row(Text(str(u["id"])), Text(str(u["display_name"] or "")), Text(ids),
                      Text(str(u["created_at"])[:10]))
    Console().print(table)


@memory_app.command("export")
def export(user: UserOption,
           output: Annotated[Path | None, typer.Option(
               "-o", "--output", help="Write to this file instead of stdout.")] = None) -> None:
    """One JSON document with everything kept about you."""
    from agent.capabilities.memory import export_user

    body = json.dumps(export_user(existing_user(user)), indent=2, default=str, ensure_ascii=False)
    if output:
        output.write_text(body, encoding="utf-8")
        Console(stderr=True).print(render("cli_export_written", size=len(body), path=output))
    else:
        typer.echo(body)


@memory_app.command("forget")
def forget(user: UserOption,
           yes: Annotated[bool, typer.Option(
               "--yes", "-y", help="Do not ask for confirmation.")] = False) -> None:
    """Delete everything about you: records, memories and conversations."""
    from agent.service import AgentService

    user_id = existing_user(user)
    if not yes and not typer.confirm(render("cli_forget_confirm", user=user), default=False):
        raise typer.Exit(1)

    async def run() -> None:
        async with AgentService() as service:
            await service.forget(user_id)

    run_async(run())
    Console(stderr=True).print(render("cli_forgot", user=user), markup=False)


@memory_app.command("retag")
def retag(user: Annotated[str | None, typer.Option(
        "--user", "-u", help="One user (a name or usr_ id); every user when left out.")] = None
          ) -> None:
    """Tag saved reflections again with the installed tagger, after an upgrade: the skills
    shown, strengths and profiles then follow its rules; text, dates and memories stay."""
    from agent.accounts import all_users
    from agent.capabilities.reflection import retag as retag_user

    ids = [existing_user(user)] if user else [str(u["id"]) for u in all_users()]
    read = changed = 0
    for user_id in ids:
        n, c = retag_user(user_id)
        read, changed = read + n, changed + c
    Console(stderr=True).print(render("cli_retagged", read=read, changed=changed,
                                      users=len(ids)), markup=False)


@memory_app.command("compact-server")
def compact_server(chroma_path: Annotated[Path, typer.Option(
        "--chroma-path", help="The folder a stopped Chroma server ran with (chroma run --path).",
        exists=True, file_okay=False)]) -> None:
    """For an operator: make a stopped Chroma server's files keep nothing of forgotten users
    (forget deletes them through the server's API; its files keep them until this)."""
    from agent.capabilities.memory import compact_server

    try:
        count = compact_server(chroma_path)
    except FileNotFoundError:
        Console(stderr=True).print(render("cli_compact_missing", path=chroma_path), markup=False)
        raise typer.Exit(2) from None
    Console(stderr=True).print(render("cli_compacted", path=chroma_path, count=count),
                               markup=False)


def register(app: typer.Typer) -> None:
    """Add the `memory` command group."""
    app.add_typer(memory_app, name="memory")
