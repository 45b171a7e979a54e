"""Slack adapter (slack-bolt ``AsyncApp``): events in, agent turns, Block Kit replies out.

HTTP events through the FastAPI app (`passport serve`, signatures verified by bolt) or Socket
Mode (`passport slack`). Bolt acknowledges at once and the turn runs afterwards; repeated
event ids and Slack's retries are dropped. DMs, mentions, the ``/passport`` command, file
shares, Block Kit buttons and the App Home. No business logic: everything becomes a message
to the agent service.
"""

from __future__ import annotations

import logging
import re
from pathlib import PurePath
from typing import Any
from urllib.parse import urlparse

import httpx
from fastapi import APIRouter, Request, Response
from slack_bolt import BoltResponse
from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from agent import accounts
from agent.accounts import link_reply
from agent.capabilities import reminders as reminders_cap
from agent.capabilities.memory import show as show_passport
from agent.reply import Reply
from agent.service import AgentService
from channels import reminders
from channels.chunking import slack_chunks, slack_escape
from channels.dedupe import Seen
from prompts import render
from prompts.phrasebook import MAX_UPLOAD_BYTES, MAX_UPLOAD_MB, UPLOAD_SUFFIXES
from settings import Settings

log = logging.getLogger(__name__)
PROVIDER = "slack"
EVENTS_PATH = "/slack/events"
SUBCOMMANDS = {"reflect", "strengths", "story", "profile", "remind", "memory", "export",
               "forget", "help", "start"}
DAYS = ["Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays", "Sundays"]


