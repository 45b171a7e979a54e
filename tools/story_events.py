"""One event per story: a reflection or a week that tells two events is split by meaning.

A new event starts at a sentence that moves to another time or topic ("Thursday totally
different thing, ...", "Also parents evening on Thursday", "Separately my laptop died")
or whose meaning is far from the event so far (sentence embeddings). A sentence that goes
on with the same people or thing ("He calmed down", "They signed for six months") stays.
The story is drafted from the event closest to the topic, or the richest one.
"""

from __future__ import annotations

import re

import numpy as np

from memory.embeddings import get_embedder
from tools.facts import Fact

_DAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
# A sentence that opens on another time or another matter starts a new event.
_SHIFT = re.compile(
    rf"^\W*(?:(?:and |but )?then,? (?:on )?{_DAY}|(?:on |last |this )?{_DAY}\b|also\b|"
    r"oh and\b|plus\b|(?:in )?other news|separately|meanwhile|another thing|"
    r"(?:a )?different (?:thing|story)|midweek|mid-week|at work (?:on|this)|back (?:in|at) "
    r"(?:the )?(?:office|work|base)|(?:the )?rest of the (?:week|day)|(?:the )?next day|"
    r"later that week|(?:on )?the weekend|(?:\w+ ){0,2}(?:before|after) that\b|"
    # "Week two was quieter", "wk3 rain all week", "Second week ...": another week's story
    r"(?:week|wk)\s*(?:\d|one|two|three|four|five)\b|(?:first|second|third|fourth|last|"
    r"next) week\b)", re.I)
# Someone new arrives ("a customer came in with a prescription ...", "a man rang about ..."):
# a new event once the writer has already told a deed of their own (after "Saturday was mad
# busy in the salon." it is how the event begins)
_ARRIVES = re.compile(r"^\W*(?:a|an|one|another) (?:[\w-]+ ){1,3}(?:came in|walked in|came up to|"
                      r"rang|called|phoned|turned up|showed up|arrived|came to|(?:was|were) "
                      # "one customer was shouting because ...": a scene of its own begins
                      r"(?!(?:a|an|the|my|our|very|really|so|just)\b)[a-z]+ing|"
                      # "One patient was angry because his medicine was owing": a scene begins
                      r"(?:was|were|got) (?:really |very |so |quite )?(?:angry|upset|furious|"
                      r"annoyed|confused|rude|unhappy|worried|scared|frightened|distressed|"
                      r"aggressive|abusive|in tears|lost|stuck))\b", re.I)
# How the writer is now, told after the event ("honestly i am bad with the cash at closing",
# "I still struggle with the rota app"): a growth note of its own, not the event's next step
_SELF_NOW = re.compile(
    r"^\W*(?:(?:honestly|tbh|ngl|but|and|also|still|to be honest)\W+)*(?:i'?m|i am|im)\s+"
    r"(?:(?:still|really|so|quite|pretty|just|a bit|kind of|kinda|very)\s+)*(?:bad|not (?:good|"
    r"great|confident|sure)|rubbish|terrible|awful|hopeless|useless|slow|weak|crap|unsure)\b|"
    r"^\W*(?:(?:honestly|tbh|ngl|but|and|also|to be honest)\W+)*i\s+(?:still\s+)?(?:struggle|"
    r"need to (?:get better|improve|learn|work on)|(?:do ?n[o']?t|dont) know how)\b", re.I)
_WRITER_DID = re.compile(r"\b(?:i|we)\b", re.I)
# A sentence that goes on with what came before stays in its event.
_GOES_ON = re.compile(r"^\W*(?:he|she|they|it|this|that|we|everyone|all|by|after|afterwards|"
                      r"in the end|so|because|but|and|then|only|zero|no)\b", re.I)
APART = 0.06  # below this similarity to the event so far, a sentence starts a new event
# "I also ..." adds one more thing done; it starts a new event when its meaning is not close to
# the event so far ("built my first dashboard ..." then "I also cleaned a messy csv ...")
_ALSO = re.compile(r"^\W*(?:i|we) (?:\w+ )?also\b", re.I)
ALSO_APART = 0.12


