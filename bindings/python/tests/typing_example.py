# A user's program for mypy --strict (not collected by pytest): the names a user reaches for,
# with the types they should have.
import datetime as _dt
import decimal as _dec
import typing as _t

import psb_hosting as _psb


def _types(client: _psb.Client, aclient: _psb.AsyncClient) -> None:
    balance: _dec.Decimal = client.account.get().balance
    created: _dt.datetime = client.orders.get(1).order_data.date_create
    ids: list[int] = [o.id for o in client.orders.list()]
    pages: _t.Iterator[_psb.Payment] = client.payments.iter(page_size=10)
    stream: _t.AsyncIterator[_psb.Ticket] = aclient.tickets.iter()
    coro: _t.Awaitable[_psb.OrderDetail] = aclient.orders.get(1)
    u: _psb.Upload = _psb.upload(b"x", file_name="a.txt")
    try:
        client.orders.get(1)
    except _psb.PsbError as e:
        status: _t.Optional[int] = e.status
        detail: str = e.detail
        print(balance, created, ids, pages, stream, coro, u, status, detail)
