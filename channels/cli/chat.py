"""`passport chat`: talk to the coach in the terminal (interactive or scripted)."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.console import Console

from channels.cli.common import UserOption, cli_user, run_async
from channels.cli.paste import Blocks, bracketed_paste
from prompts import render

HELP = """Talk to your coach in the terminal.

Interactive: type a message and press Enter; `/quit` (or Ctrl-D) ends the session. A paste
of many lines (a job ad) arrives as one message.
Scripted: when stdin is not a terminal, every line is one message and every reply is
printed on stdout, e.g. `printf 'hi\\nI fixed the printer for my team\\n' | passport chat -u ana`.
A line `\"\"\"` opens a block of lines sent as one message and the next `\"\"\"` closes it;
a lead-in may stand before the opening quotes: `tailor my profile for this job: \"\"\"`.
"""


def register(app: typer.Typer) -> None:
    """Add the `chat` command."""

    @app.command(help=HELP)
    def chat(user: UserOption,
             conversation: Annotated[str | None, typer.Option(
                 "--conversation", "-c",
                 help="Continue a named conversation (default: a new one each session).")
             ] = None) -> None:
        run_async(_chat(user, conversation, interactive=sys.stdin.isatty()))


async def _chat(user: str, conversation: str | None, interactive: bool) -> None:
    from datetime import UTC, datetime

    from agent.capabilities.memory import keep_attachment
    from agent.service import AgentService

    out = Console(highlight=False, soft_wrap=True)
    err = Console(stderr=True, highlight=False)
    user_id = cli_user(user)
    conv = conversation or datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    async with AgentService() as service:
        if interactive:
            err.print(f"[dim]{render('cli_chat_banner', user=user)}[/dim]")
        blocks = Blocks()
        with bracketed_paste():
            while True:
                try:
                    line = input("you › " if interactive and not blocks.open else "")
                except KeyboardInterrupt:
                    break
                except EOFError:  # the end of piped input sends an unclosed block
                    message = blocks.flush()
                    if message is None:
                        break
                else:
                    message = blocks.feed(line)
                if message is None:
                    continue
                if message.strip() in {"/quit", "/exit"}:
                    break
                if not message.strip():
                    continue
                reply = await service.handle(user_id, message, channel="cli", conversation=conv,
                                             display_name=user)
                if interactive:
                    out.print(f"[bold cyan]coach ›[/bold cyan] {reply.text}\n", markup=True)
                else:
                    out.print(reply.text, markup=False)
                    out.print("", markup=False)
                for att in reply.attachments:  # a terminal holds the whole text
                    if att.mime == "text/markdown":
                        out.print(f"--- {att.filename} ---\n{att.content.decode()}\n",
                                  markup=False)
                    elif att.mime == "application/json" and \
                            att.filename != "passport-export.json":  # written already
                        kept = keep_attachment(user_id, att.filename, att.content)
                        out.print(render("cli_attachment_kept", name=att.filename,
                                         where=str(kept)), markup=False)
