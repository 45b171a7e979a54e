"""Intent routing for the offline coach: exact commands by rule, the rest learned.

The learned part is ``tools.understanding`` (a sentence encoder and small trained heads,
see ``docs/understanding.md``); it runs the distress gate first. Deterministic: the same
message in the same state always routes the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from prompts.phrasebook import (
    ABOUT_COACH,
    COUNTS_ASK,
    DELETE_ALL,
    DELETE_HOW,
    EXPLICIT_PROFILE,
    NO,
    PROFILE_ASK,
    REPHRASE_ASK,
    STORY_ASK,
    UNDO,
    YES,
    undo_about,
)
from tools.job_ad_rules import WRITER, chat_ad_line, continues_ad, diary_note
from tools.reflection import is_question, wants_save
from tools.understanding.commands import introduction
from tools.understanding.distress import NOTHING_NEW, WORK_FOREVER
from tools.understanding.understand import Understanding, declares_deed, understand

# Right after a distress answer, only an explicit request brings back the coaching flow.
RULES_BEFORE_CARE = re.compile(r"^\s*(?:/\w+|help)\s*$|\blet'?s reflect\b|"
                               r"\b(?:forget|export|remind) me\b", re.I)
# ... or a clear request of the person's own ("show my memory", "undo", "what are my
# strengths?"): content and chat stay with care, a request is answered.
REQUESTS_AFTER_CARE = frozenset({"memory_show", "export", "forget", "undo", "strengths", "story",
                                 "profile", "privacy", "help", "reminder", "recall",
                                 # "what could I do instead of teaching?" after the care reply
                                 # got "Thank you for telling me" again
                                 "career"})
# After the care reply, something done told in plain words ("anyway this week i rewired a
# consumer unit and passed first time") is offered to be kept, never coached: "yes" keeps it
# as it was told, with no follow-up question; anything else leaves it untold. A deed read as
# the least bit heavy stays with care.
KEEP_OFFER_CALM = 0.2
KEEP_OFFER_WORDS = 5
CALM_WEEK_SURE, CALM_WEEK_SCORE, CALM_WEEK_WORDS = 0.9, 0.1, 12
# ... and with nothing said against it: a negation or a hard feeling ("I told my manager and
# she didn't care", "I finished the shift but felt awful") is more of what was hard
_HEAVY = re.compile(r"\b(?:not|no|nothing|nobody|no one|never|none|without|cannot|cant|wont|"
                    r"(?:do|does|did|was|were|could|ca|wo|is|are|have|has|had|would|should|"
                    r"must|need)n'?t|"
                    r"cry\w*|cried|tears?|sad|awful|terrible|horrible|rough|hard|heavy|"
                    r"tired|exhausted|knackered|drained|stress\w*|worr\w*|anxi\w*|scared|"
                    r"afraid|alone|lonely|upset|angry|hurt\w*|pain\w*|numb|lost|hate\w*|"
                    r"shout\w*|yell\w*|blam\w*|fail\w*)\b", re.I)
# what opens a change of subject ("thanks. anyway, i fitted ...", "on a brighter note I ...")
_MOVING_ON = re.compile(r"^(?:\W*(?:thanks|thank you|ok|okay|right|well|so|anyway|anyhow|"
                        r"on a (?:brighter|better|lighter|happier) note|in other news|but|"
                        r"also|btw|this week|last week|today|yesterday|last night|this "
                        r"(?:morning|afternoon)|on (?:mon|tues|wednes|thurs|fri|satur|sun)day)\b)+"
                        r"\W*", re.I)
# After the care reply, someone who could help, named ("there's a PMA at work, i think
# they're meant to be for this sort of thing", "i messaged the PMA this morning", "booked a GP
# appointment"): the coach says that is a good step (it said "Thank you for telling me" again)
SUPPORT_NAMED = re.compile(
    r"\b(?:gps?|doctors?|dr|nurse practitioner|counsell?ors?|counsell?ing|therapists?|therapy|"
    r"psycholog\w*|pma|(?:professional )?(?:midwifery )?advocate|occupational health|occ health|"
    r"eap|employee assistance|wellbeing (?:team|service|lead|hub)|chaplain|samaritans|cruse|"
    r"mind|helpline|crisis line|mental health (?:team|nurse|first aider)|talking therapies)\b|"
    # someone close, named with a word of reaching them ("my sister keeps nagging me to",
    # "going to talk to my wife"), not in passing ("if my manager sees it")
    r"\b(?:talk(?:ed|ing)? to|spoke to|speak to|tell|told|ring|rang|call(?:ed)?|text(?:ed)?|"
    r"open(?:ed)? up to|see(?:ing)?|confide in)\s+(?:my |a |our )(?:manager|supervisor|"
    r"line manager|team leader|mentor|friend|mate|partner|wife|husband|mum|mom|dad|sister|"
    r"brother|family)\b|\bmy (?:sister|brother|mum|mom|dad|partner|wife|husband|friend|mate)"
    r" (?:keeps (?:nagging|telling|saying)|said i should|wants me to|gave me)\b", re.I)
# ... and reached: done or arranged ("messaged", "we're meeting thursday", "booked")
SUPPORT_REACHED = re.compile(
    r"\b(?:messaged|texted|emailed|rang|called|phoned|spoke|talked|told|booked|saw|seen|"
    r"contacted|reached out|opened up|went to|made an appointment|got an appointment|"
    r"(?:i'?m|am|we'?re|are) (?:seeing|meeting|talking|going)|meeting (?:her|him|them)|"
    r"appointment (?:on|for|is|tomorrow|next))\b", re.I)
# ... unless they did not help: "I told my manager and she didn't care"
SUPPORT_FAILED = re.compile(
    r"\b(?:did|does|do|would|will|could|ca|wo)(?:n'?t| not) (?:really )?(?:care|listen|help|"
    r"understand|believe|get it|bother|answer|reply|ring back|call back)\b|\b(?:laughed|ignored|"
    r"brushed (?:it|me) off|fobbed me off|told me to (?:get over|man up|toughen))\b|"
    r"\bno (?:help|use|answer|reply)\b", re.I)


def support_named(text: str) -> bool:
    """Whether a message after the care reply names someone who could help, not as one who
    let them down."""
    return SUPPORT_NAMED.search(text) is not None and SUPPORT_FAILED.search(text) is None


SORRY_SLOW = re.compile(r"^\W*(?:sorry|soz|apologies)\b[^.?!]{0,40}?\b(?:slow|late|long) (?:to "
                        r")?(?:reply\w*|respon\w*|getting back|answer\w*)\b", re.I)
# what the coach is for, asked in passing: "so what do you actually do then?", "what's this
# for exactly?" (both got "I cannot suggest roles yet")
WHAT_FOR = re.compile(r"\bwhat(?:'s| is| does) (?:this|it|the app|this app|this bot|this thing|"
                      r"talent passport) (?:for|do|about)\b|\bwhat (?:is it |(?:do|can|will) )"
                      r"?you (?:actually |even |really )?do\b(?! for (?:a living|work))|"
                      r"\bhow does (?:this|it) (?:work|help)\b", re.I)
# the skills kept so far, asked to see: "Can I see what skills you've picked up so far? x",
# "can you show me what skills you've got down for me" (one got "I didn't quite get that",
# the other a follow-up question about itself)
SKILLS_SHOW = re.compile(r"^\W*(?:(?:ok|okay|so|hi|hey|and|also|please|pls|actually)\W+)*(?:(?:can|"
                         r"could|may) (?:i|you|u) (?:please )?(?:see|show|list|have|get|send)|"
                         r"(?:please )?(?:show|list|send|give) me)\b(?:\s+[\w'’]+){0,6}?\s+"
                         r"(?:my |the |your |what |which )?(?:\w+\s+){0,2}?skills\b", re.I)


def _support_intent(text: str) -> str:
    """``care_reached`` when the person reached the help they named (care then lets the
    coaching come back), else ``care_support``."""
    return "care_reached" if SUPPORT_REACHED.search(text) else "care_support"


# one's strengths asked in other words: "What is my strong side? For CV I need this."
STRENGTHS_ASK = re.compile(r"\b(?:what(?:'s| is| are|'re)|tell me|show me) (?:my|me) (?:strong "
                           r"(?:sides?|points?)|strengths?|best (?:skills?|qualities))\b|"
                           r"\bwhat am i (?:actually |really )?(?:good|best) at\b|"
                           r"\bwhat (?:do |would )?you (?:think|say) i(?:'m| am)? (?:good|best) "
                           r"(?:at|in)\b", re.I)


# ... or asks for the coaching back: "can we just do the normal stuff for a bit"
BACK_TO_COACHING = re.compile(
    r"\b(?:can|could) we (?:just )?(?:do|get back to|go back to|carry on with|move on to|"
    r"talk about) (?:the |some )?(?:normal|usual|regular|work|other|career) (?:stuff|things|"
    r"bits?|chat)\b|\b(?:can|could) we (?:just )?move on\b|\bback to (?:normal|the usual|"
    r"the normal stuff|work stuff)\b|\blet'?s (?:get back to|carry on with|move on)\b",
    re.I)
KEEP_YES = re.compile(r"^\W*(?:y|yes|yes please|yep|yeah|yup|sure|ok|okay|please|please do|"
                      r"go on|go ahead|do it|keep it|save it|yes,? (?:keep|save) it)\W*$", re.I)
IMPORT_YES = re.compile(r"^\s*(?:y|yes|yes please|ok|okay|sure|add it|import it|keep it|"
                        r"save it)\W*$", re.I)
GREETING = re.compile(r"^\s*(?:/start|/reflect|hi|hello|hey|hiya|good (?:morning|afternoon|"
                      r"evening)|let'?s reflect|weekly reflection|reflect(?: on (?:my|the|this) "
                      r"week)?|"
                      # "start", "start a reflection", "let's do my weekly reflection"
                      r"(?:let'?s )?(?:(?:start|begin)(?: (?:(?:a|my|the|this|our) )?(?:weekly )?"
                      r"(?:reflection|check-?in))?|do (?:a|my|the|this|our) (?:weekly )?"
                      r"(?:reflection|check-?in))|new reflection)\W*(?:there|coach)?\W*$",
                      re.I)
# The greetings that ask for a reflection by name ("reflect", "start a reflection"): after a
# distress answer they bring the coaching back as "let's reflect" does; a bare "hi" does not.
REFLECT_ASK = re.compile(r"(?=.*\b(?:reflect\w*|check-?in|start|begin)\b)" + GREETING.pattern,
                         re.I)
# Learned intent -> the coach's intent. Content continues or starts a reflection.
COACH_INTENT = {"answer": "reflection", "credential": "credential_how"}
# Commands that only make sense inside an open reflection.
DRAFT_COMMANDS = frozenset({"skip", "save"})
# Inside an open reflection these are a (short) answer to the follow-up question.
DRAFT_ANSWERS = frozenset({"reflection", "small_talk", "unsure"})
# Inside an open reflection a learned request must be this sure to leave it: a story of
# "the interview guide I wrote" is not a request for an interview story.
LEAVE_DRAFT = 0.9
# After the coach asked for a job ad, or after a line of one: a line of ad text is not kept.
AD_WAIT = frozenset({"job_ad", "ad_text"})
# The end of an ad sent a line at a time: "that's the whole ad", "that's it", "end of ad"
AD_END = re.compile(r"^\W*(?:(?:ok|okay|right|so)\W+)?(?:that'?s|that is|thats)\s+(?:it|all|"
                    r"the (?:whole|full|entire) (?:ad|advert|job|thing))|^\W*(?:end of (?:the )?"
                    r"(?:ad|advert)|done|finished)\W*$", re.I)

# Careers questions: which roles fit (explore) and how to get to a role (plan_growth). The
# learned head says "career"; these patterns tell the two apart (and serve /explore, /grow).
# A first-person wish as it opens ("I want", "I'd like", "im hoping to" ...).
_WISH_OPEN = (r"\W*(?:(?:i|id|i'd|i’d|i would|im|i'm|i’m|i am)\s+(?:really\s+)?(?:want|wanna|"
              r"would like|'d like|’d like|d like|hope|wish|plan|planning|am planning|dream|aim)|"
              r"(?:i'd|i’d|id|i would)\s+(?:really\s+)?(?:like|love))\b")
# "to be" and a way of being, not a role: "I want to be better with excel", "to be more patient"
_NOT_A_ROLE = (r"(?:(?:a\s+(?:bit|lot|little)\s+)?(?:better|worse|more|less|good|great|able|"
               r"quicker|faster|calmer|stronger|braver|clearer|firmer|tougher|kinder|happier|"
               r"confident|comfortable|organi[sz]ed|patient|ready|on time|honest|braver|sure|"
               r"careful|fluent|independent)\b)")
PLAN_GROWTH = re.compile(
    r"^\s*/grow\b|^(?=.*\?|\W*(?:\w+\W+){0,3}?(?:what|how|which|where|could|can|should)\b|"
    # a wish that names where to go: "I want to learn better english to become supervisor"
    + _WISH_OPEN + r")(?=.*\b(?:become|becoming|to be(?!\s+" + _NOT_A_ROLE + r")|step up to|"
    r"get to|move into|run an?|qualif\w* as|work as|from \w.{0,30} to)\b)", re.I | re.S)
EXPLORE = re.compile(
    r"^\s*/explore\b|^\W*(?:\w+\W+){0,2}?(?:what|which|where|could|can|are there|tell me|"
    r"any)\b.{0,60}\b(?:jobs?|roles?|careers?|occupations?|work)\b.{0,40}\b(?:suit|fit|"
    r"match|good (?:for|at)|suited|right for|cut out|points? to|go for|looking at|"
    r"options)|\bwhere could i go\b", re.I)
# Asking where to go next is a careers question whatever the head read ("where could i go
# next?" read as a skip: "next").
CAREER_ASK = re.compile(r"\bwhere (?:could|can|should|might|do) i go(?: next| from here| now)?\b|"
                        r"\bwhat(?:'s| is) next for me\b|\bmy next (?:career )?(?:step|move)\b|"
                        # "cant be up on roofs forever with my back. what else could i do"
                        r"\bwhat else (?:could|can|should|might) i do(?=\s*(?:[?.!]|$|"
                        r"instead\b|for (?:work|a living|a job)\b|with (?:my|these|this)\b))|"
                        r"\bwhat else is (?:there|out there)\b|"
                        r"\bwhat (?:is|'s) possible for me\b|"
                        # "is there anywhere for me to go from here?" (a care home's activities
                        # coordinator)
                        r"\banywhere (?:for me )?to go (?:from here|next)\b", re.I)
# The answer to a careers question (interests, which of several roles) goes back to it.
CAREER_ANSWER = {"career_interests": "explore", "career_target": "plan_growth"}
# A bare number picks one of the roles just offered ("2"), not a skill to reject.
PICK = re.compile(r"^\s*(?:#|no\.?\s*)?\d{1,2}\W*$", re.I)
# Learned readings that may be such an answer (not another request).
CAREER_REPLIES = frozenset({"answer", "reflection", "small_talk", "unsure", "career"})
# Learned readings a careers pattern may correct ("which roles fit someone like me?" reads
# close to a strengths request); commands such as forget or export are never overridden.
CAREER_READINGS = frozenset({"career", "unsure", "small_talk", "strengths", "help", "answer",
                             "reflection"})


# A bare go-ahead ("sure thing", "yeah go on"), which the learned head may doubt
ACK = re.compile(r"^\W*(?:(?:yeah|yes|ok|okay|sure|alright|right)\W+)?(?:sure(?: thing)?|go on|"
                 r"go ahead|alright|all right|fine|cool|k|kk|let'?s go|let'?s do it|why not|"
                 r"of course|ready)(?:\W+then)?\W*$", re.I)


@dataclass(frozen=True)
class Route:
    """The chosen intent, how it was chosen, how sure, and the message's language; ``then``
    is a request to answer after it, asked in the same message (``ask``: its words)."""

    intent: str
    how: str
    score: float = 1.0
    lang: str = "en"
    then: str | None = None
    ask: str = ""
    level: str = ""  # for distress: "crisis" (explicit words) or "concern" (soft wording)


# A moment told, then a request in the same message ("... booked 14 appointments. what are my
# strengths?"): the moment is a reflection and the request is answered after it; the moment
# was lost when the whole message was read as the request.
AFTER_MOMENT = frozenset({"strengths", "recall", "memory_show", "explore", "plan_growth"})
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def request_after_moment(text: str) -> tuple[str, str, str] | None:
    """(the moment, the request's intent, its words) when a message tells something done and
    ends with a request of ``AFTER_MOMENT``; else None."""
    parts = [p.strip() for p in _SENTENCE_END.split(text.strip()) if p.strip()]
    if len(parts) < 2:
        return None
    moment, ask = " ".join(parts[:-1]), parts[-1]
    if not declares_deed(moment):
        return None
    asked_for = route(ask)
    return (moment, asked_for.intent, ask) if asked_for.intent in AFTER_MOMENT else None


# a question about the skills of a moment just told: "which skills is this?", "what skill is
# that? writing a guide?", "is that even a skill?"
SKILLS_ASKED = re.compile(r"\b(?:which|what)\s+skills?\b|\bskills?\s+(?:is|are|does|do)\s+"
                          r"(?:this|that|it)\b|\b(?:is|was)\s+(?:this|that|it)\s+(?:even\s+|really\s+|"
                          r"actually\s+|just\s+)?an?\s+(?:real\s+|proper\s+)?skill\b", re.I)
_POINTS_BACK = re.compile(r"\b(?:this|that|it)\b", re.I)
# ... or about a thing named: "Is triage a skill I can put down or is that just part of the
# job?", "is staying calm on the phone during a failure something you can actually put on
# paper?"
_ASKED_FIRST = r"^\W*(?:(?:quick )?question(?: for you)?\W+|(?:so|and|but|ok|also)\W+)?"
_THING = r"(?P<thing>(?!(?:this|that|it|there|these|those)\b)[^?.!]{2,80}?)"
_SKILL_CHECK = (
    re.compile(_ASKED_FIRST + r"(?:is|are|does|do|would|could|can|will)\s+" + _THING +
               r"\s+(?:(?:even|really|actually|just|also|still)\s+)?(?:(?:count(?:ed)?|"
               r"go|be|considered) as\s+)?(?:an?\s+)?(?:(?:real|proper|actual|transferable|"
               r"legit)\s+)?skills?\b(?=\s*(?:$|[?,.!]|or\b|i can|you can|i could|that|to put|"
               r"on (?:my|a) (?:cv|resume|profile)|lol|though|tho|at all|in itself|really))",
               re.I),
    re.compile(_ASKED_FIRST + r"(?:is|are)\s+" + _THING + r"\s+something (?:you|i|we|one) "
               r"(?:can|could) (?:actually |really )?(?:put (?:on paper|on (?:my|a) (?:cv|"
               r"resume|profile)|down)|count|list|claim)\b", re.I))


def skill_asked_about(text: str) -> str | None:
    """The thing a person asks about as a skill ("triage" of "Is triage a skill I can put
    down?"), or None."""
    for pattern in _SKILL_CHECK:
        found = pattern.search(text)
        if found:
            return found.group("thing").strip(" ,-")
    return None


# A privacy question asks (a "?", or a question word first) or names the person's own words
# or data; a long statement that only shares or keeps something is read as content.
_ASKS_PRIVACY = re.compile(r"\?|^\W*(?:who|what|where|how|is|are|do|does|can|could|will|would|"
                           r"did|has|have)\b|\bmy (?:data|info\w*|details|messages|chats?|"
                           r"reflections|stuff|words|answers|diary|entries)\b|\bprivacy\b|"
                           r"\bprivate\b|\bbetween (?:us|you and me)\b|\bgdpr\b|"
                           r"\bconfidential\w*\b|\bwhat i (?:type|write|say|tell you)\b", re.I)
PRIVACY_TOLD_WORDS = 8
SKILLS_ASK_WORDS = 12


def _career_thought(text: str) -> bool:
    """A part of the work not done forever, asked about ("dont wanna be doin this forever,
    back's already goin. class 2? office? dunno"): a careers question."""
    return "?" in text and WORK_FOREVER.search(text) is not None


def _answered_after_care(text: str, got: Understanding) -> bool:
    """Whether a message after the care reply is a request answered as it stands (a command,
    "let's reflect", a clear request, a careers question, the skills or strengths asked for,
    a moment to delete), not more of what was told, which stays with care."""
    return bool(RULES_BEFORE_CARE.search(text) or REFLECT_ASK.match(text) or undo_about(text)
                or SKILLS_SHOW.search(text) or STRENGTHS_ASK.search(text)
                or (got.confident and got.intent in REQUESTS_AFTER_CARE)
                or _career_thought(text) or CAREER_ASK.search(text))


def _asks_skills_kept(text: str, got: Understanding, draft_open: bool) -> bool:
    """The skills kept so far asked to see ("Can I see what skills you've picked up so far?"),
    or one's strengths in other words ("What would you say I'm good at?"), not after a moment
    told in the same message (that moment is kept first, :func:`request_after_moment`)."""
    if SKILLS_SHOW.search(text) and is_question(text):
        return True
    if SKILLS_SHOW.match(text) and not draft_open:
        return True
    return bool(STRENGTHS_ASK.search(text) and "?" in text
                and got.intent not in ("distress", "explore", "career")
                and not request_after_moment(text))


def _asks_what_for(text: str, got: Understanding) -> bool:
    """What the coach is for, asked ("what's this for exactly?", "What is it you do
    exactly."), when the learned reading is no other request."""
    asked = is_question(text) or "?" in text or len(text.split()) <= 8
    return bool(WHAT_FOR.search(text)) and asked and \
        got.intent in ("career", "unsure", "help", "small_talk", "answer")


def _calm_deed(text: str, got: Understanding) -> bool:
    """Something the writer did, told calmly in a sentence, after the care reply."""
    return (len(text.split()) >= KEEP_OFFER_WORDS and got.distress.score < KEEP_OFFER_CALM
            and not _HEAVY.search(text.replace("’", "'"))
            and (declares_deed(_MOVING_ON.sub("", text)) or (
                # a week told in a second language's present ("Week 2. Fire doors in block
                # of flats, 22 doors ... I fill check sheet for every door")
                got.intent == "reflection" and got.confidence >= CALM_WEEK_SURE
                and got.distress.score < CALM_WEEK_SCORE
                and len(text.split()) >= CALM_WEEK_WORDS)))


def route(text: str, *, draft_open: bool = False, awaiting: str | None = None) -> Route:
    """Pick the intent of a user message.

    Args:
        text: the message, verbatim.
        draft_open: a reflection is in progress, so content continues it by default.
        awaiting: what the coach asked for last (e.g. "reflection" after the opening
            question, "import_confirm", "reject").

    Returns:
        The route; ``reflection`` covers new content, follow-up answers, skip and save.
        Nothing but ``reflection`` ever reaches the tool that stores a growth moment.
    """
    if EXPLICIT_PROFILE.match(text) or PROFILE_ASK.search(text.strip().split("\n", 1)[0]):
        return Route("profile", "rule")  # a pasted job ad may hold any word, even "abuse"
    got = understand(text, followup=draft_open)
    if got.intent == "distress" and awaiting == "distress" and got.lang == "en" and \
            got.distress.level == "concern" and support_named(text):
        # "there's a PMA at work ... i think they're meant to be for this sort of thing"
        return Route(_support_intent(text), "rule", got.distress.score, got.lang,
                     level="concern")
    if got.intent == "distress":
        return Route("distress", got.how, got.distress.score, got.lang,
                     level=got.distress.level)
    if awaiting == "keep_offer":
        if KEEP_YES.match(text):
            return Route("keep_moment", "rule", lang=got.lang)
        if got.lang == "en" and _calm_deed(text, got):
            # the week told on, calmly, past the offer: kept with the deed before it, still
            # with no question (a data analyst's four weeks were offered and never kept)
            return Route("keep_both", "rule", lang=got.lang)
        awaiting = "distress"  # not kept: what follows is read with care, as before
    if awaiting == "distress" and BACK_TO_COACHING.search(text):
        return Route("greeting", "rule", lang=got.lang)  # the weekly question, asked again
    if awaiting == "distress" and not _answered_after_care(text, got):
        if got.lang == "en" and support_named(text):
            return Route(_support_intent(text), "rule", lang=got.lang)
        if got.lang == "en" and _calm_deed(text, got):
            return Route("keep_offer", "rule", lang=got.lang)
        return Route("after_distress", "rule", lang=got.lang)
    if awaiting == "import_confirm" and IMPORT_YES.match(text):
        return Route("import_confirm", "rule")
    if awaiting == "undo_confirm" and (YES.match(text) or NO.match(text)):
        return Route("undo_confirm", "rule")
    if awaiting == "forget_confirm" and (YES.match(text) or NO.match(text) or ACK.match(text)):
        # a bare "yes" to "reply exactly: yes, forget everything" got a coaching nudge; the
        # forget flow answers it (asks for the exact words again, or keeps everything)
        return Route("forget_confirm", "rule")
    if UNDO.search(text) or undo_about(text):  # before the learned "forget": "delete my last
        # one" or "scrap the bit aboot bein late" keeps the rest
        return Route("undo", "rule")
    if DELETE_HOW.match(text):  # "how do i delete my data?" asks how; it deletes nothing
        return Route("delete_how", "rule", lang=got.lang)
    if DELETE_ALL.match(text):  # "can you delete my data": the forget flow, which asks first
        return Route("forget", "rule", lang=got.lang)
    if _asks_skills_kept(text, got, draft_open):
        return Route("strengths", "rule", lang=got.lang)  # the skills kept so far, with quotes
    if _asks_what_for(text, got):
        return Route("help", "rule", lang=got.lang)
    if ABOUT_COACH.match(text):  # "are you an AI?": a straight answer, the moment stays open
        return Route("about_coach", "rule", lang=got.lang)
    if SORRY_SLOW.match(text):  # "sorry if i'm slow replying, just in from a long day"
        return Route("small_talk", "rule", lang=got.lang)
    if not draft_open and NOTHING_NEW.fullmatch(text.strip()):
        # "nothing much tbh" to the opening question: a quiet week, one small thing asked
        # for (it read as distress, then as "I'm not sure I understood that")
        return Route("small_talk", "rule", lang=got.lang)
    if CV_ASK.search(text) and not EXPLICIT_PROFILE.match(text):
        # "can you help me write a cover letter": what the coach does instead (it was read as
        # a story request: "I could not find a reflection about that yet")
        return Route("cv_help", "rule", lang=got.lang)
    if REPHRASE_ASK.match(text) and (draft_open or awaiting == "reflection"):
        # "wait, what do you mean?" after a follow-up: asked more simply (it saved the moment)
        return Route("rephrase", "rule", lang=got.lang)
    if COUNTS_ASK.match(text):  # "is that good?" after a moment told: yes, it counts
        return Route("counts_open" if draft_open else "counts", "rule", lang=got.lang)
    if awaiting in AD_WAIT and "\n" not in text.strip() and (
            chat_ad_line(text) or awaiting == "ad_text" and continues_ad(text)):
        return Route("ad_text", "rule")  # one more line of an ad sent a line at a time
    if awaiting in AD_WAIT and AD_END.match(text):
        return Route("ad_text_end", "rule")  # "that's the whole ad": match the lines sent
    if awaiting == "job_ad" and awaited_ad(text, got):
        return Route("profile", "rule")  # "tailor my profile for this job:", then the ad
    if not draft_open and is_question(text) and SKILLS_ASKED.search(text) and \
            _POINTS_BACK.search(text) and len(text.split()) <= SKILLS_ASK_WORDS:
        # "what skill is that? writing a guide?" after a moment was saved: its skills (it got
        # "I'm not sure I understood that")
        return Route("skills_of_last", "rule", lang=got.lang)
    if not draft_open and ("?" in text or re.match(r"\W*(?:is|are)\b", text, re.I)) and \
            skill_asked_about(text):
        # "Is triage a skill I can put down?": what the frameworks call it, and how to show it
        # (it got the roles that fit)
        return Route("skill_check", "rule", lang=got.lang)
    if STORY_ASK.match(text):  # "tell me a story about the e-bike brake", even mid-reflection
        return Route("story", "rule", lang=got.lang)
    told = request_after_moment(text) if got.intent not in ("reflection", "answer") else None
    if told:
        return Route("reflection", "rule", lang=got.lang, then=told[1], ask=told[2])
    if awaiting in CAREER_ANSWER and (got.intent in CAREER_REPLIES or not got.confident
                                      or PICK.match(text)) and not introduction(text) and \
            not (awaiting == "career_interests" and (is_question(text) or _OPENS_ASKING.match(text))
                 and _career(text, got.intent) == "plan_growth"):
        # (a new question names where to go: "what do I need to learn to become a
        # veterinary surgeon?" after "what kind of work do you enjoy?" got the roles again)
        # (an introduction answers no careers question: "hey im Kwaku, team leader nights at
        # a DHL warehouse" after "I cannot suggest roles yet" got that reply again)
        return Route(CAREER_ANSWER[awaiting], "rule", lang=got.lang)
    if GREETING.match(text):
        return Route("greeting", "rule")
    if LEARN_WISH.match(text) and not got.confident and got.intent in WISH_READINGS and \
            not _asks(text):
        # "I want to learn more about orthodontics, maybe do the course next year": a wish to
        # learn, which the learned reading doubts, is a growth moment, not "what did you mean?"
        return Route("reflection", "rule", got.confidence, got.lang)
    if not got.confident and got.intent in STRUGGLE_READINGS and _told_struggle(text):
        # "I still struggle with writing unit tests, I never know what to mock": a struggle
        # told, which the learned reading doubts (a little like asking for help), is a
        # growth moment, not "what did you mean?"
        return Route("reflection", "rule", got.confidence, got.lang)
    career = _career(text, got.intent)
    if career and (draft_open or WISH.match(text)) and _told_plan(text, got):
        # "I want to do my C licence next year": a wish told, kept as (part of) a reflection
        return Route("reflection", "rule", got.confidence, got.lang)
    if career == "plan_growth" and (draft_open or awaiting == "reflection") and \
            WISH.match(text) and not is_question(text):
        # "I want to become nursing associate but my English writing is not so good, care
        # plans take me long time", told after the opening question: her growth moment (it
        # got "I could not find 'nursing associate but my english writing ...'")
        return Route("reflection", "rule", got.confidence, got.lang)
    if career:
        return Route(career, "rule" if text.lstrip().startswith("/") else got.how,
                     got.confidence, got.lang)
    intent = COACH_INTENT.get(got.intent, got.intent)
    if intent == "privacy" and got.how == "model" and not _ASKS_PRIVACY.search(text):
        # "... my TL say she will share it with the team": a moment told, not a question
        # about who sees the person's words (the guide she wrote was answered with privacy)
        intent = "reflection" if len(text.split()) >= PRIVACY_TOLD_WORDS else "unsure"
    if intent in DRAFT_COMMANDS:
        intent = "reflection" if draft_open else "reflection_empty"
    if not got.confident:
        intent = "unsure"  # a doubtful reading stores nothing: we ask what was meant
        if not draft_open and (YES.match(text) or ACK.match(text)):
            intent = "small_talk"  # "sure" to the welcome's question: invite the moment
    if draft_open and got.how == "model" and got.confidence < LEAVE_DRAFT:
        intent = "reflection"
    if not draft_open and not got.confident and wants_save(text):
        intent = "reflection_empty"  # "done" with nothing open: nothing to save, say so
    if (draft_open or awaiting == "reflection") and intent in DRAFT_ANSWERS and not (
            not draft_open and got.how == "rule" and introduction(text)):
        # "ok", "fine": the person answered the follow-up; but "im Tomasz, chef de partie on
        # the fish section ..." after the opening question introduces him (it was kept as
        # his moment and asked "Which part of that did you handle yourself?")
        intent = "reflection"
    return Route(intent, got.how, got.confidence, got.lang)


def awaited_ad(text: str, got: Understanding) -> bool:
    """Whether a message, sent after the coach asked for the job ad, is (a part of) the ad:
    it does not speak of the writer (I, me, my), asks nothing, and is no clear request of
    its own ("Barista wanted for weekends, latte art a plus", "IT Support Technician",
    several lines). A part too short to be the whole ad gets the request for the ad again,
    and nothing of it is kept."""
    if not text.strip() or WRITER.search(text) or text.rstrip().endswith("?"):
        return False
    if "\n" not in text.strip() and diary_note(text):
        return False  # "spent tuesday chasing a race condition ...": the week, without "I"
    return "\n" in text.strip() or not got.confident or got.intent in (
        "reflection", "answer", "profile", "small_talk", "unsure")


def _told_plan(text: str, got: Understanding) -> bool:
    """A plan or wish told as a statement ("I want to do my C licence next year to drive the
    big lorry"), inside an open reflection or opening one, which only the learned reading,
    not sure enough, takes for a careers question; not a wish to be shown something ("I want
    to know which jobs suit me") nor one that names a role to reach (a growth plan)."""
    return got.how == "model" and got.confidence < LEAVE_DRAFT and not _asks(text)


def _asks(text: str) -> bool:
    """Whether a message asks for something: a command, a question, a wish to be shown
    something, or a careers question (where to go, which roles, how to reach one)."""
    return bool(text.lstrip().startswith("/") or text.rstrip().endswith("?")
                or ASK_WISH.search(text) or CAREER_ASK.search(text) or EXPLORE.search(text)
                or PLAN_GROWTH.search(text))


# Doubtful learned readings a wish told may get ("I want to learn more about ..." reads a
# little like a strengths request); a sure reading of a request stands.
WISH_READINGS = frozenset({"reflection", "answer", "small_talk", "unsure", "strengths",
                           "career", "credential"})
# Doubtful readings a struggle told may get; a sure reading of a request stands.
STRUGGLE_READINGS = WISH_READINGS | {"help"}
# the coach itself as the matter: "I don't know how to use this", "not sure what you do"
_ABOUT_THE_COACH = re.compile(r"\b(?:you|your|this (?:bot|app|thing|chat)|the (?:bot|coach)|"
                              r"passport|commands?)\b", re.I)


def _told_struggle(text: str) -> bool:
    """A struggle or avoidance of the writer's own, told as a statement about their work
    ("my excel is weak, i avoid pivot tables"), not a question, a request or trouble with
    the coach itself."""
    from tools.skills.polarity import growth_cue

    return bool(growth_cue(text) and WRITER.search(text) and not _asks(text)
                and not _ABOUT_THE_COACH.search(text))


# A wish to learn or grow in something ("I want to learn more about ...", "I'd like to get
# better at ...", "I hope to do my NVQ 3 next year")
LEARN_WISH = re.compile("^(?:" + _WISH_OPEN + r"|\W*(?:i|i'm|im|i am)\s+(?:really\s+|still\s+)?"
                        r"(?:need|have|got|should|must|ought)\b)"
                        r"\s+(?:to\s+)?(?:(?:learn|study|improve|practi[cs]e|"
                        r"train|get better|be better|get more confident|become more|work on|"
                        r"try|start|take|do|finish|pass|get)\b)", re.I)
# A first-person wish, and a wish to be shown or told something (a request in other words).
WISH = re.compile("^" + _WISH_OPEN, re.I)
ASK_WISH = re.compile(r"\b(?:want|wanna|like|wish)\s+(?:to\s+)?(?:know|see|find out|explore|"
                      r"look at|hear|check|understand) (?:which|what|where|how|if|whether|"
                      r"the (?:jobs?|roles?|options))\b", re.I)


# a question said without its mark: "how do i become a salon manager"
_OPENS_ASKING = re.compile(r"^\W*(?:how|what|which|where|can|could|should|do|does|is|are)\b",
                           re.I)


# asked to write a CV or cover letter: "can you help me write a cover letter", "write my cv"
CV_ASK = re.compile(r"^\W*(?:(?:hi|hey|hello|ok|okay|so)\W+)?(?:(?:can|could|would|will) (?:you|u)"
                    r"\s+(?:please\s+)?|please\s+|pls\s+|i need (?:you )?(?:to )?|i need help "
                    r"(?:with\s+)?|help me\s+)?(?:help (?:me )?(?:with|write|writing|do|make)|"
                    r"write|draft|make|do|create|build|fix|improve|update|check|look at|with|"
                    r"writing)\s+"
                    r"(?:\w+\s+){0,2}?(?:cover(?:ing)? letters?|cv|c\.v\.|resume|résumé|personal "
                    r"statement)\b|"
                    # "need a cv sorted or summat", "I need help for my CV"
                    r"\b(?:need|want)\s+(?:help\s+(?:for|with)\s+)?(?:a\s+|my\s+|me\s+a\s+)?"
                    r"(?:new\s+)?(?:cv|c\.v\.|resume|résumé)\b", re.I)


def _career(text: str, learned: str) -> str | None:
    """``plan_growth`` or ``explore`` for a careers question (a slash command, the learned
    "career" reading, or a doubtful reading that clearly asks about roles), else None."""
    slash = text.lstrip().startswith("/")
    thought = _career_thought(text)
    if not (slash or learned in CAREER_READINGS or CAREER_ASK.search(text) or thought):
        return None
    if PLAN_GROWTH.search(text):
        return "plan_growth"
    if EXPLORE.search(text) or CAREER_ASK.search(text) or thought or (learned == "career"
                                                                         and not slash):
        return "explore"
    return None
