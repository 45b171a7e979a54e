"""Resolve the user's words for a role to an ESCO occupation, or say it is ambiguous.

Order: the preferred label, then an alternative label, then a close spelling of either (one
or two typos), then meaning (the occupation vectors). When several occupations fit equally
(an alternative label shared by several, a spelling or meaning with no clear winner) the
answer is ``ambiguous`` with the options, so the caller asks instead of guessing.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Callable
from functools import lru_cache

import numpy as np

from tools.careers.data import OccupationData
from tools.careers.models import Resolution

FROM_TO = re.compile(r"\bfrom\s+(?:an?\s+|being\s+(?:an?\s+)?)?(?P<a>[^,;?!.]+?)\s+(?:in)?to"
                     r"\s+(?:become\s+|being\s+)?(?:an?\s+)?(?P<b>[^,;?!.]+)", re.I)
BECOME = re.compile(r"\b(?:become|becoming|to be|be|work(?:ing)? as|job as|career as|get into|"
                    r"move into|switch to|step up to|get to|run an?|train(?:ing)? as|"
                    r"re-?train(?:ing)? as|qualify(?:ing)? as|as(?!\s+(?:soon|well|much|long|"
                    r"far|possible|usual|if|though|a result)\b))\s+(?:an?\s+|the\s+|my own\s+)?"
                    r"(?P<b>[^,;?!.]+)", re.I)
TAIL = re.compile(r"\b(?:one day|someday|some day|next|in (?:the )?future|later|eventually|"
                  r"as soon as possible|asap|please|pls|plz)\b|[?!.,;:]+", re.I)
SPELLING_CUTOFF = 0.8
MEANING_MIN, MEANING_MARGIN = 0.55, 0.04
# Below MEANING_MIN but this close: offer the nearest roles and ask, rather than give up.
MEANING_ASK = 0.45


def normalise(text: str) -> str:
    """Lower case, no articles, punctuation or filler words."""
    text = TAIL.sub(" ", text.lower())
    text = re.sub(r"^\s*(?:an?|the|my)\s+", "", text)
    return " ".join(re.sub(r"[^\w+#&'/ -]", " ", text).split())


def phrases(text: str) -> tuple[str | None, str]:
    """The start role (if any) and the target role phrase in a question.

    Args:
        text: "how do I get from waiter to hotel manager?", "what should I learn to become
            a nurse", or just the role.

    Returns:
        (start phrase or None, target phrase), both normalised.
    """
    found = FROM_TO.search(text)
    if found:
        return normalise(found.group("a")), normalise(found.group("b"))
    # the last cue names the role: "what should I work on to run a kitchen as head chef"
    starts = [i for i in range(min(len(text), 500)) if BECOME.match(text, i)]
    found = BECOME.match(text, starts[-1]) if starts else None
    return None, normalise(found.group("b") if found else text)


@lru_cache(maxsize=2)
def _labels(data: OccupationData) -> tuple[dict[str, list[int]],
                                                         dict[str, list[int]], list[str]]:
    preferred: dict[str, list[int]] = defaultdict(list)
    alternative: dict[str, list[int]] = defaultdict(list)
    for i, occ in enumerate(data.occupations):
        preferred[normalise(occ.label)].append(i)
        for alt in occ.alt:
            if i not in alternative[normalise(alt)]:
                alternative[normalise(alt)].append(i)
    return preferred, alternative, sorted(set(preferred) | set(alternative))


@lru_cache(maxsize=2)
def _vocabulary(data: OccupationData) -> frozenset[str]:
    """Every word of every occupation label (preferred and alternative)."""
    return frozenset(word for label in _labels(data)[2] for word in label.split())


def _option(data: OccupationData, i: int) -> dict[str, str]:
    occ = data.occupations[i]
    return {"id": occ.id, "label": occ.label, "description": occ.description}


def _answer(data: OccupationData, said: str, how: str, hits: list[int]) -> Resolution:
    if len(hits) == 1:
        return Resolution(said=said, how=how, occupation_id=data.occupations[hits[0]].id)  # type: ignore[arg-type]
    return Resolution(said=said, how="ambiguous", options=[_option(data, i) for i in hits[:5]])


def _containing(data: OccupationData, name: str) -> list[int]:
    """Occupations whose preferred label holds the name as whole words, shortest first."""
    pattern = re.compile(rf"(?:^|\s){re.escape(name)}(?:$|\s)")
    hits = [i for i, o in enumerate(data.occupations) if pattern.search(normalise(o.label))]
    return sorted(hits, key=lambda i: (len(data.occupations[i].label), data.occupations[i].label))


Prefer = Callable[[list[int]], list[int]]


def _by_name(data: OccupationData, said: str, name: str, how: str,
             prefer: Prefer | None = None) -> Resolution | None:
    preferred, alternative, _ = _labels(data)
    if name in preferred:
        return _answer(data, said, "label" if how == "exact" else how, preferred[name])
    contained = [i for i in _containing(data, name) if i not in alternative.get(name, [])]
    hits = alternative.get(name, []) + contained
    if not hits:
        return None
    if prefer is not None and len(hits) > 1:
        hits = prefer(hits)
    return _answer(data, said, "alternative" if how == "exact" else how, hits)


# job titles as job boards and people say them, where ESCO names the occupation otherwise
# (hand-written; a title ESCO lists as a label or alternative needs no entry)
EVERYDAY_TITLES = tuple((re.compile(spoken), label) for spoken, label in (
    (r"(?:an? )?(?:it|ict|tech|technical|computer|desktop) support(?: (?:technician|analyst|"
     r"engineer|officer|specialist|agent|advisor|adviser|assistant))?", "ICT help desk agent"),
    (r"(?:an? )?(?:1st|first|2nd|second) line (?:it )?support(?: \w+)?", "ICT help desk agent"),
    (r"(?:an? )?(?:it )?help ?desk(?: (?:analyst|technician|support|operator|advisor|"
     r"adviser))?", "ICT help desk agent"),
))


def resolve(data: OccupationData, said: str, vector: np.ndarray | None = None,
            prefer: Prefer | None = None) -> Resolution:
    """Resolve the user's words for a role.

    Args:
        data: the occupation data.
        said: the role as the user wrote it (already cut out of the question).
        vector: the phrase's embedding, for resolving by meaning when nothing else matches.
        prefer: orders the occupations a name fits ("supervisor" fits 100 of them), so the
            options offered are the ones nearest the user (a cleaner's "supervisor": a
            housekeeping supervisor first, not an oil refinery control room operator).

    Returns:
        The resolution: an occupation id, or ``ambiguous`` with options, or ``unknown``.
    """
    phrase = normalise(said)
    if not phrase:
        return Resolution(said=said, how="unknown")
    for spoken, label in EVERYDAY_TITLES:
        if spoken.fullmatch(phrase):  # "IT support technician" is ESCO's "ICT help desk agent"
            found = _by_name(data, said, label.lower(), "alternative", prefer)
            if found is not None:
                return found
    found = _by_name(data, said, phrase, "exact", prefer)
    if found is not None:
        return found
    # A spelling fix is for words we do not know: "nurse manager" is two real words, not a
    # misspelt "venue manager", so it goes on to meaning.
    known = _vocabulary(data)
    misspelt = any(word not in known for word in phrase.split())
    close = misspelt and difflib.get_close_matches(phrase, _labels(data)[2], n=1,
                                                   cutoff=SPELLING_CUTOFF)
    if close:
        found = _by_name(data, said, close[0], "spelling", prefer)
        if found is not None:
            return found
    if vector is not None:
        sims = data.vectors @ vector
        order = np.argsort(-sims)[:5]
        if float(sims[order[0]]) >= MEANING_MIN:
            if float(sims[order[0]] - sims[order[1]]) >= MEANING_MARGIN:
                return _answer(data, said, "meaning", [int(order[0])])
            return _answer(data, said, "meaning", [int(i) for i in order[:3]])
        if float(sims[order[0]]) >= MEANING_ASK:
            options = [_option(data, int(i)) for i in order[:3]]
            return Resolution(said=said, how="ambiguous", options=options)
    return Resolution(said=said, how="unknown")


# a step up said without the trade: "team leader", "supervisor", "manager"
_STEP_UP = re.compile(r"\b(?:team leader|leader|lead|supervisor|manager|head|chief|"
                      r"coordinator|foreman|forewoman)\b")
_PLACE_WORDS = frozenset({"big", "small", "large", "local", "near", "in", "at", "for", "on", "a",
                          "an", "the", "of", "and", "my", "our", "new", "old", "night", "nights",
                          "day", "days", "shift", "shifts", "part", "time", "full"})


def in_trade(data: OccupationData, said: str, job: str | None) -> list[int]:
    """Occupations that are the step up a user names, in the trade of the job they told us
    ("team leader" from a forklift driver "in big warehouse": warehouse manager), shortest
    first; ESCO has no "warehouse team leader", and the name alone offered a restaurant, a
    fruit farm and a zoo."""
    phrase = normalise(said)
    if not job or not _STEP_UP.search(phrase):
        return []
    words = [w for w in re.findall(r"[a-z]+", normalise(job)) if w not in _PLACE_WORDS
             and len(w) > 2 and w not in phrase.split()]
    hits: list[int] = []
    for i, occ in enumerate(data.occupations):
        label = normalise(occ.label)
        if _STEP_UP.search(label) and any(re.search(rf"\b{re.escape(w)}\b", label)
                                          for w in words):
            hits.append(i)
    return sorted(hits, key=lambda i: (len(data.occupations[i].label),
                                       data.occupations[i].label))[:3]


def with_trade(data: OccupationData, found: Resolution, job: str | None) -> Resolution:
    """An ambiguous resolution with the step up in the user's own trade offered first."""
    if found.how != "ambiguous":
        return found
    first = [_option(data, i) for i in in_trade(data, found.said, job)]
    if not first:
        return found
    ids = {o["id"] for o in first}
    options = first + [o for o in found.options if o["id"] not in ids]
    return found.model_copy(update={"options": options[:5]})


