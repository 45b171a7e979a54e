"""The command grammar, written once: what a person types that the coach takes literally.

The router (``agent/intents.py``), the capabilities and the channels all read these, so a
phrase or a limit changes in one place. What the coach *says* about them lives in the
templates beside this file (``upload_too_large``, ``upload_wrong_type``, ...).
"""

from __future__ import annotations

import re

# Forgetting: the exact confirmation phrase (asked for by ``forget_confirm``).
FORGET_PHRASE = re.compile(r"^\s*yes,?\s+forget everything\W*$", re.I)
FORGET_PHRASE_TEXT = "yes, forget everything"

# Tailoring a profile: the lead-in before a pasted job ad ("tailor my profile for this job:").
EXPLICIT_PROFILE = re.compile(r"^\s*(?:/profile\b|tailor\b)", re.I)
PROFILE_LEAD = re.compile(
    r"^\s*(?:/profile\b|(?:please\s+)?(?:can you\s+)?tailor\s+(?:my\s+)?(?:profile|cv|"
    r"resume|résumé)?\s*(?:for|to)\s+(?:this|the|a)\s+(?:job|role|position|ad|posting|"
    r"vacancy)(?:\s+ad)?)\s*[:\-]?\s*", re.I)


# The request in other words, for an ad sent or to be sent: "Please can you adjust my profile
# to match it?", "could ye make ma profile fit it", "saw this on indeed. sort my profile out
# for it", "Please you can make my profile for this?" (half such requests of sixteen
# strangers were kept as a moment of their week, or got the roles that fit)
PROFILE_ASK = re.compile(
    r"(?:^|[.!?]\s+|\b(?:can|could|would|will) (?:you|u|ye|ya)\s+(?:please\s+|pls\s+)?"
    r"(?:help me\s+(?:to\s+)?)?|\bplease\s+(?:you\s+can\s+)?|\bpls\s+|\bhelp me\s+(?:to\s+)?)"
    r"(?:make|match|fit|adjust|adapt|align|tailor|sort|change|update|tweak|rewrite|redo|do|"
    r"prepare|write|fix|get)\s+(?:up\s+)?(?:my|ma|me|the|a)\s+(?:profile|cv|c\.v\.?|resume|"
    r"résumé)\b(?:\s+[\w'’]+){0,4}?\s+(?:it|this|that|(?:the|this) (?:job|role|ad|post|position|"
    r"spec|vacancy|one))\b", re.I)


def ad_after_lead(message: str) -> str:
    """What follows the request's lead ("tailor my profile for this job:", or a first line
    asking for it in other words), or the whole message when it has none: the job ad, or a
    part of it."""
    lead = PROFILE_LEAD.match(message)
    if lead is None and "\n" in message.strip():
        first, rest = message.strip().split("\n", 1)
        if PROFILE_ASK.search(first):
            return rest.strip()
    return (message[lead.end():] if lead else message).strip()

# Asking for a story in one's own words, addressed to the coach: "tell me a story about the
# e-bike brake", "can you turn the school checks into a STAR story?", "write up the leak as
# a story", "star story about the match please". Group "about" (or "what") holds the topic.
_STORY_NOUN = r"(?:(?:a|an|my|the|one)\s+)?(?:star\s+|short\s+|interview\s+)?(?:story|star example)"
_STORY_VERB = (r"(?:(?:please|pls|ok|okay|now|so|and)\W+)?(?:(?:can|could|would|will) you\s+"
               r"(?:please\s+)?|help me\s+)?(?:tell|give|write|draft|make|turn|put|do|build|"
               r"create|show)(?:\s+(?:me|us))?(?:\s+up)?")
STORY_ASK = re.compile(
    r"^\W*(?:" + _STORY_VERB + r"\s+" + _STORY_NOUN + r"|" + _STORY_NOUN + r")\b\s*"
    r"(?:(?:about|on|of|for|from)\b\s*(?P<about>.*)|[:\-]\s*(?P<said>.+))?$"
    r"|^\W*" + _STORY_VERB + r"\s+(?P<what>.{1,80}?)\s+(?:as|into)\s+" + _STORY_NOUN + r"\b\W*$",
    re.I | re.S)
# What closes such a request and is not its topic.
STORY_ASK_TAIL = re.compile(r"(?:\W+(?:please|pls|thanks|thank you|for me|for an? "
                            r"interview))+\W*$|\W+$", re.I)

# Stories: "/story save" keeps the draft, "/story result: ..." rewrites one section.
STORY_COMMAND = re.compile(r"^\s*/story\b\s*", re.I)
STORY_SAVE = re.compile(r"^\s*(?:save|keep)\b", re.I)
STORY_EDIT = re.compile(r"^\s*(situation|task|action|result|learning)\s*:\s*(.+)$",
                        re.I | re.S)
