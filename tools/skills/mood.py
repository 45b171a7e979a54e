"""Whose action a clause reports, and whether it reports one at all.

A shown skill must come from something the writer did: not from a question ("how do I do
pivot tables?"), a request ("can someone show me"), or another person's action ("my manager
ran the meeting"). Rules over the sentence and the clause that holds the evidence; diary
style without a subject ("Wrote tests for the parser") counts as the writer's own.

``set_part_reader`` is the seam for a reflection-part classifier (issue 13,
``tools/understanding``): a callable ``sentence -> part label`` ("Experience", "Feeling",
"Difficulty", "Intention", ...). When one is set, its label for the sentence decides between
demonstrated and growth where it is sure; the rules stay the fallback.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from typing import Literal

from tools.skills.people import PEOPLE
from tools.tense_words import words

Mood = Literal["mine", "question", "request", "other"]
PartReader = Callable[[str], "str | None"]

_QUESTION_START = re.compile(
    r"^\s*(?:how|which|why|where|what (?:do|does|is|are|should|would|can)|anyone|"
    r"any (?:tips|idea|ideas|advice)|"
    r"(?:should|shall|can|could|would|do|does|did|is|are|am|will) (?:i|we|you|it|there|"
    r"anyone|someone|people))\b", re.IGNORECASE)
_REQUEST = re.compile(
    r"\b(?:can|could|would) (?:you|someone|somebody|anyone) (?:please |pls )?"
    r"(?:show|help|teach|explain|tell|do)\b|\bplease (?:show|help|teach|explain)\b",
    re.IGNORECASE)
_FIRST_PERSON = re.compile(r"\b(?:i|i'm|im|i've|ive|i'd|i'll|me|we|we're|we've|us|myself)\b",
                           re.IGNORECASE)
# the writer as the one who acts (not "me" / "us", who may be the object of another's deed)
_FIRST_PERSON_SUBJECT = re.compile(r"\b(?:i|i'm|im|i've|ive|i'd|i'll|we|we're|we've|myself)\b",
                                   re.IGNORECASE)
# someone shows, teaches or asks the writer, who then learns or does it: the writer's own
TAUGHT_ME = re.compile(r"\b(?:show(?:ed|s)?|taught|teach(?:es)?|train(?:ed|s)?|help(?:ed|s)?|"
                        r"explain(?:ed|s)?|coach(?:ed|es)?|mentor(?:ed|s)?|walk(?:ed|s)?) "
                        r"(?:me|us)\b|\bma(?:de|kes?) (?:me|us) (?!(?:a|an|the|some|my|our|his|"
                        r"her|this|that|one|feel|cry|laugh|smile)\b)\w+|"
                        r"\b(?:ask(?:ed|s)?|got|had|want(?:ed|s)?|let) (?:me|us) "
                        r"(?:to )?\w+", re.IGNORECASE)
# a clause that only asks the writer's boss for something, or applies for it ("I asked my
# supervisor for a training", "asked for help with the rota", "applied for the lead role"):
# what is asked for is not done
ASKED_FOR = re.compile(
    r"\W*(?:(?:i|we)\s+)?(?:(?:also|then|just|finally)\s+)?(?:(?:asked|requested|begged)"
    r"(?:\s+(?:my|the|our|a|an)\s+(?:[\w'-]+\s+)?(?:supervisor|manager|boss|lead|leader|"
    r"employer|company|hr|senior|mentor|teacher|tutor|trainer|work|office))?|applied)\s+for\b",
    re.I)
# words that follow a role as part of its name, not as its verb ("team leader", "nurse manager")
_ROLE_NOUNS = words("in on at of and or team shift nurse manager lead leader service care support "
                    "relations contact account order orders visit review record report file "
                    "base list needs focus experience journey")
# "my manager ...", "the new chef ...", "she ...", "head chef ...", "students presented ...";
# not "you" or "our team" (job ads and credentials speak so), not a verb-first diary clause
_OTHER_SUBJECT = re.compile(
    r"^\s*(?:(?:he|she|they|someone|somebody|everyone|everybody|nobody)\b|"
    # "one of my SEN kids, Leo, had a meltdown"
    r"(?:one|two|some|all|most|none|a few|both) of (?:my|our|the|his|her|their)\s+(?:\w+\s+){0,2}?"
    r"(?:" + PEOPLE + r"s?|children|people|men|women|folks)\b|"
    r"(?:my|our|the|his|her|their|a|an|this|that|some|two|three|\d+)\s+(?:\w+\s+){0,2}?"
    r"(?:" + PEOPLE + r"s?|children|people|men|women|folks)\b|"
    r"(?:head|sous|tech|team|line|shift|store|area|deputy|assistant|charge|senior|junior|"
    r"new|other)\s+" + PEOPLE + r"\b|" + PEOPLE + r"\s+\w+ed\b)", re.IGNORECASE)

# someone present, not a deed: "we had an ofsted inspector in the room", "had a new client in"
_HAD_PERSON = re.compile(r"^\s*(?:(?:also|then|and|so)\s+)?(?:(?:i|we)\s+)?(?:(?:also|then)\s+)?"
                         r"had\s+(?:a|an|the|\d+|two|three|some|my|our)\s+"
                         r"(?:[\w-]+\s+){0,2}?" + PEOPLE + r"s?\b", re.IGNORECASE)
_BARE_ROLE = re.compile(r"^\s*" + PEOPLE + r"\s+([a-z]+)\b", re.IGNORECASE)
# a role and a capitalised name open the clause: "Charge nurse Becky did the handover",
# "My daughter Ffion did the post", "Restaurant manager Claire take the complaint"
_ROLE_NAME = re.compile(r"^\s*(?:(?:[Mm]y|[Oo]ur|[Tt]he|[Hh]is|[Hh]er|[Tt]heir)\s+)?"
                        r"(?:[A-Za-z]+\s+){0,2}?(?i:" + PEOPLE + r")\s+[A-Z][a-z]+\b")
_ADVERBS = r"(?:finally|also|just|then|already|eventually|actually|kindly|quickly|even|" \
           r"basically|apparently|luckily|suddenly|only|literally|somehow|single-handedly)"
# a capitalised name and a past verb: "Leanne showed the new girl", "Mags on the desk sorted",
# "Tomasz, the new apprentice, wired ...", "Dev finally fixed ..."
_NAME_VERB = re.compile(r"^\s*([A-Z][a-z]+)\s*(?:,\s+(?:[\w'-]+\s+){1,4}?[\w'-]+,\s*|\s+)"
                        r"(?:(?:on|from|at|in) the \w+\s+)?(?:" + _ADVERBS + r"\s+)?([a-z]+)\b")
# a role "of" something, a team or a department acting as one: "our head of department built",
# "director of nursing Maureen ran", "payroll caught it", "HR sorted the contracts"
_ROLE_OF = re.compile(
    r"^\s*(?:(?:my|our|the|his|her|their)\s+)?(?:(?:head|director|chief|vp|manager|lead|"
    r"dean|chair)\s+of\s+(?:[\w&-]+\s+){1,2}?(?:[A-Z][a-z]+\s+)?|"
    r"(?:payroll|finance|accounts|legal|procurement|compliance|management|head office|"
    r"the council|the office|it support|the it team|security|the board)\s+)"
    r"(?:" + _ADVERBS + r"\s+)?(?:were|was|have|has|had|did|\w+ed|took|made|gave|ran|got|"
    r"sent|told|caught|built|wrote|found|said|sorted)\b", re.IGNORECASE)
# the deed given to someone by name: "it was Kelly who spotted it", "payroll were the ones who"
_THE_ONE_WHO = re.compile(r"^\s*(?:it\s+(?:was|were)\s+(?!(?:me|us|i|we)\b)\w+(?:\s+\w+)?|"
                          r"(?!(?:i|we)\b)[\w ]{1,30}?\s+(?:was|were)\s+the\s+ones?)\s+"
                          r"(?:who|that)\b", re.IGNORECASE)
_NOT_NAMES = words(
    "today yesterday tonight tomorrow everything nothing everyone nobody someone monday tuesday "
    "wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december this that it there here then also finally "
    "still just only week weekend morning afternoon evening night")
_NAME_DEEDS = words("did does do took take takes made make gave give ran run")
# the writer disowns the deed: "..., not me", "i just listened", "I only sign as witness"
_DISOWNED = re.compile(
    r"\bnot (?:me|mine|my doing|my idea|my work)\b|\b(?:i|me) (?:only|just) (?:\w+ ){0,2}?"
    r"(?:listened|watched|helped|help|signed|sign|observed|shadowed|assisted|stood|held|"
    r"got copied|sat in|took notes|tagged along|saw|heard|forwarded|printed)\b|"
    # "I just teach it", "I only use them": the writer uses what someone else made
    r"\b(?:i|we) (?:only|just) (?:teach|use|follow|deliver|read|copy|print|run|present) "
    r"(?:it|them|that|those)\b",
    re.IGNORECASE)
_FIRST_CLAUSE = re.compile(r"\s*[,;:]\s+|\s+(?:and|but|so|because|while)\s+")
_PUNCTUATION = re.compile(r"\s*[,;:]\s+")
# a reason given for a deed: the writer in it ("because I was with the baby") did not do it
_REASON = re.compile(r",?\s+(?:because|since|as|cos|coz|'cause|while)\s+"
                     r"(?=(?:i|i'm|im|i've|ive|we|we're|my|our)\b)", re.IGNORECASE)
# what someone else's deed spares or lets the writer do ("Greg got budget for a second L2 so I
# won't be the only one on nights"): the writer's part is still to come, not a deed
_SPARED = re.compile(r",?\s+so(?: that)?\s+(?:now\s+)?(?:i|we)(?:'ll| will| won't| wont| can| "
                     r"can't| cant| don't have to| dont have to| no longer| get to| finally)\b",
                     re.IGNORECASE)

_lock = threading.Lock()
_part_reader: PartReader | None = None
GROWTH_PARTS = frozenset({"difficulty", "intention", "goal", "wish", "struggle"})
DONE_PARTS = frozenset({"experience", "action", "achievement"})


def set_part_reader(reader: PartReader | None) -> None:
    """Install (or remove) a reflection-part classifier: ``sentence -> label or None``."""
    global _part_reader
    with _lock:
        _part_reader = reader


def part_of(sentence: str) -> str | None:
    """The installed classifier's part label for a sentence, lower-cased (None without one)."""
    reader = _part_reader
    label = reader(sentence) if reader else None
    return label.lower() if label else None


