"""The fault matrix: each fault the sandbox injects, and what the SDK makes of it (the right
exception, or a successful retry after a counted number of attempts), sync and async."""

from __future__ import annotations

import asyncio
import socket
import time

import pytest
from conftest import FAST, Sandbox

import psb_hosting
from psb_hosting import (
    ConnectionError,
    DecodeError,
    NewOrder,
    PaymentMethod,
    RateLimitedError,
    ServerError,
    TimeoutError,
)


def test_a_503_is_retried_until_it_passes(sandbox: Sandbox) -> None:
    sandbox.fault("users_get_data", 2, {"type": "status", "status": 503})
    sandbox.client().account.get()
    assert sandbox.attempts("users_get_data") == 3


def test_retries_stop_after_max_retries(sandbox: Sandbox) -> None:
    sandbox.fault("users_get_data", 5, {"type": "status", "status": 503, "detail": "maintenance"})
    with pytest.raises(ServerError) as info:
        sandbox.client().account.get()
    assert (info.value.status, info.value.detail) == (503, "maintenance")
    assert sandbox.attempts("users_get_data") == 3, "1 attempt + 2 retries"
    sandbox.reset()
    sandbox.fault("users_get_data", 1, {"type": "status", "status": 503})
    with pytest.raises(ServerError):
        sandbox.client(max_retries=0).account.get()
    assert sandbox.attempts("users_get_data") == 1


def test_retry_after_is_honoured(sandbox: Sandbox) -> None:
    sandbox.fault("order_get_user_orders", 1, {"type": "status", "status": 503, "retry_after": 1})
    started = time.monotonic()
    sandbox.client().orders.list()
    assert time.monotonic() - started >= 0.95
    assert sandbox.attempts("order_get_user_orders") == 2


def test_rate_limited_for_good_reports_retry_after(sandbox: Sandbox) -> None:
    sandbox.fault("order_get_user_orders", 3, {"type": "status", "status": 429, "retry_after": 0})
    with pytest.raises(RateLimitedError) as info:
        sandbox.client().orders.list()
    assert (info.value.status, info.value.retry_after) == (429, 0.0)


def test_a_cloudflare_page_is_a_server_error_not_a_decode_error(sandbox: Sandbox) -> None:
    sandbox.fault("users_get_data", 3, {"type": "cloudflare", "status": 502})
    with pytest.raises(ServerError) as info:
        sandbox.client().account.get()
    assert info.value.status == 502
    assert sandbox.attempts("users_get_data") == 3, "502 is retried"
    sandbox.reset()
    sandbox.fault("users_get_data", 1, {"type": "cloudflare", "status": 520})
    with pytest.raises(ServerError) as info:
        sandbox.client().account.get()
    assert info.value.status == 520
    assert sandbox.attempts("users_get_data") == 1


def test_a_slow_answer_times_out_and_a_get_is_retried(sandbox: Sandbox) -> None:
    client = sandbox.client(timeout=0.3)
    sandbox.fault("users_get_data", 1, {"type": "latency", "ms": 1500})
    client.account.get()
    sandbox.fault("users_get_data", 3, {"type": "latency", "ms": 1500})
    with pytest.raises(TimeoutError) as info:
        client.account.get()
    assert info.value.status is None


def test_a_dropped_connection_is_retried_for_a_get(sandbox: Sandbox) -> None:
    sandbox.fault("order_get_order_by_id", 1, {"type": "drop"})
    sandbox.client().orders.get(25284)
    assert sandbox.attempts("order_get_order_by_id") == 2


def test_a_post_whose_connection_drops_is_not_repeated(sandbox: Sandbox) -> None:
    client = sandbox.client()
    before = len(client.orders.list())
    product = client.products.get(175)
    order = NewOrder(
        product_id=product.id,
        payment=PaymentMethod.BALANCE,
        os=product.os[0].id,
        control_panel=product.control_panel[0].id,
    )
    sandbox.fault("order_new_order", 1, {"type": "drop"})
    with pytest.raises(ConnectionError):
        client.orders.create(order)
    assert sandbox.attempts("order_new_order") == 1, "an order is never sent twice"
    assert len(client.orders.list()) == before + 1


def test_a_connection_refused_is_a_connection_error() -> None:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    client = psb_hosting.Client(token="t", base_url=f"http://127.0.0.1:{port}", **FAST)  # type: ignore[arg-type]
    with pytest.raises(ConnectionError):
        client.orders.create(NewOrder(product_id=1, payment=PaymentMethod.BALANCE))


def test_a_truncated_body_is_retried_for_a_get(sandbox: Sandbox) -> None:
    sandbox.fault("order_get_user_orders", 1, {"type": "truncate"})
    sandbox.client().orders.list()
    assert sandbox.attempts("order_get_user_orders") == 2


def test_malformed_json_is_a_decode_error(sandbox: Sandbox) -> None:
    sandbox.fault("users_get_data", 1, {"type": "malformed_json"})
    with pytest.raises(DecodeError):
        sandbox.client().account.get()
    assert sandbox.attempts("users_get_data") == 1, "a decode error is not retried"


def test_a_multipart_post_is_not_repeated_after_a_503(sandbox: Sandbox) -> None:
    sandbox.fault("chats_create_chat_message", 1, {"type": "status", "status": 503})
    with pytest.raises(ServerError) as info:
        sandbox.client().chats.send(51, "hello")
    assert info.value.status == 503
    assert sandbox.attempts("chats_create_chat_message") == 1


def test_puts_are_retried(sandbox: Sandbox) -> None:
    sandbox.fault("server_change_port", 1, {"type": "status", "status": 502})
    sandbox.client().servers.change_port(25284, 2200)
    assert sandbox.attempts("server_change_port") == 2


@pytest.mark.parametrize(
    "fault, expected, attempts",
    [
        ({"type": "status", "status": 503}, ServerError, 3),
        ({"type": "status", "status": 429, "retry_after": 0}, RateLimitedError, 3),
        ({"type": "cloudflare", "status": 502}, ServerError, 3),
        ({"type": "latency", "ms": 1500}, TimeoutError, 3),
        ({"type": "drop"}, ConnectionError, 3),
        ({"type": "truncate"}, ConnectionError, 3),
        ({"type": "malformed_json"}, DecodeError, 1),
    ],
    ids=lambda v: v["type"] if isinstance(v, dict) else getattr(v, "__name__", str(v)),
)
def test_the_matrix_async(sandbox: Sandbox, fault: dict, expected: type, attempts: int) -> None:  # type: ignore[type-arg]
    """Each fault on every attempt: the asyncio client raises the class the blocking one does,
    after as many attempts."""
    sandbox.fault("users_get_data", attempts, fault)

    async def run() -> None:
        async with sandbox.aclient(timeout=0.3) as client:
            with pytest.raises(expected):
                await client.account.get()
            if fault["type"] != "latency":  # a slow answer is logged once it is sent
                assert sandbox.attempts("users_get_data") == attempts
            # The fault is used up: the next call passes.
            assert (await client.account.get()).username == "user"

    asyncio.run(run())
