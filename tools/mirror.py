"""Mirrors: a whole phrase of the user's own words, turned to the second person.

A mirror is what the coach quotes back before a follow-up question ("You said you fixed the
pump at the farm."). It is a whole phrase that ends at a clause boundary (never cut
mid-phrase, never with "…"); it starts at a subject, or at "you" plus the user's own verb when
a terse writer left the subject out ("migrated the db" -> "you migrated the db"); and it turns
the first person into the second: I -> you, my -> your, I'm -> you're, me -> you, myself ->
yourself ("we" stays "we"). Words without a verb are quoted verbatim instead
(“busy week at the cafe”), so "You said {mirror}." always reads as a sentence.
"""

from __future__ import annotations

import re


def wordset(words: str) -> frozenset[str]:
    """A set of words written as one space-separated string (a word list reads better)."""
    return frozenset(words.split())

MAX_WORDS = 14  # a mirror longer than this is cut back to a clause boundary
HARD_MAX = 22  # ... and one with no boundary is kept whole only up to this length
MIN_WORDS = 3

_SECOND = {"i": "you", "me": "you", "my": "your", "mine": "yours", "myself": "yourself",
           "i'm": "you're", "im": "you're", "i've": "you've", "ive": "you've",
           "i'd": "you'd", "i'll": "you'll"}
_AFTER_YOU = {"am": "are", "was": "were", "wasn't": "weren't", "wasnt": "weren't"}
SUBJECTS = wordset("i we you he she they it there i'm we're i've we've i'd i'll im ive "
                     "you're he's she's they're it's there's")
# Past-tense verbs a terse writer starts with ("fixed the pump", "ran the night shift").
_IRREGULAR = wordset(
    "did made led built wrote took ran won sold gave taught met got set sent held kept found "
    "began brought drove paid spent went came saw told thought felt learnt had put cut read "
    "spoke caught bought lost left chose drew fed hit hung lent let rode rang shut sang sat "
    "slept stood swam threw understood woke wore")
# Words ending in -ed that are feelings or nouns, not actions.
_NOT_PAST = wordset(
    "tired bored stressed worried excited scared annoyed confused exhausted overwhelmed "
    "interested relaxed depressed frustrated disappointed embarrassed pleased surprised "
    "amazed ashamed need feed speed seed weed bed red shed hundred ed ted")
_AUX = wordset("is are was were am be been being has have had do does did will would can "
                 "could should must may might isn't wasn't weren't aren't didn't don't "
                 "doesn't won't can't couldn't hasn't haven't")
# A new clause (or a phrase that can be left off) starts at these words.
_CONJUNCTIONS = wordset("and but because so which who while although though until since "
                          "whereas cause coz bc then or when after before as if")
_PREPOSITIONS = wordset("in on at for with from during by about into over through without "
                          "near under between around that")
# A phrase never ends on one of these: it would be cut mid-phrase.
DANGLING = wordset(
    "a an the my your our their his her its this that these those to of and or but so if "
    "is are was were be been am very really more most some any no not with in on at for "
    "from by as than because which who when while just also")
_OPENERS = re.compile(r"^(?:(?:so|well|ok|okay|and|but|also|then|honestly|basically|anyway|"
                      r"hmm|um|yeah|yes|this week|last week|today|yesterday|on \w+day|"
                      # "i think what went well is ...": the moment follows
                      r"(?:i think |i guess |probably )?(?:what went (?:well|best|right)|the "
                      r"(?:best|good) (?:bit|part|thing)|(?:the |my )?highlight|(?:the )?win)"
                      r"(?: of the week)? (?:is|was))\b"
                      r"[,:]?\s+)+", re.I)
# Lower-case words a sentence may start with (anything else may be a name: "Maria", "Excel").
_COMMON = SUBJECTS | _AUX | _CONJUNCTIONS | _PREPOSITIONS | DANGLING | wordset(
    "me my our everyone everybody nobody someone somebody people one two three all both each "
    "every many few half most none nothing something everything after first then now")
