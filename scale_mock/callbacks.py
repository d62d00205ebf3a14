"""Deliver task callbacks the way the documents describe, off the request path.

"Scale will POST to your callback_url once the task is completed", with the task, its response
and the `scale-callback-auth` header; a non-2xx reply is retried "up to 20 times over the course
of the next 24 hours", and `callback_succeeded` records the outcome. An e-mail address as
`callback_url` gets "an email sent with the body as the task's JSON payload": the mock records
it instead of sending it.

A task's callback record (or e-mail) and its delivery job are written in the transaction that
finishes the task, so a callback outlives the process that queued it. One scheduler thread
claims due jobs from the database (with a lease: of several replicas on one database, one sends
each attempt, and a replica killed mid-attempt leaves it to another once the lease expires) and
hands each to a bounded pool of senders, so an API request only enqueues, and a slow receiver
holds one sender for at most `deadline` seconds (overall, not per read; at most `MAX_REPLY`
bytes of its reply are read) while other tenants' callbacks go on: no tenant has more than
`PER_TENANT` attempts in flight at once in one process. An attempt is recorded once: its
outcome and the job's next step are written together, and only while the lease holds.

`CallbackPolicy` says where callbacks may go: http(s) only, no credentials in the URL, and never
to link-local or cloud-metadata addresses (nor unspecified or multicast ones) unless listed with
`--callback-allow`; loopback, private and public addresses are allowed. A literal address is
checked when the task is created (a 400); a host name is resolved at each delivery, every address
it resolves to is checked, and the connection goes to the address checked (no DNS rebinding).
Why a delivery failed is never recorded beyond "unreachable".
`time_scale` compresses the retry schedule (0.001 turns ~21 hours into ~75 seconds) for tests
and for clients that want to watch the retries.
"""

from __future__ import annotations

import ipaddress
import json
import logging
import socket
import ssl
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpcore

from scale_mock.clock import now
from scale_mock.store import CallbackJob, Storage, StorageFault, Tx

log = logging.getLogger("scale_mock.callbacks")

MAX_ATTEMPTS = 20
# Seconds before each retry: doubling from 10 s, capped at 2 h; the 19 waits add up to ~21 h.
RETRY_DELAYS = tuple(min(10 * 2**attempt, 7200) for attempt in range(MAX_ATTEMPTS - 1))
# Seconds before an attempt whose outcome the database could not keep is recorded again.
STORAGE_RETRY_DELAY = 1.0
# Seconds a claimed attempt is its sender's alone; past it (a replica killed mid-attempt),
# another sender makes the attempt again.
LEASE = 60.0
# Longest wait between two looks at the jobs (others' expired leases, other replicas' jobs).
POLL_SECONDS = 1.0
DEFAULT_AUTH_KEY = "scale-mock-callback-auth"
SENDERS = 8
PER_TENANT = SENDERS // 2  # attempts of one tenant in flight at once: the rest wait their turn
DEADLINE = 10.0  # seconds for one attempt, all of it: resolve, connect, send, read the reply
MAX_REPLY = 64 * 1024
UNREACHABLE = "unreachable"

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network
FORBIDDEN: tuple[Network, ...] = tuple(
    ipaddress.ip_network(net)
    for net in (
        "169.254.0.0/16",  # IPv4 link-local, 169.254.169.254 (cloud metadata) included
        "fe80::/10",  # IPv6 link-local
        "fd00:ec2::254/128",  # the AWS metadata service over IPv6
        "0.0.0.0/8",
        "::/128",
        "224.0.0.0/4",
        "ff00::/8",
    )
)


class CallbackRefused(ValueError):
    """A callback_url the mock will not call; the message says why."""


def _address(text: str) -> Address | None:
    try:
        address = ipaddress.ip_address(text.split("%", 1)[0])
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


