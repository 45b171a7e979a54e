"""Rules for the clear cases of a job ad: headings, inline labels, and lines set aside.

Headings are recognised in any common style ("What we're looking for", "YOUR PROFILE",
"You'll bring:", "## Key responsibilities", "**Desirable**"); a heading names a section:
``must``, ``nice``, ``duty``, ``stack`` (technologies used), ``benefit``, ``company``,
``apply`` or ``meta``. A heading that names none of them ("Job description") leaves the
section open, and the learned line decision (:mod:`tools.job_lines`) takes over.
"""

from __future__ import annotations

import re

from tools.job_ad_terms import has_money, terms_reason
from tools.job_ad_terms import is_pay as is_pay

SECTIONS: list[tuple[str, str]] = [
    ("meta", r"job (?:types?|id|ref\w*|details|category)|date posted|posted( on)?|salary( range)?|"
             r"pay( rates?)?|wage|hours( of work)?|(?:freelance |hourly |day |daily )?rates?|"
             r"working hours|location( options)?|contract"
             r"( type)?|closing date|start date|reference|ref|experience level|seniority( level)?|"
             r"industry|company (?:size|type)|employment type|department|reports? to|city|"
             r"country|remote|job area|grade|band|likes|schedule|work(?:ing)? schedule|"
             r"work location|job location|work setting|work type|shifts?(?: pattern)?|"
             r"(?:working|work) patterns?|contract length|"  # NHS Jobs: "Working pattern:"
             # the apprenticeship service's own headings (gov.uk "Find an apprenticeship")
             r"where you(?:'ll| will) work|working week|expected duration|"
             r"possible start date|apprenticeship level|positions? available|training provider|"
             r"training course|course"),
    ("nice", r"nice|(?:nice|good|great) to have|nice[- ]to[- ]haves?|bonus(?: points)?|"
             r"(?:it'?s |would be )?a plus|preferred(?: qualifications| skills)?|desirables?|"
             r"desired|optional|extra points|ideally|advantageous|assets?|desirable (?:criteria|"
             r"skills|requirements|qualifications|experience)|"
             r"(?:and |now )?it would be (?:fantastic|great|nice|amazing|a plus|awesome) if you"
             r"(?: could)?(?: also)?|bonus points if you(?: have)?"),
    ("must", r"(?:key selection criteria|(?:key |essential |required |minimum |basic |our |"
             r"selection |entry |other )?"
             r"(?:requirements?|qualifications?|"
             r"skills?(?: (?:and|&) (?:experience|qualifications))?|"
             r"competenc(?:e|ies)|criteria))|required|essentials?|must[- ]haves?|"
             r"what (?:we(?:'re| are) looking for|we need|we expect|you(?:'ll)? need|"
             r"you(?:'ll| will)? bring|you bring|you have|you(?:'ll)? have)|"
             r"you(?:'ll| will)? (?:bring|need|have)|you bring|you have|who you are|"
             r"(?:your|candidate) profile|ihr profil|profile|about you|person specification|"
             r"(?:the |our )?(?:ideal |right )?person|the candidate|"
             r"the ideal candidate|ideal candidate|we(?:'re| are) looking for|looking for|"
             r"who we(?:'re| are) looking for|we expect|you should have|"
             r"knowledge(?: and experience)?|experience|"
             r"the qualifications you need|is this you|what it takes|your skills|key skills|"
             r"what we need from you|our expectations|eligibility|skills required|"
             r"what you(?:'ll| will)? bring to the table|you (?:could|might) be (?:our|the) "
             r"(?:next |new )?[\w -]+ if you"),
    ("duty", r"(?:key |main |your |core |primary |essential |principal |job |general )?"
             r"(?:responsibilities|duties|tasks|accountabilities)|(?:essential|key|main|primary|"
             r"core|principal) (?:job )?(?:functions|duties and responsibilities)|"
             r"(?:job|position|role) (?:summary|duties|functions)|"
             r"what (?:you|u)(?:'ll| will)? (?:do|be doing|work on|"
             r"be working on)(?: at work| day to day| each day| every day)?|"
             r"you(?:'ll| will)? (?:do|work on|be responsible for)|you(?:'ll| will)|"
             r"the role|your role|"
             r"about the (?:role|position)|role description|the job|the position|"
             r"your missions?|your (?:day|week)|day[- ]to[- ]day|in this role|"
             r"what the job involves|job purpose|ihre aufgaben|your impact|the work|"
             r"(?:main )?duties of the (?:job|role)|purpose of the role|your shift|"
             r"roles? (?:and|&) responsibilities|what awaits you|(?:what )?your role will be|"
             r"as (?:an? |our )[\w -]+ you(?:'ll| will)"),
    ("stack", r"(?:core |our )?(?:technologies|tech(?:nology)? stack|stack|tools(?: we use)?)"
              r"(?: used)?(?: in the application)?"),
    ("benefit", r"(?:job |our |the )?benefits|perks(?: and benefits)?|what we (?:can )?offer"
                r"(?: you)?|we (?:can )?offer(?: you)?|"
                r"what'?s in it for you|why (?:join|work (?:for|with)) us|why you'?ll love "
                r"(?:it|us|working)(?: \w+){0,3}|(?:salary|pay) (?:and|&) benefits|rewards?|"
                r"compensation(?: and benefits)?|the package|what you(?:'ll| will)? get|wir bieten|"
                r"working (?:at|for|with) us|life at \S+|the rewards|joining [\w <>&'-]+ "
                r"means|you(?:'ll| will) find yourself surrounded by|after (?:this|the|your) "
                r"apprenticeship|future prospects|career progression|progression"),
    ("company", r"about (?:us|the company|the team|\S+)|what makes us \w+|why us|"
                r"about (?:this|the|our) (?:employer|company|organi[sz]ation|practice|"
                r"business|school|trust|charity|firm|group)|"
                r"you(?:'re| are) welcome at \S+|who we are|(?:company|team) "
                r"description|our (?:company|story|mission|team|values|culture)|"
                r"the company|the team|your team|what do we do|our client|über uns|"
                r"why (?:this|the) (?:role|job|position|team) matters|why (?:join|work (?:for|"
                r"with|at)) us|why us|what makes us (?:different|special|unique)|"
                r"working for our organi[sz]ation|about the (?:organi[sz]ation|service)|"
                # a research post's context: what is known, what is hard, who funds it
                r"(?:project |research |scientific )?background|context|about the project"),
    ("apply", r"how to apply|to apply|apply(?: now)?|applications?(?: procedure| process)?|"
              r"contact(?: us)?|next steps|recruitment process|further information|"
              r"additional information|equal opportunit\w+|diversity|ask a question|"
              r"questions\??|contact details"),
]
# a company heading that only gives a research post's context; the next title ends it
CONTEXT_HEADING = re.compile(r"^(?:(?:project |research |scientific )?background|context|"
                             r"about the project)\W*$", re.I)