_TOKEN = re.compile(r"[\w][\w'’-]*|[^\w\s]")
_FIRST_PERSON = re.compile(r"\b(?:I|we|I've|we've|I'm|I'd|I'll|im|ive)\b", re.I)


def tokens(text: str) -> list[str]:
    """Words (with inner apostrophes, straightened) and punctuation marks of a text."""
    return [t.replace("’", "'") for t in _TOKEN.findall(text)]


def join(words: list[str]) -> str:
    """Tokens back to text: punctuation attached to the word before it."""
    text = " ".join(words)
    text = re.sub(r"(?<=\d)\s+%", "%", text)  # "75%" is one word as written
    return re.sub(r"\s+([,;:.!?)])", r"\1", re.sub(r"([(])\s+", r"\1", text)).strip()


def is_past_verb(word: str) -> bool:
    """True for a past-tense verb such as "migrated" or "ran" (not "tired", not "need")."""
    low = word.lower()
    if low in _NOT_PAST:
        return False
    return low in _IRREGULAR or (len(low) >= 4 and low.endswith("ed"))


def second_person(words: list[str]) -> list[str]:
    """First-person words turned to the second person; "am"/"was" agree with "you"."""
    out: list[str] = []
    for word in words:
        low = word.lower()
        if out and out[-1] == "you" and low in _AFTER_YOU:
            out.append(_AFTER_YOU[low])
        else:
            out.append(_SECOND.get(low, word))
    return out


# A hedge at the end says how sure the speaker is, not what happened: "it was the right
# call I think" is mirrored as "it was the right call".
_TRAILING_HEDGE = re.compile(r"[,\s]+(?:i|we) (?:think|guess|suppose|reckon|believe|feel|mean"
                             r"|hope|dunno)\W*$|[,\s]+(?:i think|i guess) so\W*$", re.I)


# Chat filler at the end is no part of what is quoted back ("... didnt shake lol"); an emoji
# is one per repeat (a run of them as "+" inside the "+" backtracked exponentially).
_TRAILING_FILLER = re.compile(r"(?:[,\s]+(?:lol+|lmao|haha+|hehe+|tbh|tho|ngl|idk|xx+|"
                              r"[:;]-?[()DPp])|\s*[\U0001F300-\U0001FAFF\u2600-\u27BF\uFE0F])+"
                              r"\W*$", re.I)


END_WINDOW = 80  # what is said at the end (a hedge, chat filler) is this short


def _strip_end(pattern: re.Pattern[str], text: str) -> str:
    """The text without what ``pattern`` (anchored at the end) finds in its last
    ``END_WINDOW`` characters: linear however long the text (the patterns backtrack over a
    long run of spaces or commas, 20 seconds for a 20,000-character message)."""
    cut = max(0, len(text) - END_WINDOW)
    return text[:cut] + pattern.sub("", text[cut:])


# chat filler before a comma inside the sentence: "proud honestly, it could have been bad"
_INNER_FILLER = re.compile(r"(?<![ \t])[ \t]+(?:honestly|tbh|ngl|to be honest|lol|tho|literally)"
                           r"(?=[ \t]*,)", re.I)  # a run of blanks is tried once, from its start


def _start(sentence: str) -> str:
    """The sentence from its speaker on: "In my seminar I avoided ..." -> "I avoided ..."."""
    sentence = _INNER_FILLER.sub("", sentence)
    sentence = _strip_end(_TRAILING_FILLER, sentence.strip()) or sentence.strip()
    sentence = _strip_end(_TRAILING_HEDGE, _OPENERS.sub("", sentence))
    found = _FIRST_PERSON.search(sentence)
    if found and 0 < len(sentence[:found.start()].split()) <= 5:
        before = sentence[:found.start()].split()
        # "my sister and I fixed it" keeps the sister; "not sure if I am good enough" keeps
        # the doubt (it was mirrored "you are good enough")
        # ... and "the nurse said I did a good job" keeps the nurse (it was "you did a good
        # job", the praise mirrored as the writer's own words)
        if before[-1].lower() != "and" and not _DOUBT.search(sentence[:found.start()]) and \
                not _SPEAKER.search(sentence[:found.start()]):
            sentence = sentence[found.start():]
    return sentence


