"""Story sentences in the first person and the past tense, by conservative rules.

"the printer is broken again and nobody fixes it" -> "The printer was broken again and
nobody fixed it"; "Had to redo the rota" -> "I had to redo the rota". Only a verb that
follows a subject this module recognises (a pronoun, "the/my ... noun", a name) is put in the
past: be, have, do and can in all their forms and contractions, and lexical verbs
(``tools.verbs``). Nothing else changes: quoted speech, numbers, names, questions, future
plans ("will", "next time"), general truths and current states ("always", "usually", "now",
"still") and words this module cannot place stay exactly as written. A wrong rewrite is
worse than none, so when unsure a sentence is left as it was. No LLM is involved.
"""

from __future__ import annotations

import re

from tools.tense_words import (
    ADVERBS,
    AUX,
    AUX_PLAIN,
    BE,
    BOUNDARY,
    COMMENT,
    CONJ,
    CONTRACTED,
    DETS,
    FUNCTION,
    GIVEN,
    HOLDS,
    LEARNT,
    LIKES,
    MODALS,
    MOVED,
    NEXT,
    OBJECT,
    OF,
    PARTICLES,
    PASSIVE,
    PERIODS,
    PREPS,
    PRONOUNS,
    SAME,
    SUBJECTS,
    TO_OK,
)
from tools.verbs import base_of_s, is_past_form, is_verb, past

_TOKEN = re.compile(r"[A-Za-z]+(?:['’-][A-Za-z]+)*|\d+(?:[.,:]\d+)*|\s+|.")
_QUOTE = re.compile(r"\"[^\"]*\"|“[^”]*”|«[^»]*»|‘[^’]*’|(?<!\w)'[^']*'(?!\w)")
# A sentence about later ("next time I ask earlier", "I will") keeps its tense.
_LATER = re.compile(r"\b(?:will|won'?t|gonna|shall|next (?:time|week|month|year|shift|day)|"
                    r"tomorrow|from now on|in (?:the )?future|going forward)\b|'ll\b", re.I)
def _norm(token: str) -> str:
    return token.replace("’", "'").lower()


def _case(new: str, old: str) -> str:
    return new[0].upper() + new[1:] if old[:1].isupper() and new[:1].islower() else new


class _Sentence:
    """The tokens of one sentence, its words' positions and clauses, and the edits made."""

    def __init__(self, text: str) -> None:
        self.tokens = _TOKEN.findall(text)
        quoted = [m.span() for m in _QUOTE.finditer(text)]
        self.words: list[int] = []  # token index of each word outside quotes
        self.clause: list[int] = []
        self.after_break: list[bool] = []
        pos, clause, broke = 0, 0, True
        for k, tok in enumerate(self.tokens):
            start, pos = pos, pos + len(tok)
            if any(a <= start < b for a, b in quoted):
                clause, broke = clause + 1, True
                continue
            if tok[0].isalpha():
                low = _norm(tok)
                if low in CONJ:
                    clause += 1
                self.words.append(k)
                self.clause.append(clause)
                self.after_break.append(broke)
                broke = low in BOUNDARY or low in ("am", "pm") and self.tokens[k - 1].isdigit()
            elif not tok.isspace():
                clause, broke = (clause + 1, True) if tok in ",;:-–—()" else (clause, broke)
        lows = [_norm(self.tokens[k]) for k in self.words]
        self.held = {self.clause[p] for p, low in enumerate(lows) if low in HOLDS or (
            low == "every" and p + 1 < len(lows) and lows[p + 1] in PERIODS)}
        self.edits: dict[int, str] = {}

    def low(self, p: int) -> str:
        return _norm(self.tokens[self.words[p]]) if 0 <= p < len(self.words) else ""

    def put(self, p: int, new: str) -> None:
        k = self.words[p]
        self.edits[k] = _case(new, self.tokens[k])

    def drop(self, p: int) -> None:
        k = self.words[p]
        self.edits[k] = ""
        if k + 1 < len(self.tokens) and self.tokens[k + 1].isspace():
            self.edits[k + 1] = ""

    def text(self) -> str:
        return "".join(self.edits.get(k, t) for k, t in enumerate(self.tokens))


