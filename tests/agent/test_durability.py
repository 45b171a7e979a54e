"""Durability: what one process saved, a new process recalls; a killed process loses nothing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

PASSPORT = [sys.executable, "-m", "channels.cli.main"]
REPO = Path(__file__).resolve().parents[2]


def chat(home: Path, user: str, lines: list[str]) -> str:
    env = {**os.environ, "PASSPORT_HOME": str(home)}
    done = subprocess.run([*PASSPORT, "chat", "--user", user], input="\n".join(lines) + "\n",
                          capture_output=True, text=True, env=env, cwd=REPO, timeout=180)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_reflection_saved_in_one_process_is_recalled_in_another(passport_home: Path) -> None:
    out1 = chat(passport_home, "ana", [
        "hi",
        "This week I calmed down an angry customer whose order was lost",
        "I listened, apologised and found the parcel in the warehouse system",
        "She left happy and I learned that staying calm makes people calmer",
    ])
    assert "Saved as a growth moment" in out1
    out2 = chat(passport_home, "ana", ["what did I say last week?"])
    assert "angry customer" in out2
    out3 = chat(passport_home, "ana", ["hello"])
    assert "staying calm makes people calmer" in out3


def test_a_killed_process_keeps_the_draft(passport_home: Path) -> None:
    env = {**os.environ, "PASSPORT_HOME": str(passport_home)}
    proc = subprocess.Popen([*PASSPORT, "chat", "--user", "bo"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                            cwd=REPO)
    assert proc.stdin and proc.stdout
    proc.stdin.write("At the garage I rebuilt a gearbox with my mentor\n")
    proc.stdin.flush()
    deadline = time.time() + 120
    line = ""
    while time.time() < deadline and "?" not in line:
        line = proc.stdout.readline()
    assert "?" in line, "the coach never asked its follow-up"
    proc.send_signal(signal.SIGKILL)  # a crash, mid-reflection
    proc.wait(timeout=10)
    out = chat(passport_home, "bo", ["It drove perfectly afterwards and I learned patience",
                                     "just save it"])
    assert "Saved as a growth moment" in out
    from memory.records import get_records

    user = get_records().find_user("cli", "local", "bo")
    assert user
    saved = get_records().list_reflections(user)
    assert len(saved) == 1 and saved[0]["text"].startswith("At the garage I rebuilt a gearbox")
