"""Errors: each kind is its own exception class under PsbError, with the status and the
server's detail; sync and async raise the same."""

from __future__ import annotations

import asyncio

import pytest
from conftest import OTHER_TOKEN, TOKEN, Sandbox

import psb_hosting
from psb_hosting import (
    BadRequestError,
    ConflictError,
    InvalidArgumentError,
    NewOrder,
    NotFoundError,
    PaymentMethod,
    PsbError,
    UnauthorizedError,
    ValidationError,
)


def test_the_hierarchy() -> None:
    kinds = [
        "BadRequest",
        "Unauthorized",
        "Forbidden",
        "NotFound",
        "Conflict",
        "Validation",
        "RateLimited",
        "Server",
        "Timeout",
        "Connection",
        "Decode",
        "InvalidArgument",
    ]
    for kind in kinds:
        cls = getattr(psb_hosting, kind + "Error")
        assert issubclass(cls, PsbError) and cls.kind == kind
    assert issubclass(InvalidArgumentError, ValueError)


def test_a_wrong_or_missing_token_is_unauthorized_but_the_catalog_is_public(sandbox: Sandbox) -> None:
    with pytest.raises(UnauthorizedError) as info:
        sandbox.client("wrong-token").account.get()
    e = info.value
    assert e.status == 401 and e.kind == "Unauthorized"
    assert e.detail and e.message == e.detail
    assert e.operation == "users_get_data"
    assert "/users/me" in str(e)
    assert "wrong-token" not in str(e) + repr(e)
    anonymous = sandbox.client(None)
    with pytest.raises(UnauthorizedError):
        anonymous.account.get()
    assert anonymous.products.list() and anonymous.recipes.list()


def test_another_users_objects_are_not_found(sandbox: Sandbox) -> None:
    other = sandbox.client(OTHER_TOKEN)
    for call in (
        lambda: other.orders.get(25284),
        lambda: other.tickets.get(51),
        lambda: other.chats.messages(51),
    ):
        with pytest.raises(NotFoundError) as info:
            call()
        assert info.value.status == 404
    with pytest.raises(NotFoundError) as info:
        sandbox.client().orders.get(999999)
    assert info.value.operation == "order_get_order_by_id"


def test_invalid_input_is_a_validation_error_with_fastapis_details(sandbox: Sandbox) -> None:
    with pytest.raises(ValidationError) as info:
        sandbox.client().orders.create(NewOrder(product_id=175, payment=PaymentMethod.BALANCE))
    e = info.value
    assert e.status == 422
    assert any("os" in issue.loc for issue in e.validation), e.validation
    assert all(issue.msg and issue.kind for issue in e.validation)
    assert "os" in str(e)


def test_a_balance_too_low_is_a_bad_request_and_buys_nothing(sandbox: Sandbox) -> None:
    client = sandbox.client()
    before = len(client.orders.list())
    product = client.products.get(175)
    order = NewOrder(
        product_id=product.id,
        payment=PaymentMethod.BALANCE,
        os=product.os[0].id,
        control_panel=product.control_panel[0].id,
    )
    bought = 0
    with pytest.raises(BadRequestError) as info:
        while bought < 1000:
            client.orders.create(order)
            bought += 1
    assert info.value.status == 400 and "balance" in info.value.detail.lower()
    assert len(client.orders.list()) == before + bought
    order.payment = PaymentMethod.HELEKET
    pending = client.orders.create(order)
    assert pending.payment_url
    assert pending.order.status == "AwaitingPayment"


def test_actions_on_a_deleted_order_conflict(sandbox: Sandbox) -> None:
    client = sandbox.client()
    client.orders.terminate(25284)
    with pytest.raises(ConflictError) as info:
        client.servers.start(25284)
    assert info.value.status == 409
    with pytest.raises(ConflictError):
        client.orders.prolong(25284)


def test_bad_arguments_are_refused_before_sending(sandbox: Sandbox) -> None:
    client = sandbox.client()
    calls = {
        "payment_get_all": lambda: client.payments.list(page_size=0),
        "tickets_get_ticket_list": lambda: client.tickets.list(page_size=11),
        "chats_get_chat_messages_by_id": lambda: client.chats.messages(51, limit=101),
        "server_change_port": lambda: client.servers.change_port(25284, 70000),
        "server_add_ptr_record_to_ip": lambda: client.servers.add_ptr(25284, "", "x.example.com"),
        "chats_create_chat_message": lambda: client.chats.send(51),
        "server_change_password": lambda: client.servers.change_password(25284, ""),
    }
    for op, call in calls.items():
        with pytest.raises(InvalidArgumentError) as info:
            call()
        assert info.value.status is None
        assert sandbox.attempts(op) == 0, f"{op} was sent"


def test_a_bad_configuration_is_refused() -> None:
    with pytest.raises(InvalidArgumentError, match="unencrypted"):
        psb_hosting.Client(token=TOKEN, base_url="http://example.com")
    with pytest.raises(InvalidArgumentError):
        psb_hosting.Client(token="", base_url="https://example.com")
    with pytest.raises(InvalidArgumentError):
        psb_hosting.AsyncClient(token=TOKEN, base_url="not a url")


def test_async_raises_the_same_classes(sandbox: Sandbox) -> None:
    async def run() -> None:
        async with sandbox.aclient("wrong") as client:
            with pytest.raises(UnauthorizedError):
                await client.account.get()
        async with sandbox.aclient() as client:
            with pytest.raises(NotFoundError):
                await client.orders.get(999999)
            with pytest.raises(InvalidArgumentError):
                await client.tickets.list(page_size=0)

    asyncio.run(run())


def test_the_token_never_shows(sandbox: Sandbox) -> None:
    secret = "sandbox-token"
    client = sandbox.client(secret)
    aclient = sandbox.aclient(secret)
    shown = [
        repr(client),
        str(client),
        repr(aclient),
        repr(client.orders),
        repr(aclient.orders),
        repr(vars(client)),
    ]
    assert all(secret not in s for s in shown), shown
    assert sandbox.url in repr(client)


def test_a_closed_client_refuses_calls(sandbox: Sandbox) -> None:
    with sandbox.client() as client:
        client.account.get()
    with pytest.raises(PsbError, match="closed"):
        client.account.get()


def test_from_env(sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PSB_API_TOKEN", TOKEN)
    monkeypatch.setenv("PSB_API_URL", sandbox.url)
    assert psb_hosting.Client.from_env().account.get().username == "user"
    assert asyncio.run(psb_hosting.AsyncClient.from_env().account.get()).username == "user"
    monkeypatch.delenv("PSB_API_TOKEN")
    with pytest.raises(InvalidArgumentError, match="PSB_API_TOKEN"):
        psb_hosting.Client.from_env()


def test_the_version() -> None:
    assert psb_hosting.__version__[0].isdigit(), psb_hosting.__version__


def test_a_misspelt_vocabulary_value_is_refused_at_once(sandbox: Sandbox) -> None:
    # A status no server ever reaches would make the wait run out its whole timeout.
    client = sandbox.client()
    with pytest.raises(InvalidArgumentError, match="Actve"):
        client.servers.wait_for_status(25284, "Actve", timeout=30)
    with pytest.raises(InvalidArgumentError, match="PsbVsp"):
        client.products.list(["PsbVsp"])
    # The filter takes the names the models read back, and keeps exactly those types.
    assert {p.product_type for p in client.products.list(["PsbVps"])} == {"PsbVps"}
