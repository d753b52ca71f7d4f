"""The vocabularies as Python enums: what the sandbox sends arrives as members (or, for a value
this version does not know, as a member-like value with its raw text), and what a caller passes
is checked before anything is sent."""

from __future__ import annotations

import enum
import pickle

import pytest
from conftest import Sandbox

from psb_hosting import (
    Department,
    InvalidArgumentError,
    NewTicket,
    OrderStatus,
    ProductType,
    ServerStatus,
)


def test_members_are_str_valued_enums_with_english_names() -> None:
    assert issubclass(OrderStatus, enum.Enum) and issubclass(OrderStatus, str)
    assert OrderStatus.ISSUED.value == "Issued" == OrderStatus.ISSUED
    assert OrderStatus.ISSUED.wire == "Заказ выдан"
    assert str(OrderStatus.ISSUED) == "Issued" and f"{OrderStatus.ISSUED}" == "Issued"
    assert repr(OrderStatus.ISSUED) == "<OrderStatus.ISSUED: 'Issued'>"
    assert [m.value for m in ProductType] == ["PsbVps", "HighCpuPsbVps", "Bulletproof", "AVpn"]
    # By English name in any case, or by the server's spelling; nothing else.
    assert OrderStatus("issued") is OrderStatus("Заказ выдан") is OrderStatus.ISSUED
    with pytest.raises(ValueError):
        OrderStatus("Issud")
    assert not OrderStatus.ISSUED.is_unknown


def test_what_the_server_sends_decodes_as_members(sandbox: Sandbox) -> None:
    with sandbox.client() as client:
        order = client.orders.get(25284)
        assert order.order_data.status is OrderStatus.ISSUED
        assert all(isinstance(p.product_type, ProductType) for p in client.products.list())
        assert client.servers.wait_for_status(25284, ServerStatus.ACTIVE).order_data.status == "Issued"


def test_a_value_this_version_does_not_know_is_kept(sandbox: Sandbox) -> None:
    sandbox.vocabulary({"Заказ выдан": "Заморожен"})
    with sandbox.client() as client:
        status = client.orders.get(25284).order_data.status
    assert isinstance(status, OrderStatus) and status.is_unknown
    assert status == "Заморожен" and status.value == "Заморожен" and status.wire == "Заморожен"
    assert repr(status) == "<OrderStatus (unknown): 'Заморожен'>"
    assert pickle.loads(pickle.dumps(status)) == status
    assert status not in list(OrderStatus)


def test_a_misspelt_argument_is_refused_before_sending(sandbox: Sandbox) -> None:
    with sandbox.client() as client:
        with pytest.raises(
            InvalidArgumentError, match=r"status: 'Actve' is not a ServerStatus \(one of Stopped, Active"
        ):
            client.servers.wait_for_status(25284, "Actve")
        with pytest.raises(InvalidArgumentError, match="types: 'VPS' is not a ProductType"):
            client.products.list(["VPS"])
        ticket = NewTicket(title="t", department="Sale", message="m", order_ids=[], attachments=[])  # type: ignore[arg-type]
        with pytest.raises(InvalidArgumentError, match="'Sale' is not a Department"):
            client.tickets.create(ticket)
        assert sandbox.attempts("products_get_all") == 0
        assert sandbox.attempts("tickets_create_ticket") == 0
        # The English name as a string and the member both go.
        assert client.products.list(["PsbVps"]) == client.products.list([ProductType.PSB_VPS])
        opened = client.tickets.create(
            NewTicket(title="t", department=Department.SALES, message="m", order_ids=[], attachments=[])
        )
        assert opened.department is Department.SALES
