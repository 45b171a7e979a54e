"""`passport serve | telegram | slack | apikey`: run the chat channels and manage API keys."""

from __future__ import annotations

import asyncio

import typer
from rich.console import Console

from channels.cli.common import run_async
from prompts import render

apikey_app = typer.Typer(help="Per-user API keys for the REST API.", no_args_is_help=True)
err = Console(stderr=True, highlight=False)


@apikey_app.command("create")
def apikey_create(user: str = typer.Option(..., "--user", "-u", help="Who the key is for."),
                  label: str = typer.Option("default", help="A note to tell keys apart.")
                  ) -> None:
    """Create an API key for USER (shown once; only its hash is stored)."""
    from agent import accounts

    name = user.strip()
    if not name or len(name) > 100:
        raise typer.BadParameter(render("cli_name_length"))
    _, key = accounts.create_api_key(name, label)
    err.print(render("cli_api_key_created", name=name))
    typer.echo(key)


@apikey_app.command("revoke")
def apikey_revoke(user: str = typer.Option(..., "--user", "-u", help="Whose keys to revoke.")
                  ) -> None:
    """Revoke every API key of USER."""
    from agent import accounts

    count = accounts.revoke_api_keys(user.strip())
    err.print(render("cli_api_keys_revoked", count=count, user=user))


def register(app: typer.Typer) -> None:
    """Add the `serve`, `telegram`, `slack` and `apikey` commands."""

    @app.command()
    def serve(host: str = typer.Option("127.0.0.1", help="Interface to listen on."),
              port: int = typer.Option(8000, help="Port to listen on.")) -> None:
        """Run the REST API, with the Telegram webhook and Slack events when configured."""
        import uvicorn

        from channels.http import create_app
        from channels.page.links import clear_server, record_server

        app = create_app()
        mounted = [k for k, v in app.state.channels.items() if v]
        err.print(render("cli_serving", mounted=", ".join(mounted), host=host, port=port))
        record_server(host, port)
        try:
            uvicorn.run(app, host=host, port=port, log_level="info")
        finally:
            clear_server()

    @app.command()
    def telegram() -> None:
        """Run the Telegram bot by polling (needs TELEGRAM_BOT_TOKEN)."""
        from settings import get_settings

        if not get_settings().telegram_bot_token:
            err.print(render("cli_telegram_token_missing"))
            raise typer.Exit(1)
        run_async(_telegram())

    @app.command()
    def slack() -> None:
        """Run the Slack app over Socket Mode (needs SLACK_BOT_TOKEN and SLACK_APP_TOKEN)."""
        from settings import get_settings

        s = get_settings()
        if not (s.slack_bot_token and s.slack_app_token):
            err.print(render("cli_slack_tokens_missing"))
            raise typer.Exit(1)
        run_async(_slack())

    app.add_typer(apikey_app, name="apikey")


async def _telegram() -> None:
    from agent.service import AgentService
    from channels.telegram import TelegramChannel
    from settings import get_settings

    async with AgentService() as service:
        channel = TelegramChannel(get_settings(), service, webhook=False)
        await channel.start()
        err.print(render("cli_telegram_running"))
        try:
            await asyncio.Event().wait()
        finally:
            await channel.stop()


async def _slack() -> None:
    from agent.service import AgentService
    from channels.slack import from_settings
    from settings import get_settings

    async with AgentService() as service:
        channel = from_settings(get_settings(), service, http=False)
        assert channel is not None
        err.print(render("cli_slack_running"))
        try:
            await channel.run_socket_mode()
            await asyncio.Event().wait()
        finally:
            await channel.stop()
