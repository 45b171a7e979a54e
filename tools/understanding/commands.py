"""Exact commands, kept as rules: slash commands, bare command words, "reject N".

Everything that is not an exact command goes to the learned intent head.
"""

from __future__ import annotations

import re

from prompts.phrasebook import FORGET_PHRASE

_SLASH = {
    "help": "help", "start": "small_talk", "reflect": "small_talk", "skip": "skip",
    "save": "save", "cancel": "cancel", "undo": "undo", "memory": "memory_show",
    "export": "export", "forget": "forget", "strengths": "strengths", "story": "story",
    "profile": "profile", "remind": "reminder", "reminder": "reminder", "privacy": "privacy",
    "recall": "recall", "career": "career", "import": "credential",
}
_WORDS = {
    "help": "help", "?": "help", "skip": "skip", "pass": "skip", "next": "skip",
    "save": "save", "save it": "save", "just save": "save", "just save it": "save",
    "cancel": "cancel", "undo": "undo", "export": "export", "strengths": "strengths",
    "my strengths": "strengths", "story": "story", "privacy": "privacy",
    "thanks": "thanks", "thank you": "thanks", "bye": "thanks",
    "hi": "small_talk", "hello": "small_talk", "hey": "small_talk",
}
_SLASH_RE = re.compile(r"^\s*/([a-z_]+)\b", re.I)
_REJECT = re.compile(r"^\s*(?:reject|remove|drop|not)\s*#?\s*(\d+(?:\s*(?:,|and|&)\s*#?\d+)*)"
                     r"\s*\W*$", re.I)
_UNDO = re.compile(r"^\W*(?:oops\W+)?undo\b(?:\s+(?:that|it|the last(?: one)?|that save|"
                   r"the last save))?\W*$", re.I)


# A self-introduction ("hello, I am Marta, I work in care home", "hi im Tom, software dev",
# "I work as an electrician"): a greeting, answered as one. The head read such messages as
# thanks or a profile request.
_GREETING = re.compile(r"^\W*(?:hi+|hello|hey+|heya|hiya|yo|howdy|alright|alrite|[ae]y up|hey up|"
                       r"g'?day|(?:good )?(?:morning|afternoon|"
                       r"evening)|hola|"
                       r"ol[aá]|bonjour|salut|hallo|ciao|hej|namaste|salam|merhaba|czesc|"
                       r"cześć)\b(?:\s+(?:there|all|everyone|team|coach|po))?"
                       # "Hi good evening po.": two greetings, a Tagalog "po"
                       r"(?:\W+(?:good )?(?:morning|afternoon|evening)\b(?:\s+po\b)?)?\W*",
                       re.I)
_NAME = re.compile(r"^(?:(?i:my name)(?: is|'s)\s+\w+|(?i:my name)\s+[A-Z]\w+|"
                   r"(?i:name)(?: is|'s|:)\s+[A-Z]\w*|"
                   r"(?:[Ii] am|[Ii]'m|[Ii]’m|[Ii]m|"
                   r"(?i:it'?s|it’s|this is)|"
                   # Spanish, French, German: "soy Lucía", "je m'appelle Inès", "ich bin Jonas"
                   r"(?i:soy|me llamo|mi nombre es|je suis|je m'appelle|je m’appelle|moi c'est|"
                   r"ich bin|ich heiße|ich heisse|mein name ist))\s+"
                   r"(?!(?i:(?:mon|tues|wednes|thurs|fri|satur|sun)day|january|february|march|"
                   r"april|may|june|july|august|september|october|november|december|christmas|"
                   r"easter|payday|half term)\b)(?P<name>\w[\w'-]*)(?=[\s,.!]|$)|"
                   r"(?P<here>\w[\w'-]+) here\b)")
_JOB = re.compile(r"\b(?:i work (?:as|in|at|for)|i(?:'m|’m| am)? an? (?!bit\b|little\b|lot\b)"
                  r"\w+)", re.I)
# words of a moment of the week, in any message: "this week", "today", "tired", "thanks"
_MOMENT_WORDS = (r"this week|today|yesterday|last (?:week|night)|tonight|tired|exhausted|"
                 r"knackered|shattered|sorry|stressed|struggling|thanks|thank|cheers")
