"""Faults beyond the shared scenarios (tests/scenarios/cases.json holds the fault matrix, run
here with both clients): nothing listening at all."""

from __future__ import annotations

import builtins
import socket

import pytest
from conftest import FAST, Sandbox

import psb_hosting
from psb_hosting import ConnectionError, NewOrder, PaymentMethod


def test_a_connection_refused_is_a_connection_error() -> None:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    client = psb_hosting.Client(token="t", base_url=f"http://127.0.0.1:{port}", **FAST)  # type: ignore[arg-type]
    with pytest.raises(ConnectionError) as caught:
        client.orders.create(NewOrder(product_id=1, payment=PaymentMethod.BALANCE))
    # The SDK's class does not shadow the builtin: `except ConnectionError` without the import
    # (the builtin, an OSError) catches it too.
    assert isinstance(caught.value, builtins.ConnectionError) and isinstance(caught.value, OSError)


def test_a_timeout_is_also_the_builtin_timeout_error(sandbox: Sandbox) -> None:
    sandbox.fault("users_get_data", 1, {"type": "latency", "ms": 1500})
    with sandbox.client(timeout=0.2, max_retries=0) as client:
        try:
            client.account.get()
        except builtins.TimeoutError as e:
            assert isinstance(e, psb_hosting.TimeoutError) and e.kind == "Timeout"
        else:
            raise AssertionError("no timeout")
