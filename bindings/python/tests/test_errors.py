"""Errors as Python shows them: each kind its own exception class under PsbError, FastAPI's
validation details, configuration refused, secrets hidden (the errors the sandbox produces are
shared scenarios, tests/scenarios/cases.json, run with both clients)."""

from __future__ import annotations

import asyncio

import pytest
from conftest import TOKEN, Sandbox

import psb_hosting
from psb_hosting import InvalidArgumentError, NewOrder, PaymentMethod, PsbError, ValidationError


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
        "OutcomeUnknown",
    ]
    for kind in kinds:
        cls = getattr(psb_hosting, kind + "Error")
        assert issubclass(cls, PsbError) and cls.kind == kind
    assert issubclass(InvalidArgumentError, ValueError)


def test_invalid_input_is_a_validation_error_with_fastapis_details(sandbox: Sandbox) -> None:
    with pytest.raises(ValidationError) as info:
        sandbox.client().orders.create(NewOrder(product_id=175, payment=PaymentMethod.BALANCE))
    e = info.value
    assert e.status == 422
    assert any("os" in issue.loc for issue in e.validation), e.validation
    assert all(issue.msg and issue.kind for issue in e.validation)
    assert "os" in str(e)


def test_a_bad_configuration_is_refused() -> None:
    with pytest.raises(InvalidArgumentError, match="unencrypted") as info:
        psb_hosting.Client(token=TOKEN, base_url="http://example.com")
    assert "(true)" not in str(info.value), "the hint names no other language's method"
    assert psb_hosting.Client(token=TOKEN, base_url="http://example.com", allow_insecure_http=True).base_url
    with pytest.raises(InvalidArgumentError):
        psb_hosting.Client(token="", base_url="https://example.com")
    with pytest.raises(InvalidArgumentError):
        psb_hosting.AsyncClient(token=TOKEN, base_url="not a url")
    # Ranges are the core's to check, by the option's name.
    with pytest.raises(InvalidArgumentError, match="timeout must not be negative"):
        psb_hosting.Client(token=TOKEN, timeout=-1)
    with pytest.raises(InvalidArgumentError, match="max_retries must be between 0 and"):
        psb_hosting.Client(token=TOKEN, max_retries=-1)
    with pytest.raises(InvalidArgumentError, match="deadline must be a number of seconds"):
        psb_hosting.Client(token=TOKEN, deadline=float("nan"))
    with pytest.raises(InvalidArgumentError, match="the deadline must be longer than zero"):
        psb_hosting.Client(token=TOKEN, deadline=0)


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
