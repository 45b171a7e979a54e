"""`passport serve | telegram | slack | apikey`: run the chat channels and manage API keys."""

from __future__ import annotations

import asyncio

import typer
from rich.console import Console

from channels.cli.common import run_async

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
        raise typer.BadParameter("give a name of 1 to 100 characters, e.g. --user ana")
    _, key = accounts.create_api_key(name, label)
    err.print(f"API key for '{name}' (shown once; send it as 'Authorization: Bearer KEY'):")
    typer.echo(key)


@apikey_app.command("revoke")
def apikey_revoke(user: str = typer.Option(..., "--user", "-u", help="Whose keys to revoke.")
                  ) -> None:
    """Revoke every API key of USER."""
    from agent import accounts

    count = accounts.revoke_api_keys(user.strip())
    err.print(f"Revoked {count} key(s) of '{user}'.")


def register(app: typer.Typer) -> None:
    """Add the `serve`, `telegram`, `slack` and `apikey` commands."""

    @app.command()
    def serve(host: str = typer.Option("127.0.0.1", help="Interface to listen on."),
              port: int = typer.Option(8000, help="Port to listen on.")) -> None:
        """Run the REST API, with the Telegram webhook and Slack events when configured."""
        import uvicorn

        from channels.http import create_app

        app = create_app()
        mounted = [k for k, v in app.state.channels.items() if v]
        err.print(f"Serving {', '.join(mounted)} on http://{host}:{port} (docs at /docs)")
        uvicorn.run(app, host=host, port=port, log_level="info")

    @app.command()
    def telegram() -> None:
        """Run the Telegram bot by polling (needs TELEGRAM_BOT_TOKEN)."""
        from settings import get_settings

        if not get_settings().telegram_bot_token:
            err.print("Set TELEGRAM_BOT_TOKEN (from @BotFather) first; see docs/channels.md.")
            raise typer.Exit(1)
        run_async(_telegram())

    @app.command()
    def slack() -> None:
        """Run the Slack app over Socket Mode (needs SLACK_BOT_TOKEN and SLACK_APP_TOKEN)."""
        from settings import get_settings

        s = get_settings()
        if not (s.slack_bot_token and s.slack_app_token):
            err.print("Set SLACK_BOT_TOKEN (xoxb-) and SLACK_APP_TOKEN (xapp-) first; see "
                      "docs/channels.md.")
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
        err.print("Telegram bot running (polling); Ctrl-C to stop.")
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
        err.print("Slack app running (Socket Mode); Ctrl-C to stop.")
        try:
            await channel.run_socket_mode()
            await asyncio.Event().wait()
        finally:
            await channel.stop()
