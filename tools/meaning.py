"""Matching by meaning: a requirement the user's own words show, in other words.

Runs after the skill and term match of :mod:`tools.profile`, on what is still a gap. A
requirement is **covered** when one of the user's done sentences is close in meaning
(sentence embeddings) *and* they share a concept (the same framework skill, a content
word such as "escalated" / "escalation", or an acronym such as "ARM"); **transferable**
when the meaning is close without a shared concept, and the reason names what both are
about in plain words. A sentence is compared whole and clause by clause ("I added a
Grafana alert at 80% and wrote a small bash script" holds two deeds), so the quote is the
sentence that shows the requirement, not a neighbour from the same reflection. A
requirement covered by one named tool ("Jenkins JTAG debugging") also quotes the sentence
that shows its other part.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np

from memory.embeddings import get_embedder
from prompts import render as render_template
from tools.demonstrated import done_parts
from tools.facts import Fact
from tools.faithfulness import TECH
from tools.skills.frameworks import BUILTIN_DIR, FILES, read_jsonl_gz
from tools.skills.people import PEOPLE
from tools.skills.text import STOPWORDS, lemma, tokens
from tools.strengths import activities_under

# A requirement that is a credential: a degree, a licence, a registration, a certificate or
# a level of one ("Level 2 Food Hygiene", "NVQ 3", "CSCS card", "NMC registration"). It is
# held or not: covered by the user's words or credentials, never "transferable".
CREDENTIAL = re.compile(
    r"\b(?:degree|phd|doctorate|master'?s|bachelor'?s|certif\w*|licen[cs]e|diploma|"
    r"qualification|qualified|registration|registered|accredit\w*|chartered|nvq|btec|"
    r"(?:level|grade) \d|(?:cscs|sia|cpcs|cpc|dbs|tacho|forklift|driver'?s?) card|"
    # the trades' own: "18th Edition", "AM2", "2391", "ECS gold card", "SMSTS", "IPAF"
    r"(?:16th|17th|18th)[- ]edition|am2s?|2391|2382|2365|ecs (?:\w+ )?card|"
    r"(?:gold|black|blue|green) card|smsts|sssts|ipaf|pasma|gas safe(?: registered)?|prince ?2)"
    r"\b", re.I)


# ... unless the credential is the work's object: "Confident completing electrical
# certificates on tablet-based software", "Processing licence applications"
_CREDENTIAL_HANDLED = re.compile(
    r"\b(?:complet|issu|produc|writ|fill|check|process|prepar|draft|renew|verif|handl|"
    r"administer|administr|manag|record|log|upload|chas|track|file|filing)\w*\s+(?:(?:the|all|"
    r"any|our|their|customer|client|electrical|gas|safety|test|testing|building|vehicle|"
    r"driving|new|relevant|required)\s+){0,3}$", re.I)


def asks_credential(requirement: str) -> bool:
    """Whether a requirement asks for a credential held (:data:`CREDENTIAL`), not for work
    done on credentials as documents ("completing electrical certificates")."""
    return any(not _CREDENTIAL_HANDLED.search(requirement[:found.start()])
               and not _TIME_SINCE.match(requirement, found.start())
               for found in CREDENTIAL.finditer(requirement))


# the credential as when experience counts from: "Post registration experience in acute
# surgery", "post-qualification experience" asks for the experience, not the registration
_TIME_SINCE = re.compile(r"(?:registration|qualification|qualified|registered)\s+"
                         r"(?:\w+\s+)?experience\b", re.I)


def holds_credential(fact: Fact) -> bool:
    """Whether a fact can show a credential requirement: a credential, or the user's words
    naming one ("got my Level 2 food hygiene certificate")."""
    return fact.kind == "credential" or CREDENTIAL.search(said_done(fact)) is not None


# A training asked for as a thing held ("Falls prevention or dementia training", "Moving and
# handling training (we can refresh this)"), not training others ("training new staff")
TRAINING = re.compile(r"\b(?:training|course|awareness)\s*(?:\(.*)?$", re.I)
# ... and words that tell one was taken ("did my moving and handling refresher, passed")
_TAKEN = re.compile(r"\b(?:training|trained on|course|refresher|module|e-?learning|passed|"
                    r"completed|certificate|certified|qualified|workshop)\b", re.I)


def asks_training(requirement: str) -> bool:
    """Whether a requirement asks for a training held (:data:`TRAINING`), its closing
    punctuation aside ("Moving and handling training.")."""
    return TRAINING.search(requirement.strip(" .;")) is not None


def holds_training(fact: Fact) -> bool:
    """Whether a fact can show a training asked for: a credential, or words telling a
    training taken; a deed on the topic ("he fall in the night, I find him on floor") is no
    falls prevention training."""
    return holds_credential(fact) or _TAKEN.search(said_done(fact)) is not None


COVER_MIN = 0.15  # similarity (sentence or its whole item) needed with a shared concept
NEAR_MIN = 0.5  # similarity alone: transferable, never covered
SHARED_BONUS = 0.1  # per content word a sentence shares with the requirement, for ranking
SECOND_CITE = 0.5  # a second quote at least this share of the first one's closeness
_GENERIC_WORDS = ("experience experienced ability able skill skills good strong excellent "
                  "knowledge work working team year years role high level great proven "
                  "understanding demonstrate demonstrated environment candidate both also "
                  "well make made take taken first time week lot part use used using help "
                  "keep best within across new way thing things day days less least must "
                  "plus")
GENERIC = frozenset(_GENERIC_WORDS.split(" "))


_NAME = re.compile(r"(?<![\w.<])[A-Za-z][A-Za-z0-9+#.]*[A-Za-z0-9+#](?![\w>])")
_ACRONYM = re.compile(r"(?<![\w<])[A-Z][A-Z0-9]{1,5}(?![\w>])")


def _parts(fact: Fact) -> list[str]:
    """What a fact states as done, compared one part at a time: a credential or a saved
    story whole, a sentence without what it negates or wishes ("I didn't lead the meeting,
    I took the notes" -> "I took the notes")."""
    if fact.kind in ("credential", "story"):
        return [fact.text]
    return done_parts(fact.text) or [fact.text]


def said_done(fact: Fact) -> str:
    """The words of a fact that a requirement may be matched on (see :func:`_parts`)."""
    return " ".join(dict.fromkeys(_parts(fact)))


def _key(tag: dict[str, Any]) -> tuple[str, str]:
    return str(tag.get("framework", "")), str(tag.get("id", ""))


def _keyed(tag: dict[str, Any]) -> list[tuple[tuple[str, str], str]]:
    """A tag's key and label, and those of the O*NET activities kept under it (``also``)."""
    return [(_key(tag), str(tag.get("label", ""))), *(
        (("onet", str(a.get("id", ""))), str(a.get("label", ""))) for a in activities_under(tag))]


def shared_concept(req_tags: Sequence[dict[str, Any]], requirement: str, fact: Fact
                   ) -> str | None:
    """What a requirement and a fact are both about: a shared skill label or content word."""
    found = shared(req_tags, requirement, fact)
    return found[0] if found else None


def shared(req_tags: Sequence[dict[str, Any]], requirement: str, fact: Fact
           ) -> tuple[str, str] | None:
    """:func:`shared_concept` and how it is shared: ``skill`` (a framework skill of both),
    ``acronym``, ``word`` (a content word, by its stem) or ``sector``."""
    mine = {k: label for t in fact.skills
            if t.get("polarity", "demonstrated") == "demonstrated"
            for k, label in _keyed(t)}
    for tag in req_tags:
        for k, _ in _keyed(tag):
            if k in mine:
                return mine[k], "skill"
    for acronym in _ACRONYM.findall(requirement):
        if as_said := _has_acronym(acronym, said_done(fact)):
            return as_said, "acronym"  # as the person wrote it: "NEWS" for "NEWS2"
    words = _words(said_done(fact))
    for w in _words(requirement):
        for v in words:
            if v != w and _PERSON.fullmatch(v):
                continue  # "I had two student nurses" names who was there: no "nursing care"
            if v.startswith(w) or w.startswith(v) or v[:6] == w[:6] or (
                    len(_stem(v)) >= 4 and _stem(v) == _stem(w)):
                return v, "word"
    place = _in_sector(requirement, words)
    if not place:
        return None
    written = re.search(rf"\b{re.escape(place)}\w*", said_done(fact), re.I)  # "paged"
    return (written.group(0) if written else place), "sector"


# a word that names a person (a role, a trade, someone served): the same person asked for
# ("student nurses" for "Supervise student nurses") is shared, another form is not
_PERSON = re.compile(PEOPLE + r"s?", re.I)


# A sector an ad asks experience in, and the places and people a person names when they
# have worked in it ("Experience in retail" -> "store manager at a supermarket").
SECTORS = {
    "retail": "shop shops store stores supermarket supermarkets till tills checkout shopfloor",
    "hospitality": "restaurant restaurants hotel hotels pub bar cafe café kitchen catering",
    "healthcare": "hospital ward wards clinic clinics patient patients surgery",
    "health care": "hospital ward wards clinic clinics patient patients surgery",
    "social care": "care home carer carers residents resident domiciliary",
    # "Post registration experience in acute surgery" and "2 years on a surgical ward"
    "surgery": "surgical theatre theatres",
    "surgical": "surgery theatre theatres",
    # "At least 2 years experience in care" and "home carer, 3 yrs"
    "in care": "carer carers residents resident domiciliary",
    "logistics": "warehouse depot haulier hauliers freight trailers pallets dispatch",
    "warehouse": "warehouse depot picking pallets forklift dispatch",
    "education": "school schools classroom pupils pupil lesson lessons",
    "construction": "site building builders scaffolding bricklaying",
    "manufacturing": "factory plant production assembly",
    # ways of working an ad names, in the words people use for them ("got paged on
    # wednesday night" is the on-call rota)
    "on-call": "page pager callout call-out oncall bleep",
    "on call": "page pager callout call-out oncall bleep",
    "shift work": "night nights shift shifts rota",
    "night shifts": "night nights nightshift",
}


def _in_sector(requirement: str, words: list[str]) -> str | None:
    """A place or people of a sector the requirement names, in the fact's words (as
    :func:`_words` gives them: lemmas, "paged" -> "page")."""
    low = requirement.lower()
    said = set(words)
    for sector, places in SECTORS.items():
        if re.search(rf"\b{sector}\b", low):
            for place in places.split():
                if place in said:
                    return place
    return None


def _has_acronym(acronym: str, text: str) -> str | None:
    """The acronym as a text names it, or its family without the version digits ("NEWS" for
    "NEWS2" in "his NEWS went from 3 to 7"); None when it does not."""
    base = acronym.rstrip("0123456789")
    base = base if len(base) >= 2 else acronym
    found = re.search(rf"(?<![\w<]){re.escape(base)}\d*(?![\w>])", text)
    return found.group(0) if found else None


def _words(text: str) -> list[str]:
    """Content words of four letters or more, compounds split ("on-call" -> "call"), in the
    order written (the first shared one is quoted, the same on every run)."""
    lemmas = [lemma(t) for t, _, _ in tokens(text)]
    out = [p for w in dict.fromkeys(lemmas) if w not in STOPWORDS
           for p in dict.fromkeys([w, *w.split("-")])]
    return list(dict.fromkeys(w for w in out if len(w) >= 4 and w not in GENERIC))


def _stem(word: str) -> str:
    """A crude stem, so "handling" and "handle" meet, and "trainees" and "trained": a
    common suffix removed."""
    return re.sub(r"(?:ations?|ings?|ions?|ers?|ees?|ed|es|e|s)$", "", word) or word


def _overlap(requirement: str, fact: Fact) -> int:
    """How many content words of the requirement the fact shares (by a common stem)."""
    mine = {_stem(w)[:6] for w in _words(said_done(fact))}
    return sum(_stem(w)[:6] in mine for w in _words(requirement))


class _Done:
    """The user's done facts embedded once per profile: every sentence and clause, and each
    whole reflection (item), for all the texts they are compared with."""

    def __init__(self, done: Sequence[Fact]) -> None:
        embed = get_embedder().embed
        # only what is stated as done: "one haulier didnt turn up" is no deed of the user's
        units = [(j, c) for j, f in enumerate(done) for c in _parts(f)]
        self.unit_owner = [j for j, _ in units]
        self.unit_vecs = embed([c for _, c in units])
        items: dict[str, list[int]] = {}
        for j, f in enumerate(done):
            items.setdefault(f.item_id, []).append(j)
        self.item_ids = list(items)
        self.item_vecs = embed([" ".join(said_done(done[j]) for j in items[i])
                                for i in self.item_ids])
        self.done = done

    def sentence_sims(self, req_vecs: np.ndarray) -> np.ndarray:
        """(texts x facts): the best similarity of each fact's sentence or clauses."""
        sims = np.asarray(req_vecs @ self.unit_vecs.T)
        best = np.full((len(req_vecs), len(self.done)), -1.0)
        for col, j in enumerate(self.unit_owner):
            best[:, j] = np.maximum(best[:, j], sims[:, col])
        return best


def by_meaning(matches: Sequence[Any], req_tags: Sequence[Sequence[dict[str, Any]]],
               done: Sequence[Fact], rests: Sequence[str] | None = None) -> None:
    """Upgrade gaps that the user's own sentences show, and quote the sentence that shows
    each part of a requirement covered by a named tool (in place).

    Args:
        matches: ``tools.profile.Match`` objects, in order.
        req_tags: the framework skills found in each requirement, same order.
        done: the user's facts that show something done.
        rests: for each match, its whole ad line without the tools it names (default: the
            requirement itself), whose other concepts a covered match also quotes.
    """
    todo = [i for i, m in enumerate(matches) if m.status == "gap" or m.cites]
    if not todo or not done:
        return
    facts = _Done(done)
    near, gate = _closeness([matches[i].requirement for i in todo], facts)
    covered = [i for i in todo if matches[i].status == "covered"]
    rest_text = {i: rests[i] if rests else re.sub(re.escape(matches[i].term or "") or "^$",
                                                  " ", matches[i].requirement, flags=re.I)
                 for i in covered}
    rest_near, rest_gate = _closeness([rest_text[i] for i in covered], facts)
    for row, i in enumerate(todo):
        m = matches[i]
        if m.cites:  # found by skill or term: quote the closest of its sentences, those
            # sharing the requirement's words first ("escalated" for "escalating ...")
            rank = {f.id: near[row][j] + SHARED_BONUS * _overlap(m.requirement, f)
                    for j, f in enumerate(done) if f.id in m.cites}
            m.cites = sorted(m.cites, key=lambda c: -rank.get(c, -1.0))[:2]
            if len(m.cites) == 2 and rank.get(m.cites[1], -1.0) < SECOND_CITE * \
                    rank.get(m.cites[0], -1.0):
                # "Educates patients and families on discharge instructions": the discharge
                # teaching, not also a deteriorating patient escalated (who shares only
                # "communicate effectively in healthcare")
                m.cites = m.cites[:1]
        if m.status == "covered":
            k = covered.index(i)
            _quote_the_rest(m, req_tags[i], rest_text[i], done, rest_near[k], rest_gate[k])
        elif m.status == "gap" or (m.status == "transferable" and not m.term):
            _upgrade(m, req_tags[i], done, near[row], gate[row])


def _closeness(texts: list[str], facts: _Done
               ) -> tuple[list[list[float]], list[list[float]]]:
    """For each text and each done fact: how close the fact's sentence (whole or a clause)
    is, and the gate (the sentence, or its whole reflection, is close enough to count)."""
    if not texts:
        return [], []
    vecs = get_embedder().embed(texts)
    sims = facts.sentence_sims(vecs)
    by_item = dict(zip(facts.item_ids, np.asarray(vecs @ facts.item_vecs.T).T.tolist(),
                       strict=True))
    near = [[float(v) for v in row] for row in sims]
    gate = [[max(near[r][j], by_item[f.item_id][r]) for j, f in enumerate(facts.done)]
            for r in range(len(texts))]
    return near, gate


def _quote_the_rest(m: Any, req_tags: Sequence[dict[str, Any]], rest: str,
                    done: Sequence[Fact], near: list[float], gate: list[float]) -> None:
    """A requirement covered by its named tool or skill also cites the closest sentence
    that shows another of its concepts ("JTAG" in "Jenkins JTAG debugging")."""
    for j in sorted(range(len(done)), key=lambda k: -near[k]):
        if done[j].id in m.cites or gate[j] < COVER_MIN:
            continue
        if shared_concept(req_tags, rest, done[j]):
            m.cites = [*m.cites[:1], done[j].id]
            return


# A language asked for is shown by words that name it, never by a deed written in it ("I
# write everything in the incident form" is no "Good written and spoken English").
LANGUAGE = re.compile(
    r"\b(?:english|welsh|irish|gaelic|french|german|dutch|spanish|portuguese|italian|polish|"
    r"romanian|bulgarian|czech|slovak|hungarian|greek|turkish|russian|ukrainian|arabic|"
    r"hebrew|farsi|urdu|hindi|punjabi|bengali|gujarati|tamil|mandarin|cantonese|chinese|"
    r"japanese|korean|vietnamese|thai|tagalog|swahili|somali|yoruba|danish|swedish|"
    r"norwegian|finnish|bsl|sign language)\b", re.I)


def named_tool(requirement: str, fact: Fact) -> str | None:
    """A tool the requirement names (a known technical term, an acronym, a CamelCase or
    versioned name) or a language that the fact does not mention: "Vue" in "components
    with the Vue framework", "English" in "Good written and spoken English"."""
    said = said_done(fact)
    for found in LANGUAGE.finditer(requirement):
        if not re.search(rf"\b{re.escape(found.group(0))}\b", said, re.I):
            return found.group(0)
    for word in _NAME.findall(requirement):
        technical = word.lower() in TECH or (word.isupper() and 2 <= len(word) <= 5) or \
            any(c.isdigit() or c in "+#" for c in word) or any(c.isupper() for c in word[1:])
        if technical and word not in PLACES and word.lower() not in said.lower() and not (
                word.isupper() and _has_acronym(word, said)) and not _unversioned(word, said) \
                and not _other_said(word, requirement, said) and not (
                    word.upper() in REGISTERS and _REGISTERED.search(said)):
            return word
    return None


# The professions' regulators: "GDC registered dental nurse" is met by "I am a registered
# dental nurse" (the register goes without saying; a dental nurse's own introduction was a
# false gap)
REGISTERS = frozenset({"GDC", "NMC", "HCPC", "GMC", "GPHC", "GOC", "GCC", "GOSC", "RCVS",
                       "SWE", "SSSC", "NISCC", "CORU", "PSNI"})
_REGISTERED = re.compile(r"\b(?:registered|registration|on the register)\b", re.I)


def _other_said(word: str, requirement: str, said: str) -> bool:
    """Whether the requirement gives ``word`` an alternative the words say: "MDS/blister
    packs" is met by "the monthly blister packs"."""
    return any(re.search(rf"\b{re.escape(other)}", said, re.I)
               for other in _alternatives(requirement, word))


def _alternatives(requirement: str, word: str) -> list[str]:
    """The words a requirement offers instead of ``word`` ("ecommerce" for "retail" in
    "retail or ecommerce", "blister" for "MDS" in "MDS/blister packs")."""
    out = []
    for found in _EITHER.finditer(requirement):
        pair = [found.group(1).lower(), found.group(2).lower()]
        if word.lower() in pair:
            out.append(pair[1 - pair.index(word.lower())])
    return out


def version_split(name: str) -> tuple[str, str] | None:
    """A versioned name as (name, version): ("NEWS", "2") for "NEWS2", ("Python", "3"); None
    for others and for short names, whose digits are part of them ("S3", "EC2")."""
    found = re.fullmatch(r"([A-Za-z]{3,})(\d+)", name)
    return (found.group(1), found.group(2)) if found else None


def _unversioned(word: str, said: str) -> bool:
    """Whether the words say a versioned name without its version: "NEWS was 5" for "NEWS2",
    "python" for "Python3"."""
    split = version_split(word)
    return split is not None and re.search(rf"\b{re.escape(split[0])}\b", said,
                                           0 if split[0].isupper() else re.I) is not None


# where a law or a market is, not a tool one names: "Knowledge of UK employment law"
PLACES = frozenset({"UK", "US", "USA", "EU", "GB", "EEA", "UAE", "NI", "ROI"})


def named_missing(requirement: str, fact: Fact) -> str | None:
    """What a requirement names that the fact does not say: a tool, acronym or language
    (:func:`named_tool`) or a specific word (:func:`_rare_missing`); None when it says them all."""
    return named_tool(requirement, fact) or _rare_missing(requirement, fact)


# the topic a requirement asks to know: "Knowledge of coffee roasting is a plus",
# "understanding of wound care"; the topic runs to a cue, a clause or the end
_TOPIC = re.compile(r"\b(?:knowledge|understanding|awareness|familiarity) (?:of|in|about|with) "
                    r"(?:the |a |an )?(?P<topic>[a-z][a-z-]*(?: [a-z][a-z-]*){0,3}?)"
                    r"(?= (?:is|are|would|will|a|an|as|and|or|to|in|for|preferred|desirable|"
                    r"essential|required|beneficial|advantageous|ideally|including|such)\b|"
                    r"\s*[,.;:()/]|\s*$)", re.I)


def topic_head_missing(requirement: str, fact: Fact, via: str) -> str | None:
    """The head of the topic a requirement asks to know, when the sentence shares only a word
    that qualifies it: "trained Marta on the coffee machine" shares "coffee" with "Knowledge
    of coffee roasting" and shows no roasting. None when the head is said, or the shared
    word is not part of the topic."""
    found = _TOPIC.search(requirement)
    if not found:
        return None
    words = found.group("topic").lower().split()
    if len(words) < 2 or _stem(lemma(via.lower()))[:6] not in {_stem(lemma(w))[:6]
                                                               for w in words[:-1]}:
        return None
    head = words[-1]
    mine = {_stem(lemma(w))[:6] for w in re.findall(r"[a-z]+", said_done(fact).lower())}
    return None if _stem(lemma(head))[:6] in mine or head in STOPWORDS else head


RARE_DF = 3  # a word in at most this many ESCO skills (labels and descriptions) is specific


@lru_cache(maxsize=1)
def _esco_df() -> Counter[str]:
    """How many ESCO skills use each word form (built-in data; read once per process)."""
    df: Counter[str] = Counter()
    for r in read_jsonl_gz(BUILTIN_DIR / FILES["esco"]):
        text = " ".join([r["label"], *r.get("alt", []), r.get("description", "")])
        df.update(set(re.findall(r"[a-z]+", text.lower())))
    return df


@lru_cache(maxsize=1)
def _word_pieces() -> Any:
    """The shipped encoder's WordPiece tokenizer (general English: a common word is one
    piece, "tachograph" is "ta ##cho ##graph"), without padding."""
    from tokenizers import Tokenizer

    from memory.embeddings import _tokenizer_path

    tokenizer = Tokenizer.from_file(str(_tokenizer_path()))
    tokenizer.no_padding()
    tokenizer.no_truncation()
    return tokenizer


def _specific(word: str) -> bool:
    """A word that names a specific thing: rare in ESCO's skills and no common English word
    ("tachograph", "haulier", "venepuncture"; not "morning" or "overnight", which ESCO never
    uses either)."""
    df = _esco_df()
    return (max(df[word], df[lemma(word)]) <= RARE_DF and lemma(word) not in STOPWORDS
            and len(_word_pieces().encode(word, add_special_tokens=False).ids) > 1)


def _rare_missing(requirement: str, fact: Fact) -> str | None:
    """The specific word a requirement turns on ("tachograph" in "Knowledge of tachograph
    rules"), when the fact shows none of its specific words: sharing "rules" with "went
    through the site rules" does not show it. Specific: a lower-case word of five letters or
    more (:func:`_specific`); names and capitalised words are left to :func:`named_tool`."""
    rare = [w for w in re.findall(r"(?<![\w-])[a-z]{5,}(?![\w-])", requirement)
            if _specific(w)]
    if not rare:
        return None
    mine = {_stem(w)[:6] for w in _words(said_done(fact))}
    if any(_stem(lemma(w))[:6] in mine for w in rare):
        return None
    # "Experience in retail or ecommerce": the other of two alternatives said is enough
    rare = [w for w in rare if not any(_stem(lemma(other))[:6] in mine
                                       for other in _alternatives(requirement, w))]
    return rare[0] if rare else None


_EITHER = re.compile(r"\b([A-Za-z][\w-]+)\s*(?:\bor\b|\band/or\b|/)\s*([A-Za-z][\w-]+)", re.I)


WORD_NEAR = 0.35  # a shared content word alone needs the sentence this close (see docs)


def _enough(concept: tuple[str, str], near: float, requirement: str) -> bool:
    """Whether a shared concept lets a sentence this close show a requirement: a shared
    framework skill, acronym or sector place always; a shared content word only when the
    sentence is close to the requirement too, or the word is specific (rare in ESCO:
    "tachograph"). "Set up laptops, accounts and email for new starters" shared only
    "start" with "I started the CompTIA A+ course online" (closeness 0.2) and was covered."""
    if concept[1] == "word" and lemma(concept[0]) in _WHEN_WORDS and re.search(
            r"\b(?:on|per|each|every|during|across|in|at|by|over|through|after|before)\s+"
            r"(?:the\s+|a\s+|an\s+|your\s+|our\s+)?(?:\w+\s+)?" + re.escape(concept[0][:5]),
            requirement, re.I):
        # "i learned to always check the key safe code before the shift" shares only when
        # it was with "lead a small team of carers on shift": the word says when, not what
        # ("Experience of leading a shift" asks for the shift itself)
        return near >= WORD_NEAR
    return concept[1] != "word" or near >= WORD_NEAR or _specific(concept[0]) or (
        _same_lemma(concept[0], requirement))


# words that say when the work happens, not what it is
_WHEN_WORDS = frozenset({"shift", "night", "weekend", "morning", "evening", "afternoon",
                         "daily", "weekly", "monthly", "today", "tonight", "hour", "month"})


def _same_lemma(word: str, requirement: str) -> bool:
    """Whether the requirement holds the fact's word as the same word ("scripting" and
    "script", "policies" and "policy"), not only one that starts alike ("new starters" and
    "started")."""
    own = lemma(word)
    return any(lemma(w) == own for w in re.findall(r"[a-z][a-z-]+", requirement.lower()))


# a length of time asked or told: "at least one year", "2+ years", "six months", "3 yrs"
DURATION = re.compile(r"\b(?:\d+(?:\.\d+)?\s*\+?|one|two|three|four|five|six|seven|eight|nine|"
                      r"ten|eleven|twelve|fifteen|eighteen|twenty|thirty|a|an|a few|several|"
                      r"many)\s*(?:-\s*\d+\s*)?(?:years?|yrs?|months?)\b", re.I)
_SINCE = re.compile(r"\bsince (?:19|20)\d\d\b|\bfor (?:years|ages|a decade)\b", re.I)


def told_how_long(text: str) -> bool:
    """Whether a sentence says for how long ("3 yrs on nights", "since 2019")."""
    return DURATION.search(text) is not None or _SINCE.search(text) is not None


def job_told(fact: Fact) -> bool:
    """Whether a fact only tells the job the person does: their introduction, or a sentence
    of a reflection that says the job alone ("I'm a vet nurse, 4 years now at a mixed
    practice"). It speaks to experience asked for, never to a duty ("Training and
    supervising our student veterinary nurses")."""
    from tools.skills.tagging import job_statement

    return fact.kind == "introduction" or (fact.kind == "reflection" and
                                           job_statement(fact.text))


# What a person's introduction ("I was assistant manager in a supermarket for 7 years") can
# show: experience, time in a role or a setting; not a skill ("recording care notes on an
# electronic system" shares only "care" with "care assistant in nursing home").
EXPERIENCE = re.compile(r"\b(?:experience[ds]?|years?|yrs|months?|background|track record|"
                        r"worked|previous(?:ly)?|environment|setting|sector|industry)\b", re.I)


def how_long_untold(matches: Sequence[Any], done: Sequence[Fact]) -> None:
    """A requirement asking for a length of time ("at least one year in a hotel reception",
    "2+ years front desk experience") is covered only by the person's words that say how
    long; otherwise what they did is transferable and the profile says what is missing
    (in place). One night's story at a hotel desk shows the work, not the year."""
    said = {f.id: f.text for f in done}
    for m in matches:
        if m.status != "covered" or not DURATION.search(m.requirement):
            continue
        asked = months(m.requirement)
        told = [months(said.get(c, "")) for c in m.cites if told_how_long(said.get(c, ""))]
        if told and (asked is None or any(t is None or t >= asked for t in told)):
            continue
        via = m.via or m.term or next(iter(m.labels), "") or "this work"
        m.status, m.via = "transferable", via
        if told:  # "backend dev at a fintech, 3 yrs" for "4+ years of professional Python"
            short = max(t for t in told if t is not None)
            m.why = render_template("match_duration_short", via=via, told=_as_time(short),
                                    asked=_as_time(asked))
        else:
            m.why = render_template("match_duration_missing", via=via)


_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
                 "eighteen": 18, "twenty": 20, "thirty": 30, "a": 1, "an": 1}


