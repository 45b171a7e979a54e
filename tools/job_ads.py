"""Job ads as data: requirements (must-have, nice-to-have) and duties from pasted text.

The ad is never an instruction. Lines that read like instructions to an assistant or an AI
screener are set aside as ``ignored`` and play no part in matching. Company text,
benefits, metadata (salary, location, "Date posted") and application details are set aside
with the reason. Clear headings and inline labels decide by rule (:mod:`tools.job_ad_rules`);
a line outside any recognised section is kept when the learned line decision
(:mod:`tools.job_lines`) says it names a skill or knowledge. Every line still kept gets a
second look in its block (:mod:`tools.job_line_blocks`): company history and what the
reader gets are set aside there.
"""

from __future__ import annotations

import re
from typing import Literal, cast

import numpy as np
from pydantic import BaseModel, Field

from tools import job_ad_rules as rules
from tools import job_ad_units
from tools import job_line_blocks as blocks
from tools.faithfulness import TECH
from tools.job_ad_terms import has_money
from tools.job_lines import (
    embed_lines,
    kind_probabilities,
    kinds,
    org_subject,
    skill_scores,
    threshold,
)

Aside = Literal["company", "benefit", "metadata", "application", "other"]
_CREDENTIAL = re.compile(r"\b(?:licen[cs]e|registered|registration|certif\w*|card|passport|"
                         r"ticket|clearance|qualified|qualifications?|degree|diploma|able to|"
                         r"available|willing(?:ness)? to)\b", re.I)
CREDENTIAL_KEEP = 0.10  # a licence, registration or availability named plainly: a lower bar
COMPANY_KEEP = 0.6  # under a company heading, only lines the model is sure of are kept
_ASIDE: dict[str, Aside] = {"benefit": "benefit", "company": "company", "apply": "application",
                            "meta": "metadata"}
_ASIDE_KIND: dict[str, Aside] = {"company": "company", "benefit": "benefit",
                                 "application": "application"}


class Requirement(BaseModel):
    """One requirement or duty, verbatim from the ad, with the technical terms it names."""

    text: str
    must: bool
    kind: Literal["requirement", "duty"] = "requirement"
    terms: list[str] = Field(default_factory=list)
    line: int = Field(default=0, description="the ad's line it came from (1-based)")


class SetAside(BaseModel):
    """A line of the ad that is neither a requirement nor a duty, and why."""

    text: str
    why: Aside
    line: int = 0


class JobAd(BaseModel):
    """The ad: title, requirements, duties, and what was set aside or ignored."""

    title: str
    text: str
    requirements: list[Requirement] = Field(default_factory=list)
    duties: list[Requirement] = Field(default_factory=list)
    set_aside: list[SetAside] = Field(default_factory=list)
    ignored: list[str] = Field(default_factory=list, description="instruction-like lines")


# tools named in two words ("Power BI"; ``TECH`` holds single words), also written as one
MULTI_TECH = ("power bi", "looker studio", "data studio", "google analytics", "google sheets",
              "google ads")


def spelled(term: str) -> str:
    """A term's pattern that also matches it written as one word or hyphenated ("Power BI",
    "PowerBI", "Power-BI")."""
    return re.escape(term).replace(r"\ ", r"[ -]?")


def terms_in(text: str) -> list[str]:
    """Technical terms named in a text (as written), e.g. ["Python", "SQL"]."""
    found: list[str] = []
    for term in MULTI_TECH:
        match = re.search(rf"(?<![\w.+#]){spelled(term)}(?![\w+#])", text, re.I)
        if match:
            found.append(match.group(0))
            text = text[:match.start()] + " " * len(match.group(0)) + text[match.end():]
    for term in sorted(TECH):
        match = re.search(rf"(?<![\w.+#]){re.escape(term)}(?![\w+#])", text, re.I)
        if match and match.group(0).lower() not in {t.lower() for t in found}:
            found.append(match.group(0))
    return found


def _why(unit: str) -> Aside | None:
    """A reason to set a line aside whatever its section, or None. A benefit word in a line
    that opens with a verb of doing is its object ("Manage the events budget ...",
    "Connect clients with ... benefits"), unless the line names money ("Refer a friend
    bonus of £250")."""
    reason = rules.aside_reason(unit)
    if reason == "benefit" and blocks.opens_with_deed(unit) and not has_money(unit) and \
            not _READER_GETS.search(unit):
        return None
    return cast(Aside | None, reason)


# what the reader is offered, whatever the line opens with ("Working in a matrix organisation
# you will have the advantage of gaining ...")
_READER_GETS = re.compile(r"\byou(?:'ll|’ll| will)?\s+(?:get|receive|enjoy|have the "
                          r"(?:advantage|chance|possibility|opportunity))\b|\bwe offer\b|"
                          r"\boffers? you\b", re.I)


