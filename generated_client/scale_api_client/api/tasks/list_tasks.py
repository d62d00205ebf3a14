from http import HTTPStatus
from typing import Any, TypedDict, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.server_error_body import ServerErrorBody
from ...models.task_list_page import TaskListPage
from ...models.task_review_status import TaskReviewStatus
from ...models.task_status_filter import TaskStatusFilter
from ...models.task_type import TaskType
from ...types import UNSET, Response, Unset


class Filters(TypedDict, total=False):
    """The filters of this list: every query parameter but the paging ones."""

    start_time: str
    end_time: str
    status: TaskStatusFilter
    type_: str | TaskType
    project: str
    batch: str
    customer_review_status: list[TaskReviewStatus]
    unique_id: list[str]
    completed_after: str
    completed_before: str
    updated_after: str
    updated_before: str
    tags: list[str]
    include_attachment_url: bool
    limited_response: bool


def _get_kwargs(
    *,
    start_time: str | Unset = UNSET,
    end_time: str | Unset = UNSET,
    status: TaskStatusFilter | Unset = UNSET,
    type_: str | TaskType | Unset = UNSET,
    limit: int | Unset = 100,
    offset: int | Unset = 0,
    next_token: str | Unset = UNSET,
    project: str | Unset = UNSET,
    batch: str | Unset = UNSET,
    customer_review_status: list[TaskReviewStatus] | Unset = UNSET,
    unique_id: list[str] | Unset = UNSET,
    completed_after: str | Unset = UNSET,
    completed_before: str | Unset = UNSET,
    updated_after: str | Unset = UNSET,
    updated_before: str | Unset = UNSET,
    tags: list[str] | Unset = UNSET,
    include_attachment_url: bool | Unset = UNSET,
    limited_response: bool | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["start_time"] = start_time

    params["end_time"] = end_time

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    json_type_: str | Unset
    if isinstance(type_, Unset):
        json_type_ = UNSET
    elif isinstance(type_, TaskType):
        json_type_ = type_.value
    else:
        json_type_ = type_
    params["type"] = json_type_

    params["limit"] = limit

    params["offset"] = offset

    params["next_token"] = next_token

    params["project"] = project

    params["batch"] = batch

    json_customer_review_status: list[str] | Unset = UNSET
    if not isinstance(customer_review_status, Unset):
        json_customer_review_status = []
        for customer_review_status_item_data in customer_review_status:
            customer_review_status_item = customer_review_status_item_data.value
            json_customer_review_status.append(customer_review_status_item)

    params["customer_review_status"] = json_customer_review_status

    json_unique_id: list[str] | Unset = UNSET
    if not isinstance(unique_id, Unset):
        json_unique_id = unique_id

    params["unique_id"] = json_unique_id

    params["completed_after"] = completed_after

    params["completed_before"] = completed_before

    params["updated_after"] = updated_after

    params["updated_before"] = updated_before

    json_tags: list[str] | Unset = UNSET
    if not isinstance(tags, Unset):
        json_tags = tags

    params["tags"] = json_tags

    params["include_attachment_url"] = include_attachment_url

    params["limited_response"] = limited_response

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/tasks",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | ServerErrorBody | TaskListPage | None:
    if response.status_code == 200:
        response_200 = TaskListPage.from_dict(response.json())

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
) -> Response[Error | ServerErrorBody | TaskListPage]:
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
    status: TaskStatusFilter | Unset = UNSET,
    type_: str | TaskType | Unset = UNSET,
    limit: int | Unset = 100,
    offset: int | Unset = 0,
    next_token: str | Unset = UNSET,
    project: str | Unset = UNSET,
    batch: str | Unset = UNSET,
    customer_review_status: list[TaskReviewStatus] | Unset = UNSET,
    unique_id: list[str] | Unset = UNSET,
    completed_after: str | Unset = UNSET,
    completed_before: str | Unset = UNSET,
    updated_after: str | Unset = UNSET,
    updated_before: str | Unset = UNSET,
    tags: list[str] | Unset = UNSET,
    include_attachment_url: bool | Unset = UNSET,
    limited_response: bool | Unset = UNSET,
) -> Response[Error | ServerErrorBody | TaskListPage]:
    """List tasks

     "A paged endpoint" that "retrieves a list of your tasks. The tasks will be returned in
    descending order based on created_at time" (`docs-2018`). (The documents' own examples are
    in ascending order; the text wins.)

    **Paging.** The cursor is `next_token`: "Returns up to 100 at a time, to get more, use the
    next_token param passed back" (`sdk`). Offset paging (`limit` + `offset`) is the older style
    and `offset` is deprecated. Every filter narrows the result: a task is returned only if it
    matches all of them.

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
        status (TaskStatusFilter | Unset): The statuses the task list filters on: "can be:
            completed, pending, or canceled" (`docs-2018`).
            "The status of the task - can be: completed, pending, or canceled" (docs-2018 L2930).
        type_ (str | TaskType | Unset):
        limit (int | Unset): The page size. "A number between 1 and 100, the maximum number of
            results to display per page" (docs-2018 L2932). Default: 100.
        offset (int | Unset): The number of tasks to skip; no minimum is documented: 0 is our
            assumption. Default: 0.
        next_token (str | Unset):
        project (str | Unset):
        batch (str | Unset):
        customer_review_status (list[TaskReviewStatus] | Unset): At least one customer review
            status when the filter is given: our assumption (an empty
            list cannot be sent as repeated keys).
        unique_id (list[str] | Unset): At least one `unique_id` when the filter is given: our
            assumption (an empty list cannot be sent as repeated keys).
        completed_after (str | Unset): An ISO 8601 date (`2020-09-08`) or date-time, with `T` or a
            space between date and time and
            an optional zone (`2020-09-08T10:00:00Z`, `2020-09-08 10:00:00.123456`). The official SDK
            sends
            all three forms. A time without a zone is UTC. The date must exist in the calendar: the
            pattern bounds months, days and hours, and `2021-02-30` is refused with 400.
            The documents say only "start_time ISO 8601 Date" (docs-2018 L2928).
        completed_before (str | Unset): An ISO 8601 date (`2020-09-08`) or date-time, with `T` or
            a space between date and time and
            an optional zone (`2020-09-08T10:00:00Z`, `2020-09-08 10:00:00.123456`). The official SDK
            sends
            all three forms. A time without a zone is UTC. The date must exist in the calendar: the
            pattern bounds months, days and hours, and `2021-02-30` is refused with 400.
            The documents say only "start_time ISO 8601 Date" (docs-2018 L2928).
        updated_after (str | Unset): An ISO 8601 date (`2020-09-08`) or date-time, with `T` or a
            space between date and time and
            an optional zone (`2020-09-08T10:00:00Z`, `2020-09-08 10:00:00.123456`). The official SDK
            sends
            all three forms. A time without a zone is UTC. The date must exist in the calendar: the
            pattern bounds months, days and hours, and `2021-02-30` is refused with 400.
            The documents say only "start_time ISO 8601 Date" (docs-2018 L2928).
        updated_before (str | Unset): An ISO 8601 date (`2020-09-08`) or date-time, with `T` or a
            space between date and time and
            an optional zone (`2020-09-08T10:00:00Z`, `2020-09-08 10:00:00.123456`). The official SDK
            sends
            all three forms. A time without a zone is UTC. The date must exist in the calendar: the
            pattern bounds months, days and hours, and `2021-02-30` is refused with 400.
            The documents say only "start_time ISO 8601 Date" (docs-2018 L2928).
        tags (list[str] | Unset): At least one tag when the filter is given: our assumption (an
            empty list cannot be sent as repeated keys).
        include_attachment_url (bool | Unset):
        limited_response (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ServerErrorBody | TaskListPage]
    """

    kwargs = _get_kwargs(
        start_time=start_time,
        end_time=end_time,
        status=status,
        type_=type_,
        limit=limit,
        offset=offset,
        next_token=next_token,
        project=project,
        batch=batch,
        customer_review_status=customer_review_status,
        unique_id=unique_id,
        completed_after=completed_after,
        completed_before=completed_before,
        updated_after=updated_after,
        updated_before=updated_before,
        tags=tags,
        include_attachment_url=include_attachment_url,
        limited_response=limited_response,
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
    status: TaskStatusFilter | Unset = UNSET,
    type_: str | TaskType | Unset = UNSET,
    limit: int | Unset = 100,
    offset: int | Unset = 0,
    next_token: str | Unset = UNSET,
    project: str | Unset = UNSET,
    batch: str | Unset = UNSET,
    customer_review_status: list[TaskReviewStatus] | Unset = UNSET,
    unique_id: list[str] | Unset = UNSET,
    completed_after: str | Unset = UNSET,
    completed_before: str | Unset = UNSET,
    updated_after: str | Unset = UNSET,
    updated_before: str | Unset = UNSET,
    tags: list[str] | Unset = UNSET,
    include_attachment_url: bool | Unset = UNSET,
    limited_response: bool | Unset = UNSET,
) -> TaskListPage:
    """List tasks

     "A paged endpoint" that "retrieves a list of your tasks. The tasks will be returned in
    descending order based on created_at time" (`docs-2018`). (The documents' own examples are
    in ascending order; the text wins.)

    **Paging.** The cursor is `next_token`: "Returns up to 100 at a time, to get more, use the
    next_token param passed back" (`sdk`). Offset paging (`limit` + `offset`) is the older style
    and `offset` is deprecated. Every filter narrows the result: a task is returned only if it
    matches all of them.

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
        status (TaskStatusFilter | Unset): The statuses the task list filters on: "can be:
            completed, pending, or canceled" (`docs-2018`).
            "The status of the task - can be: completed, pending, or canceled" (docs-2018 L2930).
        type_ (str | TaskType | Unset):
        limit (int | Unset): The page size. "A number between 1 and 100, the maximum number of
            results to display per page" (docs-2018 L2932). Default: 100.
        offset (int | Unset): The number of tasks to skip; no minimum is documented: 0 is our
            assumption. Default: 0.
        next_token (str | Unset):
        project (str | Unset):
        batch (str | Unset):
        customer_review_status (list[TaskReviewStatus] | Unset): At least one customer review
            status when the filter is given: our assumption (an empty
            list cannot be sent as repeated keys).
        unique_id (list[str] | Unset): At least one `unique_id` when the filter is given: our
            assumption (an empty list cannot be sent as repeated keys).
        completed_after (str | Unset): An ISO 8601 date (`2020-09-08`) or date-time, with `T` or a
            space between date and time and
            an optional zone (`2020-09-08T10:00:00Z`, `2020-09-08 10:00:00.123456`). The official SDK
            sends
            all three forms. A time without a zone is UTC. The date must exist in the calendar: the
            pattern bounds months, days and hours, and `2021-02-30` is refused with 400.
            The documents say only "start_time ISO 8601 Date" (docs-2018 L2928).
        completed_before (str | Unset): An ISO 8601 date (`2020-09-08`) or date-time, with `T` or
            a space between date and time and
            an optional zone (`2020-09-08T10:00:00Z`, `2020-09-08 10:00:00.123456`). The official SDK
            sends
            all three forms. A time without a zone is UTC. The date must exist in the calendar: the
            pattern bounds months, days and hours, and `2021-02-30` is refused with 400.
            The documents say only "start_time ISO 8601 Date" (docs-2018 L2928).
        updated_after (str | Unset): An ISO 8601 date (`2020-09-08`) or date-time, with `T` or a
            space between date and time and
            an optional zone (`2020-09-08T10:00:00Z`, `2020-09-08 10:00:00.123456`). The official SDK
            sends
            all three forms. A time without a zone is UTC. The date must exist in the calendar: the
            pattern bounds months, days and hours, and `2021-02-30` is refused with 400.
            The documents say only "start_time ISO 8601 Date" (docs-2018 L2928).
        updated_before (str | Unset): An ISO 8601 date (`2020-09-08`) or date-time, with `T` or a
            space between date and time and
            an optional zone (`2020-09-08T10:00:00Z`, `2020-09-08 10:00:00.123456`). The official SDK
            sends
            all three forms. A time without a zone is UTC. The date must exist in the calendar: the
            pattern bounds months, days and hours, and `2021-02-30` is refused with 400.
            The documents say only "start_time ISO 8601 Date" (docs-2018 L2928).
        tags (list[str] | Unset): At least one tag when the filter is given: our assumption (an
            empty list cannot be sent as repeated keys).
        include_attachment_url (bool | Unset):
        limited_response (bool | Unset):

    Raises:
        errors.ScaleApiError: For an error status, the subclass of its code (errors.InvalidRequest, errors.NotFound, errors.Duplicate, errors.TooManyRequests, errors.ServerError, ...), with the server's message.
        errors.UnexpectedStatus: If the server returns an undocumented success status.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        TaskListPage
    """

    return cast(
        TaskListPage,
        errors.parsed_or_raise(
            sync_detailed(
                client=client,
                start_time=start_time,
                end_time=end_time,
                status=status,
                type_=type_,
                limit=limit,
                offset=offset,
                next_token=next_token,
                project=project,
                batch=batch,
                customer_review_status=customer_review_status,
                unique_id=unique_id,
                completed_after=completed_after,
                completed_before=completed_before,
                updated_after=updated_after,
                updated_before=updated_before,
                tags=tags,
                include_attachment_url=include_attachment_url,
                limited_response=limited_response,
            )
        ),
    )


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    start_time: str | Unset = UNSET,
    end_time: str | Unset = UNSET,
    status: TaskStatusFilter | Unset = UNSET,
    type_: str | TaskType | Unset = UNSET,
    limit: int | Unset = 100,
    offset: int | Unset = 0,
    next_token: str | Unset = UNSET,
    project: str | Unset = UNSET,
    batch: str | Unset = UNSET,
    customer_review_status: list[TaskReviewStatus] | Unset = UNSET,
    unique_id: list[str] | Unset = UNSET,
    completed_after: str | Unset = UNSET,
    completed_before: str | Unset = UNSET,
    updated_after: str | Unset = UNSET,
    updated_before: str | Unset = UNSET,
    tags: list[str] | Unset = UNSET,
    include_attachment_url: bool | Unset = UNSET,
    limited_response: bool | Unset = UNSET,
) -> Response[Error | ServerErrorBody | TaskListPage]:
    """List tasks

     "A paged endpoint" that "retrieves a list of your tasks. The tasks will be returned in
    descending order based on created_at time" (`docs-2018`). (The documents' own examples are
    in ascending order; the text wins.)

    **Paging.** The cursor is `next_token`: "Returns up to 100 at a time, to get more, use the
    next_token param passed back" (`sdk`). Offset paging (`limit` + `offset`) is the older style
    and `offset` is deprecated. Every filter narrows the result: a task is returned only if it
    matches all of them.

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
        status (TaskStatusFilter | Unset): The statuses the task list filters on: "can be:
            completed, pending, or canceled" (`docs-2018`).
            "The status of the task - can be: completed, pending, or canceled" (docs-2018 L2930).
        type_ (str | TaskType | Unset):
        limit (int | Unset): The page size. "A number between 1 and 100, the maximum number of
            results to display per page" (docs-2018 L2932). Default: 100.
        offset (int | Unset): The number of tasks to skip; no minimum is documented: 0 is our
            assumption. Default: 0.
        next_token (str | Unset):
        project (str | Unset):
        batch (str | Unset):
        customer_review_status (list[TaskReviewStatus] | Unset): At least one customer review
            status when the filter is given: our assumption (an empty
            list cannot be sent as repeated keys).
        unique_id (list[str] | Unset): At least one `unique_id` when the filter is given: our
            assumption (an empty list cannot be sent as repeated keys).
        completed_after (str | Unset): An ISO 8601 date (`2020-09-08`) or date-time, with `T` or a
            space between date and time and
            an optional zone (`2020-09-08T10:00:00Z`, `2020-09-08 10:00:00.123456`). The official SDK
            sends
            all three forms. A time without a zone is UTC. The date must exist in the calendar: the
            pattern bounds months, days and hours, and `2021-02-30` is refused with 400.
            The documents say only "start_time ISO 8601 Date" (docs-2018 L2928).
        completed_before (str | Unset): An ISO 8601 date (`2020-09-08`) or date-time, with `T` or
            a space between date and time and
            an optional zone (`2020-09-08T10:00:00Z`, `2020-09-08 10:00:00.123456`). The official SDK
            sends
            all three forms. A time without a zone is UTC. The date must exist in the calendar: the
            pattern bounds months, days and hours, and `2021-02-30` is refused with 400.
            The documents say only "start_time ISO 8601 Date" (docs-2018 L2928).
        updated_after (str | Unset): An ISO 8601 date (`2020-09-08`) or date-time, with `T` or a
            space between date and time and
            an optional zone (`2020-09-08T10:00:00Z`, `2020-09-08 10:00:00.123456`). The official SDK
            sends
            all three forms. A time without a zone is UTC. The date must exist in the calendar: the
            pattern bounds months, days and hours, and `2021-02-30` is refused with 400.
            The documents say only "start_time ISO 8601 Date" (docs-2018 L2928).
        updated_before (str | Unset): An ISO 8601 date (`2020-09-08`) or date-time, with `T` or a
            space between date and time and
            an optional zone (`2020-09-08T10:00:00Z`, `2020-09-08 10:00:00.123456`). The official SDK
            sends
            all three forms. A time without a zone is UTC. The date must exist in the calendar: the
            pattern bounds months, days and hours, and `2021-02-30` is refused with 400.
            The documents say only "start_time ISO 8601 Date" (docs-2018 L2928).
        tags (list[str] | Unset): At least one tag when the filter is given: our assumption (an
            empty list cannot be sent as repeated keys).
        include_attachment_url (bool | Unset):
        limited_response (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ServerErrorBody | TaskListPage]
    """

    kwargs = _get_kwargs(
        start_time=start_time,
        end_time=end_time,
        status=status,
        type_=type_,
        limit=limit,
        offset=offset,
        next_token=next_token,
        project=project,
        batch=batch,
        customer_review_status=customer_review_status,
        unique_id=unique_id,
        completed_after=completed_after,
        completed_before=completed_before,
        updated_after=updated_after,
        updated_before=updated_before,
        tags=tags,
        include_attachment_url=include_attachment_url,
        limited_response=limited_response,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    start_time: str | Unset = UNSET,
    end_time: str | Unset = UNSET,
    status: TaskStatusFilter | Unset = UNSET,
    type_: str | TaskType | Unset = UNSET,
    limit: int | Unset = 100,
    offset: int | Unset = 0,
    next_token: str | Unset = UNSET,
    project: str | Unset = UNSET,
    batch: str | Unset = UNSET,
    customer_review_status: list[TaskReviewStatus] | Unset = UNSET,
    unique_id: list[str] | Unset = UNSET,
    completed_after: str | Unset = UNSET,
    completed_before: str | Unset = UNSET,
    updated_after: str | Unset = UNSET,
    updated_before: str | Unset = UNSET,
    tags: list[str] | Unset = UNSET,
    include_attachment_url: bool | Unset = UNSET,
    limited_response: bool | Unset = UNSET,
) -> TaskListPage:
    """List tasks

     "A paged endpoint" that "retrieves a list of your tasks. The tasks will be returned in
    descending order based on created_at time" (`docs-2018`). (The documents' own examples are
    in ascending order; the text wins.)

    **Paging.** The cursor is `next_token`: "Returns up to 100 at a time, to get more, use the
    next_token param passed back" (`sdk`). Offset paging (`limit` + `offset`) is the older style
    and `offset` is deprecated. Every filter narrows the result: a task is returned only if it
    matches all of them.

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
        status (TaskStatusFilter | Unset): The statuses the task list filters on: "can be:
            completed, pending, or canceled" (`docs-2018`).
            "The status of the task - can be: completed, pending, or canceled" (docs-2018 L2930).
        type_ (str | TaskType | Unset):
        limit (int | Unset): The page size. "A number between 1 and 100, the maximum number of
            results to display per page" (docs-2018 L2932). Default: 100.
        offset (int | Unset): The number of tasks to skip; no minimum is documented: 0 is our
            assumption. Default: 0.
        next_token (str | Unset):
        project (str | Unset):
        batch (str | Unset):
        customer_review_status (list[TaskReviewStatus] | Unset): At least one customer review
            status when the filter is given: our assumption (an empty
            list cannot be sent as repeated keys).
        unique_id (list[str] | Unset): At least one `unique_id` when the filter is given: our
            assumption (an empty list cannot be sent as repeated keys).
        completed_after (str | Unset): An ISO 8601 date (`2020-09-08`) or date-time, with `T` or a
            space between date and time and
            an optional zone (`2020-09-08T10:00:00Z`, `2020-09-08 10:00:00.123456`). The official SDK
            sends
            all three forms. A time without a zone is UTC. The date must exist in the calendar: the
            pattern bounds months, days and hours, and `2021-02-30` is refused with 400.
            The documents say only "start_time ISO 8601 Date" (docs-2018 L2928).
        completed_before (str | Unset): An ISO 8601 date (`2020-09-08`) or date-time, with `T` or
            a space between date and time and
            an optional zone (`2020-09-08T10:00:00Z`, `2020-09-08 10:00:00.123456`). The official SDK
            sends
            all three forms. A time without a zone is UTC. The date must exist in the calendar: the
            pattern bounds months, days and hours, and `2021-02-30` is refused with 400.
            The documents say only "start_time ISO 8601 Date" (docs-2018 L2928).
        updated_after (str | Unset): An ISO 8601 date (`2020-09-08`) or date-time, with `T` or a
            space between date and time and
            an optional zone (`2020-09-08T10:00:00Z`, `2020-09-08 10:00:00.123456`). The official SDK
            sends
            all three forms. A time without a zone is UTC. The date must exist in the calendar: the
            pattern bounds months, days and hours, and `2021-02-30` is refused with 400.
            The documents say only "start_time ISO 8601 Date" (docs-2018 L2928).
        updated_before (str | Unset): An ISO 8601 date (`2020-09-08`) or date-time, with `T` or a
            space between date and time and
            an optional zone (`2020-09-08T10:00:00Z`, `2020-09-08 10:00:00.123456`). The official SDK
            sends
            all three forms. A time without a zone is UTC. The date must exist in the calendar: the
            pattern bounds months, days and hours, and `2021-02-30` is refused with 400.
            The documents say only "start_time ISO 8601 Date" (docs-2018 L2928).
        tags (list[str] | Unset): At least one tag when the filter is given: our assumption (an
            empty list cannot be sent as repeated keys).
        include_attachment_url (bool | Unset):
        limited_response (bool | Unset):

    Raises:
        errors.ScaleApiError: For an error status, the subclass of its code (errors.InvalidRequest, errors.NotFound, errors.Duplicate, errors.TooManyRequests, errors.ServerError, ...), with the server's message.
        errors.UnexpectedStatus: If the server returns an undocumented success status.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        TaskListPage
    """

    return cast(
        TaskListPage,
        errors.parsed_or_raise(
            await asyncio_detailed(
                client=client,
                start_time=start_time,
                end_time=end_time,
                status=status,
                type_=type_,
                limit=limit,
                offset=offset,
                next_token=next_token,
                project=project,
                batch=batch,
                customer_review_status=customer_review_status,
                unique_id=unique_id,
                completed_after=completed_after,
                completed_before=completed_before,
                updated_after=updated_after,
                updated_before=updated_before,
                tags=tags,
                include_attachment_url=include_attachment_url,
                limited_response=limited_response,
            )
        ),
    )
