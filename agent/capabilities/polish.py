"""LLM polish of cited sentences, gated by the faithfulness checker.

Only ``claim`` sentences that are not quotes are offered to the model, numbered, with the
facts they cite. The model's lines replace them; the whole draft is then checked. A failing
draft is repaired once (the model is told which rules it broke); if it still fails, the
offline sentences are kept. Quotes, questions, headings and gaps are never rewritten.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import HumanMessage, SystemMessage

from prompts import load
from tools.facts import Fact
from tools.faithfulness import Check, Segment, check_segments

log = logging.getLogger(__name__)
_PREFIX = re.compile(r"^((?:\*\*[^*]+\*\*:?\s*)|(?:\d+\.\s+))")
_LINE = re.compile(r"^\s*(\d+)[.)]\s+(.*\S)\s*$")
_MARK = re.compile(r"\[(\d+(?:\s*,\s*\d+)*)\]")


def _offer(blocks: list[list[Segment]], by_id: dict[str, Fact]) -> list[tuple[int, int]]:
    """Cited sentences worth rewording: not quotes, not titles, not credential names."""
    spots = []
    for i, block in enumerate(blocks):
        for j, s in enumerate(block):
            body = _PREFIX.sub("", s.text).strip()
            if (s.role == "claim" and s.cites and body and not body.startswith("\u201c")
                    and all(c in by_id and by_id[c].kind != "credential" for c in s.cites)):
                spots.append((i, j))
    return spots


def _prompt(blocks: list[list[Segment]], spots: list[tuple[int, int]], by_id: dict[str, Fact]
            ) -> tuple[str, list[str]]:
    order: list[str] = []
    lines = []
    for k, (i, j) in enumerate(spots, 1):
        seg = blocks[i][j]
        marks = []
        for c in seg.cites:
            if c not in order:
                order.append(c)
            marks.append(str(order.index(c) + 1))
        lines.append(f"{k}. {_PREFIX.sub('', seg.text)} [{', '.join(marks)}]")
    sources = "\n".join(f"[{n}] {by_id[c].date}: {by_id[c].text}" for n, c in
                        enumerate(order, 1) if c in by_id)
    return f"Sources:\n{sources}\n\nLines:\n" + "\n".join(lines), order


def _apply(blocks: list[list[Segment]], spots: list[tuple[int, int]], answer: str,
           order: list[str]) -> list[list[Segment]] | None:
    got = {int(m.group(1)): m.group(2) for m in map(_LINE.match, answer.splitlines()) if m}
    if sorted(got) != list(range(1, len(spots) + 1)):
        return None
    new = [list(b) for b in blocks]
    for k, (i, j) in enumerate(spots, 1):
        text = got[k]
        cites = [order[int(n) - 1] if 0 < int(n) <= len(order) else f"[{n}]"
                 for g in _MARK.findall(text) for n in g.split(",")]
        prefix = _PREFIX.match(blocks[i][j].text)
        body = _MARK.sub("", text).strip()
        new[i][j] = Segment(text=(prefix.group(1) if prefix else "") + body, cites=cites)
    return new


def _ask(model: BaseChatModel, prompt: str) -> str:
    reply = model.invoke([SystemMessage(content=load("polish")[0]), HumanMessage(content=prompt)])
    return reply.content if isinstance(reply.content, str) else str(reply.content)


def polish(model: BaseChatModel, blocks: list[list[Segment]], by_id: dict[str, Fact],
           support: str, terms: list[str]) -> tuple[list[list[Segment]], dict[str, Any]]:
    """Let the model reword the cited sentences; keep its text only if it passes the check.

    Returns:
        The blocks that reach the user and the check record (``mode`` llm, ``ok``,
        ``violations`` of the last LLM attempt, ``repaired``, ``fallback``).
    """
    spots = _offer(blocks, by_id)
    info: dict[str, Any] = {"mode": "llm", "ok": True, "violations": [], "repaired": False,
                            "fallback": False, "attempts": 0}
    if not spots:
        return blocks, info
    prompt, order = _prompt(blocks, spots, by_id)
    last: Check | None = None
    for attempt in (1, 2):
        info["attempts"] = attempt
        try:
            answer = _ask(model, prompt)
        except Exception as exc:  # noqa: BLE001 - any vendor failure keeps the offline text
            log.warning("polish failed (%s); keeping the offline text", type(exc).__name__)
            break
        new = _apply(blocks, spots, answer, order)
        if new is None:
            info["violations"] = [{"rule": "format", "detail": "lines did not match"}]
        else:
            last = check_segments([s for b in new for s in b], by_id, support, terms)
            info["violations"] = [v.model_dump() for v in last.violations]
            if last.ok:
                info["repaired"] = attempt == 2
                return new, info
        broken = "\n".join(f"- {v['text'][:120]}: {v['rule']} {v.get('detail', '')}"
                           for v in info["violations"][:12])
        prompt += ("\n\nYour previous answer broke these rules:\n" + broken +
                   "\nRewrite all lines again using only their sources.")
    # The offline text (already checked) reaches the user; the LLM's faults are logged.
    info.update(ok=True, fallback=True, llm_ok=False, llm_violations=info["violations"],
                violations=[])
    return blocks, info