def parse(text: str) -> JobAd:
    """Requirements and duties of a job ad, in any heading style or none.

    Args:
        text: the ad, pasted (one line or many) or read from a file.

    Returns:
        The ad with must-have and nice-to-have requirements (inline cues such as "is a plus"
        or "Desirable:" make a line nice-to-have), duties, the lines set aside with their
        reason, and the instruction-like lines ignored.
    """
    ad, placed = placed_lines(text)
    reasons, rows = first_look(placed)
    keep = blocks.keep_probabilities(rows)
    before: Aside | None = None
    firm = ""  # the employer's first word, once a line names it ("Oakfield Care Partnerships")
    signed = False  # after "Best," / "Kind regards": the sender's name and title
    headed = min((n for n, _, s in placed if s is not None), default=0)
    for i, (number, line, section) in enumerate(placed):
        if i < 3 and (not headed or number < headed) and section is None and \
                rules.employer_line(line) and not terms_in(line):
            # "Logistics Planner" then "DHL Supply Chain, Duisburg": who and where, no need
            ad.set_aside.append(SetAside(text=line, why="company", line=number))
            firm = firm or line.split()[0]
            continue
        if signed:
            ad.set_aside.append(SetAside(text=line, why="other", line=number))
            continue
        signed = rules.SIGN_OFF.fullmatch(rules.strip_bullet(line).strip()) is not None
        reason = reasons[i] or (None if section in ("must", "nice") and (
            _NEED_WORDS.search(line) or _LEVEL_HELD.search(line))
            else _second_look(line, rows[i], float(keep[i])))
        if reason is None and section is None and firm and _FIRM_DOES.match(line) and \
                line.startswith(firm) and not terms_in(line) and not \
                rules.REQUIREMENT_CUE.search(line):
            reason = "company"  # "Oakfield supports adults with ...", the employer named above
        if reason in ("benefit", "company") and _you_will_do(line) and i and \
                placed[i - 1][0] == number and before is None:
            # "You'll be out on the road carrying out rewires ... You'll also support our
            # apprentices on site.": what the reader will do, in the line of a duty kept
            reason = None
        if reason is None and before in ("benefit", "company") and _GOES_ON.match(line):
            reason = before  # "... such as non-timber forest products" / "are a key
            # conservation strategy ...": a sentence broken across lines is one line
        if reason is None and before == "company" and _FOLLOWS_ON.match(line) and \
                not _you_will_do(line) and not rules.REQUIREMENT_CUE.search(line):
            # "A major challenge for startups is scaling up." then "This requires both
            # capital and ..." and "In most cases this means ...": the same firm's story
            reason = before
        if reason == "other" and (free := _NO_NEED.match(line)) and \
                _BUT_NEED_LATER.search(line, free.end()):
            reason = None  # the need after "No experience needed ..., but" is kept (_add)
        before = reason
        if reason:
            ad.set_aside.append(SetAside(text=line, why=reason, line=number))
        else:
            _add(ad, number, line, section)
    return ad


def placed_lines(text: str) -> tuple[JobAd, list[tuple[int, str, str | None]]]:
    """The ad's title and ignored lines, and every other line with its section.

    Args:
        text: the ad as pasted.

    Returns:
        The ad so far (title, ignored lines) and (line number, line, section) per line left
        to decide, in order.
    """
    ad = JobAd(title="", text=text)
    ad.title, units = _title(job_ad_units.units(text))
    placed: list[tuple[int, str, str | None]] = []  # (line, text, section) to decide
    section: str | None = None
    inline: tuple[int, str] | None = None  # "What we offer: ..." for the rest of its line
    by_label = False  # the section was set by an inline label ("Essential: ..."), no heading
    context = False  # the section is a research post's background, which ends at any title
    for number, unit in units:
        if rules.INJECTION.search(unit):
            ad.ignored.append(unit)
            continue
        head = rules.heading(unit) or rules.open_heading(unit) or _caps_title(unit)
        if head is not None:
            section, inline, by_label = (None if head == "open" else head), None, False
            context = rules.CONTEXT_HEADING.match(rules.bare(unit)) is not None
            continue
        if context and _SHORT_TITLE.match(rules.strip_bullet(unit)):
            section = None  # "Background" ... then "Research methodology": a new part starts
            context = False
        labelled = rules.label(unit)
        line_section = inline[1] if inline and inline[0] == number else section
        if by_label and line_section in ("must", "nice") and rules.DUTY_CUE.search(
                rules.strip_bullet(unit)):
            line_section = None  # "Desirable: ILS or ALS." then "You will coordinate ...":
            # the label told its own line, the duty tells itself
        if by_label and line_section == "duty" and (
                rules.MUST_CUE.search(unit) or rules.NICE_CUE.search(unit)):
            line_section = None  # "What you'll do: ..." then "must know React": a need
        if labelled and labelled[0] in ("must", "nice", "duty", "stack"):
            line_section, unit = labelled
            if line_section != "stack":
                section, by_label = line_section, True
            inline = None
        elif labelled:  # "Salary: ..." is set aside whole
            line_section = labelled[0]
            inline = (number, line_section) if line_section != "meta" else inline
        placed.append((number, rules.strip_bullet(unit), line_section))
    return ad, placed


def _caps_title(unit: str) -> str | None:
    """A short line in capitals that names no need ("BACKEND ENGINEER" in the middle of an
    ad): a title, which opens the text after it like a heading we do not know."""
    plain = rules.strip_bullet(unit).strip(" :.!…")
    words = plain.split()
    if not 1 <= len(words) <= 6 or not plain.isupper() or any(ch.isdigit() for ch in plain) \
            or rules.REQUIREMENT_CUE.search(plain) or rules.MUST_CUE.search(plain) \
            or terms_in(plain) or not _ROLE_END.search(plain):
        return None
    return "open"


