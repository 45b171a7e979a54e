"""Imports only go down: channels -> agent -> tools -> memory (``prompts`` and ``settings``
are the floor). The code is read, not run, so a lazy import inside a function counts too."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
# package -> our packages it must never import
FORBIDDEN = {"channels": {"memory"}, "agent": {"channels"}, "tools": {"agent", "channels"},
             "memory": {"agent", "channels"}}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            out.add(node.module.split(".")[0])
    return out


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_imports_only_go_down(package: str) -> None:
    files = sorted((REPO / package).rglob("*.py"))
    assert files
    wrong = [f"{p.relative_to(REPO)} imports {sorted(_imports(p) & FORBIDDEN[package])}"
             for p in files if _imports(p) & FORBIDDEN[package]]
    assert not wrong, wrong
