"""Helpers shared by the CLI command modules: the user option and async running."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Annotated, TypeVar

import typer

from prompts import render

T = TypeVar("T")

UserOption = Annotated[str, typer.Option(
    "--user", "-u", help="Your name in this passport (each name is a separate, private user); "
    "an operator may give any user's id (usr_..., see `passport memory users`).",
    show_default=False)]


def run_async(coro: Awaitable[T]) -> T:
    """Run a coroutine from a synchronous Typer command."""
    return asyncio.run(coro)  # type: ignore[arg-type]


def cli_user(name: str) -> str:
    """The user id of a terminal user, created on first use."""
    from agent import accounts

    name = name.strip()
    if not name or len(name) > 100:
        raise typer.BadParameter(render("cli_name_length"))
    return accounts.user_for("cli", "local", name, display_name=name)


def existing_user(name: str) -> str:
    """The user id of an existing terminal user, or of any user by id (``usr_...``, as
    ``passport memory users`` lists them: API, Telegram and Slack users too, so an operator
    can act on anyone's request), or exit with how to start one."""
    from rich.console import Console

    from agent import accounts

    name = name.strip()
    by_id = accounts.get_user(name) if name.startswith("usr_") else None
    user_id = str(by_id["id"]) if by_id else accounts.find_user("cli", "local", name)
    if user_id is None:
        Console(stderr=True).print(render("cli_no_passport", name=name))
        raise typer.Exit(1)
    return user_id
