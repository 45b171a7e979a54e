"""JSON-LD canonicalisation over vendored, hash-pinned contexts: no network, ever.

Every context is loaded from ``contexts/`` and checked against the SHA-256 in
``contexts/manifest.json`` before use. An unknown context URL raises
:class:`UnknownContext`; the verifier turns that into "unverifiable-offline". Safe mode:
any term or type that JSON-LD expansion would silently drop raises :class:`DroppedTerm`, so
an unsigned injected field can never be shown as verified.
"""

from __future__ import annotations

import copy
import hashlib
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from pyld import jsonld
from pyld.jsonld import JsonLdError, JsonLdProcessor

CONTEXT_DIR = Path(__file__).parent / "contexts"


class UnknownContext(Exception):
    """A context URL we have no vendored copy of (we never fetch one)."""

    def __init__(self, url: str) -> None:
        super().__init__(f"unknown context {url}")
        self.url = url


class DroppedTerm(Exception):
    """A property or type that expansion would drop: it is not covered by any signature."""

    def __init__(self, term: str) -> None:
        super().__init__(f"term not defined by any context: {term}")
        self.term = term


class ContextTampered(Exception):
    """A vendored context file no longer matches its pinned hash."""


@lru_cache(maxsize=1)
def _manifest() -> dict[str, tuple[str, str]]:
    data = json.loads((CONTEXT_DIR / "manifest.json").read_text())
    table = {row["url"]: (row["file"], row["sha256"]) for row in data["contexts"]}
    for alias, target in data.get("aliases", {}).items():
        table[alias] = table[target]
    return table


def known_contexts() -> list[str]:
    """The context URLs we can process offline."""
    return sorted(_manifest())


@lru_cache(maxsize=64)
def load_context(url: str) -> dict[str, Any]:
    """Return the vendored context document for ``url`` after checking its hash.

    Raises:
        UnknownContext: no vendored copy exists.
        ContextTampered: the file does not match the manifest hash.
    """
    entry = _manifest().get(url.split("#", 1)[0] if "#" in url else url)
    if entry is None:
        raise UnknownContext(url)
    name, sha = entry
    raw = (CONTEXT_DIR / name).read_bytes()
    if hashlib.sha256(raw).hexdigest() != sha:
        raise ContextTampered(f"vendored context {name} does not match its pinned SHA-256")
    doc: dict[str, Any] = json.loads(raw)
    return doc


def _loader(url: str, options: Any = None) -> dict[str, Any]:
    return {"contextUrl": None, "documentUrl": url, "document": copy.deepcopy(load_context(url))}


def _find_unknown_context(ctx: Any) -> str | None:
    items = ctx if isinstance(ctx, list) else [ctx]
    for item in items:
        if isinstance(item, str) and item.split("#", 1)[0] not in _manifest():
            return item
    return None


def _absolute(iri: Any) -> bool:
    return isinstance(iri, str) and (":" in iri)


def _check_expanded(node: Any) -> None:
    """Reject relative type and node IRIs left after expansion: RDF drops them silently, so
    anything hung under them would look signed without being signed."""
    stack = [node]
    while stack:
        cur = stack.pop()
        if isinstance(cur, list):
            stack.extend(cur)
        elif isinstance(cur, dict):
            if "@value" in cur:
                continue
            types = cur.get("@type", [])
            for t in types if isinstance(types, list) else [types]:
                if not _absolute(t):
                    raise DroppedTerm(str(t))
            if "@id" in cur and not _absolute(cur["@id"]):
                raise DroppedTerm(f"relative id {cur['@id']}")
            stack.extend(cur.values())


def expand_safe(doc: dict[str, Any]) -> list[Any]:
    """Expand ``doc`` with vendored contexts; raise if any term would be dropped."""
    unknown = _find_unknown_context(doc.get("@context"))
    if unknown:
        raise UnknownContext(unknown)
    dropped: list[str] = []

    def on_drop(term: str | None) -> None:
        dropped.append(str(term))

    try:
        expanded = JsonLdProcessor(on_property_dropped=on_drop).expand(
            doc, {"documentLoader": _loader}
        )
    except JsonLdError as exc:
        _raise_unknown(exc)
        raise
    if dropped:
        raise DroppedTerm(dropped[0])
    _check_expanded(expanded)
    return list(expanded)


def _raise_unknown(exc: BaseException) -> None:
    cur: BaseException | None = exc
    while cur is not None:
        if isinstance(cur, UnknownContext):
            raise cur
        cur = cur.__cause__ or getattr(cur, "cause", None)


def canonize(doc: dict[str, Any]) -> str:
    """RDFC-1.0 (URDNA2015) N-Quads of ``doc`` in safe mode.

    Raises:
        UnknownContext, DroppedTerm, JsonLdError.
    """
    expanded = expand_safe(doc)
    try:
        out = jsonld.normalize(
            expanded,
            {"algorithm": "URDNA2015", "format": "application/n-quads",
             "documentLoader": _loader},
        )
    except JsonLdError as exc:
        _raise_unknown(exc)
        raise
    return str(out)
