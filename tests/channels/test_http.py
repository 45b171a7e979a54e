"""The REST API: keys, isolation between users, every capability, and 20 concurrent chats
through a real uvicorn server on 127.0.0.1."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator

import httpx
import pytest
import uvicorn

from agent.service import AgentService
from channels.http import create_app
from evals.credential_signing import EdIssuer, ob3, png_with_itxt
from memory.records import get_records

REFLECTION = ["This week I organised a workshop for my team, mentored two junior colleagues and "
              "fixed the build pipeline.",
              "The builds got twice as fast and the team was happy.",
              "I learned that asking early saves time."]


def new_key(name: str) -> str:
    """An API key for a new HTTP user."""
    rec = get_records()
    uid = rec.ensure_user("http", "api", name, name)
    key = f"key-{name}-0123456789"
    rec.create_api_key(uid, key)
    return key


def auth(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    service = AgentService()
    app = create_app(service=service)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
        yield c
    await service.close()


async def test_health_docs_and_unmounted_channels(client: httpx.AsyncClient) -> None:
    health = (await client.get("/health")).json()
    assert health["status"] == "ok"
    assert health["channels"] == {"http": True, "telegram": False, "slack": False}
    paths = (await client.get("/openapi.json")).json()["paths"]
    for path in ("/v1/chat", "/v1/credentials/import", "/v1/credentials/verify",
                 "/v1/skills/tag", "/v1/strengths", "/v1/story", "/v1/profile",
                 "/v1/memory", "/v1/memory/export", "/v1/reminders"):
        assert path in paths
    assert (await client.get("/docs")).status_code == 200
    assert (await client.post("/telegram/webhook", json={"update_id": 1})).status_code == 404
    assert (await client.post("/slack/events", json={"type": "url_verification",
                                                     "challenge": "x"})).status_code == 404


async def test_api_key_required(client: httpx.AsyncClient) -> None:
    assert (await client.post("/v1/chat", json={"message": "hi"})).status_code == 401
    bad = await client.post("/v1/chat", json={"message": "hi"}, headers=auth("nope"))
    assert bad.status_code == 401 and "API key" in bad.json()["detail"]
    ok = await client.post("/v1/chat", json={"message": "hi"},
                           headers={"X-API-Key": new_key("ana")})
    assert ok.status_code == 200 and ok.json()["text"]


async def test_two_users_are_isolated(client: httpx.AsyncClient) -> None:
    ana, ben = new_key("ana"), new_key("ben")
    for line in REFLECTION:
        r = await client.post("/v1/chat", json={"message": line}, headers=auth(ana))
        assert r.status_code == 200
    assert "reflection_saved" in r.json()["data"]
    await client.post("/v1/chat", json={"message": "This week I repaired bikes for the "
                                                   "neighbourhood kids at the customer "
                                                   "fair."}, headers=auth(ben))
    ana_export = (await client.get("/v1/memory/export", headers=auth(ana))).json()
    ben_export = (await client.get("/v1/memory/export", headers=auth(ben))).json()
    assert "workshop" in json.dumps(ana_export) and "bikes" not in json.dumps(ana_export)
    assert "bikes" in json.dumps(ben_export) and "workshop" not in json.dumps(ben_export)
    assert (await client.get("/v1/memory", headers=auth(ben))).json()["reflections"] == 0
    strengths = (await client.get("/v1/strengths", headers=auth(ana))).json()
    assert "workshop" in strengths["text"].lower() or "team" in strengths["text"].lower()
    ben_strengths = (await client.get("/v1/strengths", headers=auth(ben))).json()
    assert "workshop" not in json.dumps(ben_strengths).lower()
    skills = (await client.get("/v1/skills", headers=auth(ana))).json()["skills"]
    assert any("mentor" in s["label"] for s in skills), skills  # the real ESCO tagger
    assert (await client.get("/v1/skills", headers=auth(ben))).json()["skills"] == []


async def test_capabilities(client: httpx.AsyncClient) -> None:
    ana = new_key("ana")
    for line in REFLECTION:
        await client.post("/v1/chat", json={"message": line}, headers=auth(ana))
    text = "Yesterday I helped a customer"
    tags = (await client.post("/v1/skills/tag", json={"text": text},
                              headers=auth(ana))).json()["skills"]
    assert tags and all(text[t["start"]:t["end"]] == t["evidence"] for t in tags)
    assert "customer" in tags[0]["label"].lower() and tags[0]["framework"] in ("esco", "onet")
    story = await client.post("/v1/story", json={"about": "the workshop"}, headers=auth(ana))
    assert story.status_code == 200 and "workshop" in story.json()["text"].lower()
    ad = ("Team lead\nRequirements:\n- Experience organising workshops\n- Ability to work in "
          "teams\n- Skills in troubleshooting build systems")
    prof = (await client.post("/v1/profile", json={"job_ad": ad}, headers=auth(ana))).json()
    assert prof["kind"] == "profile" and "Experience organising workshops" in prof["text"]
    assert prof["citations"] and all("workshop" in c["text"] or "builds" in c["text"]
                                     or "learned" in c["text"] for c in prof["citations"])
    put = await client.put("/v1/reminders", json={"weekday": 6, "time": "18:00",
                                                  "tz": "Europe/Berlin"}, headers=auth(ana))
    assert put.json()["reminder"]["time"] == "18:00"
    assert put.json()["reminder"]["next"].endswith("+00:00")
    bad_tz = await client.put("/v1/reminders", json={"weekday": 6, "time": "18:00",
                                                     "tz": "Mars/Base"}, headers=auth(ana))
    assert bad_tz.status_code == 422
    assert (await client.get("/v1/reminders", headers=auth(ana))).json()["reminder"]["tz"] \
        == "Europe/Berlin"
    wrong = await client.request("DELETE", "/v1/memory", json={"confirm": "yes"},
                                 headers=auth(ana))
    assert wrong.status_code == 400
    assert (await client.get("/v1/memory", headers=auth(ana))).json()["reflections"] == 1
    gone = await client.request("DELETE", "/v1/memory",
                                json={"confirm": "yes, forget everything"}, headers=auth(ana))
    assert gone.json() == {"forgotten": True}
    assert (await client.get("/v1/memory", headers=auth(ana))).status_code == 401


@pytest.mark.usefixtures("tagger")
async def test_credential_import_and_verify(client: httpx.AsyncClient,
                                            issuer: EdIssuer) -> None:
    signed = json.dumps(issuer.sign(ob3(issuer.did))).encode()
    badge = png_with_itxt("openbadgecredential", signed)
    ana, ben = new_key("ana"), new_key("ben")
    checked = await client.post("/v1/credentials/verify?filename=badge.png", content=badge,
                                headers=auth(ana))
    assert checked.json()["results"][0]["verdict"] == "valid"
    assert (await client.get("/v1/credentials", headers=auth(ana))).json()["credentials"] == []
    imported = await client.post("/v1/credentials/import?filename=badge.png", content=badge,
                                 headers=auth(ana))
    assert imported.json()["results"][0]["stored_id"]
    mine = (await client.get("/v1/credentials", headers=auth(ana))).json()["credentials"]
    assert len(mine) == 1 and mine[0]["verdict"] == "valid"
    assert (await client.get("/v1/credentials", headers=auth(ben))).json()["credentials"] == []
    chat = await client.post("/v1/files?filename=badge.png&conversation=up", content=badge,
                             headers=auth(ben))
    assert "Shall I add it" in chat.json()["text"]
    assert (await client.post("/v1/credentials/import", content=b"",
                              headers=auth(ana))).status_code == 400


@pytest.fixture
async def server() -> AsyncIterator[str]:
    """The app under a real uvicorn server on 127.0.0.1 (random port)."""
    config = uvicorn.Config(create_app(), host="127.0.0.1", port=0, log_level="warning",
                            lifespan="on")
    srv = uvicorn.Server(config)
    task = asyncio.create_task(srv.serve())
    while not srv.started:
        await asyncio.sleep(0.05)
    port = srv.servers[0].sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    await task


async def test_twenty_concurrent_chats_over_uvicorn(server: str) -> None:
    things = ["kayak", "violin", "compiler", "bakery", "telescope", "garden", "podcast",
              "marathon", "robot", "quilt", "chess", "mural", "drone", "choir", "pottery",
              "website", "aquarium", "puppet", "lantern", "tractor"]
    keys = {t: new_key(t) for t in things}

    async def chat(c: httpx.AsyncClient, thing: str) -> tuple[str, str]:
        r = await c.post("/v1/chat", headers=auth(keys[thing]), json={
            "message": f"This week I built a {thing} prototype with my friends."})
        assert r.status_code == 200, r.text
        return thing, r.json()["text"]

    async with httpx.AsyncClient(base_url=server, timeout=120) as c:
        assert (await c.get("/health")).json()["status"] == "ok"
        replies = await asyncio.gather(*(chat(c, t) for t in things))
    for thing, text in replies:
        assert thing in text, text
        assert not [o for o in things if o != thing and o in text], text
    for thing in things:
        uid = get_records().user_for_api_key(keys[thing])
        draft = get_records().draft_reflection(uid)  # type: ignore[arg-type]
        assert draft is not None and thing in draft["text"]
