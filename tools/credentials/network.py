"""The one explicit network step: off by default, cached, timeout-bounded, injectable.

A ``Fetcher`` maps a URL to bytes. Verification receives ``None`` (offline, the default) or
a fetcher; tests pass :class:`DictFetcher`. Only DID documents (did:web), hosted keys,
status lists and hosted assertions are ever fetched; contexts never are.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Protocol

MAX_FETCH_BYTES = 2 * 1024 * 1024


class FetchError(Exception):
    """The document could not be fetched (absent, too big, timed out, not https)."""


class Fetcher(Protocol):
    """Anything that turns a URL into bytes or raises :class:`FetchError`."""

    def __call__(self, url: str) -> bytes: ...


class DictFetcher:
    """A fake network for tests: URL -> bytes (or str), anything else is a FetchError."""

    def __init__(self, docs: Mapping[str, bytes | str]) -> None:
        self.docs = dict(docs)
        self.calls: list[str] = []

    def __call__(self, url: str) -> bytes:
        self.calls.append(url)
        doc = self.docs.get(url)
        if doc is None:
            raise FetchError(f"not found: {url}")
        return doc.encode() if isinstance(doc, str) else doc


class SuppliedDocuments:
    """Documents the user brought along (a status list file), served offline by their ``id``.

    Any other URL goes to ``fallback`` (the network, when allowed) or fails as needing the
    network, so a supplied status list is checked exactly as a fetched one would be: its own
    proof and dates first.
    """

    def __init__(self, documents: list[bytes], fallback: Fetcher | None = None) -> None:
        self.docs: dict[str, bytes] = {}
        for raw in documents:
            try:
                doc = json.loads(raw)
            except ValueError as exc:
                raise FetchError("a supplied status list is not JSON") from exc
            if not isinstance(doc, dict) or not isinstance(doc.get("id"), str):
                raise FetchError("a supplied status list has no id, so no credential can "
                                 "point to it")
            self.docs[doc["id"]] = raw
        self.fallback = fallback

    def __call__(self, url: str) -> bytes:
        if url in self.docs:
            return self.docs[url]
        if self.fallback is None:
            raise FetchError(f"{url} needs the network (use --online)")
        return self.fallback(url)


class HttpFetcher:
    """Real HTTPS fetches with a timeout, a size cap and an on-disk cache (``max_age`` s)."""

    def __init__(self, cache_dir: Path | None = None, timeout: float = 5.0,
                 max_age: float = 3600.0) -> None:
        self.cache_dir = cache_dir
        self.timeout = timeout
        self.max_age = max_age

    def _cache_path(self, url: str) -> Path | None:
        if self.cache_dir is None:
            return None
        return self.cache_dir / hashlib.sha256(url.encode()).hexdigest()

    def __call__(self, url: str) -> bytes:
        if not url.startswith("https://"):
            raise FetchError(f"only https URLs are fetched: {url}")
        path = self._cache_path(url)
        if path is not None and path.exists() and time.time() - path.stat().st_mtime < self.max_age:
            return path.read_bytes()
        import httpx

        try:
            with httpx.stream("GET", url, timeout=self.timeout, follow_redirects=True,
                              headers={"Accept": "application/json, */*"}) as resp:
                resp.raise_for_status()
                body = b""
                for chunk in resp.iter_bytes():
                    body += chunk
                    if len(body) > MAX_FETCH_BYTES:
                        raise FetchError(f"document too large: {url}")
        except httpx.HTTPError as exc:
            raise FetchError(f"could not fetch {url}: {exc}") from exc
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(body)
        return body