_SECTION_RES = [(name, re.compile(rf"^(?:{pattern})$")) for name, pattern in SECTIONS]
# ("About the job" heads a whole pasted LinkedIn page: the firm, the duties and the needs)
_OPEN = re.compile(r"^(?:job description|description|overview|summary|the opportunity|"
                   r"about the job|role overview|position summary|details|job overview|"
                   r"more about the (?:position|role|job))$")
# A bullet glyph may touch its text ("•Train staff"); a dash, star or number needs a space.
_BULLET = re.compile(r"^\s*(?:[•·▪■►▸✓✔→○◦●✅☑➤➢▶◆♦★✦❖»]\s*|(?:[-*–—]|\d{1,2}[.)]|[a-z][.)]|"
                     r"\(\w\))\s+)")
INLINE_BULLET = re.compile(r"\s+[•·▪■►✓✔✅➤]\s+")
_LABEL = re.compile(r"^([^:]{2,48}):\s*(.*)$")

INJECTION = re.compile(
    r"\b(?:ignore (?:all |any |the |your )?(?:previous|prior|above|earlier|other)|disregard "
    r"(?:all|any|the|previous|your)|system prompt|you are now|pretend|"
    # "act as if ...", "act as an AI ...", not a duty ("Act as personal tutor to students")
    r"act as (?:if|though)|act as (?:an? |the |my )?(?:ai|assistant|chatbot|bot|language model|"
    r"llm)|"
    r"say (?:that )?(?:the |this )?(?:candidate|applicant)|(?:the )?candidate (?:has|holds|is an?)|"
    r"write that|instructions? (?:to|for) (?:the |any )?(?:ai|assistant|model|llm)|"
    r"assistant:|system:|as an ai|(?:if|when) you(?:'re| are) an? (?:ai|llm|language model|"
    r"bot|automated|assistant|machine)|ai (?:screeners?|screening|recruiters?|tools?|"
    r"systems?|models?|assistants?|agents?)|language models?|llms?|chatgpt|gpt-?\d|"
    r"note to (?:the )?(?:ai|bots?|automated)|(?:rate|rank|score|mark|flag) (?:this|the|"
    r"every|each) (?:candidate|applicant|cv|resume)|include the (?:word|phrase)|"
    r"respond (?:only )?with)\b", re.I)
META_LINE = re.compile(
    rf"^(?:{SECTIONS[0][1]}|closing|deadline|application deadline|ref\.?|job ref|req(?:uisition)?"
    r" id|dislikes|love)\s*:", re.I)
# Bare metadata shapes: "9-36 hours per week", "Mon-Fri 8.30am-4.30pm", "£26-29k + equity".
_DAY = r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*"
META_SHAPE = re.compile(
    rf"^(?:\W*(?:up to |from |about |around )?\d[\d.,:]*\s*(?:[-–]|to)?\s*[\d.,:]*\s*(?:hours?|hrs?"
    rf"|h)\s*(?:per|a|/|each)\s*(?:week|wk|day|month)\b|{_DAY}\s*(?:[-–]|to)\s*{_DAY}\b"
    r"|[£$€]\s?\d[\d.,]*k?(?:\s*[-–]\s*[£$€]?\s?\d[\d.,]*k?)?\b)(?!.*\b(?:experience|"
    r"knowledge|skills?|able)\b)", re.I)
META_MAX_CHARS = 200  # META_SHAPE backtracks quadratically over a long run of digits


def _meta_shaped(line: str) -> bool:
    """A short line shaped like pay or hours ("£24k", "37.5 hours per week", "Mon - Fri")."""
    return len(line) <= META_MAX_CHARS and META_SHAPE.match(line) is not None