AMBIGUOUS_HEAD = 3  # a word that ends this many preferred labels names no one occupation


@lru_cache(maxsize=2)
def _head_counts(data: OccupationData) -> dict[str, int]:
    """How many preferred occupation labels end with each word ("teacher": dozens)."""
    out: dict[str, int] = defaultdict(int)
    for label in _labels(data)[0]:
        out[label.split()[-1]] += 1
    return dict(out)


def current_work(data: OccupationData, job: str | None, said: str | None = None) -> list[int]:
    """Occupations that are the job the person told us they do: one whose preferred or
    alternative label stands in their words as whole words ("electrician" in "a self
    employed electrician", "bike mechanic" for a bicycle mechanic), and a preferred label of
    the same head whose other words are in the work they told ("domestic electrician" for
    "I'm a self employed electrician, mostly domestic rewires"). Where they could go next is
    not where they are."""
    phrase = f" {normalise(job)} " if job else ""
    if not phrase.strip():
        return []
    hits: set[int] = set()
    heads_of = _head_counts(data)
    preferred, alternative, _ = _labels(data)
    for labels in (preferred, alternative):  # a preferred label first: "electrician" is also
        # an alternative label of industrial and domestic electricians, other work
        hits = {i for label, found in labels.items() if f" {label} " in phrase
                # one word that heads many occupations names none of them: "teacher" is an
                # alternative label of "politics lecturer" in ESCO (a year 6 teacher got it)
                and (labels is preferred or " " in label
                     or heads_of.get(label, 0) < AMBIGUOUS_HEAD)
                for i in found}
        if hits:
            break
    told = set(normalise(f"{job} {said or ''}").split())
    heads = {normalise(data.occupations[i].label).split()[-1] for i in hits}
    for label, found in preferred.items():
        words = label.split()
        if len(words) > 1 and words[-1] in heads and set(words) <= told:
            hits.update(found)
    return sorted(hits)
