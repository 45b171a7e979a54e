"""Story sentences in the first person and the past tense, with every fact kept.

Dev set: ``evals/data/stories/tense.json`` (written for this project): chat sentences with
their STAR+L slot and the acceptable sentences a person would send. Fixed split: every third
sentence (index 2, 5, 8, ...) is aside and reported on; the rest is for tuning. Each
sentence is cleaned (``tools.story_text.clean``) and rewritten (``tools.tense.to_past``),
the path a drafted story takes. Measured on a part:

- ``past_right``: outputs that are one of the gold sentences;
- ``wrong_rewrites``: outputs with a word that no gold sentence has (worse than leaving the
  sentence as it was);
- ``partly``: outputs that changed some verbs right and left others in the present;
- ``left_as_is``: outputs equal to the cleaned sentence where the gold changes it (a miss);
- ``facts_kept``: outputs that keep every number and capitalised name of the sentence and
  change no word except into another form of it ("fixes" -> "fixed", "I'm" -> "I was") or
  add an "I", judged by aligning the words and comparing ``simplemma`` lemmas (not by the
  rewriter's own tables).
"""

from __future__ import annotations

import json
import re
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

import simplemma

from tools.story_text import clean
from tools.tense import to_past
from tools.tense_words import words

DATA = Path(__file__).parent / "data" / "stories" / "tense.json"
TARGETS = {"past_right": 0.7, "wrong_rewrites": 0, "facts_kept": 1.0}
# What a past-tense rewrite may put in or take out without a same-lemma partner.
_OLD_ONLY = words("am is are 'm 're 's i'm we're they're he's she's it's that's there's have "
                  "has 've i've we've they've do does don't doesn't dont doesnt can can't cant "
                  "cannot isn't aren't isnt arent haven't hasn't got im")
_NEW_ONLY = words("i was were had did could didn't couldn't wasn't weren't hadn't didnt couldnt "
                  "wasnt werent hadnt")
# Irregular pasts that simplemma reads as another word ("broke" the adjective).
_PASTS = {"broke": "break", "thought": "think", "felt": "feel", "left": "leave",
          "could": "can", "spoke": "speak", "wore": "wear", "lay": "lie"}


def load_parts() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(tuning, aside) sentences: every third is aside."""
    rows = json.loads(DATA.read_text(encoding="utf-8"))["sentences"]
    return ([r for i, r in enumerate(rows) if i % 3 != 2],
            [r for i, r in enumerate(rows) if i % 3 == 2])


def _words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z]+(?:['’][A-Za-z]+)*|\d+(?:[.,]\d+)*", text.replace("’", "'"))


def _lemma(word: str) -> str:
    """The word's lemma, with a final "e" off (simplemma reads "fixed" as "fixe")."""
    return (_PASTS.get(word) or simplemma.lemmatize(word, lang="en")).rstrip("e")


def facts_kept(before: str, after: str) -> bool:
    """Whether a rewrite keeps every fact: numbers and names verbatim, and every other change
    a verb in another form ("fixes" -> "fixed", "I'm" -> "I was") or an added "I".

    Args:
        before: the cleaned sentence.
        after: the rewritten sentence.

    Returns:
        True when nothing but the form of verbs (and a missing "I") changed.
    """
    old, new = _words(re.sub(r"\bcannot\b", "can not", before, flags=re.I)), _words(after)
    if any(w not in new for w in old[1:] if w[0].isdigit() or w[0].isupper()):
        return False
    old, new = [w.lower() for w in old], [w.lower() for w in new]
    for op, a1, a2, b1, b2 in SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        gone, came = old[a1:a2], new[b1:b2]
        lemmas_came = {_lemma(w) for w in came}
        # "it's" -> "it was": the subject of a contraction counts as kept
        lemmas_gone = {_lemma(w) for w in gone} | {_lemma(w.split("'")[0]) for w in gone}
        if any(w not in _OLD_ONLY and _lemma(w) not in lemmas_came for w in gone) or \
                any(w not in _NEW_ONLY and _lemma(w) not in lemmas_gone for w in came):
            return False
    return True


def _same(a: str, b: str) -> bool:
    return a.strip().rstrip(".!").lower() == b.strip().rstrip(".!").lower()


def score(row: dict[str, Any]) -> dict[str, Any]:
    """One sentence: cleaned, rewritten, and compared with its gold sentences."""
    cleaned = clean(row["text"])
    out = to_past(cleaned, row["slot"])
    right = any(_same(out, g) for g in row["gold"])
    unchanged = _same(out, cleaned)
    allowed = {w.lower() for g in row["gold"] for w in _words(g)} | {
        w.lower() for w in _words(cleaned)}
    wrong = not right and any(w.lower() not in allowed for w in _words(out))
    return {"text": row["text"], "out": out, "right": right, "wrong": wrong,
            "partly": not (right or wrong or unchanged), "missed": not right and unchanged,
            "kept": facts_kept(cleaned, out)}


def run_part(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Rewrite each sentence of a part; counts, shares and the sentences that went wrong."""
    scored = [score(r) for r in rows]
    n = max(len(scored), 1)
    return {"sentences": len(scored),
            "past_right": sum(s["right"] for s in scored),
            "past_right_share": round(sum(s["right"] for s in scored) / n, 3),
            "wrong_rewrites": sum(s["wrong"] for s in scored),
            "partly": sum(s["partly"] for s in scored),
            "left_as_is": sum(s["missed"] for s in scored),
            "facts_kept": sum(s["kept"] for s in scored),
            "facts_kept_share": round(sum(s["kept"] for s in scored) / n, 3),
            "misses": [{"text": s["text"], "out": s["out"]} for s in scored if not s["right"]]}


def failures(report: dict[str, Any]) -> list[str]:
    """Targets the aside part misses, in words."""
    out = []
    if report["past_right_share"] < TARGETS["past_right"]:
        out.append(f"story tense: past_right {report['past_right_share']} "
                   f"(target >= {TARGETS['past_right']})")
    if report["wrong_rewrites"] > TARGETS["wrong_rewrites"]:
        out.append(f"story tense: {report['wrong_rewrites']} wrong rewrites (target 0)")
    if report["facts_kept_share"] < TARGETS["facts_kept"]:
        out.append(f"story tense: facts kept {report['facts_kept_share']} (target 1.0)")
    return out
