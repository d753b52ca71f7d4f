"""Results cross to Python as rows (bindings/uniffi/src/rows.rs, psb_hosting/_rows.py), not
through uniffi's generated lifting. Each read-only method here is called both ways on one native
client, and the two results must be equal field for field (uniffi's records compare every
field, nested records and unions included): orders of both kinds, amounts, timestamps,
optional and empty fields, raw JSON parameters, and vocabulary values this version does not
know. Records in a list are built on first use (tested last)."""

from __future__ import annotations

import asyncio
import concurrent.futures
import copy
import pickle
import typing

from conftest import TOKEN, Sandbox

from psb_hosting import Order, _rows
from psb_hosting._native import psb_model, psb_uniffi


def both_ways(native: typing.Any, method: str, result: typing.Any, *args: typing.Any) -> typing.Any:
    typed = asyncio.run(getattr(native, method)(*args))
    rows = _rows.lift(result, asyncio.run(getattr(native, f"{method}_rows")(*args)))
    assert rows == typed, f"{method}{args}: rows {rows!r} != uniffi {typed!r}"
    assert type(rows) is type(typed) and repr(rows) == repr(typed)
    return rows


def check_every_reader(url: str) -> int:
    client = psb_uniffi.Client(psb_uniffi.ClientConfig(token=psb_model.Secret(TOKEN), base_url=url))
    compared = 0
    both_ways(client.account(), "get", psb_model.Account)
    products = both_ways(client.products(), "list", list[psb_model.Product], [])
    for product in products[:5]:
        both_ways(client.products(), "get", psb_model.Product, product.id)
    for recipe in both_ways(client.recipes(), "list", list[psb_model.Recipe])[:3]:
        both_ways(client.recipes(), "get", psb_model.Recipe, recipe.id)
    orders = both_ways(client.orders(), "list", list[psb_model.Order])
    kinds = set()
    for order in orders:
        detail = both_ways(client.orders(), "get", psb_model.OrderDetail, order.id)
        kinds.add(type(detail.issued_order).__name__)
        if detail.status_machine is not None:
            both_ways(client.servers(), "history", list[psb_model.ServerHistoryEntry], order.id)
            both_ways(client.servers(), "ip_addresses", list[psb_model.ServerIpAddress], order.id)
            both_ways(client.orders(), "products_for_change", psb_model.ProductsForChange, order.id)
        compared += 1
    assert {"IssuedOrder.VPS", "IssuedOrder.VPN"} <= kinds, (
        f"the sandbox's orders should hold both kinds, got {kinds}"
    )
    both_ways(client.payments(), "list", psb_model.PaymentPage, psb_model.PaymentQuery(page=1, page_size=50))
    tickets = both_ways(client.tickets(), "list", psb_model.TicketPage, None, None)
    for ticket in tickets.items:
        both_ways(client.tickets(), "get", psb_model.Ticket, ticket.id)
        # Reading a chat marks its messages read: read it once before comparing.
        asyncio.run(client.chats().messages(ticket.chat.info.id, None, None))
        both_ways(client.chats(), "messages", list[psb_model.ChatMessage], ticket.chat.info.id, None, None)
    return compared


def test_rows_build_exactly_what_uniffi_lifts(sandbox: Sandbox) -> None:
    assert check_every_reader(sandbox.url) >= 3


def test_rows_keep_values_this_version_does_not_know(sandbox: Sandbox) -> None:
    sandbox.vocabulary({"Заказ выдан": "Заморожен", "Активна": "Мигрирует", "Открыт": "Ожидает"})
    check_every_reader(sandbox.url)


def test_list_items_are_built_on_first_use(sandbox: Sandbox) -> None:
    """A list's records keep their row until something of them is read or written; then each
    is a plain record, and nothing can tell the difference but `type()` before that."""
    with sandbox.client() as client:
        expected = client.orders.list()[-1]

        def unread() -> Order:
            item = client.orders.list()[-1]
            assert isinstance(item, Order) and type(item) is not Order and type(item).__name__ == "Order"
            return item

        first = unread()
        assert first.id == expected.id and type(first) is Order and first == expected
        # Written before it is read: the write wins, every other field is the row's.
        renamed = unread()
        renamed.name = "renamed"
        assert renamed.name == "renamed" and renamed.order_id == expected.order_id
        deleted = unread()
        del deleted.os
        assert not hasattr(deleted, "os") and deleted.status == expected.status
        # Copied, pickled, listed, shown and matched unread: each sees the whole record.
        assert copy.copy(unread()) == expected and type(copy.deepcopy(unread())) is Order
        assert pickle.loads(pickle.dumps(unread())) == expected
        assert "issued_order" in dir(unread()) and "_row" not in dir(unread())
        assert repr(unread()) == repr(expected) and str(unread()) == str(expected)
        match unread():
            case Order(id=order_id, status=status):
                assert (order_id, status) == (expected.id, expected.status)
        # Reads from several threads at once build each record once and see it whole.
        shared = client.orders.list()
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        seen = list(pool.map(lambda o: (o.id, o.product.id, o.status), shared * 50))
    assert seen == [(o.id, o.product.id, o.status) for o in shared] * 50