def sentence_mood(sentence: str) -> Mood:
    """Whether a whole sentence asks something or asks for something.

    Args:
        sentence: the sentence text.

    Returns:
        ``"question"``, ``"request"`` or ``"mine"`` (the clause decides the rest).
    """
    text = sentence.strip().replace("’", "'")
    if _REQUEST.search(text):
        return "request"
    if text.endswith("?") or _QUESTION_START.match(text):
        return "question"
    return "mine"


def clause_mood(clause: str) -> Mood:
    """Whether a clause reports someone else's action: a third-person subject and the writer
    not among those who act ("my manager caught a shoplifter", "the team lead thanked me");
    otherwise the writer's own."""
    text = _WHEN_FIRST.sub("", clause.replace("’", "'"), count=1)
    for cut in (_REASON, _SPARED):
        head = cut.split(text, maxsplit=1)[0]
        if head != text and clause_mood(head) == "other":
            return "other"  # "Becky did the handover because I was with the sick baby"
    present = _HAD_PERSON.match(text)
    if present and not _FIRST_PERSON_SUBJECT.search(text, present.end()) and \
            not _writer_goes_on(text[present.end():]):
        return "other"  # someone was there; what they do is theirs
    if praise_received(text):
        return "other"  # "the nurse say I do good job": their praise of the writer
    if _FIRST_PERSON_SUBJECT.search(text):
        return "other" if _only_my_state(text) else "mine"
    if TAUGHT_ME.search(text):
        return "mine"  # "my manager showed me how to ...", "the teacher asked me to ..."
    if _OTHER_SUBJECT.match(text) or _ROLE_OF.match(text) or _THE_ONE_WHO.match(text) or \
            _named(text) or _bare_role(text):
        # "the team lead thanked me": the writer is only the object; but "the head of retail
        # wanted a chart, told him politely ..." goes on with the writer's own deed
        return "mine" if _later_deed(text) else "other"
    return "mine"


