"""The distress gate: explicit crisis words as a rule, soft wording by a learned head.

The head scores the whole message and each of its sentences, and the highest score
counts, so one sentence of pain inside an ordinary reflection is not averaged away.
Levels: ``crisis`` (a rule matched), ``concern`` (the head's score reached its tuned
threshold) or ``none``.

A sentence that only says what the writer dislikes or prefers about a task, a shift or a
place ("I hate grouting", "no me gusta hacer inventario"), how tired a shift left them,
or how bad one slip the message names made them feel ("wrote the wrong tooth number ...
i felt awful"), is not scored, unless the message also names a personal state (crying, sleep,
worth, loneliness, life, ...): then the head decides as usual. The head alone read such
sentences as distress. Crisis and concern words are rules and always win.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from tools.understanding.head import Head

CRISIS = re.compile(
    r"\b(?:kill(?:ing)? myself|(?:want|wanna) (?:to )?kill me|suicid\w*|"
    r"end(?:ing)? (?:it all|my life|things)|"
    r"(?:want|wanna|going) to die|(?:want|wanna|wish) (?:to be|i was|i were) dead|"
    r"wish i (?:wasn'?t|was not|weren'?t|had never been) (?:here|around|alive|born)|"
    r"(?:everyone|everybody|they|people|my family|my kids) (?:would be|'d be|would all be) "
    r"better off(?! (?:with|if (?:we|they|you)))|self[- ]?harm\w*|hurt(?:ing)? myself|"
    r"cutting (?:myself|again)|cut (?:myself|my (?:arms?|legs?|wrists?|thighs?))"
    r"|been cutting|no reason to live|goodbye letters?|overdos\w*|"
    r"(?:took|taken|take|taking) (?:extra|more|all (?:of )?my|too many) (?:of my )?"
    r"(?:pills|tablets|meds)|better off without me|"
    r"better off if i (?:wasn'?t|was not|weren'?t) (?:around|here)|"
    r"(?:don'?t|do not) want to (?:be here|wake up|live)|not wak(?:e|ing) up|"
    r"(?:being|been|am|was|get|getting) (?:abused|beaten)|abusive (?:partner|relationship|"
    r"boss|parent|husband|wife|boyfriend|girlfriend)|(?:is|was|gets|got) (?:abusive|violent) "
    r"(?:to|towards|with) me|(?:don'?t|do not) feel safe at home|"
    r"me quiero (?:morir|matar)|quiero morir(?:me)?|quitarme la vida|"
    r"je veux mourir|me suicider|en finir|"
    r"ich will sterben|mich umbringen|nicht mehr leben)\b", re.I)
# Explicit words of distress short of a crisis: a rule too, on top of the head.
SOFT = re.compile(
    r"\b(?:hopeless|can'?t cope|not coping|panic attacks?|i'?m not (?:ok|okay)|"
    r"self[- ]medicat\w*|drink(?:ing)? to (?:cope|forget|sleep)|"
    r"breaking down|falling apart|no puedo más|je n'en peux plus|ich kann nicht mehr)\b"
    r"|\bcan'?t (?:stop crying|go on|take it anymore)\b", re.I)
# The writer's own crying (issue 13 names it), not a baby's or a patient's, nor for joy.
CRYING = re.compile(
    r"\bi(?:'ve| have| had)? (?:(?!she |he |they |it |we |you |\w+'s |could |would )\w+ ){0,6}?"
    r"(?<!could have )(?<!could've )(?<!would have )"
    r"(?:cried|sobbed|wept|bawled)\b(?! (?:with |from )?laugh)"
    r"|\b(?:i'?m|i am|i keep|i start(?:ed)?) (?:\w+ ){0,2}?(?:crying|sobbing|in tears)\b"
    r"|\bburst into tears\b|\bcr(?:y|ied) myself to sleep\b", re.I)
JOY = re.compile(r"\b(?:proud|happy|happiness|joy|laugh\w*|reliev\w*|touched|moved|wedding|"
                 r"orgullos[oa]|feliz|fier|fi[èe]re|heureu\w*|stolz|gl[üu]cklich)\b", re.I)
# Saying what one dislikes or prefers about work (en, es, fr, de).
DISLIKE = re.compile(
    r"\b(?:i(?:'?m| am)? (?:really |just |honestly |truly )?(?:don'?t|dont|do not|didn'?t) "
    r"(?:really |much |particularly )?(?:like|enjoy|love|fancy|want to do)|"
    r"i (?:really |just |honestly )?(?:hate|hated|dislike|disliked|can'?t stand|prefer)|"
    r"i'?d (?:much )?rather|i would rather|i no like|"
    r"not (?:a (?:big )?fan of|my (?:thing|favou?rite)|(?:really |too |very )?"
    r"(?:keen on|fond of|into))|least favou?rite|(?:is|are) the worst|"
    r"i'?m (?:so |really )?(?:over|fed up with|sick of|bored (?:of|with))|"
    r"no me gusta|odio|prefiero|no soporto|j'aime pas|je n'aime pas|je déteste|je préfère|"
    r"ich hasse|mag ich (?:nicht|keine?)|ich mag (?:keine?|nicht)|lieber)\b", re.I)
# Ordinary tiredness tied to a shift or a day of work (en, es, fr, de).
TIRED_AFTER_WORK = re.compile(
    r"\b(?:tired|exhausted|knackered|shattered|worn out|wiped|beat|cansad[oa]|agotad[oa]|"
    r"rendid[oa]|fatigu[ée]e?|crev[ée]e?|[ée]puis[ée]e?|m[üu]de|platt|ersch[öo]pft|kaputt)\b"
    r".{0,40}\b(?:after|from|post|despu[ée]s del?|tras|apr[èe]s|nach)\b.{0,30}\b(?:shift|day|"
    r"week|night|round|service|turno|guardia|jornada|d[ií]a|semana|tourn[ée]e|garde|journ[ée]e|"
    r"semaine|\w*schicht|dienst|tag|woche|\d+\s*h(?:ou)?rs?)", re.I)
# Feeling foolish about one moment of work ("my lead was fine about it but I felt like an
# idiot"): past tense, one event. The head alone read it as distress.
EMBARRASSED = re.compile(
    r"\bfelt (?:like )?(?:such |so |really |a bit |pretty |kinda |kind of |a right |a total |"
    r"a complete |like a )?(?:an? )?(?:idiot|stupid|dumb|silly|daft|fool|muppet|numpty|plonker|"
    r"embarrassed|mortified|awkward|clumsy)\b", re.I)
# Feeling bad about one slip at work the message tells ("wrote the wrong tooth number ... the
# dentist caught it before. nobody hurt but i felt awful"): past tense, one event, named as a
# mistake. The head alone read it as distress; feeling that way for days is not one moment.
FELT_BAD = re.compile(
    r"\bfelt (?:so |really |pretty |very |a bit |kinda |kind of |quite |absolutely |just )?"
    r"(?:awful|terrible|horrible|dreadful|rotten|bad|sick|gutted|rubbish|guilty|crap|shit)"
    r"(?: about it| after(?:wards)?| for (?:him|her|them|the \w+))?\b"
    r"(?! (?:all|every|for (?:days|weeks|months|ages)|since|lately|again|ever))", re.I)
SLIP = re.compile(
    r"\b(?:(?:made|make|making) (?:a |an |one |the )?(?:\w+ )?(?:mistake|error|mess)|"
    r"(?:the|a|an|that|my|this) (?:\w+ )?(?:mistake|error|mix-?up|slip-?up|blunder|near miss)|"
    r"mistakes? (?:on|in|with)|wrong \w+(?: \w+)?|got (?:it|the \w+) wrong|messed (?:it |\w+ )?up|"
    r"mixed up|forgot (?:to|the)|near miss|(?:caught|spotted|noticed) (?:it|the (?:error|mistake))|"
    r"my fault|(?:i )?dropped (?:a|the)|(?:i )?broke (?:a|the))\b", re.I)
# harm said not to have happened is no personal state: "nobody hurt", "no harm done"
NO_HARM = re.compile(r"\b(?:nobody|no ?one|no-one|noone)(?: (?:was|got|is))? (?:hurt|harmed|"
                     r"injured)\b|\bno harm(?: done)?\b", re.I)
# A work skill the writer lacks ("behaviour management is my weak spot", "I don't know how
# to handle the new till"): a growth area, not despair, unless a personal state is named.
WORK_DEFICIT = re.compile(
    r"\b(?:(?:is|are) (?:still )?my (?:weak (?:spot|point|area|side)|weakness)|"
    r"my weak (?:spot|point) is|not (?:very |so |really |that )?good at|need to get better at|"
    r"(?:rubbish|bad|terrible|awful) at (?!life\b|everything\b)|"
    r"(?:don'?t|dont|do not) know how to (?:handle|manage|deal with (?:the|a|my|their|his|her) "
    r"(?!life\b)|fix|teach|control|run|use|write|explain|sort|calm)|"
    # a task the writer finds hard, is not sure of, freezes at or keeps meaning to learn
    r"(?:find|finding|found) it (?:really |so |quite |a bit |very )?(?:hard|difficult|tricky) "
    r"to \w+|not (?:very |so |really |that |too )?(?:confident|sure) (?:with|at|on|in|about|"
    r"doing|when|\w+ing)\b|(?:i )?freeze (?:up )?when (?:i|we) (?:have|need|got) to|"
    r"need to (?:learn|start|practi[cs]e|work on) |keep meaning to|(?:still )?shaky (?:on|with|"
    r"at) |"
    # a task the writer struggles with: "i still struggle with taking the xrays", never
    # life, health, money or their own mind ("struggling with my mental health")
    r"struggl\w* (?:a bit |a little |a lot |sometimes |abit )?(?:with|at) (?!(?:my |the |"
    r"this |it |all )?(?:life|everything|myself|mental|mood|head|health|depress\w*|anxi\w*|"
    r"grief|loss|sleep\w*|money|bills|rent|debt|drink\w*|alcohol|eating|food|thoughts?|"
    r"idea|feelings|emotions|loneliness|stress|burn\w*|motivation|getting up|going|it all|"
    r"things|this|that|it|all|him|her|them|work|job|workload|pressure|people|boss|manager|"
    r"being|feeling|coping|nights?|shifts?|hours)\b)(?:the |my |a |an |our |\w+ing )|"
    # how able the writer is at a task, good or bad: "I am slow at the till when it gets busy",
    # "i think i am good in finding bugs", "my cypress is weak"
    r"(?:i'?m|i am) (?:\w+ )?(?:good|great|decent|ok|okay|fast|quick|slow|bad|poor|weak|"
    r"rubbish|terrible|not bad) (?:at|in|with|on) (?!life\b|everything\b|anything\b)|"
    r"\bmy (?:\w+ ){1,2}(?:is|are) (?:still |a bit |quite |very |really |so |pretty )?(?:weak|"
    r"rusty|slow|poor|basic|shaky|not great|not good)\b|"
    # a task that unsettles the writer: "the testing still stresses me, i second guess every
    # reading" (an apprentice electrician got the care reply)
    r"\b(?:the|doing(?: the)?)\s+(?!(?:work|job|life|workload|pressure|stress|situation|news|"
    r"future|money|thought|idea)\b)[\w-]+(?:\s+[\w-]+)?\s+(?:still\s+|really\s+|always\s+|"
    r"kind of\s+|a bit\s+)?(?:stresses|scares|worries|confuses)\s+me\b|"
    r"\bi (?:always |still |keep )?second[- ]?guess(?:ing)? (?:every|my|the|each)\b|"
    # a flutter of nerves at a task: "i still panic a bit doing dentals on my own"
    r"panic (?:a bit |a little |slightly |sometimes )?(?:when (?:i|we) (?:have|need|got) to \w+|"
    r"(?:doing|with|over|on|at) (?:the |a |my )?(?!life\b|everything\b|night\b)\w+))", re.I)
# the task panic itself, left out when looking for a personal state elsewhere in the message
TASK_PANIC = re.compile(r"\bpanic (?:a bit |a little |slightly |sometimes )?(?=when (?:i|we) "
                        r"(?:have|need|got) to |(?:doing|with|over|on|at) )", re.I)
# doing the work alone, told beside a task found hard: "I still find it hard to delegate to
# the HCAs, I end up doing everything myself" (a staff nurse got the care reply)
ON_MY_OWN = re.compile(r"\b(?:do|does|did|doing|end(?:ed)? up doing|sort(?:ing|ed)?|fix(?:ing|ed)?|"
                       r"finish(?:ing|ed)?|cover(?:ing|ed)?) (?:it |them |everything |all "
                       r"(?:of )?(?:it |the work )?|the \w+ )?(?:myself|by myself|on my own)\b",
                       re.I)
# Words of a personal state: when one is in the message, dislikes are scored again.
STATE = re.compile(
    r"\b(?:myself|my life|life|alive|living|everything|anything|nothing|everyone|nobody|"
    r"no one|wak(?:e|ing) up|cr(?:y|ies|ied|ying)|tears|sob\w*|sleep\w*|"
    r"slept|eat(?:ing)?|worth\w*|useless|failure|fail\w*|burden|alone|lonel\w*|empty|numb|"
    r"hopeless|point|scared|afraid|panic\w*|anxi\w*|dread\w*|disappear\w*|die|dead|dark|"
    r"trapped|breathe|feel\w*|felt|who i (?:am|was|have become|'ve become)|bed|hurt\w*|pain|"
    r"cop(?:e|ing)|kill\w*|thoughts|urges?|voices|anymore|any more|keep going|go on|carry on|"
    r"get through|(?:hit|hits|hitting|beat|beats|punch\w*|kick\w*|slap\w*|push\w*|chok\w*|"
    r"threaten\w*|shout\w* at) (?:me|us)|"
    r"vac[ií]\w*|llor\w*|sol[oa]|vida|me siento|"
    r"vide|pleur\w*|seul\w*|je me sens|vie|"
    r"leer|wein\w*|allein\w*|leben|ich fühle|wertlos)\b", re.I)
_SENTENCE = re.compile(r"(?<=[.!?…])\s+|\n+|\s+(?:but|though|however|aber|pero|mais)\s+",
                       re.I)
LEVELS = ("none", "concern", "crisis")


@dataclass(frozen=True)
class Distress:
    """How much distress a message shows, and the sentence that showed it most."""

    level: str
    score: float
    sentence: str

    @property
    def flagged(self) -> bool:
        """True when the message needs care before anything else."""
        return self.level != "none"


def sentences(text: str) -> list[str]:
    """Split a message into the pieces the head scores on their own (three words or more)."""
    parts = [p.strip() for p in _SENTENCE.split(text)]
    return [p for p in parts if len(p.split()) >= 3]


def only_ordinary(piece: str, text: str) -> bool:
    """True when ``piece`` says what the writer dislikes or prefers, how tired a shift left
    them, how foolish one moment made them feel or how bad they felt about a slip the message
    names, and ``text`` (the whole message) names no
    personal state: such a piece is not scored as distress."""
    if NOTHING_NEW.fullmatch(text.strip()):
        return True  # "nothing much tbh" to "what did you do this week?": a quiet week
    # the work's idioms say nothing of a state: "a single point of failure", "nobody asked me
    # to", "everyone wants everything yesterday"
    as_written = piece
    text, piece = WORK_IDIOMS.sub(" ", text), WORK_IDIOMS.sub(" ", piece)
    if piece != as_written and (not re.sub(r"\W+", "", piece) or not STATE.search(text)):
        return True  # "Nobody seriously hurt.", "Rant over.": an idiom, and no state told
    if OTHERS_HARM.search(piece) and not MY_HARM.search(text):
        # "That's the self-harm procedure for prisoners, before you ask"
        return not STATE.search(OTHERS_HARM.sub(" ", text))
    if WORK_BODY.search(piece):
        # "i still felt sick for like an hour after tho", "my eyes hurt from staring at excel":
        # the body after a moment of work, when nothing else says how one is
        return not STATE.search(WORK_BODY.sub(" ", text))
    if EMBARRASSED.search(piece):  # "felt" there is not a personal state of its own
        return not STATE.search(NO_HARM.sub(" ", EMBARRASSED.sub(" ", text)))
    if FELT_BAD.search(piece) and SLIP.search(text):
        return not STATE.search(NO_HARM.sub(" ", FELT_BAD.sub(" ", text)))
    went_well = NERVES_THEN_OK.search(text) is not None
    if went_well or WORK_FOREVER.search(piece) or SKILL_ASKED.search(text) or \
            WORK_GRUMBLE.search(text):
        # "cant be up on roofs forever with my back", "is that even a skill or just me being
        # stubborn lol": a career thought or a question, when nothing else says how one is
        told = _NERVES.sub(" ", text) if went_well else text
        if SKILL_ASKED.search(text):  # "... i genuinely can't tell anymore, feels like i'm
            told = _SELF_DOUBT.sub(" ", told)  # just firefighting": no state of its own
        return not STATE.search(_LIFE_AS_CAREER.sub(" ", told))
    if WORK_DEFICIT.search(piece):  # its own "panic", and doing the work alone, are no state
        return not STATE.search(ON_MY_OWN.sub(" ", TASK_PANIC.sub(" ", text)))
    ordinary = DISLIKE.search(piece) or TIRED_AFTER_WORK.search(piece)
    return bool(ordinary) and not STATE.search(WORK_ANYMORE.sub(" ", DEAD_AS_VERY.sub(" ", text)))


# Not doing a part of the work forever: "cant be up on roofs forever with my back", "i dont
# want to stay on phones all my life", "not sure I can do clinical work forever", "it feels a
# bit like now or never" (about a next job). "I can't do this forever" and "can't go on like
# this" name no part of the work and are read as they are.
WORK_FOREVER = re.compile(
    r"\b(?:can'?t|cannot|won'?t|wont|(?:do not|don'?t|dont) (?:really )?(?:want to|wanna)|"
    r"not sure (?:if )?"
    r"i can|not going to|can'?t see myself|not)\s+(?!(?:\w+\s+)?(?:this|it|that|like this|"
    r"anymore|go on|carry on|live|keep going)\b)(?:(?!(?:pretend\w*|fine|ok|okay|hold\w*|"
    r"cop\w*|surviv\w*|take|handl\w*|manag\w*|fak\w*|smil\w*|hid\w*|be here)\b)\w+\s+){1,6}?"
    r"(?:forever|for ever|all my life|my whole life|the rest of my (?:life|career)|"
    r"(?:until|till|til) i(?:'?m| am)? (?:\d{2}|retire\w*)|until retirement)\b"
    r"|\bnow or never\b", re.I)
# a question about whether something counts as a skill, or where the work could go next
# ("what is possible for me", "what else could i do", "what's the next step for me")
SKILL_ASKED = re.compile(r"\b(?:is|was) (?:that|this|it) (?:even |really |actually |just )?an? "
                         r"(?:real |proper |actual )?skill\b|\bwhat (?:else )?(?:is|'s) "
                         r"(?:possible|out there|next)\b|\bwhat else (?:could|can|should|would) "
                         r"i do(?=\s*(?:[?.!]|$|instead\b|for (?:work|a living)\b))|"
                         r"\b(?:the )?next step\b|\bis\b[^?.!]{1,60}\ban?\s+(?:real\s+|proper\s+)?"
                         r"skill\b|\bcounts? for anything\b|"
                         r"\bwhat (?:do |would )?you (?:think|say) i(?:'m| am)? good (?:at|in)\b|"
                         r"\bwhat am i (?:actually |really )?good at\b|"
                         r"\bwhere (?:could|can|should|might|do) i go\b|"
                         r"\banywhere (?:for me )?to go (?:from here|next)\b|"
                         # "what do you think my strengths are? i genuinely can't tell anymore"
                         r"\bwhat (?:do )?you think my (?:strengths|strong points) (?:are|is)\b|"
                         r"\bwhat (?:are|'re) my (?:strengths|strong points)\b|"
                         # a requirement not met, asked about: "is that a dealbreaker"
                         r"\bdeal ?-?breaker\b|\bdoes (?:that|it) (?:matter|count against me)\b",
                         re.I)
WORK_IDIOMS = re.compile(
    r"\b(?:a |the )?single point of failure\b|"
    r"\bnobody (?:was )?(?:seriously |badly )?(?:hurt|injured)\b|"
    r"\brant over\b|"
    r"\b(?:(?:whole|their|her|his) )?life stor(?:y|ies)\b|"
    r"\b(?:borin[g']?|dull|tedious|dry)\b[^.!?]{0,25}?\bcan'?t stay awake\b|"
    r"\bnobody (?:asked|told) me(?: to)?\b|"
    r"\b(?:(?:everyone|everybody|they|people) )?(?:wants?|needs?|wanted|needed) "
    r"(?:everything|it all|it) (?:done )?yesterday\b", re.I)
WORK_BODY = re.compile(
    r"\b(?:felt|feel|feeling|was|got) (?:a bit |so |really |proper |physically |a little )?"
    r"(?:sick|queasy|nauseous)\b(?= (?:for (?:like )?an?|after|before|when|thinking))|"
    r"\b(?:my )?(?:eyes|back|backs|back's|feet|legs|knees|hands|head|shoulders?|neck|"
    r"wrists?) (?:hurt|hurts|ache|aches|aching|(?:(?:are|is) )?killing me)\b(?= from| after| "
    r"cos| because| staring| standing| lifting| typing|\s*[.!,;]|\W*$)", re.I)
# not knowing one's own strengths, asked about them, and the work's own busy idioms
_SELF_DOUBT = re.compile(r"\b(?:can'?t|cannot|don'?t|dont) (?:really |genuinely |honestly )?"
                         r"(?:tell|say|see (?:it|them))(?: (?:anymore|any more))?\b|"
                         r"\b(?:it )?feels? like (?:i'?m|i am) (?:just |only |always )?"
                         r"(?:fire ?fighting|spinning plates|juggling|winging it|chasing my "
                         r"tail)\b", re.I)
# a grumble about the weather or the work's arrangements: "and it rain every single day, I
# miss the sun", "the rota is terrible ... always me"
WORK_GRUMBLE = re.compile(
    r"\b(?:rain\w*|weather|snow\w*|freezing|miss the sun|grey skies)\b|"
    r"\b(?:rota|shifts?|pay|hours|manager|boss|system|app|heating|traffic|parking|canteen)\b"
    r"[^.]{0,30}\b(?:is|are|was|were)\s+(?:\w+\s+)?(?:terrible|awful|rubbish|a joke|shit|crap|"
    r"the worst|a nightmare|a mess|horrible|ridiculous)\b|\balways me\b|"
    r"\b(?:annoyed|fed up|frustrated|cheesed off|hacked off|irritated|narked) (?:with|at|by) "
    r"(?:(?:the|my|our|senior) )?(?:management|manager|managers|boss|bosses|head office|"
    r"company|council|trust|rota|hr|system|governor|governors)\b", re.I)
_NERVOUS = r"shaking|nervous|scared|terrified|panick\w*|sweating"
_NERVES = re.compile(r"\b(?:" + _NERVOUS + r")\b", re.I)
# nerves, then it went well: "After I was shaking but the head teacher said I explained very
# good"
NERVES_THEN_OK = re.compile(
    r"\b(?:" + _NERVOUS + r"|bricking it|my hands? (?:was|were) shaking)\b[^.]{0,80}?\bbut\b"
    r"[^.]{0,80}?\b(?:said|says|say|went (?:well|fine|ok)|passed|worked|was fine|did (?:well|"
    r"good|great|fine))\b", re.I)
# a life said of a career ("all my life" on the phones; "it feels like now or never" about
# stepping up): no personal state
_LIFE_AS_CAREER = re.compile(r"\b(?:all my life|my whole life|the rest of my (?:life|career)|"
                             # care work's shifts, and others not naming the work ("nobody say
                             # I am trainer, I just do it")
                             r"sleep[- ]?ins?|sleeping nights?|waking nights?|nobody (?:says?|"
                             r"said|calls?|called|told|tells) (?:me|i)|"
                             r"(?:i )?feel like (?:they|the company|management|my managers?|"
                             r"the bosses)(?:'re| are)|"
                             r"(?:it )?feels? (?:a bit |kind of |sort of )?like (?:it'?s )?"
                             r"now or never)\b", re.I)


# "anymore" said of a part of the work, not of the writer: "I'd rather not work weekends
# anymore" is a preference ("I can't do this anymore" stays a state)
WORK_ANYMORE = re.compile(
    r"\b(?:work(?:ing)?|do(?:ing)?)\s+(?:the\s+|any\s+|more\s+)?(?:weekends?|nights?|night "
    r"shifts?|lates?|earlies|shifts?|overtime|sundays?|saturdays?|bank holidays?|split shifts|"
    r"doubles?|on-?call|deliveries|tills?|deli|counter|floor|bar|kitchen|retail|nights)\s+"
    r"(?:anymore|any more)\b", re.I)


# A quiet week said in a few words: "nothing much tbh", "nothing really", "not much to
# report" ("nothing matters anymore", "i feel nothing" say more and are read as they are)
NOTHING_NEW = re.compile(
    r"\W*(?:(?:honestly|tbh|ngl|well|erm|um|hmm|eh|lol|haha|ok|okay)\W+)*(?:nothing|not much|"
    r"not a lot|nowt|nada|not really)(?:\W+(?:much|really|tbh|honestly|special|new|exciting|"
    r"interesting|big|major|to report|to say|to tell|happened|going on|this week|today|lol|"
    r"haha|mate|sorry|tho|though|man|either|i guess|i think))*\W*", re.I)


# "dead" meaning "very" ("dead tired after 3 nights", "dead busy"): no state of its own
DEAD_AS_VERY = re.compile(r"\bdead (?:tired|beat|on (?:my|our) feet|busy|quiet|easy|good|nice|"
                          r"slow|simple|funny|proud|lucky|chuffed|keen|happy)\b", re.I)


def piece_scores(head: Head, text: str, pieces: list[str], vectors: np.ndarray) -> np.ndarray:
    """The head's distress probability for the message and each piece, 0 when ordinary.

    Args:
        head: the binary head (labels ``calm``, ``distress``).
        text: the whole message.
        pieces: its sentences (may be empty).
        vectors: one row for ``text`` followed by one per piece.

    Returns:
        One score per row of ``vectors``.
    """
    scores: np.ndarray = head.probabilities(vectors)[:, head.labels.index("distress")]
    for k, piece in enumerate([text, *pieces]):
        if only_ordinary(piece, text):
            scores[k] = 0.0
    return scores


# Self-harm or an overdose at work, someone else's: "ACCT reviews ... That's the self-harm
# procedure for prisoners" (a prison officer got the crisis reply), "a patient came in with an
# overdose", "self-harm risk assessment". Never when the writer's own is named.
_HARM = r"(?:self[- ]?harm\w*|overdos\w*)"
_OTHERS = (r"(?:prisoners?|patients?|clients?|residents?|service users?|pupils?|students?|"
           r"young (?:people|person)|inmates?|offenders?|lads?|customers?|tenants?|kids|"
           r"children|a (?:man|woman|lady|guy|girl|boy|child)|the (?:man|woman|lady|guy|girl|boy|"
           r"child)|him|her|them)")
OTHERS_HARM = re.compile(
    rf"\b{_HARM}\b(?:\s+\w+){{0,2}}?\s+(?:procedures?|polic(?:y|ies)|protocols?|reviews?|"
    rf"assessments?|risks?|training|cases?|obs|observations|plans?|paperwork|forms?|team|"
    rf"incidents?|referrals?|awareness|support|management|history|unit|ward)\b|"
    rf"\b{_OTHERS}\b[^.!?]{{0,60}}?\b{_HARM}|\b{_HARM}\b[^.!?]{{0,30}}?\b(?:for|of|by|from|"
    rf"in|with) {_OTHERS}\b", re.I)
MY_HARM = re.compile(rf"\b(?:i|i'?ve|i'?m|i'?d|me|my|myself)\b[^.!?]{{0,25}}?\b{_HARM}|"
                     rf"\b{_HARM}\w*\s+(?:again|myself)\b|\bmyself\b|\bkeep thinking\b|"
                     r"\bcan'?t stop thinking\b|\bcould have done more\b|\bmy fault\b|"
                     r"\bblame myself\b|\bhaunt\w*|\bout of my head\b", re.I)


def _without_others_harm(text: str) -> str:
    """The text less the self-harm or overdoses of others it names, unless the writer's own
    is named too."""
    return text if MY_HARM.search(text) else OTHERS_HARM.sub(" ", text)


def rule_level(text: str) -> str | None:
    """``crisis`` or ``concern`` when explicit words match, else None."""
    if CRISIS.search(_without_others_harm(text)):
        return "crisis"
    if SOFT.search(text) or (CRYING.search(text) and not JOY.search(text)):
        return "concern"
    return None


def assess(text: str, whole: np.ndarray, pieces: list[str], piece_vectors: np.ndarray,
           head: Head, threshold: float) -> Distress:
    """Decide the distress level of one message.

    Args:
        text: the message.
        whole: the message's vector.
        pieces: its sentences (see :func:`sentences`), possibly empty.
        piece_vectors: one vector per piece.
        head: the binary head (labels ``calm``, ``distress``).
        threshold: the tuned probability at which ``concern`` starts.

    Returns:
        The assessment; a crisis rule match wins whatever the head says.
    """
    rows = np.vstack([whole[None, :], piece_vectors]) if len(pieces) else whole[None, :]
    scores = piece_scores(head, text, pieces, rows)
    best = int(np.argmax(scores))
    sentence = text if best == 0 else pieces[best - 1]
    ruled = rule_level(text)
    if ruled:
        return Distress(ruled, 1.0, text)
    level = "concern" if scores[best] >= threshold else "none"
    return Distress(level, float(scores[best]), sentence)