# someone else's words about the writer: what follows is theirs
_SPEAKER = re.compile(r"\b(?:say|says|said|told me|tells me|tell me|reckon(?:s|ed)?|thinks|"
                      r"thought|wrote|texted|emailed)\s*(?:that\s*)?$", re.I)


# words before the speaker that turn what follows into a doubt, a denial or a question
_DOUBT = re.compile(r"\b(?:not|no|never|doubt\w*|wonder\w*|unsure|if|whether|maybe|"
                    r"perhaps|dunno|idk|hardly|scared|afraid|worried|hope|wish)\b", re.I)


def _boundaries(words: list[str]) -> tuple[list[int], list[int]]:
    """Where a shorter whole phrase may end: before punctuation or a conjunction (strong),
    or before a preposition or a relative "that" that does not follow a verb (weak)."""
    strong, weak = [], []
    for i, word in enumerate(words[1:], 1):
        low = word.lower()
        if low in _CONJUNCTIONS or re.fullmatch(r"[,;:()\-–—]", word):
            strong.append(i)
        elif low in _PREPOSITIONS and not _verbish(words[i - 1]):
            weak.append(i)  # not after a verb: "going on", "learned that" stay whole
    return strong, weak


def _verbish(word: str) -> bool:
    low = word.lower()
    return is_past_verb(low) or low.endswith("ing") or low in _AUX


def _count(words: list[str]) -> int:
    return sum(1 for w in words if w[0].isalnum())


def whole_phrase(words: list[str], max_words: int = MAX_WORDS) -> list[str]:
    """The longest prefix of a clause that ends at a boundary and has at most ``max_words``
    words; the whole clause when it is short enough or has no usable boundary."""
    words = [w for w in words if w not in ".!?…"]
    if _count(words) <= max_words:
        return words
    strong, weak = _boundaries(words)
    for candidates in (strong, weak):
        for end in reversed(candidates):
            prefix = words[:end]
            if MIN_WORDS <= _count(prefix) <= max_words and prefix[-1].lower() not in DANGLING \
                    and not _stub_after_comma(prefix):
                return prefix
    if _count(words) <= HARD_MAX:
        return words
    for end in strong + weak:  # a very long run-on: its first whole phrase
        prefix = words[:end]
        if _count(prefix) >= MIN_WORDS and prefix[-1].lower() not in DANGLING:
            return prefix
    return words


def _stub_after_comma(words: list[str]) -> bool:
    """Whether a phrase ends in a stub of one or two words after a comma ("..., it shows"):
    a clause cut before its object, so a shorter phrase reads better."""
    if "," not in words:
        return False
    last = len(words) - 1 - words[::-1].index(",")
    return 0 < _count(words[last + 1:]) <= 2


def _speaker_later(words: list[str], kept: int) -> int | None:
    """Where the user's own clause starts after a conjunction or comma, when the kept phrase
    ends before it and does not speak of the user at all; else None."""
    if kept >= len(words) or any(w.lower() in _SECOND or w.lower() == "we" for w in words[:kept]):
        return None
    for i in range(max(kept, 1), len(words) - MIN_WORDS + 1):
        before = words[i - 1].lower()
        if words[i].lower() in _SECOND and (before in _CONJUNCTIONS or before == ","):
            return i
    return None


def has_verb(words: list[str]) -> bool:
    """True when the words look like a clause (a verb or auxiliary, or a subject pronoun)."""
    lows = [w.lower() for w in words]
    if lows and lows[0] in SUBJECTS:
        return True
    return any(w in _AUX or is_past_verb(w) or re.search(r"'(?:s|re|ve|ll|d|m)$", w)
               for w in lows)


