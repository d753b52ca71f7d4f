"""Faults beyond the shared scenarios (tests/scenarios/cases.json holds the fault matrix, run
here with both clients): nothing listening at all."""

from __future__ import annotations

import socket

import pytest
from conftest import FAST

import psb_hosting
from psb_hosting import ConnectionError, NewOrder, PaymentMethod


def test_a_connection_refused_is_a_connection_error() -> None:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    client = psb_hosting.Client(token="t", base_url=f"http://127.0.0.1:{port}", **FAST)  # type: ignore[arg-type]
    with pytest.raises(ConnectionError):
        client.orders.create(NewOrder(product_id=1, payment=PaymentMethod.BALANCE))
