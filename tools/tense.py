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

from tools.tense_sentence import Sentence
from tools.tense_words import (
    ADVERBS,
    ASKING,
    AUX,
    AUX_PLAIN,
    BE,
    COMMENT,
    CONTRACTED,
    DETS,
    FUNCTION,
    GIVEN,
    LEARNT,
    MODALS,
    MOVED,
    NEXT,
    OBJECT,
    OF,
    ONE,
    PARTICLES,
    PASSIVE,
    PREPS,
    PRONOUNS,
    SAME,
    SUBJECTS,
    TIME_OBJECT,
    TO_OK,
    UNSURE,
    WEAK,
    WH,
    WISHES,
)
from tools.verbs import base_of_s, is_known, is_past_form, is_verb, past

# A sentence about later ("next time I ask earlier", "I will") keeps its tense.
_LATER = re.compile(r"\b(?:will|won'?t|gonna|shall|next (?:time|week|month|year|shift|day|quarter|"
                    r"term|season|semester|round)|tomorrow|from now on|in (?:the )?future|"
                    r"going forward|would like)\b|'ll\b|'d like\b", re.I)


def _upper(s: Sentence, p: int) -> bool:
    return 0 <= p < len(s.words) and s.tokens[s.words[p]][0].isupper()


def _counted(s: Sentence, q: int) -> bool:
    """Whether a number comes right before the word at ``q`` ("3 calls", "11pm texts")."""
    start = s.words[q - 1] - 1 if q > 0 else 0
    return q < len(s.words) and any(t[:1].isdigit() for t in s.tokens[max(start, 0):s.words[q]])


def _says(s: Sentence) -> bool:
    """"Grace says the client ...", not "Plan shifts of employees": a first word is a name
    when an "-s" verb follows it and then what such a verb takes (never a preposition)."""
    if len(s.words) < 2 or not base_of_s(s.low(1)):
        return False
    after = "".join(s.tokens[s.words[1] + 1:s.words[1] + 3]).strip()[:1]
    return after in "\"“‘:'" and after != "" or s.low(2) in OBJECT - PARTICLES | {"that"}


def _subject(s: Sentence, p: int) -> tuple[str, int] | None:
    """The agreement ("1", "pl", "3") and the position of the verb of a subject at ``p``."""
    low = s.low(p)
    if low in SUBJECTS:  # "it" may be an object ("I fix it"): then no verb agrees with it
        return SUBJECTS[low], p + 1
    if not s.after_break[p]:
        return None
    if low in ("there",):
        return "there", p + 1
    if low in DETS and low != "no":  # "No more 11pm texts": a noun, never "texted"
        return _noun_phrase(s, p, -1, p + 1)
    if s.tokens[s.words[p]][0].isupper() and low not in FUNCTION and "-" not in low and (
            p > 0 or _upper(s, p + 1) or not is_known(low) or _says(s) or
            s.low(1) in AUX and not low.endswith("s")):  # "Caller is", never "Kids are kids"
        return _noun_phrase(s, p, p, p + 1)  # a name ("Mrs Okafor"), or no other word
    if p > 0 and low not in FUNCTION and s.low(p + 1) in BE:
        return _noun_phrase(s, p, p, p + 1)  # "..., so picks are going slow"
    return None


def _noun_phrase(s: Sentence, p: int, head: int, q: int) -> tuple[str, int] | None:
    """The verb after a subject noun phrase that starts at ``p`` ("the boiler in flat 4 is")."""
    words, pp = 0, False
    while words < 4 and q < len(s.words) and s.clause[q] == s.clause[p]:  # a comma ends it
        nxt = s.low(q)
        if head >= 0 and not pp and nxt in OF:  # "the boiler in flat 4", "the guy at reception"
            pp, q = True, q + 1 + (s.low(q + 1) in DETS)
            q += s.low(q) not in FUNCTION  # the first word after it is never the verb
            continue
        if nxt in FUNCTION - {"is", "are", "has", "have", "does", "do", "can"} or \
                is_past_form(nxt):  # "The reviewer asked good questions": its verb was told
            return None
        plural = s.low(head).endswith("s") and not s.low(head).endswith(("ss", "'s")) and \
            not _upper(s, head) and s.low(p) not in ONE  # "Jenkins", "WMS", "every merge"
        if head >= 0 and (nxt in AUX or nxt in AUX_PLAIN or _lexical(s, p, q, plural)):
            return ("pl" if plural else "3"), q
        head, q, words = (head if pp else q), q + 1, words + 1
    return None


def _lexical(s: Sentence, p: int, q: int, plural: bool) -> bool:
    """Whether the word at ``q`` is the lexical verb of the subject that starts at ``p``."""
    nxt, after = s.low(q), s.low(q + 1)
    if nxt in PARTICLES:
        return False  # "the alarm goes off": "off" is never the verb ("goes offed")
    if _upper(s, q) or _counted(s, q) or is_past_form(after) or after in BE or \
            after in ("was", "were", "had") or is_verb(after) and after not in FUNCTION \
            and after not in PARTICLES:
        return False  # "Skills Centre", "3 calls", "our SQL queries work": nouns
    # After "and" or "found", a verb must go on as one ("and a man starts shouting"), never
    # "and the loading bays on nights", "found the missing boxes".
    weak = p > 0 and s.low(p - 1) in WEAK and not _punct_before(s, p)
    if weak and not (after in OBJECT - PARTICLES or after.endswith("ing") or after == "to"):
        return False
    return bool(is_verb(nxt) and not is_past_form(nxt) if plural else base_of_s(nxt))


