"""What never leaves the proxy: API keys, the Authorization header, scale-callback-auth.

A `Redactor` learns the secrets of the traffic as it passes (the key of each HTTP Basic or
Bearer Authorization, each scale-callback-auth value) and takes them, and their Basic form, out
of any text the proxy writes: the log, the records, the reports.
"""

from __future__ import annotations

import base64
import binascii
import threading
from collections.abc import Iterable

SECRET_HEADERS = frozenset(
    {"authorization", "proxy-authorization", "scale-callback-auth", "cookie", "set-cookie"}
)
SHOWN = "[redacted]"
KEY_SHOWN = "$SCALE_API_KEY"
MIN_SECRET = 4  # shorter values are not replaced inside texts (they would mangle them)


class Redactor:
    def __init__(self) -> None:
        self._secrets: dict[str, str] = {}
        self._lock = threading.Lock()

    def learn(self, headers: Iterable[tuple[str, str]]) -> None:
        """Remember the secrets these request headers carry."""
        for name, value in headers:
            lowered = name.lower()
            if lowered not in SECRET_HEADERS or not value:
                continue
            found = {value: SHOWN}
            scheme, _, credential = value.partition(" ")
            if lowered in ("authorization", "proxy-authorization") and credential:
                found[credential] = KEY_SHOWN
                if scheme.lower() == "basic":
                    try:
                        user, _, password = base64.b64decode(credential).decode().partition(":")
                    except (binascii.Error, UnicodeDecodeError, ValueError):
                        user = password = ""
                    found.update({s: KEY_SHOWN for s in (user, password) if s})
            with self._lock:
                for secret, shown in found.items():
                    if len(secret) >= MIN_SECRET:
                        self._secrets.setdefault(secret, shown)

    def text(self, text: str) -> str:
        with self._lock:
            known = sorted(self._secrets.items(), key=lambda pair: len(pair[0]), reverse=True)
        for secret, shown in known:
            text = text.replace(secret, shown)
        return text

    def headers(self, headers: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
        """The headers with every secret header's value shown as `[redacted]`."""
        return [
            (name, SHOWN if name.lower() in SECRET_HEADERS else self.text(value))
            for name, value in headers
        ]
