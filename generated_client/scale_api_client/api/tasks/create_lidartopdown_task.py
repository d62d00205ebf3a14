from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.generic_task_create import GenericTaskCreate
from ...models.server_error_body import ServerErrorBody
from ...models.task import Task
from ...types import Response


def _get_kwargs(
    *,
    body: GenericTaskCreate,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/task/lidartopdown",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
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
    if response.status_code == 402:
        try:
            response_402 = Error.from_dict(response.json())

            return response_402

        except (ValueError, KeyError, TypeError):
            return None
    if response.status_code == 404:
        try:
            response_404 = Error.from_dict(response.json())

            return response_404

        except (ValueError, KeyError, TypeError):
            return None
    if response.status_code == 409:
        try:
            response_409 = Error.from_dict(response.json())

            return response_409

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
) -> Response[Error | ServerErrorBody | Task]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: GenericTaskCreate,
) -> Response[Error | ServerErrorBody | Task]:
    """Create a lidartopdown task

     Creates a `lidartopdown` task. Scale's documents name this task type (it is one of the official
    SDK's task types) but do not describe its parameters, so the body is the common task
    parameters plus any type-specific keys (`GenericTaskCreate`).

    Args:
        body (GenericTaskCreate): Parameters of the task types Scale's documents name but do not
            describe: the common task
            parameters plus any type-specific keys, which are stored in the task's `params`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ServerErrorBody | Task]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: GenericTaskCreate,
) -> Task:
    """Create a lidartopdown task

     Creates a `lidartopdown` task. Scale's documents name this task type (it is one of the official
    SDK's task types) but do not describe its parameters, so the body is the common task
    parameters plus any type-specific keys (`GenericTaskCreate`).

    Args:
        body (GenericTaskCreate): Parameters of the task types Scale's documents name but do not
            describe: the common task
            parameters plus any type-specific keys, which are stored in the task's `params`.

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
                client=client,
                body=body,
            )
        ),
    )


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: GenericTaskCreate,
) -> Response[Error | ServerErrorBody | Task]:
    """Create a lidartopdown task

     Creates a `lidartopdown` task. Scale's documents name this task type (it is one of the official
    SDK's task types) but do not describe its parameters, so the body is the common task
    parameters plus any type-specific keys (`GenericTaskCreate`).

    Args:
        body (GenericTaskCreate): Parameters of the task types Scale's documents name but do not
            describe: the common task
            parameters plus any type-specific keys, which are stored in the task's `params`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ServerErrorBody | Task]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: GenericTaskCreate,
) -> Task:
    """Create a lidartopdown task

     Creates a `lidartopdown` task. Scale's documents name this task type (it is one of the official
    SDK's task types) but do not describe its parameters, so the body is the common task
    parameters plus any type-specific keys (`GenericTaskCreate`).

    Args:
        body (GenericTaskCreate): Parameters of the task types Scale's documents name but do not
            describe: the common task
            parameters plus any type-specific keys, which are stored in the task's `params`.

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
                client=client,
                body=body,
            )
        ),
    )
