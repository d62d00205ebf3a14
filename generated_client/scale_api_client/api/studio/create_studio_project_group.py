from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.server_error_body import ServerErrorBody
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
) -> Error | ServerErrorBody | StudioProjectGroup | None:
    if response.status_code == 200:
        response_200 = StudioProjectGroup.from_dict(response.json())

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
) -> Response[Error | ServerErrorBody | StudioProjectGroup]:
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
) -> Response[Error | ServerErrorBody | StudioProjectGroup]:
    """Create a labeler group

     Creates a labeler group in a Studio project. "The team members must be assigned to the
    specified project in order to be added to the new group" (sdk-readme L414): an unassigned
    email gives 400; an existing group name 409.

    Args:
        project_name (str):
        body (StudioProjectGroupCreate): A new labeler group: its `name` and members. "The team
            members must be assigned to the
            specified project in order to be added to the new group" (sdk-readme L414).
            The official SDK's `create_project_group` sends both.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ServerErrorBody | StudioProjectGroup]
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

     Creates a labeler group in a Studio project. "The team members must be assigned to the
    specified project in order to be added to the new group" (sdk-readme L414): an unassigned
    email gives 400; an existing group name 409.

    Args:
        project_name (str):
        body (StudioProjectGroupCreate): A new labeler group: its `name` and members. "The team
            members must be assigned to the
            specified project in order to be added to the new group" (sdk-readme L414).
            The official SDK's `create_project_group` sends both.

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
) -> Response[Error | ServerErrorBody | StudioProjectGroup]:
    """Create a labeler group

     Creates a labeler group in a Studio project. "The team members must be assigned to the
    specified project in order to be added to the new group" (sdk-readme L414): an unassigned
    email gives 400; an existing group name 409.

    Args:
        project_name (str):
        body (StudioProjectGroupCreate): A new labeler group: its `name` and members. "The team
            members must be assigned to the
            specified project in order to be added to the new group" (sdk-readme L414).
            The official SDK's `create_project_group` sends both.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ServerErrorBody | StudioProjectGroup]
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

     Creates a labeler group in a Studio project. "The team members must be assigned to the
    specified project in order to be added to the new group" (sdk-readme L414): an unassigned
    email gives 400; an existing group name 409.

    Args:
        project_name (str):
        body (StudioProjectGroupCreate): A new labeler group: its `name` and members. "The team
            members must be assigned to the
            specified project in order to be added to the new group" (sdk-readme L414).
            The official SDK's `create_project_group` sends both.

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