# the last word of a role's name ("BACKEND ENGINEER", "SENIOR CARE ASSISTANT")
_ROLE_END = re.compile(r"\b(?:engineer|developer|manager|nurse|assistant|technician|chef|driver|"
                       r"officer|analyst|designer|consultant|specialist|coordinator|"
                       r"administrator|operative|worker|lead|director|architect|scientist|"
                       r"carer|teacher|advisor|adviser|executive|supervisor|clerk|agent|"
                       r"associate|intern|trainee|apprentice)S?$", re.I)


# a line of a few capitalised words with no sentence in it: a heading we do not know
_SHORT_TITLE = re.compile(r"^[A-Z][\w&/-]*(?: [\w&/-]+){0,4}$")


def _title(units: list[tuple[int, str]]) -> tuple[str, list[tuple[int, str]]]:
    """The ad's title and the units after it: a first line that reads like a title ("Sous
    Chef wanted."), the first sentence of a short first line ("Barista wanted. Must love
    coffee"), or a first sentence that only names the role ("Junior data analyst for a
    housing association in Bristol. You will ..."); never a sentence with a subject or verb.
    """
    if not units:
        return "", units
    number, first = units[0]
    if len(units) > 1 and _HIRING_SHOUT.fullmatch(first.strip()):
        return _title(units[1:])  # "We're hiring! Commis chef needed at The Red Lion, ..."
    if rules.greeting_line(first):
        # a recruiter's message: "Hi Maria," then "... a great fit for a Data Analyst role"
        role = next((m.group(1) for _, u in units[1:4] if (m := _ROLE_OFFERED.search(u))), "")
        return role, units[1:]
    if len(units) > 1 and rules.heading(first) == "open" and \
            (found := rules.title(units[1][1])):
        # a pasted page's own heading first ("About the job", then "Customer Success Manager")
        return found, units[2:]
    if found := rules.title(first):
        return found, units[1:]
    parts = job_ad_units.sentences(first, short=0)
    if len(parts) > 1 and not parts[0].endswith(":") and (found := rules.title(parts[0])):
        return found, [(number, first[len(parts[0]):].strip()), *units[1:]]
    if len(units) > 1 and units[1][0] == number and first.endswith(".") and (
            found := rules.title(first.rstrip("."))):
        return found, units[1:]
    wanted = _WANTED_THEN.match(first) or _LOOKING_THEN.match(first) or _HIRING_THEN.match(first)
    if wanted and (found := rules.title(wanted.group(1))):
        # "Barista wanted for weekends in Leith, latte art a plus, must be able to ...": the
        # title, then what the one-line paste asks, one need per comma
        rest = [(number, p.strip()) for p in re.split(r",\s+", first[wanted.end():])
                if p.strip()]
        return found, [*rest, *units[1:]]
    # the role named in the ad's opening sentences: "An exciting opportunity has arisen for a
    # Band 5 Staff Nurse to join ...", "a bakery in Totnes looking for a baker to join us"
    role = next((m.group(1) for _, u in units[:3] if (m := _ROLE_JOINS.search(u))), "")
    return (role if len(role.split()) <= 5 else ""), units


# a shout that opens a post before its role: "We're hiring!", "NOW RECRUITING!!", "Job alert:"
_HIRING_SHOUT = re.compile(r"\W*(?:(?:we(?:'re|’re| are)\s+)?(?:now\s+)?(?:hiring|recruiting)|"
                           r"job (?:alert|opportunity|vacancy)|vacancy|new (?:job|vacancy|role))"
                           r"[\W]*", re.I)


# ... or with the role looked for: "Looking for a mechanic in Bristol, must have own tools"
_LOOKING_THEN = re.compile(r"^(?:(?:we(?:'re|’re| are)|i'?m|i am)\s+)?(?:looking for|seeking)\s+"
                           r"(?:an?\s+|two\s+|\d+\s+)?([^,.;:]{2,40}?)(?:\s+(?:in|at|for|to join)"
                           r"\s[^,.;:]{2,60})?,\s*", re.I)


# ... or with the post opened: "[HIRING] Remote Python/Django dev, $60/hr, must know ..."
_HIRING_THEN = re.compile(r"^\W*(?:we(?:'re|’re| are)\s+)?(?:now\s+)?(?:hiring|recruiting)\W*\s*"
                          r"(?:an?\s+)?([^,.;:]{2,60}?),\s*", re.I)
# the role an opening sentence names with its joining
_ROLE_JOINS = re.compile(r"\b(?:looking for|seeking|recruiting|(?:opportunity|vacancy|opening) "
                         r"(?:has arisen |is available )?for)\s+(?:an?\s+|two\s+|\d+\s+)?"
                         r"([^,.;:]{2,50}?)\s+to join\b", re.I)


# the role a message offers: "a great fit for a Data Analyst role with one of my clients"
_ROLE_OFFERED = re.compile(r"\b(?:for|as) an? ((?:[A-Z][\w/&+.-]*\s+){0,4}[A-Z][\w/&+.-]*)\s+"
                           r"(?:role|position|job|vacancy|opening)\b")


# a one-line paste that opens with the role wanted: "Barista wanted for weekends in Leith, ..."
_WANTED_THEN = re.compile(r"^((?:an? )?[^,.;:]{2,60}?\s+(?:wanted|needed|required)"
                          r"(?:\s+(?:for|at|in)\s[^,.;:]{2,60})?),\s*", re.I)