_NOT_AN_INTRO = re.compile(
    r"\b(?:" + _MOMENT_WORDS + r"|done|finished|back|fine|good|okay|ok|well|sick|"
    r"not|never|did|was|were|had|"
    # ... and in Spanish, French, German
    r"esta semana|hoy|ayer|anoche|cette semaine|aujourd'hui|hier|diese woche|heute|gestern)\b",
    re.I)


# how long an introduction that opens with a name may go on about a working life ("Hiya!! I'm
# Jackie, 45, and I'm the activities coordinator at a care home in Wigan 🏡 40 residents, ...
# before that I was a carer on the floor for 6 years": 51 words)
INTRO_WORDS = 60
# a name, then an age, the terse way: "Gareth. 44. Prison officer, ..."
_NAME_AGE = re.compile(r"^\W*[A-Z][a-z'’-]+\s*[.,:-]\s*\d{2}\s*(?:y(?:ea)?rs?(?: old)?|yo)?"
                       r"\s*[.,:-]")


def introduction(text: str) -> bool:
    """Whether a short message only introduces the writer (a name, a job), with no moment
    of their week in it: "my name is ...", "I am" + a name typed with a capital (or any word
    after a greeting), or a job ("I work as ...", "I'm a ...") alone or after a greeting; a
    greeting and a name may go on about the writer's working life ("hi there, im Gary, 52,
    was a postman for 20 yrs now training to be a teaching assistant")."""
    if (len(text.split()) <= INTRO_WORDS and opens_with_introduction(text)
            and _WORKING_LIFE.search(text)
            and not _A_MOMENT.search(_SORRY_ENGLISH.sub(" ", text))):
        return True
    if len(text.split()) <= INTRO_WORDS and _NAME_AGE.match(text) and \
            _WORKING_LIFE.search(text) and not _A_MOMENT.search(text):
        return True  # "Gareth. 44. Prison officer, Cat B local, 12 years in."
    if len(text.split()) <= 70 and _GREETING.match(text) and _TRYING_APP.search(text) and \
            not _WEEK_TOLD.search(text) and _JOB_SAID.search(text):
        # "Hiya! Ok so I don't really know how this works but my mate said it helped her ...
        # I'm a sous chef at a gastro pub in the Cotswolds, been there nearly 4 years, ..."
        return True
    if len(text.split()) > 16 or _NOT_AN_INTRO.search(text):
        return False
    if _role_tenure(text):
        return True  # "backend dev at a fintech, 3 yrs, mostly python and postgres"
    greeting = _GREETING.match(text)
    rest = text[greeting.end():] if greeting else text.lstrip(" \t\"'")
    name = _NAME.match(rest)
    if name and (name.group("name") or "").lower() not in ("a", "an"):
        return bool(greeting) or _capitalised(name)
    if name and greeting:
        return True  # "hi, I'm a nurse ..."
    if greeting and _BARE_NAME.match(rest):
        return True  # "Hi, Priyanka, maintenance engineer in a food factory"
    return _JOB.match(rest) is not None and (bool(greeting) or len(text.split()) <= 8
                                             or _TENURE_TOLD.search(rest) is not None)


# a moment of the week named ("this week", "on Tuesday"), whatever else the message says
_WEEK_WORDS = (_MOMENT_WORDS + r"|this (?:morning|afternoon)|"
               r"(?:mon|tues|wednes|thurs|fri|satur|sun)day")
_WEEK_TOLD = re.compile(r"\b(?:" + _WEEK_WORDS + r")\b", re.I)
# an apology for one's English, said with an introduction ("My english is not perfect, sorry")
_SORRY_ENGLISH = re.compile(r"\b(?:my )?english (?:is not|isn'?t|not) (?:\w+ )?(?:perfect|good|"
                            r"great|the best)\W*(?:,?\s*sorry\b)?|"
                            r"\bsorry (?:for|about) my english\b",
                            re.I)
# words about trying the coach, said before the writer says who they are
_TRYING_APP = re.compile(r"\b(?:how (?:this|it) works|here goes|giv(?:e|ing) (?:this|it) a "
                         r"(?:try|go|shot)|suggested i (?:try|give|use)|my (?:mate|friend|"
                         r"daughter|son|wife|husband|partner|manager|colleague|sister|brother|"
                         r"mum|mom) (?:said|told|"
                         r"suggested|recommended)|first time (?:using|trying|on) (?:this|it)|"
                         r"not sure what to (?:say|write|put))\b", re.I)