BENEFIT = re.compile(
    r"\b(?:holidays?|vacation|paid time off|pto|pension|401k|insurance|medical cover|"
    # dental cover, not the dental work of a dental ad ("taking dental radiographs")
    r"(?:health|medical)(?:,|,? and|,? &)\s+dental|dental (?:insurance|plans?|cover|scheme|"
    r"benefits?)|dental(?:,|,? and|,? &)\s+(?:vision|optical|medical|health)|"
    r"(?:private )?health ?care (?:plan|cover|insurance|scheme)|private healthcare|"
    r"bonus(?:es)? (?:scheme|package)|salary|competitive pay|perks?|discounts?|"
    r"gym(?! (?:instructor|instructing|floor|inductions?|members?|sessions?|classes?))|"
    r"free (?:breakfast|lunch|snacks|coffee|parking|fruit)|annual leave|days'? (?:leave|off)|"
    r"(?:parental|sick) (?:leave|pay)|maternity|paternity|adoption pay|volunteer days?|"
    r"cycle to work|season ticket|(?:position|role|job|company) offers|offers? you|"
    r"career opportunit\w+|development opportunit\w+|learning opportunit\w+|"
    r"stock options|share options|equity|we offer|you(?:'ll| will) (?:get|receive|enjoy)|"
    r"we (?:provide|give you)|benefits?|wellbeing|employee assistance|relocation (?:package|"
    r"support|service)|company (?:car|laptop|macbook|phone)|socials|team events|"
    r"flexible (?:working|hours|schedules?|benefits)|hybrid working|work from home|mileage|"
    r"paid training|refer a friend|bonus of|per (?:hour|hr|annum|year|mile)|/hr|"
    # the reader's own budget, not one they would manage ("managed a monthly ad budget")
    r"(?:learning|training|development|education|conference|equipment|home[- ]office|"
    r"wellbeing|wellness|book|personal|annual|yearly|L&D|travel) budget|"
    r"(?:birthday|days?) off|\d[- ]day (?:week|weekend)|tips|canteen|parking|"
    r"(?:start[- ]?up|relocation|salary|remuneration) package|negotiable|"
    # What the job leads to or how it feels to work there: prospects, not demands.
    r"opportunit(?:y|ies) for (?:an? )?(?:international|career|personal|professional)|"
    r"opportunit(?:y|ies) to (?:become|join|be part|work (?:abroad|with|in|alongside)|travel|"
    r"visit|grow|progress|advance|shape|make a difference|learn|gain|develop your (?:career|"
    r"own))|prospects? (?:of|for)|career (?:path|progression|prospects|growth|development|"
    r"advancement|ladder)|(?:international|long-term|future|global) career|platform for|"
    r"you(?:'ll|’ll| will)? get to(?! know)|"
    r"(?:you(?:'ll|’ll| will)? have )?the (?:advantage|chance|possibility) (?:of|to)|"
    r"atmosphere|team spirit|flat (?:structure|hierarch\w*|"
    r"organi[sz]ation)|hack ?days?|hackathons?|(?:will be|are) appointed for|"
    r"tenure(?:d| track)|"
    r"tools (?:provided|supplied)|top rates|in the heart of|(?:payment|pay|salary) (?:according "
    r"to|in line with)|you(?:'ll|’ll| will) learn (?:from|quickly|"
    r"a lot|fast))\b", re.I)
COMPANY = re.compile(
    r"^(?:we(?:'re| are) (?:a|an|the|one|proud|committed|passionate|on a|building|growing|"
    r"backed|based|also)|our (?:mission|vision|company|values|culture|story|clients|customers|"
    r"team (?:is|of)|purpose|ambition|passion)|founded|established|headquartered|"
    r"<organization>(?!.*\b(?:looking|seeking|searching|hiring)\b)|join (?:us|our|a team)|"
    r"(?:at (?:\S+ ){0,5}?\S+|in our \w+(?: \w+)?),? we\b(?!.*\b(?:you|your|looking|seeking|"
    r"hiring|candidates?)\b)|about <organization>|"
    r"\S+(?: \S+){0,4} (?:is|are) (?:a|an|the|one of the) (?:leading|global|"
    r"world|international|modern|growing|fast|specialist|independent|family|market|"
    r"strategic)|\S+(?: \S+){0,5} (?:has|have|employs) (?:over|more than|about|around) "
    r"[\d,.]+|(?:we|our|us)\b(?!.*\b(?:you|looking|seeking|searching|need|expect|"
    r"require|want|hiring)\b))|we hope\b", re.I)
# The employer saying what it is, addressing no reader: its "registered" or "certified" is
# the firm's, not a requirement.
WE_ARE = re.compile(r"^(?:we(?:'re|’re| are) (?:a|an|one of|proud to be)|our (?:company|"
                    r"organisation|organization|firm|practice|agency|charity) is)\b", re.I)
# The organisation speaking of itself, whatever needs its words name ("In our teaching we
# strive to ... practical experience", "Our work results in ...", "The mission of the Hub:").
FIRM_FIRST = re.compile(
    r"^(?:in our \w+(?: \w+)?,? we|at (?:\S+ ){0,5}?\S+,? we\b(?! (?:are|'re) (?:looking|"
    r"seeking|searching|hiring))|our (?:mission|vision|values|culture|story|purpose|work|"
    r"research|ambition)\b(?! (?:is|will be) (?:to )?(?:find|hire|recruit))|the (?:mission|"
    r"vision|purpose) of|(?:founded|established|headquartered) in|on behalf of|for (?:our|a) "
    r"client\b|"
    # a recruiter's client told ("Established 30 years, our client is a respected ...")
    r"(?:established|trading) (?:for )?(?:over |more than |almost |nearly )?\d+\+? years\b|"
    r"(?:[^,]{0,40},\s*)?our client(?:,|\s+(?:is|are|has|have|was)\b)(?!\s+(?:currently\s+|"
    r"now\s+)?(?:looking|seeking|searching|hiring|recruiting)\b))|\b(?:state-of-the-art "
    r"(?:\w+ )?(?:facilit|equipment|laborator|lab)\w*|is (?:also )?well[- ]equipped)", re.I)
# The terms of the post: its length and what follows it.
POST_TERMS = re.compile(r"\b(?:will be appointed for|appointed for a (?:period|term) of|"
                        r"for a (?:fixed )?period of \w+ (?:years?|months?)|"
                        r"prospect of (?:\w+[- ])*(?:advancement|tenure|promotion|permanent))",
                        re.I)
# What the reader gets, said as their future ("you will have the advantage of gaining ...").
READER_GETS = re.compile(r"\byou(?:'ll|’ll| will) (?:have|get|gain) (?:the )?(?:advantage|"
                         r"opportunity|chance|possibility) (?:of|to)\b", re.I)
# The team or organisation the post belongs to, described ("join an international team of
# about 70 professionals", "be part of a global and expanding organization which ...").
TEAM_TOLD = re.compile(r"\b(?:join|be part of|become part of) (?:a|an|our|the) (?:[\w-]+,? "
                       r"(?:and )?){0,3}(?:team|organi[sz]ation|company|group|network) (?:of "
                       r"(?:about |around |over |more than )?\d|which|that|with (?:a|an|over|"
                       r"more))", re.I)
READER = re.compile(r"\b(?:you|your|you'll|you're|candidates?|applicants?|the successful)\b",
                    re.I)