def first_look(placed: list[tuple[int, str, str | None]]
               ) -> tuple[list[Aside | None], np.ndarray]:
    """Each line judged by rules and the line heads, and its features for the second look.

    Args:
        placed: :func:`placed_lines`' lines.

    Returns:
        Per line, the reason to set it aside (None: kept so far), and the rows of
        :func:`tools.job_line_blocks.features`.
    """
    why = {text: _why(text) for _, text, _ in placed}
    texts = list(dict.fromkeys(text for _, text, _ in placed))
    vecs = embed_lines(texts)
    index = {text: i for i, text in enumerate(texts)}
    row = [index[text] for _, text, _ in placed]
    probs = kind_probabilities(texts, vecs)
    kind = dict(zip(texts, kinds(probs), strict=True))
    skill = skill_scores(texts, vecs)
    scores = {text: skill[row[i]] for i, (_, text, section) in enumerate(placed)
              if (section is None and not why[text])
              or (section == "company" and rules.YOU.search(text))}
    reasons = [_reason(text, section, why[text], kind[text], scores.get(text))
               for _, text, section in placed]
    reasons = [reasons[i] or _inside_firm_text(i, placed, reasons, scores.get(text))
               for i, (_, text, _) in enumerate(placed)]
    rows = blocks.features([text for _, text, _ in placed], [s for _, _, s in placed],
                           probs[row] if row else probs, [skill[r] for r in row])
    return reasons, rows


# words of a need: under a requirements heading, "Flexible to work shifts including weekends"
# is asked of the reader, whatever the second look reads into it
_NEED_WORDS = re.compile(r"^\W*(?:(?:be |being )?(?:flexible|willing|able|happy|prepared|available)"
                         r" to\b|(?:flexibility|willingness|ability|availability) to\b)", re.I)


# "You'll also support our apprentices on site": what the reader will do, whatever its block
# the post named before what the reader will do: "As our Community & Events Fundraising
# Officer you will grow income from ..." (the line head read it as a benefit)
_THE_POST_FIRST = r"as (?:our|the|an?) [^,.;]{3,60}?,?\s+"
_AS_OUR = re.compile(r"^\W*" + _THE_POST_FIRST + r"you(?:'ll|’ll| will)\s", re.I)
# "As our Events Officer you will ...", "You'll support ..."
_YOU_WILL_DO = re.compile(r"^\W*(?:" + _THE_POST_FIRST + r")?"
                          r"you(?:'ll|’ll| will)\s+(?:also\s+|often\s+|regularly\s+)?"
                          r"(?!(?:be|have|get|receive|enjoy|join|find|love|work (?:in|for|with|"
                          r"from|alongside)|become|gain|benefit|need|bring|progress|"
                          r"learn|thrive)\b|grow\b(?!\s+(?:our\s+|the\s+|new\s+)?(?:income|"
                          r"revenue|sales|donations|membership|audience|traffic|accounts?|"
                          r"business|portfolio|client|customer|partner|supporter|pipeline)))"
                          r"[a-z]+", re.I)


# a sentence that carries on the one before by pointing back at it ("This requires ...",
# "In most cases this means ...", "Moving forward this investment will ...")
_FOLLOWS_ON = re.compile(r"\W*(?:(?:in most cases|in other words|as a result|therefore|thus|"
                         r"consequently|moving forward|going forward|in turn|in short),?\s+)?"
                         r"(?:this|that|these|it)(?:\s+(?!(?:role|position|post|job|person|"
                         r"candidate|opportunity|vacancy|team|work)\b)[a-z]+)?\s+(?:will|would|"
                         r"requires?|"
                         r"means?|is why|helps?|allows?|enables?|makes?|gives?|has|have)\b",
                         re.I)
# a line that carries on the sentence before it: it opens with a lower-case verb of being
_GOES_ON = re.compile(r"(?:are|is|was|were|has|have|had)\b")


# "You have a counterbalance forklift licence", "You speak Dutch": a need of the reader
_READER_HAS = re.compile(r"^\W*you(?:'ve|’ve| have| hold| possess| speak| are| can)\b(?! "
                         r"(?:access|the (?:chance|opportunity|option)|free)\b)", re.I)


def _reader_needs(text: str) -> bool:
    """Whether a line tells what the reader has or is as a need ("You hold a valid
    forklift licence"), which no line head may set aside as benefit or company text."""
    return _READER_HAS.search(text) is not None and \
        rules.REQUIREMENT_CUE.search(text) is not None and not rules.BENEFIT.search(text)


def _nice_need(text: str) -> bool:
    """A line that says a need is nice to have ("Latte art a plus", "NVQ 2 desirable"), not
    a reward ("Annual bonus")."""
    return rules.NICE_CUE.search(text) is not None and not rules.BENEFIT.search(text) and \
        not has_money(text)


def _you_will_do(text: str) -> bool:
    """Whether a sentence says what the reader will do ("You will support ..."), not what
    they will get or be ("You'll enjoy ...", "You'll join a friendly team")."""
    return _YOU_WILL_DO.search(text) is not None and not rules.BENEFIT.search(text)


