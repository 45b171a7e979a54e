"""The job's terms and the application, in a job ad: what a line says about pay, the
contract or how to apply, never about the person wanted.

These lines often carry words of a requirement ("Applicants **must** send a CV ...",
"Applications **must** be submitted via ...", "The post is a **12 month** fixed-term
contract"), so they are recognised before any requirement cue. Every pattern is linear:
parts that must follow each other are searched one after the other, never joined by ".*".
"""

from __future__ import annotations

import re

# Pay with an amount is what the job gives, even when it names who earns it ("The starting
# salary for candidates with an MSc degree will be a minimum of DKK 300,174 per year"). Each
# part is searched on its own, after the one before it: one pattern with ".*" between the parts
# took 77 s on an 80,000-character line.
_CODES = r"(?:dkk|eur|usd|gbp|sek|nok|chf|pln|inr|aud|cad)"
_MONEY = re.compile(
    rf"[£$€]\s?\d|\b{_CODES}\s?\d|(?<![\d,.])\d[\d,.]*\s?(?:k\b|{_CODES}\b)", re.I)
_PAY_WORD = re.compile(r"\b(?:salary|salaries|pay|wages?|remuneration|compensation|stipend)\b",
                       re.I)
_PERIOD = re.compile(r"\b(?:per (?:year|annum|hour|month|week)|a year|an hour|p\.?a\.?|salary)\b",
                     re.I)
_PAID = re.compile(r"\b(?:paid|pay|salary|wages?)\b", re.I)
_RATE = re.compile(r"(?<![\d,.])\d[\d,.]*\s*(?:an?|per) (?:hour|year|annum|month|week)\b", re.I)


def _then(first: re.Pattern[str], second: re.Pattern[str], line: str) -> bool:
    """Whether ``second`` matches somewhere after the first match of ``first``."""
    found = first.search(line)
    return found is not None and second.search(line, found.end()) is not None


def has_money(text: str) -> bool:
    """Whether a text names an amount of money ("£250", "DKK 300,174", "45k")."""
    return _MONEY.search(text) is not None


# Pay set by a scale instead of an amount: "Payment according to TV-L E13", "Salary on
# Agenda for Change band 5", "paid in line with the collective agreement".
_SCALE = re.compile(r"\b(?:tv-?l|tv-?öd|tv-?od|agenda for change|afc band|(?:pay|salary) (?:scale|"
                    r"band|grade|spine)|collective (?:wage |labour |labor |bargaining )?"
                    r"agreement|e\s?1[0-5]\b)", re.I)
_PAY_OR_PAID = re.compile(r"\b(?:salary|salaries|pay|payment|paid|wages?|remuneration|"
                          r"compensation|stipend)\b", re.I)


def is_pay(text: str) -> bool:
    """A line that states pay with an amount: a pay word then an amount, an amount then a
    period ("per year"), or "paid" then a rate ("12.50 an hour"), within one line; or a pay
    word with the pay scale that sets it ("Payment according to TV-L E13")."""
    return any(_then(_PAY_WORD, _MONEY, line) or _then(_MONEY, _PERIOD, line)
               or _then(_PAID, _RATE, line)
               or (_PAY_OR_PAID.search(line) is not None and _SCALE.search(line) is not None)
               for line in text.splitlines())


_DOC = r"(?:cv|c\.v\.?|resume|résumé|cover(?:ing)? letter|letter of motivation|motivation letter|"\
    r"portfolio)s?"
# How to apply: sending a CV or your application, a closing date, interviews and shortlisting,
# a reference to quote, a name and number to call, an email address to write to.
HOW_TO_APPLY = re.compile(
    rf"\b(?:send|e-?mail|forward|share|submit|post|drop|upload|attach)(?: us)?(?: (?:your|an?|"
    rf"the|updated|latest|current|full|detailed|cv|and|with))* {_DOC}\b|"
    r"\b(?:send|e-?mail|forward|submit|complete|fill in)(?: us)? (?:your|an?|the)(?: online| "
    r"short)? application(?: form)?\b|"
    r"\bapplications? (?:must|should|will|can|are to|need to) be (?:submitted|sent|made|received|"
    r"emailed|uploaded|completed)\b|\b(?:closing|application) (?:date|deadline)\b|"
    r"\bdeadline for (?:applications|applying)\b|\binterviews? (?:will|are expected to|are "
    r"likely to|are planned to) (?:be held|take place)\b|\binterviews? (?:will be|are) (?:on|in|"
    r"during)\b|\bshortlist(?:ing|ed)? (?:will|candidates will)\b|\b(?:quote|quoting) (?:the |"
    r"our )?(?:job )?(?:ref|reference)\b|^(?:to|how to|please) apply\b|"
    r"\bto apply for (?:this|the) (?:role|job|position|post|vacancy)\b|"
    r"^apply (?:in person|at|on|to|by)\b|\bapply (?:now|online|here|today|via|through|thru)\b|"
    r"\binformal (?:chat|discussion|conversation)\b|"
    r"\b(?:call|ring|phone|text|whatsapp) (?:us|me|(?-i:[A-Z])\w+) on\b|(?<=[\w.])@[\w-]+\.\w",
    re.I)
# The contract, not the person: "The post is a 12 month fixed term contract", "Permanent,
# full time", "Based in Leeds city centre", "Hybrid, 2 days a week in the office".
CONTRACT = re.compile(
    r"^(?:(?:(?:the|this) (?:position|post|role|job|contract|appointment|vacancy|assignment)|this)"
    r" is (?:a |an |for |offered (?:as|on|for) |available (?:as|on|for) )?(?:an? )?(?:\d+[- ]"
    r"(?:months?|years?|weeks?)|fixed[- ]term|permanent|temporary|full[- ]time|part[- ]time|"
    r"maternity cover)|(?:fixed[- ]term|permanent|temporary|full[- ]time|part[- ]time)\b(?:,? "
    r"(?:fixed[- ]term|permanent|temporary|full[- ]time|part[- ]time|contract|post|position|"
    r"role|until|for|\d))|(?:department|faculty|school|institute|directorate|division) (?:of|for) "
    r"[^.;:]*\.?$|(?:(?:based|located) (?:in|at)|(?:fully )?(?:hybrid|remote|on-?site|"
    r"office[- ]based|home[- ]based))\b(?!.*\b(?:you|with|experience|skills?)\b))", re.I)


def terms_reason(line: str) -> str | None:
    """``application`` for a line on how to apply, ``metadata`` for one on the contract or
    the place, else None.

    Args:
        line: one line (or sentence) of an ad, without its bullet.

    Returns:
        The reason to set it aside, or None.
    """
    if HOW_TO_APPLY.search(line):
        return "application"
    if len(line.split()) <= 16 and CONTRACT.match(line):
        return "metadata"
    return None
