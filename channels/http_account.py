"""REST routers for the account: what is kept (show, export, forget) and weekly reminders.

Like every route in :mod:`channels.http_api`, each acts only for the owner of the API key.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, Body, HTTPException, Request
from pydantic import BaseModel, Field

from agent.capabilities import reminders as reminders_cap
from channels.http_api import CHANNEL, CurrentUser, Service

memory = APIRouter(prefix="/v1/memory", tags=["memory"])


@memory.get("")
def show_memory(user: CurrentUser) -> dict[str, Any]:
    """Counts of everything kept about you, and your latest reflection."""
    from agent.capabilities.memory import show

    return show(user).record()


@memory.get("/export")
def export_memory(user: CurrentUser) -> dict[str, Any]:
    """Everything kept about you as one JSON document."""
    from agent.capabilities.memory import export_user

    return export_user(user)


class ForgetIn(BaseModel):
    """The confirmation phrase, typed exactly."""

    confirm: str


@memory.delete("")
async def forget(user: CurrentUser, service: Service,
                 body: Annotated[ForgetIn, Body()]) -> dict[str, Any]:
    """Delete everything about you (records, memories, conversations, API keys)."""
    from prompts.phrasebook import FORGET_PHRASE

    if not FORGET_PHRASE.match(body.confirm):
        raise HTTPException(400, 'To delete everything, send {"confirm": "yes, forget '
                                 'everything"}.')
    await service.forget(user)
    return {"forgotten": True}


reminders = APIRouter(prefix="/v1/reminders", tags=["reminders"])


class ReminderIn(BaseModel):
    """A weekly reminder: weekday 0 = Monday, local time, IANA timezone."""

    weekday: int = Field(ge=0, le=6)
    time: str = Field(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")
    tz: str = "UTC"


def _reminder_out(row: dict[str, Any] | None) -> dict[str, Any]:
    from channels.reminders import next_fire

    if not row:
        return {"reminder": None}
    nxt = next_fire(int(row["weekday"]), str(row["at_time"]), str(row["tz"]))
    return {"reminder": {"weekday": row["weekday"], "time": row["at_time"], "tz": row["tz"],
                         "channel": row["channel"], "enabled": bool(row["enabled"]),
                         "next": nxt.isoformat()}}


@reminders.get("")
def get_reminder(user: CurrentUser) -> dict[str, Any]:
    """Your weekly reminder, and when it fires next."""
    return _reminder_out(reminders_cap.get_reminder(user))


def _reschedule(request: Request, user_id: str) -> None:
    """Tell the running chat channels about a changed reminder."""
    for name in ("telegram", "slack"):
        channel = getattr(request.app.state, name, None)
        if channel is not None:
            scheduler = getattr(channel, "scheduler", None)
            (scheduler.schedule if scheduler else channel.schedule)(user_id)


@reminders.put("")
async def put_reminder(body: ReminderIn, user: CurrentUser, request: Request
                       ) -> dict[str, Any]:
    """Set your weekly reminder (it is delivered on the chat channel you use)."""
    from channels.reminders import zone

    if zone(body.tz).key != body.tz and not re.fullmatch(r"UTC|GMT", body.tz):
        raise HTTPException(422, f"Unknown timezone '{body.tz}'; use an IANA name such as "
                                 "Europe/Berlin.")
    old = reminders_cap.get_reminder(user)
    reminders_cap.save_reminder(user, body.weekday, body.time, body.tz,
                                channel=(old or {}).get("channel") or CHANNEL)
    _reschedule(request, user)
    return _reminder_out(reminders_cap.get_reminder(user))


@reminders.delete("")
async def delete_reminder(user: CurrentUser, request: Request) -> dict[str, Any]:
    """Turn your weekly reminder off."""
    old = reminders_cap.get_reminder(user)
    if old:
        reminders_cap.save_reminder(user, int(old["weekday"]), str(old["at_time"]),
                                    str(old["tz"]), enabled=False)
        _reschedule(request, user)
    return {"reminder": None}


ROUTERS = [memory, reminders]
