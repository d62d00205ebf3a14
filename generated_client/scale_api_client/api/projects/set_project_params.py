from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.project import Project
from ...models.project_set_params import ProjectSetParams
from ...models.server_error_body import ServerErrorBody
from ...types import Response


def _get_kwargs(
    project_name: str,
    *,
    body: ProjectSetParams,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/projects/{project_name}/setParams".format(
            project_name=quote(str(project_name), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | Project | ServerErrorBody | None:
    if response.status_code == 200:
        response_200 = Project.from_dict(response.json())

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
) -> Response[Error | Project | ServerErrorBody]:
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
    body: ProjectSetParams,
) -> Response[Error | Project | ServerErrorBody]:
    """Set a project's parameters (new version)

     "Creates a new version of the Project" (`sdk-readme`). "Projects keep a history of the
    parameters that they were set with. Tasks created under a project inherit the latest params
    of the project (the last entry in param_history), one can also specify
    project_param_version when creating a task to inherit from an older set of params (or use
    -1 to skip parameter inheritance altogether.)" (`docs-2018`). Each call appends exactly one
    entry to `param_history`, with `version` one more than the last.

    Args:
        project_name (str):
        body (ProjectSetParams): The body of `POST /projects/{project_name}/setParams`: the new
            parameters. "Currently we only
            support params.instruction" (`docs-2018`); the SDK passes any parameters.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Project | ServerErrorBody]
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
    body: ProjectSetParams,
) -> Project:
    """Set a project's parameters (new version)

     "Creates a new version of the Project" (`sdk-readme`). "Projects keep a history of the
    parameters that they were set with. Tasks created under a project inherit the latest params
    of the project (the last entry in param_history), one can also specify
    project_param_version when creating a task to inherit from an older set of params (or use
    -1 to skip parameter inheritance altogether.)" (`docs-2018`). Each call appends exactly one
    entry to `param_history`, with `version` one more than the last.

    Args:
        project_name (str):
        body (ProjectSetParams): The body of `POST /projects/{project_name}/setParams`: the new
            parameters. "Currently we only
            support params.instruction" (`docs-2018`); the SDK passes any parameters.

    Raises:
        errors.ScaleApiError: For an error status, the subclass of its code (errors.InvalidRequest, errors.NotFound, errors.Duplicate, errors.TooManyRequests, errors.ServerError, ...), with the server's message.
        errors.UnexpectedStatus: If the server returns an undocumented success status.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Project
    """

    return cast(
        Project,
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
    body: ProjectSetParams,
) -> Response[Error | Project | ServerErrorBody]:
    """Set a project's parameters (new version)

     "Creates a new version of the Project" (`sdk-readme`). "Projects keep a history of the
    parameters that they were set with. Tasks created under a project inherit the latest params
    of the project (the last entry in param_history), one can also specify
    project_param_version when creating a task to inherit from an older set of params (or use
    -1 to skip parameter inheritance altogether.)" (`docs-2018`). Each call appends exactly one
    entry to `param_history`, with `version` one more than the last.

    Args:
        project_name (str):
        body (ProjectSetParams): The body of `POST /projects/{project_name}/setParams`: the new
            parameters. "Currently we only
            support params.instruction" (`docs-2018`); the SDK passes any parameters.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Project | ServerErrorBody]
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
    body: ProjectSetParams,
) -> Project:
    """Set a project's parameters (new version)

     "Creates a new version of the Project" (`sdk-readme`). "Projects keep a history of the
    parameters that they were set with. Tasks created under a project inherit the latest params
    of the project (the last entry in param_history), one can also specify
    project_param_version when creating a task to inherit from an older set of params (or use
    -1 to skip parameter inheritance altogether.)" (`docs-2018`). Each call appends exactly one
    entry to `param_history`, with `version` one more than the last.

    Args:
        project_name (str):
        body (ProjectSetParams): The body of `POST /projects/{project_name}/setParams`: the new
            parameters. "Currently we only
            support params.instruction" (`docs-2018`); the SDK passes any parameters.

    Raises:
        errors.ScaleApiError: For an error status, the subclass of its code (errors.InvalidRequest, errors.NotFound, errors.Duplicate, errors.TooManyRequests, errors.ServerError, ...), with the server's message.
        errors.UnexpectedStatus: If the server returns an undocumented success status.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Project
    """

    return cast(
        Project,
        errors.parsed_or_raise(
            await asyncio_detailed(
                project_name=project_name,
                client=client,
                body=body,
            )
        ),
    )
