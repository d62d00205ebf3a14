"""Extract every `curl` example of the source documents into `curl_examples.yaml`.

Run by hand when the documents change (the tests read only the YAML, never the documents):

    .venv/bin/python -m tests.doc_examples.extract_curl_examples SEEDS_DIR > \\
        tests/doc_examples/curl_examples.yaml

An example starts at a line beginning with `curl ` and goes on while a line ends with a
backslash or a single-quoted argument is still open. A backslash continuation followed by a line
that is plainly not part of the command (not indented: the next code sample in the scraped
2018 document) ends it there; the example is then marked `dangling_continuation`, and is run as
a shell runs it when that line is pasted and Enter pressed. Examples whose URL is the
`api_endpoint_here` placeholder are listed as not runnable.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import yaml

DOCUMENTS = {
    "000": "docs-2016",
    "001": "docs-2018",
    "003": "docs-2018 (fragment, duplicate of 001 L2705-2937)",
    "004": "sdk-readme",
}
TASK_ID = "{task_id}"
PROJECT = re.compile(r"/v1/projects/([A-Za-z0-9_]+)")


def _open_quote(text: str) -> bool:
    """Whether a single-quoted shell argument is still open at the end of `text`."""
    inside_single = inside_double = False
    escaped = False
    for char in text:
        if escaped:
            escaped = False
        elif char == "\\" and not inside_single:
            escaped = True
        elif char == "'" and not inside_double:
            inside_single = not inside_single
        elif char == '"' and not inside_single:
            inside_double = not inside_double
    return inside_single or inside_double


def extract(lines: list[str]) -> list[tuple[int, str, bool]]:
    """(1-based line, command text, ends with a dangling continuation) per example."""
    found = []
    index = 0
    while index < len(lines):
        if not lines[index].startswith("curl "):
            index += 1
            continue
        start = index
        command = [lines[index]]
        dangling = False
        while True:
            text = "\n".join(command)
            if _open_quote(text):
                pass
            elif command[-1].endswith("\\"):
                following = lines[index + 1] if index + 1 < len(lines) else ""
                if not following.startswith((" ", "\t")):
                    dangling = True
                    break
            else:
                break
            index += 1
            command.append(lines[index])
        found.append((start + 1, "\n".join(command), dangling))
        index += 1
    return found


def needs(command: str) -> dict[str, Any]:
    """What must exist for the example to succeed: the object its URL names."""
    if TASK_ID in command:
        pending = "/cancel" in command  # only a pending task can be canceled
        return {"task": "pending" if pending else "any", "placeholder": TASK_ID}
    project = PROJECT.search(command)
    if project:
        return {"project": project.group(1)}
    return {}


class _Dumper(yaml.SafeDumper):
    """Multi-line strings as literal blocks, so the YAML shows each command as written."""


def _text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Dumper.add_representer(str, _text)


def main(seeds: Path) -> None:
    runnable: list[dict[str, Any]] = []
    not_runnable: list[dict[str, Any]] = []
    for prefix, label in DOCUMENTS.items():
        (path,) = seeds.glob(f"{prefix}_*.txt")
        for line, command, dangling in extract(path.read_text(encoding="utf-8").splitlines()):
            entry: dict[str, Any] = {
                "document": path.name,
                "source": label,
                "line": line,
                "command": command,
            }
            if "api_endpoint_here" in command:
                not_runnable.append({**entry, "reason": "placeholder URL api_endpoint_here"})
                continue
            if dangling:
                entry["dangling_continuation"] = True
            entry["needs"] = needs(command)
            runnable.append(entry)
    header = (
        "# Every curl example of the source documents, exactly as written (see\n"
        "# extract_curl_examples.py). tests/mock_tests/test_doc_curl_examples.py runs each\n"
        "# against scale-mock with only the host and the {{ApiKey}} placeholder replaced.\n"
    )
    dumped = yaml.dump(
        {"runnable": runnable, "not_runnable": not_runnable},
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=1000,
    )
    sys.stdout.write(header + dumped)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