APPLY = re.compile(r"\b(?:apply (?:now|online|here|today|via|through|thru|by|in person|at)|"
                   r"send (?:your|us) (?:cv|resume|application)|application deadline|"
                   r"deadline for applications|"
                   r"please (?:contact|apply|send|attach|submit)|for (?:more|further) "
                   r"information|applications? (?:must|will|should|can)|hiring process|"
                   r"(?:phone|video|first|second|final) interviews?|interview (?:process|stage)|"
                   r"equal opportunit\w+ employer|we (?:welcome|encourage) applications|"
                   r"(?:welcomes?|encourages?|invites?) applications? from|"
                   r"unsolicited|looking forward to (?:your|hearing|receiving|meeting)|"
                   r"sounds? (?:interesting|like you)|dm (?:me|us|with)|(?:message|inbox) "
                   r"(?:me|us))\b", re.I)
# the employer's pledge, whoever says it ("The Trust is committed to equality, diversity and
# inclusion"; "We are an equal opportunities employer"): no need of the reader
_PLEDGE = re.compile(r"\b(?:is|are|remains?) (?:fully |deeply |strongly )?committed to (?:the )?"
                     r"(?:equality|diversity|inclusion|inclusivity|equal opportunit\w+|"
                     r"safeguarding|anti-?racis\w+|being an? (?:inclusive|diverse|equal)|"
                     r"(?:building|creating|fostering) an? (?:diverse|inclusive))", re.I)
# what the post itself asks ("We are committed to safeguarding; this post requires a basic
# DBS check"): a need, whatever the firm says before it
POST_NEEDS = re.compile(r"\b(?:this|the) (?:post|role|position|job|vacancy) (?:requires|will "
                        r"require|is subject to|needs)\b", re.I)
REQUIREMENT_CUE = re.compile(
    r"\b(?:experience|experienced|knowledge|proficien\w*|familiar\w*|ability|able to|skills?|"
    r"degree|certif\w*|licen[cs]e|registration|registered|fluent|understanding|background|"
    r"track record|must|required|essential|qualified|qualification|competent|"
    r"comfortable|confident|\d+\+? years?|years? of)\b", re.I)
DUTY_CUE = re.compile(r"^(?:you(?:'ll|’ll| will)|responsible for|your (?:main )?(?:role|task|job|"
                      r"responsibilit\w+)|in this (?:role|position)|"
                      # "The role involves managing subcontractors ..."
                      r"(?:the|this) (?:role|job|position|post) (?:involves|will involve|"
                      r"includes|will include|is about)\b|as (?:a|an|our) [\w -]+"
                      r"(?:you|,)|\w+ing\b|"
                      # "The successful candidate will coordinate the shift", not "will have"
                      r"(?:the )?successful (?:candidate|applicant|post ?holder) will "
                      r"(?!(?:be|have|hold|need|possess|bring|demonstrate|ideally)\b))", re.I)
NICE_CUE = re.compile(
    r"\b(?:nice[- ]to[- ]have|nice to have|a (?:real |big |huge |definite |great )?plus|bonus|"
    r"preferred|preferably|desirable|desired|advantage\w*|ideally|would be (?:great|nice|"
    r"good|helpful|beneficial)|beneficial|is an asset|an asset|not essential|not required|"
    r"welcome|extra points|good to have|(?:would be|is|are|be) (?:handy|useful))\b", re.I)
YOU = re.compile(r"^(?:you(?:'ll|’ll| will| would| should| must)?|you have|your (?:role|job|"
                 r"main|tasks?)|as (?:a|an|our) )\b", re.I)
# "Experience is welcome but not essential" says none: the cue is denied
MUST_CUE = re.compile(r"(?<!\bnot )(?<!n't )(?<!\bnot necessarily )"
                      r"\b(?:must|required|essential|mandatory|is a must)\b", re.I)


_PAGE_WORDS = re.compile(r"(?:…\s*)?(?:show|see|read|view) (?:more|less|all)\W*|apply now|"
                         r"easy apply|save(?: job)?|report (?:this )?job|share(?: job)?", re.I)


# a recruiter's message: its greeting, sign-off, the recruiter's own words and the call asked
SIGN_OFF = re.compile(r"(?:best|best regards|kind regards|regards|warm regards|many thanks|"
                      r"thanks|thank you|cheers|best wishes|sincerely|speak soon|talk soon)"
                      r"(?:,? \w+)?\W*", re.I)
_GREETING_LINE = re.compile(r"(?:hi|hello|hey|dear|good (?:morning|afternoon|evening))"
                            r"(?: there| all)?(?:,? [A-Z][\w'-]*(?: [A-Z][\w'-]*)?)?\W*",
                            re.I)
_RECRUITER = re.compile(r"\b(?:came across your (?:profile|cv|linkedin)|(?:reaching|reach) out|"
                        r"(?:one of )?my clients?\b|on behalf of (?:my|our) client|thought "
                        r"(?:you'?d|you would) be a (?:great|good|strong|perfect|brilliant) fit|"
                        r"i'?m (?:currently )?recruiting for)", re.I)
_CALL_ASKED = re.compile(r"\b(?:open to|fancy|up for|free for|time for|available for|interested "
                         r"in) (?:a )?(?:quick |brief |short |informal )?(?:call|chat|"
                         r"conversation|catch-?up)\b", re.I)


def greeting_line(unit: str) -> bool:
    """Whether a line only greets the reader ("Hi Maria,", "Dear all")."""
    return _GREETING_LINE.fullmatch(strip_bullet(unit).strip()) is not None


# A staff member quoted in the ad ("And quickly you will be able to use your experience ...,
# <NAME> finishes.", "'I love the variety,' says Anna, one of our nurses"): the firm's voice
_SAYS = (r"(?:says|said|explains|explained|adds|added|finishes|concludes|continues|tells us|"
         r"laughs|smiles)")
_SPEAKER_NAME = r"(?:<NAME>|[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)"
_TESTIMONIAL = re.compile(
    rf"[,’'\"”]\s*(?:{_SAYS}\s+{_SPEAKER_NAME}|{_SPEAKER_NAME}\s+{_SAYS})"
    r"(?:,\s[^.]{0,60})?\.?\s*$")


