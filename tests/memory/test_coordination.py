"""Several workers on one store: each worker is its own connection here (SQLite file, and
PostgreSQL when its server binaries are installed). Deliveries are handled once, a reminder
is claimed by one worker, turns of one user never overlap, link-code failures add up."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from memory.coordination import Coordination
from memory.db import Database
from memory.records import Records
from tests.servers import postgres_server

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
    with postgres_server() as url:
        yield url


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def workers(request: pytest.FixtureRequest, tmp_path: Path) -> list[Records]:
    """Two workers' record stores over one database."""
    if request.param == "sqlite":
        target = str(tmp_path / "shared.sqlite3")
    else:
        target = request.getfixturevalue("pg_url")
    first = Records(Database(target))
    for table in ("deliveries", "turn_locks", "link_failures", "reminders", "identities",
                  "users"):
        first.db.execute(f"DELETE FROM {table}")
    return [first, Records(Database(target))]


def _race(fns: list[Any]) -> list[Any]:
    """Run every function at once on its own thread; their results in order."""
    out: list[Any] = [None] * len(fns)
    start = threading.Barrier(len(fns))

    def run(i: int) -> None:
        start.wait()
        out[i] = fns[i]()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(fns))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return out


def test_each_delivery_is_handled_by_one_worker(workers: list[Records]) -> None:
    a, b = (w.coordination for w in workers)
    for update in range(40):
        key = f"telegram:42:{update}"
        won = _race([lambda k=key: a.first_delivery(k), lambda k=key: b.first_delivery(k)])
        assert sorted(won) == [False, True], key
    assert not a.first_delivery("telegram:42:7") and b.first_delivery("slack:Ev1")


def test_a_reminder_is_claimed_once(workers: list[Records]) -> None:
    uid = workers[0].ensure_user("telegram", "42", "1001")
    workers[0].set_reminder(uid, 6, "18:00", "Europe/Berlin", channel="telegram")
    a, b = (w.coordination for w in workers)
    claims = _race([lambda: a.claim_reminder(uid, "2026-W48"),
                    lambda: b.claim_reminder(uid, "2026-W48")])
    assert sorted(claims) == [False, True]
    assert not a.claim_reminder(uid, "2026-W48")
    a.release_reminder(uid, "2026-W48", None)  # the send failed: claimable again
    assert b.claim_reminder(uid, "2026-W48") and a.claim_reminder(uid, "2026-W49")


def test_turn_locks_exclude_other_workers_and_expire(workers: list[Records]) -> None:
    a, b = (w.coordination for w in workers)
    assert a.try_lock("usr_1") and not b.try_lock("usr_1") and b.try_lock("usr_2")
    a.unlock("usr_1")
    assert b.try_lock("usr_1") and not a.try_lock("usr_1")
    workers[1].db.execute("UPDATE turn_locks SET expires_at='2000-01-01T00:00:00.000+00:00'")
    assert a.try_lock("usr_1")  # a crashed holder's lease ran out


async def test_turns_of_one_user_never_interleave(workers: list[Records]) -> None:
    a, b = (w.coordination for w in workers)
    log: list[str] = []

    async def turn(c: Coordination, name: str) -> None:
        async with c.turn("usr_9"):
            log.append(f"{name} in")
            await asyncio.sleep(0.05)
            log.append(f"{name} out")

    await asyncio.gather(*(turn(c, f"{n}{i}") for i in range(4) for n, c in (("a", a),
                                                                            ("b", b))))
    assert all(log[i].split()[0] == log[i + 1].split()[0] for i in range(0, len(log), 2))


def test_link_code_failures_add_up_across_workers(workers: list[Records]) -> None:
    a, b = (w.coordination for w in workers)
    for c in (a, b, a):
        c.note_link_failure("telegram:42:1001")
    assert b.link_failures("telegram:42:1001", timedelta(minutes=10)) == 3
    workers[0].db.execute("UPDATE link_failures SET at='2000-01-01T00:00:00.000+00:00'")
    assert a.link_failures("telegram:42:1001", timedelta(minutes=10)) == 0


def test_a_second_process_on_an_embedded_data_dir_is_refused(tmp_path: Path) -> None:
    """`passport serve` holds the data dir; a CLI command meanwhile is refused, clearly."""
    home = tmp_path / "home"
    env = {**os.environ, "PASSPORT_HOME": str(home)}
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys; from memory.writer_lock import hold; "
         "from pathlib import Path; p = Path(sys.argv[1]); p.mkdir(parents=True); hold(p); "
         "print('held', flush=True); sys.stdin.read()", str(home)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=REPO, env=env)
    try:
        assert holder.stdout and holder.stdout.readline().strip() == "held"
        passport = Path(sys.executable).parent / "passport"
        second = subprocess.run([str(passport), "memory", "show", "--user", "ana"],
                                capture_output=True, text=True, env=env, timeout=120)
        assert second.returncode in (1, 3), second.stderr
        refused = subprocess.run([str(passport), "chat", "--user", "ana"], input="hi\n",
                                 capture_output=True, text=True, env=env, timeout=120)
        assert refused.returncode == 3, refused.stderr
        assert "is in use by pid" in refused.stderr and "Traceback" not in refused.stderr
    finally:
        assert holder.stdin
        holder.stdin.close()
        holder.wait(timeout=30)
    after = subprocess.run([str(passport), "chat", "--user", "ana"], input="hi\n",
                           capture_output=True, text=True, env=env, timeout=300)
    assert after.returncode == 0, after.stderr


async def test_fire_claims_before_it_sends_and_gives_back_a_failed_send() -> None:
    """Two schedulers waking for one reminder: one send. A send that fails is retried."""
    from agent import accounts
    from channels import reminders
    from memory.records import get_records

    uid = accounts.user_for("telegram", "42", "5005", "Ines")
    get_records().set_reminder(uid, 6, "18:00", "Europe/Lisbon", channel="telegram")
    sent: list[str] = []

    async def send(rem: Any, text: str) -> None:
        assert get_records().get_reminder(uid)["last_sent_week"]  # type: ignore[index]
        await asyncio.sleep(0.05)
        sent.append(text)

    async def broken(rem: Any, text: str) -> None:
        raise ConnectionError("the platform is down")

    with pytest.raises(ConnectionError):
        await reminders.fire(uid, broken)
    assert get_records().get_reminder(uid)["last_sent_week"] is None  # type: ignore[index]
    fired = await asyncio.gather(reminders.fire(uid, send), reminders.fire(uid, send))
    assert sorted(fired) == [False, True] and len(sent) == 1
