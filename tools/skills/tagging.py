"""The entry point ``tag_many(texts)`` -> ranked ``SkillTag`` lists (``tag(text)``: one text).

Without ``top`` a tag is what may be shown: above the threshold, supported by the whole
sentence, and the writer's own (not a question, request or someone else's action);
``top=K`` returns K ranked candidates for evaluation. One process-wide tagger is loaded on
first use (index from the cache dir, built once).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from memory.schemas import Polarity, SkillTag
from tools.skills.growth import reads_as_growth
from tools.skills.index import build_index
from tools.skills.lexical import Match
from tools.skills.mood import (
    ASKED_FOR,
    GROWTH_PARTS,
    PEOPLE,
    TAUGHT_ME,
    mood,
    not_a_deed,
    part_of,
    praise_received,
    sentence_mood,
)
from tools.skills.polarity import GROWTH_CUE, growth_cue, polarity, states_growth
from tools.skills.tagger import Tagger, TaggerConfig
from tools.skills.text import STOPWORDS, Span, clauses, content_lemmas, lemma, sentences, tokens

FAST_BATCH = 64
WINDOW = 512  # sentences scored at once: (sentences x 15.5k concepts) arrays stay ~100 MB
MAX_TEXT_CHARS = 200_000  # about 80 pages; longer texts get a clear error
TIE = 1e-5


class TextTooLong(ValueError):
    """A text longer than the tagger takes (``MAX_TEXT_CHARS``)."""

_lock = threading.Lock()
_tagger: Tagger | None = None


def get_tagger(cache_dir: Path | None = None) -> Tagger:
    """The process-wide tagger (loads or builds the framework index on first use)."""
    global _tagger
    with _lock:
        if _tagger is None:
            _tagger = Tagger(build_index(cache_dir=cache_dir))
        return _tagger


def set_tagger(tagger: Tagger | None) -> None:
    """Replace the process-wide tagger (tests, or after importing a framework)."""
    global _tagger
    with _lock:
        _tagger = tagger


def _mask(tagger: Tagger, frameworks: Iterable[str]) -> np.ndarray:
    return np.isin(tagger.framework, list(frameworks))


def _clause_of(text: str, sentence: Span, evidence: Span) -> Span:
    for part in clauses(text, sentence):
        if part[0] <= evidence[0] and evidence[1] <= part[1]:
            return part
    return sentence


def _best(scores: np.ndarray, k: int) -> np.ndarray:
    """Indices of the k highest scores, best first (argpartition, then a small sort)."""
    k = min(k, scores.size)
    if k <= 0:
        return np.zeros(0, dtype=np.int64)
    part = np.argpartition(-scores, k - 1)[:k]
    return part[np.argsort(-scores[part])]


def _candidates(tagger: Tagger, row: np.ndarray, mask: np.ndarray, top: int | None,
                wish: bool = False, ordering: np.ndarray | float = 0.0) -> list[int]:
    cfg = tagger.config
    if top is not None:
        # more than K: joined ESCO/O*NET pairs merge into one tag before the cut
        return [int(i) for i in _best(np.where(mask, row, -np.inf), top * 3)]
    chosen: list[int] = []
    for fw, limit in cfg.per_sentence.items():
        # only concepts above the threshold can be chosen: compare first, then sort the few;
        # a sentence stating a wish or struggle names its growth area more loosely
        cut = min(cfg.threshold[fw], cfg.growth_threshold) if wish else cfg.threshold[fw]
        # the usage prior and the writer's trade (``ordering``) order candidates; what may be
        # shown needs the evidence itself
        evidence = row - tagger.prior() - ordering * (1.0 - cfg.context_show)
        hits = np.flatnonzero(mask & tagger.framework_mask(fw) & (evidence >= cut))
        # ESCO: a few more than shown, so one the sentence does not support gives way to the
        # next; an O*NET activity stays the best one or none (its precision is low)
        looked = limit * SPARE if fw == "esco" else limit
        chosen += [int(i) for i in hits[np.argsort(-row[hits], kind="stable")][:looked]]
    return chosen


SPARE = 3  # ESCO candidates looked at per tag a sentence may show


ONET_MIN_WORDS = 3  # the fewest words of a unit that shows an O*NET work activity
# a phrase that opens with a preposition says where or for whom, not what was done
# a clause that only names when ("wednesday", "the next morning", "last weekend")
_WHEN_ONLY = re.compile(r"\W*(?:(?:on|the|this|that|next|last|every|each|and|or|in|at|early|late)"
                        r"\s+)*(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|today|yesterday|"
                        r"tonight|tomorrow|morning|afternoon|evening|night|week|weekend|"
                        r"(?:jan|febr)uary|march|april|may|june|july|august|(?:sept|octo|nove|"
                        r"dece)mber)s?\W*", re.I)
_PLACE = re.compile(r"(?:for|in|at|on|to|into|onto|from|of|with|by|about|over|under|after|"
                    r"before|during|near|behind|around|across|through)\b", re.I)


# a phrase that only says how long someone was what ("for 7 years as store manager", "9 yrs in
# retail"): the role's skills are read elsewhere (careers, profiles), not guessed from it
_TENURE = re.compile(r"\s*(?:for\s+)?(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|"
                     r"twenty)\+?\s*(?:years?|yrs?|months?)\s+(?:as|in|at|of)\b", re.I)


# a phrase that only names a person ("with the pharmacist", "for my manager")
_COMPANION = re.compile(r"(?:with|for|from|by|beside|alongside)\s+(?:(?:the|my|our|a|an|"
                        r"his|her|their|this|that|one|two|three|\d+)\s+)?(?:(?![\w-]+ing\b)"
                        r"[\w-]+\s+)?"
                        + PEOPLE + r"s?\W*$", re.I)


# Everyday verbs and particles: a label mention made only of them ("stayed with" -> "keep
# company", "hang out with") is as weak as a single word.
_EVERYDAY = STOPWORDS | frozenset([
    "stay", "keep", "take", "make", "get", "go", "come", "look", "put", "give", "have", "do",
    "run", "set", "help", "call", "stand", "sit", "hold", "hang", "turn", "bring", "let", "see",
    "talk", "tell", "ask", "work"])


def everyday_words(text: str) -> bool:
    """Whether every word of a label mention is an everyday verb or a function word."""
    words = [lemma(w) for w, _, _ in tokens(text)]
    return bool(words) and all(w in _EVERYDAY for w in words)


def supported(tagger: Tagger, concept: int, whole: float, match: Match | None,
              from_clause: bool, everyday: bool = False) -> bool:
    """Whether a candidate has enough support to be shown.

    A single word that spells a label ("PR", "pivot") or a match found in a clause or phrase
    only counts when the whole sentence also points to the skill (its own score is at least
    ``single_word_support``, or within ``clause_gap`` of its framework's threshold).
    Multi-word mentions of a preferred label and whole-sentence matches stand; a mention of
    an alternative label needs the support a single word needs, and one made only of
    everyday words (``everyday``: "stayed with" -> "keep company") the support a clause
    needs. (O*NET activities were exempt until 2026-11-29: their short generic titles
    matched clauses such as "getting dressed" -> "Sew clothing".)"""
    cfg = tagger.config
    framework = str(tagger.framework[concept])
    if match is not None and everyday:
        return whole >= cfg.threshold[framework] - cfg.clause_gap
    if match is not None and not match.preferred:
        # an alternative label can name another sense: ESCO files "data analytics" under
        # "unstructured data", so the sentence must point to the skill too
        return whole >= cfg.single_word_support
    if match is not None:
        return match.words > 1 or whole >= cfg.single_word_support
    if not from_clause:
        return True
    return whole >= cfg.threshold[framework] - cfg.clause_gap


def _collect(found: dict[int, tuple[float, Span, Span]], tagger: Tagger, text: str,
             spans: list[Span], scored: tuple[np.ndarray, np.ndarray, list, np.ndarray],
             mask: np.ndarray, top: int | None, ordering: np.ndarray | float = 0.0) -> None:
    """Fold some sentences of one text into its best (score, sentence, evidence) per concept;
    without ``top``, only candidates the whole sentence supports. ``ordering``: the writer's
    trade boost (:meth:`Tagger.context`)."""
    rows, arg, units, whole = scored
    limits = tagger.config.per_sentence
    for k, span in enumerate(spans):
        matches: dict[int, Match] = tagger.lexical(text, span)
        row = tagger.boost(rows[k], matches) + ordering
        taken: dict[str, int] = {}
        # a sentence setting the scene for the others of the text (a list of tasks said
        # alone, "cheque deposits, loan payments, two account queries", is the week itself)
        scene = tagger.config.scene_support and len(spans) > 1 and \
            _scene(text[span[0]:span[1]])
        if top is None and job_statement(text[span[0]:span[1]]):
            continue  # "I'm a vet nurse, 4 years now": the writer's trade, no deed
        for c in _candidates(tagger, row, mask, top, top is None and states_growth(text, span),
                             ordering):
            framework = str(tagger.framework[c])
            concept = tagger.index.data.concepts[c]
            if top is None and taken.get(framework, 0) >= limits[framework]:
                continue
            m = matches.get(c)
            unit = units[int(arg[k, c])]
            if top is None and not supported(
                    tagger, c, float(whole[k, c]), m, unit.is_clause,
                    m is not None and m.words > 1 and everyday_words(text[m.start:m.end])):
                continue
            if (top is None and m is None and tagger.framework[c] == "onet"
                    and len(tokens(text, *unit.span)) < ONET_MIN_WORDS):
                continue  # "developers" -> "Develop software": a work activity needs more
            if (top is None and m is None and unit.is_clause
                    and _PLACE.match(text, unit.span[0], unit.span[1])
                    and tagger.config.place_support
                    and whole[k, c] < tagger.config.threshold[str(tagger.framework[c])]):
                continue  # "for the kitchen", "at visiting time" name where or when
            if top is None and m is None and scene:
                continue  # "first week on placement in year 3." sets the scene, does nothing
            if top is None and m is None and unit.is_clause and \
                    _WHEN_ONLY.fullmatch(text, *unit.span):
                continue  # "... on tuesday and | wednesday": a day is no skill ("manage time")
            if top is None and m is None and unit.is_clause and \
                    everyday_words(text[unit.span[0]:unit.span[1]]):
                continue  # "it worked", "got it done": everyday words name no skill
            if top is None and m is None and unit.is_clause and \
                    _TENURE.match(text, *unit.span):
                continue  # "for 7 years as store manager": how long, not a deed
            if top is None and unit.is_clause and _COMPANION.match(text, *unit.span):
                continue  # "with the pharmacist" says who was there, not what was done
            if top is None and any(other_side_only(sides, concept.label, text[span[0]:span[1]])
                                   for sides in (_SERVED, _LEVELS)):
                # "I helped a customer" is not "support colleagues"; "taught a year 9 class"
                # is not "teach university class"
                continue
            if top is None and "volunteers" in concept.label and \
                    _I_VOLUNTEER.search(text, *span) and \
                    not re.search(r"\bvolunteers\b", text[span[0]:span[1]], re.I):
                continue  # "I volunteer at the food bank": the writer is the volunteer
            if top is None and _unsaid_act(concept.label, text[span[0]:span[1]]):
                continue  # "did the medication round" is no prescribing
            evidence = (m.start, m.end) if m else unit.span
            if top is None and _declined(text, evidence):
                continue  # "saying no to extra shifts": what is turned down is no skill
            if top is None and m is not None and m.words == 1 and \
                    concept.skill_type == "knowledge" and concept.label.islower() and \
                    text[m.start:m.end].islower() and (
                        _THE_THING.search(text, 0, m.start)
                        or _plural_of(text[m.start:m.end], concept.label)):
                continue  # "set up the surgery", "chasing GP surgeries": rooms, not the field
                # ("my SQL" stays SQL)
            if top is None and m is not None and _COURSE_AFTER.match(text, m.end) and \
                    _COURSE_BEFORE.search(text[max(0, m.start - 30):m.start]):
                continue  # "for my UX course": the course's subject, not a deed
            taken[framework] = taken.get(framework, 0) + 1
            # an earlier sentence keeps a tie (scores within float noise of each other), so
            # the evidence never depends on how the sentences were batched
            if c not in found or row[c] > found[c][0] + TIE:
                found[c] = (float(row[c]), span, evidence)


# a determiner right before a one-word mention: a thing or a place ("the surgery", "the
# composite"), not a field of knowledge ("surgery", "accounting")
# ("the GP surgery", "the vet's surgery": one acronym or possessive between)
_THE_THING = re.compile(r"\b(?i:the|a|an|this|that|our|my|their|his|her)\s+"
                        r"(?:[A-Z]{2,}s?\s+|(?i:[a-z]+['’]s?)\s+)?$")


def _plural_of(word: str, label: str) -> bool:
    """Whether a word is the plural of a one-word field ("surgeries" of "surgery"): things
    of that name, never the field itself."""
    word, label = word.lower(), label.lower()
    return word != label and word in (label + "s", label + "es", label[:-1] + "ies")


# what one says no to, turns down or refuses, right before a mention
_DECLINING = re.compile(r"\b(?:(?:say|says|saying|said) no|turn(?:s|ed|ing)? down|"
                        r"refus(?:e|es|ed|ing))(?:\s+to)?\s*$", re.I)


# a mention that names what a course is about ("my UX course", "the Excel class")
_COURSE_AFTER = re.compile(r"\s+(?:course|class|module|degree|diploma|lesson|lessons|exam|"
                           r"bootcamp|certificate|certification|qualification)s?\b", re.I)


# ... said as the setting of something else ("for my UX course I did 5 interviews"), not as
# a course done ("passed my food hygiene course")
_COURSE_BEFORE = re.compile(r"\b(?:for|on|in|at|from|during) (?:my|the|our|a|an|this)\s+$",
                            re.I)


def _declined(text: str, evidence: tuple[int, int]) -> bool:
    """Whether a mention is what the writer says no to ("I want to get better at saying no
    to extra shifts" is no growth in scheduling shifts)."""
    return _DECLINING.search(text[max(0, evidence[0] - 40):evidence[0]]) is not None


def _plain_words(text: str) -> list[str]:
    """The words of a text in lower case, without the punctuation around them."""
    return [w for w in (w.strip(",.;:!?()\"'").lower() for w in text.split()) if w]


def _tells_a_deed(words: list[str], allowed: frozenset[str]) -> bool:
    """Whether any word is a verb in the past or in -ing (or looks like one), apart from the
    ``allowed`` words and nouns that only look like an -ing form."""
    from tools.verbs import is_past_form

    return any((is_past_form(w) or (w.endswith(("ing", "ed")) and len(w) > 3))
               and w not in allowed and w not in _NOT_ING for w in words)


def _scene(sentence: str) -> bool:
    """Whether a sentence only sets the scene: no writer, no verb in the past or in -ing, and
    no opening verb ("first week on placement in year 3.", "Night shift again")."""
    from tools.verbs import is_verb

    words = _plain_words(sentence)
    if not words or _FIRST_PERSON_WORD.search(sentence) or _tells_a_deed(words, _BEING):
        return False
    return not (is_verb(words[0]) and words[0] not in _NOT_OPENING_VERBS)


# The writer's job said alone: "I'm a vet nurse, 4 years now at a mixed practice", "been a
# chef for 12 years, mostly italian", "I work as a plumber, mostly boilers": the trade (the
# writer's context), no deed; "I'm a carer, did 4 calls this morning" tells one
_JOB_OPENING = re.compile(r"^\W*(?:(?:so|well|ok|okay|hi|hello|hey)\W+)?(?:(?:i'?m|im|i’m|i am|"
                          r"i\s+work(?:ed)?\s+as|(?:i'?ve|i’ve|ive|i have)\s+been|been)\s+"
                          r"(?:(?:still|currently|now|just|only|basically)\s+)?"
                          r"(?:working\s+as\s+)?(?:an?)\s+|"
                          # written without the article: "I work as barista in a coffee shop"
                          r"i\s+(?:(?:still|currently|now)\s+)?work(?:ed)?\s+as\s+)(?=\w)", re.I)
_JOB_WORDS = frozenset({"qualified", "based", "registered", "trained", "working", "employed",
                        "contracted", "self-employed", "mixed", "specialised", "specialized",
                        "experienced", "licensed", "certified", "skilled", "retired",
                        "advanced", "unqualified", "dedicated", "salaried"})


@lru_cache(maxsize=4096)
def job_statement(sentence: str) -> bool:
    """Whether a sentence only states the writer's job: the role, where, how long, what kind
    of work, and no deed. (Cached: profiles ask it of each sentence for every requirement.)"""
    opening = _JOB_OPENING.match(sentence)
    if opening is None:
        return False
    rest = sentence[opening.end():]
    return not _FIRST_PERSON_WORD.search(rest) and \
        not _tells_a_deed(_plain_words(rest), _JOB_WORDS)


# "this week was mad busy", "Monday was chaos": a state, no deed
_BEING = frozenset({"was", "were", "been", "being"})
# nouns that only look like an -ing form ("spring rush", "on the evening")
_NOT_ING = frozenset({"spring", "morning", "evening", "thing", "things", "king", "ring",
                      "wing", "ceiling", "string", "sibling", "pudding", "icing", "lightning"})
_FIRST_PERSON_WORD = re.compile(r"\b(?:i|i'm|im|i've|ive|me|my|we|we're|us|our)\b", re.I)
_NOT_OPENING_VERBS = frozenset({"on", "in", "at", "night", "first", "last", "next", "another",
                                "long", "big", "busy", "quiet", "short", "half", "whole"})


# Whom a skill is for, as its label names them and as people write them: a label naming one
# side of the counter is not shown for a sentence that names only the other side.
_SERVED = {
    "colleague": (re.compile(r"\b(?:colleagues?|staff|employees?|personnel|co-?workers?)\b"),
                  re.compile(r"\b(?:colleagues?|co-?workers?|workmates?|staff|team|teammates?|"
                             r"employees?|starters?|apprentices?|trainees?|juniors?|new (?:girl|"
                             r"guy|lad|boy|hire|one)|crew|manager|boss|supervisor|nurses?|"
                             r"TAs?|teaching assistants?|teachers?|"
                             r"carers?|chefs?|drivers?)\b", re.I)),
    "customer": (re.compile(r"\b(?:customers?|clients?|guests?|passengers?|visitors?)\b"),
                 re.compile(r"\b(?:customers?|clients?|guests?|passengers?|visitors?|shoppers?|"
                            r"diners?|callers?|punters?|buyers?|tenants?|members? of the public)\b",
                            re.I)),
}


def other_side_only(sides: dict[str, tuple[re.Pattern[str], re.Pattern[str]]], label: str,
                    sentence: str) -> bool:
    """Whether a label names one side of ``sides`` (whom a skill serves, :data:`_SERVED`; a
    stage of education, :data:`_LEVELS`) and the sentence names only another ("Yesterday I
    helped a customer" -> not "support colleagues"; "taught a year 9 class" -> not "teach
    university class"). A label naming both sides ("Interview employees, customers, or
    others") is never left out."""
    in_label = {side for side, (named, _) in sides.items() if named.search(label)}
    said = {side for side, (_, words) in sides.items() if words.search(sentence)}
    return bool(in_label) and bool(said) and not in_label & said


# The stage of education a label names and the words people use for it: a label naming one
# stage is not shown for a sentence that names only another.
_LEVELS = {
    "higher": (re.compile(r"\b(?:university|higher education|academic|postgraduate)\b"),
               re.compile(r"\b(?:uni|university|universities|lectures?|lecturer|undergrad\w*|"
                          r"postgrad\w*|dissertation|degree|phd|masters|freshers?|campus)\b",
                          re.I)),
    "school": (re.compile(r"\b(?:primary|secondary|school|kindergarten|early years)\b"),
               re.compile(r"\b(?:school|pupils?|year \d+s?|y\d+|ks\d|key stage|gcses?|"
                          r"a-?levels?|primary|secondary|nursery|reception class|sixth form)\b",
                          re.I)),
}


# The writer as a volunteer ("weekend I volunteer at food bank", "volunteering at ...")
_I_VOLUNTEER = re.compile(r"^\W*volunteer(?:ed|ing)\b|"  # "volunteered at the food bank ..."
                          r"\b(?:(?:i|we)\s+(?:\w+\s+)?volunteer(?:ed|s)?|(?:i'?m|am|was|were|"
                          r"been|i|we) volunteering|as an? volunteer)\b", re.I)


# words of someone angry or upset, said of a complaint and of someone hard to deal with
_HEATED = r"angry|angrily|furious|upset|rude|shout\w*|yell\w*|irate|fum\w*|livid|raging"


# An act shown only when the writer names it: prescribing ("did the medication round" is no
# prescribing; a mechanic's "found the fault" may still diagnose) and playing an instrument
# ("tuned the piano" is no "play the piano"): the act a label opens with, and its words
_NAMED_ACTS = ((re.compile(r"^prescribe\b", re.I), re.compile(r"\bprescri\w*", re.I)),
               # training: someone shown, taught or trained, or a session held ("We started
               # him on a drip and got him to CCU" trains no one)
               (re.compile(r"^train employees\b", re.I),
                re.compile(r"\b(?:new|starters?|trainees?|apprentices?|students?|juniors?|"
                           r"interns?|show\w*|taught|teach\w*|\w*train\w*|induct\w*|"
                           r"onboard\w*|how to|shadow\w*|buddy|coach\w*|mentor\w*|(?:went|go|"
                           r"going|talk\w*|walk\w*) (?:\w+ )?through|explain\w*|demonstrat\w*|"
                           r"learn\w*|lessons?|courses?|sessions?|workshops?|refresh\w*|"
                           r"brown ?bag|briefing|toolbox)\b", re.I)),
               # animals named, not "the young ones" of a kitchen brigade ("keeping an eye on
               # the young ones when it's rammed" showed "monitor the welfare of animals")
               (re.compile(r"\banimals?\b|\blivestock\b|\bpets?\b|\bveterinary\b|"
                           r"feeding behaviour", re.I),
                re.compile(r"\b(?:animals?|livestock|pets?|dogs?|puppy|puppies|pups?|cats?|"
                           r"kittens?|tomcat|horses?|ponies|pony|foals?|cattle|cows?|calves|calf|"
                           r"bulls?|heifers?|sheep|lambs?|ewes?|pigs?|piglets?|sows?|goats?|"
                           r"chickens?|hens?|poultry|birds?|parrots?|rabbits?|bunnies|hamsters?|"
                           r"guinea pigs?|ferrets?|reptiles?|snakes?|lizards?|tortoises?|fish|"
                           r"kennels?|cattery|stables?|vets?|veterinary|herd|flock|litter|"
                           r"spay\w*|neuter\w*|euthanas\w*|paws?|hooves|hoof|fur|feathers?|"
                           r"lab|labrador|spaniel|terrier|collie|alpacas?|donkeys?|ducks?|"
                           r"geese|turkeys?|bees?|hives?|deer|wildlife|zoo|farm|owners?|"
                           r"bitch|dam|sire|canine|feline|equine|bovine|ovine)\b", re.I)),
               # a chimney swept, not leadwork or a gutter beside one ("leadwork on a chimney
               # back gutter")
               (re.compile(r"\bchimney sweep", re.I), re.compile(r"\bsweep\w*|\bswept\b", re.I)),
               # dogs walked, not a postman's walk where dogs are met ("... the walk for the
               # new lad, showed him which dogs to avoid")
               (re.compile(r"\bdog walking\b", re.I),
                re.compile(r"\bwalk\w*\s+(?:\w+\s+){0,2}?dogs?\b|\bdogs?\s*-?\s*walk\w*", re.I)),
               (re.compile(r"^play (?:the |musical )", re.I),
                re.compile(r"\b(?:play\w*|gigs?|gigged|jam\w*|busk\w*|sang|sing\w*|practi[cs]\w*|"
                           r"rehears\w*|perform\w*|concert|recital)\b", re.I)),
               # teaching ("need to get better at public speaking" is no "teach public
               # speaking principles"): someone taught, a class or a lesson named
               (re.compile(r"^teach\b", re.I),
                re.compile(r"\b(?:teach\w*|taught|lessons?|class(?:es|room)?|pupils?|students?|"
                           r"learners?|trainees?|apprentices?|tutor\w*|train\w*|coach\w*|"
                           r"instruct\w*|courses?|workshops?|sessions?|seminars?|lectur\w*|"
                           r"demonstrat\w*|show(?:ed|n|ing)?|explain\w*|year \d+|y\d+|gcses?|"
                           r"a-?levels?|revision|kids|children|group|cohort|module|"
                           r"curriculum|schemes? of work|homework|marking|marked|whiteboard|"
                           r"theory|(?:talk|walk)(?:ed|ing)? \w+ through|went through|"
                           r"new (?:lad|girl|guy|starters?|ones?|hires?|joiners?))\b", re.I)),
               # scheduling shifts: a rota made ("covered two extra shifts", "did the bank
               # shift" is working one)
               (re.compile(r"^(?:schedule shifts|plan shifts|coordinate shifts)\b", re.I),
                re.compile(r"\b(?:rotas?|rota'?d|schedul\w*|plann?\w*|timetabl\w*|allocat\w*|"
                           r"roster\w*|overtime|staffing|swap\w* shifts|cut (?:\d+|one|two|"
                           r"three|four|five) \w+|got (?:\d+|one|two|three|four|five|\w+) to "
                           r"(?:do|cover|work|come))\b", re.I)),
               # supervising: someone supervised, led or in charge ("this week I do 5 night
               # shift" supervises no staff)
               (re.compile(r"^supervise\b", re.I),
                re.compile(r"\b(?:supervis\w*|in charge|lead\w*|led|manag\w*|oversaw|"
                           r"overse\w*|running|ran|charge|senior|team leaders?|shift leaders?|"
                           r"my team|the team|staff|juniors?|apprentices?|trainees?|students?|"
                           r"new starters?|signed off|delegat\w*|allocat\w*|checked (?:their|"
                           r"his|her)|crew|volunteers|workers|pickers|cleaners|porters|carers|"
                           r"nurses|drivers|lads|girls|guys|children|kids|babies|toddlers|"
                           r"pupils|class|cots?|watch\w*|head ?counts?|counting heads|"
                           r"(?:sleep|safety) checks?)\b", re.I)),
               # complaints: an anxious owner shown how to redirect a biting pup made none
               (re.compile(r"\bcomplaints\b", re.I),
                re.compile(r"\b(?:" + _HEATED + r"|complain\w*|moan\w*|kick(?:ed|ing|s)? off|"
                           r"unhappy|rant\w*|"
                           r"annoyed|cross|not happy|escalat\w*|refunds?|grievances?|"
                           r"disgusted|fuming|abusive|aggressive|having a go|"
                           r"went off|go off|goes off|blew up|blow up|dissatisfied|feedback|"
                           r"review|reviews|apologi[sz]\w*|sorry|wrong|broken|faulty|late|lost|"
                           r"missing|damaged|disappointed|frustrat\w*|mad at|mad about|"
                           r"too \w+|came back|brought \w+ back|money back|credit note|"
                           r"vouchers?|exchang\w*|replacements?|nois\w*|keep the peace|"
                           r"keep \w+ happy|(?:was|is|were)n'?t (?:happy|right|working)|"
                           r"(?:did|does)n'?t work|not working|stopped working)\b",
                           re.I)),
               # on the telephone: a phone named or a call made ("did the on-call handover
               # doc for the new joiner" made none)
               (re.compile(r"\btelephone\b", re.I),
                re.compile(r"\b(?:phon\w*|telephon\w*|rang|ring\w*|(?<![-\w])(?<!on )"
                           r"call(?:s|ed|ing|ers?)?\b(?!-)|dial\w*|mobile|landline|"
                           r"switchboard|voicemail|answerphone|hung up|on hold)", re.I)),
               # communicating: someone told, asked, written to or talked with ("gave each
               # test its own user via a fixture" communicates no test results)
               (re.compile(r"^communicate\b", re.I),
                re.compile(r"\b(?:told|tell\w*|explain\w*|talk\w*|spoke|speak\w*|chat\w*|"
                           r"call\w*|rang|ring\w*|phon\w*|e-?mail\w*|messag\w*|text\w*|wrote|"
                           r"writ\w*|written|report\w*|present\w*|shar\w*|updat\w*|brief\w*|"
                           r"inform\w*|reassur\w*|ask\w*|answer\w*|repl\w*|respond\w*|"
                           r"discuss\w*|meetings?|handover|hand\w* over|convers\w*|sign\w*|"
                           r"translat\w*|interpret\w*|listen\w*|comfort\w*|calm\w*|persuad\w*|"
                           r"convinc\w*|negotiat\w*|said|say\w*|says|letters?|notes?|feedback|"
                           r"through|show\w*|demo\w*|flag\w*|escalat\w*|raised?|liais\w*|"
                           r"contact\w*|words?|pitch\w*|advis\w*|advice|warn\w*|remind\w*|"
                           r"announc\w*|post\w*|slack|teams|zoom|radio\w*|bleep\w*|pag\w*|"
                           r"sent|send\w*|communicat\w*|quer\w*|questions?|complain\w*|"
                           r"agree\w*|argu\w*|chas\w*|emails?|calls?|spoken|english|language|"
                           r"tagalog|polish|urdu|spanish|french|arabic|translator|interpreter|"
                           r"docs|documentation|readme|wiki|mums?|dads?|famil\w*|relatives?|"
                           r"customers?|clients?|patients?|parents?|callers?|guests?|"
                           r"colleagues?|team|manager|boss|doctor|gp|vet|nurse|reg|registrar|"
                           r"consultant|stakeholders?|engineer|supplier|council|met|meet\w*|"
                           r"propos\w*|go over|went over|visit\w*|read (?:\w+ )?(?:to|out|"
                           r"aloud))\b", re.I)),
               # students: a label about students needs someone learning ("gave each test
               # its own user" assesses no students)
               (re.compile(r"\b(?:students?|pupils?)\b", re.I),
                re.compile(r"\b(?:students?|pupils?|learners?|class(?:es)?|kids|children|child|"
                           r"year \d+s?|y\d+|apprentices?|trainees?|cohort|applicants?|"
                           r"undergrad\w*|postgrad\w*|phd|school|college|uni|university|"
                           r"lessons?|tutees?|mentees?|freshers?|gcses?|a-?levels?|sixth form\w*|"
                           r"boys|girls|lads|teens?|teenagers?|toddlers?|nursery|ks\d|sen|"
                           r"placement|course|offer holders?|enrol\w*|ehcps?|ieps?|senco|"
                           r"worksheets?|phonics|reading|spelling|maths|homework|marking|"
                           r"marked|exams?|revision|seminars?|msc|tutor\w*|teach\w*|taught|"
                           r"braill\w*|fractions|times tables|1:1|one to one|playground|"
                           r"classroom|register|timetable|lecture\w*|modules?|dissertations?|"
                           r"essays?|coursework|assignments?|grades?|graded|reports? cards?)\b",
                re.I)),
               # challenging people: someone hard to deal with said ("one owner was really
               # anxious about her pup biting" is no challenging person)
               (re.compile(r"^deal with (?:challenging|aggressive) (?:people|behaviour)\b", re.I),
                re.compile(r"\b(?:" + _HEATED + r"|challeng\w*|difficult|aggress\w*|"
                           r"abus\w*|drunk\w*|swear\w*|swore|threat\w*|"
                           r"kick\w* off|kicked|violent|hostile|"
                           r"argu\w*|row|confront\w*|complain\w*|demanding|awkward|"
                           r"nightmare|tantrum|meltdown|lash\w*|push\w* back|pushy|hassl\w*|"
                           r"sarcas\w*|snapp\w*|have a go|had a go|having a go|went off|"
                           r"refus\w*|wouldn'?t|won'?t|stroppy|mouthy|cheeky|bully\w*|"
                           r"harass\w*|escalat\w*|calm\w* (?:him|her|them|down)|de-?escalat\w*|"
                           r"say no|saying no|said no|stand up to|drunks?|gang|fight\w*|"
                           r"throw\w*|threw|spat|spit\w*|hit|punch\w*|kick\w*|grab\w*|"
                           r"in (?:my|his|her|your|their) face|lairy|slurr\w*|nasty|squar\w* up|"
                           r"got physical|intimidat\w*|menac\w*)\b",
                           re.I)),
               # financial securities: "called security" is no trading
               (re.compile(r"^securities$", re.I),
                re.compile(r"\b(?:securities|bonds?|equit\w+|shares|stocks?|portfolios?|"
                           r"trad(?:e|ed|es|ing)|invest\w*|funds?|brokers?|derivatives?)\b",
                           re.I)))


# ... and labels whose word the sentence uses in another trade's sense, when the sentence
# names that sense and no other use of the word: a merge conflict in code is no conflict
# between people
_OTHER_SENSES = ((re.compile(r"^(?:apply conflict management|manage conflicts?|resolve "
                             r"conflicts?|handle conflicts?|conflict management)\b", re.I),
                  re.compile(r"\b(?:merge|merging|rebase|git|dependency|version|package) "
                             r"conflicts?\b|\bconflicting (?:changes|commits|versions)\b", re.I),
                  re.compile(r"\bconflicts?\b", re.I)),
                 # mould on a wall or in a shower is damp, not a casting mould ("cleaned and
                 # re-sealed the shower, mould everywhere")
                 (re.compile(r"\bmoulds?\b|\bmolds?\b|\bmoulding\b", re.I),
                  re.compile(r"\b(?:black |damp |the |some |of |with )?(?:mou?ld)\b(?=\s*(?:"
                             r"everywhere|on|in|behind|around|spores?|growing|growth|remover|"
                             r"spray|from|and damp|,|\.|$))|\bmou?ldy\b|\bdamp\b", re.I),
                  re.compile(r"\bmou?ld(?:s|y|ing)?\b", re.I)),
                 # a patient's, a ticket's or a browser's history is no history taught
                 (re.compile(r"^history\b", re.I),
                  re.compile(r"\b(?:patient'?s?|medical|previous|past|clinical|drug|medication|"
                             r"service|search|browser|order|purchase|payment|git|version|"
                             r"commit|chat|call|credit|employment|job|case|sales|maintenance|"
                             r"vehicle|transaction|ticket|account|incident|treatment|dental|"
                             r"health|obstetric|work|his|her|their|your|my) history\b|"
                             r"\bhistory (?:of|taking|showed|shows)\b|\b(?:took|take|check\w*|"
                             r"look\w* (?:at|through)|read|review\w*) (?:a |the |her |his |"
                             r"their )?history\b", re.I),
                  re.compile(r"\bhistory\b", re.I)),
                 # a Google review, sheet or meeting is no search engine
                 (re.compile(r"\bsearch engine", re.I),
                  re.compile(r"\bgoogle (?:reviews?|maps|sheets?|docs?|drive|meet|classroom|"
                             r"forms?|calendar|business|chat|pay|slides)\b|\b(?:review|rating|"
                             r"stars?) on google\b", re.I),
                  re.compile(r"\bgoogle\b", re.I)),
                 # moderating an online group is no moderation of assessments
                 (re.compile(r"\bassessment|\bmoderat", re.I),
                  re.compile(r"\bmoderat\w*\s+(?:the\s+|our\s+|a\s+)?(?:facebook|whatsapp|"
                             r"discord|reddit|online|community|fb|chat|comments?|group|forum|"
                             r"page|posts?|subreddit|server|channel)\b", re.I),
                  re.compile(r"\bmoderat\w*", re.I)),
                 # bleeding a radiator or brakes draws no blood
                 (re.compile(r"\bblood\b", re.I),
                  re.compile(r"\b(?:bled|bleed\w*)\s+(?:[\w-]+\s+){0,2}?(?:the\s+)?(?:rads?|"
                             r"radiators?|brakes?|system|pipes?|lines?|valves?|air|clutch)\b",
                             re.I),
                  re.compile(r"\b(?:bloods?|bled|bleed\w*)\b", re.I)),
                 # bleeding, balancing or servicing a radiator is upkeep, not installing it
                 (re.compile(r"^install\b", re.I),
                  re.compile(r"\b(?:bleed\w*|bled|balanc\w*|flush\w*|servic\w*|descal\w*)\b",
                             re.I),
                  re.compile(r"\b(?:install\w*|fit|fits|fitted|fitting|new|put in|replac\w*)\b",
                             re.I)),
                 # sorting the van out tidies it; it sorts no waste or mail
                 (re.compile(r"\bsort", re.I),
                  re.compile(r"\bsort(?:s|ed|ing)?\s+(?:[\w'-]+\s+){0,3}?out\b|\bsort(?:s|ed|ing)? "
                             r"(?:it|that|this|them) (?:out|all)\b", re.I),
                  re.compile(r"\bsort\w*", re.I)),
                 # ringing the pharmacy asks it: it keeps no pharmacy's stock ("i rang the
                 # pharmacy and they will change it to a dosette box")
                 (re.compile(r"\bpharmac", re.I),
                  re.compile(r"\b(?:rang|ring\w*|call\w*|phon\w*|e-?mail\w*|contact\w*|"
                             r"chas\w*|messag\w*|spoke to|talk\w* to|asked|went to|popped "
                             r"(?:in)?to)\s+(?:the\s+|our\s+|her\s+|his\s+|their\s+)?"
                             r"(?:local\s+)?pharmac\w*", re.I),
                  re.compile(r"\bpharmac\w*", re.I)),
                 # a class's worksheet is paper ("I ditched the worksheet and did a card
                 # sort"): no spreadsheet unless one is named
                 (re.compile(r"\bspreadsheet", re.I),
                  re.compile(r"\bworksheets?\b", re.I),
                  re.compile(r"\b(?:worksheets?|spreadsheets?|excel|sheets?|xlsx?|csv|pivot\w*|"
                             r"vlookups?|formulas?|cells?|macros?)\b", re.I)),
                 # training a model teaches no people and runs no trains
                 (re.compile(r"\btrain", re.I),
                  re.compile(r"\btrain\w*\s+(?:[\w-]+\s+){0,2}?(?:models?|classifiers?|"
                             r"(?:neural )?networks?|nets?|embeddings?|llms?|transformers?|"
                             r"encoders?|regressions?)\b|\btraining (?:data|sets?|loops?|runs?|"
                             r"scripts?|jobs?|pipelines?)\b", re.I),
                  re.compile(r"\btrain\w*", re.I)),
                 # software containers hold no goods ("spun up three containers for staging")
                 (re.compile(r"\b(?:goods|cargo|stack\w*|load\w*|shipp?\w*|freight)\b.*"
                             r"\bcontainers?\b|\bcontainers?\b.*\b(?:goods|cargo|ship\w*|"
                             r"freight|vessels?)\b", re.I),
                  re.compile(r"\b(?:docker|podman|kubernetes|k8s|pods?|staging|prod|"
                             r"production|env|environments?|images?|cluster|spun|spin\w*|"
                             r"deploy\w*|microservices?|services?)\b[^.]{0,40}\bcontainers?\b|"
                             r"\bcontainers?\b[^.]{0,40}\b(?:docker|kubernetes|k8s|pods?|"
                             r"staging|env|environments?|images?|cluster|db|database|api)\b",
                             re.I),
                  re.compile(r"\bcontainers?\b", re.I)),
                 # drilling a wall for plugs is no drilling rig's work
                 (re.compile(r"\bdrilling (?:instructions|rigs?|fluids?|equipment|"
                             r"operations?|engineering)|\bwells?\b|\bboreholes?\b", re.I),
                  re.compile(r"\bdrill\w*\s+(?:(?:and|&)\s+\w+\s+)?(?:[\w-]+\s+){0,3}?"
                             r"(?:walls?|holes?|tiles?|plasterboard|bricks?|brickwork|masonry|"
                             r"plugs?|screws?|timber|wood|joists?|studs?|ceiling|units?|"
                             r"brackets?|pilot)\b", re.I),
                  re.compile(r"\bdrill\w*", re.I)),
                 # a dental bridge or an incident bridge call is no bridge over a river
                 (re.compile(r"\b(?:underwater bridge|bridge (?:inspection|replacement|"
                             r"construction|engineering|design)|(?:inspect|construct|build|"
                             r"design) bridges?)\b", re.I),
                  re.compile(r"\b(?:dent\w*|crowns?|dentures?|lab work|implants?|teeth|tooth|"
                             r"veneers?)\b[^.]{0,60}\bbridges?\b|\bbridges?\b[^.]{0,60}\b(?:"
                             r"dent\w*|crowns?|dentures?|teeth|tooth|veneers?)\b|\bbridge "
                             r"calls?\b|\bbridge (?:network|mode|interface|adapter)s?\b|"
                             r"\bnetwork bridges?\b", re.I),
                  re.compile(r"\bbridges?\b", re.I)),
                 # Rust the language rusts nothing ("i want to learn rust at some point")
                 (re.compile(r"\b(?:rust|corrosion|corroded)\b", re.I),
                  re.compile(r"\b(?:learn\w*|writ\w*|wrote|rewr\w*|port\w*|in|using|"
                             r"with)\s+rust\b(?!\s+(?:off|from|on|spots?|patches?|stains?|"
                             r"damage|treatment|proof\w*)\b)|\brust(?:lang)?\s+(?:code|"
                             r"programming|crates?|compiler|services?|cli|backend|book)\b", re.I),
                  re.compile(r"\brust\w*", re.I)),
                 # one's own assessment, had or passed, evaluates no one ("Had my competence
                 # assessment with the local operations manager this week. Passed, ...")
                 (re.compile(r"^(?:evaluate employees|provide feedback|assess\w* |apprais\w*|"
                             r"conduct performance|manage (?:staff|employee) performance|"
                             r"identify skills gaps|organise staff assessment)",
                             re.I),
                  re.compile(r"\b(?:had|have|got|passed|failed|sat)\s+my\s+(?:[\w-]+\s+){0,2}?"
                             r"(?:assessments?|appraisals?|reviews?|observations?|supervision|"
                             r"probation(?: review)?)\b|\b(?:was|got|been|being|were) "
                             r"(?:assessed|observed|appraised|reviewed|signed off)\b", re.I),
                  re.compile(r"\b(?:assess\w*|apprais\w*|review\w*|observ\w*|supervis\w*|"
                             r"feedback|evaluat\w*|probation\w*)\b", re.I)),
                 # "12 hr shifts" are hours; HR rung or emailed is a department, not its
                 # management ("raised it with HR and they sorted the contract")
                 (re.compile(r"^human resource", re.I),
                  re.compile(r"\b\d+\s*hrs?\b|\b(?:with|to|from|by|emailed|e-mailed|rang|"
                             r"called|told|asked|contacted|messaged|went to|chased)\s+(?:the\s+|"
                             r"our\s+)?hr\b|\bhr\s+(?:said|told|sorted|rang|emailed|replied|"
                             r"got back|team|department|dept|people|manager|advis[eo]r|portal|"
                             r"system)\b", re.I),
                  re.compile(r"\bhrs?\b|\bhuman resources?\b", re.I)),
                 # notes kept on paper make no paper ("scanner kept dyin, had to do half on
                 # paper" showed "press paper manually" and "sizes of paper")
                 (re.compile(r"\bpaper\b", re.I),
                  re.compile(r"\bon paper\b|\bpaper (?:copy|copies|records?|forms?|notes?|"
                             r"charts?|based|trail|version|sheets?|list)\b", re.I),
                  re.compile(r"\bpapers?\b", re.I)),
                 # lead, stone, salad or a wound dressed is no clothing ("leadwork on a
                 # chimney back gutter ... dressed it nice")
                 (re.compile(r"\b(?:cloth\w*|apparel|garments?|fashion\w*|wardrobe|costumes?|"
                             r"dressmak\w*|tailor\w*|wearing)\b", re.I),
                  re.compile(r"\bdress(?:ed|ing)\b(?!\s+(?:code|sense|shop|design\w*|mak\w*|"
                             r"fitting|alterations?|sizes?|patterns?|gowns?)\b)|\bdress (?:it|"
                             r"them|the|an?)\b(?!\s+(?:customer|client|bride|model|mannequin)s?\b)",
                             re.I),
                  re.compile(r"\bdress\w*|\bcloth\w*|\bfashion\w*|\bgarments?\b|\boutfits?\b|"
                             r"\bapparel\b|\bwardrobe\b|\bcostumes?\b|\bclothes\b", re.I)),
                 # talking to the sales team is selling nothing
                 (re.compile(r"\bsales\b", re.I),
                  re.compile(r"\b(?:to|for) (?:the|our|their|a) sales (?:team|staff|"
                             r"people|reps|department|floor|managers?)\b", re.I),
                  re.compile(r"\bsales\b", re.I)))


def _unsaid_act(label: str, sentence: str) -> bool:
    """Whether a label opens with an act the sentence must name and does not, or its word is
    used in the sentence only in another trade's sense."""
    if any(act.search(label) and not said.search(sentence) for act, said in _NAMED_ACTS):
        return True
    return any(own.search(label) and (found := len(other.findall(sentence))) > 0
               and found >= len(word.findall(sentence)) for own, other, word in _OTHER_SENSES)


# A day the sentence tells of: what happened then, not a habit or a wish
_OCCASION = re.compile(r"\b(?:today|yesterday|tonight|last night|this (?:morning|afternoon|"
                       r"evening)|(?:on|last) (?:mon|tues|wednes|thurs|fri|satur|sun)day|"
                       r"this week|last week|after that|at the weekend|over the weekend)\b",
                       re.I)
# a wish to become a role: "I want to become a pharmacy technician", "my goal is to be a nurse"
_ROLE_WISH = re.compile(r"\b(?:want(?:s|ed)?|would like|(?:i|we)'?d like|wish(?:ed)?|hop(?:e|ing)|"
                        r"plan(?:ning)?|goal is|dream (?:is )?|(?:would|i'?d|id) love|aim(?:ing)?|"
                        r"thinking (?:of|about)|planning)\s+(?:to\s+)?(?:become|becoming|be|"
                        r"retrain(?:ing)? as|train(?:ing)? (?:up )?as|work(?:ing)? as)\s+(?:an?|"
                        r"the)\s+", re.I)
# ... unless the sentence names what the writer has never done ("Would like to become a team
# leader but I have never managed people before")
_NEVER_DONE = re.compile(r"\b(?:never|haven'?t|havent|hasn'?t|no experience|not (?:yet )?"
                         r"(?:done|managed|used|worked|had|led|run))\b", re.I)
# the writer came through it: "I stayed calm and sorted it", "we dealt with it"
_COPED = re.compile(r"\b(?:i|we)\s+(?:(?:just|still|somehow|all)\s+)?(?:(?:stayed|kept|"
                    r"remained)\s+(?:calm|cool|patient|polite|professional|steady)|(?:sorted|"
                    r"handled|dealt with|resolved|fixed|calmed)\s+(?:it|him|her|them|things|"
                    r"the (?:situation|problem|issue))\b|got (?:it|there)\b(?! wrong)|"
                    r"manage(?:d)? (?:it )?(?:fair|ok|okay|fine|well|in the end))", re.I)


def _opens_with_deed(sentence: str) -> bool:
    """Whether a sentence opens with the writer's deed in the past ("presented my capstone
    ...", "I rebuilt the gearbox ...")."""
    from tools.verbs import is_past_form

    words = re.findall(r"[a-z']+", sentence.lower())[:5]
    for _ in range(2):  # "also I wrote a small instruction ...", "so then i rang the GP"
        if words[:1] and words[0] in _LEAD_WORDS:
            words = words[1:]
    if words[:1] in (["i"], ["we"]):
        words = words[1:]
    return bool(words) and is_past_form(words[0]) and words[0] not in _BEING | {"had", "got"}


# words that may open a sentence before its deed
_LEAD_WORDS = frozenset({"also", "then", "so", "and", "today", "yesterday", "tonight", "finally",
                         "just", "ok", "okay", "well", "anyway", "btw", "plus", "oh", "later",
                         "eventually", "again", "lastly"})
# how long the writer has done the work ("driving forklift since 5 year", "for 12 years"):
# experience told, never a growth area by meaning alone
_YEARS_AT_IT = re.compile(r"\b(?:since|for|over)\s+(?:\d+|a|one|two|three|four|five|six|seven|"
                          r"eight|nine|ten|twenty|many|several|some)\s*(?:\+\s*)?(?:years?|yrs?)\b|"
                          r"\b\d+\s*(?:\+\s*)?(?:years?|yrs?)\s+(?:now|as|in|at|of)\b", re.I)
# a clause telling how someone or something else was ("the planner was sick", "this week
# the printer was broken"; "my SQL is really weak" is the writer's growth area)
_THEIR_STATE = re.compile(r"\W*(?:(?:this|last|on|that)\s+\w+\s+)?(?:the|a|an|his|her|their)"
                          r"\s+(?:[\w'-]+\s+){0,2}?(?:was|were|is|are|had been|has been)"
                          r"\s+(?:(?:so|very|really|a bit|too|off|out)\s+)?(?!\w+ed\b)\w+\W*$",
                          re.I)
# a later clause where the writer acts in the past ("... over the phone and I said no
# politely"), or a talk they held ("Had a chat with Carys about being late")
_LATER_DEED = re.compile(r"(?:[,;]\s*|\s(?:and|so|then)\s+)(?:i|we)\s+([a-z]+)\b", re.I)
_HELD_TALK = re.compile(r"^\W*(?:(?:i|we)\s+)?had\s+a\s+(?:quick\s+|long\s+|proper\s+|"
                        r"difficult\s+|hard\s+)?(?:chat|word|talk|conversation|catch-?up|"
                        r"1:1|one-to-one|meeting)\s+with\b", re.I)


# a slow or hard start that ends in the deed done: "took me 2 hours but found the loose
# neutral", "spent all morning on it but fixed it in the end"
_GOT_THERE = re.compile(r"\bbut\s+(?:(?:i|we)\s+)?(?:(?:finally|eventually|still|then)\s+)?"
                        r"(?:found|fixed|solved|sorted|traced|tracked down|finished|got it "
                        r"(?:done|working|fixed|sorted))\b", re.I)


def _tells_deed(sentence: str) -> bool:
    """Whether the sentence tells a deed of the writer's: it opens with one, has a later
    clause where they act in the past, tells a talk they held, or ends a slow start with the
    deed done."""
    from tools.verbs import is_past_form

    if _opens_with_deed(sentence) or _HELD_TALK.search(sentence) or \
            _GOT_THERE.search(sentence):
        return True
    for found in _LATER_DEED.finditer(sentence):
        verb = found.group(1).lower()
        if is_past_form(verb) and verb not in _BEING | {"had", "got"} | _FELT_VERBS:
            return True
    return False


_FELT_VERBS = frozenset({"felt", "thought", "cried", "panicked", "froze", "worried", "wanted",
                         "wished", "hoped", "tried", "struggled", "forgot", "failed", "messed",
                         "lost", "nearly", "almost", "never", "realised", "realized", "knew"})


# ... unless it tells what went wrong ("messed up the db migraton again ... on saturday")
_SLIP = re.compile(r"\b(?:mess\w* up|messed|mistakes?|forgot|wrong|fail\w*|again|rubbish|"
                   # "it was hard", not "a very difficult patient" (the patient is)
    r"(?<!\ba )(?<!\ban )(?<!\bvery )(?<!\breally )(?:hard|difficult)(?! (?:patient|customer|"
    r"client|case|one|child|kid|bleed|vein|stick|man|woman|lady|guy|family|caller)s?\b)|"
    r"couldn'?t|can'?t|didn'?t|could not|did not|"
    # a near miss, not a quantity ("took me almost one hour", "nearly 40 covers")
    r"(?:nearly|almost)(?!\s+(?:\d|one|two|three|four|five|six|ten|twenty|an?|half|every|"
    r"all|always|the whole|double|twice)\b)|"
                   r"screw\w* up|blew it|struggl\w*|should(?:'ve| have| of)?|need(?:s|ed)? to|"
                   r"lost my|panick\w*|froze|put off|not proud|(?:smarter|better) way|"
                   r"talk(?:ed)? me into|"
                   # late, and someone not pleased: "I was late two times this week because of
                   # the bus, manager not happy"
                   r"(?:i|we) (?:was|were|am|'m|came in|turned up|got in|arrived) (?:\w+ )?late|"
                   r"(?:was|wasn't|wasnt|is|not|isn't) (?:\w+ )?(?:happy|pleased) with me|"
                   r"(?:manager|boss|supervisor|lead|chef|sister|teacher) (?:was |is )?not "
                   r"(?:happy|pleased|impressed))\b", re.I)


# mistakes the writer found in the work checked are no slip of theirs ("we find many mistakes
# in the count", "spotted two errors on the rota")
_FOUND_FAULT = re.compile(r"\b(?:find|found|finds|spot(?:ted)?|caught|notic(?:e|ed))\s+"
                          r"(?:\w+\s+){0,2}?(?:mistakes?|errors?)\b|"
                          # "i checked everything and actually it was our mistake so i raise a
                          # credit": the fault the checking found
                          r"\b(?:check\w*|look\w* into|investigat\w*|went through|traced)\b"
                          r"[^.]{0,40}?\b(?:it|this|that|there) was (?:actually )?(?:(?:our|their|"
                          r"an?|the|his|her)\s+)?(?:[\w-]+\s+)?(?:mistake|error)s?\b", re.I)


# How the thing went, said of the thing ("it worked", "went fine"), not of the writer
_IT_WENT_WELL = (r"it worked|worked out|all good|went (?:fine|well|ok|okay|smooth\w*|great)|"
                 r"(?:was|were|it's|its) (?:fine|ok|okay|alright|all right|good|great)|"
                 r"fine in the end|no problem")
_FEAR = r"scared|nervous|anxious|terrified|worried|stressed|panick\w*|bricking it|shaking"
# where the telling turns from the fear to how it went
_TURN = r",|\b(?:but|then|after|by|until|in the end|eventually|once)\b"
# A fear or nerves the sentence tells as overcome: the deed is done, no growth area
OVERCOME = re.compile(
    r"(?:^\W*(?:(?:honestly|tbh|ngl|lol|but|and)\s+)?|\b(?:was|were|felt|got|i'?m|am|bit|so|"
    r"really|quite)\s+(?:\w+\s+)?)(?:" + _FEAR + r")\b[^.!?]{0,60}?"
    r"(?:" + _TURN + r")[^.!?]{0,60}?"
    r"\b(?:got (?:the|into|it|there|used|going)|" + _IT_WENT_WELL + r"|managed|nailed|"
    r"knew|sorted|settled|relaxed|calmed down|smashed it|did it|(?:didn'?t|did not|never) "
    r"(?:shake|panic|freeze|show it)|(?:kept|stayed) (?:calm|cool|steady)|(?:held|kept) it "
    r"together|got through)",
    re.I)

# ... said of the thing, not the writer, and nothing after it ("... but it worked")
_IMPERSONAL_END = re.compile(f"(?:{_IT_WENT_WELL})$", re.I)
_FEELING_ONLY = re.compile(r"\W*(?:(?:i|i'?m|am|was|were|felt|got|a|bit|so|really|quite|very|"
                           r"honestly|tbh|ngl|lol|and|proper|totally|absolutely|" + _FEAR +
                           r"|at (?:first|the start|start))\W*)*", re.I)


def reading(text: str, sentence: Span, evidence: Span,
            grows: bool = False) -> tuple[Polarity, bool]:
    """The polarity of a mention and whether it is the writer's own: not from a question, a
    request or someone else's action (see ``tools.skills.mood``).

    Args:
        text: the whole text.
        sentence: span of the sentence holding the evidence.
        evidence: span of the evidence.
        grows: the sentence reads as a growth area by meaning (:mod:`tools.skills.growth`):
            a mention the rules call demonstrated is then growth.

    Returns:
        The polarity, and False when the mention must not be shown as the writer's.
    """
    clause = _clause_of(text, sentence, evidence)
    said = text[sentence[0] : sentence[1]]
    pol = polarity(text, clause, evidence, sentence)
    if pol == "negated" and clause == sentence:
        pol = _deed_polarity(text, sentence, evidence) or pol
    cued = GROWTH_CUE.search(said.replace("’", "'")) is not None
    # its words of struggle are someone else's ("Kasia ... but nervous", "a little boy was so
    # scared of the chair he was crying, i sat with him ..."): no growth read into them
    theirs = cued and growth_cue(said) is None
    if theirs:
        grows = False
    if ASKED_FOR.match(text, clause[0]) and not _LATER_DEED.search(said):
        return pol, False
    if pol == "demonstrated" and not grows and _WANTS_ME.search(text, clause[0], clause[1]) \
            and not _LATER_DEED.search(said) and growth_cue(said) is None:
        return pol, False  # "gaffer wants me doin more of the pricing now": a task to come
    if clause != sentence and evidence[0] >= clause[0] and evidence[1] <= clause[1] and \
            _THEIR_STATE.match(text, clause[0], clause[1]) and \
            not_a_deed(text[clause[0]:clause[1]]):
        # "this week the planner was sick, so I made the loading plan": how things were
        # before the writer's deed shows no skill of theirs ("plan shifts of employees")
        return pol, False
    if grows and not cued and not _SLIP.search(_FOUND_FAULT.sub(" ", said)) and (
            _OCCASION.search(said) or _tells_deed(said) or _COPED.search(said)
            or _YEARS_AT_IT.search(said) or _praised_after(said) or _WENT_WELL.search(said)
            or _MADE_THING.search(said)):
        # "today i calm down a angry customer", "presented my capstone to the cohort, 10
        # mins, i was shaking but people asked good questions after", "the customer was
        # really angry about the refund, I stayed calm and sorted it": a deed told
        grows = False
    wish = _ROLE_WISH.search(said)
    if wish and evidence[0] - sentence[0] < wish.end() + 30 and \
            not _NEVER_DONE.search(said, wish.end()):
        # "I want to become a pharmacy technician", "i'd love to be a midwife": a role wished
        # for is a goal, and skills read into the role's name ("teach pharmacy principles",
        # "geriatrics") are no one's
        return pol, False
    overcome = OVERCOME.search(said)
    if overcome and not re.sub(r"\W", "", said[overcome.end():]) and \
            _IMPERSONAL_END.search(overcome.group(0)) and _FEELING_ONLY.fullmatch(
                re.split(_TURN, said, maxsplit=1)[0]):
        return pol, False  # "honestly terrified but it worked": a feeling, no deed to show
    if overcome:  # "was scared at start but after 8pm i got the rhythm"
        grows = False
        if pol == "growth":
            pol = "demonstrated"
    if pol == "demonstrated" and (grows or (not theirs and not overcome and part_of(said)
                                            in GROWTH_PARTS)) and \
            not _wish_of_its_own(text, sentence, clause):
        pol = "growth"
    if pol == "demonstrated" and not overcome and _named_before_struggle(said, clause[0] -
                                                                         sentence[0]):
        pol = "growth"
    return pol, mood(said, text[clause[0] : clause[1]]) == "mine"


# how it went, said after the deed: "... I help to check the controlled drugs register with
# the balance, everything was correct" (the growth head read the audit as a struggle)
_WENT_WELL = re.compile(r"\b(?:everything|it all|all of it|all|every \w+)\s+(?:was|were|came "
                        r"out|added up|balanced)\s+(?:\w+\s+)?(?:correct|right|fine|in order|"
                        r"spot on|perfect|accurate|up to date)\b(?!\s+about)|"
                        r"\b(?:no|zero) (?:errors|discrepancies|"
                        r"issues found|mistakes found)\b", re.I)


# someone else's wish for the writer's work: "gaffer wants me doin more of the pricing now"
_WANTS_ME = re.compile(r"\b(?:wants?|would like|'d like|wanting)\s+me\s+(?:to\s+|doin[g']?\s+|"
                       r"on\s+)", re.I)


# something the writer made, in any tense (a second language often keeps the present): "i
# write a small guide in word for how to do the meter read disputes" (the growth head read
# its "how to do" as a struggle)
_MADE_THING = re.compile(r"\b(?:i|we)\s+(?:also\s+|just\s+|finally\s+)?(?:write|wrote|make|made|"
                         r"create|created|build|built|design|designed|put together|draw up|"
                         r"drew up|set up)\s+(?:a|an|the|my|our|two|three|some|new)\s+"
                         r"(?:[\w-]+\s+){0,3}?(?:guides?|checklists?|templates?|manuals?|"
                         r"instructions?|sops?|handouts?|posters?|leaflets?|spreadsheets?|"
                         r"trackers?|rotas?|dashboards?|reports?|documents?|docs?|forms?|"
                         r"cheat ?sheets?|flowcharts?|presentations?|slides?|plans?|"
                         r"procedures?|scripts?|tools?|websites?|pages?|videos?)\b", re.I)


def _praised_after(said: str) -> bool:
    """Whether a later clause is someone's praise of the writer's work: "i make the cleaning
    of 12 rooms in hotel and the supervisor say is perfect" tells a deed done well."""
    parts = re.split(r"\s*[,;]\s*|\s+(?:and|so)\s+", said)
    return any(praise_received(p) for p in parts[1:])


def _named_before_struggle(said: str, start: int) -> bool:
    """Whether the clause at ``start`` only names the thing the writer then says they
    struggle with: "This new ticket machine that does the contactless and the QR codes | has
    got me beat". The clause names no deed (no word of the writer's, nothing in the past)
    and the writer's struggle comes after it in the same sentence."""
    from tools.verbs import is_past_form

    cue = growth_cue(said, start)
    if cue is None or cue.start() <= start:
        return False
    named = said[start:cue.start()]
    words = re.findall(r"[a-z']+", named.lower())
    return bool(words) and not _FIRST_PERSON_WORD.search(named) and \
        not any(is_past_form(w) for w in words)


def _deed_polarity(text: str, sentence: Span, evidence: Span) -> Polarity | None:
    """The polarity of the writer's first deed when the evidence is a whole sentence of
    several clauses: a negation in another clause is not the deed's ("Pulled a tray of custard
    slices that had been out too long, money in the bin but you can't risk it"; "two of my
    pickers didnt show so i reshuffled the zones"). None when no clause is a deed of the
    writer's, or the evidence is one clause."""
    parts = [p for p in clauses(text, sentence) if p[0] < evidence[1] and evidence[0] < p[1]]
    if len(parts) < 2:
        return None
    deeds = [p for p in parts if _NOT_DONE.match(text, p[0]) or not not_a_deed(text[p[0]:p[1]])]
    return polarity(text, deeds[0], deeds[0], sentence) if deeds else None


# a clause that opens with what the writer did not do ("Didn't do the stock count", "never
# got round to the quote"): a deed, negated
_NOT_DONE = re.compile(r"\s*(?:(?:i|we)\s+)?(?:didn'?t|didn’t|did not|didnt|never|haven'?t|"
                       r"hadn'?t|couldn'?t|could not|can'?t|cannot|wasn'?t able|no)\b", re.I)


def _wish_of_its_own(text: str, sentence: Span, clause: Span) -> bool:
    """Whether this clause states the writer's job and another clause of the sentence a wish
    about something it names itself ("I work in a call centre but I want to move into IT
    support"): the wish is that clause's; the job they do is no growth area. A struggle that
    only points back ("I did the rota but I'm still rubbish at it") is about the deed, and a
    deed beside a struggle ("Still rubbish at the WMS reporting, I export to excel ...")
    stays part of it: only a job statement is read on its own."""
    if states_growth(text, clause) or not _MY_JOB.search(text, clause[0], clause[1]):
        return False
    for part in clauses(text, sentence):
        if part == clause:
            continue
        said = text[part[0] : part[1]].replace("’", "'")
        cue = growth_cue(said)
        if cue and {w for w in content_lemmas(said[cue.end():])} - _EVERYDAY - _VAGUE:
            return True
    return False


# the writer's job said plainly: "I work in a call centre", "I'm a carer", "been a chef 8 years"
_MY_JOB = re.compile(r"\b(?:i|im|i'm|i’m|i am|i've|i’ve|ive)\s+(?:still\s+|currently\s+|now\s+)?"
                     r"(?:work(?:ing|ed)?\s+(?:in|at|as|for|on)|(?:am\s+)?(?:a|an)\s+\w+|"
                     r"been\s+(?:a|an|working)\b)", re.I)
_VAGUE = frozenset({"it", "this", "that", "them", "these", "those", "thing", "things", "stuff",
                    "bit", "more", "better", "properly", "really", "still", "again", "one",
                    "job", "work", "time"})


# What someone does to or for the writer when they show, teach, let or ask them (``TAUGHT_ME``)
_TEACHING = re.compile(r"(?:coach|mentor|train|teach|instruct|tutor|supervise|educate|"
                       r"guide|delegate|assign|provide (?:mentorship|guidance|training))\w*\b",
                       re.I)


# ... and given a mentor: "I was paired with a mentor for my first month"
_MENTORED = re.compile(r"\b(?:i|we) (?:was|were|got|have been|am) (?:paired|matched|given|"
                       r"assigned|allocated|buddied)\b.{0,20}?\b(?:mentor|coach|buddy|trainer|"
                       r"supervisor|preceptor|tutor)", re.I)
# ... and one who watched an experienced hand at work: "shadowed one of the PTs doing an
# induction" (the induction was the PT's; not "the new starter shadowed me")
_SHADOWED = re.compile(r"^\W*(?:i\s+)?(?:shadowed|was shadowing|(?:have )?been shadowing|"
                       r"shadowing|watched|observed|sat in with|sat in on)\s+(?:one of (?:the|"
                       r"our)\s+|(?:a|an|the|our|my)\s+)(?!(?:new|newbie|student|starter|"
                       r"trainee|junior|apprentice)\b)[\w-]+(?:\s+[A-Z]\w*)?\s+(?:doing|do|run|"
                       r"running|deliver|delivering|lead|leading|take|taking|on|during)\b",
                       re.I)
_TAUGHT = re.compile(f"{TAUGHT_ME.pattern}|{_MENTORED.pattern}|{_SHADOWED.pattern}",
                     re.I | re.M)
# ... and a course the writer takes: its teaching and making are the tutor's
_LEARNER = re.compile(
    r"\b(?:start(?:ed|ing)?|began|begun|tak(?:e|es|ing|en)|took|finish(?:ed|ing)?|"
    r"complet(?:ed|ing)|pass(?:ed)?|fail(?:ed)?|enrol(?:l?ed|ling)?|signed up (?:for|to|on)|"
    r"attend(?:ed|ing)?|studying(?: for)?|(?:i'?m|i am|am|was) (?:doing|on)|doing)\s+"
    r"(?:(?:a|an|the|my|our|this|that|first|second|last|next|online|evening|free|short|"
    r"[A-Z][\w+&-]*|\w+\s+\d+|\d+(?:st|nd|rd|th)?|edition|level|stage|part|final|mock|"
    r"practical|written|theory|driving)\s+){0,4}(?:course|module|class|classes|lesson|lessons|"
    r"apprenticeship|qualification|certificate|diploma|degree|exam|webinar|bootcamp|"
    r"unit|cpd|nvq|btec|a-level)s?\b|"
    # training the writer went through: "reach truck training this week, passed", "did my
    # manual handling training"
    r"\b[\w-]+(?:\s+[\w-]+){0,2}\s+training\b(?=[^.]{0,40}\b(?:passed|failed|completed|"
    r"finished)\b)|\b(?:did|had|got|went on|attended|finished|completed|passed|failed)\s+"
    r"(?:(?:my|the|a|an|some|our|[\w-]+)\s+){0,3}training\b", re.I)
_COURSE_SIDE = re.compile(r"^(?:teach|tutor|instruct|lecture|educate|invigilate)\w*|"
                          r"^train (?:employees|staff|crew members|personnel)\b|"
                          r"^(?:administer|set|mark|grade|supervise) (?:\w+ )?(?:exams?|tests?)|"
                          r"^(?:deliver|provide|design|develop|organise|organize) (?:\w+ )?"
                          r"(?:training|courses?)\b|"
                          r"(?:curriculum|syllabus|course (?:material|content|outline)|"
                          r"online courses|lesson (?:plan|material)|teaching)", re.I)


def _emit(tagger: Tagger, text: str, found: dict[int, tuple[float, Span, Span]],
          top: int | None, source_id: str | None, grows: dict[Span, bool],
          agree: bool = True) -> list[SkillTag]:
    """One text's tags, best first; joined ESCO/O*NET concepts shown once. Without ``top``
    (what is shown), mentions that are not the writer's own are left out, and with ``agree``
    (ESCO was asked for too) an O*NET activity needs an ESCO skill that agrees."""
    data = tagger.index.data
    tags: list[SkillTag] = []
    sentences_of: list[Span] = []  # the sentence of each tag
    emitted: set[int] = set()
    for c, (score, sentence, ev) in sorted(found.items(), key=lambda kv: -kv[1][0]):
        if c in emitted:
            continue
        pol, own = reading(text, sentence, ev, grows[sentence])
        concept = data.concepts[c]
        clause = text[slice(*_clause_of(text, sentence, ev))]
        if top is None and own and _TEACHING.match(concept.label) and _TAUGHT.search(clause):
            own = False  # "chef let me do the starters": the coaching was the chef's
        if top is None and own and _COURSE_SIDE.search(concept.label) and \
                _LEARNER.search(clause):
            own = False  # "started the CompTIA A+ course online" is learning, not teaching
        if top is None and not own:
            answer = _answered(text, sentence, ev, concept.label)
            if answer is None:
                continue
            ev, pol = (ev[0], answer[1]), polarity(text, answer, answer, answer)
        partners = tagger.join.get(c, [])
        emitted.update(partners)
        also = [{"framework": p.framework, "id": p.id, "label": p.label}
                for p in (data.concepts[i] for i in partners)]
        if top is None and _fold_twin(tagger, c, sentence, tags, sentences_of, also, pol):
            emitted.add(c)
            continue
        group = concept.groups[0] if concept.groups else None
        sentences_of.append(sentence)
        tags.append(SkillTag(
            framework=concept.framework,  # type: ignore[arg-type]
            id=concept.id, label=concept.label, score=round(min(score, 1.0), 4),
            evidence=text[ev[0]:ev[1]], start=ev[0], end=ev[1],
            polarity=pol, also=also,
            skill_type=concept.skill_type,
            group=data.group_labels.get(group, group) if group else None,
            source_id=source_id,
        ))
        emitted.add(c)
    if top is not None or not agree:
        return tags[:top] if top is not None else tags
    kept: list[SkillTag] = []
    for x, said in zip(tags, sentences_of, strict=True):
        if x.framework != "onet":
            kept.append(x)
            continue
        twin = _agreeing(tagger, x, said, tags, sentences_of)
        if twin is not None:  # shown once, as the ESCO skill it agrees with
            twin.also.append({"framework": "onet", "id": x.id, "label": x.label})
        elif x.score >= ONET_ALONE:
            kept.append(x)
    return kept


# skills that answer what someone else did: "handle customer complaints", "deal with
# aggressive behaviour", "respond to enquiries", "manage patients' anxiety"
_ANSWERING = re.compile(r"^(?:handle|deal with|respond to|answer|resolve|react|cope with|"
                        r"calm|de-?escalate|defuse|apply conflict management|manage conflicts?|"
                        r"mediate|manage (?:\w+'?s? )?(?:problems|behaviour|behavior))\b", re.I)
# the writer's own clause that opens with their deed: "I stay calm", "so I printed her plan"
_WRITER_ACTS = re.compile(r"\s*(?:(?:and|so|but|then)\s+)?(?:i|we)\s+(?!(?:was|were|am|'m|"
                          r"felt|feel|think|thought|just|only|didn'?t|did not|couldn'?t|"
                          r"could not|can'?t|never|wasn'?t|cried|cry|panicked|panic|froze|"
                          r"freeze|hid|broke|"
                          r"got upset|walked off|left|ignored|shouted|snapped|lost)\b)\w+", re.I)


def _answered(text: str, sentence: Span, evidence: Span, label: str) -> Span | None:
    """The writer's answer to someone else's deed, when the skill is the answering kind: "a
    drunk man shout at me in the lobby about the wifi. I stay calm, I explain the password
    again and call security" is the writer handling a complaint, though the words that match
    it are the man's. The answer is the writer's next clause, in the same sentence or the
    next one, that opens with what they did (not a feeling or a negation); None otherwise."""
    if not _ANSWERING.match(label) or \
            sentence_mood(text[sentence[0]:sentence[1]]) != "mine":
        return None  # a question or a request answers nothing
    spans = sentences(text)
    at = next((i for i, sp in enumerate(spans) if sp == sentence), None)
    if at is None:
        return None
    later = [p for p in clauses(text, sentence) if p[0] >= evidence[1]]
    if at + 1 < len(spans):
        later += clauses(text, spans[at + 1])[:1]
    for part in later:
        if _WRITER_ACTS.match(text, part[0], part[1]) and \
                sentence_mood(text[part[0]:part[1]]) == "mine":
            return part
    return None


ONET_AGREE = 0.40  # label cosine with an ESCO skill shown for the same sentence
ONET_ALONE = 0.62  # an O*NET activity with no such ESCO skill needs this score


def _agreeing(tagger: Tagger, onet: SkillTag, sentence: Span, tags: list[SkillTag],
              sentences_of: list[Span]) -> SkillTag | None:
    """The ESCO skill shown for the same sentence, with the same polarity, that says much
    the same as an O*NET work activity ("mentor individuals" for "Supervise trainees"); the
    activity is then listed under it, not as a skill of its own. An activity no ESCO skill
    agrees with is shown only when it scores high on its own (``ONET_ALONE``): alone, the
    generic activities took words in another trade's sense ("Process x-rays or other
    medical images" for jobs off a pager, "Cut cooked or raw foods" for salvia cuttings), and
    listed beside their ESCO twin they doubled the list with a narrower sense ("Train
    caregivers or other non-medical personnel" beside "train employees" for a receptionist
    training a new colleague)."""
    own = tagger.position[("onet", onet.id)]
    return next((x for x, said in zip(tags, sentences_of, strict=True)
                 if x.framework == "esco" and said == sentence and x.polarity == onet.polarity
                 and tagger.label_cosine(own, tagger.position[("esco", x.id)]) >= ONET_AGREE),
                None)


TWIN = 0.80  # label cosine at which two tags of one sentence name the same skill


def _fold_twin(tagger: Tagger, c: int, sentence: Span, tags: list[SkillTag],
               sentences_of: list[Span], partners: list[dict[str, str]],
               polarity: Polarity) -> bool:
    """Fold a tag into an earlier tag of the same sentence that names the same skill ("Train
    personnel" beside "train employees"), as one more ``also`` entry. Only an O*NET activity
    beside an ESCO skill, or an ESCO knowledge beside an ESCO skill (a deed is the skill:
    "feed livestock", not "livestock feeding"; the skill then takes the knowledge's place),
    when both are demonstrated ("I'd like to understand the visa rules" may want the
    knowledge). Two ESCO skills both stay: the second may be the better name.

    Returns:
        True when the concept (with its joined ``partners``) was folded into an earlier tag.
    """
    data = tagger.index.data
    concept = data.concepts[c]
    for i, (tag, said) in enumerate(zip(tags, sentences_of, strict=True)):
        if said != sentence or tag.framework != "esco":
            continue
        if tagger.label_cosine(c, tagger.position[("esco", tag.id)]) < TWIN:
            continue
        entry = {"framework": concept.framework, "id": concept.id, "label": concept.label}
        if concept.framework == "onet":
            tag.also.extend([entry, *partners])
            return True
        if tag.polarity != "demonstrated" or polarity != "demonstrated":
            continue  # "I'd like to understand the visa rules": knowledge may be the wish
        if concept.skill_type == "knowledge" and tag.skill_type != "knowledge":
            tag.also.extend([entry, *partners])
            return True
        if concept.skill_type != "knowledge" and tag.skill_type == "knowledge":
            group = concept.groups[0] if concept.groups else None
            old = {"framework": "esco", "id": tag.id, "label": tag.label}
            tags[i] = tag.model_copy(update={
                "id": concept.id, "label": concept.label, "skill_type": concept.skill_type,
                "group": data.group_labels.get(group, group) if group else None,
                "also": [*partners, old, *tag.also]})
            return True
    return False


def _windows(spans: list[list[Span]], size: int) -> Iterator[list[tuple[int, list[Span]]]]:
    """Batches of (text index, some of its sentences) with at most ``size`` sentences each,
    so a long text is scored a window at a time and memory stays bounded."""
    batch: list[tuple[int, list[Span]]] = []
    room = size
    for i, sent in enumerate(spans):
        pos = 0
        while pos < len(sent):
            take = sent[pos : pos + room]
            batch.append((i, take))
            pos += len(take)
            room -= len(take)
            if room == 0:
                yield batch
                batch, room = [], size
    if batch:
        yield batch


Scored = tuple[np.ndarray, np.ndarray, list, np.ndarray]


def _scored(tagger: Tagger, texts: Sequence[str]
            ) -> Iterator[tuple[int, list[Span], Scored]]:
    """Score the sentences of the texts ``WINDOW`` at a time; yields, per piece of a text,
    its index, its sentences, and (their score rows, the unit each score came from, the
    window's units, the whole sentences' own score rows)."""
    spans = [sentences(t) for t in texts]
    for batch in _windows(spans, WINDOW):
        _, best, units, arg, _, whole = tagger.score_texts([texts[i] for i, _ in batch],
                                                           [sent for _, sent in batch])
        k = 0
        for i, sent in batch:
            part = slice(k, k + len(sent))
            yield i, sent, (best[part], arg[part], units, whole[part])
            k += len(sent)


def check_length(texts: Sequence[str]) -> None:
    """Refuse texts longer than ``MAX_TEXT_CHARS`` with a clear error."""
    for text in texts:
        if len(text) > MAX_TEXT_CHARS:
            raise TextTooLong(
                f"That text is too long to tag ({len(text):,} characters); the tagger takes up "
                f"to {MAX_TEXT_CHARS:,} per text. Split it into parts (for example one "
                f"paragraph per line with --lines).")


def tag_many(texts: Sequence[str], frameworks: Iterable[str] = ("esco", "onet"),
             top: int | None = None, source_id: str | None = None,
             tagger: Tagger | None = None, fast: bool | None = None,
             context: Sequence[str] | None = None) -> list[list[SkillTag]]:
    """Tag many texts in one batch (much faster than one call per text).

    Sentences are scored in windows of at most ``WINDOW``, whatever the length of one text,
    so memory stays bounded (about 100 MB of score arrays).

    Args:
        texts: input texts, each at most ``MAX_TEXT_CHARS`` characters.
        frameworks: any of ``"esco"``, ``"onet"``.
        top: return the K best candidates per text even below the threshold.
        source_id: item id stamped on every tag.
        tagger: a specific tagger; the process-wide one by default.
        fast: score whole sentences only (about 3x faster, slightly less accurate, see
            docs/skills.md); by default on for batches of ``FAST_BATCH`` texts or more.
        context: the same writer's earlier texts: their trade orders the candidates
            (``tools/skills/context.py``); none by default.

    Returns:
        Per text, its tags ranked by score.

    Raises:
        TextTooLong: a text is longer than ``MAX_TEXT_CHARS``.
        ValueError: an unknown framework.
    """
    check_length(texts)
    tagger = tagger or get_tagger()
    if fast if fast is not None else len(texts) >= FAST_BATCH:
        tagger = tagger.fast()
    fws = list(frameworks)
    unknown = set(fws) - {"esco", "onet"}
    if unknown:
        raise ValueError(f"Unknown framework {sorted(unknown)[0]!r}; use esco, onet or all.")
    mask = _mask(tagger, fws)
    found: list[dict[int, tuple[float, Span, Span]]] = [{} for _ in texts]
    ordering = tagger.context(context)
    for i, sent, scored in _scored(tagger, texts):
        _collect(found[i], tagger, texts[i], sent, scored, mask, top, ordering)
    said = [sorted({v[1] for v in f.values()}) for f in found]
    flags = iter(reads_as_growth([t[a:b] for t, spans in zip(texts, said, strict=True)
                                  for a, b in spans]))  # one batch for every text
    grows = [{span: next(flags) for span in spans} for spans in said]
    return [_emit(tagger, text, f, top, source_id, g, agree="esco" in fws)
            for text, f, g in zip(texts, found, grows, strict=True)]


def tag(text: str, frameworks: Iterable[str] = ("esco", "onet"), top: int | None = None,
        source_id: str | None = None, fast: bool = False,
        context: Sequence[str] | None = None) -> list[SkillTag]:
    """Tag one text (sentences, clauses and phrases): a thin alias of :func:`tag_many`."""
    return tag_many([text], frameworks, top, source_id, fast=fast, context=context)[0]


def text_scores(texts: Sequence[str], framework: str = "esco", tagger: Tagger | None = None,
                fast: bool = False, contexts: Sequence[Sequence[str]] | None = None,
                ) -> tuple[np.ndarray, list[int]]:
    """Ranking scores of every concept of one framework per text (max over its sentences);
    ``contexts``: per text, the same writer's earlier texts (see :func:`tag_many`).

    Returns:
        The matrix (texts, concepts of that framework) and the concept positions it covers.
    """
    tagger = tagger or get_tagger()
    tagger = tagger.fast() if fast else tagger
    cols = [int(i) for i in np.flatnonzero(tagger.framework == framework)]
    out = np.full((len(texts), len(cols)), -1.0, dtype=np.float32)
    orderings = [tagger.context(c) for c in contexts] if contexts else [0.0] * len(texts)
    for t, sent, (rows, _, _, _) in _scored(tagger, texts):
        for span, row in zip(sent, rows, strict=True):
            boosted = (tagger.boost(row, tagger.lexical(texts[t], span)) + orderings[t])[cols]
            out[t] = np.maximum(out[t], boosted)
    return out, cols


__all__ = ["TaggerConfig", "get_tagger", "set_tagger", "tag", "tag_many", "text_scores"]
