"""REST routers: every capability of the passport over HTTP, one router per resource.

Every route acts for the owner of the API key (``Authorization: Bearer KEY`` or
``X-API-Key: KEY``); no route takes a user id from the request, so one key can only ever
read or change its owner's passport. Capabilities come from the ``agent.capabilities``
facades; chat goes through an agent turn.
"""

from __future__ import annotations

import asyncio
import base64
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, HTTPException, Query, Request
from fastapi.encoders import jsonable_encoder
from pydantic import BaseModel, Field

from agent import accounts
from agent.capabilities import answers as answers_cap
from agent.capabilities import careers as careers_cap
from agent.capabilities import skills as skills_cap
from agent.reply import Reply
from agent.results import ToolResult
from agent.service import AgentService
from prompts import render
from prompts.phrasebook import MAX_UPLOAD_BYTES, MAX_UPLOAD_MB

CHANNEL = "http"


def get_service(request: Request) -> AgentService:
    """The process-wide agent service kept on the app."""
    return request.app.state.service  # type: ignore[no-any-return]


UNAUTHORISED = ("A valid API key is required: send 'Authorization: Bearer KEY' (create one "
                "with `passport apikey create --user NAME`).")


def key_owner(authorization: str | None, x_api_key: str | None) -> str | None:
    """The user id owning the key in these headers, or None."""
    key = x_api_key or ""
    if authorization and authorization.lower().startswith("bearer "):
        key = authorization[7:].strip()
    return accounts.user_for_api_key(key) if key else None


def current_user(authorization: Annotated[str | None, Header()] = None,
                 x_api_key: Annotated[str | None, Header()] = None) -> str:
    """The user id owning the presented API key (401 without a valid key)."""
    user_id = key_owner(authorization, x_api_key)
    if user_id is None:
        raise HTTPException(401, UNAUTHORISED, headers={"WWW-Authenticate": "Bearer"})
    return user_id


CurrentUser = Annotated[str, Depends(current_user)]
Service = Annotated[AgentService, Depends(get_service)]


class ButtonOut(BaseModel):
    """A quick reply: send ``data`` as the next message to choose it."""

    label: str
    data: str


class AttachmentOut(BaseModel):
    """A file produced by the turn, base64-encoded."""

    filename: str
    mime: str
    content_base64: str


class ReplyOut(BaseModel):
    """The coach's answer to one message."""

    text: str
    buttons: list[ButtonOut] = Field(default_factory=list)
    attachments: list[AttachmentOut] = Field(default_factory=list)
    tools: list[str] = Field(default_factory=list)
    data: dict[str, Any] = Field(default_factory=dict)

    @classmethod
    def of(cls, reply: Reply) -> ReplyOut:
        """Convert the service's reply."""
        return cls(text=reply.text, tools=reply.tools, data=reply.data,
                   buttons=[ButtonOut(label=b.label, data=b.data) for b in reply.buttons],
                   attachments=[AttachmentOut(filename=a.filename, mime=a.mime,
                                              content_base64=base64.b64encode(a.content).decode())
                                for a in reply.attachments])


class ChatIn(BaseModel):
    """One chat message."""

    message: str = Field(min_length=1, max_length=20_000)
    conversation: str = Field(default="api", max_length=100, pattern=r"^[\w.:-]+$")


async def _turn(service: AgentService, user_id: str, message: str,
                conversation: str = "api", file: tuple[bytes, str | None] | None = None
                ) -> ReplyOut:
    reply = await service.handle(user_id, message, channel=CHANNEL, conversation=conversation,
                                 file=file)
    return ReplyOut.of(reply)


async def _body(request: Request) -> bytes:
    data = await request.body()
    if not data:
        raise HTTPException(400, "Send the credential file as the request body.")
    if len(data) > MAX_UPLOAD_BYTES:
        raise HTTPException(413, render("upload_too_large", mb=MAX_UPLOAD_MB))
    return data


chat = APIRouter(prefix="/v1", tags=["chat"])


@chat.post("/chat", response_model=ReplyOut)
async def chat_turn(body: ChatIn, user: CurrentUser, service: Service) -> ReplyOut:
    """One turn with the coach (reflections, reminders, anything you would type)."""
    return await _turn(service, user, body.message, body.conversation)


@chat.post("/files", response_model=ReplyOut)
async def send_file(request: Request, user: CurrentUser, service: Service,
                    filename: Annotated[str | None, Query(max_length=200)] = None,
                    message: Annotated[str, Query(max_length=2000)] = "",
                    conversation: Annotated[str, Query(pattern=r"^[\w.:-]+$")] = "api"
                    ) -> ReplyOut:
    """Send a file in the chat (the coach inspects a credential and asks before adding it)."""
    return await _turn(service, user, message, conversation, (await _body(request), filename))


