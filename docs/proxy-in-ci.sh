#!/bin/sh
# Run your application's tests through the validation proxy against scale-mock, and fail the
# build when a `docs`-tier rule breaks on either side: a request your code sent, or an answer.
#
#   docs/proxy-in-ci.sh pytest tests/           # your test command, any arguments
#
# The command finds the API at $SCALE_API_URL (point your client there, e.g.
# `ScaleClient(key, api_instance_url=os.environ["SCALE_API_URL"])`). Exit status: the tests'
# if they failed, else the proxy's (1: a docs-tier rule broke; the report says which).
# Settings: MOCK_PORT (4010), PROXY_PORT (8080), REPORT (proxy-report).
set -u
MOCK_PORT=${MOCK_PORT:-4010}
PROXY_PORT=${PROXY_PORT:-8080}
REPORT=${REPORT:-proxy-report}
mkdir -p "$REPORT"

scale-mock --port "$MOCK_PORT" --db :memory: &
MOCK=$!
scale-contract proxy --upstream "http://127.0.0.1:$MOCK_PORT" --port "$PROXY_PORT" \
    --log "$REPORT/exchanges.jsonl" --report "$REPORT" --fail-on docs &
PROXY=$!
trap 'kill "$MOCK" "$PROXY" 2>/dev/null' EXIT

python3 - "$MOCK_PORT" "$PROXY_PORT" <<'WAIT' || exit 2
import sys, time, urllib.request
deadline = time.monotonic() + 30
for url in (f"http://127.0.0.1:{sys.argv[1]}/_mock/health",
            f"http://127.0.0.1:{sys.argv[2]}/_proxy/health"):
    while True:
        try:
            urllib.request.urlopen(url, timeout=1)
            break
        except OSError:
            if time.monotonic() > deadline:
                sys.exit(f"proxy-in-ci: {url} did not answer in 30 s")
            time.sleep(0.1)
WAIT

SCALE_API_URL="http://127.0.0.1:$PROXY_PORT/v1" "$@"
TESTS=$?
kill -TERM "$PROXY"
wait "$PROXY"
VERDICT=$?
kill "$MOCK"
wait "$MOCK" 2>/dev/null
trap - EXIT
if [ "$TESTS" -ne 0 ]; then exit "$TESTS"; fi
exit "$VERDICT"