# what a week, a shift or a task was, said without "it": "was hard", "was mad busy"
_IT_WAS = wordset("hard difficult easy easier harder good great fun busy mad quiet tough crazy "
                  "hectic nice ok okay fine long slow bad awful brilliant amazing stressful "
                  "tricky challenging weird strange intense manic rough interesting boring "
                  "worth chaos chaotic mental full packed rammed dead grim lovely")


# How one felt, said without a subject ("terrified but it worked"): not a deed
_FEELINGS = wordset("terrified scared nervous worried stressed exhausted knackered shattered "
                    "gutted chuffed pleased relieved overwhelmed frustrated annoyed embarrassed "
                    "confused shocked surprised excited bored tired proud anxious")

# ... unless it has an object: "confused the two orders" is a deed
_OBJECTS = wordset("the a an my our his her their him them me us everyone it this that")


def mirror(sentence: str, max_words: int = MAX_WORDS) -> str:
    """One of the user's sentences as the coach quotes it back.

    Args:
        sentence: the user's sentence, verbatim.
        max_words: the longest mirror before it is cut back to a clause boundary.

    Returns:
        A clause in the second person ("you fixed your bike"), or the user's words in
        quotation marks when they hold no verb; never with "…"; empty for empty input.
    """
    sentence = re.split(r"(?<=[.!?…])\s+", sentence.strip(), maxsplit=1)[0]
    words = [w for w in tokens(_start(sentence)) if w not in ".!?…"]
    while words and not words[0][0].isalnum():  # "-- fixed it" starts at "fixed"
        words.pop(0)
    if not words:
        return ""
    first = words[0]
    common = first.lower() in _COMMON or is_past_verb(first) or first.lower().endswith("ing")
    if common and first != "I" and not first.isupper():  # names and acronyms keep capitals
        words[0] = first[:1].lower() + first[1:]
    if words[0].lower() in ("gonna", "gunna"):
        words = ["you're", "going", "to", *words[1:]]  # "gonna do the practice problems"
    elif words[0].lower() in _FEELINGS and (len(words) == 1 or words[1].lower() not in _OBJECTS):
        words = ["you", "were", *words]  # "terrified but it worked" -> "you were terrified ..."
    elif is_past_verb(words[0]):
        words = ["you", *words]  # "migrated the db" -> "you migrated the db"
    elif words[0].lower() in ("was", "were") and len(words) > 1 and words[1].lower() not in (
            "it", "this", "that", "there", "he", "she", "they", "we", "i", "you", "the", "a",
            "an", "my", "our", "his", "her", "their", "anyone", "everyone", "nobody"):
        # "was scared at start" -> "you were scared ..."; "Was hard because ..." -> "it was
        # hard ..." (what the week or the task was, not the writer)
        words = ["it", "was", *words[1:]] if words[1].lower() in _IT_WAS else \
            ["you", "were", *words[1:]]
    phrase = whole_phrase(words, max_words)
    speaker = _speaker_later(words, len(phrase))
    if speaker is not None:  # "the freezer died so I moved ..." -> what the user did
        phrase = whole_phrase(words[speaker:], max_words)
    if not has_verb(phrase):
        # "one pallet fall from the racking on tuesday, nobody hurt, I stop the aisle": no
        # verb the rules know before the writer's own clause, which is what they did
        own = next((i for i in range(1, len(phrase)) if phrase[i].lower() in _SECOND
                    and phrase[i - 1].lower() in (*_CONJUNCTIONS, ",")), None)
        if own is not None and len(words) - own >= MIN_WORDS:
            return join(second_person(whole_phrase(words[own:], max_words))).strip(" ,;:-–—")
        return quoted(sentence, max_words)
    return join(second_person(phrase)).strip(" ,;:-–—")


def quoted(sentence: str, max_words: int = MAX_WORDS) -> str:
    """The user's own words of one sentence, a whole phrase in quotation marks, unchanged
    (for words the English rules cannot turn to the second person: another language)."""
    sentence = re.split(r"(?<=[.!?…])\s+", sentence.strip(), maxsplit=1)[0]
    return f"\u201c{join(whole_phrase(tokens(sentence), max_words)).strip(' ,;:.!?')}\u201d"