def months(text: str) -> int | None:
    """The longest length of time a text says, in months ("3 yrs" 36, "six months" 6,
    "2+ years" 24), or None when it says none in numbers ("a few years", "since 2019")."""
    found = []
    for m in DURATION.finditer(text):
        said = m.group(0).lower()
        if re.match(r"(?:a few|several|many)\b", said):
            continue  # "a few years": how many is not said
        number = re.match(r"(\d+(?:\.\d+)?|[a-z]+)", said)
        if number is None:
            continue
        n = float(number.group(1)) if number.group(1)[0].isdigit() else \
            _NUMBER_WORDS.get(number.group(1))
        if n is None:
            continue
        found.append(round(n * (1 if "month" in said else 12)))
    return max(found) if found else None


def _as_time(n: int | None) -> str:
    if n is None:
        return "more"
    return f"{n // 12} year{'s' if n // 12 != 1 else ''}" if n % 12 == 0 else \
        f"{n} month{'s' if n != 1 else ''}"


def _upgrade(m: Any, req_tags: Sequence[dict[str, Any]], done: Sequence[Fact],
             near: list[float], gate: list[float]) -> None:
    """Cover (shared concept and close) or transfer (close) one gap, closest sentences first.

    ``near`` ranks the user's sentences (whole or by clause); ``gate`` also lets a sentence
    count when its whole reflection is close to the requirement."""
    # the introduction tells a job and how long, so it speaks only to experience asked for
    credential = asks_credential(m.requirement)
    # ... and a credential it names ("I am a registered dental nurse at ...")
    ranked = sorted((k for k in range(len(done)) if not job_told(done[k])
                     or EXPERIENCE.search(m.requirement)
                     or (credential and CREDENTIAL.search(said_done(done[k])))),
                    key=lambda k: -near[k])
    training = not credential and asks_training(m.requirement)
    shown = [(j, c[0]) for j in ranked if gate[j] >= COVER_MIN
             and (not credential or holds_credential(done[j]))
             and (not training or holds_training(done[j]))
             and (c := shared(req_tags, m.requirement, done[j]))
             and _enough(c, near[j], m.requirement)]
    # Meaning and concepts together: a sentence sharing more of the requirement's words
    # ranks first among those that share one ("career conversations" for "career").
    shown.sort(key=lambda jc: -(near[jc[0]] + SHARED_BONUS * _overlap(m.requirement,
                                                                      done[jc[0]])))
    named = (named_missing(m.requirement, done[shown[0][0]])
             or topic_head_missing(m.requirement, done[shown[0][0]], shown[0][1])) \
        if shown else None
    if shown and not named:
        cites = [done[j].id for j, _ in shown[:2]]
        m.status, m.cites, m.via, m.next_step = "covered", cites, shown[0][1], None
        m.why = render_template("match_covered_why", via=shown[0][1])
    elif shown and m.status in ("gap", "transferable") and not credential:
        # the sentence that shares the requirement's own concept is the link, before a
        # related skill ("did the decontamination of instruments myself" for "decontamination
        # of instruments in line with HTM 01-05", not "perform dental charting")
        m.status, m.cites, m.via, m.next_step = "transferable", \
            [done[j].id for j, _ in shown[:2]], shown[0][1], None
        # a plain word it lacks is named ("though not “escalate” in so many words"); a tool
        # stays unnamed (the claim may not name one the person never wrote)
        plain = named is not None and named.islower()
        m.why = render_template("match_word_missing", via=shown[0][1], missing=named) if plain \
            else render_template("match_named_missing", via=shown[0][1])
    elif ranked and near[ranked[0]] >= NEAR_MIN and m.status == "gap" and not credential:
        m.status, m.cites, m.next_step = "transferable", [done[ranked[0]].id], None
        m.why = render_template("match_close_why")


