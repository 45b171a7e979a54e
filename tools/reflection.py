"""The reflection policy: which STAR / Gibbs slots a message fills, and what to ask next.

Pure and deterministic: no model, no storage. The agent keeps the draft; this module says
which slot is most worth asking about (never one the user already told), mirrors a whole
phrase of the user's own words into the question (:mod:`tools.mirror`), never asks the same
slot twice, meets a one- or two-word answer with an easier question, and stops after at most
two follow-ups.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tools.mirror import is_past_verb, mirror, quoted, wordset
from tools.understanding.commands import introduction

SLOTS = ("situation", "action", "result", "feelings", "learning", "next_step")
# Most valuable missing slot first: what the person did carries most weight.
PRIORITY = ("action", "result", "learning", "feelings", "next_step", "situation")
MAX_FOLLOWUPS = 2

# Words after "I"/"we" that are not actions (states, modals, feelings, thoughts).
_NOT_ACTION = (r"(?:am|was|were|are|is|be|been|feel|felt|think|thought|guess|hope|wish|want|"
               r"wanted|like|liked|love|loved|hate|hated|know|knew|believe|mean|meant|"
               r"will|would|could|should|can|can't|cannot|might|must|may|need|needed|"
               r"learn\w*|realis\w*|realiz\w*|enjoy\w*|also|just|really|actually|"
               r"don't|didn't|do|did|not|never|guess|suppose|'m|'ll|'d|have|has|had)")
_CUES: dict[str, re.Pattern[str]] = {
    "action": re.compile(rf"\b(?:i|we|i've|we've)\s+(?:(?:also|then|just|finally|first|"
                         rf"really|actually|have|had)\s+)?(?!{_NOT_ACTION}\b)[a-z]{{3,}}\b"
                         rf"|\b(?:i|we) (?:managed|decided|tried|had) to\b"
                         # "i did my first solo anaesthetic", "we did the stock count"
                         rf"|\b(?:i|we) (?:also |just |then |finally )?did (?:the|a|an|my|our|"
                         rf"all|some|his|her|their|both|every|\d+)\b", re.I),
    "result": re.compile(
        r"\b(?:as a result|in the end|finally|so that|which meant|it worked|worked out|"
        r"turned out|went (?:well|fine|badly|great)|resulted|success(?:ful|fully)?|"
        r"finished|completed|saved|reduced|increased|improved|solved|fixed|passed|won|"
        r"thanked|happy with|(?:was|were|left|felt|went home|looked) (?:so |really |very |super |"
        r"well )?(?:happy|pleased|relieved|satisfied|delighted|chuffed|thrilled)|"
        r"now (?:we|they|it|she|he)|outcome|"
        r"ended up|got (?:it|the|a)|launched|shipped|delivered|\d+\s?%|"
        r"(?:no|zero) (?:downtime|complaints|errors|issues|problems|leaks|mistakes)|"
        r"all green|(?:went|ran) smoothly|on time|"
        r"(?:test|trial) (?:drive|run) (?:clean|fine|ok))\b",
        re.I),
    "feelings": re.compile(
        r"\b(?:felt|feel|feeling|made me (?:feel|happy|proud|nervous|sad))\b|"
        r"\b(?:i|i'm|i’m|im|i am|i was|i got)\s+(?:so |really |very |a bit |quite |super )?"
        r"(?:nervous|proud|happy|frustrat\w*|stress\w*|anxious|excited|scared|afraid|glad|"
        r"relieved|annoyed|angry|upset|overwhelm\w*|confident|worried|tired|satisfied|"
        r"embarrass\w*)\b|\bi (?:enjoy\w*|loved|hated)\b", re.I),
    "learning": re.compile(
        r"\b(?:learn\w*|realis\w*|realiz\w*|discover\w*|found out|taught me|lesson|"
        r"understood|now i know|i know now|noticed that|showed me|it reminded me|"
        r"(?:i'?m|im|i am) getting better at|got better at)\b", re.I),
    "next_step": re.compile(
        r"\b(?:next time|next week|going to|gonna|plan to|planning to|will try|i'll|i will|"
        r"from now on|my goal|want to (?:try|practi[cs]e|get better|improve|learn)|"
        r"would like to)\b", re.I),
    "situation": re.compile(
        r"\b(?:at work|this week|last week|at the|at my|on (?:monday|tuesday|wednesday|"
        r"thursday|friday|saturday|sunday)|our team|my team|a customer|client|project|"
        r"when|yesterday|during|at school|in class|volunteer\w*|shift|meeting)\b", re.I),
}
_SKIP = re.compile(r"^\s*(?:skip|pass|next|no idea|dunno|i don'?t know|not sure|/skip)\W*$",
                   re.I)
# Words that answer without telling anything ("ok", "not really", "idk").
_FILLER = wordset("ok okay k kk fine good great yes yeah yep yup ya no nope nah sure "
                    "whatever meh hmm hm idk maybe not really much nothing alright cool well "
                    "so bad nice lol same true right kinda sorta perhaps thanks thx ty")
_SAVE = re.compile(r"^\W*save\W*$|\b(?:just save(?: it)?|save it|save this|that'?s (?:all|it)|"
                   r"done|nothing (?:else|more))\b|(?:^|\s)/save\b", re.I)


@dataclass
class Draft:
    """The reflection so far: the user's messages, answered and asked slots."""

    texts: list[str] = field(default_factory=list)
    slots: dict[str, str] = field(default_factory=dict)
    asked: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """All the user's words of this reflection, in order."""
        return "\n".join(self.texts)


