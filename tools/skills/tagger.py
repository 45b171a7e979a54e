"""The skill tagger: sentences -> ESCO / O*NET concepts with verbatim evidence and polarity.

Per sentence, the sentence and its clauses are embedded; each concept scores
``w_label * max(preferred label, best alternative label - alt_penalty) + w_desc *
description (ESCO) or best task (O*NET)``, maximised over the units, plus a bonus when
a label appears verbatim (lemmatised).
The calibrated per-framework thresholds were tuned on the dev sets only (see docs/skills.md).
"""

from __future__ import annotations

import copy
import functools
import re
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace

import numpy as np

from memory.embeddings import get_tag_embedder
from tools.skills.adapter import load_adapter
from tools.skills.config import TaggerConfig
from tools.skills.context import occupation_boost, trade_vector
from tools.skills.exemplars import get_exemplars
from tools.skills.frameworks import Concept
from tools.skills.glossary import load_glossary, other_sense
from tools.skills.index import SkillIndex
from tools.skills.lexical import Match
from tools.skills.prior import prior_vector
from tools.skills.query_encoder import get_query_embedder
from tools.skills.text import Span, clauses, lemma, phrases, sentences

__all__ = ["Tagger", "TaggerConfig"]


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


@functools.cache
def _scoring_pool() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(2, thread_name_prefix="skill-scoring")


def _acronym_in_lower_case(word: str, concept: Concept) -> bool:
    """Whether a one-word match reaches a label that exists only as an acronym ("HR" for
    "human resource management") through another lower-case word ("hrs"); an acronym typed in
    lower case ("css", "sql") still counts."""
    if not word.islower():
        return False
    key = lemma(word)
    forms = [f for f in (concept.label, *concept.alt) if len(f.split()) == 1
             and lemma(f.lower()) == key]
    return bool(forms) and all(f.isupper() and f.lower() != word for f in forms)


# A clause that only says something could not be used: "also forklift was broken", "the
# van was in for repair", "till went down".
OUT_OF_USE = re.compile(
    r"\W*(?:(?:also|and|but|so|then|the|my|our|a|an|his|her|their)\s+)*(?:[\w-]+\s+){0,2}?"
    r"(?:(?:was|were|is|are|got|went|has been|had been)\s+(?:still\s+)?(?:broken|bust|down|dead|"
    r"out of (?:order|action|service|use)|not working|off the road|unavailable|"
    r"in for (?:a )?(?:repair|repairs|service|servicing))|broke down|"
    # "scanner kept dyin", "the till packed up again", "the system crashed"
    r"(?:kept\s+)?(?:dyin[g']?|died|crash(?:ed|ing)|freez(?:ing|es)|froze|packed up|"
    r"playing up|playin up|cut(?:ting)? out)(?:\s+(?:again|on me|all day|all week))?)\W*$",
    re.I)


@dataclass
class _Unit:
    sentence: int
    span: Span
    is_clause: bool
    text: str | None = None  # what is embedded when it is not the span's own text


