"""A passport with history for the page tests and screenshots: weekly reflections saved
through the real path (tagged by the installed tagger), a verified OB 3.0 credential, a
credential whose name holds a script tag, and a saved story."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

from evals.credential_signing import EdIssuer, ob3

XSS = "<script>alert('pwned')</script><img src=x onerror=alert(1)>"
# Things people did at work, each tagged by the real tagger when the reflection is saved.
MOMENTS = [
    "I ran a workshop for the new support team on our ticket triage.",
    "I fixed the flaky deployment pipeline that had blocked releases for days.",
    "I explained the outage to two angry customers and kept them with us.",
    "I planned the sprint with the team and split the work fairly.",
    "I wrote the data migration script and checked every table twice.",
    "I mentored a junior colleague through her first code review.",
    "I trained two new colleagues on the ticket system and coached them through their first "
    "week.",
    "I used spreadsheets to track the support backlog every day.",
]
GROWTH = "Next I want to get better at public speaking in front of the whole team."


def add_reflections(user_id: str, weeks: int, today: datetime | None = None) -> list[str]:
    """One reflection a week for ``weeks`` weeks up to ``today``, saved the way the coach
    saves one (tagged by the installed tagger, stored, remembered); returns their ids."""
    from agent.capabilities.reflection import save

    today = today or datetime.now(UTC)
    ids = []
    for n in range(weeks):
        when = today - timedelta(weeks=weeks - 1 - n)
        a, b = MOMENTS[n % len(MOMENTS)], MOMENTS[(n * 5 + 2) % len(MOMENTS)]
        parts = [a, b] if a != b and n % 3 else [a]
        if n % 4 == 3:
            parts.append(GROWTH)
        saved = save(user_id, {"id": None, "text": " ".join(parts), "slots": {},
                               "followups": [], "created_at": when.isoformat(timespec="seconds")})
        ids.append(str(saved.facts["reflection_id"]))
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
