from http import HTTPStatus
from typing import Any, TypedDict, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.batch_list_page import BatchListPage
from ...models.batch_status import BatchStatus
from ...models.error import Error
from ...models.server_error_body import ServerErrorBody
from ...types import UNSET, Response, Unset


class Filters(TypedDict, total=False):
    """The filters of this list: every query parameter but the paging ones."""

    start_time: str
    end_time: str
    exclude_archived: bool
    status: BatchStatus
    project: str


def _get_kwargs(
    *,
    start_time: str | Unset = UNSET,
    end_time: str | Unset = UNSET,
    exclude_archived: bool | Unset = UNSET,
    status: BatchStatus | Unset = UNSET,
    project: str | Unset = UNSET,
    limit: int | Unset = 100,
    offset: int | Unset = 0,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["start_time"] = start_time

    params["end_time"] = end_time

    params["exclude_archived"] = exclude_archived

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    params["project"] = project

    params["limit"] = limit

    params["offset"] = offset

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/batches",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BatchListPage | Error | ServerErrorBody | None:
    if response.status_code == 200:
        response_200 = BatchListPage.from_dict(response.json())

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
) -> Response[BatchListPage | Error | ServerErrorBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    start_time: str | Unset = UNSET,
    end_time: str | Unset = UNSET,
    exclude_archived: bool | Unset = UNSET,
    status: BatchStatus | Unset = UNSET,
    project: str | Unset = UNSET,
    limit: int | Unset = 100,
    offset: int | Unset = 0,
) -> Response[BatchListPage | Error | ServerErrorBody]:
    """List batches

     Lists batches, paged by `limit` and `offset`. Note the count key of the page is
    `totalDocs`, not `total` as on the task list (`sdk`).

    Args:
        start_time (str | Unset): An ISO 8601 date (`2020-09-08`) or date-time, with `T` or a
            space between date and time and
            an optional zone (`2020-09-08T10:00:00Z`, `2020-09-08 10:00:00.123456`). The official SDK
            sends
            all three forms. A time without a zone is UTC. The date must exist in the calendar: the
            pattern bounds months, days and hours, and `2021-02-30` is refused with 400.
            The documents say only "start_time ISO 8601 Date" (docs-2018 L2928).
        end_time (str | Unset): An ISO 8601 date (`2020-09-08`) or date-time, with `T` or a space
            between date and time and
            an optional zone (`2020-09-08T10:00:00Z`, `2020-09-08 10:00:00.123456`). The official SDK
            sends
            all three forms. A time without a zone is UTC. The date must exist in the calendar: the
            pattern bounds months, days and hours, and `2021-02-30` is refused with 400.
            The documents say only "start_time ISO 8601 Date" (docs-2018 L2928).
        exclude_archived (bool | Unset):
        status (BatchStatus | Unset): `staging` (created, not yet finalized), `in_progress` or
            `completed` (`sdk`). New batches are
            `in_progress` since June 2021; older SDKs expected `staging`.
        project (str | Unset):
        limit (int | Unset): The page size; its bounds come from the official SDK. Default: 100.
        offset (int | Unset): The number of tasks to skip; no minimum is documented: 0 is our
            assumption. Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BatchListPage | Error | ServerErrorBody]
    """

    kwargs = _get_kwargs(
        start_time=start_time,
        end_time=end_time,
        exclude_archived=exclude_archived,
        status=status,
        project=project,
        limit=limit,
        offset=offset,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    start_time: str | Unset = UNSET,
    end_time: str | Unset = UNSET,
    exclude_archived: bool | Unset = UNSET,
    status: BatchStatus | Unset = UNSET,
    project: str | Unset = UNSET,
    limit: int | Unset = 100,
    offset: int | Unset = 0,
) -> BatchListPage:
    """List batches

     Lists batches, paged by `limit` and `offset`. Note the count key of the page is
    `totalDocs`, not `total` as on the task list (`sdk`).

    Args:
        start_time (str | Unset): An ISO 8601 date (`2020-09-08`) or date-time, with `T` or a
            space between date and time and
            an optional zone (`2020-09-08T10:00:00Z`, `2020-09-08 10:00:00.123456`). The official SDK
            sends
            all three forms. A time without a zone is UTC. The date must exist in the calendar: the
            pattern bounds months, days and hours, and `2021-02-30` is refused with 400.
            The documents say only "start_time ISO 8601 Date" (docs-2018 L2928).
        end_time (str | Unset): An ISO 8601 date (`2020-09-08`) or date-time, with `T` or a space
            between date and time and
            an optional zone (`2020-09-08T10:00:00Z`, `2020-09-08 10:00:00.123456`). The official SDK
            sends
            all three forms. A time without a zone is UTC. The date must exist in the calendar: the
            pattern bounds months, days and hours, and `2021-02-30` is refused with 400.
            The documents say only "start_time ISO 8601 Date" (docs-2018 L2928).
        exclude_archived (bool | Unset):
        status (BatchStatus | Unset): `staging` (created, not yet finalized), `in_progress` or
            `completed` (`sdk`). New batches are
            `in_progress` since June 2021; older SDKs expected `staging`.
        project (str | Unset):
        limit (int | Unset): The page size; its bounds come from the official SDK. Default: 100.
        offset (int | Unset): The number of tasks to skip; no minimum is documented: 0 is our
            assumption. Default: 0.

    Raises:
        errors.ScaleApiError: For an error status, the subclass of its code (errors.InvalidRequest, errors.NotFound, errors.Duplicate, errors.TooManyRequests, errors.ServerError, ...), with the server's message.
        errors.UnexpectedStatus: If the server returns an undocumented success status.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BatchListPage
    """

    return cast(
        BatchListPage,
        errors.parsed_or_raise(
            sync_detailed(
                client=client,
                start_time=start_time,
                end_time=end_time,
                exclude_archived=exclude_archived,
                status=status,
                project=project,
                limit=limit,
                offset=offset,
            )
        ),
    )


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    start_time: str | Unset = UNSET,
    end_time: str | Unset = UNSET,
    exclude_archived: bool | Unset = UNSET,
    status: BatchStatus | Unset = UNSET,
    project: str | Unset = UNSET,
    limit: int | Unset = 100,
    offset: int | Unset = 0,
) -> Response[BatchListPage | Error | ServerErrorBody]:
    """List batches

     Lists batches, paged by `limit` and `offset`. Note the count key of the page is
    `totalDocs`, not `total` as on the task list (`sdk`).

    Args:
        start_time (str | Unset): An ISO 8601 date (`2020-09-08`) or date-time, with `T` or a
            space between date and time and
            an optional zone (`2020-09-08T10:00:00Z`, `2020-09-08 10:00:00.123456`). The official SDK
            sends
            all three forms. A time without a zone is UTC. The date must exist in the calendar: the
            pattern bounds months, days and hours, and `2021-02-30` is refused with 400.
            The documents say only "start_time ISO 8601 Date" (docs-2018 L2928).
        end_time (str | Unset): An ISO 8601 date (`2020-09-08`) or date-time, with `T` or a space
            between date and time and
            an optional zone (`2020-09-08T10:00:00Z`, `2020-09-08 10:00:00.123456`). The official SDK
            sends
            all three forms. A time without a zone is UTC. The date must exist in the calendar: the
            pattern bounds months, days and hours, and `2021-02-30` is refused with 400.
            The documents say only "start_time ISO 8601 Date" (docs-2018 L2928).
        exclude_archived (bool | Unset):
        status (BatchStatus | Unset): `staging` (created, not yet finalized), `in_progress` or
            `completed` (`sdk`). New batches are
            `in_progress` since June 2021; older SDKs expected `staging`.
        project (str | Unset):
        limit (int | Unset): The page size; its bounds come from the official SDK. Default: 100.
        offset (int | Unset): The number of tasks to skip; no minimum is documented: 0 is our
            assumption. Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BatchListPage | Error | ServerErrorBody]
    """

    kwargs = _get_kwargs(
        start_time=start_time,
        end_time=end_time,
        exclude_archived=exclude_archived,
        status=status,
        project=project,
        limit=limit,
        offset=offset,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    start_time: str | Unset = UNSET,
    end_time: str | Unset = UNSET,
    exclude_archived: bool | Unset = UNSET,
    status: BatchStatus | Unset = UNSET,
    project: str | Unset = UNSET,
    limit: int | Unset = 100,
    offset: int | Unset = 0,
) -> BatchListPage:
    """List batches

     Lists batches, paged by `limit` and `offset`. Note the count key of the page is
    `totalDocs`, not `total` as on the task list (`sdk`).

    Args:
        start_time (str | Unset): An ISO 8601 date (`2020-09-08`) or date-time, with `T` or a
            space between date and time and
            an optional zone (`2020-09-08T10:00:00Z`, `2020-09-08 10:00:00.123456`). The official SDK
            sends
            all three forms. A time without a zone is UTC. The date must exist in the calendar: the
            pattern bounds months, days and hours, and `2021-02-30` is refused with 400.
            The documents say only "start_time ISO 8601 Date" (docs-2018 L2928).
        end_time (str | Unset): An ISO 8601 date (`2020-09-08`) or date-time, with `T` or a space
            between date and time and
            an optional zone (`2020-09-08T10:00:00Z`, `2020-09-08 10:00:00.123456`). The official SDK
            sends
            all three forms. A time without a zone is UTC. The date must exist in the calendar: the
            pattern bounds months, days and hours, and `2021-02-30` is refused with 400.
            The documents say only "start_time ISO 8601 Date" (docs-2018 L2928).
        exclude_archived (bool | Unset):
        status (BatchStatus | Unset): `staging` (created, not yet finalized), `in_progress` or
            `completed` (`sdk`). New batches are
            `in_progress` since June 2021; older SDKs expected `staging`.
        project (str | Unset):
        limit (int | Unset): The page size; its bounds come from the official SDK. Default: 100.
        offset (int | Unset): The number of tasks to skip; no minimum is documented: 0 is our
            assumption. Default: 0.

    Raises:
        errors.ScaleApiError: For an error status, the subclass of its code (errors.InvalidRequest, errors.NotFound, errors.Duplicate, errors.TooManyRequests, errors.ServerError, ...), with the server's message.
        errors.UnexpectedStatus: If the server returns an undocumented success status.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BatchListPage
    """

    return cast(
        BatchListPage,
        errors.parsed_or_raise(
            await asyncio_detailed(
                client=client,
                start_time=start_time,
                end_time=end_time,
                exclude_archived=exclude_archived,
                status=status,
                project=project,
                limit=limit,
                offset=offset,
            )
        ),
    )
