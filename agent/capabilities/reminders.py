"""Weekly reminders: parse "Sundays at 18:00 Europe/Berlin" deterministically, store and read
them (channels schedule them through these functions, never through the records store)."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from agent.results import ToolResult
from memory.records import get_records
from prompts import render

DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_DAY = re.compile(r"\b(mon|tue|wed|thu|fri|sat|sun)[a-z]*\b", re.I)
_TIME = re.compile(r"\b(\d{1,2})(?::(\d{2}))?\s*(am|pm)?\b", re.I)
_TZ = re.compile(r"\b([A-Za-z]+/[A-Za-z_]+(?:/[A-Za-z_]+)?|UTC|GMT)\b")


def parse(text: str) -> tuple[int, str, str] | None:
    """(weekday 0=Monday, "HH:MM", IANA timezone) from free text, or None if no day."""
    day = _DAY.search(text)
    if not day:
        return None
    weekday = [d[:3] for d in DAYS].index(day.group(1).lower()[:3])
    hour, minute = 18, 0
    for m in _TIME.finditer(text):
        h, mm, ampm = int(m.group(1)), int(m.group(2) or 0), (m.group(3) or "").lower()
        if not m.group(2) and not ampm:
            continue
        if ampm == "pm" and h < 12:
            h += 12
        if ampm == "am" and h == 12:
            h = 0
        if 0 <= h < 24 and 0 <= mm < 60:
            hour, minute = h, mm
            break
    tz = "UTC"
    found = _TZ.search(text)
    if found and (found.group(1) in available_timezones() or found.group(1) in ("UTC", "GMT")):
        tz = found.group(1)
    return weekday, f"{hour:02d}:{minute:02d}", tz


def set_from_text(user_id: str, text: str, channel: str,
                  target: str | None = None) -> ToolResult:
    """Store the weekly reminder described in the user's words.

    Args:
        user_id: whose reminder.
        text: the user's words ("sundays 18:00 Europe/Berlin").
        channel: where the reminder goes out (telegram, slack, ...).
        target: the chat or DM there (from the turn's ``Context``); None: the person's own id.
    """
    parsed = parse(text)
    if parsed is None:
        return ToolResult(kind="reminder_unclear", reply=render("reminder_unclear"))
    weekday, at, tz = parsed
    try:
        ZoneInfo(tz)
    except ZoneInfoNotFoundError:
        tz = "UTC"
    get_records().set_reminder(user_id, weekday, at, tz, channel=channel, target=target)
    day = render(f"weekday_{weekday}")
    return ToolResult(kind="reminder_set", facts={"weekday": weekday, "time": at, "tz": tz},
                      reply=render("reminder_set", day=day, time=at, tz=tz))


def get_reminder(user_id: str) -> dict[str, Any] | None:
    """The user's reminder row (weekday, at_time, tz, channel, target, enabled, last sent)."""
    return get_records().get_reminder(user_id)


def channel_reminders(channel: str) -> list[dict[str, Any]]:
    """Every enabled reminder delivered on ``channel`` (re-registered when it starts)."""
    return [r for r in get_records().list_reminders() if r["channel"] == channel]


def save_reminder(user_id: str, weekday: int, at: str, tz: str, channel: str | None = None,
                  enabled: bool = True) -> None:
    """Set (or turn off, ``enabled=False``) the weekly reminder from structured fields."""
    get_records().set_reminder(user_id, weekday, at, tz, channel=channel, enabled=enabled)


def mark_sent(user_id: str, week: str) -> None:
    """Remember the ISO week a reminder went out (one per week at most)."""
    get_records().mark_reminder_sent(user_id, week)


def claim(user_id: str, week: str) -> bool:
    """Claim this week's reminder before sending it: True for exactly one worker."""
    return get_records().coordination.claim_reminder(user_id, week)


def release(user_id: str, week: str, previous: str | None) -> None:
    """Give a claimed reminder back when its send failed, so it is tried again."""
    get_records().coordination.release_reminder(user_id, week, previous)


def zone(name: str | None) -> ZoneInfo:
    """The IANA zone, or UTC when the name is unknown."""
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def week_of(now: datetime, tz: str | None) -> str:
    """The ISO week ("2026-W47") of ``now`` in the person's timezone."""
    return now.astimezone(zone(tz)).strftime("%G-W%V")


def reflected_in(user_id: str, week: str, tz: str | None = None) -> bool:
    """True when the user already saved a reflection in that ISO week of their timezone
    ``tz`` (a reflection saved Monday 01:00 UTC is still Sunday's in New York); without
    ``tz``, in the week it was stored under."""
    for r in get_records().list_reflections(user_id):
        created = r.get("created_at")
        if tz is None or not created:
            if r["week"] == week:
                return True
            continue
        when = datetime.fromisoformat(created)
        if week_of(when if when.tzinfo else when.replace(tzinfo=UTC), tz) == week:
            return True
    return False