# how long in the work, told with the job: "I'm a staff nurse on an acute medical ward,
# qualified 18 months ago", "I'm a plumber, 12 years now"
_HOW_MANY = (r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
             r"eighteen|twenty|thirty)")
_TIME_IN_WORK = _HOW_MANY + r"(?:\s*-?\s*odd|\s*\+|\s*plus)?\s*(?:yrs?|years?|months?)\b"
_TENURE_TOLD = re.compile(r"\b" + _TIME_IN_WORK + r"|\bsince (?:19|20)\d\d\b", re.I)


# a moment of the week, not a life story: "hi I'm Tom, this week I ..."
_A_MOMENT = re.compile(
    r"\b(?:" + _WEEK_WORDS + r"|want|wanna|would like|'d like|hope|hoping|"
    r"wish|plan|planning|thinking|but(?! (?:now|currently|these days|since) ))\b", re.I)


# words that name a job (a role alone after a name is read as the job)
# (the first of them also make a bare "Name, role" an introduction: ``_BARE_NAME``)
_INTRO_ROLES = (r"engineer|nurse|teacher|driver|chef|cook|worker|assistant|officer|manager|"
                r"developer|dev|student|carer|cleaner|technician|analyst|apprentice|porter|"
                r"guard|receptionist")
_ROLES = (_INTRO_ROLES + r"|mechanic|electrician|plumber|builder|joiner|carpenter|labourer|"
          r"painter|decorator|supervisor|lead|leader|administrator|admin|accountant|bookkeeper|clerk|cashier|"
          r"barista|waiter|waitress|bartender|hairdresser|barber|midwife|paramedic|pharmacist|"
          r"dentist|doctor|therapist|designer|consultant|coordinator|operator|picker|packer|"
          r"baker|butcher|farmer|gardener|landscaper|tester|scientist|researcher|lecturer|"
          r"tutor|librarian|recruiter|paralegal|solicitor|lawyer|agent|adviser|advisor|"
          r"volunteer|housekeeper|caretaker|courier|fitter|welder|machinist|roofer|"
          r"tiler|bricklayer|plasterer|scaffolder|steward|attendant|practitioner|postman|"
          r"postwoman|postie|warden|firefighter|soldier|pilot|signaller|signalman|conductor|"
          r"dispatcher|controller|inspector|surveyor|estimator|translator|interpreter|"
          r"technologist|sonographer|radiographer|optician|dispenser|groundsman|"
          r"groundskeeper|handyman|cleaner|chef de partie|sous chef|commis|"
          r"nanny|childminder|auditor|underwriter|broker")
# the work said by its verb: "I teach year 4 ...", "I drive a forklift in a cold store"
JOB_VERBS = (r"teach|drive|nurse|clean|cook|deliver|look after|care for|repair|fit|install|"
              r"manage|run|own|coach|train|tutor|mentor|design|develop|build|paint|sell|serve")
# ... with what it works on ("I run a cafe", not "I run every morning")
_JOB_VERB = re.compile(r"\bi (?P<job>(?:(?:teach|tutor|coach)\s+\w|(?:" + JOB_VERBS +
                       r")\s+(?:a|an|the|our|my|for|at|in|\d)\b)[^,.;!?\n]*)", re.I)
# a working life told: a role, a trade, years in a job, training for one
_WORKING_LIFE = re.compile(r"\b(?:" + _ROLES + r")s?\b|\b(?:i work|worked|working|retired|"
                           r"retraining|training to|studying to|career|bootcamp)\b|"
                           # "I managed a clothes shop for 9 years"
                           r"\bfor (?:\d+|a few|many|ten|twenty) (?:years|yrs)\b|"
                           r"\bi (?:" + JOB_VERBS + r")\b", re.I)
# the job one trains for, said as the job: "now training to be a teaching assistant"
_TRAINING = re.compile(r"\b(?P<job>(?:re)?training (?:to be(?:come)?|as)\s+(?:an?\s+)?"
                       r"(?:[\w'’-]+\s+){0,3}?(?:" + _ROLES + r")s?\b[^,.;!?\n]*)", re.I)
