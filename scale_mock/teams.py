"""Teams: the account owner is a teammate from the start; invite adds, set_role changes roles.

Both writes answer with every teammate, as the SDK expects (`List[Teammate]`).
"""

from __future__ import annotations

from typing import Any

from scale_mock.context import Context
from scale_mock.errors import ApiError
from scale_mock.store import Conflict, Store

OWNER_EMAIL = "owner@example.com"


def teammates(store: Store, key: str) -> list[dict[str, Any]]:
    """Every teammate, oldest first; the owner (an admin) is created on first use."""
    if store.get(key, "teammate", OWNER_EMAIL) is None:
        owner: dict[str, Any] = {"email": OWNER_EMAIL, "role": "admin", "company": "scale-mock"}
        owner.update(firstName="Account", lastName="Owner", isStudioLabeler=False)
        try:
            with store.transaction() as db:
                store.insert(db, key, "teammate", OWNER_EMAIL, owner)
        except Conflict:
            pass  # created by a concurrent request
    return store.all(key, "teammate", newest_first=False)


def list_teammates(ctx: Context) -> list[dict[str, Any]]:
    return teammates(ctx.store, ctx.key)


def invite_teammates(ctx: Context) -> list[dict[str, Any]]:
    """Invite new emails with `team_role`; an email already on the team keeps its role."""
    store, key = ctx.store, ctx.key
    teammates(store, key)
    with store.transaction() as db:
        for email in dict.fromkeys(ctx.body["emails"]):
            if store.get(key, "teammate", email) is None:
                member = {"email": email, "role": ctx.body["team_role"], "isStudioLabeler": False}
                store.insert(db, key, "teammate", email, member)
    return teammates(store, key)


def set_teammates_role(ctx: Context) -> list[dict[str, Any]]:
    store, key = ctx.store, ctx.key
    teammates(store, key)
    with store.transaction() as db:
        for index, email in enumerate(ctx.body["emails"]):
            member = store.get(key, "teammate", email)
            if member is None:
                raise ApiError(
                    400,
                    f"{email!r} is not on the team; invite it first",
                    field=f"body.emails[{index}]",
                    rule="teammate",
                )
            member["role"] = ctx.body["team_role"]
            store.put(db, key, "teammate", email, member)
    return teammates(store, key)