# a qualification by its level, under a requirements heading: "Level 2 Gym Instructor" (the
# second look read it as a benefit)
_LEVEL_HELD = re.compile(r"^\W*(?:level|lvl)\s*\d\b", re.I)
# the employer named above, doing what it does: "Oakfield supports adults with ..."
_FIRM_DOES = re.compile(r"^\W*[A-Z][\w&'’-]*(?:\s+[A-Z][\w&'’-]*){0,3}\s+(?:is|are|was|has|have|"
                        r"supports?|provides?|helps?|runs?|operates?|offers?|delivers?|works?|"
                        r"cares?|serves?|employs?|builds?|makes?|designs?|manages?)\b")
# how long in the work, asked first: "At least 18 months in a contact centre", "Minimum 2
# years as sous chef" (the second look read a bare "18 months" as a contract's term)
_TIME_ASKED = re.compile(r"^\W*(?:at least|minimum(?: of)?|min\.?|a minimum of|over|\d+\+)\s*"
                         r"(?:\d+\+?\s*)?(?:months?|years?|yrs?)(?:'|’)?\s+(?:of\s+)?(?:experience\s+)?"
                         r"(?:in|as|at|with|working|doing|of)\b", re.I)


def _second_look(text: str, row: np.ndarray, keep: float) -> Aside | None:
    """A kept line that, read in its block, tells what the reader gets or who the firm is
    (the second-look head's keep probability under its threshold) is set aside; a line
    that says "essential" or "must", or what the reader will do or has, never is."""
    if keep >= blocks.threshold() or rules.MUST_CUE.search(text) or _you_will_do(text) or \
            _reader_needs(text) or _nice_need(text) or _TIME_ASKED.match(text):
        return None
    benefit, company = row[blocks.FEATURE_INDEX["benefit"]], row[blocks.FEATURE_INDEX["company"]]
    return "benefit" if benefit > company else "company"


def _reason(text: str, section: str | None, why: Aside | None, kind: str,
            score: float | None) -> Aside | None:
    """Why one line is set aside (None: it is a requirement or duty), by itself."""
    reason = why
    if section in ("must", "nice", "duty", "stack"):
        reason = reason if reason in ("metadata", "application", "benefit", "company",
                                      "other") else None
    elif section == "company" and _duty_or_need(text, score):
        reason = None
    elif section in _ASIDE:
        reason = _ASIDE[section]
    elif reason is None and (score or 0.0) < threshold() and not (
            rules.MUST_CUE.search(text) or rules.NICE_CUE.search(text)
            or _reader_needs(text)) and not (
            (score or 0.0) >= CREDENTIAL_KEEP and _CREDENTIAL.search(text)
            and not rules.COMPANY.search(text)):  # not "Our plant is ISO 14001 certified"
        reason = "other"
    if reason is None and section in (None, "company") and (
            _about_the_firm(text) or _about_the_field(text)):
        reason = "company"  # the organisation, or the field it works in, is the subject
    if reason is None and section not in ("must", "nice", "stack") and \
            kind != "keep" and not rules.MUST_CUE.search(text) and not _reader_needs(text) \
            and not _nice_need(text) and not (_AS_OUR.match(text) and _you_will_do(text)) \
            and not (section == "duty" and blocks.opens_with_deed(text)):
        # (under a duties heading, "Lead a small team of carers on shift" is a duty: the
        # line head read it as a benefit)
        reason = _ASIDE_KIND[kind]  # company, benefit or application in any words
    return reason


def _inside_firm_text(i: int, placed: list[tuple[int, str, str | None]],
                      reasons: list[Aside | None], score: float | None) -> Aside | None:
    """An open line between two lines of company or benefit text is part of that block
    unless it names a tool or a need, or the line decision is sure it names a skill."""
    if placed[i][2] is not None:
        return None
    before = reasons[i - 1] if i else None
    after = reasons[i + 1] if i + 1 < len(placed) else None
    text = placed[i][1]
    if terms_in(text) or rules.REQUIREMENT_CUE.search(text) or _you_will_do(text) or \
            (score or 0.0) >= COMPANY_KEEP:
        return None
    if 0 < i < len(placed) - 1 and not {before, after} - {"company", "benefit"}:
        return after if before == "benefit" else before
    # the ad's opening, before anything is asked of the reader: a line beside the firm's
    # own text that names no reader, need or deed is part of it ("The DC handles spare parts")
    if "company" in (before, after) and None not in reasons[:i] and not (
            _READER.search(text) or rules.DUTY_CUE.search(text) or blocks.opens_with_deed(text)):
        return "company"
    return None


def _about_the_firm(text: str) -> bool:
    """A line outside the requirements whose subject is the organisation ("The Centre
    collaborates with ...", "Nordlys Advisory helps ...") and that names no tool or need."""
    told = _FIRM_AGE.sub(" ", text)  # "... for over 40 years" is the firm's age, not a need
    return (org_subject(text) or rules.named_subject(text)) and not terms_in(text) and \
        not rules.REQUIREMENT_CUE.search(told)


_FIRM_AGE = re.compile(r"\b(?:for (?:over |more than |almost |nearly |the (?:past|last) )?"
                       r"\d+ (?:years|decades)|since \d{4}|"
                       # the ages of those it serves: "caring for children aged 3 months to
                       # 5 years", "a school for 11-18 year olds"
                       r"aged (?:from |under |over )?\d+\s*(?:months?|years?|yrs?)?(?:\s*(?:to|-|–)"
                       r"\s*\d+\s*(?:months?|years?|yrs?))?|\d+\s*(?:-|–|to)?\s*(?:\d+\s*)?"
                       r"years?[- ]olds?)\b", re.I)