# a name alone after a greeting, then what they do: "Hi, Priyanka, maintenance engineer ..."
_BARE_NAME = re.compile(r"^[A-Z][a-z'-]+\s*[,.-]\s*(?:(?:a|an|the)\s+)?[\w-]+(?:\s+[\w-]+)?"
                        r"\s+(?:in|at|for|from|with|on)\b|^[A-Z][a-z'-]+\s*[,.-]\s*[\w-]+\s+"
                        r"(?:[\w-]+\s+)?(?:" + _INTRO_ROLES + r")s?\b")


# The job in an introduction: "I work as a dental nurse", "I'm a carer", "im team leader on
# nights ...", "I am mechanic for city buses", or a role after the name ("hi im Bev, school
# cook, 22 yrs in the job"; "Priyanka, maintenance engineer in a food factory").
# ("I work like dispensing assistant ...": "like" for "as" in a second language; not "I work
# like crazy")
_JOB_SAID = re.compile(r"\b(?:i (?:am )?work(?:ing)? (?:as|like(?!\s+(?:crazy|mad|hell|a dog|a "
                       r"slave|an animal|a machine)\b))|i work(?:ing)?(?=\s+(?:in|at|for|on)\s)|"
                       r"i(?:'m|’m| am|m)? (?:working|employed) (?:as|like)|"
                       # "I've been a signaller with Network Rail for 26 years"
                       r"i(?:'ve|’ve| have|ve) been(?=\s+(?:an?\s+)(?:[\w'’-]+\s+){0,3}?(?:"
                       + _ROLES + r")s?\b)|"
                       r"(?:i'm|i’m|i am|im)(?=\s+(?:an?\s+|the\s+)?(?:[\w'’-]+\s+){0,3}?"
                       + r"(?:" + _ROLES + r")s?\b))\s+(?P<job>[^,.;!?\n]+)",
                       re.I)
# the work done before, when no work now is said: "I was a secondary science teacher 9 years
# in Valencia, now I am learning data analysis" (said back as "you were ...")
_WAS_JOB = re.compile(r"\bi (?P<job>was\s+(?:an?\s+)?(?:[\w'’-]+\s+){0,3}?(?:" + _ROLES +
                      r")s?\b[^,.;!?\n]*)", re.I)
# ... or said by its verb: "I managed a clothes shop for 9 years" (said back as "you managed
# a clothes shop")
PAST_JOB_VERBS = r"managed|ran|owned"
_DID_JOB = re.compile(r"\bi (?P<job>(?:" + PAST_JOB_VERBS + r")\s+(?:an?|the|my|our|his|her)\s+"
                      r"[^,.;!?\n]*)", re.I)
# ... or how long first: "im Priya, 7 yrs in retail as assistant store manager"
_YEARS_AS = re.compile(r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twenty)\+?"
                       r"\s*(?:yrs?|years?)\s+(?:(?:in|at|with)\s+(?:[\w'’&-]+\s+){1,4}?)?as\s+"
                       r"(?P<job>(?:an?\s+)?(?:[\w'’-]+\s+){0,3}?(?:" + _ROLES + r")s?\b"
                       r"[^,.;!?\n]*)", re.I)
# (an age may come first: "Name is Dave, 58, bus driver for First in Bristol")
_AFTER_NAME = re.compile(r"^\W*(?:\d{2}\s*(?:yo|y/o|years? old|yrs? old)?\s*[,.;-]\W*)?"
                         r"(?P<job>(?:an?\s+)?(?:[\w'’-]+\s+){0,3}?(?:" + _ROLES
                         + r")s?\b[^,.;!?\n]*)", re.I)
# ... or the place of work with its verb and no "I": "hey, im Sam, 24, work in a phone shop"
_WORK_AFTER_NAME = re.compile(r"^\W*(?:\d{2}\s*(?:yo|y/o|years? old|yrs? old)?\s*[,.;-]\W*)?"
                              r"(?:i\s+)?work(?:ing)?\s+(?P<job>(?:in|at|for)\s+[^,.;!?\n]+)",
                              re.I)
# where a job phrase ends: how long, since when, and what follows it
_JOB_END = re.compile(r"\s+(?:since|for (?:\d+|a |the last|over|almost|nearly|about)|\d+\s*"
                      r"(?:yrs?|years?|months?)|and (?:i|im|i'm)|but|so|here|now|while|whilst|"
                      r"lol|haha)\b.*$",
                      re.I)


