"""Start-up: what a new process loads before its first reply. The agent service imports no
credential verification (JSON-LD, proofs), no Chroma and no onnxruntime; and everything it
imports starts from bytecode (`make setup` compiles it), not from source."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PROBE = """
import importlib.util, json, sys
import agent.service
uncompiled = []
for name, mod in list(sys.modules.items()):
    origin = getattr(getattr(mod, '__spec__', None), 'origin', None) or ''
    if origin.endswith('.py'):
        if not __import__('os').path.exists(importlib.util.cache_from_source(origin)):
            uncompiled.append(name)
print(json.dumps({"loaded": sorted(sys.modules), "uncompiled": uncompiled}))
"""


def test_the_agent_service_loads_only_what_a_first_reply_needs_from_bytecode() -> None:
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                          cwd=REPO, timeout=120)
    assert done.returncode == 0, done.stderr
    probe = json.loads(done.stdout)
    loaded = set(probe["loaded"])
    for heavy in ("tools.credentials.verify", "pyld", "chromadb", "onnxruntime", "simplemma"):
        assert heavy not in loaded, f"{heavy} is imported before the first reply"
    assert probe["uncompiled"] == [], "run `make setup`: these start from source"