# The background of a research post or project: what is known, what is hard, who funds it
# ("Little is known about ...", "The study, funded by the NIHR, ...").
_FIELD = re.compile(
    r"\b(?:literature|little is known|remains? (?:unclear|poorly|sparse|largely|unknown|"
    r"challenging|difficult)|(?:is|are) (?:still )?(?:poorly|not well|only partly) understood|"
    r"(?:has|have) proven|major challenge|challenge for|(?:study|project|programme|hub|"
    r"initiative) (?:is|aims|will|has|was)|aims to|funded by|rationale|paradigm shift|"
    r"in most cases|increasingly|are facing|is facing)\b", re.I)
# Words that bring the reader, the post or the hiring into a line.
_READER = re.compile(
    r"\b(?:you|your|you'?ll|candidates?|applicants?|successful|positions?|role|post|job|phd|"
    r"postdoc\w*|fellow|student|employee|person|individual|hire|team member|recruit\w*|"
    r"looking for|seek(?:s|ing)?|invites?|hiring)\b", re.I)


def _about_the_field(text: str) -> bool:
    """A sentence of a research post's or project's background that asks nothing of the
    reader ("Little is known about how ...", "A major challenge for startups is ..."):
    it names no reader, post, need, tool or deed of the job."""
    return len(text.split()) >= 8 and _FIELD.search(text) is not None and not (
        _READER.search(text) or rules.REQUIREMENT_CUE.search(text) or terms_in(text)
        or rules.DUTY_CUE.search(text) or blocks.opens_with_deed(text))


def _duty_or_need(text: str, score: float | None) -> bool:
    """A line under a company heading that still says what the person will do or need."""
    return score is not None and score >= COMPANY_KEEP and rules.YOU.search(text) is not None


# an aside in brackets that is nice to have: "speak English and Portuguese (German is a bonus)"
_NICE_ASIDE = re.compile(r"\s*\(([^()]{3,80})\)")
# where a sentence of several needs starts the next one: "You have a year in a hotel
# reception, speak English and Portuguese and you're comfortable with a PMS"
_NEXT_NEED = re.compile(r",\s+(?:and\s+)?(?=(?:you(?:'re|’re|'ve|’ve| are| have| can| will)?|speak|"
                        r"have|hold|know|can|enjoy|are)\b)|\s+and\s+(?=you(?:'re|’re|'ve|’ve| are| "
                        r"have| can| will)\b)", re.I)


# the aside is a need of its own said to be nice: "German is a bonus", "Spanish would be a
# plus"; not examples of the need it qualifies ("(AWS or Azure preferred)")
_OWN_NICE = re.compile(r"\b(?:(?:is|are|would be|will be|'s)\s+(?:a\s+|an\s+)?|(?<=\w )(?:a|an)\s+)"
                       r"(?:(?:real|big|huge|definite)\s+)?(?:bonus|plus|advantage|asset|"
                       r"nice to have|desirable|beneficial)\b", re.I)


def _needs(line: str) -> tuple[str, list[str]]:
    """A line without its nice-to-have asides in brackets, and those asides."""
    def own(aside: str) -> bool:
        return _nice(aside) and _OWN_NICE.search(aside) is not None

    asides = [m.group(1).strip() for m in _NICE_ASIDE.finditer(line) if own(m.group(1))]
    rest = _NICE_ASIDE.sub(lambda m: "" if own(m.group(1)) else m.group(0), line) \
        if asides else line
    # a comma clause that says it is nice of its own: "Must be reliable and able to work
    # under pressure, food hygiene cert a bonus" (the certificate was a must-have)
    head, *tail = re.split(r",\s+", rest)
    if tail and _MUST_OPEN.match(head) and not _OWN_NICE.search(head):
        nice = [t.strip(" .;") for t in tail if _OWN_NICE.search(t)]
        if nice:
            asides += nice
            rest = ", ".join([head, *(t for t in tail if t.strip(" .;") not in nice)])
    return rest, asides


# a need said as one: "Must be reliable ...", "Essential: ...", "Need to ..."
_MUST_OPEN = re.compile(r"^\W*(?:must|need(?:s)? to|required|essential|you (?:must|need|will "
                        r"need))\b", re.I)


