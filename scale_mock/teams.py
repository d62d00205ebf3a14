"""Teams: the account owner is a teammate from the start; invite adds, set_role changes roles.

Both writes answer with every teammate, as the SDK expects (`List[Teammate]`).
"""

from __future__ import annotations

from typing import Any

from scale_mock.context import Context
from scale_mock.errors import ApiError
from scale_mock.store import Tx

OWNER_EMAIL = "owner@example.com"


def teammates(tx: Tx) -> list[dict[str, Any]]:
    """Every teammate, oldest first; the owner (an admin) is created on first use."""
    if tx.get("teammate", OWNER_EMAIL) is None:
        owner: dict[str, Any] = {"email": OWNER_EMAIL, "role": "admin", "company": "scale-mock"}
        owner.update(firstName="Account", lastName="Owner", isStudioLabeler=False)
        tx.insert("teammate", OWNER_EMAIL, owner)
    return tx.list("teammate", oldest_first=True).docs


def list_teammates(ctx: Context) -> list[dict[str, Any]]:
    return teammates(ctx.tx)


def invite_teammates(ctx: Context) -> list[dict[str, Any]]:
    """Invite new emails with `team_role`; an email already on the team keeps its role."""
    tx = ctx.tx
    teammates(tx)
    for email in dict.fromkeys(ctx.body["emails"]):
        if tx.get("teammate", email) is None:
            member = {"email": email, "role": ctx.body["team_role"], "isStudioLabeler": False}
            tx.insert("teammate", email, member)
    return teammates(tx)


def set_teammates_role(ctx: Context) -> list[dict[str, Any]]:
    tx = ctx.tx
    teammates(tx)
    for index, email in enumerate(ctx.body["emails"]):
        member = tx.get("teammate", email)
        if member is None:
            raise ApiError(
                400,
                f"{email!r} is not on the team; invite it first",
                field=f"body.emails[{index}]",
                rule="teammate",
            )
        member["role"] = ctx.body["team_role"]
        tx.put("teammate", email, member)
    return teammates(tx)
