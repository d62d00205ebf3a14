"""Evaluation and training tasks of Rapid projects.

"This method can only be used for Rapid projects" (`sdk`): the body's `project` must name a
Rapid project of this account. The answer is a `QualityTask` `{id, expected_response,
initial_response?}`.
"""

from __future__ import annotations

import secrets
from typing import Any

from scale_mock.clock import now
from scale_mock.context import Context
from scale_mock.errors import ApiError
from scale_mock.projects import load_project


def _create(ctx: Context, kind: str) -> dict[str, Any]:
    body = ctx.body
    if "project" not in body:
        raise ApiError(
            400,
            f"{kind} tasks can only be created in a Rapid project: 'project' is required",
            field="body.project",
            rule="rapid_project",
        )
    project = load_project(ctx.tx, body["project"], field="body.project")
    if not project.get("rapid"):
        raise ApiError(
            400,
            f"Project {project['name']!r} is not a Rapid project; {kind} tasks can only be "
            "used for Rapid projects",
            field="body.project",
            rule="rapid_project",
        )
    task: dict[str, Any] = {
        "id": secrets.token_hex(12),
        "expected_response": body["expected_response"],
    }
    if "initial_response" in body:
        task["initial_response"] = body["initial_response"]
    record = {
        **task,
        "kind": kind,
        "type": ctx.path("task_type"),
        "created_at": now(),
        "params": {k: v for k, v in body.items() if k not in task},
    }
    ctx.tx.insert(f"{kind}_task", task["id"], record)
    return task


def create_evaluation_task(ctx: Context) -> dict[str, Any]:
    return _create(ctx, "evaluation")


def create_training_task(ctx: Context) -> dict[str, Any]:
    return _create(ctx, "training")
