from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.server_error_body import ServerErrorBody
from ...models.task import Task
from ...types import UNSET, Response, Unset


def _get_kwargs(
    task_id: str,
    *,
    clear_unique_id: bool | Unset = False,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["clear_unique_id"] = clear_unique_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/task/{task_id}/cancel".format(
            task_id=quote(str(task_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | ServerErrorBody | Task | None:
    if response.status_code == 200:
        response_200 = Task.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        try:
            response_400 = Error.from_dict(response.json())

            return response_400

        except (ValueError, KeyError, TypeError):
            return None
    if response.status_code == 401:
        try:
            response_401 = Error.from_dict(response.json())

            return response_401

        except (ValueError, KeyError, TypeError):
            return None
    if response.status_code == 404:
        try:
            response_404 = Error.from_dict(response.json())

            return response_404

        except (ValueError, KeyError, TypeError):
            return None
    if response.status_code == 429:
        try:
            response_429 = ServerErrorBody.from_dict(response.json())

            return response_429

        except (ValueError, KeyError, TypeError):
            return None
    if response.status_code == 500:
        try:
            response_500 = Error.from_dict(response.json())

            return response_500

        except (ValueError, KeyError, TypeError):
            return None
    if response.status_code == 503:
        try:
            response_503 = ServerErrorBody.from_dict(response.json())

            return response_503

        except (ValueError, KeyError, TypeError):
            return None
    if response.status_code == 504:
        try:
            response_504 = ServerErrorBody.from_dict(response.json())

            return response_504

        except (ValueError, KeyError, TypeError):
            return None
    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Error | ServerErrorBody | Task]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    task_id: str,
    *,
    client: AuthenticatedClient,
    clear_unique_id: bool | Unset = False,
) -> Response[Error | ServerErrorBody | Task]:
    """Cancel a task

     Cancels a task. "You may only cancel pending tasks" (`docs-2018`); the newest wording is
    "if work has not started on the task (task status is `Queued` in the UI)" (`sdk-readme`).

    **Status for a task that is not pending.** `docs-2016` and `docs-2018` say "the endpoint
    will return a 500 error code if you attempt to cancel a completed task"; the official SDK
    (newest) expects **400**, also for a task that is already canceled. Both are conformant:
    a server may answer either 400 or 500 to a cancel of a task that is not pending (tiers in
    `x-provenance`: 500 `docs`, 400 `sdk`).

    With `clear_unique_id=true` the task's `unique_id` is released so it can be reused.
    The request has no body.

    Args:
        task_id (str):
        clear_unique_id (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ServerErrorBody | Task]
    """

    kwargs = _get_kwargs(
        task_id=task_id,
        clear_unique_id=clear_unique_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    task_id: str,
    *,
    client: AuthenticatedClient,
    clear_unique_id: bool | Unset = False,
) -> Task:
    """Cancel a task

     Cancels a task. "You may only cancel pending tasks" (`docs-2018`); the newest wording is
    "if work has not started on the task (task status is `Queued` in the UI)" (`sdk-readme`).

    **Status for a task that is not pending.** `docs-2016` and `docs-2018` say "the endpoint
    will return a 500 error code if you attempt to cancel a completed task"; the official SDK
    (newest) expects **400**, also for a task that is already canceled. Both are conformant:
    a server may answer either 400 or 500 to a cancel of a task that is not pending (tiers in
    `x-provenance`: 500 `docs`, 400 `sdk`).

    With `clear_unique_id=true` the task's `unique_id` is released so it can be reused.
    The request has no body.

    Args:
        task_id (str):
        clear_unique_id (bool | Unset):  Default: False.

    Raises:
        errors.ScaleApiError: For an error status, the subclass of its code (errors.InvalidRequest, errors.NotFound, errors.Duplicate, errors.TooManyRequests, errors.ServerError, ...), with the server's message.
        errors.UnexpectedStatus: If the server returns an undocumented success status.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Task
    """

    return cast(
        Task,
        errors.parsed_or_raise(
            sync_detailed(
                task_id=task_id,
                client=client,
                clear_unique_id=clear_unique_id,
            )
        ),
    )


async def asyncio_detailed(
    task_id: str,
    *,
    client: AuthenticatedClient,
    clear_unique_id: bool | Unset = False,
) -> Response[Error | ServerErrorBody | Task]:
    """Cancel a task

     Cancels a task. "You may only cancel pending tasks" (`docs-2018`); the newest wording is
    "if work has not started on the task (task status is `Queued` in the UI)" (`sdk-readme`).

    **Status for a task that is not pending.** `docs-2016` and `docs-2018` say "the endpoint
    will return a 500 error code if you attempt to cancel a completed task"; the official SDK
    (newest) expects **400**, also for a task that is already canceled. Both are conformant:
    a server may answer either 400 or 500 to a cancel of a task that is not pending (tiers in
    `x-provenance`: 500 `docs`, 400 `sdk`).

    With `clear_unique_id=true` the task's `unique_id` is released so it can be reused.
    The request has no body.

    Args:
        task_id (str):
        clear_unique_id (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ServerErrorBody | Task]
    """

    kwargs = _get_kwargs(
        task_id=task_id,
        clear_unique_id=clear_unique_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    task_id: str,
    *,
    client: AuthenticatedClient,
    clear_unique_id: bool | Unset = False,
) -> Task:
    """Cancel a task

     Cancels a task. "You may only cancel pending tasks" (`docs-2018`); the newest wording is
    "if work has not started on the task (task status is `Queued` in the UI)" (`sdk-readme`).

    **Status for a task that is not pending.** `docs-2016` and `docs-2018` say "the endpoint
    will return a 500 error code if you attempt to cancel a completed task"; the official SDK
    (newest) expects **400**, also for a task that is already canceled. Both are conformant:
    a server may answer either 400 or 500 to a cancel of a task that is not pending (tiers in
    `x-provenance`: 500 `docs`, 400 `sdk`).

    With `clear_unique_id=true` the task's `unique_id` is released so it can be reused.
    The request has no body.

    Args:
        task_id (str):
        clear_unique_id (bool | Unset):  Default: False.

    Raises:
        errors.ScaleApiError: For an error status, the subclass of its code (errors.InvalidRequest, errors.NotFound, errors.Duplicate, errors.TooManyRequests, errors.ServerError, ...), with the server's message.
        errors.UnexpectedStatus: If the server returns an undocumented success status.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Task
    """

    return cast(
        Task,
        errors.parsed_or_raise(
            await asyncio_detailed(
                task_id=task_id,
                client=client,
                clear_unique_id=clear_unique_id,
            )
        ),
    )