# Ways of working an ad asks for in general words ("Good communication skills", "ability to
# work as part of a team", "well organised"), and the deeds that show them in anyone's week,
# whatever the trade: a dental nurse who "talked him through it with a puppet" communicates.
# Hand-written (docs/evidence.md, fourteenth session); the deed patterns are what people write
# when they do it, not skill labels.
TRANSVERSAL: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {
    "communication": (
        re.compile(r"\b(?:communicat\w*|interpersonal|people skills|listening skills|"
                   r"(?:verbal|written) and (?:verbal|written)|liais\w*)\b", re.I),
        re.compile(r"\b(?:(?:talk|walk)(?:ed)? (?:\w+ ){1,2}through(?: (?:it|the \w+))?|"
                   r"explained|reassured|calmed|spoke|phoned|rang|emailed|presented|listened|"
                   r"briefed|negotiated|persuaded|convinced|translated|talked|"
                   r"wrote (?:to|an? (?:email|letter|note|report))|"
                   r"told (?:him|her|them|the|my|our))\b", re.I)),
    "teamwork": (
        re.compile(r"\b(?:team ?work\w*|team player|part of (?:a|the|our) (?:[\w-]+ )?team|"
                   r"work(?:ing)? (?:well |closely |effectively )?(?:with|in|within) (?:a |the |"
                   r"our )?(?:[\w-]+ )?teams?|collaborat\w*|co-?operat\w*)\b", re.I),
        re.compile(r"\b(?:(?:with|helped|covered for|supported|backed up) (?:the |my |our |a )?"
                   r"(?:team|colleagues?|co-?workers?|nurses?|chef|dentist|doctor|manager|crew|"
                   r"other \w+)|(?:the )?other \w+ (?:was|were) off|we (?:\w+ed|did|had to|got|"
                   r"made|ran|took|put|set|went|split|shared)|together)\b", re.I)),
    "organisation": (
        re.compile(r"\b(?:(?:well[- ])?organi[sz](?:ed|ational)|organi[sz]ation skills|time "
                   r"management|manage (?:your|their) (?:own )?time|prioriti[sz]\w*|"
                   r"multi-?task\w*)\b", re.I),
        re.compile(r"\b(?:planned|organi[sz]ed|prioriti[sz]ed|scheduled|rescheduled|juggled|"
                   r"(?:made|make|did|do|built|set up|sorted|wrote|redid|drew up) (?:a|an|the|"
                   r"our|my|this|next|new) (?:\w+ )?(?:list|plan|rota|schedule|timetable|"
                   r"checklist|tracker|spreadsheet|sheet))\b", re.I)),
    "working under pressure": (
        re.compile(r"\b(?:under pressure|fast[- ]paced|busy (?:environment|workplace|periods?|"
                   r"shifts?)|high[- ]pressure)\b", re.I),
        re.compile(r"\b(?:(?:was|were|it's|its) (?:mad|manic|rammed|slammed|short[- ]staffed|"
                   r"flat out|chaos|non-?stop)|on top of (?:a |the )?full|(?:off|out) sick|"
                   # "a wedding 140 covers, dishwasher broke at 8pm so i washed all the pans
                   # by hand"
                   r"(?:\w+ )?\d{2,} covers|(?:\w+ )?(?:broke|broke down|packed up|went down|"
                   r"crashed|died) (?:at|during|in the middle of|mid|halfway through)(?: \w+)?|"
                   r"at the last minute|short[- ]staffed|two (?:people|staff|carers|nurses) down|"
                   r"on my own with \d+)\b", re.I)),
    "record keeping": (
        re.compile(r"\b(?:(?:maintain|keep)\w* (?:\w+ )?(?:records?|notes|documentation)|"
                   r"record[- ]keeping|(?:accurate|clear|detailed) (?:records|notes|"
                   r"documentation))\b", re.I),
        re.compile(r"\b(?:(?:write|wrote|writ(?:ten|ing)) (?:it |them |this |that |everything |"
                   r"up |down )*(?:in|on|into) (?:the |a |his |her |their |my |our )?(?:\w+ )?"
                   r"(?:chart|notes?|records?|log|logbook|book|system|file|care plan|form|"
                   r"sheet|diary)|recorded|logged|documented|charted|updated (?:the |his |her |"
                   r"their )?(?:\w+ )?(?:notes|records|chart|file|care plans?|log)|filled "
                   r"(?:in|out) (?:the |a )?(?:\w+ )?(?:form|chart|log|sheet))\b", re.I)),
    "problem solving": (
        re.compile(r"\b(?:problem[- ]solv\w*|solution[- ](?:focused|oriented)|troubleshoot\w*|"
                   r"resourceful)\b", re.I),
        re.compile(r"\b(?:fixed|solved|sorted (?:it|out)|worked out|figured out|found (?:the|a) "
                   r"(?:fault|cause|problem|fix|way)|troubleshot|diagnosed|repaired)\b", re.I)),
}
TRANSVERSAL_MAX_WORDS = 14  # a longer line asks for more than a way of working