@dataclass(frozen=True)
class Next:
    """What to do after a message: ask about a slot (with a mirror phrase) or save."""

    action: str  # "ask" | "save"
    slot: str | None = None
    mirror: str | None = None
    easy: bool = False  # the answer was one or two words: acknowledge it, ask something easier
    struggle: bool = False  # the message told a struggle: ask what could help, not how it went


def cues_in(sentence: str) -> list[str]:
    """The slots whose cue words appear in one sentence, in the policy's slot order; a
    sentence that opens with a past-tense verb ("replaced the clutch") tells an action."""
    # "also paired with our junior on her first PR": an adverb may come before the verb
    first = re.match(r"\W*(?:(?:also|then|finally|just|eventually|quickly|later)\s+)?"
                     r"([A-Za-z]+)", sentence, re.I)
    terse = bool(first and is_past_verb(first.group(1)))
    return [slot for slot, pattern in _CUES.items()
            if pattern.search(sentence) or (slot == "action" and terse)]


def detect_slots(text: str) -> dict[str, str]:
    """Map each slot the text fills to the user's own sentence that fills it; a sentence
    that only introduces the writer ("I'm Dorota, I run the night shift") fills none while
    another sentence tells the moment."""
    told = [s for s in split_sentences(text) if not introduction(s)] or split_sentences(text)
    found: dict[str, str] = {}
    for sentence in told:
        for slot in cues_in(sentence):
            found.setdefault(slot, sentence)
    if "situation" not in found and len(text.split()) >= 12:
        found["situation"] = told[0]
    return found


def split_sentences(text: str) -> list[str]:
    """Sentences of a text (on . ! ? and line breaks), stripped, none empty."""
    parts = re.split(r"(?<=[.!?])\s+|\n+", text.strip())
    return [p.strip() for p in parts if p.strip()]


def is_skip(message: str) -> bool:
    """True when the user wants to skip the current question."""
    return bool(_SKIP.match(message))


def is_short(message: str) -> bool:
    """True for a one-word answer, or two words that carry no content ("ok", "not really")."""
    words = re.findall(r"[\w']+", message.lower())
    return len(words) == 1 or (len(words) == 2 and all(w in _FILLER for w in words))


def _is_filler(message: str) -> bool:
    return all(w in _FILLER for w in re.findall(r"[\w']+", message.lower()))


def is_question(message: str) -> bool:
    """True for a question to the coach ("can you help me with my CV?"): it is never part of
    a growth moment, whatever else answers it."""
    return message.rstrip().endswith("?")


def wants_save(message: str) -> bool:
    """True when the user asks to save the reflection now."""
    return bool(_SAVE.search(message)) and len(message.split()) <= 8


def _struggle(sentence: str) -> bool:
    """Whether a sentence tells a struggle, avoidance or wish of the writer's own ("I still
    struggle with writing unit tests", "I keep avoiding the ordering") rather than a deed."""
    from tools.skills.polarity import growth_cue
    from tools.skills.tagging import OVERCOME

    # nerves told as overcome are no struggle ("i was nervous but my hands didnt shake")
    return growth_cue(sentence) is not None and not OVERCOME.search(sentence)