@dataclass(frozen=True)
class CallbackPolicy:
    """Where callbacks may go: `allow` lists host names and networks that are always allowed."""

    allow: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for entry in self.allow:
            self._network(entry)  # a bad CIDR fails here, at start-up

    @staticmethod
    def _network(entry: str) -> Network | None:
        if "/" in entry or _address(entry) is not None:
            return ipaddress.ip_network(entry, strict=False)
        return None

    @property
    def _networks(self) -> list[Network]:
        return [net for entry in self.allow if (net := self._network(entry)) is not None]

    def host_listed(self, host: str) -> bool:
        return host.lower().rstrip(".") in {entry.lower().rstrip(".") for entry in self.allow}

    def address_allowed(self, address: Address) -> bool:
        if any(address in net for net in self._networks if net.version == address.version):
            return True
        return not any(address in net for net in FORBIDDEN if net.version == address.version)

    def check_url(self, url: str) -> None:
        """At task creation: raise `CallbackRefused` for a URL the mock will never call."""
        if is_email(url):
            return
        try:
            parts = urlsplit(url)
            parts.port  # noqa: B018 -- raises ValueError on a bad port
        except ValueError:
            raise CallbackRefused("callback_url is not a valid URL") from None
        if parts.scheme.lower() not in ("http", "https"):
            raise CallbackRefused("callback_url must be an http or https URL or an e-mail address")
        if not parts.hostname:
            raise CallbackRefused("callback_url has no host")
        if parts.username is not None or parts.password is not None:
            raise CallbackRefused("callback_url must not carry credentials")
        if self.host_listed(parts.hostname):
            return
        address = _address(parts.hostname)
        if address is not None and not self.address_allowed(address):
            raise CallbackRefused(
                f"callback_url may not point at {address} (link-local or metadata address); "
                "start scale-mock with --callback-allow to allow it"
            )


_default_policy = CallbackPolicy()


def set_default_policy(policy: CallbackPolicy) -> None:
    """The policy of dispatchers created from now on without one (`scale-mock --callback-allow`)."""
    global _default_policy
    _default_policy = policy


class _Unreachable(Exception):
    pass


def is_email(address: str) -> bool:
    return "@" in address and "://" not in address


def callback_body(task: dict[str, Any]) -> dict[str, Any]:
    """The documented `CallbackBody`: `task_id`, `status`, `response` and the full `task`."""
    return {
        "task_id": task["task_id"],
        "status": task["status"],
        "response": task.get("response"),
        "task": task,
    }


@dataclass
class _Unrecorded:
    """An attempt made whose outcome the database could not keep yet: recorded later, without
    sending the callback again, while the lease holds."""

    job: CallbackJob
    outcome: dict[str, Any]
    succeeded: bool
    retry_in: float | None
    retry_at: float


