"""`scale-contract proxy`: a validation proxy in front of a Scale API server.

Every request is forwarded unchanged and every answer streamed back unchanged; on the way each
exchange is checked against the spec (`checker`) and its verdicts become the suite's records
(`recorder`: results.jsonl, run.json and the same reports), and a redacted JSON-lines log of the
exchanges is kept (`log`). `app` is the ASGI proxy, `server` runs it, `cli` is the subcommand.
"""
