"""Every template name the code uses exists and renders with the fields its call site gives.

The code is read, not run: each call of ``render``/``render_fresh``/``load`` (or an alias of
``render``) with a literal name is rendered here with the keyword fields of that call; a name
built at run time (``f"verdict_{...}"``) must match at least one template.
"""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

from prompts import load, render

REPO = Path(__file__).resolve().parents[2]
TEMPLATES = {p.stem for p in (REPO / "prompts" / "templates").glob("*.txt")}
PACKAGES = ("agent", "channels", "tools", "memory", "prompts", "evals")


class Anything:
    """A field value that formats under any spec (``{n:,}``, ``{x}``)."""

    def __format__(self, spec: str) -> str:
        return "x"


def _aliases(tree: ast.Module) -> set[str]:
    names = {"render", "render_fresh", "load"}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "prompts":
            names |= {a.asname for a in node.names if a.asname}
    return names


def _calls() -> list[tuple[str, ast.Call]]:
    out = []
    for package in PACKAGES:
        for path in sorted((REPO / package).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            names = _aliases(tree)
            for node in ast.walk(tree):
                if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                        and node.func.id in names and node.args):
                    out.append((f"{path.relative_to(REPO)}:{node.lineno}", node))
    return out


CALLS = _calls()


def _fields(template: str) -> set[str]:
    return {f for variant in load(template)
            for _, f, _, _ in string.Formatter().parse(variant) if f}


@pytest.mark.parametrize(("where", "call"), CALLS, ids=[w for w, _ in CALLS])
def test_template_used_in_code_exists_and_renders(where: str, call: ast.Call) -> None:
    first = call.args[0]
    if isinstance(first, ast.JoinedStr):
        head = first.values[0]
        prefix = str(head.value) if isinstance(head, ast.Constant) else ""
        assert any(t.startswith(prefix) for t in TEMPLATES), f"{where}: {prefix}*"
        return
    if not isinstance(first, ast.Constant) or not isinstance(first.value, str):
        return  # a name chosen at run time: covered by the tests below
    name = first.value
    assert name in TEMPLATES, f"{where} uses a template that does not exist: {name}"
    given = {k.arg for k in call.keywords if k.arg and k.arg != "seed"}
    if any(k.arg is None for k in call.keywords):  # **fields: whatever the template names
        given |= _fields(name)
    if call.func.id == "load":  # type: ignore[attr-defined]
        assert load(name)
        return
    missing = _fields(name) - given
    assert not missing, f"{where}: {name} needs {sorted(missing)} that the call does not give"
    values: dict[str, object] = {k: Anything() for k in given}
    assert render(name, "", **values)


def test_names_chosen_at_run_time_exist() -> None:
    from agent.capabilities.credentials import VERDICTS
    from agent.coach import DIRECT
    from channels.page.charts import COUNTED
    from channels.page.render import SECTIONS as PAGE_SECTIONS
    from tools.reflection import SLOTS
    from tools.stories import SECTIONS

    for verdict in VERDICTS:
        assert render(f"verdict_{verdict}")
    for template in DIRECT.values():
        assert template in TEMPLATES
    for slot in SLOTS:
        assert render(f"followup_{slot}", mirror=Anything())
    for key in PAGE_SECTIONS:
        assert render(f"page_section_{key}")
    for kind in COUNTED:
        assert render(f"count_{kind}_one", n=1) and render(f"count_{kind}_many", n=2)
    for section in SECTIONS:
        assert render(f"story_section_{section}") and render(f"story_question_{section}")
    assert [render(f"weekday_{day}") for day in range(7)] == [
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def test_page_verdict_labels_and_telegram_commands_are_templates() -> None:
    from channels.page.html import TONES, label
    from channels.telegram import COMMANDS, command_menu

    for verdict, tones in TONES.items():
        for value, tone in tones.items():
            text, got = label(verdict, value)
            assert got == tone and text and text != value, (verdict, value)
    assert label("dates", "someday") == ("someday", "")  # unknown: shown as it is
    assert label("dates", "expired")[0] == render("page_dates_expired") == "Expired"
    menu = command_menu()
    assert [n for n, _ in menu] == list(COMMANDS)
    assert all(0 < len(d) <= 256 for _, d in menu)  # Telegram's limit for a description


def test_the_scan_sees_the_code() -> None:
    assert len(CALLS) > 60
