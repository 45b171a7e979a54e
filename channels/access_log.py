"""Keep bearer secrets out of the access log: page and share tokens sit in URL paths.

Whoever can read a log line like ``GET /p/<token>`` could open that person's passport, so
uvicorn's access log (and any handler behind it) sees ``/p/[token]`` instead.
"""

from __future__ import annotations

import logging
import re

TOKEN_PATH = re.compile(r"/(p|s)/[^/?#\s\"]+")
ACCESS_LOGGER = "uvicorn.access"


def redact(text: str) -> str:
    """``text`` with every page or share token in a path replaced by ``[token]``."""
    return TOKEN_PATH.sub(r"/\1/[token]", text)


class TokenRedactor(logging.Filter):
    """A filter that rewrites the request path of an access log record."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Redact the record's arguments (uvicorn passes the path as one of them)."""
        if isinstance(record.args, tuple):
            record.args = tuple(redact(a) if isinstance(a, str) else a for a in record.args)
        elif isinstance(record.msg, str):
            record.msg = redact(record.msg)
        return True


def install() -> None:
    """Add the redactor to the access logger once (idempotent)."""
    logger = logging.getLogger(ACCESS_LOGGER)
    if not any(isinstance(f, TokenRedactor) for f in logger.filters):
        logger.addFilter(TokenRedactor())