def ways_of_working(matches: Sequence[Any], done: Sequence[Fact]) -> None:
    """Link a gap that asks only for a way of working, in general words, to the person's own
    deeds that show it (in place): transferable, never covered, with the deed quoted and the
    reason in plain words. A line that names a tool, language or specific thing is left to
    the other rules."""
    todo = [m for m in matches if m.status == "gap"
            and len(m.requirement.split()) <= TRANSVERSAL_MAX_WORDS
            and not asks_credential(m.requirement) and not LANGUAGE.search(m.requirement)]
    if not todo:
        return
    said = {f.id: said_done(f) for f in done if f.kind in ("reflection", "story")}
    for m in todo:
        for kind, (asks, shows) in TRANSVERSAL.items():
            if not asks.search(m.requirement):
                continue
            mine = [f for f in done if f.id in said and shows.search(said[f.id])
                    and _names_only_people(named_missing(m.requirement, f))]
            if not mine:
                continue
            mine.sort(key=lambda f: (-len(shows.findall(said[f.id])), f.id))
            m.status, m.cites, m.via, m.next_step = "transferable", [f.id for f in mine[:2]], \
                kind, None
            # the deed's own words say why (a claim never names a skill its quote lacks)
            deed = shows.search(said[mine[0].id])
            m.why = render_template("match_way_of_working", deed=deed.group(0) if deed else kind)
            break


