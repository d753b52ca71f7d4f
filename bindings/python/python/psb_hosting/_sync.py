"""The blocking client: each method runs the native coroutine to completion on an event loop
private to the calling thread (so it also works from threads, and inside a running event loop
through a helper thread)."""

from __future__ import annotations

import asyncio
import builtins
import concurrent.futures
import datetime
import threading
import typing

from typing_extensions import Self

from . import _async
from ._async import AsyncClient
from ._native import psb_uniffi as _ffi
from ._native.psb_model import (
    Account,
    ChatMessage,
    NewOrder,
    NewTicket,
    Order,
    OrderCreated,
    OrderDetail,
    Payment,
    PaymentPage,
    PaymentSortBy,
    Product,
    ProductsForChange,
    Recipe,
    ServerHistoryEntry,
    ServerIpAddress,
    ServerStatus,
    SortOrder,
    Ticket,
    TicketPage,
)
from ._uploads import UploadSource

__all__ = ["Client"]

T = typing.TypeVar("T")

_local = threading.local()
_helper: concurrent.futures.ThreadPoolExecutor | None = None
_helper_lock = threading.Lock()


class _ThreadLoop:
    """The calling thread's private event loop, closed when the thread ends."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()

    def __del__(self) -> None:
        try:
            self.loop.close()
        except Exception:  # pragma: no cover - interpreter shutdown
            pass


def _run(coro: typing.Coroutine[typing.Any, typing.Any, T]) -> T:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        holder: _ThreadLoop | None = getattr(_local, "holder", None)
        if holder is None:
            holder = _local.holder = _ThreadLoop()
        return holder.loop.run_until_complete(coro)
    # Called from a coroutine (a notebook, an async framework): block on a helper thread.
    global _helper
    with _helper_lock:
        if _helper is None:
            _helper = concurrent.futures.ThreadPoolExecutor(4, thread_name_prefix="psb-sync")
    done: concurrent.futures.Future[T] = _helper.submit(_run, coro)
    return done.result()


def _walk(stream: typing.Any) -> typing.Iterator[typing.Any]:
    """A native page stream as an iterator (each item fetched by a blocking `next`; no async
    generator is left behind when the caller stops early)."""
    while True:
        item = _run(_async._call(stream.next()))
        if item is None:
            return
        yield item


class AccountResource:
    """The account the token belongs to."""

    def __init__(self, a: _async.AsyncAccount) -> None:
        self._a = a

    def get(self) -> Account:
        """``GET /users/me``."""
        return _run(self._a.get())


class Products:
    """The catalog (public)."""

    def __init__(self, a: _async.AsyncProducts) -> None:
        self._a = a

    def list(self, types: typing.Iterable[str] | None = None) -> builtins.list[Product]:
        """``GET /products``; ``types`` filters by product type (``["VPS"]``)."""
        return _run(self._a.list(types))

    def get(self, id: int) -> Product:
        return _run(self._a.get(id))


class Recipes:
    """Scripts for new servers (public)."""

    def __init__(self, a: _async.AsyncRecipes) -> None:
        self._a = a

    def list(self) -> builtins.list[Recipe]:
        return _run(self._a.list())

    def get(self, id: int) -> Recipe:
        return _run(self._a.get(id))


class Orders:
    """Orders: buying, prolonging, changing and ending them."""

    def __init__(self, a: _async.AsyncOrders) -> None:
        self._a = a

    def list(self) -> builtins.list[Order]:
        return _run(self._a.list())

    def get(self, id: int) -> OrderDetail:
        return _run(self._a.get(id))

    def create(self, new_order: NewOrder) -> OrderCreated:
        """``POST /order`` (never retried once sent)."""
        return _run(self._a.create(new_order))

    def prolong(self, id: int, period: int | None = None) -> Order:
        return _run(self._a.prolong(id, period))

    def toggle_auto_prolong(self, id: int) -> Order:
        return _run(self._a.toggle_auto_prolong(id))

    def products_for_change(self, id: int) -> ProductsForChange:
        return _run(self._a.products_for_change(id))

    def change_product(self, id: int, product_id: int) -> Order:
        return _run(self._a.change_product(id, product_id))

    def terminate(self, id: int) -> Order:
        """Ends the order now. There is no undo."""
        return _run(self._a.terminate(id))


class Payments:
    """The payment ledger."""

    def __init__(self, a: _async.AsyncPayments) -> None:
        self._a = a

    def list(
        self,
        page: int | None = None,
        page_size: int | None = None,
        sort_by: PaymentSortBy | None = None,
        sort_order: SortOrder | None = None,
    ) -> PaymentPage:
        return _run(self._a.list(page, page_size, sort_by, sort_order))

    def iter(
        self,
        page: int | None = None,
        page_size: int | None = None,
        sort_by: PaymentSortBy | None = None,
        sort_order: SortOrder | None = None,
    ) -> typing.Iterator[Payment]:
        """Every payment (from ``page``), fetched page by page as you iterate."""
        return _walk(self._a._n.iter(_async._query(page, page_size, sort_by, sort_order)))


class ServerAction:
    """A server action the provider is carrying out (a restart, a reinstall, a new password,
    ...), as the call that started it returns it: ``action.wait()`` ends when its entry in the
    server history has completed."""

    __slots__ = ("_a",)

    def __init__(self, a: _async.AsyncServerAction) -> None:
        self._a = a

    @property
    def order_id(self) -> int:
        """The order whose server the action runs on."""
        return self._a.order_id

    @property
    def action(self) -> str:
        """The action's name in the server history (``host_restart``, ``change_password``, ...)."""
        return self._a.action

    @property
    def message(self) -> str:
        """The provider's acknowledgement."""
        return self._a.message

    def wait(self, timeout: float | datetime.timedelta = 300.0) -> ServerHistoryEntry:
        """The action's history entry once it has completed; :class:`ServerError` if it failed,
        :class:`TimeoutError` (naming the last state seen) after ``timeout`` (seconds or a
        timedelta)."""
        return _run(self._a.wait(timeout))

    def __repr__(self) -> str:
        return f"<ServerAction {self.action} on order {self.order_id}>"


class Servers:
    """The servers behind orders: power, access, network."""

    def __init__(self, a: _async.AsyncServers) -> None:
        self._a = a

    def start(self, order_id: int) -> ServerAction:
        """Starts ``host_start``; ``servers.start(id).wait()`` until it is over."""
        return ServerAction(_run(self._a.start(order_id)))

    def stop(self, order_id: int) -> ServerAction:
        """Starts ``host_stop``; ``servers.stop(id).wait()`` until it is over."""
        return ServerAction(_run(self._a.stop(order_id)))

    def restart(self, order_id: int) -> ServerAction:
        """Starts ``host_restart``; ``servers.restart(id).wait()`` until it is over."""
        return ServerAction(_run(self._a.restart(order_id)))

    def history(self, order_id: int) -> list[ServerHistoryEntry]:
        return _run(self._a.history(order_id))

    def ip_addresses(self, order_id: int) -> list[ServerIpAddress]:
        return _run(self._a.ip_addresses(order_id))

    def add_ptr(self, order_id: int, ip: str, domain: str) -> ServerIpAddress:
        return _run(self._a.add_ptr(order_id, ip, domain))

    def update_ptr(self, order_id: int, ip: str, domain: str) -> ServerIpAddress:
        return _run(self._a.update_ptr(order_id, ip, domain))

    def change_password(self, order_id: int, password: str) -> ServerAction:
        """Starts ``change_password``; wait on the returned action until it is over."""
        return ServerAction(_run(self._a.change_password(order_id, password)))

    def change_port(self, order_id: int, port: int) -> ServerAction:
        """Starts ``change_port``; wait on the returned action until it is over."""
        return ServerAction(_run(self._a.change_port(order_id, port)))

    def reinstall(self, order_id: int, os_id: int) -> ServerAction:
        """Starts ``host_reinstall``; wait on the returned action until it is over."""
        return ServerAction(_run(self._a.reinstall(order_id, os_id)))

    def assign_ipv6(self, order_id: int) -> ServerIpAddress:
        return _run(self._a.assign_ipv6(order_id))

    def wait_for_status(
        self, order_id: int, status: ServerStatus, timeout: float | datetime.timedelta = 300.0
    ) -> OrderDetail:
        """Polls the order until its server reaches ``status``; :class:`TimeoutError` after
        ``timeout`` (seconds or a timedelta)."""
        return _run(self._a.wait_for_status(order_id, status, timeout))


