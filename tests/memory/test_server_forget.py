"""Forget on a Chroma server: what the API path removes, what the server's files keep, and
that `passport memory compact-server` on the stopped server's folder leaves nothing of the
forgotten user while every other memory is kept."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from channels.cli.main import build_app
from memory.db import Database
from memory.records import Records
from memory.vectors import VectorStore, make_client
from settings import get_settings
from tests.servers import chroma_server

MARKER = "Wombatquay-91c2e"


def _files_with(root: Path, needles: list[bytes]) -> list[str]:
    return [f"{p.relative_to(root)}: {n[:12]!r}" for p in sorted(root.rglob("*"))
            if p.is_file() for n in needles if n in p.read_bytes()]


def _server_store(url: str, home: Path, monkeypatch: pytest.MonkeyPatch) -> VectorStore:
    monkeypatch.setenv("PASSPORT_CHROMA_URL", url)
    get_settings.cache_clear()
    return VectorStore(make_client(get_settings()), None,
                       versions=Records(Database(home / "passport.sqlite3")).coordination)


def _others(store: VectorStore, n: int) -> None:
    """Other people's memories, enough for the server to write its HNSW files."""
    rng = np.random.default_rng(3)
    vecs = rng.normal(size=(n, 384)).astype(np.float32)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    for start in range(0, n, 500):
        stop = min(n, start + 500)
        store.add_many("usr_others", [f"someone else's shift {i}" for i in range(start, stop)],
                       "reflection", embeddings=vecs[start:stop],
                       ids=[f"o{i}" for i in range(start, stop)])


def _holds_vector(root: Path, vector: np.ndarray) -> list[str]:
    """Files holding the vector as float32 (HNSW keeps it renormalised: compared within
    1e-5, not byte for byte)."""
    unit = vector / np.linalg.norm(vector)
    hits = []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        data = path.read_bytes()
        for off in range(4):
            floats = np.frombuffer(data[off:off + (len(data) - off) // 4 * 4], np.float32)
            with np.errstate(invalid="ignore", over="ignore"):  # any bytes, read as floats
                starts = np.nonzero(np.abs(floats[: len(floats) - 8] - unit[0]) < 1e-5)[0]
            if any(np.allclose(floats[i:i + 8], unit[:8], atol=1e-5) for i in starts[:5000]):
                hits.append(str(path.relative_to(root)))
                break
    return hits


def test_api_forget_then_compacting_the_stopped_server_leaves_nothing(
        tmp_path: Path, passport_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "chroma-server"
    with chroma_server(folder) as url:
        store = _server_store(url, passport_home, monkeypatch)
        store.add("usr_gone", f"i fixed the {MARKER} kiln at the pottery club", "reflection")
        store.add("usr_kept", "i wrote the rota for the youth football club", "reflection")
        vector = np.asarray(store._collection.get(where={"user_id": "usr_gone"},
                                                  include=["embeddings"])["embeddings"][0],
                            dtype=np.float32)
        store.erase("usr_gone")  # what forget does on a server: delete through the API
        assert store.list("usr_gone") == [] and store.search("usr_gone", "kiln") == []
    # What the API path cannot remove (Chroma 1.5.9): the server's write log keeps the text
    # and the vector ...
    assert _files_with(folder, [MARKER.encode()]) == ["chroma.sqlite3: b'Wombatquay-9'"]
    assert _holds_vector(folder, vector) == ["chroma.sqlite3"]
    with chroma_server(folder) as url:
        _others(_server_store(url, passport_home, monkeypatch), 1100)
    # ... and once it writes its index (after about 1,000 later writes), the HNSW data file
    # keeps the vector (deleted entries are only marked).
    assert any(h.endswith("data_level0.bin") for h in _holds_vector(folder, vector))
    result = CliRunner().invoke(build_app(), ["memory", "compact-server",
                                              "--chroma-path", str(folder)])
    assert result.exit_code == 0, result.output
    # the console wraps long paths at its width: compare the words, not the line breaks
    assert "1101 memories kept" in " ".join(result.output.split())
    assert _files_with(folder, [MARKER.encode()]) == [] and _holds_vector(folder, vector) == []
    with chroma_server(folder) as url:
        store = _server_store(url, passport_home, monkeypatch)
        assert store.count("usr_others") == 1100
        assert [m.text for m in store.search("usr_kept", "football rota")] == [
            "i wrote the rota for the youth football club"]


def test_compact_server_refuses_a_folder_without_a_store(tmp_path: Path) -> None:
    result = CliRunner().invoke(build_app(), ["memory", "compact-server",
                                              "--chroma-path", str(tmp_path)])
    assert result.exit_code == 2 and "No Chroma store" in result.output