_HELP_US = re.compile(r"\byour\b.{0,60}\bhelps? us (?:to )?(?:change|make|build|shape|deliver|"
                      r"achieve|grow|improve|create|transform)\b", re.I)
_IMPORTANCE = re.compile(r"\b(?:will be|is|are) (?:essential|crucial|vital|critical|key) (?:in|for|"
                         r"to) (?:the )?(?:development|future|success|growth|transformation)\b"
                         r"(?! of (?:the |this )?(?:role|post|team)\b)", re.I)


def aside_reason(unit: str) -> str | None:
    """A reason to set a line aside whatever its section (``metadata``, ``benefit``,
    ``application``, ``company``, ``other``), or None."""
    plain = strip_bullet(unit)
    if _PAGE_WORDS.fullmatch(plain.strip()) or SIGN_OFF.fullmatch(plain.strip()) or \
            _GREETING_LINE.fullmatch(plain.strip()):
        return "other"  # "Show more": the job board's buttons; "Best,", "Hi Maria,": a letter's
    if _RECRUITER.search(plain):
        return "other"  # "I came across your profile and thought you'd be a great fit ..."
    if _CALL_ASKED.search(plain):
        return "application"  # "Would you be open to a quick call this week?"
    if META_LINE.match(plain) or (len(plain.split()) <= 10 and _meta_shaped(plain)):
        return "metadata"
    if _TESTIMONIAL.search(plain):
        return "company"  # "..., <NAME> finishes.", "says Anna, our team lead": a quote
    if (_HELP_US.search(plain) or _IMPORTANCE.search(plain)) and not re.search(
            r"\b(?:must|required|essential for (?:the|this) (?:role|post|job))\b", plain, re.I):
        # "your skills dedication and ambition help us change lives for the better",
        # "Personalized Medicine ... will be essential in the development of ...": the
        # firm's mission, not a need
        return "company"
    if is_pay(unit):
        return "benefit"
    if terms := terms_reason(plain):  # "Applicants must send a CV ...": never a requirement
        return terms
    if WE_ARE.match(plain) and not READER.search(plain) and not POST_NEEDS.search(plain):
        return "company"  # "We are a CQC registered provider ...": the firm's credentials
    if FIRM_FIRST.search(plain) and not READER.search(plain):
        return "company"  # "In our teaching we ... practical experience": the firm's own
    if POST_TERMS.search(plain) or READER_GETS.search(plain):
        return "benefit"  # "... will be appointed for a period of six years"
    if TEAM_TOLD.search(plain):
        return "company"  # "... will join an international team of about 70 professionals"
    if _PLEDGE.search(plain) and not READER.search(plain) and not POST_NEEDS.search(plain):
        return "company"  # "The Trust is committed to equality, diversity and inclusion"
    if REQUIREMENT_CUE.search(unit) or POST_NEEDS.search(plain):
        return None
    if unit.rstrip().endswith("?") and not re.search(r"\byou", unit, re.I):
        return "other"  # "Does it sound interesting?" asks nothing of the candidate
    if APPLY.search(unit):
        return "application"
    if BENEFIT.search(unit):
        return "benefit"
    if COMPANY.search(plain):
        return "company"
    return None


# A firm named as the subject: "Precision Aero Components has manufactured ...", "PaySetu
# processes 40 million ...". Capitalised words (with "&", "of", "and"), then "is/has" or a verb.
_NAMED = re.compile(r"([A-Z][\w&'’.-]*\s(?:(?:[A-Z][\w&'’.-]*|&|of|and)\s){0,4})"
                    r"(?!(?:this|its|his|thus|plus|us|as|across|always|perhaps|less|unless|"
                    r"towards|whereas|besides|sometimes)\b)"
                    r"(?:is|are|was|were|has|have|had|[a-z]+s)\b")
_NOT_A_NAME = frozenset({"the", "this", "that", "these", "our", "we", "you", "your", "a", "an",
                         "it", "they", "he", "she", "there", "what", "who", "why", "how", "if",
                         "all", "each", "every", "no", "some", "any", "one", "my", "experience",
                         "knowledge", "ability", "strong", "good", "excellent", "proven",
                         "as", "in", "at", "for", "with", "from", "on", "by", "to", "when",
                         "while", "after", "before", "during", "since", "because"})


def named_subject(line: str) -> bool:
    """Whether a line opens with a name (of a firm, a study, a place) as its subject: two or
    more capitalised words, or one with a capital inside ("PaySetu"), then a verb."""
    found = _NAMED.match(line)
    if not found:
        return False
    words = [w for w in found.group(1).split() if w[0].isupper()]
    if words[0].lower() in _NOT_A_NAME:
        return False
    return len(words) > 1 or re.search(r"[a-z][A-Z]", words[0]) is not None


# the words of a line that only names the employer and where ("DHL Supply Chain, Duisburg",
# "Acme Ltd · Berlin (Hybrid)", "NHS Lothian | Edinburgh | Full time")
_NAME_PART = re.compile(r"(?:\(?[A-Z0-9][\w&'’.+-]*\)?|&|of|and|the|de|du|la|le|von|van|der|"
                        r"für|[|·•,/()–—-]+|\(?(?i:remote|hybrid|on-?site|full[- ]time|"
                        r"part[- ]time|permanent|temporary|contract|m/f/d|f/m/d|m/w/d)\)?)")


def employer_line(line: str) -> bool:
    """Whether a short line names only an employer and a place: capitalised words, joiners and
    work-pattern words, no sentence and no verb. (The caller keeps it to the lines between the
    title and the first heading, where ads put them; "Python, SQL, Docker" names no employer,
    and the caller's term check keeps it.)"""
    text = line.strip()
    words = re.sub(r"\b(full|part) time\b", r"\1-time", text, flags=re.I).replace(
        ",", " , ").split()
    if not 1 < len(words) <= 12 or text.endswith((".", "!", "?", ":")):
        return False
    if not all(_NAME_PART.fullmatch(w) for w in words):
        return False
    return any(w[:1].isupper() for w in words) and not any(
        w.lower() in _NOT_A_NAME - {"the"} for w in words if w[:1].isupper())


