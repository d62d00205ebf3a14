"""An extra header's value that may be a token (a gateway's) is never shown, as the keys are not:
the replay command and every text the run writes name a shell variable instead."""

from __future__ import annotations

from contract_tests.report import replay_command
from contract_tests.safety import redact
from contract_tests.target import Target

TOKEN = "gw-s3cret-token"


def test_the_replay_command_names_variables_for_keys_and_header_tokens() -> None:
    values = {
        "base_url": "http://127.0.0.1:1/v1",
        "api_key": "test_secretkey",
        "header": [("X-Gateway-Token", TOKEN), ("X-Env", "ci")],
    }
    command = replay_command(values, 7)
    assert TOKEN not in command and "test_secretkey" not in command
    assert '--header "X-Gateway-Token:$SCALE_HEADER_X_GATEWAY_TOKEN"' in command
    assert "--header X-Env:ci" in command  # too short to be a secret: shown as it is


def test_texts_the_run_writes_show_no_header_token() -> None:
    target = Target(
        "http://127.0.0.1:1/v1", "test_secretkey", headers=(("X-Gateway-Token", TOKEN),)
    )
    shown = redact(f"curl -u test_secretkey: -H 'X-Gateway-Token: {TOKEN}'", target)
    assert shown == "curl -u $SCALE_API_KEY: -H 'X-Gateway-Token: $SCALE_HEADER_X_GATEWAY_TOKEN'"