credentials = APIRouter(prefix="/v1/credentials", tags=["credentials"])


@credentials.post("/verify")
async def verify(request: Request, user: CurrentUser,
                 filename: Annotated[str | None, Query(max_length=200)] = None
                 ) -> dict[str, Any]:
    """Verify a credential (JSON, JWT, baked PNG or SVG as the body); stores nothing."""
    from agent.capabilities.credentials import describe_verdict, inspect_credential_bytes

    data = await _body(request)
    results = await asyncio.to_thread(inspect_credential_bytes, data, filename)
    return {"results": [r.to_json() | {"summary": describe_verdict(r)} for r in results]}


@credentials.post("/import")
async def import_credential(request: Request, user: CurrentUser,
                            filename: Annotated[str | None, Query(max_length=200)] = None
                            ) -> dict[str, Any]:
    """Verify a credential and add it to your passport if genuine."""
    from agent.capabilities.credentials import describe_verdict, import_bytes

    data = await _body(request)
    pairs = await asyncio.to_thread(import_bytes, user, data, filename)
    return {"results": [r.to_json() | {"summary": describe_verdict(r), "stored_id": cid}
                        for r, cid in pairs]}


@credentials.get("")
def list_credentials(user: CurrentUser) -> dict[str, Any]:
    """Your credentials with their verdicts (raw bytes left out)."""
    from agent.capabilities.credentials import list_credentials as stored

    return {"credentials": stored(user)}


evidence = APIRouter(prefix="/v1", tags=["evidence"])


class TagIn(BaseModel):
    """A text to tag with skills."""

    text: str = Field(min_length=1, max_length=20_000)


@evidence.post("/skills/tag")
async def tag(body: TagIn, user: CurrentUser) -> dict[str, Any]:
    """Skills found in a text (ESCO / O*NET), without the skills you rejected; stores nothing."""
    tags = await asyncio.to_thread(skills_cap.tag_for_user, user, body.text)
    return {"skills": [t.model_dump(mode="json") for t in tags]}


@evidence.get("/skills")
def my_skills(user: CurrentUser) -> dict[str, Any]:
    """Every skill tag in your passport, with the item it came from."""
    return {"skills": skills_cap.user_skills(user)}


class StoryIn(BaseModel):
    """What the story should be about (empty: the richest recent material)."""

    about: str = Field(default="", max_length=2000)


class ProfileIn(BaseModel):
    """A job ad to tailor the profile to."""

    job_ad: str = Field(min_length=1, max_length=20_000)


async def _evidence(fn: Callable[..., ToolResult], user: str, *args: Any
                    ) -> dict[str, Any]:
    """A cited answer of the evidence facade, with its reply as ``text``."""
    out = await asyncio.to_thread(fn, user, *args)
    record = out.payload()
    return dict(jsonable_encoder(record | {"text": out.reply or record.get("text", "")}))


@evidence.get("/strengths")
async def strengths(user: CurrentUser) -> dict[str, Any]:
    """Your 3 to 7 strengths with cited evidence (``text``), growth areas apart."""
    return await _evidence(answers_cap.strengths_for, user)


@evidence.post("/story")
async def story(body: StoryIn, user: CurrentUser) -> dict[str, Any]:
    """A STAR story drafted from your reflections (kept as a draft), with citations."""
    return await _evidence(answers_cap.story_for, user, body.about)


@evidence.post("/profile")
async def profile(body: ProfileIn, user: CurrentUser) -> dict[str, Any]:
    """A profile tailored to a job ad: covered, transferable and gaps, with citations."""
    return await _evidence(answers_cap.profile_for, user, body.job_ad)


careers = APIRouter(prefix="/v1/careers", tags=["careers"])


class TargetIn(BaseModel):
    """The role to grow towards, in your words ("hotel manager", "from waiter to chef")."""

    target: str = Field(min_length=1, max_length=500)


@careers.get("/roles")
async def roles(user: CurrentUser, interests: Annotated[str, Query(max_length=2000)] = ""
                ) -> dict[str, Any]:
    """Roles that fit your evidence (near and stretch), each with your quoted evidence."""
    return (await asyncio.to_thread(careers_cap.explore_turn, user, interests)).record()


@careers.post("/plan")
async def plan(body: TargetIn, user: CurrentUser) -> dict[str, Any]:
    """What to learn next to become the target role; kept as your goal."""
    return (await asyncio.to_thread(careers_cap.plan_turn, user, body.target)).record()


ROUTERS = [chat, credentials, evidence, careers]
