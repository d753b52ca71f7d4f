"""Server actions return a handle whose ``wait`` ends with the action's own history entry."""

from __future__ import annotations

import asyncio
import time

import pytest
from conftest import Sandbox

import psb_hosting


def test_a_restart_is_waited_for_until_it_is_over(sandbox: Sandbox) -> None:
    with sandbox.client() as client:
        before = max(h.id for h in client.servers.history(25284))
        restart = client.servers.restart(25284)
        assert isinstance(restart, psb_hosting.ServerAction)
        assert (restart.order_id, restart.action) == (25284, "host_restart")
        assert restart.message
        # The server reads Active while the restart is pending.
        pending = [h for h in client.servers.history(25284) if h.id > before]
        assert [h.state for h in pending] == ["Pending"]
        entry = restart.wait(timeout=10)
        assert (entry.name, entry.state) == ("host_restart", "Complete")
        assert entry.id == pending[0].id
        assert "host_restart" in repr(restart)


def test_every_action_returns_a_handle(sandbox: Sandbox) -> None:
    with sandbox.client() as client:
        s = client.servers
        actions = [
            s.stop(25284),
            s.start(25284),
            s.change_password(25284, "n3w-Passw0rd"),
            s.change_port(25284, 2222),
        ]
        assert [a.action for a in actions] == ["host_stop", "host_start", "change_password", "change_port"]
        assert all(a.wait(10).state == "Complete" for a in actions)


def test_a_wait_that_runs_out_is_a_timeout_naming_the_state(sandbox: Sandbox) -> None:
    with sandbox.client() as client:
        restart = client.servers.restart(25284)
        started = time.monotonic()
        with pytest.raises(psb_hosting.TimeoutError) as e:
            restart.wait(timeout=0.01)
        assert time.monotonic() - started < 2
        assert "host_restart on order 25284" in str(e.value)
        assert "last seen" in str(e.value)


def test_the_async_handle_waits_too(sandbox: Sandbox) -> None:
    async def main() -> None:
        async with sandbox.aclient() as client:
            restart = await client.servers.restart(25284)
            assert isinstance(restart, psb_hosting.AsyncServerAction)
            entry = await restart.wait(10)
            assert (entry.name, entry.state) == ("host_restart", "Complete")

    asyncio.run(main())
