"""A pasted block is one message in `passport chat`: bracketed paste on a real terminal (a
pty running the real command), and the documented \"\"\" block in piped mode."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

from typer.testing import CliRunner

from channels.cli.main import build_app
from channels.cli.paste import DISABLE, ENABLE, PASTE_END, PASTE_START, Blocks
from memory.records import get_records

AD = ["Night Porter (m/f/d), Hotel Seeblick", "", "You will:", "- check in late guests",
      "- handle the night audit", "Requirements: German B1, calm under pressure"]


def _feed(lines: list[str]) -> list[str]:
    blocks, out = Blocks(), []
    for line in lines:
        message = blocks.feed(line)
        if message is not None:
            out.append(message)
    return out


def test_a_bracketed_paste_with_its_lead_in_is_one_message() -> None:
    lines = [f"tailor my profile for this job: {PASTE_START}{AD[0]}", *AD[1:-1],
             f"{AD[-1]}{PASTE_END}", "thanks"]
    assert _feed(lines) == ["tailor my profile for this job: " + "\n".join(AD), "thanks"]
    # a paste ending in a line break closes on the next Enter, with whatever was typed
    assert _feed([f"{PASTE_START}line one", "line two", f"{PASTE_END} and more"]) == [
        "line one\nline two\n and more"]
    assert _feed([f"{PASTE_START}just one line{PASTE_END}"]) == ["just one line"]


def test_a_fenced_block_is_one_message_and_plain_lines_stay_single() -> None:
    lines = ["hi", 'tailor my profile for this job: """', *AD, '"""', "bye"]
    assert _feed(lines) == ["hi", "tailor my profile for this job:\n" + "\n".join(AD), "bye"]
    assert _feed(['"""', "one", "two", '"""']) == ["one\ntwo"]
    unfinished = Blocks()
    assert unfinished.feed('"""') is None and unfinished.feed("half a block") is None
    assert unfinished.open and unfinished.flush() == "half a block"


def test_a_markdown_fence_is_a_block_too() -> None:
    """Sixteen strangers' chat scripts pasted their ads between ``` lines: each line of the
    ad went in as a message of its own."""
    lines = ["can you make my profile match it", "```", *AD, "```", "thanks"]
    assert _feed(lines) == ["can you make my profile match it", "\n".join(AD), "thanks"]
    assert _feed(["tailor my profile for this job: ```", "one", "two", "```"]) == [
        "tailor my profile for this job:\none\ntwo"]
    assert _feed(["```text", "one", '"""', "```"]) == ['one\n"""']  # closed by its own fence
    assert _feed(["I wrote ``` in a message", "ok"]) == ["I wrote ``` in a message", "ok"]


def test_piped_chat_sends_a_fenced_block_as_one_message() -> None:
    story = ["I rebuilt the cold room shelving at the bakery.", "It took two evenings.",
             "Now the trays fit without stacking."]
    script = "\n".join(['"""', *story, '"""', "/quit"]) + "\n"
    result = CliRunner().invoke(build_app(), ["chat", "--user", "tam"], input=script)
    assert result.exit_code == 0, result.output
    user = get_records().find_user("cli", "local", "tam")
    assert user is not None
    draft = get_records().draft_reflection(user)
    assert draft is not None and draft["text"] == "\n".join(story)
    assert result.output.count("?") == 1  # one reply, one follow-up question


def _read_until(fd: int, needle: bytes, seconds: float) -> bytes:
    seen = b""
    deadline = time.monotonic() + seconds
    while needle not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
    return seen


def test_a_paste_in_the_real_terminal_chat_arrives_as_one_message(passport_home: Path) -> None:
    master, slave = pty.openpty()
    env = {**os.environ, "PASSPORT_HOME": str(passport_home), "COLUMNS": "200"}
    passport = Path(sys.executable).with_name("passport")
    proc = subprocess.Popen([str(passport), "chat", "--user", "uma"], stdin=slave,
                            stdout=slave, stderr=slave, env=env, close_fds=True)
    os.close(slave)
    try:
        start = _read_until(master, b"you \xe2\x80\xba", 120)
        assert ENABLE.encode() in start
        lines = ["I swapped the boiler pump at the care home.", "The residents had hot water "
                 "again by lunch.", "I learned to carry a spare seal."]
        paste = (PASTE_START + "\r".join(lines) + PASTE_END + "\r").encode()
        os.write(master, paste)
        answer = _read_until(master, b"you \xe2\x80\xba", 120)
        os.write(master, b"/quit\r")
        rest = _read_until(master, DISABLE.encode(), 60)
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(master)
    assert answer.count(b"coach \xe2\x80\xba") == 1, answer
    assert b"^[[200~" not in answer  # the markers are not echoed as text
    assert DISABLE.encode() in rest and proc.returncode == 0
    user = get_records().find_user("cli", "local", "uma")
    assert user is not None
    stored = get_records().list_reflections(user) + get_records().list_reflections(user, "draft")
    assert [r["text"] for r in stored] == ["\n".join(lines)]


def test_an_unclosed_block_is_sent_at_the_end_of_piped_input() -> None:
    script = '"""\nI cleared the blocked drain at the allotment.\nTook an hour.\n'
    result = CliRunner().invoke(build_app(), ["chat", "--user", "ilo"], input=script)
    assert result.exit_code == 0, result.output
    user = get_records().find_user("cli", "local", "ilo")
    draft = get_records().draft_reflection(user) if user else None
    assert draft is not None
    assert draft["text"] == "I cleared the blocked drain at the allotment.\nTook an hour."


def test_a_profile_in_the_terminal_keeps_its_json_resume_as_a_private_file(
        passport_home: Path) -> None:
    """A postman asked the terminal chat for his profile "as json resume": Telegram and Slack
    get resume.json beside the profile, the terminal printed nothing of it. It is written
    under the data dir's exports (private, removed with his data) and the path is said."""
    import json
    import re

    script = "\n".join(["I rebuilt the cold room shelving at the bakery in two evenings.",
                        "just save it", 'tailor my profile for this job: """', *AD, '"""',
                        "/quit"]) + "\n"
    result = CliRunner().invoke(build_app(), ["chat", "--user", "tam"], input=script)
    assert result.exit_code == 0, result.output
    found = re.search(r"--- resume\.json saved to (\S+)", result.output)
    assert found, result.output
    kept = Path(found.group(1))
    assert kept.parent == passport_home / "exports" and kept.stat().st_mode & 0o077 == 0
    resume = json.loads(kept.read_text(encoding="utf-8"))
    assert resume["meta"]["x-talentPassport"]["job"]["title"].startswith("Night Porter")
