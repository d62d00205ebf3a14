"""One-line construction of an API client from a Scale API key.

Hand-written, copied into the package by scripts/generate_client.py; the generator leaves it
alone. Scale authenticates with HTTP Basic, "the API key as the username, and no password".
"""

from __future__ import annotations

import base64
import ssl

import httpx
from httpx_retries import Retry

from ._version import __version__
from .client import AuthenticatedClient
from .retries import ScaleRetryTransport, default_retry

DEFAULT_BASE_URL = "https://api.scale.com/v1"
# Creating a task is a round trip with storage behind it; 30 s leaves room, 10 s to connect.
DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=10.0)


def user_agent() -> str:
    """`scale-api-client/<version>`: the package's version is the spec's `info.version`."""
    return f"scale-api-client/{__version__} (generated; httpx)"


def from_api_key(
    api_key: str,
    *,
    base_url: str = DEFAULT_BASE_URL,
    timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
    retry: Retry | None = None,
    retries: bool = True,
    verify: ssl.SSLContext | bool | str = True,
) -> AuthenticatedClient:
    """A client for `api_key` (a `test_...` or `live_...` key).

    Retries (on by default) re-send idempotent requests, and creates that carry a `unique_id`,
    on 429 and 5xx, and after a timeout or a dropped connection (never a refused one), with
    exponential backoff and full jitter, honouring `Retry-After`; pass `retry=` to replace the
    policy (its own `retry_on_exceptions` then apply) or `retries=False` to turn them off.
    `verify` takes an SSL context, a CA bundle path, or False.
    """
    if not api_key:
        raise ValueError("an API key is required")
    if isinstance(verify, str):
        verify = ssl.create_default_context(cafile=verify)
    token = base64.b64encode(f"{api_key}:".encode()).decode("ascii")
    transport = ScaleRetryTransport(
        retry=(retry or default_retry()) if retries else Retry(total=0), verify=verify
    )
    return AuthenticatedClient(
        base_url=base_url.rstrip("/"),
        token=token,
        prefix="Basic",
        timeout=timeout if isinstance(timeout, httpx.Timeout) else httpx.Timeout(timeout),
        verify_ssl=verify,
        headers={"User-Agent": user_agent()},
        httpx_args={"transport": transport},
    )
