"""The offline coach: a deterministic LangChain chat model of our own.

It runs the same graph and tools as a real LLM. On a user message it routes by intent and
emits a tool call; after the tools ran it writes the reply from their results (the tools fill
the templates in ``prompts/``). It never invents a fact: every fact comes from a tool result.
The passport state reaches it the way it reaches an LLM, through the system message.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from typing import Any

from langchain_core.language_models import LanguageModelInput
from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage, ToolMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from langchain_core.runnables import Runnable, RunnableLambda
from langchain_core.tools import BaseTool

from agent.care import after_care_reply, care_reply, helpline
from agent.intents import Route, route
from prompts import asked, render, render_fresh
from tools.careers.models import job_sentence
from tools.understanding.commands import introduction, stated_job, stated_name
from tools.understanding.lang import detect

MODEL_NAME = "offline-coach"
STATE_RE = re.compile(r"<state>(.*?)</state>", re.S)

# intent -> (tool name, how to build its arguments from the message and state)
TOOL_FOR: dict[str, tuple[str, Callable[[str, dict[str, Any]], dict[str, Any]]]] = {
    "reflection": ("reflect", lambda t, s: {}),
    "greeting": ("begin_reflection", lambda t, s: {}),
    "recall": ("recall", lambda t, s: {"query": t}),
    "memory_show": ("show_memory", lambda t, s: {}),
    "export": ("export_memory", lambda t, s: {}),
    "forget": ("forget_memory", lambda t, s: {}),
    "forget_confirm": ("forget_memory", lambda t, s: {}),
    "reminder": ("set_reminder", lambda t, s: {}),
    "reject": ("reject_skill", lambda t, s: {"which": t}),
    "undo": ("undo_last", lambda t, s: {}),
    "undo_confirm": ("undo_last", lambda t, s: {}),
    "cancel": ("cancel_reflection", lambda t, s: {}),
    "strengths": ("strengths", lambda t, s: {}),
    "story": ("draft_story", lambda t, s: {"about": t}),
    "profile": ("tailor_profile", lambda t, s: {}),
    "ad_text_end": ("tailor_profile", lambda t, s: {}),  # the ad sent a line at a time
    "explore": ("explore_roles", lambda t, s: {}),
    "plan_growth": ("plan_growth", lambda t, s: {}),
    "upload": ("inspect_credential", lambda t, s: {"upload_id": s.get("upload_id")}),
    "import_confirm": ("import_credential", lambda t, s: {"upload_id": s.get("pending_upload")}),
    "keep_moment": ("keep_moment", lambda t, s: {}),  # "yes" to keeping what was told after care
    "keep_both": ("keep_moment", lambda t, s: {"with_this": True}),  # ... or the week told on
    "skills_of_last": ("skills_of_last", lambda t, s: {}),  # "what skill is that?" after a save
    "skill_check": ("check_skill", lambda t, s: {}),  # "is triage a skill I can put down?"
}
DIRECT = {"help": "help", "small_talk": "small_talk", "thanks": "thanks", "unsure": "unsure",
          "privacy": "privacy", "delete_how": "delete_how", "career": "career_not_yet",
          "credential_how": "credential_how", "counts": "counts", "counts_open": "counts_open",
          "about_coach": "about_coach", "rephrase": "rephrase", "cv_help": "cv_help",
          "reflection_empty": "reflection_skip_empty", "ad_text": "ad_text_more",
          "keep_offer": "keep_offer"}
# Replies written in es / fr / de too (templates NAME_es.txt, ...).
TRANSLATED = frozenset({"help", "privacy", "introduction"})
# Tools whose English reply gets a first line in the person's language.
LEAD_FOR = frozenset({"strengths", "show_memory", "export_memory", "forget_memory"})


def read_prompt_state(messages: Sequence[BaseMessage]) -> dict[str, Any]:
    """The JSON state block of the system message (empty if absent), as an LLM reads it."""
    for msg in messages:
        if isinstance(msg, SystemMessage):
            found = STATE_RE.search(str(msg.content))
            if found:
                return dict(json.loads(found.group(1)))
    return {}


def _text(msg: BaseMessage) -> str:
    content = msg.content
    if isinstance(content, str):
        return content
    return " ".join(str(c.get("text", "")) if isinstance(c, dict) else str(c) for c in content)


def _said(messages: Sequence[BaseMessage]) -> frozenset[str]:
    """The coach's earlier replies in this conversation (to avoid saying one twice)."""
    return frozenset(_text(m).split("\n\n")[0] for m in messages
                     if isinstance(m, AIMessage) and not m.tool_calls)


def _direct(intent: str, lang: str, seed: str, said: frozenset[str], level: str = "") -> str:
    """The reply to an intent no tool serves, in the person's language where we have it."""
    if intent == "distress":
        reply = care_reply(lang, seed, level)
        if reply in said and level == "concern" and lang == "en":
            # "I'm fine really, just tired" right after the care reply got it again, word for
            # word: care goes on, in fewer words, with the pointer to help kept
            return _fresh("distress_again", seed, said, helpline=helpline(lang))
        return reply
    if intent == "after_distress":
        if lang == "en":  # said in other words each time: the same line five times rang hollow
            return _fresh("after_distress", seed, said)
        return after_care_reply(lang, seed)
    if intent in ("care_support", "care_reached"):  # someone who could help, named or reached
        return _fresh(intent, seed, said)
    template = DIRECT.get(intent)
    if intent == "small_talk" and introduction(seed):  # "hi, I'm Marta, I work in care home"
        template = "introduction"
        job, name = stated_job(seed), stated_name(seed)
        hello = f", {name}" if name else ""
        if job and lang == "en":  # kept by the middleware (``_keep_stated_job``): say so
            work = job_sentence(job, you=True).removeprefix("you ")
            return render_fresh("introduction_job", seed=seed, avoid=said, work=work,
                                hello=hello)
        if lang == "en":
            return _fresh(template, seed, said, hello=hello)
    if template is None:  # a command this installation has no tool for (undo, cancel)
        return render("not_available", what=intent.replace("_", " "))
    suffix = f"_{lang}" if lang != "en" and template in TRANSLATED else ""
    if template == "privacy":
        return render("privacy" + suffix, model_line=render("privacy_offline" + suffix))
    if template == "about_coach":  # the offline coach answers: its replies are written here
        return render("about_coach", model_line=render("privacy_offline"))
    return _fresh(template + suffix, seed, said)