def stated_job(text: str) -> str | None:
    """The job a self-introduction states, as written ("a dental nurse", "team leader on
    nights in a big distribution warehouse", "mechanic for city buses"), or None.

    Only for an introduction (:func:`introduction` or :func:`opens_with_introduction`); at
    most ten words, cut before how long or since when; "I work in a call centre" gives "in a
    call centre"."""
    if not (introduction(text) or opens_with_introduction(text)):
        return None
    found = _TRAINING.search(text) or _JOB_SAID.search(text) or _WAS_JOB.search(text) \
        or _DID_JOB.search(text) or _YEARS_AS.search(text) or _role_tenure(text)
    if found is not None and _A_NAME_ONLY.match(found.group("job")):
        found = None  # "hi im Dev, line cook": a name that is also a role word
    if found is None:
        greeting = _GREETING.match(text)
        rest = text[greeting.end():] if greeting else text
        name = _NAME.match(rest) or _BARE_NAME_ONLY.match(rest)
        found = (_AFTER_NAME.match(rest[name.end():])
                 or _WORK_AFTER_NAME.match(rest[name.end():])) if name else None
    found = found or _JOB_VERB.search(text)  # "I teach year 4 in a primary school"
    if found is None:
        return None
    job = _job_phrase(found)
    if len(job.split()) > 10:  # "chef de partie on the fish section in a hotel kitchen in
        job = _PLACE_END.sub("", job)  # Edinburgh": the town goes first, then the details
    while len(job.split()) > 10 and _LAST_DETAIL.search(job):
        job = _LAST_DETAIL.sub("", job)
    return job if job and len(job.split()) <= 10 else None


# where a long job phrase may be cut: a town or place named last ("in Edinburgh"), then the
# last detail that opens with a preposition ("in a hotel kitchen")
_PLACE_END = re.compile(r"\s+(?:in|at|near|around|outside)\s+(?:[A-Z][\w'-]*\s*)+$")
_LAST_DETAIL = re.compile(r"\s+(?:in|at|on|for|with|near|around)\s+(?:(?!\s(?:in|at|on|for|"
                          r"with|near|around)\s).)+$")


# a clause of its own that says how long: "22 yrs in the job", "for 7 years", "since 2019"
_HOW_LONG = re.compile(r"^\W*(?:(?:qualified|registered|started|trained)\s+(?:about\s+|over\s+)?)?"
                       # "have done for eleven years now", "been doing it 20 years"
                       r"(?:(?:i'?ve |i have |have )?(?:done|been doing|been|worked)\s+(?:it\s+|"
                       r"this\s+|that\s+|there\s+)?)?"
                       r"(?:for\s+|since\s+|over\s+|almost\s+|nearly\s+)?" + _HOW_MANY +
                       r"\+?\s*"
                       r"(?:yrs?|years?|months?)\b[^,.;!?\n]{0,60}$|"
                       r"^\W*since (?:19|20)\d\d\b", re.I)
_CLAUSE_END = re.compile(r"[,.;!?\n]")
# a clause of its own that says what kind of that work: "mostly domestic rewires and consumer
# unit swaps", "mainly inbound sales calls", "specialising in bridal hair"
_WHAT_KIND = re.compile(r"^\W*(?:mostly|mainly|mostly doing|specialis\w+ in|specializ\w+ in|"
                        r"doing mostly|focus(?:ed|ing)? on)\s+[^,.;!?\n]{3,60}$", re.I)
# what follows the work in the same clause: a wish, a change, a laugh
_WORK_END = re.compile(r"\s+(?:but|and (?:i|im|i'm|now)|so|now|while|whilst|lol|haha|though|"
                       r"thinking)\b.*$",
                       re.I | re.S)


def _job_phrase(found: re.Match[str]) -> str:
    """The job a pattern found, cut before how long or since when; "working as kitchen
    porter in a hotel" is "kitchen porter in a hotel" (it was said back as "you work as
    working as kitchen porter")."""
    job = _JOB_END.sub("", found.group("job")).strip(" -'\"")
    return re.sub(r"^(?:working|work|employed)\s+(?:as\s+)?(?=\w)", "", job, flags=re.I)


