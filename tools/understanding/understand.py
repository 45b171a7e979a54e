"""One call that understands a message: intent, confidence, language, distress.

Order: the distress gate first (crisis rule, then the learned score over the message
and its sentences), then exact commands (rules), then the learned intent head. A
decision below the head's tuned confidence is marked ``unsure``; callers must then ask
or treat the message as small talk, and never store it.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import numpy as np

from tools.understanding import commands, distress, lang
from tools.understanding.encoder import CHOSEN, get_encoder
from tools.understanding.head import Head
from tools.understanding.spelling import Speller, unpack

WEIGHTS = Path(__file__).resolve().parent / "weights"
# A pasted job ad may hold any word ("abuse", "suicide prevention"): an explicit
# profile request is read as one, never as the writer's own distress.
_EXPLICIT_PROFILE = re.compile(r"^\s*(?:/profile\b|tailor\b)", re.I)
# Intents whose content may become a growth moment; all others never are.
CONTENT = frozenset({"reflection", "answer"})


@dataclass(frozen=True)
class Understanding:
    """What a message is, how sure we are, its language and its distress level."""

    intent: str
    confidence: float
    lang: str
    distress: distress.Distress
    how: str  # "rule", "model" or "unsure"

    @property
    def confident(self) -> bool:
        """False when the head was unsure: ask or answer lightly, store nothing."""
        return self.how != "unsure"


def verify_weights(folder: Path = WEIGHTS) -> dict[str, str]:
    """Check each weight file against the SHA-256 in ``MANIFEST.json``.

    Returns:
        The manifest's ``files`` mapping (name -> SHA-256).

    Raises:
        ValueError: a file is missing from the manifest or its hash differs.
    """
    manifest = json.loads((folder / "MANIFEST.json").read_text(encoding="utf-8"))
    for name, digest in manifest["files"].items():
        actual = hashlib.sha256((folder / name).read_bytes()).hexdigest()
        if actual != digest:
            raise ValueError(f"{name} does not match MANIFEST.json; retrain with "
                             "python -m tools.understanding.train")
    return dict(manifest["files"])


class Understander:
    """The committed heads over the chosen encoder (load once, then call)."""

    def __init__(self, folder: Path = WEIGHTS, encoder: str = CHOSEN) -> None:
        verify_weights(folder)
        self.encoder = get_encoder(encoder)
        self.intent_head = Head.load(folder / "intent.npz")
        self.distress_head = Head.load(folder / "distress.npz")
        with np.load(folder / "intent.npz") as data:
            self.intent_threshold = float(data["threshold"])
            self.speller = Speller(unpack(data["keywords"]), unpack(data["known"]))
        with np.load(folder / "distress.npz") as data:
            self.distress_threshold = float(data["threshold"])

    def __call__(self, text: str, followup: bool | None = None) -> Understanding:
        """Understand one message.

        Args:
            text: the message, verbatim.
            followup: whether the coach's last message was a follow-up question (see
                :func:`in_context`); None when the caller does not know.

        Returns:
            The typed decision.
        """
        return in_context(self.read(text), followup)

    def read(self, text: str, again: bool = False) -> Understanding:
        """The context-free reading of one message (see :meth:`__call__`). An unsure
        intent of a message of ``CASED_WORDS`` or more is read once more in sentence case,
        as chat is often typed all in lower case (not when ``again``: the single reading);
        the distress check always reads the original words."""
        pieces = distress.sentences(text)
        pieces = pieces if len(pieces) > 1 else []
        mended = self.speller.mend(text)  # only the intent head reads the mended words
        extra = [mended] if mended != text else []
        vectors = self.encoder.encode([text or " ", *pieces, *extra])
        language = lang.detect(text)
        gate = distress.assess(text, vectors[0], pieces, vectors[1:1 + len(pieces)],
                               self.distress_head, self.distress_threshold)
        if gate.flagged and not _EXPLICIT_PROFILE.match(text):
            how = "rule" if gate.level == "crisis" else "model"
            return Understanding("distress", gate.score, language, gate, how)
        calm = distress.Distress("none", gate.score, gate.sentence)
        rule = commands.command(text)
        if rule:
            return Understanding(rule, 1.0, language, calm, "rule")
        best, confidence = self._intent(vectors[-1] if extra else vectors[0])
        deed = language == "en" and declares_deed(text)
        if best not in CONTENT and deed:
            return Understanding("reflection", confidence, language, calm, "rule")
        if confidence < self.intent_threshold and not again and len(text.split()) >= CASED_WORDS:
            cased = _sentence_case(mended)
            if cased != mended:  # "did a dressing on..." reads surer as "Did a dressing on..."
                # only the intent head reads it again: one short encoding, distress stays
                second, sure = self._intent(self.encoder.encode([cased])[0])
                if (sure >= self.intent_threshold and commands.command(cased) is None
                        and (second in CONTENT or not deed)):
                    return Understanding(second, sure, language, calm, "model")
        if deed:  # an unsure reading of something done is still content
            return Understanding(best, confidence, language, calm, "rule")
        how = "model" if confidence >= self.intent_threshold else "unsure"
        return Understanding(best, confidence, language, calm, how)

    def _intent(self, vector: np.ndarray) -> tuple[str, float]:
        """The intent head's reading of one vector: the best intent (never distress: the gate
        decides that) and its confidence (reflection and answer counted together)."""
        probs = self.intent_head.probabilities(vector)[0]
        order = np.argsort(-probs)
        best = self.intent_head.labels[int(order[0])]
        if best == "distress":  # the gate said calm: take the next reading
            best = self.intent_head.labels[int(order[1])]
        # Reflection and answer are both content: being torn between them is no doubt.
        group = CONTENT if best in CONTENT else {best}
        confidence = float(sum(probs[self.intent_head.labels.index(g)] for g in group
                               if g in self.intent_head.labels))
        return best, confidence


# A statement of something done ("I led the fire drill this week", "built customer profiles
# from the survey") is content, whatever a request it sounds like: the head read some as
# "recall", "profile" or "cancel", or was unsure. Not a question, nor a request or command.
_ASKS = re.compile(
    r"^\W*(?:show|list|what|when|where|which|who|whose|why|how|can|could|would|will|shall|"
    # "did I ...", "did the audit go ok": a question; "did the walkround on my unit": a deed
    r"should|do|does|did(?=\s+(?:i|you|u|we|they|he|she|it|anyone|anybody|someone|somebody|"
    r"your)\b|\s+(?:the|a|an|my|our|his|her|their)\s+(?:[\w'-]+\s+){0,3}?(?:go|come|get|work|"
    r"arrive|happen|say|send|pass|ship|land|sell|start|finish|end|break|show|turn|look|sound)"
    r"\b)|have|has|is|are|am|was|were|tell|give|remind|find|search|pull|bring|"
    r"look|please|pls|plz|let me|help|may|i want|i wanna|i'd like|id like|i would like|i need|"
    r"i wish|i'd love)\b", re.I)
_COMMAND_WORDS = re.compile(r"\b(?:cancel|delete|forget|undo|export|download|remind(?:er)?|"
                            r"erase|wipe|reject|unsubscribe|my (?:data|memory|strengths)|badges?|"
                            r"credentials?|passport|coach|bot|app|changed my mind|never ?mind|"
                            r"scratch that|nevermind)\b|^\W*(?:stop|wait|no)\b", re.I)
_CLAUSE = re.compile(r"[,;:.!]+\s*|\s+(?:and|but|so|then)\s+", re.I)
_SUBJECT = frozenset({"i", "we"})
_BETWEEN = frozenset({"just", "also", "then", "even", "finally", "actually", "really", "still",
                      "only", "all", "both", "quickly", "eventually", "properly"})
_DID_NOT = frozenset({"didn't", "didnt", "wasn't", "wasnt", "couldn't", "couldnt", "hadn't",
                      "hadnt"})
# past forms that open a clause without saying what was done ("got pizza tonight", "was a
# long day"); after "I" or "we" they still state a deed
_WEAK_OPENERS = frozenset({"was", "were", "got", "had"})


def declares_deed(text: str) -> bool:
    """Whether a message states something the writer did (or did not do): a past verb after
    "I" / "we" or opening a clause, with no question, request or command in it."""
    from tools.verbs import is_past_form

    if "?" in text or _ASKS.match(text) or _COMMAND_WORDS.search(text):
        return False
    for clause in _CLAUSE.split(text.replace("’", "'").lower()):
        words = re.findall(r"[a-z']+", clause)
        while words and words[0] in _BETWEEN:  # "Also trained the new commis"
            words = words[1:]
        said = bool(words) and words[0] in _SUBJECT
        if said:
            words = words[1:]
            while words and (words[0] in _BETWEEN or words[0].endswith("ly")):
                words = words[1:]
        if words and words[0] == "never" and len(words) > 1:
            words = words[1:]  # "never did the night shifts", not "never mind"
        if not words or (not said and words[0] in _WEAK_OPENERS):
            continue
        if is_past_form(words[0]) or words[0] in _DID_NOT:
            return True
    return False


CASED_WORDS = 4  # a sentence, not a one-word answer ("idk", "k"), is read again in case
_LONE_I = re.compile(r"(?<![\w'])i(?=(?:'[a-z]+)?(?![\w']))")


def _sentence_case(text: str) -> str:
    """The first letter of each sentence and a lone "i" in capitals; nothing else changed."""
    out = _LONE_I.sub("I", text)
    return re.sub(r"(^\s*|[.!?]\s+)([a-z])", lambda m: m.group(1) + m.group(2).upper(), out)


def in_context(got: Understanding, followup: bool | None) -> Understanding:
    """Name content by the dialog: an answer exists only after a follow-up question.

    A reflection and an answer to the follow-up are the same kind of text ("we shipped it
    friday" can be either); what tells them apart is whether the coach just asked. The head
    reads content; the context names it. Without context the head's own reading stays.

    Args:
        got: a context-free reading.
        followup: True when the coach's last message was a follow-up question, False when
            it was not, None when unknown.

    Returns:
        ``got``, with a content intent renamed ``answer`` or ``reflection`` by ``followup``.
    """
    if followup is None or got.intent not in CONTENT:
        return got
    return replace(got, intent="answer" if followup else "reflection")


_shared: Understander | None = None
_lock = threading.Lock()


@lru_cache(maxsize=256)
def _understand(text: str) -> Understanding:
    global _shared
    with _lock:
        if _shared is None:
            _shared = Understander()
    return _shared(text)


def understand(text: str, followup: bool | None = None) -> Understanding:
    """Understand a message with the process-wide :class:`Understander`.

    The reading is memoised by text (it is a pure function of it): one turn routes the same
    message in the coach, the safety gate and the after-turn hook, and it is encoded once;
    the dialog context (see :func:`in_context`) is applied on top.

    Args:
        text: the message, verbatim.
        followup: whether the coach's last message was a follow-up question.

    Returns:
        The typed decision.
    """
    return in_context(_understand(text), followup)


def forget_readings() -> None:
    """Drop the memoised readings, so the next call encodes again (the bench uses it to
    time a turn as a new message would cost)."""
    _understand.cache_clear()
