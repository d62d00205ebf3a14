"""A client library for accessing Scale AI REST API"""

from ._version import GENERATOR, __version__
from .client import AuthenticatedClient, Client
from .errors import (
    ContentTooLarge,
    Duplicate,
    GatewayTimeout,
    InternalServerError,
    InvalidRequest,
    NotEnabled,
    NotFound,
    ScaleApiError,
    ServerError,
    ServiceUnavailable,
    TooManyRequests,
    Unauthorized,
    UnexpectedStatus,
)
from .pagination import aiter_batches, aiter_tasks, iter_batches, iter_tasks
from .scale import DEFAULT_BASE_URL, from_api_key
from .typed import response_of
from .waiting import await_task, wait_for_task

__all__ = (
    "DEFAULT_BASE_URL",
    "GENERATOR",
    "AuthenticatedClient",
    "Client",
    "ContentTooLarge",
    "Duplicate",
    "GatewayTimeout",
    "InternalServerError",
    "InvalidRequest",
    "NotEnabled",
    "NotFound",
    "ScaleApiError",
    "ServerError",
    "ServiceUnavailable",
    "TooManyRequests",
    "Unauthorized",
    "UnexpectedStatus",
    "__version__",
    "aiter_batches",
    "aiter_tasks",
    "await_task",
    "from_api_key",
    "iter_batches",
    "iter_tasks",
    "response_of",
    "wait_for_task",
)
