"""Server passwords and the token never show in repr() or str()."""

from __future__ import annotations

from conftest import TOKEN, Sandbox

import psb_hosting


def test_passwords_and_token_stay_hidden(sandbox: Sandbox) -> None:
    with sandbox.client() as client:
        detail = client.orders.get(25284)
        issued = detail.issued_order
        assert issued is not None
        vps = issued[0] if isinstance(issued, tuple) else getattr(issued, "_values", [issued])[0]
        password = vps.password
        assert isinstance(password, psb_hosting.Secret)
        secret = password.expose()
        assert secret and secret != "***"
        for text in (repr(detail), str(detail), repr(issued), repr(vps), str(password), repr(client)):
            assert secret not in text, text
            assert TOKEN not in text, text
        orders = client.orders.list()
        assert secret not in repr(orders)


def test_default_headers_go_with_every_request_and_never_show(sandbox: Sandbox) -> None:
    with sandbox.client(default_headers={"X-Trace": "trace-py", "x-gateway-key": "gw-secret-py"}) as client:
        client.account.get()
        assert "gw-secret-py" not in repr(client)
    seen = sandbox.requests("users_get_data")
    assert seen[-1]["extra_headers"] == {"x-trace": "trace-py", "x-gateway-key": "gw-secret-py"}
    assert seen[-1]["authorization"] == "[redacted]"
