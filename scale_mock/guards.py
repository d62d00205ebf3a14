"""Hostile input refused before anything is read into memory or stored: never a 500.

- a body larger than its cap (`max_body_size` for JSON and form bodies, `max_upload_size` for
  `multipart/form-data`) is a 413, read in chunks and abandoned at the cap, whatever
  `Content-Length` says or whether it is there at all;
- a JSON body nesting deeper than `MAX_DEPTH` is a 400 (`depth`), found before it is parsed, so
  no parser or validator ever recurses that deep;
- a number that is not finite (`NaN`, `Infinity`, `1e400`) is a 400 (`finite`), and a string
  holding a lone UTF-16 surrogate (`"\\ud800"`, which no UTF-8 answer can carry) or a NUL
  character (U+0000, which PostgreSQL's text cannot hold: refused on every store alike) a 400
  (`unicode`), each naming the field, in a body, a query or a path;
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import AsyncGenerator, Iterable
from typing import Any
from urllib.parse import unquote_to_bytes

from starlette.requests import Request

from scale_mock.errors import ApiError, invalid

MAX_DEPTH = 64
DEFAULT_MAX_BODY_SIZE = 10 * 1024 * 1024
DEFAULT_MAX_UPLOAD_SIZE = 100 * 1024 * 1024

_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")


def too_large(limit: int) -> ApiError:
    return ApiError(
        413,
        f"The request body is larger than {limit} bytes",
        field="body",
        rule="max_body_size",
    )


async def capped_stream(request: Request, limit: int) -> AsyncGenerator[bytes, None]:
    """The request body's chunks, or a 413 as soon as they pass `limit` bytes (or the
    declared `Content-Length` does), so no body is read further than its cap."""
    declared = request.headers.get("content-length", "").strip()
    if declared.isdigit() and int(declared) > limit:
        raise too_large(limit)
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_large(limit)
        yield chunk


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, or a 413 as soon as it passes `limit` bytes (memory stays bounded)."""
    body = b"".join([chunk async for chunk in capped_stream(request, limit)])
    request._body = body  # `request.form()` then parses these bytes, not the spent stream
    return body


def too_deep(where: str = "body") -> ApiError:
    return invalid(where, f"nests deeper than {MAX_DEPTH} levels", "depth")


def _nests_too_deep(data: bytes) -> bool:
    """Whether the JSON text `data` opens more than `MAX_DEPTH` arrays or objects at once,
    counted outside strings and without parsing."""
    brackets = _STRING.sub(b"", data).translate(None, _NOT_BRACKETS)
    if len(brackets) <= 2 * MAX_DEPTH and brackets.count(b"[") + brackets.count(b"{") <= MAX_DEPTH:
        return False
    depth = 0
    for byte in brackets:
        depth += 1 if byte in (0x5B, 0x7B) else -1
        if depth > MAX_DEPTH:
            return True
    return False


def load_json(data: bytes | str) -> Any:
    """`json.loads`, refusing a nesting deeper than `MAX_DEPTH` before parsing; non-finite
    numbers are kept as floats for `check_value` to name their field."""
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    if _nests_too_deep(raw):
        raise too_deep()
    return json.loads(data, parse_constant=float)


def _bad_text(text: str) -> bool:
    if "\x00" in text:
        return True
    if text.isascii():
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def bad_text(where: str) -> ApiError:
    return invalid(
        where, "holds a NUL character or a lone UTF-16 surrogate, not storable text", "unicode"
    )


def check_path(params: dict[str, str], documented: Iterable[str]) -> None:
    """A 404 naming the first path parameter that, percent-decoded, is not storable text: no
    resource is named so (a 400 where the operation documents no 404)."""
    status = 404 if "404" in documented else 400
    for name, raw in params.items():
        try:
            text = unquote_to_bytes(raw).decode("utf-8")
        except UnicodeDecodeError:
            text = "\x00"
        if _bad_text(text):
            message = f"No resource has this path.{name}: it holds a NUL or a lone surrogate"
            raise ApiError(status, message, field=f"path.{name}", rule="unicode")


def check_query(raw: bytes) -> None:
    """A 400 naming the first query parameter whose name or value, percent-decoded, is not
    UTF-8 (`%ED%A0%80` is the lone surrogate U+D800), instead of reading it with U+FFFD."""
    for pair in raw.split(b"&"):
        name, _, value = pair.partition(b"=")
        decoded = [unquote_to_bytes(part.replace(b"+", b" ")) for part in (name, value)]
        where = f"query.{decoded[0].decode('utf-8', 'replace').replace(chr(0), '')}"
        try:
            for part in decoded:
                part.decode("utf-8")
        except UnicodeDecodeError:
            raise invalid(where, "not UTF-8 text (a lone surrogate?)", "unicode") from None
        if any(b"\x00" in part for part in decoded):
            raise bad_text(where)


def check_value(value: Any, where: str = "body") -> None:
    """A 400 naming the first place of `value` (parsed JSON, or a cast form) that is nested
    deeper than `MAX_DEPTH`, holds a non-finite number or text that is not Unicode.
    Iterative, so no depth can exhaust the stack."""
    stack: list[tuple[Any, str, int]] = [(value, where, 0)]
    while stack:
        item, path, depth = stack.pop()
        if isinstance(item, str):
            if _bad_text(item):
                raise bad_text(path)
        elif isinstance(item, float):
            if not math.isfinite(item):
                raise invalid(path, f"{item} is not a finite number", "finite")
        elif isinstance(item, (dict, list)):
            if depth >= MAX_DEPTH:
                raise too_deep(path)
            children: Iterable[tuple[Any, str]]
            if isinstance(item, dict):
                for key in item:
                    if isinstance(key, str) and _bad_text(key):
                        raise bad_text(path)
                children = ((child, f"{path}.{key}") for key, child in item.items())
            else:
                children = ((child, f"{path}[{i}]") for i, child in enumerate(item))
            stack.extend((child, at, depth + 1) for child, at in reversed(list(children)))
