from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.studio_project_group import StudioProjectGroup
from ...models.studio_project_group_create import StudioProjectGroupCreate
from ...types import Response


def _get_kwargs(
    project_name: str,
    *,
    body: StudioProjectGroupCreate,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/studio/projects/{project_name}/groups".format(
            project_name=quote(str(project_name), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | StudioProjectGroup | None:
    if response.status_code == 200:
        response_200 = StudioProjectGroup.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = Error.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = Error.from_dict(response.json())

        return response_409

    if response.status_code == 429:
        response_429 = Error.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = Error.from_dict(response.json())

        return response_500

    if response.status_code == 503:
        response_503 = Error.from_dict(response.json())

        return response_503

    if response.status_code == 504:
        response_504 = Error.from_dict(response.json())

        return response_504

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Error | StudioProjectGroup]:
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
    body: StudioProjectGroupCreate,
) -> Response[Error | StudioProjectGroup]:
    """Create a labeler group

     Creates a labeler group in a Studio project. "Note that the emails must be assigned to the
    specified project" (`sdk-readme`): an unassigned email gives 400; an existing group name 409.

    Args:
        project_name (str):
        body (StudioProjectGroupCreate): A new labeler group: its `name` and members. "Note that
            the emails must be assigned to the
            specified project" (`sdk-readme`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | StudioProjectGroup]
    """

    kwargs = _get_kwargs(
        project_name=project_name,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    project_name: str,
    *,
    client: AuthenticatedClient,
    body: StudioProjectGroupCreate,
) -> StudioProjectGroup:
    """Create a labeler group

     Creates a labeler group in a Studio project. "Note that the emails must be assigned to the
    specified project" (`sdk-readme`): an unassigned email gives 400; an existing group name 409.

    Args:
        project_name (str):
        body (StudioProjectGroupCreate): A new labeler group: its `name` and members. "Note that
            the emails must be assigned to the
            specified project" (`sdk-readme`).

    Raises:
        errors.ScaleApiError: For an error status, the subclass of its code (errors.InvalidRequest, errors.NotFound, errors.Duplicate, errors.TooManyRequests, errors.ServerError, ...), with the server's message.
        errors.UnexpectedStatus: If the server returns an undocumented success status.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        StudioProjectGroup
    """

    return cast(
        StudioProjectGroup,
        errors.parsed_or_raise(
            sync_detailed(
                project_name=project_name,
                client=client,
                body=body,
            )
        ),
    )


async def asyncio_detailed(
    project_name: str,
    *,
    client: AuthenticatedClient,
    body: StudioProjectGroupCreate,
) -> Response[Error | StudioProjectGroup]:
    """Create a labeler group

     Creates a labeler group in a Studio project. "Note that the emails must be assigned to the
    specified project" (`sdk-readme`): an unassigned email gives 400; an existing group name 409.

    Args:
        project_name (str):
        body (StudioProjectGroupCreate): A new labeler group: its `name` and members. "Note that
            the emails must be assigned to the
            specified project" (`sdk-readme`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | StudioProjectGroup]
    """

    kwargs = _get_kwargs(
        project_name=project_name,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    project_name: str,
    *,
    client: AuthenticatedClient,
    body: StudioProjectGroupCreate,
) -> StudioProjectGroup:
    """Create a labeler group

     Creates a labeler group in a Studio project. "Note that the emails must be assigned to the
    specified project" (`sdk-readme`): an unassigned email gives 400; an existing group name 409.

    Args:
        project_name (str):
        body (StudioProjectGroupCreate): A new labeler group: its `name` and members. "Note that
            the emails must be assigned to the
            specified project" (`sdk-readme`).

    Raises:
        errors.ScaleApiError: For an error status, the subclass of its code (errors.InvalidRequest, errors.NotFound, errors.Duplicate, errors.TooManyRequests, errors.ServerError, ...), with the server's message.
        errors.UnexpectedStatus: If the server returns an undocumented success status.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        StudioProjectGroup
    """

    return cast(
        StudioProjectGroup,
        errors.parsed_or_raise(
            await asyncio_detailed(
                project_name=project_name,
                client=client,
                body=body,
            )
        ),
    )
