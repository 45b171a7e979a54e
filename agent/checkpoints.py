"""The LangGraph checkpointer: SQLite embedded, PostgreSQL by URL, with a retention rule.

Retention: after each turn only the newest ``PASSPORT_CHECKPOINT_KEEP`` checkpoints of the
thread are kept, and the message history is bounded by the graph, so storage per
conversation stays constant. Thread ids start with the user id, so forgetting a user can
delete every conversation of theirs.
"""

from __future__ import annotations

from contextlib import AsyncExitStack
from typing import Any

from settings import Settings


def thread_id(user_id: str, channel: str, conversation: str) -> str:
    """Thread id of one conversation: ``user:channel:conversation``."""
    return f"{user_id}:{channel}:{conversation}"


async def open_checkpointer(settings: Settings, stack: AsyncExitStack) -> Any:
    """Open the configured checkpointer; it is closed when ``stack`` closes."""
    url = settings.checkpoints_url
    if url and url.startswith(("postgres://", "postgresql://")):
        from langgraph.checkpoint.postgres.aio import AsyncPostgresSaver

        pg_saver = await stack.enter_async_context(AsyncPostgresSaver.from_conn_string(url))
        await pg_saver.setup()
        return pg_saver
    import aiosqlite
    from langgraph.checkpoint.sqlite.aio import AsyncSqliteSaver

    path = url.removeprefix("sqlite:///") if url else str(settings.checkpoint_path)
    settings.ensure_home()
    conn = await aiosqlite.connect(path)
    stack.push_async_callback(conn.close)
    await conn.execute("PRAGMA journal_mode=WAL")
    saver = AsyncSqliteSaver(conn)
    await saver.setup()
    return saver


async def prune(saver: Any, thread: str, keep: int) -> int:
    """Delete all but the newest ``keep`` checkpoints of a thread; returns how many went."""
    if hasattr(saver, "aprune") and type(saver).__name__ == "AsyncPostgresSaver":
        await saver.aprune([thread], strategy="keep_latest")
        return 0
    conn = saver.conn
    async with saver.lock:
        cur = await conn.execute(
            "SELECT checkpoint_id FROM checkpoints WHERE thread_id=? AND checkpoint_ns='' "
            "ORDER BY checkpoint_id DESC LIMIT -1 OFFSET ?", (thread, keep))
        old = [r[0] for r in await cur.fetchall()]
        for table in ("checkpoints", "writes"):
            await conn.executemany(
                f"DELETE FROM {table} WHERE thread_id=? AND checkpoint_id=?",
                [(thread, c) for c in old])
        await conn.commit()
    return len(old)


async def user_threads(saver: Any, user_id: str) -> list[str]:
    """Every conversation thread of a user."""
    pattern = f"{user_id}:%"
    if type(saver).__name__ == "AsyncPostgresSaver":
        async with saver.conn.cursor() as cur:
            await cur.execute("SELECT DISTINCT thread_id FROM checkpoints WHERE thread_id LIKE %s",
                              (pattern,))
            return [r["thread_id"] for r in await cur.fetchall()]
    cur = await saver.conn.execute(
        "SELECT DISTINCT thread_id FROM checkpoints WHERE thread_id LIKE ?", (pattern,))
    return [r[0] for r in await cur.fetchall()]


async def delete_user(saver: Any, user_id: str) -> int:
    """Delete every conversation of a user; returns how many threads went."""
    threads = await user_threads(saver, user_id)
    for t in threads:
        await saver.adelete_thread(t)
    return len(threads)