def bare(line: str) -> str:
    """A line without bullets, Markdown marks and trailing colon, lower-cased."""
    text = _SYMBOLS_FIRST.sub("", _BULLET.sub("", line.strip()).strip())
    text = re.sub(r"^#+\s*|[*_]{1,3}", "", text).strip().rstrip(":.!?–-…").strip()
    return text.replace("’", "'").lower()


def strip_bullet(line: str) -> str:
    """The line without its bullet, number or leading emoji ("- Python" -> "Python",
    "📱 Running our channels" -> "Running our channels")."""
    return _SYMBOLS_FIRST.sub("", _BULLET.sub("", line.strip()).strip()).strip()


def section_of(name: str) -> str | None:
    """The section a heading text names, "open" for a neutral one, or None for no heading."""
    name = re.sub(r"\s+", " ", name.strip().lower().replace("’", "'")).strip(" :")
    if _OPEN.match(name):
        return "open"
    for section, pattern in _SECTION_RES:
        if pattern.match(name):
            return section
    if " / " in name or " | " in name:
        # a heading in two languages: "Ihre Aufgaben / Your tasks", "Wir bieten / We offer"
        found = {section_of(part) for part in re.split(r" [/|] ", name)} - {None}
        if len(found) > 1 and "benefit" in found:
            return "open"  # "What you'll need / what you'll get:": each line tells its kind
        return found.pop() if len(found) == 1 else None
    return None


def heading(line: str) -> str | None:
    """The section a whole line opens when it is a heading, else None."""
    text = bare(line)
    if not text or len(text.split()) > 10:
        return None
    return section_of(text)


def open_heading(line: str) -> str | None:
    """A line that ends with a colon and leads into a list ("We'd like you to be comfortable
    with:"): ``must`` when it names a need, ``duty`` when it says what you will do."""
    text = strip_bullet(line)
    if not text.endswith((":", "...", "…")) or len(text.split()) > 12:
        return None  # "Skills & experiences exciting to us…" leads into a list too
    if re.search(r"\b(?:the )?(?:successful|ideal) (?:candidate|applicant|person)|post ?holder|"
                 r"jobholder", text, re.I) and not text.rstrip(":.…").endswith("will"):
        return "must"  # "The successful candidate will have:"
    if re.search(r"\byou(?:'ll| will)? (?:get to|do|work on|be (?:doing|working|responsible))|"
                 r"responsibilit|tasks|duties|\bwill$", text.rstrip(":.…"), re.I):
        return "duty"  # ... "The successful candidate will:"
    if re.search(r"\b(?:awaits? you|awaiting you|in it for you|we offer|you(?:'ll| will)? get|"
                 r"you can expect|perks|benefits)\b", text, re.I):
        return "benefit"  # "This and more is awaiting you…"
    if REQUIREMENT_CUE.search(text) or re.search(r"\b(?:you|candidates?) (?:need|have|bring|"
                                                 r"should|must)|like you to|looking for", text,
                                                 re.I):
        return "must"
    return None


def label(line: str) -> tuple[str, str] | None:
    """An inline label and its content ("Essential: NMC registration"), else None."""
    found = _LABEL.match(strip_bullet(line))
    if not found or not found.group(2).strip():
        return None
    section = section_of(re.sub(r"[*_#]", "", found.group(1)))
    return (section, found.group(2).strip()) if section and section != "open" else None


# A subject or a verb of a sentence: "Looking for a barista who can do latte art" is no title.
_SENTENCE_WORDS = re.compile(
    r"\b(?:we|we're|you|you'll|you're|your|our|us|they|is|are|was|were|be|can|could|will|"
    r"would|must|should|need|needs|looking|seeking|join|have|has|who|which|do|does|offer|"
    r"offers|want|wants)\b", re.I)


# What is needed, not who: "Experience needed in retail" names no role.
_NEED = re.compile(r"(?:some |previous |relevant |prior )?(?:experience|knowledge|skills?|"
                   r"qualifications?|licen[cs]es?|degree|training|dbs)\b", re.I)


# emoji and other symbols before a heading's or a title's words ("🧠 What you bring")
_SYMBOLS_FIRST = re.compile(r"^[^\w\s#*(\[<\"'“‘£$€@&+-]+\s*")


def title(unit: str) -> str | None:
    """The ad's title when its first line reads like one (short, no sentence), else None."""
    unit = _SYMBOLS_FIRST.sub("", unit)  # "🚀 We're hiring: ..."
    # "Job title: ...", "Stellenangebot / Job offer: CNC Machinist (m/f/d)"
    found = re.match(r"^(?:[^:/]{2,30}/\s*)?(?:job title|title|role|position|job offer|"
                     r"vacancy|job opening|opening)\s*:\s*(.+)$", unit, re.I)
    if found:
        return found.group(1).strip()[:100]
    # "Sous Chef wanted." / "We're hiring: a night porter!" opens a one-line paste
    wanted = (re.match(r"^\[?(?:urgently )?(?:we(?:'re|’re| are) )?(?:now )?"
                       r"(?:hiring|recruiting)\]?\s*:?\s*(?:an? )?(.{2,60}?)"
                       r"(?:\s+(?:@|[|—–])\s.{2,60})?[.!]*$",
                       unit.strip(), re.I)
              or re.match(r"^(?:an? )?(.{2,60}?)\s+(?:wanted|needed|required)(?: urgently| asap| "
                          r"now| immediately)?(?:\s+(?:for|at|in)\s.{2,60})?[.!]*$",
                          unit.strip(), re.I))
    if wanted and len(wanted.group(1).split()) <= 6 and not _NEED.search(wanted.group(1)):
        # "Kitchen porter wanted for our pub in Ripon", "We're hiring: Junior Frontend Dev
        # (React) @ Pikl — remote (EU)"
        return wanted.group(1).strip()[:100]
    plain = unit.strip("#* ")
    if label(plain):
        return None  # "Stack: Python, Go and Docker", "Duties: cooking, cleaning": a section
    need = REQUIREMENT_CUE.search(plain)
    if need and _title_case(plain) and not _TITLE_NEED.search(plain):
        need = None  # "Registered Veterinary Nurse - Small Animal Practice (Full time)"
    if (len(plain.split()) <= 12 and not re.search(r"[.?!:]$", plain)
            and not need and not _SENTENCE_WORDS.search(plain)
            and heading(plain) is None):
        return plain[:100]
    return None


