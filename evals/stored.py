"""What the coach stored after a conversation, checked against what the user said.

Read from the real records after each conversation of the coaching suite: nothing that is
not a reflection is stored (questions, commands, distress, turns marked ``"store": false``),
every stored growth moment is the user's own words verbatim (each line one message of the
conversation), skill tags belong to a stored moment, and a conversation may say how many
moments it must leave (``"stored": N``).
"""

from __future__ import annotations

from typing import Any

from evals.checks import Check


def never_stored(spec: dict[str, Any]) -> bool:
    """True for a turn whose message must never become part of a growth moment."""
    expect = spec.get("expect", {})
    if "store" in expect:
        return not expect["store"]
    return bool(expect.get("distress")) or str(spec["user"]).rstrip().endswith("?")


def stored_check(turns: list[dict[str, Any]], reflections: list[dict[str, Any]],
                 skills: list[dict[str, Any]], expected: int | None = None) -> Check:
    """Check the stored records of one conversation.

    Args:
        turns: the conversation's turns (``user`` and ``expect``).
        reflections: every reflection row of the user afterwards, saved and draft.
        skills: every skill tag row of the user afterwards.
        expected: how many saved reflections the conversation must leave, if it says.

    Returns:
        The ``stored_records`` check, with one line per problem.
    """
    said = {str(t["user"]).strip() for t in turns}
    forbidden = {str(t["user"]).strip() for t in turns if never_stored(t)}
    problems: list[str] = []
    for row in reflections:
        for line in (x.strip() for x in str(row["text"]).split("\n") if x.strip()):
            if line in forbidden:
                problems.append(f"stored a non-reflection: {line[:60]!r}")
            elif line not in said:
                problems.append(f"stored words the user did not say: {line[:60]!r}")
    ids = {row["id"] for row in reflections}
    orphans = [s for s in skills if s.get("source_kind") == "reflection"
               and s.get("source_id") not in ids]
    if orphans:
        problems.append(f"{len(orphans)} skill tags of no stored reflection")
    saved = sum(1 for r in reflections if r.get("status") == "saved")
    if expected is not None and saved != expected:
        problems.append(f"{saved} growth moments stored, expected {expected}")
    return Check("stored_records", not problems, "; ".join(problems))
