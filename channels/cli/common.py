"""Helpers shared by the CLI command modules: the user option and async running."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Annotated, TypeVar

import typer

T = TypeVar("T")

UserOption = Annotated[str, typer.Option(
    "--user", "-u", help="Your name in this passport (each name is a separate, private user).",
    show_default=False)]


def run_async(coro: Awaitable[T]) -> T:
    """Run a coroutine from a synchronous Typer command."""
    return asyncio.run(coro)  # type: ignore[arg-type]


def cli_user(name: str) -> str:
    """The user id of a terminal user, created on first use."""
    from agent import accounts

    name = name.strip()
    if not name or len(name) > 100:
        raise typer.BadParameter("give a name of 1 to 100 characters, e.g. --user ana")
    return accounts.user_for("cli", "local", name, display_name=name)


def existing_user(name: str) -> str:
    """The user id of an existing terminal user, or exit with how to start one."""
    from rich.console import Console

    from agent import accounts

    user_id = accounts.find_user("cli", "local", name.strip())
    if user_id is None:
        Console(stderr=True).print(f"No passport for '{name}' here; start one with "
                                   f"`passport chat --user {name}`.")
        raise typer.Exit(1)
    return user_id
