"""Signed Slack requests for tests: the v0 HMAC-SHA256 signature Slack sends, and builders
for the event, slash-command and interactivity payloads."""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import time
from typing import Any
from urllib.parse import urlencode

_ids = itertools.count(1)


def signed(secret: str, body: str, content_type: str = "application/json",
           timestamp: int | None = None, retry: int | None = None) -> dict[str, str]:
    """Headers for ``body`` signed with ``secret`` (``timestamp`` defaults to now)."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    digest = hmac.new(secret.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
    headers = {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": f"v0={digest}",
               "Content-Type": content_type}
    if retry is not None:
        headers["X-Slack-Retry-Num"] = str(retry)
        headers["X-Slack-Retry-Reason"] = "http_timeout"
    return headers


def event(inner: dict[str, Any], team: str = "T1", event_id: str | None = None) -> str:
    """An Events API ``event_callback`` body (JSON text)."""
    return json.dumps({"token": "legacy", "team_id": team, "api_app_id": "A1",
                       "type": "event_callback", "event": inner,
                       "event_id": event_id or f"Ev{next(_ids):06d}",
                       "event_time": int(time.time())})


def dm(user: str, text: str, files: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """A direct message event (a file share when ``files`` is given)."""
    body: dict[str, Any] = {"type": "message", "channel": f"D{user}", "channel_type": "im",
                            "user": user, "text": text, "ts": f"{time.time():.6f}"}
    if files:
        body |= {"subtype": "file_share", "files": files}
    return body


def command(user: str, text: str, team: str = "T1") -> str:
    """A ``/passport`` slash-command body (form-encoded)."""
    return urlencode({"token": "legacy", "team_id": team, "team_domain": "test",
                      "channel_id": "C1", "channel_name": "general", "user_id": user,
                      "user_name": user.lower(), "command": "/passport", "text": text,
                      "api_app_id": "A1", "response_url": "http://127.0.0.1:9/none",
                      "trigger_id": f"tr{next(_ids)}"})


def button(user: str, value: str, channel: str, team: str = "T1") -> str:
    """A Block Kit button press (``block_actions``, form-encoded ``payload``)."""
    payload = {"type": "block_actions", "team": {"id": team}, "user": {"id": user},
               "api_app_id": "A1", "token": "legacy", "trigger_id": f"tr{next(_ids)}",
               "container": {"type": "message", "channel_id": channel,
                             "message_ts": "1.0"},
               "channel": {"id": channel}, "response_url": "http://127.0.0.1:9/none",
               "actions": [{"type": "button", "action_id": "passport_btn_0",
                            "block_id": "b1", "value": value, "action_ts": "1.1",
                            "text": {"type": "plain_text", "text": value}}]}
    return urlencode({"payload": json.dumps(payload)})