def _punct_before(s: Sentence, p: int) -> bool:
    return any(not t.isspace() for t in s.tokens[s.words[p - 1] + 1:s.words[p]])


def _verb(s: Sentence, agr: str, v: int) -> bool:
    """Put the finite verb at ``v`` (after adverbs) in the past; True when one was changed."""
    while s.low(v) in ADVERBS - {"then"}:
        v += 1
    low = s.low(v)
    if not low or low in MODALS or low in UNSURE or low in WISHES and s.low(v + 1) == "to":
        return False  # "I want to learn the costing": a wish of today
    if s.counted(v) and low.endswith("s") and low not in BE and low not in AUX:
        return False  # "a dose on it, 10 times too high": a noun counted, never "timed"
    if low in ("not", "no"):  # "I not move him" (non-native English): "I did not move him"
        nxt = s.low(v + 1)
        if low == "not" and is_verb(nxt) and not is_past_form(nxt):
            s.put(v, "did not")
            _and_then(s, agr, v + 1)
            return True
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


def _and_then(s: Sentence, agr: str, v: int) -> None:
    """"I call the supplier, check the rota and sort a loan": more verbs of one subject."""
    q = v + 1
    while q < min(v + 12, len(s.words)):
        low = s.low(q)
        comma = s.tokens[s.words[q] - 2:s.words[q]].count(",") > 0
        if low in ("and", "then", "but") and s.low(q + 1) != "then":
            q += 1
            if q >= len(s.words):  # "... and" at the end: nothing follows
                return
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
                w not in UNSURE and s.low(q + 1) in follows:
            s.put(q, past(base, more=True))
        q += 1


def _contracted(s: Sentence, p: int) -> None:
    """"I'm" -> "I was", "we've got to" -> "we had to", "it's been" -> "it had been"."""
    subj, verb = CONTRACTED[s.low(p)]
    nxt = s.low(p + 1)
    if verb == "'s":
        verb = "had" if nxt in ("been", "got") else "was"
    if verb == "had" and nxt == "got":
        s.drop(p + 1)
    s.put(p, f"{subj} {verb}")


def _fragment(s: Sentence, slot: str | None) -> None:
    """"Called the supplier" -> "I called the supplier"; "Have to" -> "I had to"."""
    if not s.words or s.words[0] != 0:
        return
    first, nxt = s.low(0), s.low(1)
    counted = len(s.tokens) > 2 and s.tokens[2][0].isdigit()  # "Had 3 no-shows"
    if first in ("have", "need", "gotta") and (nxt == "to" or first == "gotta") and \
            slot != "learning":  # "Need to ask earlier" is a plan
        s.put(0, "I had to" if first == "gotta" else f"I {past(first)}")
        return
    if not is_past_form(first) or first in SUBJECTS:
        return
    ok = nxt in OBJECT or counted or first == "got" or (nxt == "to" and first in TO_OK) or \
        nxt in TIME_OBJECT or \
        (first in ("learnt", "learned", "realised", "realized", "noticed") and nxt == "that")
    if first in GIVEN:  # "Offered a job", "Told off": done to the person, unless "Told him"
        ok = nxt in PRONOUNS
    elif first in PASSIVE:  # "Called to a leak", "Praised by the boss"
        ok = (nxt in OBJECT or counted) and nxt not in PARTICLES
    elif nxt in PREPS and not counted:  # "Went home", "Stayed till 9"; never "Approved on Thursday"
        ok = first in MOVED
    if ok:
        s.edits[0] = "I " + first


# A connective before a diary fragment: "Also had a daughter ..." -> "I also had ...",
# "Then took the bins out" -> "Then I took the bins out".
_LEAD = re.compile(r"^(also|just|still|finally|then|plus|later|afterwards|and)\s+(?=[a-z])",
                   re.I)
_BEFORE_VERB = frozenset({"also", "just", "still", "finally"})


def _after_connective(sentence: str, slot: str | None) -> str | None:
    """The sentence with its subject put back after (or before) a leading connective, or
    None when it is not a diary fragment behind a connective."""
    lead = _LEAD.match(sentence)
    if lead is None:
        return None
    rest = sentence[lead.end():]
    done = to_past(rest[:1].upper() + rest[1:], slot)
    if not done.startswith("I ") or rest.lower().startswith("i "):
        return None
    word = lead.group(1)
    if word.lower() in _BEFORE_VERB:
        return f"I {word.lower()} {done[2:]}"
    return f"{word} {done}"


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
    s = Sentence(sentence)
    lows = [s.low(p) for p in range(len(s.words))]
    pairs = zip(lows, lows[1:], strict=False)
    asked = any(a in ASKING and (b in SUBJECTS or b == "you") for a, b in pairs)
    if asked or lows[:1] and lows[0] in WH or sum(map(is_known, lows)) < 0.7 * len(lows):
        return sentence  # a question without its mark ("How do I ask ..."), or not English
    if (moved := _after_connective(sentence, slot)) is not None:
        return moved
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
