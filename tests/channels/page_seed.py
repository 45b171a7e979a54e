"""A passport with history for the page tests and screenshots: weekly reflections with
skill tags (grouped like the ESCO tagger groups them), a verified OB 3.0 credential, a
credential whose name holds a script tag, and a saved story."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

from evals.credential_signing import EdIssuer, ob3

XSS = "<script>alert('pwned')</script><img src=x onerror=alert(1)>"
# (sentence, evidence words, skill label, skill id, ESCO group)
MOMENTS = [
    ("I ran a workshop for the new support team on our ticket triage.",
     "ran a workshop", "organise workshops", "esco:s1", "teaching and training"),
    ("I fixed the flaky deployment pipeline that had blocked releases for days.",
     "fixed the flaky deployment pipeline", "troubleshoot", "esco:s2", "solving problems"),
    ("I explained the outage to two angry customers and kept them with us.",
     "explained the outage to two angry customers", "customer service", "esco:s3",
     "assisting and caring"),
    ("I planned the sprint with the team and split the work fairly.",
     "planned the sprint", "plan work activities", "esco:s4", "management skills"),
    ("I wrote the data migration script and checked every table twice.",
     "wrote the data migration script", "use scripting programming", "esco:s5",
     "working with computers"),
    ("I mentored a junior colleague through her first code review.",
     "mentored a junior colleague", "mentor individuals", "esco:s6", "teaching and training"),
]
GROWTH = ("Next I want to get better at public speaking.", "public speaking",
          "speak in public", "esco:g1", "communication, collaboration and creativity")


def _tag(text: str, evidence: str, label: str, sid: str, group: str,
         polarity: str = "demonstrated") -> dict[str, Any]:
    start = text.index(evidence)
    return {"framework": "esco", "id": sid, "label": label, "score": 0.8,
            "evidence": evidence, "start": start, "end": start + len(evidence),
            "polarity": polarity, "also": [], "group": group, "skill_type": "skill"}


def add_reflections(user_id: str, weeks: int, today: datetime | None = None) -> list[str]:
    """One saved reflection a week for ``weeks`` weeks up to ``today``; returns their ids."""
    from memory.records import get_records

    rec = get_records()
    today = today or datetime.now(UTC)
    ids = []
    for n in range(weeks):
        when = today - timedelta(weeks=weeks - 1 - n)
        a, b = MOMENTS[n % len(MOMENTS)], MOMENTS[(n * 5 + 2) % len(MOMENTS)]
        parts = [a[0], b[0]] if a != b and n % 3 else [a[0]]
        if n % 4 == 3:
            parts.append(GROWTH[0])
        text = " ".join(parts)
        tags = [_tag(text, *m[1:]) for m in dict.fromkeys((a, b)) if m[0] in text]
        if GROWTH[0] in text:
            tags.append(_tag(text, *GROWTH[1:], polarity="growth"))
        ids.append(rec.save_reflection(user_id, {
            "status": "saved", "text": text, "skills": tags,
            "created_at": when.isoformat(timespec="seconds")}))
        rec.add_skill_tags(user_id, "reflection", ids[-1], tags)
    return ids


def add_credentials(user_id: str, evil: bool = True) -> tuple[str, str]:
    """Two verified OB 3.0 badges issued three and eight weeks ago; with ``evil`` the second
    one's name and description hold markup. Returns their ids."""
    from agent.capabilities.credentials import import_bytes

    iss = EdIssuer.new()
    now = datetime.now(UTC)

    def when(weeks: int) -> str:
        return (now - timedelta(weeks=weeks)).strftime("%Y-%m-%dT00:00:00Z")

    good = ob3(iss.did, extra={"validFrom": when(3)})
    other = ob3(iss.did, extra={"id": "urn:uuid:6b0c0f3e-1111-4a5a-9c1e-0000000000ff",
                                "validFrom": when(8)})
    ach = other["credentialSubject"]["achievement"]
    ach.update(id="https://example.edu/achievements/support", name=XSS if evil else
               "Customer Support Excellence", description=f"Description {XSS}" if evil else
               "Resolved 200 customer tickets with a satisfaction score above 95%.")
    other["name"] = ach["name"]
    ids = []
    for doc, name in ((iss.sign(good), "team.json"), (iss.sign(other), "other.json")):
        [(result, cid)] = import_bytes(user_id, json.dumps(doc).encode(), name,
                                       use_tagger=False)
        assert cid, result.reasons
        ids.append(cid)
    return ids[0], ids[1]


def add_story(user_id: str, fact_id: str) -> str:
    """A saved STAR story citing one fact."""
    from memory.records import get_records

    return get_records().save_story(user_id, {
        "title": "Rescuing the release", "status": "saved",
        "sections": {"situation": "Releases had been blocked for days.",
                     "action": "I fixed the flaky deployment pipeline.",
                     "result": "We shipped on Friday."},
        "citations": {"action": [fact_id]}})


def seed(name: str = "Ana", weeks: int = 6, evil: bool = True) -> dict[str, Any]:
    """A CLI user with ``weeks`` weekly reflections, two credentials (the second one's name
    holding markup when ``evil``), a saved story and a reminder."""
    from memory.records import get_records

    uid = get_records().ensure_user("cli", "local", name, display_name=name)
    refs = add_reflections(uid, weeks)
    good, bad = add_credentials(uid, evil)
    story = add_story(uid, f"{refs[0]}#1")
    get_records().set_reminder(uid, 6, "18:00", "Europe/Berlin", channel="cli")
    return {"user_id": uid, "reflections": refs, "good": good, "evil": bad, "story": story}
