"""The options for real use do what they say, each proven by a server that needs it: a gateway
that wants a header, a TLS server signed by a private CA, a request-rate cap, a billable cap and
a deadline. Each run is one small selection of the suite."""

from __future__ import annotations

import json
import time
from functools import partial
from pathlib import Path

import trustme
from starlette.types import ASGIApp, Receive, Scope, Send

from contract_tests.target import ALL_TIERS
from scale_mock.testing import SubprocessMock, ThreadedMock
from tests.contract_suite_tests.broken_servers import Rewrite
from tests.contract_suite_tests.harness import run_suite
from tests.contract_suite_tests.legal_variants import accepts_empty_lists

ONE_CHECK = ("-k", "unique_id_is_taken")  # one test, three requests
GATEWAY_HEADER, GATEWAY_TOKEN = "x-gateway-token", "let-me-in"


class Gateway:
    """Refuses (403) every request without the gateway's header, as a proxy in front of an API
    does; remembers when each request came."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.arrivals: list[float] = []

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].startswith("/v1"):
            self.arrivals.append(time.monotonic())
            headers = dict(scope["headers"])
            if headers.get(GATEWAY_HEADER.encode()) != GATEWAY_TOKEN.encode():
                body = b'{"error": "forbidden by the gateway"}'
                start = {"type": "http.response.start", "status": 403, "headers": []}
                await send({**start, "headers": [(b"content-type", b"application/json")]})
                await send({"type": "http.response.body", "body": body})
                return
        await self.app(scope, receive, send)


def test_extra_headers_reach_a_server_behind_a_gateway(tmp_path: Path) -> None:
    gateways: list[Gateway] = []

    def wrap(app: ASGIApp) -> ASGIApp:
        gateways.append(Gateway(app))
        return gateways[0]

    with ThreadedMock(wrap=wrap) as mock:
        refused = run_suite(mock.base_url, tmp_path / "a", "--api-key", "test_gw", *ONE_CHECK)
        header = f"{GATEWAY_HEADER}: {GATEWAY_TOKEN}"
        passed = run_suite(
            mock.base_url, tmp_path / "b", "--api-key", "test_gw", "-H", header, *ONE_CHECK
        )
    assert refused.status == 2 and "key rejected: 403" in refused.output, refused.explain()
    assert passed.status == 0 and passed.results["state.unique_id"].status == "pass"


def test_a_private_ca_is_trusted_with_ca_bundle_or_skipped_with_insecure(tmp_path: Path) -> None:
    authority = trustme.CA()
    certificate = authority.issue_cert("127.0.0.1")
    cert, key, ca = (tmp_path / name for name in ("cert.pem", "key.pem", "ca.pem"))
    certificate.private_key_and_cert_chain_pem.write_to_path(str(cert))
    certificate.private_key_pem.write_to_path(str(key))
    authority.cert_pem.write_to_path(str(ca))
    serve = ["--db", ":memory:", "--ssl-certfile", str(cert), "--ssl-keyfile", str(key)]
    with SubprocessMock(serve, ca_bundle=str(ca)) as mock:
        key_args = ("--api-key", "test_tls", *ONE_CHECK)
        untrusted = run_suite(mock.base_url, tmp_path / "a", *key_args)
        trusted = run_suite(mock.base_url, tmp_path / "b", *key_args, "--ca-bundle", str(ca))
        insecure = run_suite(mock.base_url, tmp_path / "c", *key_args, "--insecure")
    assert untrusted.status == 2, untrusted.explain()
    assert trusted.status == 0, trusted.explain()
    assert insecure.status == 0, insecure.explain()


def test_the_rate_limit_spaces_requests(tmp_path: Path) -> None:
    gateways: list[Gateway] = []

    def wrap(app: ASGIApp) -> ASGIApp:
        gateways.append(Gateway(app))
        return gateways[0]

    header = f"{GATEWAY_HEADER}: {GATEWAY_TOKEN}"
    with ThreadedMock(wrap=wrap) as mock:
        run = run_suite(
            mock.base_url,
            tmp_path,
            "--api-key",
            "test_rate",
            "-H",
            header,
            "--rate-limit",
            "10",
            "-k",
            "tags_set_add or set_metadata_replaces",
        )
    assert run.status == 0, run.explain()
    arrivals = gateways[0].arrivals[1:]  # after the preflight
    busiest = max(sum(1 for t in arrivals if start <= t < start + 1.0) for start in arrivals)
    assert len(arrivals) >= 8 and busiest <= 11, (len(arrivals), busiest)


def test_max_billable_caps_creates_and_leaves_the_rest_not_reached(tmp_path: Path) -> None:
    with ThreadedMock() as mock:
        run = run_suite(
            mock.base_url,
            tmp_path,
            "--api-key",
            "test_billable",
            "--max-billable",
            "1",
            "-k",
            "unique_id_is_taken or tags_set_add or set_metadata_replaces",
        )
    assert run.status == 0, run.explain()
    ledgers = [json.loads(p.read_text()) for p in tmp_path.glob("created-*.json")]
    assert sum(ledger["billable"] for ledger in ledgers) == 1
    assert any(outcome.status == "not reached" for outcome in run.results.values())


def test_a_deadline_in_the_past_reaches_nothing_and_breaks_nothing(tmp_path: Path) -> None:
    with ThreadedMock() as mock:
        run = run_suite(
            mock.base_url, tmp_path, "--api-key", "test_late", "--deadline", "0.001", *ONE_CHECK
        )
    assert run.status == 0, run.explain()
    assert all(outcome.status == "not reached" for outcome in run.results.values())
    assert "0 pass" in (tmp_path / "summary.md").read_text()


def test_strict_gates_on_the_assumed_tier(tmp_path: Path) -> None:
    """An empty `objects_to_annotate` accepted: no document forbids it (`assumed` minItems), so
    a warning by default and a broken rule with --strict."""
    wrap = partial(Rewrite, request=accepts_empty_lists)
    rule = "create_annotation_task.body.objects_to_annotate.minItems"
    select = ("-k", "create_annotation_task and objects_to_annotate and minItems")
    with ThreadedMock(wrap=wrap) as mock:
        default = run_suite(mock.base_url, tmp_path / "a", "--api-key", "test_t", *select)
        strict = run_suite(
            mock.base_url, tmp_path / "b", "--api-key", "test_t", "--strict", *select
        )
    assert default.status == 0 and rule not in default.failed(), default.explain()
    assert default.results[rule].failures and default.results[rule].info.tier == "assumed"
    assert strict.status == 1 and rule in strict.failed(ALL_TIERS), strict.explain()
