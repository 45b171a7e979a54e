"""Weekly reminders: when the next one fires, whether it should, and what it says.

Reminders live in the records database (weekday 0 = Monday, "HH:MM", IANA timezone) and are
re-registered whenever a channel starts. Telegram schedules them on PTB's JobQueue; Slack
uses :class:`AsyncScheduler` below. A reminder is skipped when the person already reflected
in that ISO week (their timezone) or one was already sent that week. Its text is the weekly
opening question, which recalls last week's words ("Last week you said ...").
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, time, timedelta
from typing import Any

from agent import accounts
from agent.capabilities import reminders as reminders_cap
from agent.capabilities.reflection import opening
from agent.capabilities.reminders import week_of, zone

log = logging.getLogger(__name__)
Row = dict[str, Any]
Send = Callable[[Row, str], Awaitable[None]]


def next_fire(weekday: int, at: str, tz: str, now: datetime | None = None) -> datetime:
    """The next moment (UTC, strictly after ``now``) of weekday ``weekday`` at ``at`` local time.

    Args:
        weekday: 0 = Monday ... 6 = Sunday.
        at: "HH:MM" in the person's timezone.
        tz: IANA timezone name.
        now: the current time (aware); defaults to now.
    """
    z = zone(tz)
    local = (now or datetime.now(UTC)).astimezone(z)
    hour, minute = (int(x) for x in at.split(":", 1))
    day = local.date() + timedelta(days=(weekday - local.weekday()) % 7)
    when = datetime.combine(day, time(hour, minute), tzinfo=z)
    if when <= local:
        when = datetime.combine(day + timedelta(days=7), time(hour, minute), tzinfo=z)
    return when.astimezone(UTC)


def due_message(user_id: str, now: datetime | None = None) -> tuple[str, str] | None:
    """(ISO week, reminder text) when a reminder should go out now, else None."""
    rem = reminders_cap.get_reminder(user_id)
    if not rem or not rem["enabled"]:
        return None
    week = week_of(now or datetime.now(UTC), rem["tz"])
    if rem.get("last_sent_week") == week:
        return None
    if reminders_cap.reflected_in(user_id, week, rem["tz"]):
        return None
    user = accounts.get_user(user_id) or {}
    return week, opening(user_id, user.get("display_name") or "there").reply


def target(rem: Row, provider: str) -> str | None:
    """Where to send the reminder: the stored chat, else the person's own id on ``provider``."""
    if rem.get("target"):
        return str(rem["target"])
    for ident in accounts.identities(str(rem["user_id"])):
        if ident["provider"] == provider:
            return str(ident["external_id"])
    return None


async def fire(user_id: str, send: Send, now: datetime | None = None) -> bool:
    """Send the reminder if it is due; True when one went out."""
    due = due_message(user_id, now)
    rem = reminders_cap.get_reminder(user_id)
    if due is None or rem is None:
        return False
    week, text = due
    if not reminders_cap.claim(user_id, week):
        return False  # another worker claimed it first: exactly one send
    try:
        await send(rem, text)
    except BaseException:
        reminders_cap.release(user_id, week, rem.get("last_sent_week"))
        raise
    return True


class AsyncScheduler:
    """One sleeping asyncio task per reminder of a channel (used where there's no JobQueue)."""

    def __init__(self, channel: str, send: Send) -> None:
        self.channel = channel
        self.send = send
        self.tasks: dict[str, asyncio.Task[None]] = {}

    def start(self) -> int:
        """(Re-)register every enabled reminder of this channel; returns how many."""
        rems = reminders_cap.channel_reminders(self.channel)
        for rem in rems:
            self.schedule(str(rem["user_id"]))
        return len(rems)

    def schedule(self, user_id: str, when: datetime | None = None) -> datetime | None:
        """(Re)schedule one person's reminder; returns when it fires (None if disabled)."""
        old = self.tasks.pop(user_id, None)
        if old:
            old.cancel()
        rem = reminders_cap.get_reminder(user_id)
        if not rem or not rem["enabled"] or rem["channel"] != self.channel:
            return None
        when = when or next_fire(int(rem["weekday"]), str(rem["at_time"]), str(rem["tz"]))
        self.tasks[user_id] = asyncio.create_task(self._run(user_id, when))
        return when

    async def _run(self, user_id: str, when: datetime) -> None:
        await asyncio.sleep(max(0.0, (when - datetime.now(UTC)).total_seconds()))
        try:
            await fire(user_id, self.send)
        except Exception:  # noqa: BLE001 - one failed send must not stop the schedule
            log.exception("reminder for %s failed", user_id)
        self.tasks.pop(user_id, None)
        self.schedule(user_id)

    async def stop(self) -> None:
        """Cancel every pending reminder task."""
        for task in self.tasks.values():
            task.cancel()
        await asyncio.gather(*self.tasks.values(), return_exceptions=True)
        self.tasks.clear()
