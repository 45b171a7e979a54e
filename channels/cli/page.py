"""`passport page` and `passport share`: the private page link, and share links to give
an employer (create, list, revoke)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from prompts import render

err = Console(stderr=True, highlight=False)
share_app = typer.Typer(help="Share links: pick credentials, stories or a tailored profile; "
                             "the link expires and can be revoked.")
UserOpt = Annotated[str | None, typer.Option("--user", "-u", help="Whose passport.",
                                             show_default=False)]


def _user(name: str | None) -> str:
    from agent import accounts

    if not name or not name.strip():
        err.print(render("cli_page_user_missing"))
        raise typer.Exit(2)
    user_id = accounts.find_user("cli", "local", name.strip())
    if user_id is None:
        err.print(render("cli_no_passport", name=name))
        raise typer.Exit(1)
    return user_id


def _choices(user_id: str) -> None:
    from agent.capabilities.page import credential_rows, story_rows

    err.print(render("cli_share_pick"))
    for c in credential_rows(user_id):
        err.print(f"  credential {c['id']}  {c['name']} ({c['verdict']})", markup=False)
    for s in story_rows(user_id):
        err.print(f"  story      {s['id']}  {s['title']} ({s['status']})", markup=False)


@share_app.callback(invoke_without_command=True)
def share(ctx: typer.Context, user: UserOpt = None,
          credential: Annotated[list[str] | None, typer.Option(
              "--credential", "-c", help="A credential id to share (repeat for more).")] = None,
          story: Annotated[list[str] | None, typer.Option(
              "--story", "-s", help="A story id to share (repeat for more).")] = None,
          profile_job: Annotated[Path | None, typer.Option(
              "--profile-job", help="A job ad file: share a profile tailored to it.")] = None,
          days: Annotated[int, typer.Option(help="How long the link works (1 to 365).")] = 30
          ) -> None:
    """Create a share link of what you pick (see `share list` and `share revoke`)."""
    if ctx.invoked_subcommand is not None:
        return
    from channels.page.links import base_url
    from channels.page.shares import ShareError, create_share

    user_id = _user(user)
    profile = None
    if profile_job is not None:
        if not profile_job.is_file():
            err.print(render("cli_share_job_unreadable", job=profile_job))
            raise typer.Exit(2)
        from channels.page.shares import freeze_profile

        try:
            profile = freeze_profile(user_id, profile_job.read_text(errors="replace"))
        except ShareError as exc:
            err.print(str(exc))
            raise typer.Exit(1) from exc
    if not (credential or story or profile):
        _choices(user_id)
        raise typer.Exit(2)
    try:
        row = create_share(user_id, credential, story, profile, days)
    except ShareError as exc:
        err.print(str(exc))
        raise typer.Exit(1) from exc
    err.print(render("cli_share_created", expires=row["expires_at"], user=user,
                     share_id=row["id"]), markup=False)
    typer.echo(f"{base_url()}/s/{row['token']}")


@share_app.command("list")
def share_list(user: UserOpt = None) -> None:
    """Your share links: id, state, expiry, what they show, and the link."""
    from channels.page.links import base_url
    from channels.page.shares import list_shares

    rows = list_shares(_user(user))
    if not rows:
        err.print(render("cli_no_shares"))
    for r in rows:
        items = r["items"]
        typer.echo(render("cli_share_row", id=r["id"], state=r["state"],
                          expires=r["expires_at"],
                          credentials=len(items.get("credentials") or []),
                          stories=len(items.get("stories") or []),
                          profile=render("cli_share_row_profile") if items.get("profile") else "",
                          link=f"{base_url()}/s/{r['token']}"))


@share_app.command("revoke")
def share_revoke(share_id: Annotated[str, typer.Argument(help="The share id (shr_...).")],
                 user: UserOpt = None) -> None:
    """Revoke a share link at once: it answers 'not found' from then on."""
    from channels.page.shares import revoke_share

    if not revoke_share(_user(user), share_id):
        err.print(render("cli_share_missing", share_id=share_id))
        raise typer.Exit(1)
    err.print(render("cli_share_revoked", share_id=share_id))


def register(app: typer.Typer) -> None:
    """Add the `page` and `share` commands."""

    @app.command("page")
    def page(user: UserOpt = None,
             minutes: Annotated[int, typer.Option(help="How long the link works.")] = 60
             ) -> None:
        """Print a private link to your passport page (serve it with `passport serve`)."""
        from channels.page.links import page_link

        if not 1 <= minutes <= 24 * 60:
            err.print(render("cli_page_minutes"))
            raise typer.Exit(2)
        user_id = _user(user)
        err.print(render("cli_page_link", minutes=minutes))
        typer.echo(page_link(user_id, minutes * 60))

    app.add_typer(share_app, name="share")