def _lead(messages: Sequence[BaseMessage]) -> str:
    """A first line in the person's language when a tool answered in English."""
    tools = {m.name for m in messages if isinstance(m, ToolMessage)}
    human = next((m for m in reversed(messages) if isinstance(m, HumanMessage)), None)
    lang = detect(_text(human)) if human else "en"
    if lang == "en" or not tools & LEAD_FOR:
        return ""
    return render(f"lead_{lang}") + "\n\n"


def _fresh(template: str, seed: str, said: frozenset[str], **fields: object) -> str:
    """A variant of a direct reply that neither repeats a reply nor asks a question already
    asked in this conversation: repeating itself is how a coach gets stuck in a loop. When
    every variant was used, the template's ``_quiet`` twin (no question) answers, if any."""
    fresh = render_fresh(template, seed=seed, avoid=said, **fields)
    if fresh not in said and not asked(fresh) & asked("\n".join(said)):
        return fresh
    try:
        return render_fresh(f"{template}_quiet", seed=seed, avoid=said, **fields)
    except KeyError:
        return fresh


class OfflineCoach(BaseChatModel):
    """Deterministic coach model: picks tools by intent, replies from tool results."""

    bound_tools: tuple[str, ...] = ()

    @property
    def _llm_type(self) -> str:
        return MODEL_NAME

    def bind_tools(
        self, tools: Sequence[dict[str, Any] | type | Callable[..., Any] | BaseTool], *,
        tool_choice: str | None = None, **kwargs: Any,
    ) -> Runnable[LanguageModelInput, AIMessage]:
        """Remember which tools exist; the coach only calls tools it was given."""
        names = tuple(t.name if isinstance(t, BaseTool) else getattr(t, "__name__", str(t))
                      for t in tools)
        return self.model_copy(update={"bound_tools": names})

    def with_structured_output(self, schema: Any, **kwargs: Any) -> Runnable[Any, Any]:
        """Structured output for intent schemas (a field named ``intent``); others get their
        defaults, since the offline coach has no facts of its own to put in them."""

        def build(value: Any) -> Any:
            text = value if isinstance(value, str) else _text(list(value)[-1])
            fields = getattr(schema, "model_fields", {})
            data = {"intent": route(text).intent} if "intent" in fields else {}
            return schema.model_validate(data)

        return RunnableLambda(build)

    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None,
                  run_manager: Any = None, **kwargs: Any) -> ChatResult:
        state = read_prompt_state(messages)
        last = messages[-1]
        if isinstance(last, ToolMessage):
            message = self._compose(messages, state)
        else:
            message = self._decide(_text(last) if isinstance(last, HumanMessage) else "", state,
                                   said=_said(messages))
        message.response_metadata["model_name"] = MODEL_NAME
        return ChatResult(generations=[ChatGeneration(message=message)])

    def _decide(self, text: str, state: dict[str, Any],
                said: frozenset[str] = frozenset()) -> AIMessage:
        chosen = Route("upload", "rule") if state.get("upload_id") else route(
            text, draft_open=bool(state.get("draft_open")), awaiting=state.get("awaiting"))
        intent, lang = chosen.intent, chosen.lang
        if intent in TOOL_FOR:
            name, make_args = TOOL_FOR[intent]
            if name in self.bound_tools:
                calls = [{"name": name, "args": make_args(text, state), "id": f"call_{name}",
                          "type": "tool_call"}]
                later = TOOL_FOR.get(chosen.then or "") if intent == "reflection" else None
                if later and later[0] in self.bound_tools:
                    # a request after the moment: answered first, then the coaching goes on
                    calls.insert(0, {"name": later[0], "args": later[1](chosen.ask, state),
                                     "id": f"call_{later[0]}", "type": "tool_call"})
                return AIMessage(content="", tool_calls=calls)
            reply = render("not_available", what=intent.replace("_", " "))
        else:
            reply = _direct(intent, lang, text, said, chosen.level)
        return self._final(reply, state)

    def _compose(self, messages: list[BaseMessage], state: dict[str, Any]) -> AIMessage:
        results: list[dict[str, Any]] = []
        for msg in reversed(messages):
            if not isinstance(msg, ToolMessage):
                break
            try:
                results.insert(0, json.loads(_text(msg)))
            except json.JSONDecodeError:
                results.insert(0, {"reply": render("tool_error", error=_text(msg)[:200])})
        replies = [str(r.get("reply", "")) for r in results if r.get("reply")]
        text = "\n\n".join(replies) or render("small_talk")
        return self._final(_lead(messages) + text, state)

    @staticmethod
    def _final(text: str, state: dict[str, Any]) -> AIMessage:
        """A final reply; the first of a conversation carries the offline notice."""
        if state.get("offline_notice_due"):
            text = f"{text}\n\n{render('offline_notice')}"
        return AIMessage(content=text)