def _names_only_people(missing: str | None) -> bool:
    """Whether what a requirement names that the person's words do not is nothing, or only
    whom the work is with ("Liaise with families, GPs and district nurses" for a carer who
    rang the daughter: the way of working is shown, whoever it was with); a tool or topic
    named ("... via Slack") keeps the link out."""
    return missing is None or _PERSON.fullmatch(missing) is not None


# A credential the ad accepts in progress ("CIPD Level 3 (completed or working towards)"),
# and the words of someone studying for one ("now I study CIPD level 3", "my first assignment
# for CIPD"): a learner who says so meets it.
WORKING_TOWARDS = re.compile(r"\b(?:working towards|work towards|studying (?:for|towards)|"
                             r"or (?:currently )?(?:studying|enrolled|training)|in progress|"
                             r"willing to (?:work towards|complete|undertake|achieve))\b", re.I)
STUDYING = re.compile(r"\b(?:stud(?:y|ies|ied|ying)|doing (?:my|the|a|an)|taking (?:my|the|a|an)|"
                      r"enrol+ed|assignments?|modules?|course(?:work)?|exams?|units?|"
                      r"apprenticeship|training (?:for|towards))\b", re.I)


def working_towards(matches: Sequence[Any], done: Sequence[Fact]) -> None:
    """Cover a credential gap the ad accepts in progress with the person's own words that
    they study for it (in place): the credential named (its acronym, or a specific word of
    it) and a word of studying in the same sentence."""
    for m in matches:
        if m.status != "gap" or not asks_credential(m.requirement) or \
                not WORKING_TOWARDS.search(m.requirement):
            continue
        names = _ACRONYM.findall(m.requirement) or [
            w for w in re.findall(r"[A-Za-z]{5,}", m.requirement)
            if w.lower() not in GENERIC and _specific(w.lower())]
        mine = [f for f in done if STUDYING.search(f.text) and names
                and any(re.search(rf"\b{re.escape(n)}\b", f.text, re.I) for n in names)]
        if mine:
            m.status, m.cites, m.next_step = "covered", [f.id for f in mine[:2]], None
            m.why = render_template("match_working_towards")