def _upper(s: _Sentence, p: int) -> bool:
    return p < len(s.words) and s.tokens[s.words[p]][0].isupper()


def _counted(s: _Sentence, q: int) -> bool:
    """Whether a number comes right before the word at ``q`` ("3 calls", "11pm texts")."""
    start = s.words[q - 1] - 1 if q > 0 else 0
    return q < len(s.words) and any(t[:1].isdigit() for t in s.tokens[max(start, 0):s.words[q]])


def _subject(s: _Sentence, p: int) -> tuple[str, int] | None:
    """The agreement ("1", "pl", "3") and the position of the verb of a subject at ``p``."""
    low = s.low(p)
    if low in SUBJECTS:  # "it" may be an object ("I fix it"): then no verb agrees with it
        return SUBJECTS[low], p + 1
    if not s.after_break[p]:
        return None
    if low in ("there",):
        return "there", p + 1
    head, q = -1, p
    if low in DETS and low != "no":  # "No more 11pm texts": a noun, never "texted"
        q = p + 1
    elif s.tokens[s.words[p]][0].isupper() and low not in FUNCTION and (
            p > 0 or not low.endswith("s") or low in ("mrs", "ms") or _upper(s, p + 1)):
        head, q = p, p + 1  # a name ("Grace says"), never a bare plural ("Kids love it")
    elif p > 0 and low not in FUNCTION and s.low(p + 1) in BE:
        head, q = p, p + 1  # "..., so picks are going slow"
    else:
        return None
    words, pp = 0, False
    while words < 4:
        nxt = s.low(q)
        if head >= 0 and not pp and nxt in OF:  # "the boiler in flat 4", "the guy at reception"
            pp, q = True, q + 1 + (s.low(q + 1) in DETS)
            q += s.low(q) not in FUNCTION  # the first word after it is never the verb
            continue
        if not nxt or nxt in FUNCTION - {"is", "are", "has", "have", "does", "do", "can"}:
            break
        plural = s.low(head).endswith("s") and not s.low(head).endswith(("ss", "'s"))
        after = s.low(q + 1)  # "Mrs Okafor's hoist broke": a verb follows, so "hoist" is none
        noun = is_past_form(after) or after in BE or after in ("was", "were", "had") or \
            _counted(s, q)  # "3 calls", "11pm texts": counted things
        if head >= 0 and (nxt in AUX or nxt in AUX_PLAIN or not noun and (
                is_verb(nxt) and not is_past_form(nxt) if plural else base_of_s(nxt))):
            return ("pl" if plural else "3"), q
        head, q, words = (head if pp else q), q + 1, words + 1
    return None


def _verb(s: _Sentence, agr: str, v: int) -> bool:
    """Put the finite verb at ``v`` (after adverbs) in the past; True when one was changed."""
    while s.low(v) in ADVERBS - {"then"}:
        v += 1
    low = s.low(v)
    if not low or low in MODALS or low in LIKES:
        return False
    if low in AUX or low in AUX_PLAIN:  # "he don't listen": non-native English too
        new = {**AUX, **AUX_PLAIN}[low]
        s.put(v, new)
        if new.startswith("had") and s.low(v + 1) == "got":
            s.drop(v + 1)  # "I have got to" -> "I had to"
        _and_then(s, agr, v)
        return True
    if agr == "there":
        return False
    plain = low if is_verb(low) and not is_past_form(low) else None
    base = base_of_s(low) if agr == "3" else plain
    if base is None and agr == "3" and s.low(v - 1) in ("he", "she") and not low.endswith("s"):
        base = plain  # "she go" (non-native English), but never "it go"
    if low in SAME and agr in ("1", "pl") and s.clause[v] not in s.held:
        _and_then(s, agr, v)  # "I split them ... and give": already the past
        return False
    if base is None or low in ("was", "were", "had", "did") or s.clause[v] in s.held:
        return False
    s.put(v, past(base, more=True))
    _and_then(s, agr, v)
    return True