def opening_job(text: str) -> str | None:
    """The job a message opens with, when it goes on to tell more than an introduction
    ("I work in a warehouse, driving forklift since 5 year, now they ask me to help with
    planning" gives "in a warehouse"): the caller keeps it only while no job is known."""
    found = _JOB_SAID.match(text.lstrip())
    if found is None or _A_NAME_ONLY.match(found.group("job")):
        return None
    job = _job_phrase(found)
    if not (_OPENING_ROLE.search(job) or _WORKPLACE.search(job)):
        return None  # "I work in a team of five", "I work at night": no job named
    return job if len(job.split()) <= 10 else None


_OPENING_ROLE = re.compile(r"\b(?:" + _ROLES + r")s?\b", re.I)
# the work said as a role and how long, with no verb: "backend dev at a fintech, 3 yrs, mostly
# python and postgres", "staff nurse on a surgical ward, 5 years" (an ad's title names no
# time in the job)
_ROLE_TENURE = re.compile(
    r"^\W*(?P<job>(?:[\w/&'-]+\s+){0,3}(?:" + _ROLES + r")s?(?:\s+(?:at|in|for|on|with)\s+"
    r"[^,.;!?\n£$€]{2,40})?)\s*(?:,|-|–)\s*(?:been (?:at it|doing (?:it|this|that)|in (?:it|"
    r"the (?:trade|job|game))) )?(?:for\s+)?" + _TIME_IN_WORK +
    r"(?!\s*(?:experience|exp|contract|fixed|temp|ftc|minimum|min|required|needed|\+)\b)",
    re.I)


def _role_tenure(text: str) -> re.Match[str] | None:
    """A role and how long in it, after a greeting or not ("alright. roofer, been at it 20
    odd yrs, mostly pitched roofs round birmingham")."""
    greeting = _GREETING.match(text)
    rest = text[greeting.end():] if greeting else text
    return _ROLE_TENURE.match(rest) or (_ROLE_PLACE.match(rest) if greeting else None)


# after a greeting, a role and where, with no verb: "hey. forklift driver at a distrubution
# centre, nights"
_ROLE_PLACE = re.compile(
    r"^\W*(?P<job>(?:an?\s+)?(?:[\w/&'-]+\s+){0,3}(?:" + _ROLES + r")s?\s+(?:at|in|for|on|with)"
    r"\s+[^,.;!?\n£$€]{2,40}?)\s*(?:,\s*(?:on\s+)?(?:nights|days|lates|earlies|part[- ]time|"
    r"full[- ]time|agency|weekends|permanent|temp|shifts))?\W*$", re.I)


# where people say they work: "in a warehouse", "at a care home", "for a bakery"
_WORKPLACE = re.compile(
    r"\b(?:warehouse|factory|plant|shop|store|supermarket|restaurant|kitchen|hotel|pub|bar|"
    r"cafe|café|bakery|hospital|ward|clinic|surgery|practice|pharmacy|care home|nursing home|"
    r"school|nursery|college|university|office|call cent(?:re|er)|bank|garage|workshop|site|"
    r"depot|farm|salon|gym|library|council|charity|airport|station|port|mine|lab|laboratory|"
    r"studio|agency|startup|company|firm|hub|distribution|logistics|retail|construction|"
    r"hospitality|healthcare|social care|it|tech|finance|accounts|admin|reception|"
    r"(?:\w+ )?department)\b", re.I)


def stated_work(text: str, job: str | None = None) -> str | None:
    """The introduction's words that tell the work the person does or did, verbatim: the
    clause holding the stated job, with a clause right after it that says how long ("I was
    assistant manager in a supermarket for 7 years", "school cook, 22 yrs in the job"); None
    without a job, or for a job still trained for (no experience told). ``job``: the stated
    job when the caller has it already (:func:`stated_job`)."""
    job = job or stated_job(text)
    if not job or _TRAINING.match(job):
        return None
    at = text.lower().find(job.lower())
    if at < 0:
        return None
    start = max((m.end() for m in _CLAUSE_END.finditer(text, 0, at)), default=0)
    end_mark = _CLAUSE_END.search(text, at + len(job))
    end = end_mark.start() if end_mark else len(text)
    # then how long and what kind, each a clause of its own ("backend dev at a fintech, 3
    # yrs, mostly python and postgres")
    for _ in range(2):
        if not (end_mark and end_mark.group() == ","):
            break
        after = _CLAUSE_END.search(text, end + 1)
        nxt = text[end + 1: after.start() if after else len(text)]
        if not (_HOW_LONG.match(nxt) or _WHAT_KIND.match(nxt)):
            break
        end = after.start() if after else len(text)
        end_mark = after
    # what follows the work is cut, never what leads to it ("now I work in a call centre")
    said = (text[start:at] + _WORK_END.sub("", text[at:end])).strip(" -'\"")
    return said or None


