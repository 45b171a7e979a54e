"""The framework index: embeddings of every label, alternative label, description and task.

Built once with a progress bar and cached as float32 ``.npy`` under the cache dir, keyed by
the framework data checksum and the embedding model fingerprint; later starts just load it.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import time
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from memory.embeddings import get_tag_embedder, tag_model_fingerprint
from settings import get_settings
from tools.skills.frameworks import FrameworkData, installed_checksum, load_frameworks
from tools.skills.lexical import PhraseIndex

log = logging.getLogger(__name__)
KINDS = ("label", "desc", "task")
CHUNK = 2048


@dataclass
class SkillIndex:
    """Framework data plus, per kind of surface form, a matrix and the concept of each row."""

    data: FrameworkData
    vectors: dict[str, np.ndarray]
    owners: dict[str, np.ndarray]
    phrases: PhraseIndex
    load_seconds: float = 0.0
    occupations: np.ndarray | None = None
    occupation_skills: list[np.ndarray] | None = None

    def ranges(self, kind: str) -> tuple[np.ndarray, np.ndarray]:
        """Per concept, the first row and one past the last row of its forms of one kind."""
        key = f"_ranges_{kind}"
        if key not in self.__dict__:
            owners = self.owners[kind]
            n = len(self.data.concepts)
            start = np.searchsorted(owners, np.arange(n), side="left")
            end = np.searchsorted(owners, np.arange(n), side="right")
            self.__dict__[key] = (start, end)
        return self.__dict__[key]  # type: ignore[no-any-return]

    def rows_of(self, kind: str, concepts: np.ndarray
                ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Rows of the given concepts' forms of one kind, and where each concept's rows start
        (concepts without forms of that kind are skipped; returns the concepts kept too)."""
        start, end = self.ranges(kind)
        counts = end[concepts] - start[concepts]
        kept = concepts[counts > 0]
        counts = counts[counts > 0]
        offsets = np.r_[0, np.cumsum(counts)[:-1]]
        rows = np.repeat(start[kept] - offsets, counts) + np.arange(int(counts.sum()))
        return rows, kept, offsets

    @property
    def preferred_rows(self) -> np.ndarray:
        """The preferred-label row of every concept (its first label form)."""
        return self.ranges("label")[0]


def surface_forms(data: FrameworkData) -> dict[str, tuple[list[str], list[int]]]:
    """Texts to embed per kind with the concept index owning each (rows sorted by concept)."""
    forms: dict[str, tuple[list[str], list[int]]] = {k: ([], []) for k in KINDS}
    for i, c in enumerate(data.concepts):
        seen: set[str] = set()
        for text in [c.label, *c.alt]:
            key = text.strip().lower()
            if key and key not in seen:
                seen.add(key)
                forms["label"][0].append(text.strip())
                forms["label"][1].append(i)
        if c.description:
            forms["desc"][0].append(c.description)
            forms["desc"][1].append(i)
        for task in c.tasks:
            forms["task"][0].append(task)
            forms["task"][1].append(i)
    return forms


def _embed_all(texts: list[str], label: str) -> np.ndarray:
    from rich.progress import Progress

    embedder = get_tag_embedder()
    parts = []
    with Progress(transient=True) as bar:
        task = bar.add_task(f"Building skill index: {label}", total=len(texts))
        for start in range(0, len(texts), CHUNK):
            batch = texts[start : start + CHUNK]
            parts.append(embedder.embed(batch).astype(np.float16))
            bar.advance(task, len(batch))
    return np.concatenate(parts) if parts else np.zeros((0, 384), dtype=np.float16)


def cache_path(forms: dict[str, tuple[list[str], list[int]]],
               cache_dir: Path | None = None) -> Path:
    """Directory of the cached index: keyed by the embedded texts and the model fingerprint."""
    digest = hashlib.sha256()
    for kind in KINDS:
        digest.update(kind.encode())
        digest.update("\x1f".join(forms[kind][0]).encode())
    root = cache_dir or get_settings().cache_dir
    return root / "skills-index" / f"{digest.hexdigest()[:16]}-{tag_model_fingerprint()}"


