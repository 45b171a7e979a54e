"""`passport explore`: roles that fit your evidence, or what to grow to reach a role.

Without ``--target`` it ranks ESCO occupations by what your reflections and credentials
show (near roles and one or two stretch roles, each with your quoted evidence); with
``--target "hotel manager"`` (or "from waiter to hotel manager") it lists the gap skills in
order with a next step each and keeps the role as your goal. ``--json`` prints the result.
"""

from __future__ import annotations

import json
from typing import Annotated

import typer

from channels.cli.common import UserOption, existing_user


def register(app: typer.Typer) -> None:
    """Add the `explore` command."""

    @app.command("explore")
    def explore(
        user: UserOption,
        target: Annotated[str | None, typer.Option(
            "--target", "-t", help='The role you aim for, in your words ("hotel manager", '
                                   '"from waiter to hotel manager").')] = None,
        interests: Annotated[str | None, typer.Option(
            "--interests", help='What you enjoy or would rather avoid, in your words ("I love '
                                'being outdoors, hate desk work"); kept for next time.')] = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print the structured result.")]
        = False,
    ) -> None:
        """Roles that fit you, or what to learn next to become --target."""
        from agent.capabilities import careers

        user_id = existing_user(user)
        if target is not None:
            out = careers.plan_turn(user_id, target)
        else:
            out = careers.explore_turn(user_id, interests or "")
        if as_json:
            typer.echo(json.dumps(out.record(), ensure_ascii=False, indent=2, default=str))
        else:
            typer.echo(out.reply)
