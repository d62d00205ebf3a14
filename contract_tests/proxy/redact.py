"""What never leaves the proxy: API keys, the Authorization header, scale-callback-auth, the
credentials of URLs, and the fields a user names (`--redact-field`).

A `Redactor` learns the secrets of the traffic as it passes (the key of each HTTP Basic or
Bearer Authorization, each scale-callback-auth value, and the string values of the named fields
in bodies and queries) and takes them, and their Basic form, out of any text the proxy writes:
the log, the records, the reports, the drift suggestions. So a named field's value is gone from
a failure's message too ("body.note: 'secret' is not of type ..."), not only from the field.
Cookies are redacted as headers but not learnt: a browser's cookies would grow the table without
end, and a cookie value has no business in a body or a URL. Values shorter than `MIN_SECRET`
are not learnt (replacing them inside texts would mangle them).
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import threading
from collections import OrderedDict
from collections.abc import Iterable
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode

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
        self._pattern: re.Pattern[str] | None = None
        self._shown: dict[str, str] = {}
        self._lock = threading.Lock()

    def _remember(self, found: dict[str, str]) -> None:
        # as the JSON texts (the log, the patch) spell them too: `"` and `\` escaped
        found |= {json.dumps(k, ensure_ascii=False)[1:-1]: v for k, v in found.items()}
        with self._lock:
            for secret, shown in found.items():
                if len(secret) < MIN_SECRET:
                    continue
                if secret not in self._secrets:
                    self._pattern = None
                self._secrets[secret] = self._secrets.get(secret, shown)
                self._secrets.move_to_end(secret)
            while len(self._secrets) > MAX_SECRETS:
                self._secrets.popitem(last=False)
                self._pattern = None

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
            self._remember(found)

    def text(self, text: str) -> str:
        with self._lock:
            if self._pattern is None and self._secrets:
                # one pass over the text, longest secret first where two overlap
                longest_first = sorted(self._secrets, key=len, reverse=True)
                self._pattern = re.compile("|".join(map(re.escape, longest_first)))
                self._shown = dict(self._secrets)
            pattern, shown = self._pattern, self._shown
        if pattern is not None:
            text = pattern.sub(lambda match: shown[match.group(0)], text)
        return URL_CREDENTIALS.sub(SHOWN + "@", text)

    def headers(self, headers: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
        """The headers with every secret header's value shown as `[redacted]`."""
        return [
            (name, SHOWN if name.lower() in SECRET_HEADERS else self.text(value))
            for name, value in headers
        ]

    def query(self, query: str) -> str:
        """A query string with the values of the named fields shown as `[redacted]` (and
        learnt), and secrets or URL credentials in any value (decoded first) taken out."""
        if not query:
            return query
        pairs = parse_qsl(query, keep_blank_values=True)
        self._remember({value: SHOWN for key, value in pairs if key in self.fields})
        kept = [(key, SHOWN if key in self.fields else self.text(value)) for key, value in pairs]
        return urlencode(kept, safe="[]$", quote_via=quote)

    def body(self, value: Any) -> Any:
        """A parsed JSON body with the named fields' values, at any depth, `[redacted]` (their
        string values learnt, to be taken out of every other text too)."""
        if isinstance(value, dict):
            shown = {}
            for key, item in value.items():
                if key in self.fields:
                    self._remember({text: SHOWN for text in _strings(item)})
                    shown[key] = SHOWN
                else:
                    shown[key] = self.body(item)
            return shown
        if isinstance(value, list):
            return [self.body(item) for item in value]
        return value


def _strings(value: Any) -> list[str]:
    """The strings a JSON value holds, at any depth."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []
