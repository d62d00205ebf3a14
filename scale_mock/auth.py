"""HTTP Basic with the API key as username and an empty password; the key is the tenant."""

from __future__ import annotations

import base64
import re

from scale_mock.errors import ApiError

KEY_PATTERN = re.compile(r"^(test|live)_[A-Za-z0-9]+$")


def api_key_from(header: str | None, allowed: frozenset[str] | None = None) -> str:
    """The caller's API key, or a 401 ("Unauthorized - No valid API key provided.")."""
    unauthorized = ApiError(
        401, "No valid API key provided", headers={"WWW-Authenticate": 'Basic realm="Scale API"'}
    )
    if not header or not header.startswith("Basic "):
        raise unauthorized
    try:
        decoded = base64.b64decode(header[6:].strip(), validate=True).decode("utf-8")
    except ValueError:  # not base64 (`binascii.Error`), not ASCII, or not UTF-8 once decoded
        raise unauthorized from None
    key, _, _password = decoded.partition(":")
    if not KEY_PATTERN.fullmatch(key) or (allowed is not None and key not in allowed):
        raise unauthorized
    return key


def is_live(key: str) -> bool:
    return key.startswith("live_")
