"""What never leaves the proxy: API keys, the Authorization header, scale-callback-auth, the
credentials of URLs, and the fields a user names (`--redact-field`).

A `Redactor` learns the secrets of the traffic as it passes (the key of each HTTP Basic or
Bearer Authorization, each scale-callback-auth value) and takes them, and their Basic form, out
of any text the proxy writes: the log, the records, the reports. Cookies are redacted as
headers but not learnt: a browser's cookies would grow the table without end, and a cookie
value has no business in a body or a URL.
"""

from __future__ import annotations

import base64
import binascii
import re
import threading
from collections import OrderedDict
from collections.abc import Iterable
from typing import Any
from urllib.parse import parse_qsl, urlencode

SECRET_HEADERS = frozenset(
    {"authorization", "proxy-authorization", "scale-callback-auth", "cookie", "set-cookie"}
)
LEARNT_HEADERS = frozenset({"authorization", "proxy-authorization", "scale-callback-auth"})
SHOWN = "[redacted]"
KEY_SHOWN = "$SCALE_API_KEY"
MIN_SECRET = 4  # shorter values are not replaced inside texts (they would mangle them)
MAX_SECRETS = 10_000  # the most recently seen are kept
URL_CREDENTIALS = re.compile(r"(?<=://)[^/@\s\"']+@")


class Redactor:
    def __init__(self, fields: Iterable[str] = ()) -> None:
        self.fields = frozenset(fields)
        self._secrets: OrderedDict[str, str] = OrderedDict()
        self._lock = threading.Lock()

    def learn(self, headers: Iterable[tuple[str, str]]) -> None:
        """Remember the secrets these request headers carry."""
        for name, value in headers:
            lowered = name.lower()
            if lowered not in LEARNT_HEADERS or not value:
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
                        self._secrets[secret] = self._secrets.get(secret, shown)
                        self._secrets.move_to_end(secret)
                while len(self._secrets) > MAX_SECRETS:
                    self._secrets.popitem(last=False)

    def text(self, text: str) -> str:
        with self._lock:
            known = sorted(self._secrets.items(), key=lambda pair: len(pair[0]), reverse=True)
        for secret, shown in known:
            text = text.replace(secret, shown)
        return URL_CREDENTIALS.sub(SHOWN + "@", text)

    def headers(self, headers: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
        """The headers with every secret header's value shown as `[redacted]`."""
        return [
            (name, SHOWN if name.lower() in SECRET_HEADERS else self.text(value))
            for name, value in headers
        ]

    def query(self, query: str) -> str:
        """A query string with the values of the named fields shown as `[redacted]`."""
        if not self.fields or not query:
            return self.text(query)
        pairs = parse_qsl(query, keep_blank_values=True)
        if not any(key in self.fields for key, _ in pairs):
            return self.text(query)
        kept = [(key, SHOWN if key in self.fields else value) for key, value in pairs]
        return self.text(urlencode(kept, safe="[]$"))

    def body(self, value: Any) -> Any:
        """A parsed JSON body with the named fields' values, at any depth, `[redacted]`."""
        if isinstance(value, dict):
            return {
                key: SHOWN if key in self.fields else self.body(item) for key, item in value.items()
            }
        if isinstance(value, list):
            return [self.body(item) for item in value]
        return value
