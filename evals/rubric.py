"""ICF-style coaching rubric, scored by an LLM judge only when a provider is configured.

The rubric follows the spirit of the ICF core competencies that a short text coach can show:
active listening, evoking awareness, client-led partnership, trust and safety, and
facilitating growth. Each conversation's transcript is scored 1-5 per criterion. Without a
provider (the offline default, and every test) the rubric is skipped and says so; the
deterministic checks in :mod:`evals.checks` are the gate, the rubric is a second opinion.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

PROMPT = Path(__file__).parent / "data" / "icf_rubric.txt"
CRITERIA = ("active_listening", "evokes_awareness", "client_led", "trust_and_safety",
            "facilitates_growth")


def transcript(conv: dict[str, Any]) -> str:
    """A conversation's turns as plain text for the judge, then what the coach stored as
    growth moments (a question or a person's distress stored as one breaks trust)."""
    turns = "\n".join(f"USER: {t['user']}\nCOACH: {t['reply']}" for t in conv["turns"])
    stored = "\n".join(f"STORED: {text}" for text in conv.get("stored", []))
    return f"{turns}\n{stored or 'STORED: nothing'}"


def parse_scores(text: str) -> dict[str, int]:
    """The judge's JSON scores (1-5 per criterion); criteria it did not score are left out."""
    found = re.search(r"\{.*\}", text, re.S)
    if not found:
        return {}
    try:
        raw = json.loads(found.group(0))
    except json.JSONDecodeError:
        return {}
    out: dict[str, int] = {}
    for key in CRITERIA:
        value = raw.get(key)
        if isinstance(value, int | float) and 1 <= value <= 5:
            out[key] = int(value)
    return out


def score_rubric(results: list[dict[str, Any]], enabled: bool | None = None) -> dict[str, Any]:
    """Score every conversation with the LLM judge.

    Args:
        results: the coaching suite's conversation entries.
        enabled: force on or off; by default on exactly when a provider is configured.

    Returns:
        ``status`` (``scored`` or ``skipped``), per-conversation scores and the means.
    """
    from settings import get_settings

    settings = get_settings()
    if enabled is None:
        enabled = settings.llm_enabled
    if not enabled or not settings.llm_enabled:
        return {"status": "skipped: no LLM provider configured (set OPENAI_API_KEY or "
                          "OPENAI_BASE_URL to score the ICF rubric)"}
    from agent.models import chat_model

    judge = chat_model(settings)
    prompt = PROMPT.read_text(encoding="utf-8")
    scores: dict[str, dict[str, int]] = {}
    for conv in results:
        try:
            answer = judge.invoke(prompt.replace("{transcript}", transcript(conv)))
            scores[conv["id"]] = parse_scores(str(answer.content))
        except Exception as exc:  # noqa: BLE001 - a judge failure must not hide the checks
            scores[conv["id"]] = {}
            conv.setdefault("rubric_error", f"{type(exc).__name__}: {exc}")
    means = {k: round(sum(s[k] for s in scores.values() if k in s) /
                      max(1, sum(k in s for s in scores.values())), 2) for k in CRITERIA}
    summary = ", ".join(f"{k} {v:.2f}" for k, v in means.items()) + " (1-5, LLM judge)"
    return {"status": "scored", "judge": settings.model, "means": means,
            "summary": summary, "scores": scores}
