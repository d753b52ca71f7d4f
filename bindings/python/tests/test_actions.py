"""Server action handles, as Python shows them (the waits themselves are shared scenarios,
tests/scenarios/cases.json): one class per client, and a repr that names the action."""

from __future__ import annotations

import asyncio

from conftest import Sandbox

import psb_hosting


def test_each_client_returns_its_own_handle(sandbox: Sandbox) -> None:
    with sandbox.client() as client:
        restart = client.servers.restart(25284)
        assert isinstance(restart, psb_hosting.ServerAction)
        assert "host_restart" in repr(restart) and "25284" in repr(restart)

    async def main() -> None:
        async with sandbox.aclient() as client:
            restart = await client.servers.restart(25284)
            assert isinstance(restart, psb_hosting.AsyncServerAction)
            assert (await restart.wait(10)).state == "Complete"

    asyncio.run(main())
