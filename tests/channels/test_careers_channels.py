"""Careers over the CLI (`passport explore`, text and --json) and HTTP (/v1/careers, keys)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import httpx
import pytest
from typer.testing import CliRunner

from agent.service import AgentService
from channels.cli.main import build_app
from channels.http import create_app
from memory.records import get_records
from tests.tools.careers.seed import seed_cook


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(build_app(), list(args))
    return result.exit_code, result.output


def test_cli_explore_roles_and_target_in_text_and_json() -> None:
    seed_cook()
    code, out = _run("explore", "--user", "priya")
    assert code == 0 and "**cook**" in out and "[ref_" in out and "ESCO" in out, out
    code, out = _run("explore", "--user", "priya", "--json")
    data = json.loads(out)
    assert data["kind"] == "career_roles" and len(data["roles"]) == 10
    assert data["roles"][0]["shown"][0]["evidence"][0]["fact_id"].startswith("ref_")
    code, out = _run("explore", "--user", "priya", "--target", "head chef", "--json")
    plan = json.loads(out)
    assert code == 0 and plan["plan"]["target"]["label"] == "head chef" and plan["plan"]["steps"]
    code, out = _run("explore", "--user", "priya", "--target", "nurse")
    assert code == 0 and "nurse responsible for general care" in out
    code, out = _run("explore", "--user", "nobody-here")
    assert code == 1 and "No passport" in out


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    service = AgentService()
    transport = httpx.ASGITransport(app=create_app(service=service))
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
        yield c
    await service.close()


async def test_http_careers_need_a_key_and_answer_for_its_owner(client: httpx.AsyncClient
                                                                 ) -> None:
    uid = seed_cook()
    rec = get_records()
    rec.create_api_key(uid, "key-priya-0123456789")
    other = rec.ensure_user("http", "api", "sam", "Sam")
    rec.create_api_key(other, "key-sam-0123456789")
    assert (await client.get("/v1/careers/roles")).status_code == 401
    bad = await client.post("/v1/careers/plan", json={"target": "chef"},
                            headers={"X-API-Key": "nope"})
    assert bad.status_code == 401
    mine = await client.get("/v1/careers/roles",
                            headers={"Authorization": "Bearer key-priya-0123456789"})
    assert mine.status_code == 200 and "cook" in [r["label"] for r in mine.json()["roles"]]
    theirs = await client.get("/v1/careers/roles", headers={"X-API-Key": "key-sam-0123456789"})
    assert theirs.status_code == 200 and theirs.json()["roles"] == []
    plan = await client.post("/v1/careers/plan", json={"target": "from cook to head chef"},
                             headers={"X-API-Key": "key-priya-0123456789"})
    assert plan.status_code == 200 and plan.json()["plan"]["start"] == "cook"
