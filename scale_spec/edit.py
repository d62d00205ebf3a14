"""Apply an RFC 6902 JSON Patch to the spec's YAML file, keeping what a person wrote.

The spec is hand-written: comments, block scalars, flow mappings (`{$ref: ...}`), quoting and
key order carry meaning for its readers, so a patch must not reformat the file. The edit is
made by `jsonpatch` on `ruamel.yaml`'s round-trip document (which keeps comments, quoting and
styles), and the file is then written back *by line*: only the lines the patch changed come from
ruamel's output, every other line is the file's own.

Why not ruamel's output as a whole: one file mixes styles ruamel's emitter can only set globally
(block sequences indented under their key in `paths`, flush with it in `examples`; flow sequences
wrapped by hand near column 100), so a plain round trip of `openapi/scale.yaml` rewrites about a
thousand lines that the patch never touched. Instead the result is a three-way merge: the line
changes between ruamel's rendering of the file before the patch and after it are applied to the
file's own text; a region where ruamel renders the file differently from how it is written is
kept as written unless the patch touches it (then that region takes ruamel's rendering). An
empty patch therefore leaves the file byte for byte as it was, and the merged text is parsed
back and compared with the patched document before anything is written (a merge that came out
wrong falls back to ruamel's whole rendering, which is the patched document).

New nodes are written as the spec writes them: mappings in block style, lists of scalars in
flow style (`type: [string, 'null']`), texts longer than 80 characters folded (`>-`, the same
string); a changed flow sequence past column 100 (an `enum` a value joined) is wrapped as the
spec's enums are wrapped by hand.

`ruamel.yaml` and `jsonpatch` are imported inside `apply_patch`: `import scale_spec` (the mock,
the suite, the proxy) does not load them.
"""

from __future__ import annotations

import copy
import difflib
import io
import os
import re
import tempfile
import textwrap
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from scale_spec import document as doc

Json = Any
WIDTH = 4096  # never fold a line: the file's long lines (x-provenance maps) stay on one line
FOLD_AT = 80  # a new text longer than this is written folded (`>-`) at this width
WRAP_AT = 100  # a changed flow sequence longer than this is wrapped (the spec's line length)
FLOW_SEQUENCE = re.compile(r"( *)([A-Za-z_$][\w$-]*): \[([\w.$/-]+(?:, [\w.$/-]+)*)\]")
SINGLE_SPACED = re.compile(r"[^\s](?:[^\s]| (?! ))*[^\s]")  # folds back to the same text


def _yaml() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = WIDTH
    yaml.indent(mapping=2, sequence=4, offset=2)  # `paths`' style: `- ` two in from its key
    yaml.brace_single_entry_mapping_in_flow_sequence = (
        True  # `[{basicAuth: []}]`, not `[basicAuth: []]`
    )

    def null(representer: Any, _: None) -> Any:
        return representer.represent_scalar("tag:yaml.org,2002:null", "null")

    yaml.representer.add_representer(type(None), null)
    return yaml


def _folded(text: str) -> Json:
    """A long one-line text as a folded block scalar (`>-`, as the spec writes long
    descriptions), wrapped near column 80 of the text; the value is the same string."""
    from ruamel.yaml.scalarstring import FoldedScalarString

    if len(text) <= FOLD_AT or not SINGLE_SPACED.fullmatch(text):
        return text
    folded = FoldedScalarString(text)
    positions, at = [], 0
    for line in textwrap.wrap(text, FOLD_AT, break_long_words=False, break_on_hyphens=False)[:-1]:
        at += len(line)
        positions.append(at)  # the space after this line
        at += 1
    folded.fold_pos = positions
    return folded


