"""Start-up: what a new process loads before its first reply. The agent service imports no
credential verification (JSON-LD, proofs), no Chroma and no onnxruntime, no LangSmith API
types and no LangGraph server client (``agent.imports``: they load when used); and everything
it imports starts from bytecode (`make setup` compiles it), not from source."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import TypeAdapter

from agent.imports import defer
from agent.toolkit.runtime import Runtime

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
    for heavy in ("tools.credentials.verify", "pyld", "chromadb", "onnxruntime", "simplemma",
                  "langgraph_sdk.client", "httpx", "langsmith.types.sandbox_response"):
        assert heavy not in loaded, f"{heavy} is imported before the first reply"
    assert probe["uncompiled"] == [], "run `make setup`: these start from source"


USE_DEFERRED = """
import agent.service
from langsmith.types import RunSelectField
from langgraph_sdk import Auth, get_client
import langsmith.types, langgraph_sdk
print(RunSelectField is not None, Auth.__name__, callable(get_client),
      langsmith.types.__dict__.get('__getattr__') is None)
"""


def test_deferred_packages_still_work_when_used() -> None:
    done = subprocess.run([sys.executable, "-c", USE_DEFERRED], capture_output=True,
                          text=True, cwd=REPO, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "Auth", "True", "True"]


@pytest.fixture
def package(tmp_path: Path) -> Iterator[str]:
    """A throwaway package whose ``__init__`` counts its runs, with one submodule."""
    root = tmp_path / "pkg_deferred_probe"
    root.mkdir()
    (root / "__init__.py").write_text(
        "import builtins\n"
        "builtins.probe_runs = getattr(builtins, 'probe_runs', 0) + 1\n"
        "GREETING = 'hallo'\n")
    (root / "leaf.py").write_text("VALUE = 7\n")
    sys.path.insert(0, str(tmp_path))
    try:
        yield root.name
    finally:
        sys.path.remove(str(tmp_path))
        for name in [n for n in sys.modules if n.startswith(root.name)]:
            del sys.modules[name]


def test_a_deferred_package_runs_its_init_on_first_attribute_only(package: str) -> None:
    import builtins
    import importlib

    assert defer(package) and not defer(package)  # the second time: already registered
    assert importlib.import_module(f"{package}.leaf").VALUE == 7
    assert getattr(builtins, "probe_runs", 0) == 0  # the submodule did not need it
    module = sys.modules[package]
    assert module.GREETING == "hallo" and getattr(builtins, "probe_runs", 0) == 1
    assert module.GREETING == "hallo" and getattr(builtins, "probe_runs", 0) == 1  # once
    with pytest.raises(AttributeError):
        _ = module.nothing_here
    delattr(builtins, "probe_runs")


def test_the_tool_runtime_is_never_described_to_pydantic() -> None:
    # an empty schema: each of the 18 tools used to describe the runtime dataclass anew
    assert TypeAdapter(Runtime).json_schema() == {}
