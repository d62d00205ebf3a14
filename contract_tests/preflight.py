"""Before the first test: is this the API, and does the key work? Answered in seconds, as one
line a person can act on, so a wrong URL or key is a usage problem (exit 2), never "271 rules
broken".
"""

from __future__ import annotations

from urllib.parse import urlsplit

import httpx

from contract_tests.target import Target
from contract_tests.transport import ServerUnreachable, httpx_client, send_capped

TIMEOUT = 8.0
# Set by `scale-contract` once it has checked the target, so the plugin does not check twice.
PREFLIGHT_DONE = "SCALE_CONTRACT_PREFLIGHT_DONE"
EXIT_UNREACHABLE = 2  # usage and connection problems, decided before the first test


def _probe(client: httpx.Client, url: str) -> httpx.Response:
    return send_capped(client, client.build_request("GET", url))


def problem(target: Target) -> str | None:
    """A one-line hint if the run cannot start against `target`, else None."""
    quick = target.replace(request_timeout=min(target.request_timeout, TIMEOUT))
    parts = urlsplit(target.base_url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return (
            f"--base-url {target.base_url!r} is not an http(s) URL (e.g. https://api.scale.com/v1)"
        )
    with httpx_client(quick, target.api_key, metered=False) as client:
        try:
            answer = _probe(client, f"{target.base_url}/projects")
        except ServerUnreachable as error:
            return f"cannot connect to {target.base_url}: {error.__cause__ or error}"
        except httpx.TimeoutException:
            return f"{target.base_url} did not answer within {quick.request_timeout:.0f} s"
        except httpx.HTTPError as error:
            return f"cannot talk to {target.base_url}: {error}"
        if answer.status_code in (401, 403):
            return f"key rejected: {answer.status_code} from GET {target.base_url}/projects"
        if answer.status_code == 404 and not target.base_url.endswith("/v1"):
            return (
                f"GET {target.base_url}/projects is 404: "
                f"did you mean {target.base_url}/v1 ? (--base-url is the API root with /v1)"
            )
        if answer.status_code != 200:
            return (
                f"GET {target.base_url}/projects answered {answer.status_code}, not the API's "
                "200: is --base-url the API root (…/v1)?"
            )
        try:
            body = answer.json()
        except ValueError:
            body = None
        if not isinstance(body, list):
            return (
                f"GET {target.base_url}/projects did not answer a JSON list of projects: "
                "is --base-url the API root (…/v1)?"
            )
        if target.second_api_key:
            with httpx_client(quick, target.second_api_key, metered=False) as second:
                other = _probe(second, f"{target.base_url}/projects")
                if other.status_code in (401, 403):
                    return f"second key rejected: {other.status_code} from GET .../projects"
    return None


def has_mock_controls(target: Target) -> bool:
    """Whether the server is scale-mock, whose documented `/_mock` controls the run may use
    (e.g. to keep a test-mode task pending so pending-only rules are reached)."""
    quick = target.replace(request_timeout=min(target.request_timeout, TIMEOUT))
    with httpx_client(quick, None, metered=False) as client:
        try:
            answer = _probe(client, f"{target.root_url}/_mock/health")
        except httpx.HTTPError:
            return False
        except ServerUnreachable:
            return False
    if answer.status_code != 200:
        return False
    try:
        return isinstance(answer.json(), dict)
    except ValueError:
        return False