class Tickets:
    """Support tickets."""

    def __init__(self, a: _async.AsyncTickets) -> None:
        self._a = a

    def list(self, page: int | None = None, page_size: int | None = None) -> TicketPage:
        return _run(self._a.list(page, page_size))

    def iter(self, page_size: int | None = None) -> typing.Iterator[Ticket]:
        """Every ticket, fetched page by page as you iterate."""
        return _walk(self._a._n.iter(page_size))

    def get(self, id: int) -> Ticket:
        return _run(self._a.get(id))

    def close(self, id: int) -> Ticket:
        return _run(self._a.close(id))

    def create(self, new_ticket: NewTicket) -> Ticket:
        return _run(self._a.create(new_ticket))


class Chats:
    """The chats of tickets."""

    def __init__(self, a: _async.AsyncChats) -> None:
        self._a = a

    def messages(
        self, chat_id: int, limit: int | None = None, offset: int | None = None
    ) -> list[ChatMessage]:
        return _run(self._a.messages(chat_id, limit, offset))

    def iter_messages(self, chat_id: int) -> typing.Iterator[ChatMessage]:
        """Every message of the chat, fetched page by page as you iterate."""
        return _walk(self._a._n.iter_messages(chat_id))

    def send(
        self, chat_id: int, text: str | None = None, attachments: typing.Iterable[UploadSource] = ()
    ) -> ChatMessage:
        """Text, files (bytes, paths, file objects), or both."""
        return _run(self._a.send(chat_id, text, attachments))


class Client:
    """The PSB Hosting API, blocking. ``with Client(token=...) as client:``.

    ``timeout`` is per attempt in seconds; ``max_retries`` counts retries after the first
    attempt (reads and idempotent writes, on 408/429/502/503/504 and broken connections)."""

    def __init__(
        self,
        token: str | None = None,
        base_url: str | None = None,
        *,
        timeout: float | None = None,
        max_retries: int | None = None,
        user_agent: str | None = None,
        initial_backoff: float | None = None,
        max_backoff: float | None = None,
        max_retry_after: float | None = None,
        _native: _ffi.Client | None = None,
    ) -> None:
        a = AsyncClient(
            token,
            base_url,
            timeout=timeout,
            max_retries=max_retries,
            user_agent=user_agent,
            initial_backoff=initial_backoff,
            max_backoff=max_backoff,
            max_retry_after=max_retry_after,
            _native=_native,
        )
        self._async = a
        self.account = AccountResource(a.account)
        self.products = Products(a.products)
        self.recipes = Recipes(a.recipes)
        self.orders = Orders(a.orders)
        self.payments = Payments(a.payments)
        self.servers = Servers(a.servers)
        self.tickets = Tickets(a.tickets)
        self.chats = Chats(a.chats)

    @classmethod
    def from_env(cls) -> Client:
        """From ``PSB_API_TOKEN`` (required) and ``PSB_API_URL`` (optional)."""
        return cls(_native=_async._native_from_env())

    @property
    def base_url(self) -> str:
        return self._async.base_url

    def close(self) -> None:
        """Releases the connection pool; the client cannot be used afterwards."""
        _async._close(self._async)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        # The token is never kept on the Python side, and never shown.
        return f"Client(base_url={self.base_url!r})"