class Tagger:
    """Scores text units against every concept of the index."""

    def __init__(self, index: SkillIndex, config: TaggerConfig | None = None) -> None:
        self.index = index
        self.config = config or TaggerConfig()
        self.phrases = index.phrases
        self._preferred = np.ascontiguousarray(index.vectors["label"][index.preferred_rows])
        concepts = index.data.concepts
        self.framework = np.array([c.framework for c in concepts])
        self.position = {(c.framework, c.id): i for i, c in enumerate(concepts)}
        self.join = _join_groups(self.position, index.data.join)
        self._fused_store: dict[tuple[float, float],
                                tuple[np.ndarray, np.ndarray, np.ndarray]] = {}  # shared by twins

    def framework_mask(self, framework: str) -> np.ndarray:
        """Boolean mask of one framework's concepts (cached)."""
        masks = self.__dict__.setdefault("_framework_masks", {})
        if framework not in masks:
            masks[framework] = self.framework == framework
        return masks[framework]  # type: ignore[no-any-return]

    def label_cosine(self, a: int, b: int) -> float:
        """Cosine of two concepts' preferred labels (shipped-model embeddings): how far two
        tags name the same skill."""
        return float(self._preferred[a] @ self._preferred[b])

    def fast(self) -> Tagger:
        """A twin sharing this index that scores whole sentences only (batch mode)."""
        twin = self.__dict__.get("_fast")
        if twin is None:
            twin = copy.copy(self)
            twin.config = replace(self.config, use_clauses=False, use_phrases=False)
            self.__dict__["_fast"] = twin
        return twin

    def _fused(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The first-stage matrix ``w_label * preferred + w_desc * description`` (the
        preferred label again where a concept has no description), one row per concept, so
        the coarse score of every concept is a single matrix product; also each concept's
        description row (-1 when none) and whether it has one. Cached per weight pair."""
        cfg = self.config
        key = (cfg.w_label, cfg.w_desc)
        cached = self._fused_store.get(key)
        if cached is None:
            idx = self.index
            start, end = idx.ranges("desc")  # at most one description per concept
            has_desc = end > start
            desc_row = np.where(has_desc, start, -1)
            second = self._preferred.copy()
            second[has_desc] = idx.vectors["desc"][desc_row[has_desc]]
            fused = np.ascontiguousarray(
                cfg.w_label * self._preferred + cfg.w_desc * second, dtype=np.float32)
            self._fused_store.clear()  # one weight pair at a time (24 MB each)
            cached = self._fused_store[key] = (fused, desc_row, has_desc)
        return cached

    def _exact(self, vectors: np.ndarray, cand: np.ndarray) -> np.ndarray:
        """Exact scores of some concepts: label = max(preferred, best alternative label -
        alt_penalty); second = max(description, best task), or the label when neither."""
        idx, cfg = self.index, self.config
        _, desc_row, has_desc = self._fused()
        label = vectors @ self._preferred[cand].T
        rows, kept, offsets = idx.rows_of("label", cand)
        if rows.size:
            best = np.maximum.reduceat(vectors @ idx.vectors["label"][rows].T, offsets, axis=1)
            where = np.searchsorted(cand, kept)
            label[:, where] = np.maximum(label[:, where], best - cfg.alt_penalty)
        second = np.full_like(label, -1.0)
        with_desc = np.flatnonzero(has_desc[cand])
        if with_desc.size:
            second[:, with_desc] = vectors @ idx.vectors["desc"][desc_row[cand[with_desc]]].T
        rows, kept, offsets = idx.rows_of("task", cand)
        if rows.size:
            best = np.maximum.reduceat(vectors @ idx.vectors["task"][rows].T, offsets, axis=1)
            where = np.searchsorted(cand, kept)
            second[:, where] = np.maximum(second[:, where], best)
        second = np.where(second < 0, label, second)
        return cfg.w_label * label + cfg.w_desc * second

    def _exact_split(self, vectors: np.ndarray, raw: np.ndarray | None,
                     cand: np.ndarray) -> np.ndarray:
        """:meth:`_exact`, with O*NET concepts scored from the unadapted vectors ``raw`` (the
        adapter was trained towards ESCO only)."""
        if raw is None:
            return self._exact(vectors, cand)
        onet = self.framework[cand] == "onet"
        out = np.empty((len(vectors), len(cand)), dtype=np.float32)
        out[:, ~onet] = self._exact(vectors, cand[~onet])
        out[:, onet] = self._exact(raw, cand[onet])
        return out

    def dense_scores(self, vectors: np.ndarray, raw: np.ndarray | None = None) -> np.ndarray:
        """Dense score of every concept for each row of unit embeddings: (units, concepts).

        Two stages keep this fast: one product with the fused preferred-label/description
        matrix scores every concept, then alternative labels and task statements are scored
        exactly for the best ``candidates`` concepts of each block of units (the others keep
        the first estimate). ``raw``: the unadapted embeddings, for O*NET.
        """
        cfg = self.config
        if not cfg.candidates:  # exact scores of every concept (slow, for checks)
            every = np.arange(len(self.index.data.concepts))
            exact = self._exact_split(vectors, raw, every) + self.prior()
            return self.occupation_boost(vectors, exact)
        fused, _, _ = self._fused()
        prior = self.prior()
        scores = vectors @ fused.T
        if raw is not None:
            onet = self.framework_mask("onet")
            scores[:, onet] = raw @ fused[onet].T
        scores += prior
        k = min(cfg.candidates, scores.shape[1] - 1)
        for s in range(0, len(vectors), 16):
            block = slice(s, s + 16)
            cand = np.unique(np.argpartition(-scores[block], k, axis=1)[:, :k])
            scores[block, cand] = self._exact_split(
                vectors[block], None if raw is None else raw[block], cand) + prior[cand]
        return self.occupation_boost(vectors, scores)

    def context(self, texts: Sequence[str] | None) -> np.ndarray | float:
        """The ordering boost lent by the writer's trade, read from their earlier texts
        (0.0 without enough of them; ``tools/skills/context.py``)."""
        vector = trade_vector(texts) if texts and self.config.context_prior else None
        if vector is None:
            return 0.0
        boost, _ = occupation_boost(self.position, len(self.framework), vector,
                                    self.config.context_occupations, self.config.context_prior)
        return boost

    def prior(self) -> np.ndarray:
        """Each concept's usage prior (``tools/skills/prior.py``; zeros for O*NET), cached
        per weight pair."""
        key = (self.config.prior_occupations, self.config.prior_reuse)
        cache = self.__dict__.setdefault("_priors", {})
        if key not in cache:
            cache[key] = prior_vector([c.id for c in self.index.data.concepts], *key)
        return cache[key]  # type: ignore[no-any-return]

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
        expandable: list[_Unit] = []  # sentences and clauses (not phrases) get trade words
        for k, span in enumerate(sentence_spans):
            parts = clauses(text, span) if self.config.use_clauses else [span]
            live = [p for p in parts if not OUT_OF_USE.match(text, *p)] if len(parts) > 1 \
                else parts
            if live and len(live) < len(parts):  # "the forklift was broken so I ...": the
                # thing that could not be used is no evidence; the sentence is read without it
                masked = " ".join(text[a:b] for a, b in live)
                units.append(_Unit(offset + k, span, False, text=masked))
                parts = live
                own = [_Unit(offset + k, p, True) for p in parts]
            else:
                own = [_Unit(offset + k, span, False)]
                own += [_Unit(offset + k, p, True) for p in parts] if len(parts) > 1 else []
            units += own
            expandable += own
            if self.config.use_phrases:
                units += [_Unit(offset + k, p, True) for part in parts
                          for p in phrases(text, part)]
        return units + self._glossary_units(text, expandable)

    def _glossary_units(self, text: str, units: list[_Unit]) -> list[_Unit]:
        """A sentence or clause holding trade words (``glossary.tsv``) once more with each
        term in plain words; its evidence is still the original span."""
        mode = self.config.glossary
        if mode == "off":
            return []
        glossary = load_glossary()
        extra: list[_Unit] = []
        for unit in units:
            expanded = glossary.expand(text, unit.span, mode)
            if expanded is not None:
                extra.append(replace(unit, text=expanded))
        return extra

    def score_texts(self, texts: list[str], spans: list[list[Span]] | None = None,
                    ) -> tuple[list[list[Span]], np.ndarray, list[_Unit], np.ndarray, list[str],
                               np.ndarray]:
        """Score every sentence of every text (or the given sentence spans of each text).

        Returns:
            Per text its sentence spans; the sentence score matrix (sentences, concepts); the
            units; for each sentence and concept the unit that gave the best score; the
            text each sentence belongs to; and the whole sentences' own scores (sentences,
            concepts), which a clause's match must agree with to be shown.
        """
        spans = spans if spans is not None else [sentences(t) for t in texts]
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
        split = self.config.use_clauses or self.config.use_phrases
        whole = np.full_like(best, -np.inf) if split else best
        if not units:
            return spans, best, units, arg, owner_text, whole
        unit_texts = [owner_text[u.sentence][u.span[0] : u.span[1]] if u.text is None
                      else u.text for u in units]
        vectors, plain = self.embed_units(unit_texts)
        votes = self.exemplar_votes(vectors, units)
        # clause units rank ESCO a little worse than whole sentences (tuned on the dev sets);
        # O*NET work activities are short generic phrases, so its clauses are not penalised
        penalty = np.where(self.framework == "esco", self.config.clause_penalty, 0.0)
        penalty = penalty.astype(np.float32)
        step = 32
        starts = range(0, len(units), step)
        # blocks are scored on two threads: the products and partitions release the GIL
        blocks = _scoring_pool().map(lambda s: self.dense_scores(
            vectors[s : s + step], None if plain is None else plain[s : s + step]), starts)
        for s, block in zip(starts, blocks, strict=True):
            for r, unit in enumerate(units[s : s + step]):
                k = unit.sentence
                dense = block[r]
                full = dense + votes[s + r] if votes is not None and s + r in votes else dense
                row = full - penalty if unit.is_clause else full
                if not unit.is_clause and whole is not best:  # the sentence, or its expansion
                    whole[k] = np.maximum(whole[k], full)
                best[k] = np.maximum(best[k], row)
                # evidence: the unit that matches best before the penalty (the tighter span)
                # (the neighbours' vote is the sentence's, so it does not pick the span)
                better = dense > raw[k]
                raw[k] = np.where(better, dense, raw[k])
                arg[k] = np.where(better, s + r, arg[k])
        return spans, best, units, arg, owner_text, whole

    def exemplar_votes(self, vectors: np.ndarray, units: list[_Unit]
                       ) -> dict[int, np.ndarray] | None:
        """Per unit that votes (whole sentences, and clauses with ``exemplar_clauses``), the
        weighted skills of its nearest diary sentences (``tools/skills/exemplars.py``), or
        None when off, not installed, or the texts are not embedded by the query encoder."""
        cfg = self.config
        bank = get_exemplars() if cfg.exemplar_weight and cfg.query_model else None
        if bank is None or get_query_embedder() is None:
            return None
        rows = [i for i, u in enumerate(units) if cfg.exemplar_clauses or not u.is_clause]
        if not rows:
            return None
        cached = self.__dict__.get("_exemplar_columns")
        if cached is None or cached[0] is not bank:  # the bank's skills as this index's columns
            position = {c.id: i for i, c in enumerate(self.index.data.concepts)
                        if c.framework == "esco"}
            cached = self.__dict__["_exemplar_columns"] = (bank, bank.columns(position))
        got = bank.votes(vectors[rows], cached[1], len(self.framework), cfg.exemplar_k,
                         cfg.exemplar_temperature, (cfg.exemplar_floor, cfg.exemplar_full))
        return {r: cfg.exemplar_weight * v for r, v in zip(rows, got, strict=True)}

    def embed_units(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray | None]:
        """Query vectors of the texts, and the shipped model's own vectors where O*NET must be
        scored from them (None when they are the same)."""
        tuned = get_query_embedder() if self.config.query_model else None
        if tuned is not None:
            vectors = tuned.embed(texts)
            return vectors, get_tag_embedder().embed(texts) if self.config.onet_plain else None
        embedded = get_tag_embedder().embed(texts)
        vectors = self.adapt(embedded)
        return vectors, None if vectors is embedded else embedded

    def adapt(self, vectors: np.ndarray) -> np.ndarray:
        """The query-side adapter applied to unit embeddings (``adapter_weight``; none at 0
        or when no adapter file is installed)."""
        weight = self.config.adapter_weight
        adapter = load_adapter() if weight else None
        return adapter.apply(vectors, weight) if adapter else vectors

    def lexical(self, text: str, span: Span) -> dict[int, Match]:
        """Best verbatim label match per concept inside a sentence; a single word inside a
        trade term of another sense ("PR" in "reviewed 6 PRs") does not count."""
        best: dict[int, Match] = {}
        terms = load_glossary().find(text, *span) if self.config.glossary != "off" else []
        concepts = self.index.data.concepts
        for m in self.phrases.find(text, *span):
            if terms and m.words == 1 and other_sense(terms, m.start, m.end,
                                                      concepts[m.concept].label):
                continue
            if terms and any(m.start < h.start < m.end < h.end for h in terms):
                continue  # cut from a trade term it runs into: "added colour" of "colour coding"
            if m.words == 1 and _acronym_in_lower_case(text[m.start:m.end],
                                                       concepts[m.concept]):
                continue  # "3 hrs" is not "HR", "it" is not "IT"
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
