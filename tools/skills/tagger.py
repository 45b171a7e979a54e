"""The skill tagger: sentences -> ESCO / O*NET concepts with verbatim evidence and polarity.

Per sentence, the sentence and its clauses are embedded; each concept scores
``w_label * max(preferred label, best alternative label - alt_penalty) + w_desc *
description (ESCO) or best task (O*NET)``, maximised over the units, plus a bonus when
a label appears verbatim (lemmatised).
The calibrated per-framework thresholds were tuned on the dev sets only (see docs/skills.md).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, replace

import numpy as np

from memory.embeddings import get_embedder
from tools.skills.index import SkillIndex
from tools.skills.lexical import Match
from tools.skills.text import Span, clauses, phrases, sentences


@dataclass
class TaggerConfig:
    """Weights and thresholds (tuned on the dev sets; see evals/skills.py)."""

    w_label: float = 0.9
    w_desc: float = 0.1
    alt_penalty: float = 0.06
    lexical_bonus: float = 0.15
    lexical_pref_bonus: float = 0.05
    lexical_floor: float = 0.6
    use_clauses: bool = True
    use_phrases: bool = True
    candidates: int = 100
    occupation_prior: float = 0.0
    occupation_top: int = 3
    clause_penalty: float = 0.08
    threshold: dict[str, float] = field(default_factory=lambda: {"esco": 0.50, "onet": 0.40})
    per_sentence: dict[str, int] = field(default_factory=lambda: {"esco": 2, "onet": 1})


def _join_groups(position: dict[tuple[str, str], int],
                 pairs: list[tuple[str, str]]) -> dict[int, list[int]]:
    """Per concept, the other concepts that describe the same thing (connected pairs)."""
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for esco, onet in pairs:
        a, b = position.get(("esco", esco)), position.get(("onet", onet))
        if a is not None and b is not None:
            parent[find(a)] = find(b)
    members: dict[int, list[int]] = {}
    for x in list(parent):
        members.setdefault(find(x), []).append(x)
    return {x: sorted(m for m in group if m != x)
            for group in members.values() for x in group}


@dataclass
class _Unit:
    sentence: int
    span: Span
    is_clause: bool


class Tagger:
    """Scores text units against every concept of the index."""

    def __init__(self, index: SkillIndex, config: TaggerConfig | None = None) -> None:
        self.index = index
        self.config = config or TaggerConfig()
        self.phrases = index.phrases
        self._preferred = np.ascontiguousarray(index.vectors["label"][index.preferred_rows])
        concepts = index.data.concepts
        self.framework = np.array([c.framework for c in concepts])
        self.ids = [c.id for c in concepts]
        self.position = {(c.framework, c.id): i for i, c in enumerate(concepts)}
        self.join = _join_groups(self.position, index.data.join)

    def fast(self) -> Tagger:
        """A twin sharing this index that scores whole sentences only (batch mode)."""
        twin = self.__dict__.get("_fast")
        if twin is None:
            twin = copy.copy(self)
            twin.config = replace(self.config, use_clauses=False, use_phrases=False)
            self.__dict__["_fast"] = twin
        return twin

    def components(self, vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Per unit and concept: best label/alt-label cosine, and description or task cosine
        (the label cosine again where a concept has neither).

        Two stages keep this fast: preferred labels and descriptions score every concept,
        then alternative labels and task statements are scored only for the best
        ``candidates`` concepts of each block of units (the others keep the first estimate).
        """
        idx, cfg = self.index, self.config
        if not cfg.candidates:
            label = idx.concept_max("label", vectors @ idx.vectors["label"].T) - cfg.alt_penalty
            label = np.maximum(label, vectors @ self._preferred.T)
            second = idx.concept_max("desc", vectors @ idx.vectors["desc"].T)
            second = np.maximum(second, idx.concept_max("task", vectors @ idx.vectors["task"].T))
            return label, np.where(second < 0, label, second)
        label = vectors @ self._preferred.T
        second = idx.concept_max("desc", vectors @ idx.vectors["desc"].T)
        coarse = cfg.w_label * label + cfg.w_desc * np.where(second < 0, label, second)
        k = min(cfg.candidates, coarse.shape[1] - 1)
        for s in range(0, len(vectors), 16):
            block = slice(s, s + 16)
            cand = np.unique(np.argpartition(-coarse[block], k, axis=1)[:, :k])
            for kind, target in (("label", label), ("task", second)):
                rows, kept, offsets = idx.rows_of(kind, cand)
                if rows.size:
                    sims = vectors[block] @ idx.vectors[kind][rows].T
                    best = np.maximum.reduceat(sims, offsets, axis=1)
                    if kind == "label":
                        best -= cfg.alt_penalty
                    target[block, kept] = np.maximum(target[block, kept], best)
        return label, np.where(second < 0, label, second)

    def dense_scores(self, vectors: np.ndarray) -> np.ndarray:
        """Dense score of every concept for each row of unit embeddings: (units, concepts)."""
        label, second = self.components(vectors)
        scores = self.config.w_label * label + self.config.w_desc * second
        return self.occupation_boost(vectors, scores)

    def occupation_boost(self, vectors: np.ndarray, scores: np.ndarray) -> np.ndarray:
        """Statement -> occupation -> essential skills (as in Tabiya Compass): skills essential
        to the best-matching occupations gain ``occupation_prior * cosine(unit, occupation)``.
        Only with an imported official ESCO download (it holds the relations)."""
        cfg, idx = self.config, self.index
        if not cfg.occupation_prior or idx.occupations is None or not idx.occupation_skills:
            return scores
        sims = vectors @ idx.occupations.T
        top = np.argsort(-sims, axis=1)[:, : cfg.occupation_top]
        for r in range(len(vectors)):
            boost = np.zeros(scores.shape[1], dtype=np.float32)
            for o in top[r]:
                skills = idx.occupation_skills[o]
                boost[skills] = np.maximum(boost[skills], sims[r, o])
            scores[r] += cfg.occupation_prior * boost
        return scores

    def _units(self, text: str, sentence_spans: list[Span], offset: int) -> list[_Unit]:
        units: list[_Unit] = []
        for k, span in enumerate(sentence_spans):
            units.append(_Unit(offset + k, span, False))
            parts = clauses(text, span) if self.config.use_clauses else [span]
            if len(parts) > 1:
                units += [_Unit(offset + k, p, True) for p in parts]
            if self.config.use_phrases:
                units += [_Unit(offset + k, p, True) for part in parts
                          for p in phrases(text, part)]
        return units

    def score_texts(self, texts: list[str]) -> tuple[list[list[Span]], np.ndarray, list[_Unit],
                                                      np.ndarray, list[str]]:
        """Score every sentence of every text.

        Returns:
            Per text its sentence spans; the sentence score matrix (sentences, concepts); the
            units; for each sentence and concept the unit that gave the best score; and the
            text each sentence belongs to.
        """
        spans = [sentences(t) for t in texts]
        units: list[_Unit] = []
        owner_text: list[str] = []
        for text, sent in zip(texts, spans, strict=True):
            units += self._units(text, sent, len(owner_text))
            owner_text += [text] * len(sent)
        n_sent = len(owner_text)
        n_concepts = len(self.index.data.concepts)
        best = np.full((n_sent, n_concepts), -np.inf, dtype=np.float32)
        raw = np.full((n_sent, n_concepts), -np.inf, dtype=np.float32)
        arg = np.zeros((n_sent, n_concepts), dtype=np.int32)
        if not units:
            return spans, best, units, arg, owner_text
        unit_texts = [owner_text[u.sentence][u.span[0] : u.span[1]] for u in units]
        vectors = get_embedder().embed(unit_texts)
        # clause units rank ESCO a little worse than whole sentences (tuned on the dev sets);
        # O*NET work activities are short generic phrases, so its clauses are not penalised
        penalty = np.where(self.framework == "esco", self.config.clause_penalty, 0.0)
        penalty = penalty.astype(np.float32)
        step = 64
        for s in range(0, len(units), step):
            block = self.dense_scores(vectors[s : s + step])
            for r, unit in enumerate(units[s : s + step]):
                k = unit.sentence
                row = block[r] - penalty if unit.is_clause else block[r]
                best[k] = np.maximum(best[k], row)
                # evidence: the unit that matches best before the penalty (the tighter span)
                better = block[r] > raw[k]
                raw[k] = np.where(better, block[r], raw[k])
                arg[k] = np.where(better, s + r, arg[k])
        return spans, best, units, arg, owner_text

    def lexical(self, text: str, span: Span) -> dict[int, Match]:
        """Best verbatim label match per concept inside a sentence."""
        best: dict[int, Match] = {}
        for m in self.phrases.find(text, *span):
            old = best.get(m.concept)
            if old is None or (m.preferred, m.words) > (old.preferred, old.words):
                best[m.concept] = m
        return best

    def boost(self, row: np.ndarray, matches: dict[int, Match]) -> np.ndarray:
        """Add the lexical bonus to one sentence's scores."""
        row = row.copy()
        cfg = self.config
        for concept, m in matches.items():
            bonus = cfg.lexical_bonus + (cfg.lexical_pref_bonus if m.preferred else 0.0)
            row[concept] = max(row[concept] + bonus, cfg.lexical_floor + bonus)
        return row
