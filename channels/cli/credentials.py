"""`passport verify` and `passport import`: check credentials, and add them to a passport."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import Progress

from channels.cli.common import UserOption, cli_user
from prompts import render

if TYPE_CHECKING:
    from agent.capabilities.credentials import CheckResult, Fetcher

MAX_LIST_FILE = 5 * 1024 * 1024

PathsArg = Annotated[list[Path], typer.Argument(
    help="Credential files: JSON, JWS/JWT text, or baked PNG/SVG badges; - reads pasted "
         "text from stdin.", show_default=False)]
JsonOption = Annotated[bool, typer.Option("--json", help="One JSON object per credential.")]
OnlineOption = Annotated[bool, typer.Option(
    "--online", help="Allow the network step: did:web keys, status lists, hosted badges.")]

StatusListOption = Annotated[list[Path] | None, typer.Option(
    "--status-list", help="A status list credential file you have (repeatable): revocation is "
    "checked offline against it, after its own signature.", show_default=False)]

VERDICT_STYLE = {"valid": "green", "expired": "yellow", "not-yet-valid": "yellow",
                 "unverifiable-offline": "cyan", "revoked": "red", "invalid-signature": "red",
                 "invalid": "red"}


def _print(results: list[CheckResult], as_json: bool,
           stored: list[str | None] | None = None) -> None:
    from agent.capabilities.credentials import describe_verdict

    if as_json:
        for i, r in enumerate(results):
            row = r.to_json()
            if stored is not None:
                row["stored_id"] = stored[i]
            typer.echo(json.dumps(row, ensure_ascii=False, default=str))
        return
    console = Console()
    for i, r in enumerate(results):
        style = VERDICT_STYLE.get(r.verdict, "white")
        console.print(f"[bold]{r.file}[/bold] ({r.format}): [{style}]{r.verdict}[/{style}]")
        console.print(describe_verdict(r), markup=False)
        if stored is not None:
            console.print("  " + render("cli_credential_added" if stored[i]
                                         else "cli_credential_not_added"), style="dim")


def _stdin() -> bytes:
    """Pasted text: ``-`` as a path reads standard input (at most 5 MB + 1 byte)."""
    return sys.stdin.buffer.read(5 * 1024 * 1024 + 1)


def _fetcher(status_lists: list[Path] | None, online: bool) -> Fetcher | None:
    """The fetcher for these options; a status list file that cannot be used stops here."""
    from agent.capabilities.credentials import FetchError, fetcher_with

    try:
        return fetcher_with([p.read_bytes()[:MAX_LIST_FILE] for p in status_lists or []], online)
    except (OSError, FetchError) as exc:
        Console(stderr=True).print(f"That status list file cannot be used: {exc}.",
                                   markup=False)
        raise typer.Exit(2) from exc


def register(app: typer.Typer) -> None:
    """Add the `verify`, `import` and `trust` commands."""

    @app.command("verify")
    def verify(paths: PathsArg, as_json: JsonOption = False, online: OnlineOption = False,
               status_list: StatusListOption = None) -> None:
        """Verify credentials and show the verdicts; stores nothing."""
        from agent.capabilities.credentials import inspect_credential_bytes, verify_paths

        fetch = _fetcher(status_list, online)
        results = []
        for path in paths:
            if str(path) == "-":
                results.extend(inspect_credential_bytes(_stdin(), "<stdin>", online=online,
                                                        fetcher=fetch))
            else:
                results.extend(verify_paths([path], online=online, fetcher=fetch))
        _print(results, as_json)

    @app.command("import")
    def import_(paths: PathsArg, user: UserOption, as_json: JsonOption = False,
                online: OnlineOption = False, status_list: StatusListOption = None) -> None:
        """Verify credentials and add the genuine ones to your passport."""
        from agent.capabilities.credentials import import_bytes, import_paths

        user_id = cli_user(user)
        fetch = _fetcher(status_list, online)
        with Progress(transient=True, disable=as_json or len(paths) < 2,
                      console=Console(stderr=True)) as bar:
            task = bar.add_task("Importing", total=len(paths))
            pairs = []
            for path in paths:
                if str(path) == "-":
                    pairs.extend(import_bytes(user_id, _stdin(), "<stdin>", online=online,
                                              fetcher=fetch))
                    bar.advance(task)
                else:
                    pairs.extend(import_paths(user_id, [path], online=online, fetcher=fetch,
                                              progress=lambda _p: bar.advance(task)))
        _print([r for r, _ in pairs], as_json, [cid for _, cid in pairs])

    @app.command("trust")
    def trust(issuer: Annotated[str | None, typer.Argument(
                  help="Issuer DID or URL to trust; omit to list.", show_default=False)] = None,
              name: Annotated[str | None, typer.Option(help="A display name.")] = None) -> None:
        """Add an issuer to your trusted-issuer list, or show the list."""
        from agent.capabilities.credentials import list_trusted_issuers, trust_issuer

        if issuer and not issuer.startswith(("did:", "https://", "http://")):
            Console(stderr=True).print(render("cli_trust_usage"))
            raise typer.Exit(2)
        rows = trust_issuer(issuer, name) if issuer else list_trusted_issuers()
        for key, label in rows.items():
            typer.echo(f"{key}\t{label}")
        if not rows:
            typer.echo(render("cli_no_trusted_issuers"))