STORY_SAVE_COMMAND = "/story save"

# Credentials pasted as text: a compact JWS/JWT, or JSON with credential keys.
JWT = re.compile(r"^[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]*$")
CREDENTIAL_KEYS = ('"@context"', '"credentialSubject"', '"badge"', '"recipient"')

# Limits on what a person can send, and the file types read as credentials.
MAX_MESSAGE_CHARS = 20_000
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_UPLOAD_MB = MAX_UPLOAD_BYTES // (1024 * 1024)
UPLOAD_SUFFIXES = frozenset({".json", ".jsonld", ".jwt", ".jws", ".txt", ".png", ".svg"})


def looks_like_credential(text: str) -> bool:
    """True for pasted credential JSON or a compact JWS/JWT."""
    body = text.strip()
    if JWT.match(body):
        return True
    return body.startswith("{") and any(k in body for k in CREDENTIAL_KEYS)

# Undo: "undo", "delete the last one", "remove my last reflection" (typos too) ask to delete
# the last saved growth moment; only a yes to that question deletes it.
_UNDO_VERB = r"(?:undo|und[0oe]+|delete?|dele?te|delte|del|remove?|remvoe|rmove|erase|scrap|drop)"
_UNDO_LAST = r"(?:last|lats|lst|latest|previous|prev|most recent)"
_UNDO_ITEM = r"(?:one|reflect\w*|reflct\w*|refelct\w*|moment|entry|entery|thing|post|note)"
UNDO = re.compile(
    rf"^\s*(?:/undo|undo|und0|undoo|undo (?:that|it|this))\W*$|^\W*(?:pls |please |can you |"
    rf"could you )?{_UNDO_VERB}\s+(?:the |my |that |this )?{_UNDO_LAST}\s+"
    rf"(?:growth )?{_UNDO_ITEM}\b", re.I)
# ... or the moment about something: "scrap the bit aboot bein late", "Please remove previous
# message about agency money", "forget what i said about the new manager", "please delete
# message where i say i am tired of farm", "could you leave out the detail about ..." (the
# last one was offered, or care answered)
UNDO_ABOUT = re.compile(
    r"(?:^|[.!:]\s+|\b(?:please|pls|plz|can you|could you|can u|could u|would you|actually|"
    r"ok|okay|also|and)\s+)(?<!n't )(?<!dont )(?<!not )(?:please\s+)?(?:delete|remove|forget|"
    r"scrap|drop|erase|bin|leave out|take out|get rid of|cut)\s+(?P<what>(?:[\w'’+-]+\s+){0,5}?)"
    r"(?:about|aboot|where|when|saying|that says|on)\s+(?P<about>(?!(?:it|that|this|them)\b)"
    r"[^.?!\n]{2,120})", re.I)
_UNDO_WHAT = re.compile(r"^(?:(?:the|that|this|my|last|previous|prev|earlier|other|one|bit|"
                        r"bits|part|parts|detail|details|message|msg|messages|moment|entry|"
                        r"reflection|thing|stuff|note|line|what|i|you|said|say|wrote|write|"
                        r"told|tell|put|mentioned)\s+)*$", re.I)


def undo_about(text: str) -> str | None:
    """What the moment to delete is about ("being late" of "scrap the bit aboot bein late"),
    or None when the message asks no such thing."""
    for found in UNDO_ABOUT.finditer(text):
        if _UNDO_WHAT.match(found.group("what")):
            about = _ABOUT_ENDS.split(found.group("about"), maxsplit=1)[0]
            return about.strip(" ,;") or None
    return None


# where the thing ends and the reason begins: ", I don't want the retake to show", " dont
# want that on it", " from the other week please"
_ABOUT_ENDS = re.compile(r",|\s+(?:i\s+)?(?:don'?t|dont|do not) want\b|\s+from (?:the other|last|"
                         r"a few) (?:week|day|time)s?\b|\s+please\b|\s+pls\b", re.I)


# How to delete one's data, asked rather than ordered: "how do i delete my data?", "is there
# a way to wipe everything?" (the answer names "forget me" and "delete the last one"; "forget
# me" itself still asks for the confirmation)
DELETE_HOW = re.compile(
    r"^\W*(?:(?:so|ok|okay|and|but|hi|hey)\W+)?(?:how\s+(?:do|can|would|could|should)\s+"
    r"(?:i|we)|how\s+to|is\s+(?:there|it)\s+(?:a\s+way|possible)\s+to|where\s+(?:do|can)\s+"
    r"(?:i|we)|can\s+i|could\s+i|am\s+i\s+able\s+to)\s+(?:\w+\s+){0,2}?(?:delete|erase|"
    r"remove|wipe|clear|get\s+rid\s+of|destroy)\s+(?:\w+\s+){0,3}?(?:data|account|"
    r"everything|info\w*|stuff|history|memory|memories|records?|passport|profile)\b"
    r"(?!.*\b(?:last|latest)\b)", re.I)
