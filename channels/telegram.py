"""Telegram adapter (python-telegram-bot 22): updates in, agent turns, replies out.

Polling (`passport telegram`) or a webhook inside the FastAPI app (`passport serve`, with the
secret-token header checked). Updates run concurrently; the agent service serialises turns of
one person, so a slow turn never blocks anyone else. No business logic lives here: commands
become the equivalent chat message and the coach routes them.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import logging
import re
from pathlib import PurePath
from typing import Any

from fastapi import APIRouter, Request, Response
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatAction, ParseMode
from telegram.error import BadRequest, TelegramError
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)

from agent import accounts
from agent.accounts import link_reply
from agent.capabilities import reminders as reminders_cap
from agent.reply import Reply
from agent.service import AgentService
from channels import reminders
from channels.chunking import telegram_html, telegram_pieces
from channels.dedupe import Seen
from prompts import render
from prompts.phrasebook import MAX_UPLOAD_BYTES, MAX_UPLOAD_MB, UPLOAD_SUFFIXES
from settings import Settings

log = logging.getLogger(__name__)
PROVIDER = "telegram"
WEBHOOK_PATH = "/telegram/webhook"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
Ctx = ContextTypes.DEFAULT_TYPE
# The bot's command menu; each description is the template ``telegram_command_<name>``.
COMMANDS = ("start", "reflect", "strengths", "story", "profile", "remind", "memory", "export",
            "forget", "link", "passport", "help")


def command_menu() -> list[tuple[str, str]]:
    """The command menu Telegram shows: (command, description) pairs."""
    return [(name, render(f"telegram_command_{name}")) for name in COMMANDS]


class TelegramChannel:
    """One PTB ``Application`` wired to the agent service."""

    def __init__(self, settings: Settings, service: AgentService, webhook: bool = False) -> None:
        if not settings.telegram_bot_token:
            raise ValueError("TELEGRAM_BOT_TOKEN is not set.")
        self.settings, self.service, self.webhook = settings, service, webhook
        self.seen = Seen()
        self._long_data: dict[str, str] = {}
        builder = Application.builder().token(settings.telegram_bot_token)
        builder = builder.concurrent_updates(True)
        if settings.telegram_base_url:
            base = settings.telegram_base_url.rstrip("/")
            builder = builder.base_url(f"{base}/bot").base_file_url(f"{base}/file/bot")
        if webhook:
            builder = builder.updater(None)
        self.app: Application[Any, Any, Any, Any, Any, Any] = builder.build()
        self._register()

    # -- wiring --------------------------------------------------------------------------
    def _register(self) -> None:
        private = filters.ChatType.PRIVATE
        add = self.app.add_handler
        add(TypeHandler(Update, self._dedupe), group=-1)
        add(CommandHandler("start", self._start, filters=private))
        add(CommandHandler("link", self._link, filters=private))
        add(CommandHandler("passport", self._passport, filters=private))
        add(MessageHandler(private & filters.COMMAND, self._command))
        add(MessageHandler(private & filters.Document.ALL, self._document))
        add(MessageHandler(private & filters.PHOTO, self._photo))
        add(MessageHandler(private & filters.TEXT & ~filters.COMMAND, self._text))
        add(CallbackQueryHandler(self._button))
        add(MessageHandler(filters.ChatType.GROUPS & filters.COMMAND, self._group))
        self.app.add_error_handler(self._error)

    async def start(self) -> None:
        """Connect, start handling updates, and re-register every Telegram reminder."""
        await self.app.initialize()
        await self.app.start()
        try:
            await self.app.bot.set_my_commands(command_menu())
        except TelegramError:
            log.warning("could not set the bot's command list", exc_info=True)
        if self.webhook:
            await self._set_webhook()
        elif self.app.updater is not None:
            await self.app.updater.start_polling(allowed_updates=Update.ALL_TYPES)
        self.schedule_all()

    async def stop(self) -> None:
        """Stop polling, jobs and the application."""
        if self.app.updater is not None and self.app.updater.running:
            await self.app.updater.stop()
        if self.app.running:
            await self.app.stop()
        await self.app.shutdown()

    async def _set_webhook(self) -> None:
        url = f"{self.settings.public_url.rstrip('/')}{WEBHOOK_PATH}"
        try:
            await self.app.bot.set_webhook(url, secret_token=self.settings.telegram_webhook_secret,
                                           allowed_updates=Update.ALL_TYPES)
        except TelegramError as exc:
            log.warning("Telegram refused the webhook %s (%s); set PASSPORT_PUBLIC_URL to your "
                        "public https address", url, exc)

    def router(self) -> APIRouter:
        """The webhook route for the FastAPI app (secret-token header required)."""
        router = APIRouter()
        secret = self.settings.telegram_webhook_secret or ""

        @router.post(WEBHOOK_PATH, include_in_schema=False)
        async def telegram_webhook(request: Request) -> Response:
            given = request.headers.get(SECRET_HEADER)
            if not given:
                return Response("missing secret token", status_code=401)
            if not secret or not hmac.compare_digest(given.encode(), secret.encode()):
                return Response("wrong secret token", status_code=403)
            try:
                update = Update.de_json(await request.json(), self.app.bot)
            except Exception:  # noqa: BLE001 - any unreadable body is the sender's error
                return Response("not a Telegram update", status_code=400)
            await self.app.update_queue.put(update)
            return Response(status_code=200)

        return router

    # -- handlers ------------------------------------------------------------------------
    async def _dedupe(self, update: Update, context: Ctx) -> None:
        """Drop an update delivered twice (webhook retries)."""
        key = f"telegram:{context.bot.id}:{update.update_id}"
        if not self.seen.first(key) or not accounts.first_delivery(key):
            raise ApplicationHandlerStop

    def _who(self, update: Update, context: Ctx) -> tuple[str, str, str]:
        user = update.effective_user
        assert user is not None
        tenant = str(context.bot.id or "tg")
        uid = self.service.user_for(PROVIDER, tenant, str(user.id), user.full_name)
        return uid, tenant, user.full_name

    async def _start(self, update: Update, context: Ctx) -> None:
        """/start: what is kept (consent), then the first question."""
        uid, _, name = self._who(update, context)
        text = render("consent", name=name)
        accounts.grant_consent(uid, "storage", text)
        await self.send(update.effective_chat.id, Reply(text=text))  # type: ignore[union-attr]
        await self._turn(update, context, "/start")

    async def _link(self, update: Update, context: Ctx) -> None:
        """/link issues a one-time code; /link CODE joins this account to the issuer's."""
        uid, tenant, _ = self._who(update, context)
        ext = str(update.effective_user.id)  # type: ignore[union-attr]
        text = link_reply(uid, " ".join(context.args or []), PROVIDER, tenant, ext)
        await self.send(update.effective_chat.id, Reply(text=text))  # type: ignore[union-attr]

    async def _passport(self, update: Update, context: Ctx) -> None:
        """/passport: a private, short-lived link to the passport page."""
        from channels.page.links import page_reply

        uid, _, _ = self._who(update, context)
        await self.send(update.effective_chat.id, Reply(text=page_reply(uid)))  # type: ignore[union-attr]

    async def _command(self, update: Update, context: Ctx) -> None:
        """Other commands go to the coach verbatim (/strengths, /remind sunday 18:00, ...)."""
        text = re.sub(r"^(/\w+)@\w+", r"\1", update.message.text or "")  # type: ignore[union-attr]
        await self._turn(update, context, text)

    async def _text(self, update: Update, context: Ctx) -> None:
        """A plain message: one agent turn."""
        await self._turn(update, context, update.message.text or "")  # type: ignore[union-attr]

    async def _document(self, update: Update, context: Ctx) -> None:
        """A credential file (JSON, JWT, PNG, SVG) goes to the coach, which asks before adding."""
        msg = update.message
        doc = msg.document  # type: ignore[union-attr]
        name = doc.file_name or "credential"  # type: ignore[union-attr]
        chat = update.effective_chat.id  # type: ignore[union-attr]
        if PurePath(name.lower()).suffix not in UPLOAD_SUFFIXES:
            await self.send(chat, Reply(text=render("upload_wrong_type")))
            return
        if (doc.file_size or 0) > MAX_UPLOAD_BYTES:  # type: ignore[union-attr]
            await self.send(chat, Reply(text=render("upload_too_large", mb=MAX_UPLOAD_MB)))
            return
        file = await doc.get_file()  # type: ignore[union-attr]
        data = bytes(await file.download_as_bytearray())
        await self._turn(update, context, msg.caption or "", file=(data, name))  # type: ignore[union-attr]

    async def _photo(self, update: Update, context: Ctx) -> None:
        """Compressed photos lose a baked badge; ask for the file instead."""
        await self.send(update.effective_chat.id,  # type: ignore[union-attr]
                        Reply(text=render("upload_photo")))

    async def _group(self, update: Update, context: Ctx) -> None:
        """Passports are private: answer only in a direct chat."""
        await self.send(update.effective_chat.id,  # type: ignore[union-attr]
                        Reply(text=render("private_only")))

    async def _button(self, update: Update, context: Ctx) -> None:
        """An inline button: its data becomes the person's next message."""
        query = update.callback_query
        assert query is not None
        await query.answer()
        data = self._long_data.get(query.data or "", query.data or "")
        markup = getattr(query.message, "reply_markup", None)
        shown = [b for row in (markup.inline_keyboard if markup else ()) for b in row]
        label = next((b.text for b in shown if b.callback_data == query.data), data)
        text = getattr(query.message, "text", None)
        if text:
            try:
                await query.edit_message_text(f"{text}\n\n→ {label}"[:4096])
            except TelegramError:
                log.debug("could not mark the chosen button", exc_info=True)
        await self._turn(update, context, data)

    async def _error(self, update: object, context: Ctx) -> None:
        log.error("telegram update failed", exc_info=context.error)
        if isinstance(update, Update) and update.effective_chat:
            await self.send(update.effective_chat.id, Reply(text=render("internal_error")))

    # -- turns and replies -----------------------------------------------------------------
    async def _turn(self, update: Update, context: Ctx, text: str,
                    file: tuple[bytes, str | None] | None = None) -> None:
        uid, _, name = self._who(update, context)
        chat = update.effective_chat.id  # type: ignore[union-attr]
        with contextlib.suppress(TelegramError):
            await context.bot.send_chat_action(chat, ChatAction.TYPING)
        reply = await self.service.handle(uid, text, channel=PROVIDER, conversation=str(chat),
                                          display_name=name, file=file, target=str(chat))
        if "reminder_set" in reply.data:  # stored by the tool; the JobQueue is ours
            self.schedule(uid)
        await self.send(chat, reply)

    def _callback_data(self, data: str) -> str:
        if len(data.encode()) <= 64:
            return data
        token = "t:" + hashlib.sha256(data.encode()).hexdigest()[:32]
        self._long_data[token] = data
        return token

    async def send(self, chat_id: int | str, reply: Reply) -> None:
        """Send a reply: HTML-escaped chunks under 4096, buttons on the last, then files."""
        pieces = telegram_pieces(reply.text) if reply.text.strip() else []
        markup = InlineKeyboardMarkup(
            [[InlineKeyboardButton(b.label[:60], callback_data=self._callback_data(b.data))]
             for b in reply.buttons]) if reply.buttons else None
        for i, piece in enumerate(pieces):
            last = markup if i == len(pieces) - 1 else None
            try:
                await self.app.bot.send_message(chat_id, telegram_html(piece),
                                                parse_mode=ParseMode.HTML, reply_markup=last)
            except BadRequest:  # never expected (all escaped); plain text as the last resort
                await self.app.bot.send_message(chat_id, piece, reply_markup=last)
        for att in reply.attachments:
            await self.app.bot.send_document(chat_id, att.content, filename=att.filename)

    # -- reminders ---------------------------------------------------------------------------
    def schedule_all(self) -> int:
        """(Re-)register every enabled Telegram reminder on the JobQueue; returns how many."""
        rems = reminders_cap.channel_reminders(PROVIDER)
        for rem in rems:
            self.schedule(str(rem["user_id"]))
        return len(rems)

    def schedule(self, user_id: str, when: Any = None) -> Any:
        """(Re)schedule one person's reminder; returns the job (None when disabled)."""
        jq = self.app.job_queue
        if jq is None:
            return None
        for job in jq.get_jobs_by_name(f"reminder:{user_id}"):
            job.schedule_removal()
        rem = reminders_cap.get_reminder(user_id)
        if not rem or not rem["enabled"] or rem["channel"] != PROVIDER:
            return None
        when = when or reminders.next_fire(int(rem["weekday"]), str(rem["at_time"]),
                                           str(rem["tz"]))
        return jq.run_once(self._remind, when=when, data=user_id, name=f"reminder:{user_id}")

    async def _remind(self, context: Ctx) -> None:
        user_id = str(context.job.data)  # type: ignore[union-attr]
        try:
            await reminders.fire(user_id, self._send_reminder)
        finally:
            self.schedule(user_id)

    async def _send_reminder(self, rem: dict[str, Any], text: str) -> None:
        chat = reminders.target(rem, PROVIDER)
        if chat:
            await self.send(chat, Reply(text=text))


def from_settings(settings: Settings, service: AgentService,
                  webhook: bool = True) -> TelegramChannel | None:
    """The channel when configured: a token, and for webhooks also a secret; else None."""
    if not settings.telegram_bot_token:
        return None
    if webhook and not settings.telegram_webhook_secret:
        log.warning("TELEGRAM_BOT_TOKEN is set but TELEGRAM_WEBHOOK_SECRET is not: the webhook "
                    "is not mounted (use `passport telegram` for polling)")
        return None
    return TelegramChannel(settings, service, webhook=webhook)
