"""STAR stories (Situation, Task, Action, Result, plus Learning) from the user's own facts.

Sections hold the user's sentences, each citing its fact (whose text stays verbatim), cleaned
of chat filler and told in the first person and the past tense (``tools.tense``: only verb
forms change, and only where the rules are sure). Action carries most of the weight (up to
four sentences). A section nothing supports is shown as a visible question
("Result: not stated yet. What changed?"), never filled in.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

import numpy as np
from pydantic import BaseModel, Field

from memory.embeddings import get_embedder
from prompts import render
from prompts.phrasebook import STORY_ASK, STORY_ASK_TAIL
from tools.facts import Fact, short
from tools.faithfulness import Segment
from tools.reflection import cues_in  # the reflection policy's own STAR cues
from tools.skills.mood import praise_received
from tools.skills.tagging import job_statement
from tools.skills.text import content_lemmas
from tools.story_events import split_events
from tools.story_text import clean
from tools.tense import to_past
from tools.understanding.commands import introduction, opens_with_introduction
from tools.understanding.parts import classify_parts

SECTIONS = ("situation", "task", "action", "result", "learning")
MIN_RELEVANCE = 0.4
LIMITS = {"situation": 2, "task": 2, "action": 4, "result": 2, "learning": 2}
# "had to" is a task ("Night shift had to pass 14 residents ...", "had to cover two bays"),
# not what was done to someone ("her cat had to be put to sleep") nor another's ("she had to")
_TASK = re.compile(r"(?<!\bhe )(?<!\bshe )(?<!\bthey )(?<!\bit )\b(?:had|needed|need) to\b"
                   r"(?! be (?!at|in|on|there|ready|back|up|done)\w)|"
                   r"\b(?:my (?:job|task|role|goal) (?:was|is)|"
                   r"(?:i was|we were) asked|asked (?:me|us) to|responsible for|in charge of|"
                   r"the goal was|our goal|assigned|supposed to|deadline|challenge was)\b", re.I)
# Outcomes told in plain or non-native English ("she can now walk alone", "left a good review").
_RESULT = re.compile(r"\b(?:now|afterwards|(?:in|at|by) the end|left a (?:good|great|positive)|"
                     r"review|calmer|safer|faster|more fast|alone|themselves|went up|went down|"
                     r"best|mark|grade|praised|thanked|said (?:it|the|my|that)|says? (?:the|my|it)|"
                     r"no (?:missing|lost|errors?|complaints?)|nobody lost)\b", re.I)
# A practice changed for good: "We now check the lift contract has a 2 hour callout", "from
# now on I ..."; not a result that holds now ("she can now walk alone", "we now have ...").
_NEW_PRACTICE = re.compile(r"\b(?:i|we) now (?!(?:have|had|am|are|is|was|were|got|"
                           r"get|can|could|know)\b)[a-z]+|\bfrom now on\b", re.I)
# Actions in the present tense, common in non-native English ("i make new plan").
_ACT = re.compile(r"\b(?:i|we)\s+(?:\w+\s+)?(?:make|build|help|explain|translate|teach|write|"
                  r"lead|organi[sz]e|plan|fix|run|train|show|take care|give|talk|handle|"
                  r"manage|sell|keep|negotiate|listen|sit|check|count|cook|clean|did)\b", re.I)
# "We had the audit", "I had my exam", "Got called to a leak": what happened, not a deed.
_HAD = re.compile(r"^\W*(?:(?:i|we)\s+had\s+(?:a|an|the|my|our|\d+|two|three|some|no)\b|"
                  r"(?:i |we )?got (?:called|asked|sent|told)\b)", re.I)
# Done to the thing, not by the writer: a past participle with no object, then when ("Approved
# on Thursday, just before the campaign", "Delivered by Friday"): an outcome.
_DONE_TO = re.compile(r"^\W*(?:(?:finally|all|then|and)\s+)?(?!(?:start|arriv|work|stay|mov|"
                      r"join|land|walk|stopp|travell|travel|pull|turn|head|show|clock|sign|"
                      r"check|log|switch|call|play|wait|help|volunteer|train|cover)ed\b)"
                      r"[a-z]+ed\s+(?:on|by|at|within|"
                      r"before|after|in time|last|yesterday|today|this|first time|no problem)\b",
                      re.I)
# A practice judged by how it worked: "Practising out loud twice really helped me".
_PRACTICE_WORKED = re.compile(r"^\W*[a-z]+ing\b[^.!?]{0,50}?\b(?:really |definitely |massively |"
                              r"so )?(?:helped(?: me| us)?|paid off|made (?:all )?the difference|"
                              r"works?|worked)\b", re.I)
_ABOUT = re.compile(r"^\s*(?:/story\b|(?:please\s+)?(?:can you\s+)?(?:write|draft|make|tell)"
                    r"(?:\s+me)?\s+(?:a|an|my|the)?\s*(?:star\s+)?story)\s*(?:about|on|of|"
                    r"for)?\s*", re.I)


class StoryLine(BaseModel):
    """One sentence of a section (the user's words, chat filler removed, in the past tense) and
    its fact (the verbatim sentence it was made from)."""

    text: str
    fact_id: str


class StoryDraft(BaseModel):
    """A drafted STAR+L story: sections of cited sentences; missing ones become questions."""

    title: str
    title_fact: str | None = None
    about: str = ""
    sections: dict[str, list[StoryLine]] = Field(default_factory=dict)
    missing: list[str] = Field(default_factory=list)
    item_ids: list[str] = Field(default_factory=list)
    credentials: list[StoryLine] = Field(default_factory=list,
                                         description="supporting credentials")

    @property
    def completeness(self) -> float:
        """Share of the five sections that the user's own words fill."""
        return round(sum(1 for s in SECTIONS if self.sections.get(s)) / len(SECTIONS), 2)

    def texts(self) -> dict[str, str]:
        """Section name -> the section's sentences joined (empty when missing)."""
        return {s: " ".join(line.text for line in self.sections.get(s, [])) for s in SECTIONS}

    def citations(self) -> dict[str, list[str]]:
        """Section name -> the fact ids it cites."""
        return {s: [line.fact_id for line in self.sections.get(s, [])] for s in SECTIONS}


def topic(message: str) -> str:
    """What a story request is about: "write a story about the migration" -> "the migration"."""
    asked = STORY_ASK.match(message or "")
    if asked:
        said = asked.group("about") or asked.group("what") or asked.group("said") or ""
        return STORY_ASK_TAIL.sub("", said).strip()
    return _ABOUT.sub("", message or "").strip(" .?!") or ""


def _wish_or_struggle(sentence: str) -> bool:
    """Whether a sentence opens with the writer's wish or struggle (its first clause holds a
    growth cue of theirs: "I want to get better at ...", "still rubbish at ...")."""
    from tools.skills.polarity import growth_cue

    first = re.split(r"[,;:]\s|\s(?:but|because|so)\s", sentence, maxsplit=1)[0]
    return growth_cue(first) is not None


# Doubt about one's own deed ("not sure i said the right things") is no part of the story.
_DOUBT = re.compile(r"^\W*(?:(?:i'?m|i am)\s+)?(?:not sure|unsure|no idea)\b|"
                    r"^\W*i (?:don'?t|do not) know (?:if|whether)\b|^\W*i (?:wonder|hope)\b",
                    re.I)


def section_of(sentence: str, first: bool) -> str | None:
    """The STAR+L section a sentence belongs to (None for feelings-only or filler)."""
    if _DOUBT.search(sentence):
        return None
    if praise_received(sentence):
        return "result"  # "Paramedics said I did the right thing keeping him warm"
    cues = set(cues_in(sentence))
    if _RESULT.search(sentence):
        cues.add("result")
    if _ACT.search(sentence):
        cues.add("action")
    if _HAD.search(sentence):
        cues.discard("action")
        cues.add("situation")
    if "learning" in cues or _NEW_PRACTICE.search(sentence) or _PRACTICE_WORKED.search(sentence):
        return "learning"
    if _DONE_TO.search(sentence):
        return "result"
    if _wish_or_struggle(sentence):
        # "i want to get better at estimating, my tickets always take twice as long as i
        # say" is no deed ("i say" read as one): what the writer would change, or nothing
        return "learning" if "next_step" in cues else None
    if _TASK.search(sentence):
        return "task"
    if "result" in cues and "action" not in cues:
        return "result"
    if "action" in cues:
        return "action+result" if "result" in cues else "action"
    if "next_step" in cues:
        return "learning"
    if "situation" in cues or first:
        return "situation"
    return None


def _stems(text: str) -> set[str]:
    return {w[:5] for w in content_lemmas(text) if len(w) >= 4}


def _item_scores(facts: list[Fact], about: str) -> dict[str, float]:
    """Relevance of each item to the topic: best sentence similarity, plus 0.25 per shared
    word stem ("migration" and "migrate" share one); below ``MIN_RELEVANCE`` means unrelated."""
    if not facts:
        return {}
    if not about:
        return {f.item_id: 0.0 for f in facts}
    vecs = get_embedder().embed([f.text for f in facts])
    sims = vecs @ get_embedder().embed_one(about)
    words = _stems(about)
    scores: dict[str, float] = defaultdict(float)
    for f, sim in zip(facts, np.asarray(sims).tolist(), strict=True):
        overlap = len(words & _stems(f.text))
        scores[f.item_id] = max(scores[f.item_id], float(sim) + 0.25 * overlap)
    return dict(scores)


def choose_items(facts: list[Fact], about: str = "", picked: list[str] | None = None
                 ) -> list[str]:
    """The items a story is drafted from: the user's pick, the best match, or the richest.

    Returns:
        Item ids (the best reflection or story, and a matching credential); empty when
        nothing the user wrote is about the topic.
    """
    owned = {f.item_id for f in facts}
    if picked:
        return [i for i in picked if i in owned]
    pool = [f for f in facts if f.kind in ("reflection", "story")]
    if about:
        scores = _item_scores(pool, about)
        ranked = sorted(scores, key=lambda i: -scores[i])
        if not ranked or scores[ranked[0]] < MIN_RELEVANCE and not _stands_out(scores, ranked):
            return []
        # One experience per story keeps it coherent; among close matches, the richest.
        floor = min(MIN_RELEVANCE, scores[ranked[0]])  # a match that stands out may be lower
        close = [i for i in ranked if scores[i] >= max(floor, scores[ranked[0]] - 0.25)]
        chosen = [max(close, key=lambda i: (_richness(facts, i), scores[i]))]
        creds = _item_scores([f for f in facts if f.kind == "credential"], about)
        best = max(creds, key=lambda i: creds[i], default=None)
        if best and creds[best] >= MIN_RELEVANCE + 0.1:
            chosen.append(best)
        return chosen
    richness = {f.item_id: (_richness(pool, f.item_id), f.date) for f in pool}
    return [max(richness, key=lambda i: richness[i])] if richness else []


ALONE_MIN = 0.3  # a best match this close counts when it stands out from all the others
ALONE_MARGIN = 0.15


def _stands_out(scores: dict[str, float], ranked: list[str]) -> bool:
    """Whether the best item is the only one near the topic ("the shoplifters" and "caught two
    lads nicking perfume from boots ...", 0.38, against 0.18 for the next)."""
    best = scores[ranked[0]]
    runner = scores[ranked[1]] if len(ranked) > 1 else 0.0
    return best >= ALONE_MIN and best - runner >= ALONE_MARGIN


def _richness(facts: list[Fact], item: str) -> int:
    """How many STAR+L sections an item's sentences fill."""
    return len(draft(facts, picked=[item], learned=False).sections)


def _one_event(mine: list[Fact], about: str) -> list[Fact]:
    """The sentences of the one event a story tells: the event closest to the topic, or
    the richest (see :mod:`tools.story_events`)."""
    events = split_events(mine)
    if len(events) < 2:
        return mine
    if about:
        scores = [max(_item_scores([Fact(**{**f.model_dump(), "item_id": str(k)})
                                    for f in ev], about).values()) for k, ev in enumerate(events)]
        return events[int(np.argmax(scores))]
    return max(events, key=lambda ev: (len({section_of(f.text, False) for f in ev} - {None}),
                                       len(ev)))


def _slots(texts: list[str], learned: bool) -> list[str | None]:
    """The STAR+L section of each sentence: the cue rules first; where they are silent,
    the reflection-part classifier (``tools.understanding.parts``); where both are, the
    order of a told story (before the first action: the situation; after it: the result)."""
    cues = [section_of(t, False) for t in texts]
    # a struggle or wish told beside the story ("terraform state still confuses me, I broke
    # the plan twice") is no part of it, wherever it stands: never the result
    apart = {i for i, (t, c) in enumerate(zip(texts, cues, strict=True))
             if c is None and _wish_or_struggle(t)}
    silent = [i for i, c in enumerate(cues) if c is None and i not in apart]
    if learned and silent:
        for i, part in zip(silent, classify_parts([texts[i] for i in silent]), strict=True):
            slot = "learning" if part.slot == "next_step" else part.slot
            cues[i] = slot if slot in LIMITS else None
    from tools.skills.mood import clause_mood

    acted = False
    for i, cue in enumerate(cues):
        if acted and cue == "situation" and i in silent:
            cue = None  # what the classifier reads as a scene, told after the deed
        if acted and cue in ("situation", None) and _plain(texts[i]) and (
                clause_mood(re.split(r"[,;]\s", texts[i], maxsplit=1)[0]) == "other"
                or (cue == "situation" and not _HAD.search(texts[i]))):
            # "He calmed down and even said thanks when he left."; "Site went live thursday
            # night and they sold 400 orders on Friday": in one event, what follows the deed
            # is its outcome, whatever day it names
            cue = "result"
        if cue is None and i not in apart:
            cue = ("result" if acted else "situation") if _plain(texts[i]) else None
        cues[i] = cue
        acted = acted or cue in ("action", "action+result")
    return cues


_DETERMINERS = {"the", "a", "an", "my", "our", "this", "that", "about", "re"}


def _names_topic_only(text: str, about: str) -> bool:
    """A line that only announces the topic ("So the migration.") tells no part of it."""
    words = set(re.findall(r"[a-z0-9']+", text.lower()))
    return bool(about) and words <= set(re.findall(r"[a-z0-9']+", about.lower())) | _DETERMINERS


def _plain(text: str) -> bool:
    """A sentence that tells something (not a feeling about it: "I am happy for this")."""
    return not _DOUBT.search(text) and not re.match(
        r"^\W*(?:i(?:'m| am| was| felt| feel)|that felt|felt|so) \w*\s*(?:happy|sad|nervous|"
        r"tired|proud|glad|good|great|bad|stressed|angry|relieved|super|really|very|so)\b",
        text, re.I)


# when it happened, by the writer's coming or going: "before i arrived", "as we got there"
_WHEN_I = re.compile(r"\s*\b(?:before|after|when|until|till|as|by the time)\s+(?:i|we)\s+"
                     r"(?:got|get|arrived|arrive|came|come|walked|went|left|turned up|"
                     r"started|clocked)\b[^,;]*", re.I)
# where the writer's own deed starts after a scene: ", I did", " so I escalated", "; we"
_WRITER_STARTS = re.compile(r"(?:[,;]|\s-|\s+(?:and\s+)?so|\s+and|\s+then|\s+but)\s+(?=(?:i|we)\s+"
                            r"(?!(?:was|were|am|'m|felt|feel|think|thought)\b)\w)", re.I)


def _split_scene(text: str) -> tuple[str, str] | None:
    """A sentence that opens with the scene and then tells the writer's deed, split in two
    ("A boy called Jayden wouldnt sit down so I sat next to him ..." -> "A boy called Jayden
    wouldnt sit down." and "I sat next to him ..."); None when it opens with the writer."""
    from tools.skills.mood import clause_mood, not_a_deed

    for found in _WRITER_STARTS.finditer(text):
        head = text[:found.start()].strip(" ,;-")
        if found.start() == 0 or len(head.split()) < 3:
            continue
        # the writer only as when it happened: "Mr T fell in the bathroom before i arrived"
        scene = _WHEN_I.sub("", head).strip(" ,;-")
        if re.search(r"\b(?:i|i'm|i've|we|we're)\b", scene, re.I) and \
                clause_mood(scene) != "other":
            return None  # the writer is already at work in the opening words
        if clause_mood(scene) != "other" and not not_a_deed(scene):
            return None  # ("one of my patients NEWS went from 2 to 6" is no deed of theirs)
        deed = text[found.end():].strip()
        if len(deed.split()) < 3:
            return None
        return head.rstrip(".!?") + ".", deed[0].upper() + deed[1:]
    return None


# someone else's answer after the writer's deed: ", he got 8 out of 10", ", the store
# manager wants it every monday now", " and she left happy"
# when it came, before who did it: "after 10 minutes he came back and finished his work"
_LEAD = (r"(?:after (?:a |an |\d+ |about |half )?(?:\w+ )?(?:minutes?|mins?|hours?|days?|while)|"
         r"(?:an? |\d+ )?(?:minutes?|mins?|hours?) later|in the end|eventually|by (?:lunch|"
         r"lunchtime|the end of (?:the )?\w+|then|\d+(?:am|pm)?))\b,?\s*")
_LEAD_TIME = re.compile("^" + _LEAD, re.I)
_THEIR_TURN = re.compile(r",\s+(?:and\s+|so\s+|now\s+)?(?=(?:" + _LEAD + r")?(?:he|she|they|the|"
                         r"my|our|his|her|their|everyone|nobody|it)\b)", re.I)


# ... or joined by "and" at the end: "..., we turned up the oxygen and she was fine"
_AND_THEIR_TURN = re.compile(r"\s+(?:and|so)\s+(?=(?:he|she|they|it|everyone|everybody|"
                             r"the (?:\w+ )?\w+)\s+(?:was|were|is|are|got|made|went|came|felt|"
                             r"looked|seemed|left|recovered|survived|pulled|passed|loved|"
                             r"thanked|said|settled|calmed|stabilised|stabilized|woke|smiled|"
                             r"laughed|agreed|signed|bought|booked)\b)", re.I)


# what held despite the trouble, after the deed: "... and we still finish wave before 4am"
_STILL = re.compile(r",?\s+(?:and|but)\s+(?=(?:we|i)\s+still\s+\w)", re.I)


def _split_result(text: str) -> tuple[str, str] | None:
    """A sentence that tells the writer's deed and then what others did or what came of it,
    split in two (the action, the result); None when the last part is the writer's own or
    says nothing of an outcome."""
    from tools.skills.mood import clause_mood

    if not re.match(r"\W*(?:(?:this|last) \w+,? |on \w+,? |then |so |also )?(?:i|we)\b", text,
                    re.I) and not re.match(r"\W*(?:(?:also|then|finally|just) )?[A-Za-z]+ed\b",
                                           text, re.I):
        return None  # the sentence does not open with the writer's deed
    still = _STILL.search(text)
    if still and len(text[:still.start()].split()) >= 4 and \
            len(text[still.end():].split()) >= 3:  # "..., and we still finish wave before 4am"
        rest = text[still.end():].strip()
        return text[:still.start()].strip().rstrip(".!?,") + ".", rest[0].upper() + rest[1:]
    found = list(_THEIR_TURN.finditer(text)) + list(_AND_THEIR_TURN.finditer(text))
    if not found:
        return None
    cut = max(found, key=lambda m: m.start())  # the last turn in the sentence
    deed, outcome = text[:cut.start()].strip(), text[cut.end():].strip()
    # when it came is not who did it: "after 10 minutes he came back and finished his work"
    core = _LEAD_TIME.sub("", outcome)
    if len(deed.split()) < 4 or len(outcome.split()) < 3 or clause_mood(core) != "other" \
            and not re.match(r"(?:it|the)\b", core, re.I):
        return None
    if re.match(r"(?:it|the)\b", core, re.I) and re.search(r"\b(?:i|we|me|my)\b", core, re.I):
        return None
    return deed.rstrip(".!?,") + ".", outcome[0].upper() + outcome[1:]


def draft(facts: list[Fact], about: str = "", picked: list[str] | None = None,
          learned: bool = True) -> StoryDraft:
    """Draft a STAR+L story from the user's facts.

    Args:
        facts: the user's facts (see ``tools.facts.facts_for``).
        about: the topic in the user's words (may be empty: the coach proposes the richest).
        picked: item ids the user chose (overrides the topic).
        learned: let the reflection-part classifier place sentences the cue rules leave
            unplaced (off when only counting how rich an item is).

    Returns:
        The draft; ``item_ids`` is empty when nothing matched the topic.
    """
    items = choose_items(facts, about, picked)
    story = StoryDraft(title="", about=about, item_ids=items)
    if not items:
        story.missing = list(SECTIONS)
        return story
    sections: dict[str, list[StoryLine]] = defaultdict(list)
    for item in items:
        mine = [f for f in facts if f.item_id == item]
        if mine and mine[0].kind == "credential":
            mark = " (verified)" if mine[0].verified else ""
            story.credentials.append(StoryLine(text=mine[0].text + mark, fact_id=mine[0].id))
            continue
        if mine and mine[0].kind == "story":
            lines = [(f, f.text, f.slot) for f in mine]
        else:
            # filler or a bare feeling ("ugh long week") is not a story line, nor the
            # writer introducing themselves ("I'm Dorota, I run the night shift") or
            # saying their job ("I work as barista in a coffee shop, now 2 years": told in
            # the past it would say they left)
            kept = [(f, text) for f in _one_event(mine, about)
                    if (text := clean(f.text)) and not _names_topic_only(text, about)
                    and not introduction(text) and not opens_with_introduction(text)
                    and not job_statement(text)]
            lines = [(f, to_past(t, slot), slot) for (f, t), slot in
                     zip(kept, _slots([t for _, t in kept], learned), strict=True)]
        for f, text, where in lines:
            if where == "action+result":
                where = "result" if sections["action"] and not sections["result"] else "action"
            if where in LIMITS and len(sections[where]) < LIMITS[where]:
                sections[where].append(StoryLine(text=text, fact_id=f.id))
    if not sections["situation"] and sections["action"]:
        scene = _split_scene(sections["action"][0].text)
        if scene:  # "Mr H's sats dropped to 86%, I did a full set of obs": the scene, then
            first = sections["action"][0]  # the deed, both from the same sentence
            sections["situation"] = [StoryLine(text=scene[0], fact_id=first.fact_id)]
            sections["action"][0] = StoryLine(text=scene[1], fact_id=first.fact_id)
    if not sections["action"]:
        for k, line in enumerate(sections["situation"]):
            scene = _split_scene(line.text)
            if scene:  # "Today client come with box dye disaster, ..., I did colour
                # correction 4 hours": told as one scene, the writer's deed is the Action
                sections["situation"][k] = StoryLine(text=scene[0], fact_id=line.fact_id)
                sections["action"] = [StoryLine(text=scene[1], fact_id=line.fact_id)]
                break
    for n in reversed(range(len(sections["action"])) if not sections["result"] else ()):
        line = sections["action"][n]
        outcome = _split_result(line.text)
        if outcome:  # "I did the sums with him with counters, he got 8 out of 10": the deed,
            sections["action"][n] = StoryLine(text=outcome[0], fact_id=line.fact_id)
            sections["result"] = [StoryLine(text=outcome[1], fact_id=line.fact_id)]
            break  # (the last deed that tells its outcome)
    story.sections = {s: sections[s] for s in SECTIONS if sections.get(s)}
    story.missing = [s for s in SECTIONS if not sections.get(s)]
    if not story.sections:  # only a credential, or nothing but filler: nothing to tell yet
        return story
    lead = (sections.get("action") or sections.get("situation") or
            next(iter(story.sections.values())))[0]
    story.title, story.title_fact = short(lead.text, 70), lead.fact_id
    return story


def blocks(story: StoryDraft) -> list[list[Segment]]:
    """The story as lines of segments, for rendering and for the faithfulness check."""
    if not story.item_ids:
        return [[Segment(text=render("story_not_found"), role="meta")]]
    out = [[Segment(text=f"**{render('story_title')} {story.title}**",
                    cites=[story.title_fact or ""])]]
    for name in SECTIONS:
        label = f"**{render(f'story_section_{name}')}:**"
        lines = story.sections.get(name)
        if lines:
            out.append([Segment(text=f"{label} {lines[0].text}", cites=[lines[0].fact_id]),
                        *[Segment(text=li.text, cites=[li.fact_id]) for li in lines[1:]]])
        else:
            out.append([Segment(text=f"{label} {render(f'story_question_{name}')}",
                                role="question")])
    for cred in story.credentials:
        out.append([Segment(text=f"**{render('story_backed_by')}**", role="heading"),
                    Segment(text=cred.text, cites=[cred.fact_id])])
    return out


def to_dict(story: StoryDraft) -> dict[str, Any]:
    """JSON-ready story with its completeness."""
    return {**story.model_dump(), "completeness": story.completeness}