# ... and ordered: "can you delete my data", "please wipe everything you have on me" (the
# forget flow asks for the exact confirmation before anything goes)
DELETE_ALL = re.compile(
    r"^\W*(?:(?:so|ok|okay|hi|hey)\W+)?(?:(?:please|pls|plz)\s+)?(?:(?:can|could|would|will)"
    r"\s+you\s+(?:please\s+)?|i\s+(?:want|would\s+like|'d\s+like)\s+(?:you\s+)?to\s+)?"
    r"(?:delete|erase|wipe|remove|destroy)\s+(?:all\s+(?:of\s+)?)?(?:my|the)\s+(?:data|account|"
    r"stuff|info\w*|memories|memory|passport|history)(?:\s+(?:please|pls|now))?\W*$"
    r"|^\W*(?:(?:please|pls)\s+)?(?:(?:can|could|would|will)\s+you\s+(?:please\s+)?)?"
    r"(?:delete|erase|wipe|remove)\s+everything(?:\s+(?:you\s+(?:have|know|keep)|about\s+me)"
    r"[^?]{0,30})?\W*$", re.I)
# Asking what the coach is: "are you an AI?", "who made you?", "am I talking to a bot?"
ABOUT_COACH = re.compile(
    r"^\W*(?:(?:wait|so|ok|okay|hey|hi|sorry|um+|hmm+)\W+)?(?:are you (?:an? |even )?(?:ai|a\.i\.|"
    r"bot|robot|human|real|real person|person|chatgpt|chat ?bot|computer|machine|program|"
    r"actual person)|(?:who|what) (?:made|built|created|wrote|programmed) you|what are you|"
    r"who are you|is this (?:an? )?(?:ai|bot|chatgpt|real person|human)|"
    # "how is this different from chatgpt", "are you like chatgpt?"
    r"(?:how|what) is (?:this|that|it|the coach|talent passport) (?:any )?different (?:from|to|"
    r"than) (?:chat ?gpt|gpt|an? (?:ai|chat ?bot)|copilot|gemini|claude)|"
    r"(?:are you|is this) (?:just )?like (?:chat ?gpt|gpt|an? (?:ai|chat ?bot))|"
    r"what (?:ai|model|llm) (?:are you|is this|do you use)|am i (?:talking|chatting|"
    r"speaking|writing) (?:to|with) (?:a |an )?(?:bot|ai|human|real person|person|machine|"
    r"computer|robot))\W*\??\W*$", re.I)
# Not getting the question: "wait, what do you mean?", "sorry?", "I don't understand"
REPHRASE_ASK = re.compile(
    r"^\W*(?:(?:wait|sorry|hmm+|um+|erm+|uh+|ok|okay)\W+)?(?:what do you mean(?: by that)?|"
    r"what does that mean|i don'?t (?:understand(?: the question)?|get it|get what you mean|"
    r"know what you mean)|not sure what you(?:'re| are) asking(?: me)?|what\?+|sorry\?+|"
    r"pardon\??|huh\??|come again\??|can you (?:say that again|rephrase(?: that)?|explain"
    r"(?: that)?)|say (?:that|it) again|what (?:was|is) the question)\W*\??\W*$", re.I)
# Asking whether what was told is the right kind of thing: "is that good?", "does that count?"
COUNTS_ASK = re.compile(
    r"^\W*(?:(?:so|ok|okay|and|hmm+|um+)\W+)?(?:is|was|does|did|would|will)\s+(?:that|this|it)\s+"
    r"(?:(?:be\s+)?(?:good|ok|okay|alright|all right|fine|enough|right)|"
    # "does that count as experience if it's not a paying client??"
    r"counts?\s+(?:as|for|towards)\s+[^?]{1,60}?|count|counts|"
    r"a good (?:one|answer|example|moment|thing)|(?:the|a)\s+(?:kind|sort|type)\s+of\s+(?:thing|"
    r"stuff|moment|answer)(?:\s+you\s+(?:want|mean|need|meant|wanted|are after|re after))?|"
    r"what you (?:want|mean|need|meant|wanted|are after)(?:ed)?)(?:\s+(?:enough|then|lol|haha|"
    r"to you))?\s*\?+\W*$", re.I)
YES = re.compile(r"^\s*(?:y|yes|yes please|yep|yeah|yup|sure|ok|okay|do it|delete it|"
                 r"yes,? delete it|confirm|go ahead|s[ií]|oui|ja)\W*$", re.I)
NO = re.compile(r"^\s*(?:n|no|nope|nah|no thanks|keep it|no,? keep it|cancel|stop|don'?t|"
                r"non|nein)\W*$", re.I)
