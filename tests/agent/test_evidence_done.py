"""The issue's "done when": a user with 4 weeks of reflections and 2 verified credentials gets
strengths, a story and a tailored profile in the CLI and in chat, with citations and 0
faithfulness violations, offline and in LLM mode (a scripted model that fabricates)."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from agent.service import AgentService
from channels.cli.main import build_app
from evals.fabricating import FabricatingChatModel
from evals.profiles import JOBS, load_users, run_profiles_eval, seed_user
from tools.facts import facts_for

LIES = ("MIT", "Google", "10 years")


@pytest.fixture(autouse=True)
def small_index(tagger: object) -> None:
    """The real tagger over the small test index (tests/conftest.py)."""


def _ana() -> tuple[str, dict]:
    ana = next(u for u in load_users() if u["name"] == "Ana")
    assert len(ana["reflections"]) == 4 and len(ana["credentials"]) == 2
    return seed_user(ana), ana


def test_cli_strengths_story_profile_with_citations() -> None:
    uid, _ = _ana()
    own = {f.id for f in facts_for(uid)}
    app = build_app()
    for args in (["strengths"], ["story", "--about", "the migration"],
                 ["profile", "--job", str(JOBS / "data_engineer.txt"), "--format", "json"]):
        result = CliRunner().invoke(app, [*args, "--user", "Ana", *([] if "profile" in args
                                                                      else ["--json"])])
        assert result.exit_code == 0, result.output
        out = json.loads(result.output)
        assert out["sources"] and set(out["sources"]) <= own
        assert out["faithfulness"]["ok"] and out["faithfulness"]["violations"] == []
        assert re.search(r"\[\d+\]", out["text"]) and "Sources:" in out["text"]


@pytest.mark.parametrize("fabricating", [False, True])
async def test_chat_strengths_story_profile_in_both_modes(fabricating: bool) -> None:
    uid, _ = _ana()
    ad = (JOBS / "platform_sre_phd.txt").read_text(encoding="utf-8")
    model = FabricatingChatModel() if fabricating else None
    async with AgentService(model=model) as service:
        replies = [await service.handle(uid, m) for m in (
            "what are my strengths?", "write a story about the migration",
            f"tailor my profile for this job: {ad}")]
    for reply, kind in zip(replies, ("strengths", "story", "profile"), strict=True):
        info = reply.data[kind]["faithfulness"]
        assert info["ok"] and info["violations"] == []
        assert info["mode"] == ("llm" if fabricating else "offline")
        assert "[1]" in reply.text and "Sources:" in reply.text
        assert not any(lie in reply.text for lie in LIES)
    gaps = {m["requirement"]: m["status"] for m in replies[2].data["profile"]["matches"]}
    assert gaps["PhD in Computer Science"] == "gap"


def test_eval_reports_zero_violations_for_one_user() -> None:
    report = run_profiles_eval(limit=1)
    for mode in ("offline", "llm_fabricating"):
        assert report[mode]["violations"] == 0 and report[mode]["leaks"] == 0
    assert report["llm_fabricating"]["caught"] > 0
