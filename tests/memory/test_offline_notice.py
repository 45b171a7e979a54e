"""The offline notice is remembered per user until the mode changes."""

from __future__ import annotations

from memory.records import get_records


def test_notice_is_remembered_per_user_until_cleared() -> None:
    records = get_records()
    ada, bo = records.ensure_user("cli", "local", "ada"), records.ensure_user("cli", "local", "bo")
    assert not records.offline_notice_shown(ada)
    assert records.mark_offline_notice(ada) and not records.mark_offline_notice(ada)
    assert records.offline_notice_shown(ada) and not records.offline_notice_shown(bo)
    assert records.clear_offline_notice(ada) and not records.clear_offline_notice(ada)
    assert not records.offline_notice_shown(ada)
