"""One exception tree for the whole project.

Every error carries context fields (file, article, prompt version, ...) so the CLI edge can
turn it into one line that names what failed and where, and library callers can branch on
the fields instead of parsing messages.
"""

from __future__ import annotations

import re

from pipeline.core.usage import Usage

# what a key looks like when a server quotes it back: "invalid key Bearer sk-..."
_KEY_LIKE = re.compile(r"\bBearer\s+[\w.~+/=-]{8,}|\b(?:sk|rk|pk)-[\w-]{8,}", re.IGNORECASE)


_FRAGMENT = 12  # a run of a key this long identifies it as well as the whole key


def redact(text: str, *secrets: str | None) -> str:
    """A message a server wrote, with every key in it blanked before it is shown or stored:
    the whole key, any run of 12 of its characters (a server may quote part of it), and
    anything shaped like a key."""
    for secret in secrets:
        if not secret or len(secret) < 8:
            continue
        text = text.replace(secret, "[redacted]")
        for length in range(len(secret) - 1, _FRAGMENT - 1, -1):
            for start in range(len(secret) - length + 1):
                if (part := secret[start : start + length]) in text:
                    text = text.replace(part, "[redacted]")
    return _KEY_LIKE.sub("[redacted]", text)


def printable(text: str) -> str:
    """Text a terminal shows as written: a control or format character (an escape sequence
    from a server's error page, a run folder's name) is spelled out, never obeyed."""
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


class TradexError(Exception):
    """Base of every error tradex raises on purpose."""

    def __init__(self, message: str, **context: object) -> None:
        super().__init__(message)
        self.message = message
        self.context = {k: v for k, v in context.items() if v is not None}

    def one_line(self) -> str:
        """The message prefixed by where it happened, on a single line."""
        where = self.context.get("file") or self.context.get("article_id")
        line = f"{where}: {self.message}" if where else self.message
        if (lineno := self.context.get("line")) is not None and where:
            line = f"{where}:{lineno}: {self.message}"
        return printable(" ".join(redact(line).split()))


class InputError(TradexError):
    """An input file (article, JSONL, predictions) cannot be read or is malformed."""


class SchemaError(TradexError):
    """An observation breaks the wire format."""


class GoldError(TradexError):
    """The gold set is inconsistent with its articles."""


class PromptError(TradexError):
    """A prompt file is missing or invalid."""


class MalformedResponseError(TradexError):
    """The server answered 200 with a body that is not JSON."""


class ReplayMissError(TradexError):
    """Replay mode found no recorded response for a request."""


class BatchError(TradexError):
    """A provider's Batch API refused or failed a batch job, or its folder is inconsistent."""


class ExtractionError(TradexError):
    """The model could not produce valid observations for an article. What the failed
    attempts cost is kept: failing is never free, and the ledger counts it."""

    def __init__(self, message: str, *, cause: str, attempts: int, usage: Usage, **context: object) -> None:
        super().__init__(message, **context)
        self.cause, self.attempts, self.usage = cause, attempts, usage
