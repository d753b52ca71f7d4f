"""The asyncio client: every method is a coroutine over the native one."""

from __future__ import annotations

import builtins
import datetime
import typing

from typing_extensions import Self

from ._errors import NativeError, convert
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
    PaymentQuery,
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
from ._uploads import UploadSource, uploads

__all__ = ["AsyncClient", "AsyncServerAction"]

T = typing.TypeVar("T")
DEFAULT_BASE_URL = "https://backend.psb.hosting"


async def _call(coro: typing.Awaitable[T]) -> T:
    try:
        return await coro
    except NativeError as e:
        raise convert(e) from None


async def _walk(stream: typing.Any) -> typing.AsyncIterator[typing.Any]:
    while True:
        item = await _call(stream.next())
        if item is None:
            return
        yield item


def _ms(seconds: float | None) -> int | None:
    return None if seconds is None else int(seconds * 1000)


def _native_client(
    token: str | None,
    base_url: str | None,
    timeout: float | None,
    max_retries: int | None,
    user_agent: str | None,
    initial_backoff: float | None,
    max_backoff: float | None,
    max_retry_after: float | None,
) -> _ffi.Client:
    config = _ffi.ClientConfig(
        token=token,
        base_url=base_url,
        timeout_ms=_ms(timeout),
        max_retries=max_retries,
        user_agent=user_agent,
        initial_backoff_ms=_ms(initial_backoff),
        max_backoff_ms=_ms(max_backoff),
        max_retry_after_ms=_ms(max_retry_after),
    )
    try:
        return _ffi.Client(config)
    except NativeError as e:
        raise convert(e) from None


def _native_from_env() -> _ffi.Client:
    try:
        return _ffi.Client.from_env()
    except NativeError as e:
        raise convert(e) from None


class _Resource:
    __slots__ = ("_n",)

    def __init__(self, native: typing.Any) -> None:
        self._n = native

    def __repr__(self) -> str:
        return f"<{type(self).__name__}>"


class AsyncAccount(_Resource):
    """The account the token belongs to."""

    async def get(self) -> Account:
        """``GET /users/me``."""
        return await _call(self._n.get())


class AsyncProducts(_Resource):
    """The catalog (public)."""

    async def list(self, types: typing.Iterable[str] | None = None) -> builtins.list[Product]:
        """``GET /products``; ``types`` filters by product type (``["VPS"]``)."""
        return await _call(self._n.list(list(types or [])))

    async def get(self, id: int) -> Product:
        """``GET /products/{id}``."""
        return await _call(self._n.get(id))


class AsyncRecipes(_Resource):
    """Scripts for new servers (public)."""

    async def list(self) -> builtins.list[Recipe]:
        return await _call(self._n.list())

    async def get(self, id: int) -> Recipe:
        return await _call(self._n.get(id))


class AsyncOrders(_Resource):
    """Orders: buying, prolonging, changing and ending them."""

    async def list(self) -> builtins.list[Order]:
        """``GET /order``: every order of the account."""
        return await _call(self._n.list())

    async def get(self, id: int) -> OrderDetail:
        """``GET /order/{id}``."""
        return await _call(self._n.get(id))

    async def create(self, new_order: NewOrder) -> OrderCreated:
        """``POST /order`` (never retried once sent)."""
        return await _call(self._n.create(new_order))

    async def prolong(self, id: int, period: int | None = None) -> Order:
        """``POST /order/{id}/prolong``: one more period (the order's own, or ``period``)."""
        return await _call(self._n.prolong(id, period))

    async def toggle_auto_prolong(self, id: int) -> Order:
        """``PUT /order/{id}/make_auto_prolong``."""
        return await _call(self._n.toggle_auto_prolong(id))

    async def products_for_change(self, id: int) -> ProductsForChange:
        """``GET /order/{id}/get_products_for_change``."""
        return await _call(self._n.products_for_change(id))

    async def change_product(self, id: int, product_id: int) -> Order:
        """``PUT /order/{id}/change_product``."""
        return await _call(self._n.change_product(id, product_id))

    async def terminate(self, id: int) -> Order:
        """``POST /order/{id}/early-termination``: ends the order now. There is no undo."""
        return await _call(self._n.terminate(id))


def _query(
    page: int | None,
    page_size: int | None,
    sort_by: PaymentSortBy | None,
    sort_order: SortOrder | None,
) -> PaymentQuery:
    return PaymentQuery(page=page, page_size=page_size, sort_by=sort_by, sort_order=sort_order)


