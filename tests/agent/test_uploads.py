"""Uploads in chat: a per-user daily quota, bytes dropped once imported, rows gone after a day."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from agent.service import AgentService
from evals.credential_signing import EdIssuer, ob3, png_with_itxt
from memory.records import get_records


def _badge() -> bytes:
    iss = EdIssuer.new()
    return png_with_itxt("openbadgecredential", json.dumps(iss.sign(ob3(iss.did))).encode())


@pytest.mark.usefixtures("tagger")
async def test_upload_quota_per_user_and_day(monkeypatch: pytest.MonkeyPatch) -> None:
    badge = _badge()
    monkeypatch.setattr("agent.service.UPLOAD_QUOTA_BYTES", len(badge) * 2)
    rec = get_records()
    kim, lou = rec.ensure_user("cli", "local", "kim"), rec.ensure_user("cli", "local", "lou")
    async with AgentService() as service:
        for _ in range(2):
            reply = await service.handle(kim, "", file=(badge, "badge.png"), conversation="q")
            assert "Shall I add it" in reply.text
        refused = await service.handle(kim, "", file=(badge, "badge.png"), conversation="q")
        assert "daily limit" in refused.text
        other = await service.handle(lou, "", file=(badge, "badge.png"), conversation="q")
        assert "Shall I add it" in other.text
    assert rec.upload_bytes_today(kim) == 2 * len(badge)


@pytest.mark.usefixtures("tagger")
async def test_upload_bytes_go_once_imported_and_rows_after_a_day() -> None:
    rec = get_records()
    mo = rec.ensure_user("cli", "local", "mo")
    async with AgentService() as service:
        await service.handle(mo, "", file=(_badge(), "mine.png"), conversation="u")
        await service.handle(mo, "yes", conversation="u")
    assert len(rec.list_credentials(mo)) == 1
    rows = rec.db.query("SELECT raw, filename, size FROM uploads WHERE user_id=?", (mo,))
    assert [(bytes(r["raw"]), r["filename"]) for r in rows] == [(b"", None)]
    assert rows[0]["size"] > 0
    stale = (datetime.now(UTC) - timedelta(hours=25)).isoformat(timespec="seconds")
    never_imported = rec.add_upload(mo, "old.png", b"left over")
    rec.db.execute("UPDATE uploads SET created_at=?", (stale,))
    assert rec.get_upload(mo, never_imported) is not None
    rec.add_upload(mo, "new.png", b"fresh")
    names = [r["filename"] for r in rec.db.query("SELECT filename FROM uploads")]
    assert names == ["new.png"]


@pytest.mark.usefixtures("tagger")
async def test_a_status_list_sent_in_chat_rechecks_revocation_offline() -> None:
    """The user sends the issuer's status list file: their stored credential that points to
    it is checked again offline, and its stored verdict becomes revoked."""
    from evals.credential_signing import status_list

    iss, url = EdIssuer.new(), "https://badges.example.net/status/4"
    entry = {"id": url + "#12", "type": "BitstringStatusListEntry",
             "statusPurpose": "revocation", "statusListIndex": "12",
             "statusListCredential": url}
    cred = json.dumps(iss.sign(ob3(iss.did, extra={"credentialStatus": entry}))).encode()
    listing = json.dumps(status_list(iss, url, {3, 12})).encode()
    rec = get_records()
    pia = rec.ensure_user("cli", "local", "pia")
    async with AgentService() as service:
        await service.handle(pia, "", file=(cred, "forklift.json"), conversation="s")
        await service.handle(pia, "yes", conversation="s")
        assert [c["verdict"] for c in rec.list_credentials(pia)] == ["unverifiable-offline"]
        reply = await service.handle(pia, "", file=(listing, "status.json"), conversation="s")
    assert "status list" in reply.text and "Team Leadership" in reply.text, reply.text
    stored = rec.list_credentials(pia)
    assert [c["verdict"] for c in stored] == ["revoked"] and len(stored) == 1