def update(draft: Draft, message: str, lang: str = "en") -> Next:
    """Add a message to the draft and decide the next step.

    Args:
        draft: the reflection so far; updated in place.
        message: the user's new message, verbatim.
        lang: the reflection's language; words in another than English are quoted as
            written, never turned to the second person by the English rules.

    Returns:
        ``Next("save")`` when the reflection is complete, the user asked to save, or two
        follow-ups were asked; otherwise ``Next("ask", slot, mirror)``, or
        ``Next("ask", slot, easy=True)`` (no mirror) after a one- or two-word answer or a
        question to the coach.
    """
    if wants_save(message):
        return Next("save")
    told = not is_skip(message) and not _is_filler(message) and not is_question(message)
    # a short answer, or a question to the coach, mid-reflection: no mirror of older words
    short = bool(draft.texts) and not is_skip(message) and (is_short(message) or
                                                            is_question(message))
    struggle = bool(message.strip() and told and _struggle(message))
    if message.strip() and told:
        draft.texts.append(message.strip())
        for slot, sentence in detect_slots(message).items():
            if slot == "action" and _struggle(sentence):
                continue  # "I still struggle with unit tests" is no deed done
            draft.slots.setdefault(slot, sentence)
    followups = len(draft.asked)
    if followups >= MAX_FOLLOWUPS:
        return Next("save")
    # a struggle told is met with what the person could try next, not "how did it turn out?"
    order = ("next_step", *[s for s in PRIORITY if s != "next_step"]) if struggle else PRIORITY
    missing = [s for s in order if s not in draft.slots and s not in draft.asked]
    core_done = all(s in draft.slots for s in ("action", "result", "learning")) or (
        # a struggle met with a plan ("gonna do the practice problems on the weekend") is
        # told whole: no "What was the first thing you did?" after it
        draft.asked[:1] == ["next_step"] and "next_step" in draft.slots
        and "action" not in draft.slots)
    if not missing or core_done or not draft.texts:
        return Next("save") if draft.texts else Next("ask", "situation", None)
    slot = missing[0]
    draft.asked.append(slot)
    if short:
        return Next("ask", slot, None, easy=True)
    latest = detect_slots(draft.texts[-1])
    latest_sentences = split_sentences(draft.texts[-1])
    anchor = (latest.get("action") or latest.get("situation") or
              next((s for s in latest_sentences if not introduction(s)), latest_sentences[0]))
    deed = next((x for x in latest_sentences if "action" in cues_in(x) and not _struggle(x)),
                None)
    # the question fits what is mirrored: a struggle or wish is met with what could help, and
    # when another slot is asked, a deed told beside it is mirrored ("I took the x-rays for 12
    # patients ... I want to learn more about orthodontic nursing" was asked "You said you want
    # to learn more about orthodontic nursing. How did it turn out?")
    struggle = struggle and (slot == "next_step" or deed is None)
    if struggle:  # the part that tells the struggle, not a deed beside it ("i print everything")
        hard = next((x for x in latest_sentences if _struggle(x)), anchor)
        anchor = next((x for x in re.split(r"\s*[,;]\s+", hard) if _struggle(x)), hard)
    elif deed is not None and _struggle(anchor):
        anchor = deed
    said = mirror(anchor) if lang == "en" else quoted(anchor)
    if said and is_skip(message) and lang == "en":
        # after "skip", another part of their words: the same ones again read as a loop ("You
        # said you had 3 agency lads no show ..." twice, with two questions)
        said = next((m for part in reversed(_PARTS.split(draft.texts[-1]))
                     if (m := mirror(part)) and m != said and not m.startswith("\u201c")), said)
    if not said:
        return Next("ask", slot, None, easy=True)
    return Next("ask", slot, said, struggle=struggle)


# where a message splits into parts one can mirror on their own
_PARTS = re.compile(r"(?<=[.!?])\s+|\s*[,;]\s+|\s+(?:and|so|but|then)\s+(?=(?:i|we|also|then)\b"
                    r"|[a-z]+ed\b)", re.I)
