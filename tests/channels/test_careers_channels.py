"""Careers over the CLI (`passport explore`, text and --json) and HTTP (/v1/careers, keys)."""

from __future__ import annotations

import json
import re
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


def test_page_shows_where_you_could_go_with_cited_evidence() -> None:
    from fastapi.testclient import TestClient

    from channels.http import create_app
    from channels.page.links import page_token

    uid = seed_cook()
    token, _ = page_token(uid)
    html = TestClient(create_app()).get(f"/p/{token}").text
    section = html.split('id="careers"')[1].split("</section>")[0]
    assert "Where you could go" in section and "<h3>cook</h3>" in section
    assert "stretch" in section and "European Commission" in section
    cited = re.findall(rf'href="/p/{re.escape(token)}/cite/([^"]+)"', section)
    assert cited and all(c.startswith("ref_") for c in cited)
    assert get_records().career_prefs(uid) == {}  # the page never asks or stores anything


def test_weekly_opening_names_the_goal() -> None:
    from agent.capabilities.reflection import opening
    from tools.careers.explore import plan_growth

    uid = seed_cook()
    assert "working towards" not in opening(uid, "Priya").reply
    plan = plan_growth(uid, "head chef").plan
    assert plan is not None
    reply = opening(uid, "Priya").reply
    assert "working towards **head chef**" in reply and plan.steps[0].label in reply