def _add(ad: JobAd, number: int, line: str, section: str | None) -> None:
    post = _POST_ONLY.match(line) if section != "duty" else None
    if post and not _MORE_AFTER_JOIN.search(line, post.end()):
        # "We are looking for a motivated Pharmacy Technician to join our dispensary team at
        # ...": the post itself; only the qualities asked of the person are a need
        need = _qualities(post.group("who"), ad.title)
        if not need:
            ad.set_aside.append(SetAside(text=line, why="company", line=number))
            return
        line, section = need, section or "nice"  # qualities asked: soft needs, never duties
    line, asides = _needs(line) if section not in ("nice", "stack", "duty") else (line, [])
    ad.requirements += [Requirement(text=a, must=False, terms=terms_in(a), line=number)
                        for a in asides]
    # "NMC registration; escalating deteriorating patients; ..." is a list of its own items,
    # and so is a sentence of several needs ("You have ..., speak ... and you're ...").
    chunks = ([c.strip(" .") for c in re.split(r"\s*;\s*", line) if c.strip(" .")]
              if ";" in line else [line])
    if len(chunks) > 1:  # "We are committed to safeguarding; this post requires a DBS
        # check": the firm's own part is set aside, the need kept
        firm = [c for c in chunks if rules.aside_reason(c) == "company"]
        if len(firm) < len(chunks):
            ad.set_aside += [SetAside(text=c, why="company", line=number) for c in firm]
            chunks = [c for c in chunks if c not in firm]
    if section != "duty" and len(line.split()) >= 12:
        chunks = [p.strip(" .") for c in chunks for p in _NEXT_NEED.split(c) if p.strip(" .")]
    if section == "duty" or _DUTY_LIST.match(line) or (section is None and (
            rules.DUTY_CUE.search(line) or blocks.opens_with_deed(line))
            and not rules.REQUIREMENT_CUE.search(line) and not rules.NICE_CUE.search(line)):
        ad.duties += [Requirement(text=d, must=False, kind="duty", terms=terms_in(d),
                                  line=number) for c in chunks
                      for d in _duty_items(c, listed=section == "duty")]
        return
    # "... essential; MOT tester status desirable": each by its own cue, and one without a
    # cue beside one that has it is must-have ("Fluent English; a second European language
    # is a bonus")
    if len(chunks) == 1 and "," in line and not _JOINED_LAST.search(line):
        # "GDC registered, radiography certificate an advantage": needs side by side, each
        # with its own cue, when the last is not joined by "and" ("Python, SQL and Docker
        # preferred" is one list under one cue)
        items = _items(line, most=6)
        cued = [_cued(c) for c in items]
        chunks = items if len(items) > 1 and any(cued) and not all(cued) else chunks
    own = [_cued(c) for c in chunks]
    for chunk in chunks:
        cue = chunk if len(chunks) > 1 and any(own) else line
        nice = section in ("nice", "stack") or _nice(cue)
        for piece in _items(chunk):
            free = _NO_NEED.match(piece)
            if free:  # "No experience needed": said of the post, asks nothing ...
                after = _BUT_NEED.match(piece, free.end()) or _BUT_NEED_LATER.search(
                    piece, free.end())  # "... as full training is provided, but you must"
                ad.set_aside.append(SetAside(text=piece[:after.start() if after else None]
                                             .strip(" ,;"), why="other", line=number))
                if after:  # ... "but you must be reliable and able to work weekends" does
                    rest = piece[after.end():].strip(" .")
                    ad.requirements.append(Requirement(text=rest, must=not nice,
                                                       terms=terms_in(rest), line=number))
            else:
                ad.requirements.append(Requirement(text=piece, must=not nice,
                                                   terms=terms_in(piece), line=number))


# the post itself, told as the firm's search: "We are looking for a motivated Pharmacy
# Technician to join our dispensary team at ...", "Meadowbank is recruiting a caring Senior
# Carer to join ..."
_POST_ONLY = re.compile(r"^\W*(?:we(?:'re|’re| are)\s+(?:currently\s+|now\s+|also\s+)?"
                        r"(?:looking for|seeking|recruiting|hiring)|(?:[\w&'’-]+\s+){1,4}"
                        r"(?:is|are)\s+(?:currently\s+|now\s+)?(?:looking for|seeking|"
                        r"recruiting|hiring))\s+(?:an?\s+|two\s+|\d+\s+)?"
                        r"(?P<who>(?:[\w/&'’,-]+\s+){1,8}?)to join\b", re.I)
# ... that goes on to say more than where: a duty or a need ("... to join the unit to
# implement the IT architecture", "... who has worked in ...")
_MORE_AFTER_JOIN = re.compile(r"\b(?:to|who|with|if|and|where|as|in order|that|which)\b", re.I)
_PERSON_NOUNS = frozenset({"person", "people", "individual", "individuals", "candidate",
                           "candidates", "professional", "team", "member", "members", "someone",
                           "colleague", "colleagues", "addition", "hire"})


def _qualities(who: str, title: str) -> str:
    """What a post line asks of the person, without the post's name: "motivated" of
    "motivated Pharmacy Technician", "hardworking and passionate" of "hardworking and
    passionate person"; empty when it names only the post."""
    named = {w.lower() for w in re.findall(r"[\w'-]+", title)}
    words = who.split()
    while words and (words[-1][:1].isupper() or words[-1].strip(",").lower() in named
                     or words[-1].lower() in _PERSON_NOUNS or words[-1].lower() in ("and", "&")):
        words.pop()
    return " ".join(words).strip(" ,")


# a list whose last item is joined by "and" or "or", not by a comma alone
_JOINED_LAST = re.compile(r"\s(?:and|or|&)\s[^,]*$", re.I)


# what the post does not ask: "No experience needed", "no qualifications required"
_NO_NEED = re.compile(r"^\W*(?:no|none)\s+(?:(?:previous|prior|formal|specific|relevant)\s+)?"
                      r"(?:experience|qualifications?|degree|training)\s+(?:is\s+)?(?:needed|"
                      r"required|necessary|expected)\b", re.I)