def stated_name(text: str) -> str | None:
    """The name an introduction tells ("hi, I'm Gareth, I'm a ... electrician" -> "Gareth",
    "Noor here", "my name is ana" -> "Ana", "Priyanka, maintenance engineer ..."), or None.

    Only for an introduction; a role word in lower case where the name would stand ("hi im
    nurse on ward 4") is no name, a capitalised one is ("hi im Dev, line cook")."""
    if not (introduction(text) or opens_with_introduction(text)):
        return None
    greeting, rest = _greeted(text)
    found = _NAME.match(rest)
    if found is not None:
        said = found.group("name") or found.group("here")
        if said is None:  # "my name is ana": the word after the cue
            said = found.group(0).split()[-1]
        elif not _capitalised(found) and not greeting:
            return None
    else:
        bare = _BARE_NAME_ONLY.match(rest)
        said = bare.group(0) if bare else None
    if not said or not said[0].isalpha() or said.lower() in _NOT_NAMES or \
            (said.islower() and re.fullmatch(_ROLES, said, re.I)):
        return None
    return said[:1].upper() + said[1:]


# words that stand where a name would and are none ("hi, it's me", "hi im new here")
_NOT_NAMES = frozenset({"me", "new", "back", "here", "just", "still", "also", "really", "so",
                        "a", "an", "the", "not", "from", "in", "at", "on", "with", "your"})


_BARE_NAME_ONLY = re.compile(r"^[A-Z][a-z'-]+(?=\s*[,.-])")
# one capitalised word and then a comma or the end: a name ("Dev", "Cook", "Porter")
_A_NAME_ONLY = re.compile(r"^[A-Z][a-z'-]+\s*$")


def _capitalised(name: re.Match[str]) -> bool:
    """A name typed with a capital ("Tom", "Noor here"), or "my name is ..."."""
    found = name.group("name") or name.group("here")
    return not found or found[:1].isupper()


def opens_with_introduction(text: str) -> bool:
    """Whether a sentence opens with the writer's greeting and name ("hey im Jess, I work in
    a call centre ... but I want to move into IT support", "hi, Noor here."), whatever
    follows: who the writer is, not an event of their week."""
    greeting, rest = _greeted(text)
    name = _NAME.match(rest)
    return name is not None and (bool(greeting) or _capitalised(name))


def _greeted(text: str) -> tuple[re.Match[str] | None, str]:
    """A message's opening greeting ("hi", "hey there"), if any, and the words after it."""
    greeting = _GREETING.match(text)
    return greeting, text[greeting.end():] if greeting else text.lstrip(" \t\"'")


def command(text: str) -> str | None:
    """The intent of an exact command, or None when the message is not one.

    Args:
        text: the message, verbatim.

    Returns:
        An intent name (``forget_confirm`` for the explicit confirmation), or None.
    """
    if FORGET_PHRASE.match(text):
        return "forget_confirm"
    slash = _SLASH_RE.match(text)
    if slash and slash.group(1).lower() in _SLASH:
        return _SLASH[slash.group(1).lower()]
    if _REJECT.match(text):
        return "reject"
    if _UNDO.search(text):
        return "undo"
    bare = re.sub(r"[\s!.]+$", "", text.strip().lower())
    if bare in _WORDS:
        return _WORDS[bare]
    return "small_talk" if introduction(text) else None


def reject_numbers(text: str) -> list[int]:
    """The item numbers in a "reject N" command (``reject 1 and 3`` -> ``[1, 3]``)."""
    match = _REJECT.match(text)
    return [int(n) for n in re.findall(r"\d+", match.group(1))] if match else []