def _add_occupations(index: SkillIndex, folder: Path) -> None:
    """Embed occupation labels (imported ESCO only) and map each to its essential skills."""
    data = index.data
    position = {c.id: i for i, c in enumerate(data.concepts) if c.framework == "esco"}
    uris = sorted(u for u in data.occupation_skills if u in data.occupation_labels)
    path = folder / "occupation.npy"
    if not path.exists():
        matrix = _embed_all([data.occupation_labels[u] for u in uris], "occupations")
        np.save(path, matrix.astype(np.float32))
    index.occupations = _load_matrix(path)
    index.occupation_skills = [
        np.array([position[s] for s in data.occupation_skills[u] if s in position], dtype=np.int32)
        for u in uris
    ]


def _load_matrix(path: Path) -> np.ndarray:
    matrix = np.load(path)
    if matrix.dtype != np.float32:  # older caches stored float16: upgrade once
        matrix = matrix.astype(np.float32)
        np.save(path, matrix)
    return matrix


def _vectors(data: FrameworkData, cache_dir: Path | None
             ) -> tuple[Path, dict[str, np.ndarray], dict[str, np.ndarray]]:
    forms = surface_forms(data)
    folder = cache_path(forms, cache_dir)
    vectors: dict[str, np.ndarray] = {}
    owners: dict[str, np.ndarray] = {}
    for kind in KINDS:
        texts, owner = forms[kind]
        path = folder / f"{kind}.npy"
        if not path.exists():
            matrix = _embed_all(texts, f"{kind}s ({len(texts)})").astype(np.float32)
            folder.mkdir(parents=True, exist_ok=True)
            tmp = folder / f".{kind}.{os.getpid()}.npy"
            np.save(tmp, matrix)
            tmp.replace(path)
        vectors[kind] = _load_matrix(path)
        if vectors[kind].shape[0] != len(texts):
            raise RuntimeError(f"The skill index at {folder} is damaged; delete it and retry.")
        owners[kind] = np.asarray(owner, dtype=np.int32)
    return folder, vectors, owners


def build_index(data: FrameworkData | None = None, cache_dir: Path | None = None) -> SkillIndex:
    """Load the cached index, or build and cache it (several minutes, once).

    A bundle (parsed frameworks, row owners, phrase table) keyed by the framework files'
    checksum makes later starts skip parsing; the embeddings are keyed by the embedded texts.

    Args:
        data: framework data; the installed frameworks by default.
        cache_dir: where to cache; ``get_settings().cache_dir`` by default.

    Returns:
        The ready index.
    """
    began = time.perf_counter()
    root = cache_dir or get_settings().cache_dir
    key = data.checksum if data is not None else installed_checksum()
    bundle_path = root / "skills-index" / f"bundle-{key}-{tag_model_fingerprint()}.pkl"
    if bundle_path.exists():
        with bundle_path.open("rb") as fh:
            bundle = pickle.load(fh)
        vectors = {k: _load_matrix(Path(bundle["folder"]) / f"{k}.npy") for k in KINDS}
        index = SkillIndex(bundle["data"], vectors, bundle["owners"], bundle["phrases"])
        if "occupation_skills" in bundle:
            index.occupation_skills = bundle["occupation_skills"]
            index.occupations = _load_matrix(Path(bundle["folder"]) / "occupation.npy")
    else:
        data = data or load_frameworks()
        folder, vectors, owners = _vectors(data, cache_dir)
        index = SkillIndex(data, vectors, owners, PhraseIndex(data))
        if data.occupation_skills:
            _add_occupations(index, folder)
        extra = ({"occupation_skills": index.occupation_skills}
                 if index.occupation_skills is not None else {})
        light = replace(data, concepts=[replace(c, tasks=[]) for c in data.concepts])
        tmp = bundle_path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as fh:
            pickle.dump({"data": light, "owners": owners, "phrases": index.phrases,
                         "folder": str(folder), **extra}, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(bundle_path)
    if index.occupations is None and index.data.occupation_skills:  # bundle from before
        _add_occupations(index, cache_path(surface_forms(index.data), cache_dir))
    index.load_seconds = time.perf_counter() - began
    log.info("skill index ready in %.2fs", index.load_seconds)
    return index
