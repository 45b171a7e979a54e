"""English verb morphology: past tenses, third-person forms, and whether a word is a verb.

One place for the tables: ``tools.skills.paraphrase`` (first-person training sentences) and
``tools.tense`` (story sentences in the past tense) both read them. Irregular verbs come
from a table, regular ones by rule (consonant doubling from a short list); whether a word is
a verb at all is looked up in the lemma dictionary of ``simplemma`` (a verb has a known
"-ed" form or is irregular).
"""

from __future__ import annotations

from functools import lru_cache

from tools.skills.text import lemma

IRREGULAR = {
    "be": "was", "build": "built", "buy": "bought", "choose": "chose", "cut": "cut",
    "deal": "dealt", "do": "did", "draw": "drew", "drive": "drove", "feed": "fed",
    "find": "found", "get": "got", "give": "gave", "go": "went", "grow": "grew",
    "hang": "hung", "have": "had", "hold": "held", "keep": "kept", "lay": "laid", "lead": "led",
    "make": "made", "meet": "met", "pay": "paid", "put": "put", "read": "read", "ride": "rode",
    "run": "ran", "see": "saw", "sell": "sold", "send": "sent", "set": "set", "shoot": "shot",
    "show": "showed", "sing": "sang", "speak": "spoke", "spend": "spent", "split": "split",
    "spread": "spread", "stand": "stood", "take": "took", "teach": "taught", "tell": "told",
    "think": "thought", "throw": "threw", "understand": "understood", "wear": "wore",
    "win": "won", "write": "wrote", "withstand": "withstood", "undertake": "undertook",
    "oversee": "oversaw", "sew": "sewed", "weave": "wove", "bring": "brought", "fight": "fought",
    "hear": "heard", "lend": "lent", "light": "lit", "seek": "sought", "shut": "shut",
}
# Irregular verbs the story rewriter meets in chat that the training sentences never used
# (kept apart so the paraphrases, and the adapter trained on them, stay as they were).
IRREGULAR_MORE = {
    "become": "became", "begin": "began", "bend": "bent", "bet": "bet", "bite": "bit",
    "bleed": "bled", "blow": "blew", "break": "broke", "catch": "caught", "come": "came",
    "cost": "cost", "dig": "dug", "drink": "drank", "eat": "ate", "fall": "fell",
    "feel": "felt", "fly": "flew", "forget": "forgot", "forgive": "forgave", "freeze": "froze",
    "hide": "hid", "hit": "hit", "hurt": "hurt", "know": "knew", "leave": "left", "let": "let",
    "lose": "lost", "mean": "meant", "quit": "quit", "redo": "redid", "rewrite": "rewrote",
    "rebuild": "rebuilt", "reset": "reset", "resend": "resent", "ring": "rang", "rise": "rose",
    "say": "said", "shake": "shook", "shine": "shone", "sit": "sat", "sleep": "slept",
    "slide": "slid", "stick": "stuck", "steal": "stole", "sweep": "swept", "swim": "swam",
    "swing": "swung", "tear": "tore", "upset": "upset", "wake": "woke", "withdraw": "withdrew",
    "misunderstand": "misunderstood", "overhear": "overheard", "arise": "arose",
    "strike": "struck", "sink": "sank", "spin": "spun", "stink": "stank", "wind": "wound",
}
DOUBLE = {"plan", "ship", "stop", "drop", "chop", "plot", "map", "log", "tip", "trim", "skip",
          "ban", "fit", "knit", "pin", "scan", "sum", "tag", "trap", "wrap", "rub", "grab",
          "dig", "jog", "strip", "permit", "submit", "commit", "control", "patrol", "refer",
          "transfer", "prefer", "equip", "program", "admit", "occur", "regret"}
DOUBLE_MORE = {"chat", "nod", "beg", "hug", "mop", "prep", "shop", "slip", "step", "swap",
               "tap", "pat", "rob", "sob", "stab", "jam", "cram", "hop", "dip", "zip",
               "travel", "cancel", "label", "model", "signal", "level", "total", "refuel",
               "replan"}
_PAST_FORMS = frozenset(IRREGULAR.values()) | frozenset(IRREGULAR_MORE.values())
_ES = ("ches", "shes", "sses", "xes", "zzes", "oes")


def past(verb: str, more: bool = False) -> str:
    """The past tense of an English verb by rule, irregular verbs from a table.

    Args:
        verb: the base form ("call", "plan", "carry").
        more: also use the wider tables (``IRREGULAR_MORE``, ``DOUBLE_MORE``); the
            training paraphrases leave it off so their sentences never change.

    Returns:
        The past tense ("called", "planned", "carried").
    """
    v = verb.lower()
    if v in IRREGULAR:
        return IRREGULAR[v]
    if more and v in IRREGULAR_MORE:
        return IRREGULAR_MORE[v]
    if more and v in ("panic", "picnic", "mimic"):
        return v + "ked"
    if v in DOUBLE or (more and v in DOUBLE_MORE):
        return v + v[-1] + "ed"
    if v.endswith("e"):
        return v + "d"
    if v.endswith("y") and len(v) > 1 and v[-2] not in "aeiou":
        return v[:-1] + "ied"
    return v + "ed"


def is_past_form(word: str) -> bool:
    """Whether a word is an irregular past ("left", "found") or a known "-ed" form."""
    w = word.lower()
    if w in _PAST_FORMS:
        return True
    return w.endswith("ed") and len(w) > 4 and is_known(w) and lemma(w) != w


@lru_cache(maxsize=4096)
def is_known(word: str) -> bool:
    """Whether a word is in the English lemma dictionary (names and other tongues are not)."""
    import simplemma  # 0.17 s to import: not before the first story that needs it

    return bool(simplemma.is_known(word.lower(), lang="en"))


@lru_cache(maxsize=4096)
def is_verb(base: str) -> bool:
    """Whether a base form is a verb: irregular, or its regular past is a known word."""
    b = base.lower()
    if b in IRREGULAR or b in IRREGULAR_MORE or b in DOUBLE or b in DOUBLE_MORE:
        return True
    return len(b) > 1 and b.isalpha() and is_known(past(b, more=True))


def base_of_s(word: str) -> str | None:
    """The base form of a third-person "-s" verb ("fixes" -> "fix", "carries" -> "carry").

    Returns:
        The base when the word is such a form of a verb, else None.
    """
    w = word.lower()
    if len(w) < 3 or not w.endswith("s") or w.endswith("ss"):
        return None
    if w in ("has", "does", "goes", "is", "was"):
        return {"has": "have", "does": "do", "goes": "go"}.get(w)
    if w.endswith("ies") and len(w) > 4:
        candidates = [w[:-3] + "y"]
    elif w.endswith(_ES):
        candidates = [w[:-2], w[:-1]]
    else:
        candidates = [w[:-1]]
    return next((c for c in candidates if is_verb(c)), None)