# Someone's words about the writer: "the nurse say I do good job", "my manager told me I
# handled it well", "Dr Shah said I was right to call" (praise or feedback is theirs); not
# the writer's own words ("I said I would") nor a deed told after them ("..., and then I did
# the obs on my own")
_SAID_OF_ME = re.compile(
    r"^\W*(?!(?:i|we|i'?ve|i'?d)\b)(?:(?:the|my|our|a|an|his|her|their)\s+)?(?:[\w'.-]+\s+){0,2}?"
    r"(?:say|says|said|told me|tells me|tell me|reckon|reckons|reckoned|thinks|thought|"
    r"was happy|were happy|was pleased|praised me for how)\s+(?:that\s+)?(?:i|i'?m|i'?d|i'?ve|im|"
    r"ive|i was|me|my|"
    # the work praised: "the supervisor say is perfect", "said it was spotless"
    r"it|it'?s|its|it was|is|was|everything (?:is|was)|all (?:is|was)|the (?:\w+ )?(?:is|was|"
    r"were|are))\b", re.I)
# ... praise, not criticism: "the vocal coach says I push from the throat and need to fix it"
# is the writer's growth area
_PRAISE = re.compile(r"\b(?:good|great|well|right|quick|brilliant|amazing|excellent|fine|nice|"
                     r"proud|helpful|calm|natural|star|fab|fantastic|lovely|ace|spot on|"
                     r"smashed it|nailed it|did (?:it )?(?:so )?well|handled it|perfect|"
                     r"spotless|beautiful|outstanding|superb|best)\b", re.I)