_SMALL = frozenset({"of", "and", "the", "in", "for", "to", "a", "an", "at", "with", "on", "or"})
# needs that no role's name holds, even in title case
# ("Experienced Landscaper" names the role: an adjective of a capitalised role is no need)
# ("Customer Experience Team Leader": a customer's or guest's experience is no need)
_TITLE_NEED = re.compile(r"\b(?:(?<!customer )(?<!user )(?<!guest )(?<!client )(?<!patient )"
                         r"(?<!member )(?<!visitor )experience|"
                         r"experienced(?!\s+(?-i:[A-Z]))|knowledge|years?|"
                         r"must|required|essential|ability|able to)\b", re.I)


def _title_case(line: str) -> bool:
    """Whether a line is written as a title: every word outside brackets, but the small
    ones, opens with a capital ("Registered Veterinary Nurse - Small Animal Practice")."""
    words = re.findall(r"[A-Za-z][\w'’-]*", re.sub(r"\([^)]*\)", " ", line))
    content = [w for w in words if w.lower() not in _SMALL]
    return len(content) >= 2 and all(w[0].isupper() for w in content)


# --- a job ad arriving in a chat a line at a time ----------------------------------------
# The writer in their own words: a reflection or a question, never an ad line.
WRITER = re.compile(r"\b(?:i|i'm|i’m|im|i've|i’ve|ive|i'd|i’d|i'll|i’ll|me|my|myself|mine)\b",
                     re.I)
_NEED_LINE = re.compile(
    r"^(?:(?:an? |the )?(?:excellent|strong|good|great|proven|solid|basic|working|sound|"
    r"in-depth|demonstrable|demonstrated|previous|prior|relevant|practical|hands-on|"
    r"commercial|some|full|clean|valid|current|min(?:imum)?\.? (?:of )?\d+\+? years?'? ?|"
    r"\d+\+? years?'?|at least \d+ years?'?|uk|eu|written and verbal|verbal and written|"
    r"communication|customer service|organisational|organizational|interpersonal|"
    r"analytical|technical|ict|it)[\s,/&-]*)+(?:experience|knowledge|understanding|ability|"
    r"skills?|track record|degree|qualifications?|certification|proficiency|familiarity|"
    r"driving licen[cs]e|licen[cs]e)\b|^(?:ability|able|willing(?:ness)?) to\b|"
    r"^(?:experience|knowledge|understanding|familiarity|proficiency) (?:of|in|with)\b",
    re.I)
# the employer speaking of the post or the person it wants, anywhere in the line
_HIRING = re.compile(r"\b(?:we(?:'re|’re| are) (?:also )?(?:(?:looking|searching) for|seeking|"
                     r"recruiting|hiring)|the (?:role|position|post|job) (?:requires|involves|"
                     r"includes|demands)|(?:successful|ideal|suitable|right) "
                     r"(?:candidate|applicant|person)s?\b|applicants? (?:must|should|will)|"
                     r"apply (?:now|online|today|via|by|here))", re.I)
_OFFER = re.compile(r"we offer\b|(?:the )?(?:role|position|job) offers\b", re.I)
# The reader addressed as the future holder of the post. Narrower than ``DUTY_CUE`` and
# ``YOU``, which read lines inside an ad: a bare "you" or a line opening with "-ing" is how
# people write about their own week ("you can feel when the ward ...", "Working nights ...").
_ADDRESSED = re.compile(r"you(?:'ll|’ll| will| would| should| must| need)\b|your (?:role|job|"
                        r"main|tasks?|responsibilit\w*)\b|(?:the )?(?:successful|ideal) "
                        r"(?:candidate|applicant)|responsible for\b", re.I)
_PLUS = re.compile(r"\b(?:is|are|would be) (?:a (?:big |huge |real )?plus|an advantage|"
                   r"desirable|essential|required|preferred|mandatory|beneficial)\b", re.I)


# words in the past form that open an ad's lines as adjectives ("Experienced in ...",
# "Proven track record", "Based in Leeds", "Used to working under pressure")
_AD_PARTICIPLES = frozenset({
    "experienced", "qualified", "skilled", "proven", "required", "preferred", "established",
    "based", "located", "registered", "motivated", "detailed", "organised", "organized",
    "dedicated", "talented", "licensed", "certified", "trained", "used", "advanced", "paid",
    "accredited", "enhanced", "extended", "dbs-checked", "recognised", "recognized", "added",
    "desired", "needed", "expected", "focused", "driven", "committed", "self-motivated",
    "detail-oriented", "specialised", "specialized", "supported", "salaried", "shared"})
_CLAUSE_OPEN = re.compile(r"(?:^|[.;,!]\s*|\s(?:and|then|so|but)\s+)(?:(?:also|then|just|"
                          r"finally|eventually|and|so|but)\s+)*([a-z][a-z'-]+)", re.I)
_DAY_TOLD = re.compile(r"\b(?:today|yesterday|tonight|last night|this (?:morning|week)|"
                       r"(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b", re.I)


def diary_note(text: str) -> bool:
    """Whether a message tells what was done, without "I" ("spent tuesday chasing a race
    condition ..., added a SELECT FOR UPDATE and wrote a regression test", "also paired with
    our junior on her first PR, walked her through mocking the stripe client"): two clauses
    that open with a verb in the past, or one on a day named. An ad never says what was
    done; its past forms are adjectives ("Experienced in", "Proven track record")."""
    from tools.verbs import is_past_form

    if _WEEK_OPENS.match(text) or _CHAT_WORDS.search(text):
        return True  # "wk1 footings on a new build site, 4 plots": a week told; no ad says "lol"
    opened = [w.lower() for w in _CLAUSE_OPEN.findall(text)]
    done = [w for w in opened if is_past_form(w) and w not in _AD_PARTICIPLES]
    return len(done) >= 2 or (len(done) == 1 and _DAY_TOLD.search(text) is not None)


