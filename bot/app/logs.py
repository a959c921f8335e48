"""Logging set-up; secrets given here are masked in every record, whatever logs them."""

from __future__ import annotations

import logging
import sys
from typing import Iterable

MASK = "********"


class SecretFilter(logging.Filter):
    def __init__(self, secrets: Iterable[str]):
        super().__init__()
        self.secrets = [s for s in secrets if s and len(s) >= 4]

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if any(secret in message for secret in self.secrets):
            for secret in self.secrets:
                message = message.replace(secret, MASK)
            record.msg, record.args = message, None
        return True


class MaskingFormatter(logging.Formatter):
    """Masks secrets in the finished line too: tracebacks and extra fields included."""

    def __init__(self, inner: logging.Formatter, secrets: list[str]):
        super().__init__()
        self.inner, self.secrets = inner, secrets

    def format(self, record: logging.LogRecord) -> str:
        line = self.inner.format(record)
        for secret in self.secrets:
            line = line.replace(secret, MASK)
        return line


def setup_logging(level: str = "INFO", *, secrets: Iterable[str] = (), stream=None, fmt: str = "text") -> None:
    handler = logging.StreamHandler(stream or sys.stderr)
    secret_filter = SecretFilter(secrets)
    if fmt == "json":
        from pythonjsonlogger.json import JsonFormatter

        inner: logging.Formatter = JsonFormatter("%(asctime)s %(levelname)s %(name)s %(message)s",
                                                 rename_fields={"levelname": "level", "name": "logger"})
    else:
        inner = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    handler.setFormatter(MaskingFormatter(inner, secret_filter.secrets))
    handler.addFilter(secret_filter)
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for noisy in ("urllib3", "httpx", "alembic", "uvicorn", "uvicorn.access", "websockets"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.ERROR)  # "skipped: already running" is expected