class AsyncPayments(_Resource):
    """The payment ledger."""

    async def list(
        self,
        page: int | None = None,
        page_size: int | None = None,
        sort_by: PaymentSortBy | None = None,
        sort_order: SortOrder | None = None,
    ) -> PaymentPage:
        """``GET /payment``: one page (``page_size`` 1 to 1000)."""
        return await _call(self._n.list(_query(page, page_size, sort_by, sort_order)))

    def iter(
        self,
        page: int | None = None,
        page_size: int | None = None,
        sort_by: PaymentSortBy | None = None,
        sort_order: SortOrder | None = None,
    ) -> typing.AsyncIterator[Payment]:
        """Every payment (from ``page``), fetched page by page as you iterate."""
        return _walk(self._n.iter(_query(page, page_size, sort_by, sort_order)))


def _timeout_ms(timeout: float | datetime.timedelta) -> int:
    seconds = timeout.total_seconds() if isinstance(timeout, datetime.timedelta) else timeout
    return int(seconds * 1000)


class AsyncServerAction:
    """A server action the provider is carrying out (a restart, a reinstall, a new password,
    ...), as the call that started it returns it: ``await action.wait()`` ends when its entry
    in the server history has completed."""

    __slots__ = ("_n",)

    def __init__(self, native: typing.Any) -> None:
        self._n = native

    @property
    def order_id(self) -> int:
        """The order whose server the action runs on."""
        return int(self._n.order_id())

    @property
    def action(self) -> str:
        """The action's name in the server history (``host_restart``, ``change_password``, ...)."""
        return str(self._n.action())

    @property
    def message(self) -> str:
        """The provider's acknowledgement."""
        return str(self._n.message())

    async def wait(self, timeout: float | datetime.timedelta = 300.0) -> ServerHistoryEntry:
        """The action's history entry once it has completed; :class:`ServerError` if it failed,
        :class:`TimeoutError` (naming the last state seen) after ``timeout`` (seconds or a
        timedelta)."""
        return await _call(self._n.wait(_timeout_ms(timeout)))

    def __repr__(self) -> str:
        return f"<AsyncServerAction {self.action} on order {self.order_id}>"


class AsyncServers(_Resource):
    """The servers behind orders: power, access, network."""

    async def start(self, order_id: int) -> AsyncServerAction:
        """Starts ``host_start``; ``await (await servers.start(id)).wait()`` until it is over."""
        return AsyncServerAction(await _call(self._n.start(order_id)))

    async def stop(self, order_id: int) -> AsyncServerAction:
        """Starts ``host_stop``; ``await (await servers.stop(id)).wait()`` until it is over."""
        return AsyncServerAction(await _call(self._n.stop(order_id)))

    async def restart(self, order_id: int) -> AsyncServerAction:
        """Starts ``host_restart``; ``await (await servers.restart(id)).wait()`` until it is over."""
        return AsyncServerAction(await _call(self._n.restart(order_id)))

    async def history(self, order_id: int) -> list[ServerHistoryEntry]:
        return await _call(self._n.history(order_id))

    async def ip_addresses(self, order_id: int) -> list[ServerIpAddress]:
        return await _call(self._n.ip_addresses(order_id))

    async def add_ptr(self, order_id: int, ip: str, domain: str) -> ServerIpAddress:
        return await _call(self._n.add_ptr(order_id, ip, domain))

    async def update_ptr(self, order_id: int, ip: str, domain: str) -> ServerIpAddress:
        return await _call(self._n.update_ptr(order_id, ip, domain))

    async def change_password(self, order_id: int, password: str) -> AsyncServerAction:
        """Starts ``change_password``; wait on the returned action until it is over."""
        return AsyncServerAction(await _call(self._n.change_password(order_id, password)))

    async def change_port(self, order_id: int, port: int) -> AsyncServerAction:
        """Starts ``change_port``; wait on the returned action until it is over."""
        return AsyncServerAction(await _call(self._n.change_port(order_id, port)))

    async def reinstall(self, order_id: int, os_id: int) -> AsyncServerAction:
        """Starts ``host_reinstall``; wait on the returned action until it is over."""
        return AsyncServerAction(await _call(self._n.reinstall(order_id, os_id)))

    async def assign_ipv6(self, order_id: int) -> ServerIpAddress:
        return await _call(self._n.assign_ipv6(order_id))

    async def wait_for_status(
        self, order_id: int, status: ServerStatus, timeout: float | datetime.timedelta = 300.0
    ) -> OrderDetail:
        """Polls the order until its server reaches ``status``; :class:`TimeoutError` after
        ``timeout`` (seconds or a timedelta). For state changes such as an order's delivery:
        to wait for a power action, wait on the action it returned."""
        return await _call(self._n.wait_for_status(order_id, status, _timeout_ms(timeout)))