_CRITICISM = re.compile(r"\b(?:need|needs|should|must|have to|has to|too|not|don'?t|dont|never|"
                        r"can'?t|cannot|isn'?t|wasn'?t|unfair|wrong|mistakes?|better|more|less|"
                        r"slow|late|rush\w*|push\w*|but)\b", re.I)
_LATER_OWN = re.compile(r"[,;]\s*(?:and\s+|so\s+)?(?:then\s+)?(?:i|we)\s+(?!(?:was|were|am|'m|"
                        r"felt|feel)\b)\w+|\s(?:and|so)\s+(?:then\s+)?(?:i|we)\s+(?!(?:was|"
                        r"were|am|'m|felt|feel|did (?:a )?good|do (?:a )?good)\b)\w+", re.I)


# when it happened, before whoever acted: "Monday a lad kicked off on the 76", "on tuesday
# night the manager ..." (the subject after it decides)
_WHEN_FIRST = re.compile(
    r"^\s*(?:(?:on|last|this|early|late|first thing)\s+)?(?:(?:mon|tues|wednes|thurs|fri|satur|"
    r"sun)day|yesterday|today|tonight|morning|afternoon|evening|night)(?:\s+(?:morning|"
    r"afternoon|evening|night|lunchtime))?\s*,?\s+(?=\w)", re.I)


# "... and showed her the tight bits": a deed joined with no subject of its own is the
# writer's, who "had" the person there
_AND_VERB = re.compile(r"\s(?:and|then|so)\s+(?:then\s+|also\s+)?([a-z]+)\b", re.I)


def praise_received(text: str) -> bool:
    """Whether a clause is someone's praise of the writer ("the nurse say I do good job",
    "paramedics said i did the right thing keeping him warm"): no criticism in it, and no
    deed of the writer's told after it."""
    text = text.replace("’", "'")
    praised = _SAID_OF_ME.match(text)
    return bool(praised and _PRAISE.search(text, praised.end()) and not (
        _CRITICISM.search(text, praised.end()) or _LATER_OWN.search(text)
        or _later_deed(text)))


def _writer_goes_on(rest: str) -> bool:
    """Whether what follows "had <someone> ..." goes on with a past deed and no subject of
    its own ("Had the new trainee Aisha sat behind me for a week and showed her the route")."""
    from tools.verbs import is_past_form

    found = _AND_VERB.search(rest)
    verb = found.group(1).lower() if found else ""
    return bool(verb) and is_past_form(verb) and verb not in _NOT_DEEDS


# past forms that open a clause without being a deed of the writer's ("..., took ages")
_NOT_DEEDS = words("was were had seemed looked felt went came turned ended got happened "
                   "said lasted became stayed kept left")
_TOOK_TIME = re.compile(r"\s*took\s+(?:ages|forever|a while|long|time|hours|days|all|\d)", re.I)
_APPOSITION = re.compile(r"^(\s*[A-Z][a-z]+),\s+[^,]{1,40},\s*")
_LATER = re.compile(r"\s*[,;]\s+(?:(?:and|then|so)\s+)?|\s+(?:and then|then)\s+")


# the writer in a state, not acting: "I've had a Sunday off", "I was chuffed", "I'm off"
_MY_STATE = re.compile(r"\b(?:i|we)(?:'ve| have| had|'d)?\s+(?:(?:just|finally|never|ever|"
                       r"really|so)\s+)?(?:was|were|am|'m|felt|feel|had|have|been)\b"
                       r"(?!\s+(?:to|on|in|a go|it done|through|the|my|our|them|him|her|no|nothing|"
                       r"never|zero|trouble|problems?)\b)",
                       re.IGNORECASE)
