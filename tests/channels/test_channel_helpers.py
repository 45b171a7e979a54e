"""Pure helpers of the channels: chunking, reminder times, link codes."""

from __future__ import annotations

from datetime import UTC, datetime

from agent import accounts as identity
from channels.chunking import slack_chunks, split, telegram_chunks
from channels.reminders import next_fire, week_of
from memory.records import get_records


def test_split_keeps_every_word_and_respects_limits() -> None:
    text = "\n\n".join(f"Paragraph {i}: " + "word " * 400 for i in range(12)) + "x" * 9000
    for limit in (50, 1000, 4096):
        pieces = split(text, limit)
        assert all(0 < len(p) <= limit for p in pieces)
        assert "".join(pieces).replace(" ", "").replace("\n", "") == \
            text.replace(" ", "").replace("\n", "")
    assert split("short", 10) == ["short"]


def test_platform_chunks_measure_the_escaped_text() -> None:
    text = "<&>" * 5000
    assert all(len(c) <= 4096 for c in telegram_chunks(text))
    assert all(len(c) <= 3000 for c in slack_chunks(text))
    assert "".join(telegram_chunks(text)).count("&lt;") == 5000


def test_next_fire_in_local_time_across_dst() -> None:
    sunday_noon = datetime(2026, 3, 22, 12, 0, tzinfo=UTC)
    first = next_fire(6, "18:00", "Europe/Berlin", sunday_noon)
    assert first == datetime(2026, 3, 22, 17, 0, tzinfo=UTC)  # CET, UTC+1
    after = next_fire(6, "18:00", "Europe/Berlin", first)
    assert after == datetime(2026, 3, 29, 16, 0, tzinfo=UTC)  # CEST from 29 March, UTC+2
    assert next_fire(0, "09:00", "Not/AZone", sunday_noon) == datetime(2026, 3, 23, 9, 0,
                                                                         tzinfo=UTC)
    late_sunday = datetime(2026, 3, 22, 23, 30, tzinfo=UTC)
    assert week_of(late_sunday, "UTC") == "2026-W12"
    assert week_of(late_sunday, "Europe/Berlin") == "2026-W13"


def test_link_code_is_single_use_and_never_merges_a_passport() -> None:
    rec = get_records()
    ana = rec.ensure_user("slack", "T1", "UANA", "Ana")
    code = identity.issue_code(ana)
    ok, _ = identity.redeem(code, "telegram", "42", "1001")
    assert ok and rec.find_user("telegram", "42", "1001") == ana
    again, msg = identity.redeem(code, "telegram", "42", "2002")
    assert not again and "expired" in msg
    ben = rec.ensure_user("telegram", "42", "3003", "Ben")
    rec.save_reflection(ben, {"status": "saved", "text": "I ran a marathon."})
    refused, msg = identity.redeem(identity.issue_code(ana), "telegram", "42", "3003")
    assert not refused and "won't merge" in msg
    assert rec.find_user("telegram", "42", "3003") == ben


def test_expired_link_code_is_refused() -> None:
    rec = get_records()
    ana = rec.ensure_user("slack", "T1", "UANA", "Ana")
    rec.issue_link_code(ana, "EXPIRED1", ttl_s=-5)
    assert rec.redeem_link_code("EXPIRED1") is None
    rec.issue_link_code(ana, "FRESHONE", ttl_s=600)
    assert rec.redeem_link_code("FRESHONE") == ana


def test_a_reflection_counts_for_the_week_of_the_writers_timezone() -> None:
    from agent.capabilities.reminders import reflected_in

    rec = get_records()
    ana = rec.ensure_user("slack", "T1", "UNY", "Ana")
    # Monday 01:30 UTC is still Sunday evening in New York: ISO week 12 there, 13 in UTC
    monday_utc = datetime(2026, 3, 23, 1, 30, tzinfo=UTC)
    rec.save_reflection(ana, {"status": "saved", "text": "I ran the stocktake.",
                              "created_at": monday_utc.isoformat(timespec="seconds")})
    assert reflected_in(ana, week_of(monday_utc, "America/New_York"), "America/New_York")
    assert not reflected_in(ana, "2026-W13", "America/New_York")
    assert reflected_in(ana, "2026-W13", "UTC")
    assert reflected_in(ana, "2026-W13")  # no timezone: the week it was stored under
