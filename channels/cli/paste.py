"""A pasted block is one message in the terminal chat.

Interactive: the terminal is put in bracketed-paste mode (``ESC[?2004h``), so it wraps a
paste in ``ESC[200~`` ... ``ESC[201~``; the lines between the markers are one message, together
with anything typed before the paste on the same line (a lead-in such as "tailor my profile
for this job:") and after it up to Enter. Piped or typed: a line ``\"\"\"`` (or a Markdown fence,
three backticks) opens a block and the next such line closes it; a lead-in may stand before
the opening fence on the same line.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from typing import TextIO

PASTE_START = "\x1b[200~"
PASTE_END = "\x1b[201~"
FENCE = '"""'
FENCES = (FENCE, "```")  # a Markdown fence is how many people mark a pasted block
ENABLE, DISABLE = "\x1b[?2004h", "\x1b[?2004l"


class Blocks:
    """Turns input lines into messages: one line each, except a paste or a fenced block."""

    def __init__(self) -> None:
        self._lines: list[str] = []
        self._pasting = 0  # paste starts minus paste ends seen in the open message
        self._fenced = ""  # the fence that opened the block being collected

    @property
    def open(self) -> bool:
        """True while a paste or a fenced block is being collected."""
        return bool(self._lines) or bool(self._fenced)

    def feed(self, line: str) -> str | None:
        """Add one input line (without its line break).

        Args:
            line: the line as read, bracketed-paste markers included.

        Returns:
            The complete message when this line ends one, else None.
        """
        line = line.rstrip("\r\n")
        self._pasting += line.count(PASTE_START) - line.count(PASTE_END)
        text = line.replace(PASTE_START, "").replace(PASTE_END, "")
        if self._pasting > 0:
            self._lines.append(text)
            return None
        self._pasting = 0
        if self._fenced:
            if text.rstrip().endswith(self._fenced):
                self._lines.append(text.rstrip()[:-len(self._fenced)])
                self._fenced = ""
                return self._take()
            self._lines.append(text)
            return None
        fence = next((f for f in FENCES if _opens(text, f)), "")
        if fence and not self._lines:
            lead = text.rstrip()[:-len(fence)] if text.rstrip().endswith(fence) else ""
            self._fenced = fence
            self._lines = [lead] if lead.strip() else []
            return None
        self._lines.append(text)
        return self._take()

    def flush(self) -> str | None:
        """What an unfinished block holds at the end of input (None when nothing)."""
        self._fenced, self._pasting = "", 0
        return self._take() if self._lines else None

    def _take(self) -> str:
        lines, self._lines = self._lines, []
        while lines and not lines[-1].strip():
            lines.pop()
        while lines and not lines[0].strip():
            lines.pop(0)
        return "\n".join(line.rstrip() for line in lines)


@contextlib.contextmanager
def bracketed_paste(stdin: TextIO | None = None, stdout: TextIO | None = None) -> Iterator[bool]:
    """Bracketed-paste mode on a terminal for the duration of the block.

    Also stops the terminal from echoing the markers as ``^[[200~`` (ECHOCTL off). Does
    nothing (and yields False) when stdin or stdout is not a terminal.
    """
    stdin, stdout = stdin or sys.stdin, stdout or sys.stdout
    if not (stdin.isatty() and stdout.isatty()):
        yield False
        return
    import termios

    fd = stdin.fileno()
    saved = termios.tcgetattr(fd)
    quiet = list(saved)
    quiet[3] &= ~termios.ECHOCTL
    termios.tcsetattr(fd, termios.TCSANOW, quiet)
    stdout.write(ENABLE)
    stdout.flush()
    try:
        yield True
    finally:
        stdout.write(DISABLE)
        stdout.flush()
        termios.tcsetattr(fd, termios.TCSANOW, saved)


def _opens(line: str, fence: str) -> bool:
    """Whether a line opens a block with this fence: it ends with it ("tailor my profile for
    this job: \"\"\""), or, for a Markdown fence, starts with it ("```text")."""
    bare = line.strip()
    return bare.endswith(fence) or (fence == "```" and bare.startswith(fence) and
                                    bare[3:].isalnum())
