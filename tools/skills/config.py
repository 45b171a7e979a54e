"""The tagger's weights and thresholds in one place (``TaggerConfig``; how each was chosen is
in docs/skills.md)."""

from __future__ import annotations

from dataclasses import dataclass, field

from tools.skills.glossary import Mode


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
    # how widely ESCO uses a skill (tools/skills/prior.py; measured in docs/skills.md)
    prior_occupations: float = 0.06
    prior_reuse: float = 0.02
    # the writer's trade from their earlier texts (tools/skills/context.py)
    context_prior: float = 0.12
    context_occupations: int = 3
    # share of that trade boost that counts as evidence for showing a tag (0: it only orders)
    context_show: float = 0.5
    occupation_top: int = 3
    clause_penalty: float = 0.08
    # shown tags need support from the whole sentence (see docs/skills.md, "precision"):
    single_word_support: float = 0.30
    clause_gap: float = 0.08
    place_support: bool = True  # a prepositional phrase alone needs the whole sentence to pass
    growth_threshold: float = 0.40  # ESCO, in sentences with a growth cue
    threshold: dict[str, float] = field(default_factory=lambda: {"esco": 0.48, "onet": 0.40})
    per_sentence: dict[str, int] = field(default_factory=lambda: {"esco": 2, "onet": 1})
    adapter_weight: float = 0.5  # the committed query-side adapter, half-blended
    # the fine-tuned query encoder (tools/skills/query_encoder.py) replaces the adapter when
    # installed; O*NET is then scored from the shipped model's vectors too (``onet_plain``)
    query_model: bool = True
    onet_plain: bool = False
    # trade words ("obs", "PRs", "cashed up") get an extra unit in plain words (glossary.py);
    # "replace" (each term replaced by its expansion) measured better than "append"
    glossary: Mode = "replace"
    # the skills of the nearest diary sentences (tools/skills/exemplars.py): a vote 0..1 per
    # ESCO concept from the ``exemplar_k`` nearest, added with this weight (0: off)
    exemplar_weight: float = 0.6
    exemplar_k: int = 10
    exemplar_temperature: float = 0.05
    exemplar_clauses: bool = False  # clauses vote too, not only whole sentences
    exemplar_floor: float = 0.5  # nearest cosine at which the vote counts nothing ...
    exemplar_full: float = 0.7  # ... and from which it counts fully (off when equal)
    # a sentence that only sets the scene ("first week on placement in year 3.") shows no
    # skill unless a label's own words are in it
    scene_support: bool = True
