"""Polarity of a skill mention: demonstrated, a growth area / aspiration, or negated.

Rules over the clause that holds the evidence and the words before it in its sentence:
growth cues ("I want to get better at", "I avoided", "not confident") win over plain negation
("I didn't use Excel"); anything else is demonstrated.
"""

from __future__ import annotations

import re
from itertools import pairwise

from memory.schemas import Polarity
from tools.skills.people import PEOPLE

GROWTH_CUE = re.compile(
    r"\b(?:want(?:s|ed)? to|would like to|(?:i|we)'d like to|wish(?:ed)? (?:i|to)|hop(?:e|ing) to|"
    r"plan(?:ning)? to|aim(?:ing)? to|going to (?:learn|improve|try|practi[cs]e)|"
    r"need(?:s)? to (?:improve|learn|work on|get better|practi[cs]e|be more)|"
    # a wish to get better; "i'm getting better at reading his signs" is progress told
    r"(?:get|(?<!m )(?<!am )(?<!re )(?<!we )getting|become|be) better at|"
    r"improv(?:e|ing) (?:my|at|on)|work(?:ing)? on my|"
    r"learn(?:ing)? (?:how to|to|more|about)|practi[cs](?:e|ing) (?:more|my)|my goal|goal is|"
    r"aspir(?:e|ing)|dream(?:s)? (?:of|to)|avoid(?:s|ed|ing)?|struggl(?:e|es|ed|ing)|"
    r"afraid (?:of|to)|scared (?:of|to)|nervous|anxious about|not (?:very |so |really )?"
    # "not great at pivots", not "not great week" (a mood, no growth area)
    r"(?:good|great|confident|comfortable|strong)(?!\s+(?:weeks?|days?|shifts?|nights?|start|"
    r"weekend|month|time|news|one|either|tbh|honestly)\b)|(?:am|'m) weak at|lack(?:ed)? (?:the )?"
    r"confidence|next time i|should have|find it hard|found it hard|hard for me|"
    r"difficult for me|i can't yet|not yet able|(?:still|just) (?:can't|cant|cannot|can not) "
    r"(?:\w+ )?(?:do|get|seem|figure|work out|manage|master|nail|remember)|"
    # wishes and plans, said loosely
    r"(?:should|must|gotta|have to|maybe) (?:learn|try|practi[cs]e|start|get better|do a course)|"
    r"need(?:s)? to (?:learn|get better)|thinking (?:of|about) (?:learning|doing|taking)|"
    r"(?:would|i'd|id) love to|finally (?:understand|learn)|"
    # struggles and avoidance
    r"(?:i|we) freeze|(?:i )?keep avoiding|"
    # what the writer does not know yet: "my boss ask me for make the excel for the stock but
    # i dont know the formulas"
    r"(?:i )?(?:don'?t|dont|do not) (?:really |fully |even )?(?:know|understand) (?:the \w+s\b|"
    r"how to|much about|enough about|anything about)|"
    # work left undone: "my case notes are 3 weeks behind, i keep leaving them till friday"
    r"(?:i )?keep (?:leaving|putting (?:it|them|\w+) off|putting off|pushing (?:it|them) back|"
    r"forgetting|skipping)\b|(?:are|is|am|'m|'re|im) (?:still )?(?:\d+|a few|two|three|four|"
    r"several) (?:weeks?|days?|months?) behind\b|(?:am|'m|im|are|'re) (?:so|really|way|badly) "
    r"behind (?:on|with)\b|"
    # what is beyond the writer so far: "fire alarm panels are a mystery to me", "boilers are
    # a black box for me", "moved to EMIS and I'm lost", "finishing is not my thing yet"
    r"(?:a )?(?:mystery|black box|closed book) (?:to|for) me|(?:i'?m|im|i am) (?:totally |"
    r"completely |a bit |so )?lost\b(?! (?:my|the|a|an|it|them|him|her|count|track|for words)\b)|"
    r"not my thing|(?:does|do|did|doing) my head in|"
    # put right by someone else: "got told off for doing the searches too fast"
    r"got (?:told off|a telling[- ]off|a bollocking|pulled up|a warning)|"
    # work that keeps turning out wrong: "my sourdough keeps coming out flat"
    r"keeps? (?:coming|turning) out (?:\w+ )?(?:flat|wrong|burnt|raw|bad|badly|crooked|uneven|"
    r"lumpy|dry|soggy|short|off)|keeps? (?:failing|going wrong|breaking|crashing)|"
    # a slip of the writer's: "messed up the rota for xmas"
    r"(?:mess(?:ed)?|screw(?:ed)?|cock(?:ed)?) (?:it |things |that |this )?up|"
    r"made a (?:real |total |right )?mess of|botched|"
    # corrected every time: "my reports always come back with red pen on the grammar"
    r"(?:always|keeps?|still) (?:comes?|coming|gets?|getting) (?:sent )?back\b|red pen|"
    # it got too much: "after I cried in the back office", "I panicked", "lost my temper"
    r"(?:i|we) (?:(?:just|nearly|almost|then|also) )?(?:cried|panicked|froze|broke down|"
    r"fell apart|burst (?:out )?(?:into tears|crying)|lost (?:my temper|it|my cool)|snapped at)|"
    r"(?:was|were|ended up) in tears|had a (?:meltdown|breakdown|panic attack)|"
    r"(?:is|are|am|'m|'s) (?:really |very |so |too )?"
    r"(?:weak|rusty|slow|patchy)|not (?:\w+ )?enough yet|(?:stress(?:es)?|scares?|confuses?) "
    r"me|terrified|(?<!nothing )(?<!nobody )(?<!no one )(?<!none )(?:get|got|getting) "
    r"(?:(?:really|so|a bit|very|quite|all) )?(?:lost|nervous|flustered|tongue-tied|panicky)|"
    # "i get really flustered when the system crashes", "I panic when the phone rings"
    r"flustered|(?:i|we) (?:always |still |just )?panic (?:when|if|every|whenever|as soon)|"
    r"(?:don't|dont|do not|didn't|didnt|did not) (?:really |quite |fully |even |actually )?"
    r"(?:understand|know (?:how|what|where|when))|no (?:real )?idea how|"
    # "i still dont really get kubernetes" (not "I don't get paid enough")
    r"(?:(?:still|just) (?:don't|dont|do not) (?:really |quite |fully )?|(?:don't|dont|do not) "
    r"(?:really|quite|fully) )(?:get|grasp)(?! (?:paid|breaks?|a break|any|enough|time off|"
    r"holidays?|overtime|to|home|lunch|days? off|much|many|called|asked|told|on)\b)|"
    r"(?:don't|dont|do not) (?:get|grasp) (?:how|why|what)|"
    # "SQL joins still don't click for me", "the rota system makes no sense to me"
    r"(?:don't|dont|doesn't|doesnt|didn't|didnt|never|not|won't|wont) (?:really |quite |yet )?"
    r"click(?:s|ed|ing)?|(?:doesn't|doesnt|don't|dont|didn't|didnt) make (?:any |much )?sense|"
    r"makes? no sense|"
    r"i(?:'m| am) (?:too )?slow|always (?:have to ask|copy|end up)|"
    r"(?:takes?|took) me (?:ages|forever)|(?:got|has|have) me beat|"
    r"(?:rubbish|useless|hopeless|terrible) (?:at|with)|keep (?:messing|forgetting|pressing the "
    r"wrong)|"
    # not feeling able, and putting it off
    r"(?:don't|dont|do not|didn't|didnt|never) feel (?:very |so |really |that |too |fully )?"
    r"(?:confident|comfortable|ready|sure|competent)|not feeling (?:very |so |really )?"
    r"(?:confident|comfortable|ready|sure)|less confident|out of my depth|"
    r"(?:(?:i'm|im|i am) )?not (?:really |too |very )?sure (?:about|with|how to) (?!it\b)|"
    r"unsure (?:about|of|"
    r"how)|not my strong (?:point|suit)|(?:keep|kept|been) putting (?:it |this |that )?off|"
    r"put(?:ting)? off (?:the|my|doing|learning|booking)|procrastinat\w*|(?:keep|kept|been) "
    r"postponing|postpon\w* (?:it|again))\b",
    re.IGNORECASE,
)
# someone else's feeling is not the writer's struggle ("we speak Tagalog when she is nervous",
# "talked a care leaver through the loan, she was terrified of the debt")
_LINK = r"(?:is|was|were|are|'s|gets?|got|seemed|looked|felt|feels?)\s+"
_DEGREE = r"(?:(?:so|really|very|quite|a bit|bit|too|properly)\s+)?"
_THEIR_FEELING = re.compile(
    r"\b(?:(?i:he|she|they|him|her|them|(?:the|a|an|his|her|their)\s+(?:\w+\s+){0,2}?"
    + PEOPLE + r"s?|children|people)\s+(?i:" + _LINK + r")?|(?!I\b)[A-Z][a-z]*\s+(?i:" + _LINK
    + r"))" + _DEGREE + r"$")
