"""`passport page` and `passport share`: the private page link, and share links to give
an employer (create, list, revoke)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

err = Console(stderr=True, highlight=False)
share_app = typer.Typer(help="Share links: pick credentials, stories or a tailored profile; "
                             "the link expires and can be revoked.")
UserOpt = Annotated[str | None, typer.Option("--user", "-u", help="Whose passport.",
                                             show_default=False)]


def _user(name: str | None) -> str:
    from agent import accounts

    if not name or not name.strip():
        err.print("Say whose passport with --user NAME.")
        raise typer.Exit(2)
    user_id = accounts.find_user("cli", "local", name.strip())
    if user_id is None:
        err.print(f"No passport for '{name}' here; start one with `passport chat --user "
                  f"{name}`.")
        raise typer.Exit(1)
    return user_id


def _choices(user_id: str) -> None:
    from agent.capabilities.page import credential_rows, story_rows

    err.print("Pick what to share with --credential ID, --story ID or --profile-job FILE.")
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
            err.print(f"Cannot read the job ad '{profile_job}'; give a text file.")
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
    err.print(f"Share link (works until {row['expires_at']}; revoke with `passport share "
              f"revoke --user {user} {row['id']}`):", markup=False)
    typer.echo(f"{base_url()}/s/{row['token']}")


@share_app.command("list")
def share_list(user: UserOpt = None) -> None:
    """Your share links: id, state, expiry, what they show, and the link."""
    from channels.page.links import base_url
    from channels.page.shares import list_shares

    rows = list_shares(_user(user))
    if not rows:
        err.print("No share links yet; create one with `passport share --user NAME ...`.")
    for r in rows:
        items = r["items"]
        what = (f"{len(items.get('credentials') or [])} credential(s), "
                f"{len(items.get('stories') or [])} story(ies)"
                + (", profile" if items.get("profile") else ""))
        typer.echo(f"{r['id']}  {r['state']:<7}  until {r['expires_at']}  {what}  "
                   f"{base_url()}/s/{r['token']}")


@share_app.command("revoke")
def share_revoke(share_id: Annotated[str, typer.Argument(help="The share id (shr_...).")],
                 user: UserOpt = None) -> None:
    """Revoke a share link at once: it answers 'not found' from then on."""
    from channels.page.shares import revoke_share

    if not revoke_share(_user(user), share_id):
        err.print(f"No active share {share_id} in your passport; see `passport share list`.")
        raise typer.Exit(1)
    err.print(f"Revoked {share_id}.")


def register(app: typer.Typer) -> None:
    """Add the `page` and `share` commands."""

    @app.command("page")
    def page(user: UserOpt = None,
             minutes: Annotated[int, typer.Option(help="How long the link works.")] = 60
             ) -> None:
        """Print a private link to your passport page (serve it with `passport serve`)."""
        from channels.page.links import page_link

        if not 1 <= minutes <= 24 * 60:
            err.print("A page link can last 1 to 1440 minutes.")
            raise typer.Exit(2)
        user_id = _user(user)
        err.print(f"Your private passport page (works for {minutes} minutes; open it while "
                  "`passport serve` runs; don't forward it, share with `passport share`):")
        typer.echo(page_link(user_id, minutes * 60))

    app.add_typer(share_app, name="share")