class CallbackDispatcher:
    """Posts callbacks from a bounded pool of threads, retrying on a compressible schedule.

    Each callback is a job in the database (`Tx.schedule_callback`, in the transaction that
    finishes the task), so it outlives the process. A scheduler thread claims due jobs
    (`Storage.claim_callbacks`: a lease, so of several replicas on one database exactly one
    sends each attempt; a replica killed mid-attempt leaves the job to another once the lease
    expires) and hands them to the senders. An attempt's outcome is recorded, and the job moved
    to its next attempt or ended, in one transaction that holds only while the lease does: an
    attempt is recorded once, whoever made it."""

    def __init__(
        self,
        store: Storage,
        auth_key: str = DEFAULT_AUTH_KEY,
        time_scale: float = 1.0,
        timeout: float = DEADLINE,
        *,
        policy: CallbackPolicy | None = None,
        senders: int = SENDERS,
        lease: float = LEASE,
    ) -> None:
        """`timeout`: the overall deadline of one attempt, in seconds; `lease`: how long a
        claimed attempt is this sender's alone (longer than `timeout`)."""
        self._store = store
        self._auth_key = auth_key
        self._time_scale = time_scale
        self._timeout = timeout
        self._senders = senders
        self._lease = max(lease, timeout + 1.0)
        self.policy = policy if policy is not None else _default_policy
        self._wake = threading.Condition()
        self._stopping = False
        self._worker: threading.Thread | None = None
        self._pool: ThreadPoolExecutor | None = None
        self._in_flight: dict[str, int] = {}
        self._unrecorded: list[_Unrecorded] = []

    def start(self) -> None:
        if self._worker is None:
            self._stopping = False
            self._pool = ThreadPoolExecutor(self._senders, thread_name_prefix="scale-mock-callback")
            self._worker = threading.Thread(
                target=self._run, name="scale-mock-callbacks", daemon=True
            )
            self._worker.start()

    def close(self) -> None:
        """Stop the scheduler and the senders (each within its deadline). Callbacks still to be
        sent stay in the database: a replica, or this mock started again, sends them."""
        with self._wake:
            self._stopping = True
            self._wake.notify_all()
        if self._worker is not None:
            self._worker.join(timeout=5)
            self._worker = None
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def check_url(self, url: str) -> None:
        """Raise `CallbackRefused` for a callback_url this dispatcher will never call."""
        self.policy.check_url(url)

    def task_finished(self, tx: Tx, task: dict[str, Any]) -> None:
        """Called in the transaction that completed or errored the task; returns at once."""
        url = task.get("callback_url")
        if not url:
            return
        body = callback_body(task)
        task_id = task["task_id"]
        if is_email(url):
            email = {"to": url, "task_id": task_id, "sent_at": now(), "body": body}
            tx.insert("email", f"{task_id}:{url}", email)
            return
        tx.put(
            "callback", task_id, {"task_id": task_id, "url": url, "attempts": [], "succeeded": None}
        )
        tx.schedule_callback(task_id, url, json.dumps(body).encode())
        tx.after_commit(self._poke)

    def _poke(self) -> None:
        with self._wake:
            self._wake.notify()

    def _busy_tenants(self) -> list[str]:
        """Tenants with their share of the senders in flight: their next jobs wait their turn,
        so no tenant takes every sender."""
        share = max(1, min(PER_TENANT, self._senders - 1))
        return [tenant for tenant, count in self._in_flight.items() if count >= share]

    def _run(self) -> None:
        while True:
            with self._wake:
                if self._stopping:
                    return
                free = self._senders - sum(self._in_flight.values())
                busy = self._busy_tenants()
            jobs: list[CallbackJob] = []
            wait = POLL_SECONDS
            try:
                self._record_owed()
                if free > 0:
                    jobs = self._store.claim_callbacks(self._lease, free, busy)
                if not jobs:
                    due = self._store.next_callback_due()
                    # due already but not claimable (senders busy, the tenant at its share):
                    # a sender finishing wakes this thread; else look again within POLL_SECONDS
                    if due is not None and due > 0:
                        wait = min(POLL_SECONDS, due)
            except StorageFault as fault:
                log.warning("callbacks wait for the database: %s", fault)
                wait = STORAGE_RETRY_DELAY
            except Exception:  # a bug: logged, and the callbacks go on after a pause
                log.exception("callbacks: the scheduler failed; trying again")
                wait = STORAGE_RETRY_DELAY
            pool = self._pool
            for job in jobs:
                with self._wake:
                    self._in_flight[job.tenant] = self._in_flight.get(job.tenant, 0) + 1
                if pool is None:
                    return
                try:
                    pool.submit(self._send, job)
                except RuntimeError:  # shut down meanwhile
                    return
            if jobs:
                continue  # more may be due at once (one job per tenant per claim)
            with self._wake:
                if not self._stopping and wait > 0:
                    self._wake.wait(timeout=wait)

    def _send(self, job: CallbackJob) -> None:
        try:
            self._attempt(job)
        finally:
            with self._wake:
                self._in_flight[job.tenant] -= 1
                if not self._in_flight[job.tenant]:
                    del self._in_flight[job.tenant]
                self._wake.notify()

    def _attempt(self, job: CallbackJob) -> None:
        outcome, succeeded, retryable = self._send_once(job)
        final = succeeded or not retryable or job.attempt >= MAX_ATTEMPTS
        retry_in = None if final else RETRY_DELAYS[job.attempt - 1] * self._time_scale
        try:
            self._record(job, outcome, succeeded if final else None, retry_in)
        except Exception as fault:
            if not isinstance(fault, StorageFault):  # a bug: the lease brings it back later
                log.exception("callback of task %s: the attempt could not be recorded", job.task_id)
                return
            # The database cannot keep the outcome now (full, locked, gone): keep it and
            # record it later, without sending the callback again, while the lease holds.
            log.warning("callback of task %s not recorded yet: %s", job.task_id, fault)
            owed = _Unrecorded(job, outcome, succeeded, retry_in, time.monotonic())
            with self._wake:
                self._unrecorded.append(owed)

    def _record_owed(self) -> None:
        """Record the outcomes the database could not keep before (the scheduler's thread)."""
        with self._wake:
            owed, self._unrecorded = self._unrecorded, []
        for index, item in enumerate(owed):
            if time.monotonic() - item.retry_at < STORAGE_RETRY_DELAY:
                with self._wake:
                    self._unrecorded.append(item)
                continue
            final = item.retry_in is None
            try:
                self._record(
                    item.job, item.outcome, item.succeeded if final else None, item.retry_in
                )
            except StorageFault:
                item.retry_at = time.monotonic()
                with self._wake:
                    self._unrecorded.extend(owed[index:])
                raise

    def _send_once(self, job: CallbackJob) -> tuple[dict[str, Any], bool, bool]:
        """One POST: its outcome, whether it succeeded, whether a failure may be retried."""
        outcome: dict[str, Any] = {"attempt": job.attempt, "at": now()}
        try:
            status = self._post(job.url, job.payload)
        except CallbackRefused:
            outcome["error"] = UNREACHABLE
            return outcome, False, False
        except Exception:  # unreachable, or anything else: never lose the record of an attempt
            outcome["error"] = UNREACHABLE
            return outcome, False, True
        outcome["status_code"] = status
        return outcome, 200 <= status < 300, True

    def _resolve(self, host: str, port: int) -> list[str]:
        """Every address of `host`, each allowed by the policy (else `_Unreachable`)."""
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
        if not addresses:
            raise _Unreachable
        if self.policy.host_listed(host):
            return addresses
        for text in addresses:
            address = _address(text)
            if address is None or not self.policy.address_allowed(address):
                raise _Unreachable
        return addresses

    def _post(self, url: str, payload: bytes) -> int:
        """One attempt through httpcore (httpx's core): the reply's status code, within
        `self._timeout` seconds overall. The connection goes to an address the policy checked
        (`_PinnedBackend`); the reply's body is never read."""
        self.policy.check_url(url)
        backend = _PinnedBackend(self, time.monotonic() + self._timeout)
        headers: list[tuple[bytes | str, bytes | str]] = [
            ("User-Agent", "scale-mock"),
            ("Content-Type", "application/json"),
            ("scale-callback-auth", self._auth_key),
        ]
        timeout = {name: self._timeout for name in ("connect", "read", "write", "pool")}
        try:
            with (
                httpcore.ConnectionPool(network_backend=backend, retries=0) as pool,
                pool.stream(
                    "POST", url, headers=headers, content=payload, extensions={"timeout": timeout}
                ) as reply,
            ):
                return int(reply.status)
        except (httpcore.TimeoutException, httpcore.NetworkError, httpcore.ProtocolError):
            raise _Unreachable from None

    def _record(
        self,
        job: CallbackJob,
        outcome: dict[str, Any],
        succeeded: bool | None,
        retry_in: float | None,
    ) -> None:
        """The attempt's outcome on the task's callback record (and `callback_succeeded` once
        final), and the job moved on, in one transaction; nothing if the lease was lost (the
        sender that holds the job now records its own attempt)."""
        try:
            with self._store.transaction(job.tenant) as tx:
                if not tx.settle_callback(job.task_id, job.lease, retry_in):
                    raise _LeaseLost
                record = tx.get("callback", job.task_id)
                if record is not None:
                    record["attempts"].append(outcome)
                    record["succeeded"] = succeeded
                    tx.put("callback", job.task_id, record)
                if succeeded is not None:
                    task = tx.get("task", job.task_id)
                    if task is not None:
                        task["callback_succeeded"] = succeeded
                        tx.put("task", job.task_id, task)
        except _LeaseLost:
            log.warning("callback of task %s: lease lost, attempt not recorded", job.task_id)