# a name right before a cue that opens with its own verb: "Tom got nervous"
# ("Still get flustered ringing the GP": an adverb opening the sentence is no name)
_NAME_BEFORE = re.compile(r"\b(?!I\b|(?:Still|Always|Sometimes|Often|Usually|Really|Just|Now|"
                          r"Today|Then|Also|Again|Never|Even|So|Totally|Properly)\b)"
                          r"[A-Z][a-z]*\s+$")
_LINK_CUE = re.compile(_LINK, re.IGNORECASE)


# a feeling said before the person who has it: "a nervous first time buyer", "the terrified
# little boy"
_OF_A_PERSON = re.compile(r"(?:\s+[\w'-]+){0,3}?\s+(?:" + PEOPLE + r"|buyer|patient|child|"
                          r"kid|boy|baby|toddler|pupil|learner|trainee|starter|caller|"
                          r"passenger|guest|tenant|resident|family|dog|cat|horse)s?\b", re.I)
_WHO_END = re.compile(r"\bwho\s+(?!(?:i|we)\b)(?:\w+\s+)?$", re.I)
# ... unless the writer is that person: "i am so nervous driver"
_I_AM_END = re.compile(r"\b(?:i'?m|im|am|was|been)\s+(?:\w+\s+)?$", re.I)
_DETERMINER_END = re.compile(r"\b(?:a|an|the|this|that|one|two|our|my|his|her|their|some|"
                             r"very|really|so|quite)\s+$", re.I)