_MY_VERB = re.compile(r"\b(?:i|we)(?:'ve|'d|'ll| have| had| will| would)?\s+", re.IGNORECASE)


def _only_my_state(text: str) -> bool:
    """Whether a clause opens with someone else's deed and the writer appears only in a
    state ("The depot manager sorted my leave, first time in 40 years I've had a Sunday
    off", "Sam did the whole rota, I was so grateful")."""
    from tools.skills.polarity import growth_cue

    first = _FIRST_CLAUSE.split(text, maxsplit=1)[0]
    if _FIRST_PERSON_SUBJECT.search(first) or TAUGHT_ME.search(text) or growth_cue(text):
        return False  # "Boss showed me ...", "..., the computer part is hard for me"
    if not (_OTHER_SUBJECT.match(first) or _ROLE_OF.match(first) or _named(first)):
        return False
    mine = list(_MY_VERB.finditer(text))
    return bool(mine) and all(_MY_STATE.match(text, m.start()) for m in mine)


def _later_deed(text: str) -> bool:
    """Whether a clause that opens with someone else goes on, after a comma, with a clause
    in diary style that opens with a past verb: the writer's deed ("the customer wanted a
    refund, gave her one and apologised")."""
    from tools.verbs import is_past_form

    text = _APPOSITION.sub(r"\1 ", text, count=1)  # "Tomasz, the new apprentice, wired"
    for piece in _LATER.split(text)[1:]:
        first = piece.split(maxsplit=1)[0].lower().strip(",.!") if piece.strip() else ""
        if first and first not in _NOT_DEEDS and is_past_form(first) and \
                not _TOOK_TIME.match(piece):
            return True
    return False


def _bare_role(text: str) -> bool:
    """Whether a clause opens with a role without an article and a verb, as written in a
    hurry or in a second language ("supervisor say good job", "customer complain about the
    price"); not "driver training today"."""
    found = _BARE_ROLE.match(text)
    if not found:
        return False
    verb = found.group(1).lower()
    return _verb_form(verb) and not verb.endswith("ing") and verb not in _ROLE_NOUNS


def _named(text: str) -> bool:
    """Whether a clause opens with a named person doing something ("Leanne showed ...",
    "Nurse Priya did ..."); a capitalised verb ("Sorted the rota") is the writer's own."""
    from tools.verbs import is_past_form

    if _ROLE_NAME.match(text):
        first = text.split(maxsplit=1)[0].lower()  # "Called nurse Becky" is the writer's
        return not (is_past_form(first) or first.endswith("ing"))
    found = _NAME_VERB.match(text)
    if not found:
        return False
    name, verb = found.group(1), found.group(2)
    if name.lower() in _NOT_NAMES or _verb_form(name):
        return False
    return verb in _NAME_DEEDS or is_past_form(verb)


def _verb_form(word: str) -> bool:
    """Whether a word reads as a verb (a base form, a past or an -ing form): a clause opening
    with one is the writer's diary style ("Sorted the rota"), not a subject."""
    from tools.verbs import is_past_form, is_verb

    low = word.lower()
    return is_past_form(low) or is_verb(low) or low.endswith("ing")


def mood(sentence: str, clause: str) -> Mood:
    """The sentence's mood, else the clause's (see :func:`sentence_mood`, :func:`clause_mood`);
    a sentence whose first clause is someone else's deed and whose writer disowns it ("...,
    not me", "i just listened") is someone else's whole."""
    found = sentence_mood(sentence)
    if found != "mine":
        return found
    first = _FIRST_CLAUSE.split(sentence.strip(), maxsplit=1)[0]
    if len(first.split()) < 3:  # "Tom and I reviewed the PRs": "and" joins the subject
        first = _PUNCTUATION.split(sentence.strip(), maxsplit=1)[0]
    if _DISOWNED.search(sentence) and (clause_mood(first) == "other" or not_a_deed(first)):
        return "other"
    said = clause_mood(clause)
    if said == "other" and _HAD_PERSON.match(clause) and clause_mood(sentence) == "mine":
        return "mine"  # "Had the new trainee ... sat behind me, and showed her the route"
    return said


def not_a_deed(clause: str) -> bool:
    """A clause with no first person that does not open with a verb ("a local influencer
    shared our appeal", "Payroll were the ones who caught it"): someone or something else."""
    text = clause.replace("’", "'").strip()
    if not text or _FIRST_PERSON.search(text):
        return False
    return not _verb_form(text.split(maxsplit=1)[0].strip(",.!"))