# a week of the writer's, opening a message ("wk1 ...", "week 2 -", "Second week ...")
_WEEK_OPENS = re.compile(r"^\W*(?:(?:wk|week)\s*\d|(?:first|second|third|fourth|last|this) "
                         r"week\b)", re.I)
# words of a chat, never of an ad
_CHAT_WORDS = re.compile(r"\b(?:lol|lmao|tbh|ngl|haha+|innit|summat|dunno|give or take)\b",
                         re.I)


def chat_ad_line(text: str) -> str | None:
    """Why a chat message reads as a job ad's text rather than the writer's own words, or
    None. A job ad pasted into a chat that sends each line alone ("About us: We are a ...",
    "What you'll do:", "- Respond to tickets ...", "We offer: 25 days holiday") must never
    become a reflection. A message that names the writer (I, me, my) is never one; a message
    of many lines is one when most of its lines are.

    Returns:
        ``heading``, ``company``, ``benefit``, ``metadata``, ``application``, ``duty`` or
        ``requirement``; None for anything else.
    """
    if WRITER.search(text) or ("\n" not in text.strip() and diary_note(text)):
        return None
    lines = [x for x in text.splitlines() if x.strip()]
    if len(lines) > 1:
        reasons = [_ad_line(x) for x in lines]
        found = [r for r in reasons if r]
        return found[0] if found and len(found) * 2 >= len(lines) else None
    return _ad_line(lines[0]) if lines else None


# a rate written short: "£19.50/hr", "£15-17ph", "€15,40 per hour", "45k"
_RATE_SHORT = re.compile(r"(?<![\d.,])\d[\d.,]*\s*(?:/\s*(?:hr|hour|h|day|wk|week|month|yr|year|"
                         r"annum)|"
                         r"ph|p\.h\.|p/h|pa|p\.a\.|k)\b|\b(?:per|an|a) (?:hour|day|week|month|"
                         r"year|annum)\b", re.I)


def continues_ad(line: str) -> bool:
    """Whether one line, sent right after a line of a job ad, is the ad's next line: a bullet
    ("- Advanced Excel", "- Spanish is a plus") that names no writer (I, me, my) and is not a
    diary note opening with what was done ("- poured the slab"), or a duty said with its
    verb first ("Lead the kitchen in the head chef's absence")."""
    plain = strip_bullet(line)
    if not plain or "\n" in line.strip() or WRITER.search(line) or line.rstrip().endswith("?"):
        return False
    from tools.skills.text import lemma
    from tools.verbs import is_past_form, is_verb

    words = plain.split()
    first = words[0].strip(",.:;")
    low = first.lower()
    if has_money(plain) and not is_past_form(low) and (
            is_pay(plain) or _meta_shaped(plain) or _RATE_SHORT.search(plain)):
        return True  # "£19.50/hr, overtime at time and a half": the ad's pay
    if 3 <= len(words) <= 8 and _title_case(plain.replace(",", " ").replace("–", " ")):
        return True  # "Midlands Logistics Park, Daventry": a place or a title of the ad
    if plain == line.strip():
        # an unbulleted duty, said as an ad says it: a capitalised verb of the base form
        # first ("Support the Head Chef in running a 60-cover restaurant", "Train and develop
        # junior chefs"); a diary note says what was done ("Led the kitchen ...")
        return (len(words) >= 3 and first[:1].isupper() and first[1:].islower()
                and low not in _NOT_DUTY_VERBS and is_verb(first) and low == lemma(low)
                and not is_past_form(low))
    return not (is_past_form(low) and len(words) >= 3)


# words that may be verbs but open a diary note as how the day was ("Busy Saturday ...")
_NOT_DUTY_VERBS = frozenset({
    "busy", "quiet", "long", "short", "good", "great", "bad", "hard", "slow", "mad", "crazy",
    "first", "last", "next", "another", "new", "big", "late", "early", "nice", "fine", "rough",
    "tough", "mental", "double", "lovely", "empty", "full"})


def _ad_line(line: str) -> str | None:
    plain = strip_bullet(line)
    bulleted = plain != line.strip()
    if not plain:
        return None
    if heading(line) or open_heading(line):
        return "heading"
    labelled = label(line)
    if labelled:
        return {"must": "requirement", "nice": "requirement", "stack": "requirement",
                "duty": "duty", "meta": "metadata", "apply": "application"}.get(
                    labelled[0], labelled[0])
    if META_LINE.match(plain):
        return "metadata"
    if WE_ARE.match(plain):
        return "company"
    if _OFFER.match(plain):
        return "benefit"
    if _ADDRESSED.match(plain):
        return "duty"
    if _HIRING.search(plain):
        return "requirement"
    if _NEED_LINE.match(plain) or _PLUS.search(plain):
        return "requirement"
    if bulleted and (REQUIREMENT_CUE.search(plain) or NICE_CUE.search(plain)):
        return "requirement"
    if bulleted and _base_verb_first(plain):
        return "duty"  # "- Respond to tickets and calls from users"
    return None


def _base_verb_first(text: str) -> bool:
    """A line that opens with a verb's base form ("Respond to ...", "Set up laptops"), as an
    ad's duty bullets do; a diary line opens with a past form ("Set up" is both: only with
    an object the past would not take, so a bare base form only)."""
    from tools.verbs import is_past_form, is_verb

    first = text.split(maxsplit=1)[0].strip(",.:;").lower()
    return is_verb(first) and not (is_past_form(first) and first not in _BOTH_FORMS)


_BOTH_FORMS = frozenset({"set", "put", "cut", "run", "read", "lead", "hit", "let", "shut",
                         "spread", "cost", "quit"})