def _and_then(s: _Sentence, agr: str, v: int) -> None:
    """"I call the supplier, check the rota and sort a loan": more verbs of one subject."""
    q = v + 1
    while q < min(v + 12, len(s.words)):
        low = s.low(q)
        comma = s.tokens[s.words[q] - 2:s.words[q]].count(",") > 0
        if low in ("and", "then", "but") and s.low(q + 1) != "then":
            q += 1
        elif not comma:
            q += 1
            continue
        w = s.low(q)
        if w in SUBJECTS or w in DETS or s.clause[q] in s.held:
            return  # another subject, or what holds now
        if w in AUX or w in AUX_PLAIN and agr != "3":
            s.put(q, {**AUX, **AUX_PLAIN}[w])  # "... and doesn't speak English"
            return
        base = base_of_s(w) if agr == "3" else (w if is_verb(w) else None)
        follows = OBJECT | {"sorry"} if comma else NEXT  # "milk, water for": no verb
        if base and not (is_past_form(w) and w not in SAME) and w not in FUNCTION and \
                w not in LIKES and s.low(q + 1) in follows:
            s.put(q, past(base, more=True))
        q += 1


def _contracted(s: _Sentence, p: int) -> None:
    """"I'm" -> "I was", "we've got to" -> "we had to", "it's been" -> "it had been"."""
    subj, verb = CONTRACTED[s.low(p)]
    nxt = s.low(p + 1)
    if verb == "'s":
        verb = "had" if nxt in ("been", "got") else "was"
    if verb == "had" and nxt == "got":
        s.drop(p + 1)
    s.put(p, f"{subj} {verb}")


def _fragment(s: _Sentence, slot: str | None) -> None:
    """"Called the supplier" -> "I called the supplier"; "Have to" -> "I had to"."""
    if not s.words or s.words[0] != 0:
        return
    first, nxt = s.low(0), s.low(1)
    if len(s.tokens) > 2 and s.tokens[2][0].isdigit():
        nxt = "two"  # "Had 3 no-shows": a number opens the object
    if first in ("have", "need", "gotta") and (nxt == "to" or first == "gotta") and \
            slot != "learning":  # "Need to ask earlier" is a plan
        s.put(0, "I had to" if first == "gotta" else f"I {past(first)}")
        return
    if not is_past_form(first) or first in SUBJECTS:
        return
    ok = nxt in OBJECT or first == "got" or (nxt == "to" and first in TO_OK) or \
        (first in ("learnt", "learned", "realised", "realized", "noticed") and nxt == "that")
    if first in GIVEN:  # "Offered a job", "Told off": done to the person, unless "Told him"
        ok = nxt in PRONOUNS
    elif first in PASSIVE:  # "Called to a leak", "Praised by the boss"
        ok = nxt in OBJECT and nxt not in PARTICLES
    elif nxt in PREPS:  # "Went home", "Stayed till 9"; never "Approved on Thursday"
        ok = first in MOVED
    if ok:
        s.edits[0] = "I " + first


def to_past(sentence: str, slot: str | None = None) -> str:
    """The sentence in the first person and the past tense, or as it was when unsure.

    Args:
        sentence: one cleaned story sentence (see ``tools.story_text.clean``).
        slot: its STAR+L section; in ``learning`` only a leading "I learn/realise ..."
            and a missing "I" change (what the person learnt may still hold).

    Returns:
        The rewritten sentence; quoted speech, numbers and names are never changed.
    """
    if "?" in sentence or _LATER.search(sentence.replace("’", "'")):
        return sentence
    s = _Sentence(sentence)
    _fragment(s, slot)
    told = any(is_past_form(s.low(p)) and s.low(p - 1) in SUBJECTS
               for p in range(1, len(s.words)))
    for p in range(len(s.words)):
        low = s.low(p)
        if slot == "learning" and not (p == 0 and low == "i" and s.low(1) in LEARNT):
            continue
        if s.clause[p] in s.held or s.words[p] in s.edits:
            continue
        if low in CONTRACTED:
            _contracted(s, p)
            continue
        found = _subject(s, p)
        if found is None:
            continue
        agr, v = found
        if told and (s.low(v) in COMMENT or s.low(v + 1) in COMMENT or
                     s.low(v + 2) in COMMENT and s.low(v + 1) == "not"):
            continue  # "I think it went well": a thought of today about the story
        _verb(s, agr, v)
    return s.text()