_CLAUSE_START = re.compile(r"[,.;:!?]\s*|\s(?:and|but|so|when|while|because|cos|as)\s",
                           re.IGNORECASE)
_WRITER = re.compile(r"\b(?:i|i'm|im|i've|ive|i'd|we|we're|we've|me|us|myself)\b",
                     re.IGNORECASE)
_PERSON = re.compile(r"\b(?:(?:he|she)(?:'s|s)?|they(?:'re|re)?|(?i:" + PEOPLE +
                     r")s?|children|people|(?i:nobody|no one|noone|someone|somebody|everyone|"
                     r"everybody|regulars|punters|locals|twins))\b")


def _someone_elses_clause(before: str) -> bool:
    """Whether the clause a cue stands in has someone else as its subject and the writer
    nowhere ("This week a boy in my class had a meltdown during maths"); a clause with the
    writer in it ("my supervisor wants me to improve ...") or with no one ("had a meltdown
    at work") is the writer's."""
    starts = [0, *(m.end() for m in _CLAUSE_START.finditer(before))]
    clause = before[starts[-1]:]
    if not clause.strip():
        # the cue opens a clause of its own with no subject: it goes on with the subject of
        # the clauses before it in the sentence ("a new driver, Kasia, shes from Poland, good
        # driver but nervous on the city centre bits")
        sentence_start = len(before) - len(re.split(r"[.!?]\s", before)[-1])
        for begin, end in reversed(list(pairwise(starts))):
            if begin < sentence_start:
                break
            part = before[begin:end]
            if _WRITER.search(part):
                return False
            if _PERSON.search(part):
                return True
        return False
    return bool(_PERSON.search(clause)) and not _WRITER.search(clause)


# what there is to avoid, not the writer avoiding: "which dogs to", "the roads to", "what to"
_WHAT_TO = re.compile(r"\b(?:which|what|how|where|who|(?!(?:tries|does|goes)\b)\w+s)\s+to\s+$",
                      re.I)


def growth_cue(text: str, since: int = 0) -> re.Match[str] | None:
    """The first growth cue of a text that is the writer's: not a word inside a compound
    ("a lunch-and-learn to the sales team") nor a feeling said of someone else ("she was
    terrified of the debt"). With ``since``, only cues from that offset on count, read
    with the words before them ("a little boy was so | scared of the chair")."""
    for found in GROWTH_CUE.finditer(text, since):
        if found.start() and text[found.start() - 1] == "-":
            continue
        before = text[: found.start()]
        if found.group(0).lower().startswith("avoid") and _WHAT_TO.search(before[-40:]):
            continue  # "showed him the shortcuts and which dogs to avoid": what to steer clear of
        if _WHO_END.search(before[-12:]):
            continue  # "Had a 1:1 with Aisha who wants to drop further maths": Aisha's wish
        if _OF_A_PERSON.match(text, found.end()) and _DETERMINER_END.search(before[-40:]) and \
                not _I_AM_END.search(before[-40:]):
            continue  # "helped a nervous first time buyer": the buyer's nerves
        if (_THEIR_FEELING.search(before) or (_LINK_CUE.match(found.group(0)) and
                                             _NAME_BEFORE.search(before))
                or _someone_elses_clause(before)) and \
                not re.match(r"(?:i|we)\b", found.group(0), re.I):
            continue
        return found
    return None


