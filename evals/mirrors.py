"""Is a mirror in a coach's reply a grammatical whole phrase of what the user really said?

Written apart from the coach's own mirroring (:mod:`tools.mirror`) on purpose, so the eval
can catch its faults: a mirror must be a run of at least three of the user's words (turned to
the second person; or quoted verbatim), never cut with an ellipsis, never a dangling "You said
<verb>" without a subject, with every first-person word converted, and ending where a phrase
ends (at punctuation, a conjunction or a preposition of the user's sentence, never on "the").
"""

from __future__ import annotations

import re


def _wordset(words: str) -> frozenset[str]:
    """A set of words written as one space-separated string (a word list reads better)."""
    return frozenset(words.split())

MIN_RUN = 3
FIRST_PERSON = _wordset("i me my mine myself i'm i've i'd i'll im ive")
_TO_YOU = {"i": "you", "me": "you", "my": "your", "mine": "yours", "myself": "yourself",
           "i'm": "you're", "im": "you're", "i've": "you've", "ive": "you've", "i'd": "you'd",
           "i'll": "you'll"}
_AGREE = {"am": "are", "was": "were", "wasn't": "weren't"}
ENDS_PHRASE = _wordset(
    "and but because so which who while although though until since whereas then or when "
    "after before as if in on at for with from during by about into over through without "
    "near under between around yesterday today tonight again twice once too alone together "
    "finally now this last next every the a an my your our their his her that")
NEVER_LAST = _wordset(
    "a an the my your our their his her its this that these those to of and or but so if is "
    "are was were be been am very really more with in on at for from by as than because "
    "which who when while")
_SAID = re.compile(r"\byou (?:said|mentioned|wrote|told me)\s+(\w+)", re.I)
_SUBJECT_WORDS = _wordset("you we he she they it there this that one the a an your our "
                           "their his her my some all every each no two three")
_SUBJECTS = _wordset("you we he she they it there you're you've you'd you'll")
# Words a mirror may follow: "You said ...", or "you" added before a terse writer's verb.
_INTRO = _wordset("said mentioned wrote that when after you")
_TOKEN = re.compile(r"[\w][\w'’-]*|[^\w\s]")


def words_of(text: str) -> list[str]:
    """Lower-case word and punctuation tokens, apostrophes straightened."""
    return [t.lower().replace("’", "'") for t in _TOKEN.findall(text)]


def as_second_person(tokens: list[str]) -> list[str]:
    """Tokens with the first person turned to the second ("I was" -> "you were")."""
    out: list[str] = []
    for t in tokens:
        out.append(_AGREE[t] if out and out[-1] == "you" and t in _AGREE else _TO_YOU.get(t, t))
    return out


def _runs(reply: list[str], source: list[str]) -> list[tuple[int, int, int]]:
    """Maximal common runs of words (reply start, source start, length), longest first."""
    found: list[tuple[int, int, int]] = []
    for i in range(len(reply)):
        for j in range(len(source)):
            if reply[i] != source[j] or (i and j and reply[i - 1] == source[j - 1]):
                continue
            n = 0
            while i + n < len(reply) and j + n < len(source) and reply[i + n] == source[j + n]:
                n += 1
            found.append((i, j, n))
    return sorted(found, key=lambda r: -sum(w[0].isalnum() for w in reply[r[0]:r[0] + r[2]]))


def _quoted(reply: str, said: list[str]) -> list[str]:
    """Problems of quoted mirrors (“...”): they must be the user's words verbatim."""
    problems = []
    for quote in re.findall(r"\u201c([^\u201d]*)\u201d", reply):
        if not any(quote.lower().strip(" .") in s.lower() for s in said):
            problems.append(f"quote is not the user's words: {quote!r}")
        if quote.rstrip().endswith(("…", "...")):
            problems.append("quote cut with an ellipsis")
    return problems


def mirror_problems(reply: str, said: list[str]) -> list[str]:
    """Why the mirror in a coach's reply is not a grammatical whole phrase of the user's words.

    Args:
        reply: the coach's words (the offline notice removed).
        said: the user's messages this mirror may quote (newest last).

    Returns:
        An empty list for a good mirror; otherwise one line per problem found.
    """
    problems: list[str] = []
    if "…" in reply or re.search(r"\w\s*\.\.\.", reply):
        problems.append("cut with an ellipsis")
    for hit in _SAID.finditer(reply):
        word = hit.group(1).lower()
        if word not in _SUBJECT_WORDS and re.fullmatch(r"[a-z]+ed|did|made|ran|took|got|went",
                                                       word):
            problems.append(f"no subject after \u201cyou said\u201d: {hit.group(0)!r}")
    if "\u201c" in reply:
        return problems + _quoted(reply, said)
    coach = words_of(reply)
    best: tuple[int, int, list[str], list[str], int] | None = None
    for message in said:
        source = as_second_person(words_of(message))
        for i, j, n in _runs(coach, source)[:1]:
            size = sum(w[0].isalnum() for w in coach[i:i + n])
            if best is None or size > best[0]:
                best = (size, i, coach[i:i + n], source, j + n)
    if best is None or best[0] < min(MIN_RUN, max(len(words_of(said[-1])) if said else 0, 1)):
        return [*problems, "no phrase of the user's words is mirrored"]
    _, start, run, source, end = best
    before = coach[start - 1] if start else ""
    if before in FIRST_PERSON:
        problems.append("first person not turned to the second")
    if run[0] not in _SUBJECTS and before not in _INTRO:
        problems.append(f"not a clause of the user's words: {' '.join(run)!r}")
    last = [w for w in run if w[0].isalnum()][-1]
    after = source[end] if end < len(source) else "."
    continues = after[0].isalnum()  # the user's sentence goes on after the mirror
    if continues and (last in NEVER_LAST or after not in ENDS_PHRASE):
        problems.append(f"cut mid-phrase after {last!r}")
    return problems


def longest_echo(reply: str, user: str) -> int:
    """How many of the user's words in a row the reply repeats (as said, or turned to the
    second person)."""
    coach = [w for w in words_of(reply) if w[0].isalnum()]
    longest = 0
    for source in (words_of(user), as_second_person(words_of(user))):
        plain = [w for w in source if w[0].isalnum()]
        for _, _, n in _runs(coach, plain)[:1]:
            longest = max(longest, n)
    return longest
