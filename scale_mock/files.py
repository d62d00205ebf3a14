"""Files: uploads the mock stores, imports it records, and their `scaledata://` URLs.

"The attachment_url can be passed to the task payloads, in the attachment parameter": a task
whose attachment is the `scaledata://` URL of a stored file is fetchable; any other
`scaledata://` URL fails like an unreachable attachment (see `tasks`).
"""

from __future__ import annotations

import hashlib
import mimetypes
import uuid
from dataclasses import dataclass
from typing import Any, BinaryIO
from urllib.parse import urlsplit

from scale_mock.clock import now
from scale_mock.context import Context
from scale_mock.projects import load_project


@dataclass(frozen=True)
class UploadedFile:
    """One file part of a multipart form, spooled to disk past 1 MiB by the form parser: its
    bytes are read only by the handler storing them, inside the (serialised) transaction, so
    many concurrent uploads never sit in memory at once."""

    filename: str | None
    content_type: str | None
    file: BinaryIO

    def read(self) -> bytes:
        self.file.seek(0)
        return self.file.read()


def account_id(key: str) -> str:
    """A stable, opaque account id for `scaledata://<account>/<file id>` URLs."""
    return hashlib.sha256(key.encode()).hexdigest()[:24]


def _store_file(
    ctx: Context, mime_type: str, size: int | None, extra: dict[str, Any], data: bytes | None
) -> dict[str, Any]:
    project = extra.pop("project_name", None)
    if project is not None:
        load_project(ctx.tx, project, field="body.project_name")
    file_id = str(uuid.uuid4())
    stamp = now()
    record: dict[str, Any] = {
        **extra,
        "id": file_id,
        "attachment_url": f"scaledata://{account_id(ctx.key)}/{file_id}",
        "created_at": stamp,
        "updated_at": stamp,
        "mime_type": mime_type,
        "project_names": [project] if project is not None else [],
    }
    if size is not None:
        record["size"] = size
    ctx.tx.insert("file", file_id, record)
    if data is not None:
        ctx.tx.put_blob(file_id, data)
    return record


def upload_file(ctx: Context) -> dict[str, Any]:
    form = dict(ctx.body)
    upload = form.pop("file")
    if isinstance(upload, UploadedFile):
        data, guessed = upload.read(), upload.content_type
        if not guessed or guessed == "application/octet-stream":
            guessed = mimetypes.guess_type(upload.filename or "")[0] or guessed
    else:
        data, guessed = str(upload).encode(), "text/plain"
    return _store_file(ctx, guessed or "application/octet-stream", len(data), form, data)


def import_file(ctx: Context) -> dict[str, Any]:
    """Recorded, not fetched: the mock runs offline."""
    body = dict(ctx.body)
    url = body.pop("file_url")
    mime_type = mimetypes.guess_type(urlsplit(url).path)[0] or "application/octet-stream"
    return _store_file(ctx, mime_type, None, {**body, "source_url": url}, None)
