from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.server_error_body import ServerErrorBody
from ...models.task_template import TaskTemplate
from ...types import Response


def _get_kwargs(
    project_name: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/projects/{project_name}/taskTemplates".format(
            project_name=quote(str(project_name), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | ServerErrorBody | TaskTemplate | None:
    if response.status_code == 200:
        response_200 = TaskTemplate.from_dict(response.json())

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
) -> Response[Error | ServerErrorBody | TaskTemplate]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    project_name: str,
    *,
    client: AuthenticatedClient,
) -> Response[Error | ServerErrorBody | TaskTemplate]:
    """Retrieve a project's task template

     Returns the project's task template. "Throws an error if the project task-type does not
    support Task Templates. Currently only TextCollection and Chat task types support Task
    Templates" (`sdk`, `get_project_template` docstring) — answered with 400.

    Args:
        project_name (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ServerErrorBody | TaskTemplate]
    """

    kwargs = _get_kwargs(
        project_name=project_name,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    project_name: str,
    *,
    client: AuthenticatedClient,
) -> TaskTemplate:
    """Retrieve a project's task template

     Returns the project's task template. "Throws an error if the project task-type does not
    support Task Templates. Currently only TextCollection and Chat task types support Task
    Templates" (`sdk`, `get_project_template` docstring) — answered with 400.

    Args:
        project_name (str):

    Raises:
        errors.ScaleApiError: For an error status, the subclass of its code (errors.InvalidRequest, errors.NotFound, errors.Duplicate, errors.TooManyRequests, errors.ServerError, ...), with the server's message.
        errors.UnexpectedStatus: If the server returns an undocumented success status.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        TaskTemplate
    """

    return cast(
        TaskTemplate,
        errors.parsed_or_raise(
            sync_detailed(
                project_name=project_name,
                client=client,
            )
        ),
    )


async def asyncio_detailed(
    project_name: str,
    *,
    client: AuthenticatedClient,
) -> Response[Error | ServerErrorBody | TaskTemplate]:
    """Retrieve a project's task template

     Returns the project's task template. "Throws an error if the project task-type does not
    support Task Templates. Currently only TextCollection and Chat task types support Task
    Templates" (`sdk`, `get_project_template` docstring) — answered with 400.

    Args:
        project_name (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ServerErrorBody | TaskTemplate]
    """

    kwargs = _get_kwargs(
        project_name=project_name,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    project_name: str,
    *,
    client: AuthenticatedClient,
) -> TaskTemplate:
    """Retrieve a project's task template

     Returns the project's task template. "Throws an error if the project task-type does not
    support Task Templates. Currently only TextCollection and Chat task types support Task
    Templates" (`sdk`, `get_project_template` docstring) — answered with 400.

    Args:
        project_name (str):

    Raises:
        errors.ScaleApiError: For an error status, the subclass of its code (errors.InvalidRequest, errors.NotFound, errors.Duplicate, errors.TooManyRequests, errors.ServerError, ...), with the server's message.
        errors.UnexpectedStatus: If the server returns an undocumented success status.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        TaskTemplate
    """

    return cast(
        TaskTemplate,
        errors.parsed_or_raise(
            await asyncio_detailed(
                project_name=project_name,
                client=client,
            )
        ),
    )
