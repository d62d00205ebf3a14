from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.audit_task_response_200 import AuditTaskResponse200
from ...models.error import Error
from ...models.server_error_body import ServerErrorBody
from ...models.task_audit import TaskAudit
from ...types import Response


def _get_kwargs(
    task_id: str,
    *,
    body: TaskAudit,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/task/{task_id}/audit".format(
            task_id=quote(str(task_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AuditTaskResponse200 | Error | ServerErrorBody | None:
    if response.status_code == 200:
        response_200 = AuditTaskResponse200.from_dict(response.json())

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
    if response.status_code == 413:
        try:
            response_413 = ServerErrorBody.from_dict(response.json())

            return response_413

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
            response_500 = ServerErrorBody.from_dict(response.json())

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
) -> Response[AuditTaskResponse200 | Error | ServerErrorBody]:
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
    body: TaskAudit,
) -> Response[AuditTaskResponse200 | Error | ServerErrorBody]:
    """Accept or reject a completed task

     "Accept or reject completed tasks" (`sdk-readme`). The shape of the success body is not
    documented: the official SDK ignores it, and the endpoint may answer with a non-JSON
    text body, so both `application/json` (any object) and `text/plain` are declared.
    Auditing a task that is not completed is rejected with 400.

    Args:
        task_id (str):
        body (TaskAudit): Accepts (`accepted` true) or rejects (false) a completed task.
            The body key `accepted` is the official SDK's (`audit_task(task_id, accepted, comments)`,
            sdk-readme L178).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AuditTaskResponse200 | Error | ServerErrorBody]
    """

    kwargs = _get_kwargs(
        task_id=task_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    task_id: str,
    *,
    client: AuthenticatedClient,
    body: TaskAudit,
) -> AuditTaskResponse200:
    """Accept or reject a completed task

     "Accept or reject completed tasks" (`sdk-readme`). The shape of the success body is not
    documented: the official SDK ignores it, and the endpoint may answer with a non-JSON
    text body, so both `application/json` (any object) and `text/plain` are declared.
    Auditing a task that is not completed is rejected with 400.

    Args:
        task_id (str):
        body (TaskAudit): Accepts (`accepted` true) or rejects (false) a completed task.
            The body key `accepted` is the official SDK's (`audit_task(task_id, accepted, comments)`,
            sdk-readme L178).

    Raises:
        errors.ScaleApiError: For an error status, the subclass of its code (errors.InvalidRequest, errors.NotFound, errors.Duplicate, errors.TooManyRequests, errors.ServerError, ...), with the server's message.
        errors.UnexpectedStatus: If the server returns an undocumented success status.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AuditTaskResponse200
    """

    return cast(
        AuditTaskResponse200,
        errors.parsed_or_raise(
            sync_detailed(
                task_id=task_id,
                client=client,
                body=body,
            )
        ),
    )


async def asyncio_detailed(
    task_id: str,
    *,
    client: AuthenticatedClient,
    body: TaskAudit,
) -> Response[AuditTaskResponse200 | Error | ServerErrorBody]:
    """Accept or reject a completed task

     "Accept or reject completed tasks" (`sdk-readme`). The shape of the success body is not
    documented: the official SDK ignores it, and the endpoint may answer with a non-JSON
    text body, so both `application/json` (any object) and `text/plain` are declared.
    Auditing a task that is not completed is rejected with 400.

    Args:
        task_id (str):
        body (TaskAudit): Accepts (`accepted` true) or rejects (false) a completed task.
            The body key `accepted` is the official SDK's (`audit_task(task_id, accepted, comments)`,
            sdk-readme L178).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AuditTaskResponse200 | Error | ServerErrorBody]
    """

    kwargs = _get_kwargs(
        task_id=task_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    task_id: str,
    *,
    client: AuthenticatedClient,
    body: TaskAudit,
) -> AuditTaskResponse200:
    """Accept or reject a completed task

     "Accept or reject completed tasks" (`sdk-readme`). The shape of the success body is not
    documented: the official SDK ignores it, and the endpoint may answer with a non-JSON
    text body, so both `application/json` (any object) and `text/plain` are declared.
    Auditing a task that is not completed is rejected with 400.

    Args:
        task_id (str):
        body (TaskAudit): Accepts (`accepted` true) or rejects (false) a completed task.
            The body key `accepted` is the official SDK's (`audit_task(task_id, accepted, comments)`,
            sdk-readme L178).

    Raises:
        errors.ScaleApiError: For an error status, the subclass of its code (errors.InvalidRequest, errors.NotFound, errors.Duplicate, errors.TooManyRequests, errors.ServerError, ...), with the server's message.
        errors.UnexpectedStatus: If the server returns an undocumented success status.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AuditTaskResponse200
    """

    return cast(
        AuditTaskResponse200,
        errors.parsed_or_raise(
            await asyncio_detailed(
                task_id=task_id,
                client=client,
                body=body,
            )
        ),
    )
