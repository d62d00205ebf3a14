"""Timestamps as the API writes them (`2016-06-23T09:09:34.752Z`) and parses them in filters."""

from __future__ import annotations

from datetime import UTC, datetime

from scale_mock.errors import invalid


def format_time(moment: datetime) -> str:
    """UTC with milliseconds and a `Z`: one fixed width, so stored stamps sort as text."""
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def now() -> str:
    return format_time(datetime.now(UTC))


def parse_filter_time(raw: str, field: str) -> str:
    """A list filter's date or date-time (the SDK sends `2020-09-08`, `isoformat()` output and
    `2020-09-08 10:00:00.123456`), normalised to the stored form; naive times are UTC."""
    try:
        moment = datetime.fromisoformat(raw)
    except ValueError:  # not a calendar date (`2021-02-30`)
        raise invalid(field, f"{raw!r} is not an ISO 8601 date or time", "format") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    try:
        return format_time(moment)
    except OverflowError:  # beyond year 9999 (or before year 1) once in UTC: an open bound
        return "9999-12-31T23:59:59.999Z" if moment.year == 9999 else "0001-01-01T00:00:00.000Z"
