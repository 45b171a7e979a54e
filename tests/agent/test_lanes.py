"""The heavy lane: a bounded number of heavy jobs at a time, and quick turns never wait for
turns queued in it; nothing a queued turn saves is lost."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest

from agent import lanes
from agent.lanes import TURN_THREADS, HeavyLane, heavy_lane
from agent.service import AgentService
from memory.records import get_records
from tests.agent.helpers import converse


def test_lane_admits_its_places_and_is_reentrant() -> None:
    lane = HeavyLane(2)
    inside, most = 0, 0
    lock = threading.Lock()

    def job() -> None:
        nonlocal inside, most
        with lane.place(), lane.place():  # nested: the same place, no deadlock
            with lock:
                inside += 1
                most = max(most, inside)
            time.sleep(0.02)
            with lock:
                inside -= 1

    threads = [threading.Thread(target=job) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=10)
    assert most == 2 and lane.waiting == 0


@pytest.mark.usefixtures("tagger")
async def test_quick_turns_pass_saving_turns_queued_in_the_heavy_lane(
        service: AgentService, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lanes, "_lane", HeavyLane(1))
    savers = [service.user_for("cli", "local", f"saver{i}", f"Saver {i}")
              for i in range(TURN_THREADS // 8)]
    for i, uid in enumerate(savers):  # each with a draft whose next message saves it
        await converse(service, uid, [f"on shift {i} i trained two new baristas on the till",
                                      "they both closed the register alone by friday"])
    lane = heavy_lane()
    lane_held, lane_free = threading.Event(), threading.Event()

    def hold_the_lane() -> None:
        with lane.place():
            lane_held.set()
            lane_free.wait(60)

    holder = threading.Thread(target=hold_the_lane)
    holder.start()
    try:
        assert await asyncio.to_thread(lane_held.wait, 10)
        saving = [asyncio.create_task(service.handle(uid, "i learned to demo it slowly first"))
                  for uid in savers]
        while lane.waiting < len(savers):  # every saving turn is queued in the lane
            await asyncio.sleep(0.02)
        quick = service.user_for("cli", "local", "quick", "Quick")
        reply = await asyncio.wait_for(service.handle(quick, "hello"), timeout=30)
        assert reply.text and not any(t.done() for t in saving)
    finally:
        lane_free.set()
        holder.join(timeout=10)
    replies = await asyncio.gather(*saving)
    assert all("reflection_saved" in r.data for r in replies)
    assert all(len(get_records().list_reflections(uid)) == 1 for uid in savers)