_NEGATION = re.compile(
    r"\b(?:not|never|no|none|nothing|without|neither|nor|cannot|can't|couldn't|didn't|don't|doesn't|"
    r"haven't|hasn't|hadn't|wasn't|weren't|isn't|aren't|won't|wouldn't|did not|do not|"
    r"does not|have not|has not|was not|were not|"
    # typed without the apostrophe
    r"didnt|dont|doesnt|wasnt|werent|havent|hasnt|hadnt|couldnt|wouldnt|cant|isnt|arent|"
    r"wont)\b|n[’']t\b",
    re.IGNORECASE,
)


def polarity(text: str, clause: tuple[int, int], evidence: tuple[int, int],
             sentence: tuple[int, int] | None = None) -> Polarity:
    """Polarity of the evidence span, read from its clause.

    Args:
        text: the whole input text.
        clause: span of the clause (or sentence) that holds the evidence.
        evidence: span of the evidence.
        sentence: span of its sentence: a negated skill in a sentence that also states a
            wish or struggle ("I'd like to lead, but I never managed anyone") is a growth area.

    Returns:
        ``"growth"``, ``"negated"`` or ``"demonstrated"``.
    """
    start = min(clause[0], evidence[0])
    before = text[start : evidence[1]].replace("’", "'")
    lead = sentence[0] if sentence and sentence[0] <= start else start
    if growth_cue(text[lead : max(clause[1], evidence[1])].replace("’", "'"), start - lead):
        return "growth"
    negation = _NEGATION.search(_NOT_A_NEGATION.sub(lambda x: " " * len(x.group(0)), before))
    if negation and not _in_consequence(before, evidence[0] - start, negation.start()):
        whole = text[sentence[0] : sentence[1]].replace("’", "'") if sentence else ""
        return "growth" if growth_cue(whole) else "negated"
    if sentence and _wished_purpose(text, sentence, evidence):
        return "growth"
    return "demonstrated"


# a clause that says why or what followed: its negation is not the deed's ("Planned the routes
# so the vans don't cross the city twice")
_CONSEQUENCE = re.compile(r"\b(?:so(?: that)?|because|cos|coz|since|until|till|unless|otherwise|"
                          r"or else|in case|which|whereas|after|when|while|once|before|"
                          # a relative clause of a thing or person: "talked a customer out
                          # of a car that would not suit her"
                          r"(?<=[a-z] )(?:that|who) (?=(?:would|will|could|can|did|does|do|was|"
                          r"were|is|are|has|have|had|should|wouldn|couldn|didn|doesn|wasn|"
                          r"isn|hasn|won)\b)|"
                          r"(?:showed|shows|found|said|says|told me|realised|realized|noticed)"
                          r"(?: that)?|"
                          # what was found out: "worked out why the invoices weren't matching"
                          r"(?:worked|figured|found|sussed) out|(?<=[a-z] )(?:why|whether))\b",
                          re.IGNORECASE)


# "no" that negates no deed: someone's absence ("3 agency lads no show"), how it went ("fixed
# it no problem"); offsets are kept by blanking them
_NOT_A_NEGATION = re.compile(r"\bno[- ]shows?\b|\bno (?:problem|problems|bother|worries|doubt|"
                             r"matter|longer|wonder)\b|\bnot (?:bad|too bad)\b", re.I)


def _in_consequence(before: str, evidence: int, negation: int) -> bool:
    """Whether the negation sits in a clause that opens inside the evidence, after its first
    word: a reason or consequence of the deed, not the deed (``before`` runs from the clause
    start to the evidence end; ``evidence`` and ``negation`` are offsets in it)."""
    first = re.match(r"\s*\S+", before[evidence:])
    if first is None or negation < evidence:
        return False
    if negation >= evidence + first.end() and before[negation:].lower().startswith("without"):
        return True  # "taught a student to restrain cats without getting scratched": how
    cut = _CONSEQUENCE.search(before, evidence + first.end(), negation)
    return cut is not None


# "... so I can do the wiring myself": what a wish is for is not done yet
_PURPOSE = re.compile(r"\b(?:so(?: that)?,? (?:i|we) (?:can|could|will|would|'ll|ll)|in order to|"
                      r"to be able to)\b", re.IGNORECASE)


def _wished_purpose(text: str, sentence: tuple[int, int], evidence: tuple[int, int]) -> bool:
    """Whether the evidence sits in the purpose of a wish earlier in its sentence ("I want to
    get my electrical ticket so I can do the wiring myself")."""
    head = text[sentence[0] : evidence[0]].replace("’", "'")
    cue = growth_cue(head)
    upto = text[sentence[0] : evidence[1]].replace("’", "'")
    return cue is not None and _PURPOSE.search(upto, cue.end()) is not None


def states_growth(text: str, span: tuple[int, int]) -> bool:
    """Whether a sentence states a wish, plan, struggle or avoidance (a growth cue)."""
    return growth_cue(text[span[0] : span[1]].replace("’", "'")) is not None