class SlackChannel:
    """One bolt ``AsyncApp`` wired to the agent service."""

    def __init__(self, settings: Settings, service: AgentService) -> None:
        if not settings.slack_bot_token:
            raise ValueError("SLACK_BOT_TOKEN is not set.")
        self.settings, self.service = settings, service
        self.seen = Seen()
        self._dms: dict[str, str] = {}
        self._names: dict[str, str] = {}
        kwargs: dict[str, Any] = {"token": settings.slack_bot_token}
        if settings.slack_api_url:
            kwargs["base_url"] = settings.slack_api_url.rstrip("/") + "/"
        self.client = AsyncWebClient(**kwargs)
        self.app = AsyncApp(client=self.client, signing_secret=settings.slack_signing_secret or "",
                            process_before_response=False,
                            request_verification_enabled=bool(settings.slack_signing_secret))
        self.scheduler = reminders.AsyncScheduler(PROVIDER, self._send_reminder)
        self._socket: Any = None
        self._register()

    # -- wiring --------------------------------------------------------------------------
    def _register(self) -> None:
        app = self.app
        app.middleware(self._dedupe)
        app.event("message")(self._on_message)
        app.event("app_mention")(self._on_mention)
        app.event("app_home_opened")(self._on_home)
        app.event("file_shared")(self._noop)
        app.command("/passport")(self._on_command)
        app.action(re.compile(r"^passport_btn"))(self._on_button)

    async def start(self) -> None:
        """Re-register every Slack reminder."""
        self.scheduler.start()

    async def stop(self) -> None:
        """Stop reminders and Socket Mode."""
        await self.scheduler.stop()
        if self._socket is not None:
            await self._socket.close_async()

    async def run_socket_mode(self) -> None:
        """Connect over Socket Mode (needs SLACK_APP_TOKEN) and serve until cancelled."""
        from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

        self._socket = AsyncSocketModeHandler(self.app, self.settings.slack_app_token)
        await self.start()
        await self._socket.start_async()

    def router(self) -> APIRouter:
        """The events route (events, commands and interactivity share one URL)."""
        from slack_bolt.adapter.fastapi.async_handler import AsyncSlackRequestHandler

        handler = AsyncSlackRequestHandler(self.app)
        router = APIRouter()

        @router.post(EVENTS_PATH, include_in_schema=False)
        async def slack_events(request: Request) -> Response:
            return await handler.handle(request)

        return router

    async def _dedupe(self, request: Any, body: dict[str, Any], next: Any) -> BoltResponse | None:
        """Drop Slack's retries and any event id seen before (bolt has already verified the
        signature: forged requests never get here)."""
        if request.headers.get("x-slack-retry-num"):
            return BoltResponse(status=200, body="", headers={"x-slack-no-retry": "1"})
        event_id = body.get("event_id") if isinstance(body, dict) else None
        if event_id and (not self.seen.first(event_id)
                         or not accounts.first_delivery(f"slack:{event_id}")):
            return BoltResponse(status=200, body="")
        await next()
        return None

    # -- listeners ---------------------------------------------------------------------------
    async def _noop(self) -> None:
        """Acknowledged; the message event carries the shared file."""

    async def _on_message(self, event: dict[str, Any], body: dict[str, Any]) -> None:
        """Direct messages (and files shared in them)."""
        if event.get("bot_id") or event.get("subtype") not in (None, "file_share"):
            return
        if event.get("channel_type") != "im" or not event.get("user"):
            return
        await self._turn(body.get("team_id", ""), event["user"], event.get("text") or "",
                         event["channel"], files=event.get("files") or [])

    async def _on_mention(self, event: dict[str, Any], body: dict[str, Any]) -> None:
        """@mentions in a channel: a passport is private, so the answer goes to the DM and
        the thread gets a pointer to it."""
        text = re.sub(r"<@[A-Z0-9]+>", "", event.get("text") or "").strip()
        user = event["user"]
        await self._post(event["channel"], Reply(text=f"<@{user}> I've answered you in our "
                                                      "direct messages (your passport is "
                                                      "private)."),
                         thread_ts=event.get("thread_ts") or event.get("ts"), escape=False)
        await self._turn(body.get("team_id", ""), user, text or "help", await self._dm(user),
                         files=event.get("files") or [])

    async def _on_command(self, ack: Any, command: dict[str, Any]) -> None:
        """``/passport SUBCOMMAND ...``: answered privately in the DM."""
        words = (command.get("text") or "").strip()
        sub = words.split(" ", 1)[0].lower() if words else "help"
        await ack(text=render("slack_command_ack", sub=sub))
        user, team = command["user_id"], command.get("team_id", "")
        channel = await self._dm(user)
        if sub == "link":
            text = words[4:].strip()
            await self._post(channel, Reply(text=self._link(team, user, text)))
            return
        if sub == "page":
            from channels.page.links import page_reply

            await self._post(channel, Reply(text=page_reply(self._user(team, user))))
            return
        message = f"/{words}" if sub in SUBCOMMANDS else words
        await self._turn(team, user, message, channel)

    async def _on_button(self, ack: Any, body: dict[str, Any], action: dict[str, Any]) -> None:
        """A Block Kit button: its value becomes the person's next message."""
        await ack()
        user, team = body["user"]["id"], (body.get("team") or {}).get("id", "")
        channel = (body.get("container") or {}).get("channel_id") or \
            (body.get("channel") or {}).get("id") or await self._dm(user)
        await self._turn(team, user, str(action.get("value", "")), channel)

    async def _on_home(self, event: dict[str, Any], body: dict[str, Any]) -> None:
        """App Home: the passport summary and the reminder settings."""
        if event.get("tab", "home") != "home":
            return
        await self.publish_home(body.get("team_id", ""), event["user"])

    # -- turns, replies, files -----------------------------------------------------------------
    def _user(self, team: str, user: str) -> str:
        return self.service.user_for(PROVIDER, team, user, self._names.get(user))

    def _link(self, team: str, user: str, args: str) -> str:
        return link_reply(self._user(team, user), args, PROVIDER, team, user)

    async def _name(self, user: str) -> str | None:
        if user not in self._names:
            try:
                info = await self.client.users_info(user=user)
                prof = info["user"].get("profile", {})
                self._names[user] = prof.get("display_name") or info["user"].get(
                    "real_name") or ""
            except Exception:  # noqa: BLE001 - a name is a nicety, never a reason to fail
                self._names[user] = ""
        return self._names[user] or None

    async def _turn(self, team: str, user: str, text: str, channel: str,
                    thread_ts: str | None = None, files: list[dict[str, Any]] | None = None
                    ) -> None:
        name = await self._name(user)
        if re.match(r"^\s*/?link\b", text, re.I):
            args = re.sub(r"^\s*/?link\b", "", text, flags=re.I)
            await self._post(channel, Reply(text=self._link(team, user, args)), thread_ts)
            return
        uid = self._user(team, user)
        upload = None
        if files:
            upload, problem = await self._download(files[0])
            if problem:
                await self._post(channel, Reply(text=problem), thread_ts)
                return
        conversation = "dm" if channel.startswith("D") else channel
        reply = await self.service.handle(uid, text, channel=PROVIDER, conversation=conversation,
                                          display_name=name, file=upload, target=user)
        if "reminder_set" in reply.data:  # stored by the tool; the scheduler is ours
            self.scheduler.schedule(uid)
        await self._post(channel, reply, thread_ts)

    def _trusted(self, url: str) -> bool:
        host = urlparse(url).hostname or ""
        allowed = {"files.slack.com"}
        if self.settings.slack_api_url:
            allowed.add(urlparse(self.settings.slack_api_url).hostname or "")
        return host in allowed

    async def _download(self, file: dict[str, Any]) -> tuple[tuple[bytes, str] | None, str]:
        name = str(file.get("name") or "credential")
        url = str(file.get("url_private_download") or file.get("url_private") or "")
        if PurePath(name.lower()).suffix not in UPLOAD_SUFFIXES:
            return None, render("upload_wrong_type")
        if int(file.get("size") or 0) > MAX_UPLOAD_BYTES:
            return None, render("upload_too_large", mb=MAX_UPLOAD_MB)
        if not self._trusted(url):
            return None, render("upload_untrusted")
        headers = {"Authorization": f"Bearer {self.settings.slack_bot_token}"}
        async with httpx.AsyncClient(timeout=20, follow_redirects=False) as http:
            resp = await http.get(url, headers=headers)
        if resp.status_code != 200 or len(resp.content) > MAX_UPLOAD_BYTES:
            return None, render("upload_download_failed")
        return (resp.content, name), ""

    async def _dm(self, user: str) -> str:
        if user not in self._dms:
            opened = await self.client.conversations_open(users=user)
            self._dms[user] = opened["channel"]["id"]
        return self._dms[user]

    async def _post(self, channel: str, reply: Reply, thread_ts: str | None = None,
                    escape: bool = True) -> None:
        """Post a reply: mrkdwn sections under Slack's limits, buttons on the last, then files.
        ``escape=False`` only for our own fixed texts (e.g. a mention of the user)."""
        chunks = (slack_chunks(reply.text) if escape else [reply.text]) \
            if reply.text.strip() else []
        for i, chunk in enumerate(chunks):
            blocks: list[dict[str, Any]] = [
                {"type": "section", "text": {"type": "mrkdwn", "text": chunk}}]
            if i == len(chunks) - 1 and reply.buttons:
                blocks.append({"type": "actions", "elements": [
                    {"type": "button", "action_id": f"passport_btn_{n}", "value": b.data[:2000],
                     "text": {"type": "plain_text", "text": b.label[:75]}}
                    for n, b in enumerate(reply.buttons[:25])]})
            await self.client.chat_postMessage(channel=channel, text=chunk, blocks=blocks,
                                               thread_ts=thread_ts)
        for att in reply.attachments:
            await self.client.files_upload_v2(channel=channel, content=att.content,
                                              filename=att.filename, title=att.filename,
                                              thread_ts=thread_ts)

    async def publish_home(self, team: str, user: str) -> None:
        """Publish the App Home: passport summary, reminder settings, quick buttons."""
        uid = self._user(team, user)
        summary = show_passport(uid).reply
        rem = reminders_cap.get_reminder(uid)
        when = render("slack_home_reminder", day=DAYS[int(rem["weekday"])],
                      time=rem["at_time"], tz=rem["tz"]) if rem and rem["enabled"] else render(
            "slack_home_no_reminder")
        buttons = [(render("slack_home_reflect"), "/reflect"),
                   (render("slack_home_strengths"), "/strengths"),
                   (render("slack_home_export"), "/export")]
        view = {"type": "home", "blocks": [
            {"type": "header", "text": {"type": "plain_text",
                                        "text": render("slack_home_header")}},
            {"type": "section", "text": {"type": "mrkdwn", "text": slack_escape(summary)}},
            {"type": "section", "text": {"type": "mrkdwn", "text": slack_escape(when)}},
            {"type": "section", "text": {"type": "mrkdwn", "text": _page_line(uid)}},
            {"type": "actions", "elements": [
                {"type": "button", "action_id": f"passport_btn_home_{n}", "value": data,
                 "text": {"type": "plain_text", "text": label}}
                for n, (label, data) in enumerate(buttons)]}]}
        await self.client.views_publish(user_id=user, view=view)

    async def _send_reminder(self, rem: dict[str, Any], text: str) -> None:
        user = reminders.target(rem, PROVIDER)
        if user:
            await self._post(await self._dm(user), Reply(text=text))


def _page_line(user_id: str) -> str:
    """The App Home's link to the passport page (fresh on every publish; an hour long)."""
    from channels.page.links import page_link

    return render("slack_home_page", link=page_link(user_id))


def from_settings(settings: Settings, service: AgentService,
                  http: bool = True) -> SlackChannel | None:
    """The channel when configured (HTTP needs the signing secret, Socket Mode the app
    token); else None."""
    if not settings.slack_bot_token:
        return None
    if http and not settings.slack_signing_secret:
        log.warning("SLACK_BOT_TOKEN is set but SLACK_SIGNING_SECRET is not: Slack events "
                    "are not mounted (use `passport slack` for Socket Mode)")
        return None
    if not http and not settings.slack_app_token:
        raise ValueError("Socket Mode needs SLACK_APP_TOKEN (an xapp- token).")
    return SlackChannel(settings, service)
