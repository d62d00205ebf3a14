"""A client library for accessing Scale AI REST API"""

from .client import AuthenticatedClient, Client
from .pagination import aiter_batches, aiter_tasks, iter_batches, iter_tasks
from .scale import DEFAULT_BASE_URL, from_api_key
from .waiting import await_task, wait_for_task

__all__ = (
    "DEFAULT_BASE_URL",
    "AuthenticatedClient",
    "Client",
    "aiter_batches",
    "aiter_tasks",
    "await_task",
    "from_api_key",
    "iter_batches",
    "iter_tasks",
    "wait_for_task",
)