class AsyncTickets(_Resource):
    """Support tickets."""

    async def list(self, page: int | None = None, page_size: int | None = None) -> TicketPage:
        """``GET /tickets``: one page (``page_size`` 1 to 10)."""
        return await _call(self._n.list(page, page_size))

    def iter(self, page_size: int | None = None) -> typing.AsyncIterator[Ticket]:
        """Every ticket, fetched page by page as you iterate."""
        return _walk(self._n.iter(page_size))

    async def get(self, id: int) -> Ticket:
        return await _call(self._n.get(id))

    async def close(self, id: int) -> Ticket:
        return await _call(self._n.close(id))

    async def create(self, new_ticket: NewTicket) -> Ticket:
        """``POST /tickets``: its message and attachments open the ticket's chat."""
        return await _call(self._n.create(new_ticket))


class AsyncChats(_Resource):
    """The chats of tickets."""

    async def messages(
        self, chat_id: int, limit: int | None = None, offset: int | None = None
    ) -> list[ChatMessage]:
        """``GET /chats/{id}/messages``: up to ``limit`` (1 to 100) messages from ``offset``."""
        return await _call(self._n.messages(chat_id, limit, offset))

    def iter_messages(self, chat_id: int) -> typing.AsyncIterator[ChatMessage]:
        """Every message of the chat, fetched page by page as you iterate."""
        return _walk(self._n.iter_messages(chat_id))

    async def send(
        self, chat_id: int, text: str | None = None, attachments: typing.Iterable[UploadSource] = ()
    ) -> ChatMessage:
        """``POST /chats/{id}/messages``: text, files (bytes, paths, file objects), or both."""
        return await _call(self._n.send(chat_id, text, uploads(attachments)))


class AsyncClient:
    """The PSB Hosting API, with coroutines. ``async with AsyncClient(token=...) as client:``.

    ``timeout`` is per attempt in seconds; ``max_retries`` counts retries after the first
    attempt (reads and idempotent writes, on 408/429/502/503/504 and broken connections)."""

    account: AsyncAccount
    products: AsyncProducts
    recipes: AsyncRecipes
    orders: AsyncOrders
    payments: AsyncPayments
    servers: AsyncServers
    tickets: AsyncTickets
    chats: AsyncChats

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
        native = _native or _native_client(
            token, base_url, timeout, max_retries, user_agent, initial_backoff, max_backoff, max_retry_after
        )
        self._attach(native)

    def _attach(self, native: _ffi.Client) -> None:
        self._native: _ffi.Client | None = native
        self._base_url = native.base_url()
        self.account = AsyncAccount(native.account())
        self.products = AsyncProducts(native.products())
        self.recipes = AsyncRecipes(native.recipes())
        self.orders = AsyncOrders(native.orders())
        self.payments = AsyncPayments(native.payments())
        self.servers = AsyncServers(native.servers())
        self.tickets = AsyncTickets(native.tickets())
        self.chats = AsyncChats(native.chats())

    @classmethod
    def from_env(cls) -> AsyncClient:
        """From ``PSB_API_TOKEN`` (required) and ``PSB_API_URL`` (optional)."""
        return cls(_native=_native_from_env())

    @property
    def base_url(self) -> str:
        return self._base_url

    async def aclose(self) -> None:
        """Releases the connection pool; the client cannot be used afterwards."""
        _close(self)

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        # The token is never kept on the Python side, and never shown.
        return f"{type(self).__name__}(base_url={self._base_url!r})"


class _Closed:
    def __getattr__(self, name: str) -> typing.NoReturn:
        from ._errors import InvalidArgumentError

        raise InvalidArgumentError("InvalidArgument: the client is closed", detail="the client is closed")


def _close(client: typing.Any) -> None:
    client._native = None
    for name in ("account", "products", "recipes", "orders", "payments", "servers", "tickets", "chats"):
        getattr(client, name)._n = _Closed()
