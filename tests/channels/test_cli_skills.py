"""`passport tag` and `passport frameworks` through the real Typer app (small test index)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from channels.cli.main import build_app
from tools.skills.tagger import Tagger

DONE = "I led a team of five to migrate our billing system to Kubernetes"
KEYS = {"framework", "id", "label", "score", "evidence", "start", "end", "polarity"}


def test_tag_json_from_stdin(tagger: Tagger) -> None:  # noqa: F811
    result = CliRunner().invoke(build_app(), ["tag", "--json"], input=DONE + "\n")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert rows and set(rows[0]) >= KEYS
    text = DONE + "\n"
    for row in rows:
        assert text[row["start"]:row["end"]] == row["evidence"]
    assert [r["score"] for r in rows] == sorted((r["score"] for r in rows), reverse=True)


def test_tag_lines_batch_mode(tagger: Tagger) -> None:  # noqa: F811
    lines = ["I mentored a junior.", "", "I didn't use Excel.", DONE]
    result = CliRunner().invoke(build_app(), ["tag", "--lines", "--top", "3"],
                                input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.output.splitlines()]
    assert len(out) == len(lines)
    assert out[1] == []
    assert all(len(row) == 3 for i, row in enumerate(out) if i != 1)
    for text, row in zip(lines, out, strict=True):
        for tag in row:
            assert text[tag["start"]:tag["end"]] == tag["evidence"]


def test_tag_top_and_framework(tagger: Tagger) -> None:  # noqa: F811
    result = CliRunner().invoke(build_app(), ["tag", "The weather was nice.", "--json",
                                              "--top", "4", "--framework", "onet"])
    rows = json.loads(result.output)
    assert len(rows) == 4 and {r["framework"] for r in rows} == {"onet"}
    bad = CliRunner().invoke(build_app(), ["tag", "x", "--framework", "lightcast"])
    assert bad.exit_code != 0


def test_frameworks_lists_attribution() -> None:
    result = CliRunner().invoke(build_app(), ["frameworks", "--json"])
    assert result.exit_code == 0, result.output
    rows = {r["framework"]: r for r in json.loads(result.output)}
    assert rows["esco"]["origin"] == "built-in" and rows["esco"]["concepts"] > 13000
    assert "ESCO classification of the European Commission" in rows["esco"]["attribution"]
    assert "CC BY 4.0" in rows["onet"]["attribution"]


def test_frameworks_import_rejects_unknown_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    junk = tmp_path / "junk.csv"
    junk.write_text("a,b\n1,2\n")
    result = CliRunner().invoke(build_app(), ["frameworks", "import", str(junk)])
    assert result.exit_code == 1
    assert "neither ESCO" in result.output


def test_too_long_input_is_a_clear_error(tagger: Tagger,  # noqa: F811
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    import tools.skills.tagging as tagging

    monkeypatch.setattr(tagging, "MAX_TEXT_CHARS", 40)
    result = CliRunner().invoke(build_app(), ["tag", "-"], input="I mentored Tom. " * 5)
    assert result.exit_code == 2 and "too long to tag" in result.output
    lines = ["I mentored a junior.", "I baked bread. " * 5, "I didn't use Excel."]
    result = CliRunner().invoke(build_app(), ["tag", "--lines"], input="\n".join(lines))
    assert result.exit_code == 2
    out = result.output.splitlines()
    assert json.loads(out[0]) and "Line 2 is too long" in result.output  # line 1 was answered


def test_bytes_that_are_not_utf8_are_read_not_a_crash(tagger: Tagger) -> None:  # noqa: F811
    raw = b"I mentored a junior \xff\xfe colleague.\n"
    result = CliRunner().invoke(build_app(), ["tag", "--json"], input=raw)
    assert result.exit_code == 0, result.output
    text = raw.decode("utf-8", errors="replace")
    rows = json.loads(result.output)
    assert rows and all(text[r["start"]:r["end"]] == r["evidence"] for r in rows)
    result = CliRunner().invoke(build_app(), ["tag", "--lines"], input=raw + b"I baked bread.\n")
    assert result.exit_code == 0, result.output
    assert len(result.output.splitlines()) == 2