class _LeaseLost(Exception):
    """The job's lease expired before its outcome was recorded: another sender has it."""


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose every read and write ends by the attempt's deadline, and which reads
    at most `MAX_REPLY` bytes: a receiver that drips its reply cannot hold a sender longer."""

    def __init__(self, stream: httpcore.NetworkStream, deadline: float) -> None:
        self._stream, self._deadline, self._read = stream, deadline, 0

    def _left(self, timeout: float | None) -> float:
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise httpcore.ReadTimeout("the attempt's deadline passed")
        return left if timeout is None else min(timeout, left)

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        if self._read >= MAX_REPLY:
            raise httpcore.ReadError("the reply is too long")
        data = self._stream.read(min(max_bytes, MAX_REPLY - self._read), self._left(timeout))
        self._read += len(data)
        return data

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, self._left(timeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        tls = self._stream.start_tls(ssl_context, server_hostname, self._left(timeout))
        return _DeadlineStream(tls, self._deadline)

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class _PinnedBackend(httpcore.SyncBackend):
    """Connects only to addresses the policy allows, resolved here, once (no DNS rebinding
    between the check and the connection), and bounds the whole attempt by `deadline`."""

    def __init__(self, dispatcher: CallbackDispatcher, deadline: float) -> None:
        self._dispatcher, self._deadline = dispatcher, deadline

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Any = None,
    ) -> httpcore.NetworkStream:
        for address in self._dispatcher._resolve(host, port):
            left = self._deadline - time.monotonic()
            if left <= 0:
                break
            try:
                stream = super().connect_tcp(address, port, left, local_address, socket_options)
            except httpcore.ConnectError:
                continue
            return _DeadlineStream(stream, self._deadline)
        raise httpcore.ConnectError("unreachable")
