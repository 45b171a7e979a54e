"""Sending a badge in chat: the coach explains the verdicts, asks, and adds it on "yes"."""

from __future__ import annotations

import copy
import json

import pytest

from agent.service import AgentService
from evals.credential_signing import EdIssuer, ob3, png_with_itxt


@pytest.mark.usefixtures("tagger")
async def test_send_badge_then_confirm(
        monkeypatch: pytest.MonkeyPatch, issuer: EdIssuer) -> None:
    from memory.records import get_records

    signed = json.dumps(issuer.sign(ob3(issuer.did))).encode()
    badge = png_with_itxt("openbadgecredential", signed)
    rec = get_records()
    ana = rec.ensure_user("cli", "local", "ana")
    async with AgentService() as service:
        first = await service.handle(ana, "", file=(badge, "badge.png"), conversation="c")
        assert "verified" in first.text and "Shall I add it" in first.text
        assert rec.list_credentials(ana) == []
        second = await service.handle(ana, "yes", conversation="c")
    assert "Added" in second.text and "Team Leadership" in second.text
    stored = rec.list_credentials(ana)
    assert len(stored) == 1 and stored[0]["verdict"] == "valid"
    bob = rec.ensure_user("cli", "local", "bob")
    assert rec.list_credentials(bob) == []


async def test_forged_badge_is_explained_and_not_offered(
        monkeypatch: pytest.MonkeyPatch, issuer: EdIssuer) -> None:
    from memory.records import get_records

    doc = issuer.sign(ob3(issuer.did))
    forged = copy.deepcopy(doc)
    forged["credentialSubject"]["achievement"]["name"] = "Brain Surgery"
    ana = get_records().ensure_user("cli", "local", "ana")
    async with AgentService() as service:
        reply = await service.handle(ana, json.dumps(forged), conversation="c")
    assert "NOT genuine" in reply.text and "won't add" in reply.text
    assert get_records().list_credentials(ana) == []


async def test_a_credential_with_an_absurdly_long_description_still_imports(
        monkeypatch: pytest.MonkeyPatch, issuer: EdIssuer) -> None:
    import tools.skills.tagging as tagging
    from memory.records import get_records

    monkeypatch.setattr(tagging, "MAX_TEXT_CHARS", 3000)  # the real limit is 200,000
    doc = ob3(issuer.did)
    doc["credentialSubject"]["achievement"]["description"] = "I mentored new staff. " * 2000
    badge = json.dumps(issuer.sign(doc)).encode()
    rec = get_records()
    ana = rec.ensure_user("cli", "local", "ana")
    async with AgentService() as service:
        first = await service.handle(ana, "", file=(badge, "badge.json"), conversation="c")
        assert "verified" in first.text, first.text
        second = await service.handle(ana, "yes", conversation="c")
    assert "Added" in second.text
    skills = rec.list_credentials(ana)[0]["skills"]
    assert any("mentor" in s["label"] for s in skills), skills  # tagged from its beginning
