"""Records as Python shows them: every field in the repr (a server password as ***), equality,
keyword constructors and match statements, on what the sandbox sends."""

from __future__ import annotations

from conftest import Sandbox

from psb_hosting import Account, IssuedOrder, IssuedVps, NewOrder, OrderDetail, PaymentMethod, Secret


def test_a_record_repr_lists_every_field(sandbox: Sandbox) -> None:
    with sandbox.client() as client:
        account = client.account.get()
        detail = client.orders.get(25284)
    text = repr(account)
    assert text.startswith("Account(id=") and f"username={account.username!r}" in text
    assert f"balance={account.balance!r}" in text
    issued = repr(detail.issued_order)
    assert issued.startswith("IssuedOrder.VPS(IssuedVps(id="), issued
    assert "password=Secret('***')" in issued and "ip='" in issued
    assert isinstance(detail.issued_order, IssuedOrder.VPS)
    vps = detail.issued_order[0]
    assert isinstance(vps, IssuedVps) and vps.password.expose() not in repr(detail)


def test_records_compare_and_match(sandbox: Sandbox) -> None:
    with sandbox.client() as client:
        first, second = client.orders.get(25284), client.orders.get(25284)
    assert first == second and isinstance(first, OrderDetail)
    match first.issued_order[0]:
        case IssuedVps(id=_, ip=ip, port=port):
            assert ip and port > 0
        case _:
            raise AssertionError("an issued VPS did not match")
    order = NewOrder(product_id=175, payment=PaymentMethod.BALANCE, os=5)
    match order:
        case NewOrder(product_id, payment):
            assert (product_id, payment) == (175, PaymentMethod.BALANCE)
    assert repr(order).startswith("NewOrder(product_id=175, payment=<PaymentMethod.BALANCE: ")
    assert Account.__match_args__[0] == "id"
    assert repr(Secret("hunter2")) == "Secret('***')"


def test_the_native_configuration_never_shows_the_token() -> None:
    from psb_hosting._native import psb_uniffi

    config = psb_uniffi.ClientConfig(token=Secret("sandbox-token"), base_url="http://127.0.0.1:9")
    for shown in (repr(config), str(config)):
        assert "sandbox-token" not in shown and "***" in shown, shown