def _styled(value: Json) -> Json:
    """A patch value as the spec writes new nodes: mappings in block style, lists of scalars
    (`type: [string, 'null']`, `enum: [...]`) in flow style, long texts folded."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(value, Mapping):
        mapping = CommentedMap()
        for key, item in value.items():
            mapping[key] = _styled(item)
        return mapping
    if isinstance(value, list):
        seq = CommentedSeq(_styled(item) for item in value)
        if all(not isinstance(item, Mapping | list) for item in value):
            seq.fa.set_flow_style()
        return seq
    return _folded(value) if isinstance(value, str) else value


def _dump(yaml: Any, data: Json) -> str:
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    return buffer.getvalue()


def _merge(original: str, before: str, after: str) -> str:
    """`original` with the line changes from `before` to `after` (two renderings of one
    document, before and after the patch). `before` differs from `original` only in formatting;
    a region where it does is kept as `original` writes it unless a change touches it."""
    orig = original.splitlines(keepends=True)
    base = before.splitlines(keepends=True)
    new = after.splitlines(keepends=True)
    changes = difflib.SequenceMatcher(None, base, new, autojunk=False).get_opcodes()
    equal = [(i1, i2, j1) for tag, i1, i2, j1, _ in changes if tag == "equal"]

    def untouched(a1: int, a2: int) -> int | None:
        """Where base[a1:a2] is in `new`, if no change touches it (an insertion at either end
        does not: it lands outside the region)."""
        for i1, i2, j1 in equal:
            if (i1 <= a1 and a2 <= i2) if a1 < a2 else (i1 < a1 < i2):
                return j1 + (a1 - i1)
        return None

    restore: list[tuple[int, int, list[str]]] = []  # new[n1:n2] -> original lines
    layout = difflib.SequenceMatcher(None, base, orig, autojunk=False).get_opcodes()
    for tag, a1, a2, b1, b2 in layout:
        if tag == "equal":
            continue
        start = untouched(a1, a2)
        if start is not None:
            restore.append((start, start + (a2 - a1), orig[b1:b2]))
    changed = {j for tag, _, _, j1, j2 in changes if tag != "equal" for j in range(j1, j2)}
    new = [_wrapped(line) if j in changed else line for j, line in enumerate(new)]
    out: list[str] = []
    at = 0
    for n1, n2, lines in sorted(restore, key=lambda r: (r[0], r[1])):
        if n1 < at:  # overlapping (only possible for empty regions): keep the first
            continue
        out += new[at:n1] + lines
        at = n2
    out += new[at:]
    return "".join(out)


def _wrapped(line: str) -> str:
    """A changed line holding a long flow sequence of plain scalars (an `enum` a value was
    added to) wrapped as the spec wraps them by hand: before column 100, continuation lines two
    spaces in from the key."""
    found = FLOW_SEQUENCE.fullmatch(line.rstrip("\n"))
    if len(line) <= WRAP_AT or found is None:
        return line
    indent, key, items = found.group(1), found.group(2), found.group(3).split(", ")
    texts = [f"{item}," for item in items[:-1]] + [f"{items[-1]}]"]
    lines, current = [], f"{indent}{key}: [{texts[0]}"
    for text in texts[1:]:
        if len(current) + 1 + len(text) > WRAP_AT:
            lines.append(current)
            current = f"{indent}  {text}"
        else:
            current += f" {text}"
    lines.append(current)
    return "\n".join(lines) + ("\n" if line.endswith("\n") else "")


def render(text: str, operations: Sequence[Mapping[str, Json]]) -> str:
    """The YAML text `text` with the patch applied, formatted as described above. Raises
    `ValueError` when the patch does not apply."""
    import jsonpatch  # lazily: see the module docstring
    from jsonpointer import JsonPointerException

    if not isinstance(operations, Sequence) or isinstance(operations, str | bytes):
        raise ValueError("a JSON Patch is a list of operations")
    yaml = _yaml()
    data = yaml.load(text)
    before = _dump(yaml, data)
    ops = []
    for index, op in enumerate(operations):
        if not isinstance(op, Mapping):
            raise ValueError(f"operation {index} is not an object")
        ops.append({k: (_styled(v) if k == "value" else v) for k, v in op.items()})
    expected = copy.deepcopy(doc.parse(text))
    try:
        jsonpatch.apply_patch(data, ops, in_place=True)
        expected = jsonpatch.apply_patch(expected, [dict(op) for op in operations])
    except (jsonpatch.JsonPatchException, JsonPointerException, KeyError, TypeError) as error:
        raise ValueError(f"the patch does not apply: {error}") from error
    after = _dump(yaml, data)
    merged = _merge(text, before, after)
    if doc.parse(merged) != expected:  # a merge that came out wrong: ruamel's whole rendering
        merged = after
    if doc.parse(merged) != expected:
        raise ValueError("the patched document does not read back as patched (a YAML quirk)")
    return merged


def apply_patch(path: Path, operations: list[dict[str, Json]]) -> None:
    """Apply the RFC 6902 `operations` to the YAML file at `path`, keeping its comments, block
    scalars, key order and formatting (an empty patch leaves it byte for byte as it was).
    Raises `ValueError` if the patch does not apply; the file is then unchanged (the new text
    is written to a temporary file beside it, then moved over it)."""
    target = path.resolve()  # the file a symlink (`scale_spec/scale.yaml`) points to
    text = target.read_text(encoding="utf-8")
    result = render(text, operations)
    if result == text:
        return
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(result)
        os.chmod(temp, target.stat().st_mode & 0o7777)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