def split_events(facts: list[Fact]) -> list[list[Fact]]:
    """The sentences of one item, grouped into events, in order.

    Args:
        facts: one reflection's (or week's) sentences, in order.

    Returns:
        The events: runs of consecutive sentences about one thing (one event when the
        item tells one).
    """
    if len(facts) < 2:
        return [facts] if facts else []
    # two sentences split only where the second says it moves on ("also taught ..."); with
    # three or more, meaning can tell a new event too
    meaning = len(facts) > 2 or any(_ALSO.search(f.text) for f in facts[1:])
    vecs = np.asarray(get_embedder().embed([f.text for f in facts])) if meaning else None
    events: list[list[int]] = [[0]]
    for i in range(1, len(facts)):
        text = facts[i].text
        shift = _SHIFT.search(text) is not None or (
            (_ARRIVES.search(text) is not None or _SELF_NOW.search(text) is not None)
            and any(_WRITER_DID.search(facts[j].text) for j in events[-1]))
        far = False
        if vecs is not None:
            so_far = vecs[events[-1]].mean(axis=0)
            sim = float(vecs[i] @ so_far / (np.linalg.norm(so_far) + 1e-9))
            far = (sim < APART and not _GOES_ON.search(text) and len(facts) > 2) or \
                (sim < ALSO_APART and _ALSO.search(text) is not None)
        if not shift and not _GOES_ON.search(text):
            shift = _another_day(text, [facts[j].text for j in events[-1]])
        if shift or far:
            events.append([i])
        else:
            events[-1].append(i)
    _lessons_home(facts, events)
    return [[facts[i] for i in ev] for ev in events]


# A lesson said as a label ("Lesson: the camera paid for itself in one job.") closes the week's
# story about what it names, wherever it was written.
_LESSON = re.compile(r"^\W*(?:(?:the |my |big |main )?(?:lesson(?: learn[te]d)?|learn[te]d|"
                     r"takeaway|moral(?: of the story)?|note to self)\s*[:\-–]\s*)", re.I)


def _lessons_home(facts: list[Fact], events: list[list[int]]) -> None:
    """Move a labelled lesson, or an "I also ..." deed, to the earlier event whose sentences
    share most of its words, when its own event shares fewer (in place; an event left empty
    is dropped): "I also wrote the deviation report for the autoclave" goes with Monday's
    failed autoclave, not with Wednesday's training told just before it."""
    from tools.skills.text import content_lemmas

    def matter(text: str) -> set[str]:  # "one", "say" name no matter of their own
        return {w for w in content_lemmas(text) if len(w) >= 4}

    for k in range(1, len(events)):
        for i in list(events[k]):
            if not (_LESSON.match(facts[i].text) or _ALSO.search(facts[i].text)):
                continue
            words = matter(_LESSON.sub("", facts[i].text))
            own = max((len(words & matter(facts[j].text)) for j in events[k]
                       if j != i), default=0)
            best, home = max(((len(words & matter(" ".join(facts[j].text
                                                                      for j in events[e]))), e)
                              for e in range(k)), default=(0, k))
            if best > own:
                events[k].remove(i)
                events[home] = sorted([*events[home], i])
    events[:] = [ev for ev in events if ev]


_DAY_NAMED = re.compile(rf"\b({_DAY}|yesterday|tonight|last night|this morning)\b", re.I)
# a sentence that tells its own why and what ("X was sick so I ran ...", "... because Priya
# was off")
_OWN_SCENE = re.compile(r"\b(?:so|because|as|since)\s+(?:i|we)\b|\bbecause of\b|"
                        r"\b(?:because|as|since)\s+(?:\w+\s+){1,3}(?:was|were)\b", re.I)


def _another_day(text: str, event: list[str]) -> bool:
    """Whether a sentence tells a scene of its own on a day that the event so far, which
    names its own, does not ("... for a wedding on saturday" then "The sous chef was sick
    so I ran the pastry section alone on sunday"); "Closed it on Wednesday" after "Started
    the audit on Monday" goes on with the same work."""
    said = {d.lower() for t in event for d in _DAY_NAMED.findall(t)}
    new = {d.lower() for d in _DAY_NAMED.findall(text)}
    return bool(said and new and not new & said and _OWN_SCENE.search(text)
                and not _BACK.match(text))


# "Closed it on Wednesday ...": the opening words point back to the event so far
_BACK = re.compile(r"^\W*(?:\S+\s+){0,3}?(?:it|them|those|these)\b", re.I)
