from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.batch import Batch
from ...models.error import Error
from ...models.metadata import Metadata
from ...models.server_error_body import ServerErrorBody
from ...types import UNSET, Response, Unset


def _get_kwargs(
    batch_name: str,
    *,
    body: Metadata | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/batches/{batch_name}/setMetadata".format(
            batch_name=quote(str(batch_name), safe=""),
        ),
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Batch | Error | ServerErrorBody | None:
    if response.status_code == 200:
        response_200 = Batch.from_dict(response.json())

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
) -> Response[Batch | Error | ServerErrorBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    batch_name: str,
    *,
    client: AuthenticatedClient,
    body: Metadata | Unset = UNSET,
) -> Response[Batch | Error | ServerErrorBody]:
    """Replace a batch's metadata

     Replaces the batch's `metadata` with the request body, the metadata object itself (`sdk`;
    not in the README). A missing body means `{}`.

    Args:
        batch_name (str):
        body (Metadata | Unset): "A set of key/value pairs that you can attach to a task object.
            It can be useful for storing
            additional information about the task in a structured format." "Metadata is not used by
            Scale (e.g., to affect how the task is done)." Default `{}`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Batch | Error | ServerErrorBody]
    """

    kwargs = _get_kwargs(
        batch_name=batch_name,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    batch_name: str,
    *,
    client: AuthenticatedClient,
    body: Metadata | Unset = UNSET,
) -> Batch:
    """Replace a batch's metadata

     Replaces the batch's `metadata` with the request body, the metadata object itself (`sdk`;
    not in the README). A missing body means `{}`.

    Args:
        batch_name (str):
        body (Metadata | Unset): "A set of key/value pairs that you can attach to a task object.
            It can be useful for storing
            additional information about the task in a structured format." "Metadata is not used by
            Scale (e.g., to affect how the task is done)." Default `{}`.

    Raises:
        errors.ScaleApiError: For an error status, the subclass of its code (errors.InvalidRequest, errors.NotFound, errors.Duplicate, errors.TooManyRequests, errors.ServerError, ...), with the server's message.
        errors.UnexpectedStatus: If the server returns an undocumented success status.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Batch
    """

    return cast(
        Batch,
        errors.parsed_or_raise(
            sync_detailed(
                batch_name=batch_name,
                client=client,
                body=body,
            )
        ),
    )


async def asyncio_detailed(
    batch_name: str,
    *,
    client: AuthenticatedClient,
    body: Metadata | Unset = UNSET,
) -> Response[Batch | Error | ServerErrorBody]:
    """Replace a batch's metadata

     Replaces the batch's `metadata` with the request body, the metadata object itself (`sdk`;
    not in the README). A missing body means `{}`.

    Args:
        batch_name (str):
        body (Metadata | Unset): "A set of key/value pairs that you can attach to a task object.
            It can be useful for storing
            additional information about the task in a structured format." "Metadata is not used by
            Scale (e.g., to affect how the task is done)." Default `{}`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Batch | Error | ServerErrorBody]
    """

    kwargs = _get_kwargs(
        batch_name=batch_name,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    batch_name: str,
    *,
    client: AuthenticatedClient,
    body: Metadata | Unset = UNSET,
) -> Batch:
    """Replace a batch's metadata

     Replaces the batch's `metadata` with the request body, the metadata object itself (`sdk`;
    not in the README). A missing body means `{}`.

    Args:
        batch_name (str):
        body (Metadata | Unset): "A set of key/value pairs that you can attach to a task object.
            It can be useful for storing
            additional information about the task in a structured format." "Metadata is not used by
            Scale (e.g., to affect how the task is done)." Default `{}`.

    Raises:
        errors.ScaleApiError: For an error status, the subclass of its code (errors.InvalidRequest, errors.NotFound, errors.Duplicate, errors.TooManyRequests, errors.ServerError, ...), with the server's message.
        errors.UnexpectedStatus: If the server returns an undocumented success status.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Batch
    """

    return cast(
        Batch,
        errors.parsed_or_raise(
            await asyncio_detailed(
                batch_name=batch_name,
                client=client,
                body=body,
            )
        ),
    )
