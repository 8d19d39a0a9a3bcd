"""Secrets never reach the logs: a filter on the log handler rewrites each record, its
message and its traceback, before any formatter sees it.

Removed: the configured secrets themselves (the server secret, the token signing keys, the
passwords of the database, broker and cluster URLs), and what looks like a credential
wherever it comes from: a bearer token, a JWT, the password of a URL
(``scheme://user:password@host``), a ``password``/``token``/``secret`` value in a query
string, a form or a dict's repr.
"""

from __future__ import annotations

import copy
import logging
import re
from collections.abc import Iterable
from typing import Any

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from marketplace_core.accounts.tokens import signing_keys
from marketplace_core.config import Settings

HIDDEN = "[redacted]"
_PATTERNS = (
    (re.compile(r"(?i)(bearer\s+)[A-Za-z0-9._~+/=-]+"), rf"\1{HIDDEN}"),
    (re.compile(r"eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*"), HIDDEN),
    (re.compile(r"(://[^:/@\s'\"]*:)[^@\s'\"]+@"), rf"\1{HIDDEN}@"),
    (
        re.compile(
            r"(?i)((?:password|passwd|secret|token|refresh_token|access_token|api_key)"
            r"['\"]?\s*[:=]\s*['\"]?)[^'\"&\s,}]+"
        ),
        rf"\1{HIDDEN}",
    ),
)


def configured_secrets(settings: Settings) -> list[str]:
    found = [key.secret for key in signing_keys(settings)]
    found += [settings.secret_key or "", settings.opensearch_password or ""]
    for url in (settings.sqlalchemy_url, settings.celery_broker_url, settings.opensearch_url):
        for one in (url or "").split(","):
            try:
                found.append(make_url(one.strip()).password or "")
            except ArgumentError:
                continue
    return [s for s in found if len(s) >= 4]


def redacted(logging_config: dict[str, Any]) -> dict[str, Any]:
    """A ``logging.config`` dictionary (uvicorn's) whose every handler redacts: the filter
    is the one :func:`configure_logging` put on the root handler."""
    config = copy.deepcopy(logging_config)
    config["filters"] = config.get("filters", {}) | {"redact": {"()": _root_redact}}
    for handler in config.get("handlers", {}).values():
        handler["filters"] = [*handler.get("filters", []), "redact"]
    return config


def _root_redact() -> logging.Filter:
    for handler in logging.getLogger().handlers:
        for found in handler.filters:
            if isinstance(found, Redact):
                return found
    return Redact()


class Redact(logging.Filter):
    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        # Longest first, so a secret holding another is hidden whole.
        self._secrets = sorted(set(secrets), key=len, reverse=True)

    def redact(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, HIDDEN)
        for pattern, replacement in _PATTERNS:
            text = pattern.sub(replacement, text)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        self._message(record)
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.exc_info = None  # the formatters then print the redacted text
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True

    def _message(self, record: logging.LogRecord) -> None:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string: logging reports it, we hide what we can
            record.msg = self.redact(str(record.msg))
            return
        hidden = self.redact(message)
        if hidden == message:
            return
        # Arguments redacted one by one keep the record's shape (uvicorn's access formatter
        # reads them); if a secret spans the format and an argument, the whole message.
        if isinstance(record.args, tuple):
            record.msg = self.redact(str(record.msg))
            record.args = tuple(self.redact(a) if isinstance(a, str) else a for a in record.args)
            try:
                if self.redact(record.getMessage()) == record.getMessage():
                    return
            except Exception:
                pass
        record.msg, record.args = hidden, None