# what the post asks after all: "No experience needed but you must be reliable ..."
_BUT_NEED = re.compile(r"[\s,;:-]*(?:but|however|just|only|all (?:you|we) (?:need|ask)"
                       r"(?: for)?(?: is)?)\s+(?=\S)", re.I)  # "..., just need to be reliable"


# ... said after why none is needed: "No experience needed as full training is provided, but
# you must be able to work nights"
_BUT_NEED_LATER = re.compile(r"[,;]\s*(?:but|however)\s+(?=(?:you|candidates?|applicants?|"
                             r"we|must|need|able|have)\b)", re.I)


# "Duties include anaesthetic monitoring, running in-house laboratory tests, dispensing
# medication and nurse clinics": a list of duties, each met (or not) on its own
_DUTY_LIST = re.compile(r"^\W*(?:(?:your|the|main|key|daily|typical)\s+)?(?:duties|"
                        r"responsibilities|tasks)\s+(?:will\s+)?(?:include|includes|cover|"
                        r"involve)(?:\s+things like)?:?\s+", re.I)


def _duty_items(duty: str, listed: bool = False) -> list[str]:
    """A duty, or each item of a listed duty of short items (up to six words each);
    ``listed``: the line stands under a duties heading or label, where three or more short
    items are the duties themselves ("Duties: installations, rewires, fault finding, testing
    & inspection, EICRs, fitting EV chargers")."""
    lead = _DUTY_LIST.match(duty)
    if "," not in duty:
        return [duty]
    if not lead and listed:
        items = _items(duty, most=4)
        deeds = [blocks.opens_with_deed(i) for i in items]
        if len(items) >= 3 and not deeds[0]:
            return items  # kinds of work listed; "Liaise with families, GPs and district
            # nurses" lists whom one deed is with, and stays whole
    if not lead:  # "build UI components, fix bugs, write tests with Jest": deeds listed
        items = _items(duty, most=6)
        return items if len(items) > 1 and all(map(blocks.opens_with_deed, items)) else [duty]
    items = _items(duty[lead.end():], most=6)
    return items if len(items) > 1 else [duty]


def _cued(text: str) -> bool:
    """Whether a need says for itself how much it is needed ("essential", "a plus")."""
    return bool(rules.NICE_CUE.search(text) or rules.MUST_CUE.search(text))


def _nice(text: str) -> bool:
    """A cue for nice-to-have ("is a plus", "desirable") and none for must-have; a cue in
    brackets that qualifies the examples ("Strong SQL (Postgres ideally)") is not the line's
    own ("Reach truck licence (desirable)" is)."""
    text = EXAMPLES_CUED.sub(" ", text)
    return rules.NICE_CUE.search(text) is not None and not rules.MUST_CUE.search(text)


# an example in brackets with its own cue: "(Postgres ideally)", "(AWS preferred)"
EXAMPLES_CUED = re.compile(r"\((?=[^()]*\b[A-Za-z][\w+#.-]*\s+(?:ideally|preferred|preferably|"
                            r"desirable|a plus|is a plus|an advantage)\b|\s*(?:ideally|"
                            r"preferably)\s+[A-Za-z])[^()]{2,60}\)", re.I)


def _items(part: str, most: int = 3) -> list[str]:
    """A comma list of short items (``most`` words each: "Kubernetes, public speaking, SQL
    and Excel") becomes one requirement per item; a phrase without commas stays whole."""
    if re.search(r"\([^()]*,[^()]*\)", part):
        return [part.strip(" ;")]  # "Strong Excel (VLOOKUP, pivot tables)": one need, its examples
    pieces = [p.strip(" .;") for p in part.split(",")]
    last = re.split(r"\s+(?:and|&)\s+", pieces.pop())
    if len(pieces) > 0 or any(terms_in(p) == [p] for p in last):
        pieces += [p.strip(" .;") for p in last]
    else:
        pieces.append(part.strip(" .;"))
    if len(pieces) > 1 and all(0 < len(p.split()) <= most for p in pieces) and \
            not any(_HOW_SAID.fullmatch(p) or _WHERE_SAID.match(p) for p in pieces[1:]) and \
            not _SHARED_OBJECT(pieces):
        return pieces
    return [part.strip(" ;")]


def _SHARED_OBJECT(pieces: list[str]) -> bool:  # noqa: N802 (reads as the rule it is)
    """Verbs that share the last one's object: "To assess, plan, implement and evaluate
    patient care" is one duty (every item but the last is a single word, the last is not)."""
    heads = [re.sub(r"^to\s+", "", p.strip(), flags=re.I) if i == 0 else p.strip()
             for i, p in enumerate(pieces[:-1])]
    return len(pieces) > 2 and all(len(h.split()) == 1 and h.islower() and not terms_in(h)
                                   and not h.endswith("ing") for h in heads) and \
        len(pieces[-1].split()) > 1  # ("cooking, cleaning and ironing clothes" are three)


# words that only say how the item before them is meant ("Good English, written and spoken")
# a piece that says how or where the need before it is used, not a need of its own
# ("Excellent communication skills, on the phone and by email")
_WHERE_SAID = re.compile(r"(?:both\s+)?(?:on|by|over|via|in|at|with|face to face|in person|"
                         r"through|across)\b", re.I)
_HOW_SAID = re.compile(r"(?:both )?(?:written|spoken|verbal|oral|read|fluent|native|basic|"
                       r"conversational|business|professional|advanced|intermediate)", re.I)
